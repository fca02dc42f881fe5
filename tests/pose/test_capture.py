"""The camera: stand-in videos, newest-frame-only reading, and a camera that goes away and comes back."""
import time
from pathlib import Path

import numpy as np
import pytest

from tests.pose.conftest import data_path
from game.pose.capture import Camera, CameraError, open_capture, parse_camera, video_frames

def test_parse_camera():
    assert parse_camera(None) == 0 and parse_camera("2") == 2 and parse_camera("clip.mp4") == Path("clip.mp4")


def test_missing_video_and_webcam_say_what_to_do(tmp_path):
    with pytest.raises(CameraError, match="not found; check the path given to --camera"):
        open_capture(tmp_path / "nope.mp4")
    (tmp_path / "bad.mp4").write_bytes(b"nonsense")
    with pytest.raises(CameraError, match="cannot read video"):
        open_capture(tmp_path / "bad.mp4")
    with pytest.raises(CameraError, match="no webcam found at index 7.*--camera PATH"):
        open_capture(7)


def test_video_timestamps_map_to_the_right_frames():
    frames = list(video_frames(data_path("mediapipe-reference", "pose_squats.mp4")))
    assert len(frames) == 65  # 13 s at 5 fps
    assert [f.t for f in frames[:3]] == pytest.approx([0.0, 0.2, 0.4])
    assert frames[-1].t == pytest.approx(12.8)


class FlakyCapture:
    """A fake webcam that delivers `frames` frames, then fails (unplugged)."""

    def __init__(self, frames: int):
        self.left = frames

    def read(self):
        time.sleep(0.005)
        if self.left <= 0:
            return False, None
        self.left -= 1
        return True, np.zeros((4, 4, 3), np.uint8)

    def get(self, prop):
        return 0.0

    def set(self, *a):
        return True

    def release(self):
        pass


def test_camera_keeps_only_the_newest_frame_and_comes_back_after_unplugging(monkeypatch):
    opens = []

    def opener(source):
        opens.append(time.monotonic())
        if len(opens) == 2:
            raise CameraError("still unplugged")
        return FlakyCapture(40)

    monkeypatch.setattr("game.pose.capture.LOST_AFTER_S", 0.2)
    clock = iter(range(10_000))
    cam = Camera(0, clock=lambda: next(clock), opener=opener).start()
    try:
        time.sleep(0.1)
        first = cam.latest()
        assert first is not None and cam.latest() is None  # each frame is handed out once
        deadline = time.monotonic() + 3
        while not cam.lost() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert cam.lost()  # unplugged: the play scene pauses
        deadline = time.monotonic() + 5
        while cam.lost() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not cam.lost() and len(opens) >= 3  # plugged back in: frames flow again
        newest = cam.latest()
        assert newest.index > first.index and cam.frames_dropped > 0
    finally:
        cam.stop()
