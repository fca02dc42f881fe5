"""The replay of a cue: opened from "Cue by cue" and from the results' moves, the recorded skeleton
drawn (with the off limbs as tape), driven by the frame's dt, saying what was kept of the player."""
from __future__ import annotations

import dataclasses
import os

import numpy as np
import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.pose.recording import SkeletonRecording, load_for_play, replay_folder, replay_path  # noqa: E402
from game.scenes import camera_shots as cs  # noqa: E402
from game.scenes import replay as rp  # noqa: E402
from game.scenes.cue_review import CueReviewScene  # noqa: E402
from game.scenes.results import ResultsScene  # noqa: E402
from game.scenes.shots import build_scene  # noqa: E402
from game.ui import theme  # noqa: E402
from game.ui.strings import tr  # noqa: E402
from tests.pose.conftest import skeleton_landmarks  # noqa: E402
from tests.scenes.test_camera_screens import _camera_play  # noqa: E402


def _key(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def _near(pixels: np.ndarray, colour, tolerance: int = 40) -> int:
    return int((np.abs(pixels - np.array(colour[:3])).sum(-1) < tolerance).sum())


def _stage(app) -> np.ndarray:
    return pygame.surfarray.array3d(app.canvas).astype(int)[rp.STAGE.x:rp.STAGE.right, rp.STAGE.y:rp.STAGE.bottom]


def _recording_around(cue, pose_angles, off_arm: bool) -> SkeletonRecording:
    """30 fps of a player holding the card's pose (or with the left arm wrong) around the cue."""
    rec = SkeletonRecording(("none", cue.pose))
    angles = dict(pose_angles, left_upper_arm=pose_angles["left_upper_arm"] + (120.0 if off_arm else 0.0))
    lm = skeleton_landmarks(angles)
    for k in range(int((cue.time - 2) * 30), int((cue.end_time + 2) * 30)):
        rec.add_frame(k / 30, lm.points, angles, {cue.pose: 0.9 if abs(k / 30 - cue.time) < 0.3 else 0.1}, size=(640, 480))
    return rec


def test_cue_by_cue_opens_the_replay_and_its_clock_is_the_frame_dt(app, said) -> None:
    results = build_scene(app, "results", jitter_ms=600.0)
    app.push(CueReviewScene(app, results, 1))
    app.step(1 / 60, [_key(pygame.K_r)])
    replay = app.top
    assert isinstance(replay, rp.ReplayScene) and replay.index == 1 and replay.replayable.kind == rp.DEMO
    start = replay.now
    assert start == pytest.approx(replay.loop.start + replay.speed / 60)
    app.step(1.0)
    assert replay.now == pytest.approx(start + replay.speed * 1.0), "slowed: half a song second per real second"
    app.step(0.0, [_key(pygame.K_SPACE)])
    app.step(2.0)
    assert replay.now == pytest.approx(start + replay.speed), "paused: the moment stays"
    app.step(0.0, [_key(pygame.K_DOWN)])
    assert replay.speed == 0.25 and replay.now == pytest.approx(start + 0.5)
    app.step(0.0, [_key(pygame.K_PERIOD)])
    assert replay.now > start + 0.5 and not replay.playing
    app.step(0.0, [_key(pygame.K_RIGHT)])
    assert replay.index == 2 and replay.now == pytest.approx(replay.loop.start)
    assert tr("replay_demo", app.language) in said, "a demo replay says it is the demo dancer, not the player"
    app.step(0.0, [_key(pygame.K_ESCAPE)])
    assert isinstance(app.top, CueReviewScene)


def test_the_results_replay_the_worst_move_with_v_or_a_click(app) -> None:
    results = build_scene(app, "results", jitter_ms=600.0)
    assert results.worst
    app.step(0.0, [_key(rp.KEY)])
    replay = app.top
    pose = results.worst[0].pose
    assert isinstance(replay, rp.ReplayScene) and replay.judgements[replay.index].cue.pose == pose
    assert replay.index == rp.worst_cue(results.session.judgements, pose)
    app.pop()
    app.step(0.0)
    last_pose, rect = results.move_rects[-1]
    app.step(0.0, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=rect.center)])
    assert isinstance(app.top, rp.ReplayScene) and app.top.judgements[app.top.index].cue.pose == last_pose
    app.pop()
    app.step(0.0, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=results.replay_rect.center)])
    assert isinstance(app.top, rp.ReplayScene) and app.top.judgements[app.top.index].cue.pose == pose


def test_the_recorded_skeleton_is_drawn_with_the_wrong_limb_as_tape(app, said) -> None:
    results = build_scene(app, "results", jitter_ms=600.0)
    index = 3
    cue = results.session.judgements[index].cue
    pose = app.poses.poses[cue.pose]
    colour = theme.lerp(results.member.colour, theme.TEXT, 0.25)
    for off_arm in (False, True):
        results.replay = rp.Replayable(_recording_around(cue, pose.angles, off_arm), rp.SKELETON)
        replay = rp.ReplayScene(app, results, index)
        app.push(replay)
        app.step(replay.loop.elapsed_for(cue.time))
        stage = _stage(app)
        assert _near(stage, colour) > 400, "the player's skeleton is drawn on the stage"
        tape = _near(stage, theme.WRONG)
        assert (tape > 150) == off_arm, f"tape pixels: {tape}"
        app.pop()
    assert tr("replay_skeleton_only", app.language) in said
    assert any(s == tr("replay_off_now", app.language, limbs=tr("part_left_upper_arm", app.language)) for s in said)


