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
from game.scenes import play as play_mod  # noqa: E402
from game.scenes.shots import first_chart  # noqa: E402
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
    from game.scenes.member_select import MemberSelectScene
    from game.scenes.song_select import SongSelectScene
    from game.scenes.title import TitleScene

    song, member, difficulty = first_chart(app)
    app.reset_to(TitleScene(app))
    app.push(SongSelectScene(app))
    app.push(MemberSelectScene(app, song))
    scene = play_mod.PlayScene(app, song, member, difficulty, virtual=True)
    tracker = NobodyTracker()
    worker = PoseWorker(Camera(clip, scene.capture_time).start(), tracker)
    scene.attach_live(LivePlayer(worker.start(), None, clip.name))
    app.push(scene)
    return scene, tracker


def _advance(app, scene, tracker, to: float, settle: float = 0.3) -> None:
    """Step the song to `to`, giving the camera thread time to hand out the frames due by then."""
    while scene.now < to - 1e-9:
        app.step(min(0.05, to - scene.now))
        time.sleep(0.01)
    time.sleep(settle)
    app.step(0.0)


@pytest.fixture
def prompts(monkeypatch):
    from game.ui import camera_view

    shown: list[str] = []
    real = camera_view.prompt
    monkeypatch.setattr(camera_view, "prompt", lambda s, m, *a, **k: shown.append(m) or real(s, m, *a, **k))
    return shown


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


def test_a_dark_picture_is_said_to_be_too_dark(app, tmp_path, prompts):
    clip = write_clip(tmp_path / "dark.mp4", [np.full((48, 64, 3), 5, np.uint8)] * 40, fps=10)
    scene, tracker = _video_play(app, clip)
    try:
        _advance(app, scene, tracker, 0.5)
        prompts.clear()
        app.draw()
        assert any("Too dark" in m for m in prompts) and not any("Step into" in m for m in prompts), prompts
    finally:
        scene.leave()


def test_a_lit_empty_room_still_asks_the_player_to_step_in(app, tmp_path, prompts):
    clip = write_clip(tmp_path / "room.mp4", [np.full((48, 64, 3), 140, np.uint8)] * 40, fps=10)
    scene, tracker = _video_play(app, clip)
    try:
        _advance(app, scene, tracker, 0.5)
        prompts.clear()
        app.draw()
        assert any("Step into" in m for m in prompts) and not any("Too dark" in m for m in prompts), prompts
    finally:
        scene.leave()
