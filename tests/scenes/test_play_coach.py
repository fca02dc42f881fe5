"""The coach on the play screen: the member's video in place of the guide, the frame due at the song
time, mirrored by default, a message (never a stop) when it cannot play, closed when play leaves."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.chart import VideoRef  # noqa: E402
from game.scenes import play as play_mod  # noqa: E402
from game.scenes.shots import first_chart  # noqa: E402
from game.ui.play_layout import GUIDE  # noqa: E402
from songkit import SHARED_DATA  # noqa: E402

FPS = 10
OFFSET = 1.0  # the video's first frame plays at song time 1.0


def _level(i: int) -> int:
    return 20 + 9 * i


@pytest.fixture(scope="module")
def coach_video(tmp_path_factory) -> Path:
    """Frame i: top half grey at _level(i); bottom half white on the left, black on the right."""
    path = tmp_path_factory.mktemp("coach") / "dance.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (320, 240))
    for i in range(25):
        image = np.zeros((240, 320, 3), np.uint8)
        image[:120] = _level(i)
        image[120:, :160] = 255
        writer.write(image)
    writer.release()
    return path


def _play_with_video(app, path: Path | None, name: str = "dance.avi"):
    song, member, difficulty = first_chart(app)
    member = replace(member, video=VideoRef(name, path, OFFSET, 3))
    scene = play_mod.PlayScene(app, song, member, difficulty, virtual=True)
    app.push(scene)
    return scene


def _shown(app, scene, t: float) -> tuple[int, bool]:
    """(the frame index drawn at song time t, whether it is mirrored), read from the canvas."""
    play_mod.play_to(scene, t)
    app.draw()
    rect = scene.coach.frame_rect
    assert rect is not None, "no coach frame drawn"
    pixels = np.asarray([app.canvas.get_at((rect.x + rect.w * fx // 100, rect.y + rect.h * fy // 100))[:3]
                         for fx, fy in ((50, 25), (25, 75), (75, 75))], float).mean(axis=1)
    top, left, right = pixels
    return int(round((top - 20) / 9)), left < right


def test_the_coach_shows_the_frame_due_at_the_song_time_mirrored(app, coach_video):
    scene = _play_with_video(app, coach_video)
    assert scene.coach is not None and scene.coach.error is None
    assert GUIDE.contains(scene.coach.box)
    for t in (1.05, 1.55, 2.25, 2.95):
        index, mirrored = _shown(app, scene, t)
        assert index == int((t - OFFSET) * FPS + 1e-6)
        assert mirrored


def test_as_filmed_when_the_setting_says_so(app, coach_video):
    app.settings = replace(app.settings, coach_mirror=False)
    scene = _play_with_video(app, coach_video)
    index, mirrored = _shown(app, scene, 1.75)
    assert (index, mirrored) == (7, False)


def test_a_slowed_practice_song_plays_the_video_slower(app, coach_video):
    from game.practice.run import PracticeRun, PracticeSetup
    from game.scenes.practice_play import PracticePlayScene

    song, member, difficulty = first_chart(app)
    member = replace(member, video=VideoRef("dance.avi", coach_video, OFFSET, 3))
    run = PracticeRun(song, member.charts[difficulty], PracticeSetup(speed=0.5))
    scene = PracticePlayScene(app, song, member, difficulty, run, song.audio_path, virtual=True)
    app.push(scene)
    for t in (3.1, 4.1, 5.3):  # the slowed timeline: song time 4.1 there is 2.05 in the song (and the video)
        index, _ = _shown(app, scene, t)
        assert index == int((t * 0.5 - OFFSET) * FPS + 1e-6)


def test_before_the_video_starts_no_frame_and_the_screen_without_video_is_unchanged(app, coach_video):
    scene = _play_with_video(app, coach_video)
    play_mod.play_to(scene, 0.5)
    app.draw()
    assert scene.coach.frame_rect is None
    song, member, difficulty = first_chart(app)
    assert member.video is None and play_mod.PlayScene(app, song, member, difficulty, virtual=True).coach is None


@pytest.mark.parametrize("broken", ["missing", "garbage"])
def test_a_video_that_cannot_play_does_not_stop_the_song(app, tmp_path, broken, monkeypatch):
    path = None
    if broken == "garbage":
        path = tmp_path / "dance.mp4"
        path.write_bytes(b"not a video at all" * 100)
    scene = _play_with_video(app, path, "dance.mp4")
    assert scene.coach.error and scene.coach.video is None
    said: list[str] = []
    from game.ui import text

    real = text.draw_lines
    monkeypatch.setattr(text, "draw_lines", lambda s, lines, *a, **k: said.extend(lines) or real(s, lines, *a, **k))
    play_mod.play_to(scene, 3.0)
    app.draw()
    assert "dance.mp4" in " ".join(said) and scene.coach.frame_rect is None
    play_mod.play_to(scene, scene.song.duration + 10)
    assert scene.session.judgements, "the song played on"


def test_the_coach_closes_when_play_leaves(app, coach_video):
    scene = _play_with_video(app, coach_video)
    play_mod.play_to(scene, 1.5)
    app.draw()
    worker = scene.coach.video._worker
    app.pop()
    assert scene.coach.closed and not worker.is_alive()


@pytest.mark.skipif(not (SHARED_DATA / "videos" / "romp_cardio_dance.mp4").is_file(),
                    reason="../shared/data/videos/romp_cardio_dance.mp4 absent (the shared test data)")
def test_a_real_1080p_dance_video_fits_the_panel(app):
    scene = _play_with_video(app, SHARED_DATA / "videos" / "romp_cardio_dance.mp4", "romp_cardio_dance.mp4")
    play_mod.play_to(scene, 3.0)
    app.draw()
    rect = scene.coach.frame_rect
    assert rect is not None and GUIDE.contains(rect) and rect.w >= 300
