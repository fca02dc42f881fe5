"""Progress and calibration screens: real plays recorded (never the demo), the progress screen and its
CSV, the tap test accepting steady taps and refusing spread ones, the framing check before the first
song, the camera delay suggested after a song and applied with A."""
from __future__ import annotations

import csv
import json
import random
import subprocess
import sys

import numpy as np
import pygame
import pytest

from game.paths import REPO_ROOT
from game.scenes.shots import build_scene, first_chart


def _key(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="")


def test_the_demo_is_never_recorded_as_the_players_play(app) -> None:
    build_scene(app, "results")  # the autoplay demo
    assert app.storage.plays() == []


def test_a_camera_play_is_recorded_cue_by_cue_and_suggests_the_camera_delay(app) -> None:
    from game.scenes.progress_shots import results_with_delay

    scene = results_with_delay(app, 0.085)  # the autoplayer seen through a camera 85 ms late
    play, = app.storage.plays()
    chart = scene.play.chart
    assert (play.song, play.member, play.difficulty, play.speed, play.mode) == (scene.song.id, chart.member, chart.difficulty, 1.0, "play")
    assert len(play.cues) == len(chart.cues) and {c.grade for c in play.cues} <= {"perfect", "great", "good", "miss"}
    assert scene.delay is not None and scene.delay.value == pytest.approx(0.085, abs=0.020)
    suggested = round(scene.delay.value * 1000)
    app.step(1 / 60, [_key(pygame.K_a)])
    assert app.storage.load_settings().camera_delay_ms == suggested and scene.delay is None


def _tap_test(app, spread: float, late: float = 0.040):
    from game.scenes.calibration import TAP_PERIOD_S, TapCalibrationScene

    build_scene(app, "settings")
    app.step(1 / 60, [_key(pygame.K_RETURN)])  # Enter on the audio offset row
    scene = app.top
    assert isinstance(scene, TapCalibrationScene)
    rng = random.Random(5)
    taps = sorted(scene.start + k * TAP_PERIOD_S + late + rng.gauss(0, spread) for k in range(2, 20))
    for tap in taps:
        app.step(max(0.0, tap - app.t), [])
        app.step(0.0, [_key(pygame.K_SPACE)])
    app.step(TAP_PERIOD_S * 8)
    assert scene.result is not None
    return scene


def test_steady_taps_set_the_audio_offset(app) -> None:
    scene = _tap_test(app, 0.006)
    assert scene.result.accepted and app.storage.load_settings().audio_offset_ms == pytest.approx(40, abs=8)
    assert f"{app.settings.audio_offset_ms:+d} ms" in scene.message()[0]


def test_spread_taps_change_nothing_and_say_so(app) -> None:
    scene = _tap_test(app, 0.070)
    assert not scene.result.accepted and app.storage.load_settings().audio_offset_ms == 0
    assert "spread" in scene.message()[0]


def test_the_camera_delay_test_without_pose_recognition_says_why(app) -> None:
    from game.scenes.calibration import CameraDelayScene
    from game.scenes.settings import ROWS

    build_scene(app, "settings")
    app.top.list.focus = ROWS.index("camera_delay_ms")
    app.step(1 / 60, [_key(pygame.K_RETURN)])
    assert isinstance(app.top, CameraDelayScene) and app.top.problem and app.top.live is None
    assert "camera" in app.top.message()[0].lower()


def test_the_progress_screen_draws_the_plays_and_exports_csv(app, tmp_path, monkeypatch) -> None:
    from game.scenes import progress as progress_scene
    from game.scenes.progress_shots import TODAY, seed_plays
    from game.scenes.title import TitleScene

    seed_plays(app)
    app.reset_to(TitleScene(app))
    title = app.top
    title.menu.focus = title.ITEMS.index("progress")
    app.step(1 / 60, [_key(pygame.K_RETURN)])
    scene = app.top
    assert isinstance(scene, progress_scene.ProgressScene) and len(scene.records) == 14
    scene.today = TODAY
    app.step(0.0)
    canvas = pygame.surfarray.array3d(app.canvas)
    assert canvas[40:820, 100:400].std() > 10, "the score plot is drawn"
    out = tmp_path / "export.csv"
    monkeypatch.setattr(progress_scene, "export_path", lambda: out)
    app.step(1 / 60, [_key(pygame.K_e)])
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == sum(len(r.cues) for r in scene.records) > 14 and str(out) in scene.message[0]


