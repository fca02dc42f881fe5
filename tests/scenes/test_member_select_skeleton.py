"""The member screen works out the focused member's coach skeleton while the player chooses (when the
setting is on) and pauses it the moment play (or anything else) covers it; Settings turns it on."""
from __future__ import annotations

import threading
from dataclasses import replace

import pygame
import pytest

from game.chart import VideoRef
from game.coachskeleton import compute as compute_mod
from game.scenes.base import Scene
from game.scenes.member_select import MemberSelectScene
from game.scenes.shots import first_chart


@pytest.fixture
def slow_compute(monkeypatch, tmp_path):
    """compute() stand-in: a row of progress each time `step` is released (no MediaPipe in this test)."""
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))
    step = threading.Semaphore(0)
    rows: list[float] = []

    def fake(video, person, progress=None):
        while True:
            step.acquire()
            rows.append(len(rows) + 1.0)
            progress(rows[-1])

    monkeypatch.setattr(compute_mod, "compute", fake)
    monkeypatch.setattr(compute_mod, "duration", lambda video: 100.0)
    return step, rows


def _member_screen(app, tmp_path, skeleton: bool) -> MemberSelectScene:
    video = tmp_path / "group.mp4"
    video.write_bytes(b"a group dance")
    app.settings = replace(app.settings, coach_skeleton=skeleton)
    song, member, _ = first_chart(app)
    song = replace(song, members=(replace(member, video=VideoRef(video.name, video, 0.0, 3, "left")),))
    scene = MemberSelectScene(app, song)
    app.push(scene)
    app.step(1 / 60)
    return scene


def test_worked_out_on_the_member_screen_and_paused_under_play(app, tmp_path, slow_compute):
    step, rows = slow_compute
    scene = _member_screen(app, tmp_path, skeleton=True)
    job = scene.skeleton_job
    assert job is not None and job.person == "left" and app.coach_skeletons.job is job
    step.release()
    step.release()
    assert _until(lambda: len(rows) == 2) and job.running
    app.step(1 / 60)  # the screen shows how far it is
    app.push(Scene(app))  # the camera check / play covers it
    assert not job.running
    for _ in range(5):
        step.release()
    pygame.time.wait(200)
    assert len(rows) <= 3, "at most the frame under way when play began"
    app.pop()
    app.step(1 / 60)
    assert job.running and app.coach_skeletons.job is job  # the same job carries on where it was
    assert _until(lambda: len(rows) >= 7)
    app.pop()  # leaving the member screen pauses it too
    assert not job.running
    app.coach_skeletons.stop(wait_s=0.0)
    step.release()


def test_nothing_worked_out_when_the_setting_is_off(app, tmp_path, slow_compute):
    scene = _member_screen(app, tmp_path, skeleton=False)
    assert scene.skeleton_job is None and app.coach_skeletons.job is None


def test_settings_turns_the_coach_skeleton_on_and_off(app):
    from game.scenes.settings import ROWS, SettingsScene

    scene = SettingsScene(app)
    app.push(scene)
    row = ROWS.index("coach_skeleton")
    assert not app.settings.coach_skeleton and scene.value_text("coach_skeleton") == scene.tr("off")
    scene.change(row, 1)
    assert app.settings.coach_skeleton and app.storage.load_settings().coach_skeleton


def _until(condition, timeout: float = 5.0) -> bool:
    for _ in range(int(timeout * 100)):
        if condition():
            return True
        pygame.time.wait(10)
    return condition()
