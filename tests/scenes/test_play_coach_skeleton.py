"""The coach's skeleton on the play screen: drawn over the coach frame in the member's colour when
the setting is on (mirrored with the picture), not at all when off; without a cached skeleton (or
with a damaged one) the song plays on and a line says where it is worked out."""
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
from game.coachskeleton.cache import CoachPoses, cache_path, save  # noqa: E402
from game.scenes import play as play_mod  # noqa: E402
from game.scenes.shots import first_chart  # noqa: E402

FPS = 10
LEFT_ARM = {11: (0.70, 0.30), 13: (0.80, 0.45), 15: (0.90, 0.60)}  # left shoulder, elbow, wrist: the image's right


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def coach_video(tmp_path) -> Path:
    """2.5 s of flat grey frames (the skeleton is all that differs on screen)."""
    path = tmp_path / "dance.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (320, 240))
    for _ in range(25):
        writer.write(np.full((240, 320, 3), 90, np.uint8))
    writer.release()
    return path


def _left_arm_only(video: Path) -> None:
    """Cache a skeleton whose only sure joints are the left arm's (the rest below visibility)."""
    marks = np.zeros((25, 33, 4), np.float32)
    for joint, (x, y) in LEFT_ARM.items():
        marks[:, joint] = (x, y, 0.0, 0.95)
    save(cache_path(video), CoachPoses(np.arange(25) / FPS, marks))


def _draw(app, video: Path, skeleton: bool, mirror: bool, t: float = 1.0):
    app.settings = replace(app.settings, coach_skeleton=skeleton, coach_mirror=mirror)
    song, member, difficulty = first_chart(app)
    member = replace(member, video=VideoRef(video.name, video, 0.0, 3), colour=(40, 220, 60))
    scene = play_mod.PlayScene(app, song, member, difficulty, virtual=True)
    app.push(scene)
    play_mod.play_to(scene, t)
    app.draw()
    rect = scene.coach.frame_rect
    assert rect is not None, "no coach frame drawn"
    picture = np.asarray([[app.canvas.get_at((x, y))[:3] for x in range(rect.x + 2, rect.right - 2)]
                          for y in range(rect.y + 2, rect.bottom - 2)], int)
    app.pop()
    return scene, picture


def _greenish(picture: np.ndarray) -> np.ndarray:
    """Pixels of the member's green (bones), not the grey video."""
    return (picture[..., 1] - picture[..., 0] > 60) & (picture[..., 1] - picture[..., 2] > 40)


@pytest.mark.parametrize("mirror", [False, True])
def test_the_left_wrist_is_drawn_where_the_picture_shows_it(app, coach_video, mirror):
    _left_arm_only(coach_video)
    scene, picture = _draw(app, coach_video, skeleton=True, mirror=mirror)
    assert scene.coach.skeleton_drawn
    bones = _greenish(picture)
    w = bones.shape[1]
    left, right = bones[:, : w // 2].sum(), bones[:, w // 2:].sum()
    assert max(left, right) > 100
    # as filmed the person's left arm is on the image's right; in the mirrored picture on its left
    assert (left > 10 * right) if mirror else (right > 10 * left)
    ys, xs = np.nonzero(bones)
    assert ys.min() > picture.shape[0] * 0.2 and ys.max() < picture.shape[0] * 0.7  # shoulder to wrist height


def test_nothing_drawn_when_the_setting_is_off(app, coach_video):
    _left_arm_only(coach_video)
    scene, picture = _draw(app, coach_video, skeleton=False, mirror=True)
    assert not scene.coach.skeleton_drawn and scene.coach.skeleton is None  # not even looked up
    assert _greenish(picture).sum() == 0


def test_joints_below_visibility_are_not_drawn(app, coach_video):
    marks = np.zeros((25, 33, 4), np.float32)
    marks[:, :, :2] = 0.5
    marks[:, :, 3] = 0.1  # MediaPipe unsure of every joint
    save(cache_path(coach_video), CoachPoses(np.arange(25) / FPS, marks))
    scene, picture = _draw(app, coach_video, skeleton=True, mirror=True)
    assert _greenish(picture).sum() == 0


def _said(monkeypatch) -> list[str]:
    from game.ui import text

    said: list[str] = []
    real = text.draw_lines
    monkeypatch.setattr(text, "draw_lines", lambda s, lines, *a, **k: said.extend(lines) or real(s, lines, *a, **k))
    return said


@pytest.mark.parametrize("cache", ["missing", "damaged", "paused job"])
def test_without_a_usable_skeleton_the_song_plays_and_a_line_says_why(app, coach_video, monkeypatch, cache):
    from game.coachskeleton import jobs

    if cache == "damaged":
        path = cache_path(coach_video)
        path.parent.mkdir(parents=True)
        path.write_bytes(b"\x00" * 100)
    elif cache == "paused job":
        job = jobs.SkeletonJob(coach_video, None, paused=True)
        job.fraction = 0.42
        app.coach_skeletons.job = job
    said = _said(monkeypatch)
    scene, picture = _draw(app, coach_video, skeleton=True, mirror=True)
    words = " ".join(said)
    assert not scene.coach.skeleton_drawn and _greenish(picture).sum() == 0
    expected = {"missing": "member screen", "damaged": "damaged", "paused job": "42%"}[cache]
    assert expected in words, words
    app.coach_skeletons.stop()


def test_a_failed_skeleton_is_a_chip_beside_the_picture_and_its_reason_is_on_the_member_screen(app, coach_video, monkeypatch):
    from game.coachskeleton import jobs
    from game.scenes.member_select import MemberSelectScene
    from game.ui import text
    from game.ui.strings import tr

    job = jobs.SkeletonJob(coach_video, None, paused=True)
    job.error = f"{coach_video}: --person 7: 1 dancer seen; give 1 to 1 (song.yaml's video_person)"
    app.coach_skeletons.job = job
    said = _said(monkeypatch)
    chips: list[str] = []
    real_render = text.render
    monkeypatch.setattr(text, "render", lambda message, *a, **k: chips.append(message) or real_render(message, *a, **k))
    scene, picture = _draw(app, coach_video, skeleton=True, mirror=True)
    assert said == [], "no note box over the coach's picture"
    assert tr("skeleton_none", app.language) in chips
    song, member, _ = first_chart(app)
    member = replace(member, video=VideoRef(coach_video.name, coach_video, 0.0, 3))
    screen = MemberSelectScene(app, replace(song, members=(member,)))
    app.push(screen)
    screen.skeleton_job = job
    chips.clear()
    app.draw()
    reason = tr("skeleton_failed", app.language, name=coach_video.name,
                why="--person 7: 1 dancer seen; give 1 to 1 (song.yaml's video_person)")
    assert reason in chips, "the member screen says what is wrong, not which command to run"
    app.pop()
    app.coach_skeletons.stop()
