"""A video file as the camera in the window: in step with the song (not started during the
count-in), not looping when it ends (the play screen says when it ended), and a picture too dark
to see anyone in said to be too dark. A real Camera and PoseWorker over a clip built in the test;
the tracker is a stand-in (no MediaPipe needed)."""
from __future__ import annotations

import os
import time

import numpy as np
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.pose.capture import Camera  # noqa: E402
from game.pose.service import LivePlayer  # noqa: E402
from game.pose.tracker import PoseWorker, Status, TrackedFrame  # noqa: E402
from tests.scenes.test_camera_screens import _camera_play  # noqa: E402
from tests.pose.media import write_clip  # noqa: E402


class NobodyTracker:
    """Sees nobody in any frame; remembers the frame times it was given."""

    def __init__(self):
        self.times: list[float] = []

    def process(self, frame) -> TrackedFrame:
        self.times.append(frame.t)
        return TrackedFrame(frame, None, Status.NOBODY, None, 1.0)

    def close(self) -> None:
        pass


def _video_play(app, clip):
    scene = _camera_play(app, None)  # the demo until the camera is attached, as camera_check does
    tracker = NobodyTracker()
    worker = PoseWorker(Camera(clip, scene.capture_time).start(), tracker)
    scene.attach_live(LivePlayer(worker.start(), None, clip.name))
    return scene, tracker


def _advance(app, scene, tracker, to: float, settle: float = 0.3) -> None:
    """Step the song to `to`, giving the camera thread time to hand out the frames due by then."""
    while scene.now < to - 1e-9:
        app.step(min(0.05, to - scene.now))
        time.sleep(0.01)
    time.sleep(settle)
    app.step(0.0)


@pytest.fixture
def prompts(messages_to):
    from game.ui import camera_view

    return messages_to(camera_view, "prompt")


def test_a_video_camera_starts_with_the_song_and_says_when_it_ended(app, tmp_path, prompts):
    clip = write_clip(tmp_path / "short clip.mp4", [np.full((48, 64, 3), 150, np.uint8)] * 15, fps=10)  # 1.5 s
    scene, tracker = _video_play(app, clip)
    try:
        _advance(app, scene, tracker, -1.5)  # the count-in: only the first frame, as a preview
        assert tracker.times == [0.0]
        _advance(app, scene, tracker, 0.55)
        assert tracker.times and max(tracker.times) <= 0.55 + 1e-6  # never ahead of the song
        assert max(tracker.times) >= 0.3  # and keeping up with it
        _advance(app, scene, tracker, 2.5)
        assert scene.live.camera_ended_at == pytest.approx(1.5, abs=0.01)
        assert type(app.top).__name__ == "PlayScene" and not scene.live.lost()  # ended, not unplugged: no pause
        done = len(tracker.times)
        _advance(app, scene, tracker, 3.0)
        assert len(tracker.times) == done and max(tracker.times) < 1.5  # it does not loop back to its start
        prompts.clear()
        app.draw()
        assert any("ended at 1.5 s" in m for m in prompts), prompts
    finally:
        scene.leave()


@pytest.mark.parametrize("grey, said, not_said", [(5, "Too dark", "Step into"),  # a dark room
                                                  (140, "Step into", "Too dark")])  # a lit room with nobody in it
def test_a_dark_picture_is_said_to_be_too_dark(app, tmp_path, prompts, grey, said, not_said):
    clip = write_clip(tmp_path / "room.mp4", [np.full((48, 64, 3), grey, np.uint8)] * 40, fps=10)
    scene, tracker = _video_play(app, clip)
    try:
        _advance(app, scene, tracker, 0.5)
        prompts.clear()
        app.draw()
        assert any(said in m for m in prompts) and not any(not_said in m for m in prompts), prompts
    finally:
        scene.leave()