def test_the_progress_command_prints_a_summary_and_writes_csv(tmp_path, app) -> None:
    from game.scenes.progress_shots import seed_plays
    from game.storage import ENV_DB

    seed_plays(app)
    app.storage.close()
    out = tmp_path / "p.csv"
    env = {**__import__("os").environ, ENV_DB: str(tmp_path / "test.sqlite3")}
    result = subprocess.run([sys.executable, str(REPO_ROOT / "main.py"), "progress", "--csv", str(out)],
                            capture_output=True, text=True, timeout=120, env=env, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["plays"] == 14 and summary["csv_rows"] > 14 and out.exists() and summary["weakest_moves"]
    bad = subprocess.run([sys.executable, str(REPO_ROOT / "main.py"), "progress", "--csv", str(tmp_path / "no" / "x.csv")],
                         capture_output=True, text=True, timeout=120, env=env, cwd=REPO_ROOT)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "x.csv" in bad.stderr
    app.storage = type(app.storage)(tmp_path / "test.sqlite3")  # the fixture closes it again


# --- the framing check -----------------------------------------------------------------------------

def _tracked(points: np.ndarray | None, level: int = 150, status: str = "ok"):
    from game.pose.capture import Frame
    from game.pose.landmarks import Landmarks
    from game.pose.tracker import TrackedFrame

    frame = Frame(np.full((48, 64, 3), level, np.uint8), 0.0, 0)
    return TrackedFrame(frame, None if points is None else Landmarks(points, 64, 48), status, None, 1.0)


def _body(top: float, bottom: float) -> np.ndarray:
    pts = np.zeros((33, 4), np.float32)
    pts[:, 0], pts[:, 3] = 0.5, 0.9
    pts[:, 1] = np.linspace(top, bottom, 33)
    pts[0, 1], pts[27, 1], pts[28, 1] = top, bottom, bottom
    return pts


@pytest.mark.parametrize("tracked, problems", [
    (lambda: _tracked(_body(0.15, 0.85)), []),
    (lambda: _tracked(_body(0.02, 0.99)), ["too_close"]),
    (lambda: _tracked(_body(0.40, 0.65)), ["too_far"]),
    (lambda: _tracked(_body(0.10, 0.80), status="partial"), ["whole_body"]),
    (lambda: _tracked(None), ["step_in"]),
    (lambda: _tracked(None, level=8), ["too_dark"]),
    (lambda: None, ["camera_starting"]),
])
def test_framing_problems(tracked, problems) -> None:
    from game.scenes.camera_check import framing_problems

    assert framing_problems(tracked()) == problems


def test_feet_out_of_the_picture_is_not_the_whole_body() -> None:
    from game.scenes.camera_check import framing_problems

    pts = _body(0.1, 0.8)
    pts[27, 3] = pts[28, 3] = 0.1
    assert framing_problems(_tracked(pts)) == ["whole_body"]


def test_the_framing_check_comes_before_the_first_song_only(app, monkeypatch) -> None:
    from game.pose import service as ps
    from game.scenes.camera_check import CameraCheckScene, begin_play
    from game.scenes.camera_shots import StillLive, fixed_service
    from game.scenes.play import PlayScene

    app.pose_service = fixed_service(ps.READY)
    opened = []

    def open_live(source, clock, camera_factory=None, delay=0.0):
        opened.append(delay)
        return StillLive(_tracked(_body(0.15, 0.85)))

    monkeypatch.setattr(app.pose_service, "open_live", open_live)
    app.settings = app.settings.__class__(camera_delay_ms=60)
    song, member, difficulty = first_chart(app)
    build_scene(app, "member_select")
    begin_play(app, song, member, difficulty)
    app.step(1 / 60)
    check = app.top
    assert isinstance(check, CameraCheckScene) and check.checking and opened == [0.06]
    app.step(1 / 60, [_key(pygame.K_RETURN)])
    assert isinstance(app.top, PlayScene) and app.top.live is not None
    app.pop()
    begin_play(app, song, member, difficulty)
    app.step(1 / 60)
    assert isinstance(app.top, PlayScene), "later songs go straight in"


def test_arm_raises_on_the_clicks_set_the_camera_delay(app, monkeypatch) -> None:
    """A player raising both arms on each click, seen by a camera 100 ms late: the screen sets ~100 ms."""
    from game.judge import Prediction
    from game.pose import service as ps
    from game.practice.calibration import ARMS_UP_POSE
    from game.scenes.calibration import AFTER_S, CLICK_PERIOD_S, CLICKS, CameraDelayScene
    from game.scenes.camera_shots import fixed_service

    rng = random.Random(2)
    ups = [(k * CLICK_PERIOD_S + rng.gauss(0, 0.012), k * CLICK_PERIOD_S + 0.4) for k in range(CLICKS)]

    class ArmsLive:
        latest = None
        error = None

        def __init__(self, delay: float):
            self.frames = [Prediction(t=k / 30 - 2.0 + 0.1 - delay,
                                      probs={ARMS_UP_POSE if any(a <= k / 30 - 2.0 <= b for a, b in ups) else "none": 0.9})
                           for k in range(int((CLICKS * CLICK_PERIOD_S + 4.0) * 30))]

        def predictions_until(self, t):
            out = [p for p in self.frames if p.t <= t]
            self.frames = self.frames[len(out):]
            return out

        def lost(self):
            return False

        def stop(self):
            pass

    app.pose_service = fixed_service(ps.READY)
    monkeypatch.setattr(app.pose_service, "open_live", lambda source, clock, camera_factory=None, delay=0.0: ArmsLive(delay))
    app.push(CameraDelayScene(app))
    scene = app.top
    assert scene.problem is None
    while scene.result is None:
        app.step(1 / 30)
        assert scene.now() < CLICKS * CLICK_PERIOD_S + AFTER_S + 1.0
    assert scene.result.accepted and app.storage.load_settings().camera_delay_ms == pytest.approx(100, abs=20)


def test_the_camera_delay_result_keeps_the_last_frame_not_starting_the_camera(app, monkeypatch) -> None:
    """When the test ends the camera is switched off: its panel keeps the last frame and says the test
    finished, never "Starting the camera…" (which would read as if it were about to start again)."""
    from game.pose import service as ps
    from game.scenes import camera_check
    from game.scenes.calibration import CameraDelayScene
    from game.scenes.camera_shots import fixed_service

    last = object()

    class Live:
        latest, error = last, None

        def predictions_until(self, t):
            return []

        def lost(self):
            return False

        def stop(self):
            self.latest = None  # a stopped camera has no frame

    app.pose_service = fixed_service(ps.READY)
    monkeypatch.setattr(app.pose_service, "open_live", lambda source, clock, camera_factory=None, delay=0.0: Live())
    shown = []
    monkeypatch.setattr(camera_check, "draw_camera_frame", lambda surface, tracked, area, mirror, colour, waiting:
                        shown.append((tracked, waiting)))
    app.push(CameraDelayScene(app))
    scene = app.top
    scene.finish()
    assert scene.live is None and scene.result is not None
    app.draw()
    assert shown[-1] == (last, scene.tr("delay_finished"))
    scene.restart()  # a new test starts from no frame
    assert scene.last_frame is None