def test_what_a_play_left_to_replay(app) -> None:
    from types import SimpleNamespace

    from game.pose.service import LivePlayer

    scene = build_scene(app, "play")
    assert rp.recording_of(scene).kind == rp.DEMO
    worker = SimpleNamespace(on_prediction=None, on_tracked=None)
    for keep, kind in ((False, rp.SKELETON), (True, rp.PICTURES)):
        live = LivePlayer(worker, None, "webcam 0", keep_pictures=keep)
        live.judge_on_worker(scene.session, lambda: 0.0)
        assert worker.on_tracked is not None
        got = rp.recording_of(SimpleNamespace(live=live, session=scene.session, camera_play=True))
        assert got.kind == kind and got.recording is live.recording_for(scene.session)
    gone = rp.recording_of(SimpleNamespace(live=None, session=scene.session, camera_play=True, source=scene.source))
    assert gone.kind == rp.NOTHING and gone.message == "replay_nothing_why", "the camera stopped: the demo's angles are not the player's"


def test_a_real_play_saves_its_replay_and_a_damaged_one_says_so(app, said) -> None:
    live = cs.StillLive(None, "webcam 0")
    scene = _camera_play(app, live)
    cue = scene.chart.cues[0]
    rec = _recording_around(cue, app.poses.poses[cue.pose].angles, True)
    live.recording_for = lambda session: rec if session is scene.session else None
    from game.scenes.play import play_to

    play_to(scene, scene.session.end_time() + 0.1)
    results = ResultsScene(app, scene)
    app.replace(results)
    assert results.saved and results.replay.kind == rp.SKELETON and results.replay_error is None
    folder = replay_folder(app.storage.path)
    saved = list(folder.glob("play-*.npz"))
    assert len(saved) == 1
    back = load_for_play(folder, int(saved[0].stem.split("-")[1]))
    assert np.array_equal(back.times, rec.times)
    saved[0].write_bytes(b"\0" * 100)
    broken = rp.load_replayable(app, int(saved[0].stem.split("-")[1]))
    assert broken.kind == rp.NOTHING and str(saved[0]) in broken.message
    results.replay = broken
    app.push(rp.ReplayScene(app, results, 0))
    app.step(0.5)
    assert tr("replay_nothing", app.language) in said and "damaged" in " ".join(said) and saved[0].name in " ".join(said)
    assert rp.load_replayable(app, 999).kind == rp.NOTHING
    assert not replay_path(folder, 999).exists()


def test_a_demo_is_never_saved_as_a_replay(app) -> None:
    results = build_scene(app, "results", jitter_ms=150.0)
    assert not results.saved and results.replay.kind == rp.DEMO
    assert not replay_folder(app.storage.path).exists()


def test_the_settings_row_turns_camera_pictures_on(app) -> None:
    from game.scenes.settings import ROWS, SettingsScene

    settings = SettingsScene(app)
    app.push(settings)
    assert app.settings.replay_pictures is False
    settings.change(ROWS.index("replay_pictures"), 1)
    assert app.settings.replay_pictures is True and app.storage.load_settings().replay_pictures is True


def test_a_video_camera_play_replays_the_dancers_skeleton(app, said) -> None:
    """End to end: a real clip as the webcam (MediaPipe and the shipped classifier on the worker), the
    results, the replay. Slow (a few seconds of MediaPipe at the worker's pace)."""
    if not cs.DANCE_VIDEO.exists():
        pytest.skip(f"{cs.DANCE_VIDEO} not found: the shared test data (../shared/data) is absent")
    try:
        replay = cs.camera_replay(app, seconds=5.0)
    except RuntimeError as err:
        pytest.skip(str(err))
    try:
        rec = replay.replayable.recording
        assert replay.replayable.kind == rp.SKELETON and rec is not None and len(rec) >= 60
        assert not rec.pictures and rec.has_skeleton
        app.step(0.0)
        stage = _stage(app)
        assert _near(stage, theme.lerp(replay.results.member.colour, theme.TEXT, 0.25)) > 300
        assert tr("replay_skeleton_only", app.language) in said
        assert list(replay_folder(app.storage.path).glob("play-*.npz"))
    finally:
        app.pose_service.close()


def test_a_play_with_no_judged_cue_says_so(app, said) -> None:
    results = build_scene(app, "results", jitter_ms=150.0)
    results.session.judgements = []
    app.push(rp.ReplayScene(app, results, 0))
    app.step(0.1)
    assert tr("no_cues_judged", app.language) in said


def test_the_camera_keeps_pictures_for_replays_only_when_the_setting_says_so(app, monkeypatch) -> None:
    from types import SimpleNamespace

    from game.pose import service as ps
    from game.pose.service import LivePlayer
    from game.scenes.camera_check import begin_play
    from game.scenes.shots import first_chart

    app.pose_service = cs.fixed_service(ps.READY)
    opened: list[LivePlayer] = []

    def open_live(source, clock, camera_factory=None, delay=0.0):
        worker = SimpleNamespace(on_prediction=None, on_tracked=None, latest=None, camera=SimpleNamespace(lost=lambda: False),
                                 predictions_until=lambda t: [], stop=lambda: None)
        opened.append(LivePlayer(worker, None, "webcam 0"))
        return opened[-1]

    monkeypatch.setattr(app.pose_service, "open_live", open_live)
    song, member, difficulty = first_chart(app)
    for keep in (False, True):
        app.settings = dataclasses.replace(app.settings, replay_pictures=keep)
        build_scene(app, "member_select")
        begin_play(app, song, member, difficulty)
        app.step(1 / 60)
        assert opened and opened[-1].keep_pictures is keep
