"""The coach video keeps in step with the music clock: the frame due, never a drifting one."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.clock import VirtualClock
from game.coach import CoachVideo

FPS = 24
BITS = 10  # frame index written as 10 black/white blocks across the top of each frame


def _write_indexed_video(path: Path, seconds: float) -> Path:
    """A 160x120 MPEG-4 video whose frame i shows i in binary (16-px blocks, top half) and a white
    left half at the bottom (so mirroring shows)."""
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        stream.bit_rate = 2_000_000
        for i in range(int(seconds * FPS)):
            image = np.zeros((120, 160, 3), np.uint8)
            for bit in range(BITS):
                if i >> bit & 1:
                    image[:60, bit * 16:(bit + 1) * 16] = 255
            image[60:, :80] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def _index(frame: np.ndarray, mirrored: bool) -> int:
    top = frame[:60, ::-1] if mirrored else frame[:60]
    return sum(1 << bit for bit in range(BITS) if top[10:50, bit * 16 + 4:(bit + 1) * 16 - 4].mean() > 128)


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    return _write_indexed_video(tmp_path_factory.mktemp("coach") / "dance.mp4", 30.0)


def test_every_frame_shown_is_the_one_due_over_a_whole_song(video):
    """A 30 s song at 60 frames per second on the virtual clock, the coach starting 1.5 s in."""
    coach = CoachVideo(video, video_offset=1.5)
    clock = VirtualClock(step=1 / 60)
    shown = wrong = 0
    try:
        while clock.now() < 31.5:
            t = clock.tick()
            frame = coach.frame_at(t, wait_s=2.0)
            if t < 1.5:
                assert frame is None
                continue
            if t - 1.5 >= 30.0 - 1e-6:
                assert frame is None  # the video has ended: no frozen coach
                continue
            assert frame is not None
            due = int(np.floor((t - 1.5) * FPS + 1e-6))
            shown += 1
            wrong += _index(frame, mirrored=True) != due
    finally:
        coach.close()
    assert shown > 1700 and wrong == 0


def test_a_clock_faster_than_the_video_drops_frames_instead_of_drifting(video):
    coach = CoachVideo(video, mirror=False)
    try:
        for t in np.arange(0.0, 29.0, 0.5):  # 12 frames pass between two looks
            frame = coach.frame_at(float(t), wait_s=2.0)
            assert _index(frame, mirrored=False) == int(np.floor(t * FPS + 1e-6))
        assert coach.dropped > 600
    finally:
        coach.close()


def test_jumps_back_and_ahead_seek(video):
    coach = CoachVideo(video, mirror=False)
    try:
        for t in (10.0, 2.0, 25.0, 0.5):
            frame = coach.frame_at(t, wait_s=2.0)
            assert abs(_index(frame, mirrored=False) - t * FPS) <= 1
        assert coach.seeks >= 2
    finally:
        coach.close()


def test_mirrored_by_default_and_scaled(video):
    coach = CoachVideo(video, size=(80, 60))
    try:
        frame = coach.frame_at(0.1, wait_s=2.0)
        assert frame.shape == (60, 80, 3)
        assert frame[40:, 50:].mean() > 200 and frame[40:, :30].mean() < 50  # the white half moved right
    finally:
        coach.close()


def test_never_waits_in_play(video):
    """wait_s=0 returns at once: the previous frame (or none yet) while the worker decodes."""
    import time

    coach = CoachVideo(video)
    try:
        started = time.perf_counter()
        for t in np.arange(0.0, 2.0, 1 / 60):
            coach.frame_at(float(t))
        assert (time.perf_counter() - started) < 0.5
    finally:
        coach.close()
