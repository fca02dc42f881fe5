"""The camera in the windowed game, headless: the camera panel from a real video, the prompts, the
camera-lost pause, the no-webcam screen, the model messages on the title, red limbs after a miss.

PNGs of every screen land in /tmp/screens2 (look at them)."""
from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from songkit import colour_count, drawn_share  # noqa: E402

from game.pose import service as ps  # noqa: E402
from game.scenes import camera_shots as cs  # noqa: E402
from game.scenes import play as play_mod  # noqa: E402
from game.ui import theme  # noqa: E402
from game.ui.play_layout import CAMERA  # noqa: E402

SCREENS = Path("/tmp/screens2")
DRAWN = 0.10  # share of the screen (above the instruction bar) a scene draws over its background, at least
SPARSE = {"camera_waiting": 0.008}  # a spinner and two lines of text


def _key(key: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


def _save(app, name: str) -> pygame.Surface:
    SCREENS.mkdir(parents=True, exist_ok=True)
    app.draw()
    surface = app.canvas.copy()
    pygame.image.save(surface, str(SCREENS / f"{name}.png"))
    return surface


def _song(app):
    from game.scenes.shots import first_chart

    return first_chart(app)


def _frame(status: str, landmarks=None, angles=None):
    """A TrackedFrame with a plain picture (no MediaPipe needed)."""
    from game.judge import Prediction
    from game.pose.capture import Frame
    from game.pose.tracker import TrackedFrame

    image = np.full((480, 640, 3), 90, np.uint8)
    image[:, :320] = (40, 120, 200)  # left half differs, so mirroring shows
    prediction = Prediction(t=0.0, probs={"none": 1.0}, angles=angles) if angles else None
    return TrackedFrame(Frame(image, 0.0, 0), landmarks, status, prediction, 5.0)


def _camera_play(app, live) -> "play_mod.PlayScene":
    from game.scenes.member_select import MemberSelectScene
    from game.scenes.song_select import SongSelectScene
    from game.scenes.title import TitleScene

    song, member, difficulty = _song(app)
    app.reset_to(TitleScene(app))
    app.push(SongSelectScene(app))
    app.push(MemberSelectScene(app, song))
    scene = play_mod.PlayScene(app, song, member, difficulty, virtual=True, live=live)
    app.push(scene)
    return scene


# --- the title: pose recognition's state -------------------------------------------------------

@pytest.mark.parametrize("name", ["title_loading", "title_ready", "title_stale", "title_error", "title_retraining"])
def test_title_shows_pose_state(app, name):
    cs.build_camera_scene(app, name)
    surface = _save(app, name)
    status = pygame.Rect(80, 592, 610, 84)
    assert colour_count(surface, status) > 12, "the status is drawn"
    can = app.pose_service.can_retrain
    assert (("R", "Retrain") in app.top.instructions()) == can
    assert can == (name in ("title_stale", "title_error"))


def test_model_missing_message_names_file_and_command_and_songs_play_as_demo(app, tmp_path):
    from game.scenes.camera_check import begin_play

    svc = ps.PoseService(tmp_path, make_landmarker=lambda: None).start()  # an empty library: no model
    assert svc.wait(30) and svc.state == ps.ERROR
    assert "classifier.tflite" in svc.message and "python main.py poses train" in svc.message
    app.pose_service = svc
    song, member, difficulty = _song(app)
    begin_play(app, song, member, difficulty)
    scene = app.top
    assert isinstance(scene, play_mod.PlayScene) and scene.live is None
    assert "classifier.tflite" in scene.demo_reason and "python main.py poses train" in scene.demo_reason
    app.step(1 / 60)  # nothing crashes


def test_stale_model_offers_retrain_and_r_runs_it_in_a_subprocess(app, tmp_path):
    from game.scenes.title import TitleScene

    script = "import sys, time; print('training: 50%|##  | 1/2', flush=True); time.sleep(0.2); print('done')"
    loads = []

    def load(lib):
        loads.append(lib)
        return cs.FakeClassifier(stale="the poses changed; retrain with: python main.py poses train" if len(loads) == 1 else None)

    svc = ps.PoseService(tmp_path, load_classifier=load, make_landmarker=lambda: None,
                         train_command=[sys.executable, "-c", script])
    svc.start().wait(5)
    app.pose_service = svc
    app.reset_to(TitleScene(app))
    assert ("R", "Retrain") in app.top.instructions()
    app.step(1 / 60, [_key(pygame.K_r)])
    assert svc.retrain is not None, "R starts training"
    _save(app, "title_retraining_live")
    deadline = time.monotonic() + 20
    while (svc.retrain is not None or svc.state == ps.LOADING) and time.monotonic() < deadline:
        app.step(1 / 60)
        time.sleep(0.02)
    assert svc.state == ps.READY and len(loads) == 2, "the new model is loaded when training ends"
    assert "tensorflow" not in sys.modules or "game.pose.train" in sys.modules  # the game never trains in-process
    _save(app, "title_after_retrain")


# --- no webcam ---------------------------------------------------------------------------------

def test_no_webcam_screen_offers_demo_video_and_back(app):
    from game.scenes.camera_check import CameraCheckScene, begin_play

    app.pose_service = cs.fixed_service(ps.READY)
    app.camera = "9"  # no such webcam
    song, member, difficulty = _song(app)
    begin_play(app, song, member, difficulty)
    app.step(1 / 60)
    scene = app.top
    assert isinstance(scene, CameraCheckScene)
    assert "index 9" in scene.error and "Traceback" not in scene.error
    surface = _save(app, "no_camera")
    assert colour_count(surface, pygame.Rect(60, 112, 700, 400)) > 30
    app.step(1 / 60, [_key(pygame.K_d)])
    assert isinstance(app.top, play_mod.PlayScene) and app.top.live is None, "D plays the demo"


def test_a_photo_as_the_camera_is_an_error_on_the_camera_screen(app, tmp_path):
    import cv2

    from game.scenes.camera_check import CameraCheckScene, begin_play

    photo = tmp_path / "pose.jpg"
    cv2.imwrite(str(photo), np.full((64, 96, 3), 128, np.uint8))
    app.pose_service = cs.fixed_service(ps.READY)
    app.camera = str(photo)
    begin_play(app, *_song(app))
    app.step(1 / 60)
    scene = app.top
    assert isinstance(scene, CameraCheckScene) and not scene.checking, "not 'All set!'"
    assert "pose.jpg' is a still picture" in scene.error and "webcam" in scene.error
    _save(app, "camera_photo_error")


def test_no_webcam_screen_takes_a_typed_video_path(app, tmp_path):
    from game.scenes.camera_check import CameraCheckScene, begin_play

    video = cs.SQUATS_VIDEO
    if not video.exists():
        pytest.skip(f"{video} not found: the shared test data (../shared/data) is absent")
    app.pose_service = cs.fixed_service(ps.READY)
    app.pose_service._make_landmarker = lambda: type("Nobody", (), {"process": lambda self, img: None})()
    app.camera = "9"
    song, member, difficulty = _song(app)
    begin_play(app, song, member, difficulty)
    app.step(1 / 60)
    app.step(1 / 60, [_key(pygame.K_v)])
    scene = app.top
    assert scene.typing is not None
    typed = [pygame.event.Event(pygame.TEXTINPUT, text=c) for c in str(tmp_path / "missing.mp4")]
    app.step(1 / 60, typed + [_key(pygame.K_RETURN)])
    assert isinstance(app.top, CameraCheckScene) and "not found" in scene.input_error
    _save(app, "no_camera_video_error")
    app.step(1 / 60, [_key(pygame.K_BACKSPACE, pygame.KMOD_CTRL)] * 30)
    assert scene.typing.value == ""
    app.step(1 / 60, [pygame.event.Event(pygame.DROPFILE, file=str(video)), _key(pygame.K_RETURN)])
    assert isinstance(app.top, CameraCheckScene) and app.top.checking, "the first song: the framing check first"
    app.step(1 / 60, [_key(pygame.K_RETURN)])
    top = app.top
    assert isinstance(top, play_mod.PlayScene) and top.live is not None, "the video is the camera now"
    assert app.camera_source() == str(video) and app.storage.load_settings().camera == str(video), "and is saved as the camera"
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])  # pause
    app.step(1 / 60, [_key(pygame.K_DOWN), _key(pygame.K_DOWN), _key(pygame.K_RETURN)])  # quit
    assert top.live is None, "leaving the song stops the camera"


def test_waiting_for_the_model_then_opening_the_camera(app):
    from game.scenes.camera_check import CameraCheckScene, begin_play

    app.pose_service = cs.fixed_service(ps.LOADING)
    app.camera = "9"
    song, member, difficulty = _song(app)
    begin_play(app, song, member, difficulty)
    app.step(1 / 60)
    assert isinstance(app.top, CameraCheckScene) and app.top.error is None
    _save(app, "camera_waiting")
    app.pose_service.state, app.pose_service.classifier = ps.READY, cs.FakeClassifier()
    app.step(1 / 60)
    assert "index 9" in app.top.error


# --- the camera panel --------------------------------------------------------------------------

def test_camera_panel_shows_the_mirrored_video_with_the_players_skeleton(app):
    """A real video through a real Camera and MediaPipe (the classifier is a stand-in)."""
    video = cs.GROUP_VIDEO
    if not video.exists():
        pytest.skip(f"{video} not found: the shared test data (../shared/data) is absent")
    from game.pose.landmarks import VideoLandmarker

    svc = ps.PoseService(load_classifier=lambda lib: cs.FakeClassifier(), make_landmarker=VideoLandmarker).start()
    assert svc.wait(60) and svc.usable
    app.pose_service = svc
    scene = _camera_play(app, None)
    scene.attach_live(svc.open_live(str(video), scene.capture_time))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        app.step(1 / 60)
        if scene.tracked is not None and scene.tracked.landmarks is not None and scene.tracked.frame.index > 15:
            break
        time.sleep(0.01)
    tracked = scene.tracked
    assert tracked is not None and tracked.landmarks is not None, "MediaPipe found the dancer"
    surface = _save(app, "play_camera_live")
    area = scene.camera_panel.video_rect(scene.tracked)
    assert area.w > 300 and area.h > 250
    assert colour_count(surface, area) > 300, "the camera picture is drawn, not a blank panel"
    scene.tracked = dataclasses.replace(tracked, landmarks=None, status="ok")
    without = app.draw().copy()
    changed = np.count_nonzero(np.any(pygame.surfarray.pixels3d(surface.subsurface(area)) !=
                                      pygame.surfarray.pixels3d(without.subsurface(area)), axis=2))
    assert changed > 400, "the skeleton is drawn over the picture"
    deadline = time.monotonic() + 20  # the two dancers beside the player: the watch for others says so
    while time.monotonic() < deadline and not (scene.tracked is not None and scene.tracked.others):
        app.step(1 / 60)
        time.sleep(0.01)
    assert scene.tracked.others, "others in view were seen"
    _save(app, "play_camera_others")  # the chip over a real video
    flipped = dataclasses.replace(app.settings, mirror=False)
    picture = scene.camera_panel.shown[1]
    app.settings, scene.camera_panel.shown = flipped, None
    app.draw()
    assert pygame.image.tobytes(scene.camera_panel.shown[1], "RGB") != pygame.image.tobytes(picture, "RGB"), "the view is mirrored"
    assert "tensorflow" not in sys.modules or "game.pose.train" in sys.modules


def test_mirrored_landmarks_follow_the_mirrored_picture():
    from game.ui.camera_view import landmark_points

    pts = np.zeros((33, 4), np.float32)
    pts[:, 3] = 1.0
    pts[11, 0] = 0.8  # the dancer's left shoulder: image right, facing the camera
    rect = pygame.Rect(100, 0, 400, 300)
    assert landmark_points(pts, rect, mirror=True)["left_shoulder"][0] == pytest.approx(100 + 0.2 * 400)
    assert landmark_points(pts, rect, mirror=False)["left_shoulder"][0] == pytest.approx(100 + 0.8 * 400)


@pytest.mark.parametrize("status,message", [("nobody", "Step into the camera view"),
                                            ("partial", "Step back so that your whole body is in view")])
def test_tracker_status_becomes_a_prompt(app, messages_to, status, message):
    from game.ui import camera_view

    shown = messages_to(camera_view, "prompt")
    live = cs.StillLive(_frame(status), "webcam 0")
    scene = _camera_play(app, live)
    play_mod.play_to(scene, 1.0)
    _save(app, f"play_{status}_prompt")
    assert message in shown
    live.latest = _frame("ok")
    shown.clear()
    play_mod.play_to(scene, 1.1)
    app.draw()
    assert message not in shown


def test_others_in_view_are_named_while_the_player_is_followed(app, messages_to):
    from dataclasses import replace

    from game.pose.synth import NEUTRAL
    from game.ui import draw
    from tests.pose.conftest import skeleton_landmarks

    chips = messages_to(draw, "chip")
    message = "Others in view · following the dancer with the skeleton"
    player = skeleton_landmarks(NEUTRAL)
    live = cs.StillLive(replace(_frame("ok", landmarks=player), others=True), "webcam 0")
    scene = _camera_play(app, live)
    play_mod.play_to(scene, 1.0)
    _save(app, "play_others")
    assert message in chips
    live.latest = _frame("ok", landmarks=player)
    chips.clear()
    play_mod.play_to(scene, 1.1)
    app.draw()
    assert message not in chips


def test_camera_lost_pauses_and_resumes_by_itself(app):
    from game.scenes.camera_lost import CameraLostScene

    live = cs.StillLive(_frame("nobody"), "webcam 0")
    scene = _camera_play(app, live)
    play_mod.play_to(scene, 2.0)
    live.is_lost = True
    app.step(1 / 60)
    assert isinstance(app.top, CameraLostScene)
    frozen = scene.now
    for _ in range(30):
        app.step(1 / 60)
    assert scene.now == frozen and scene.capture_time() == frozen, "the song waits"
    _save(app, "camera_lost")
    live.is_lost = False
    app.step(1 / 60)
    assert app.top is scene, "frames flow again: the song carries on by itself"
    app.step(1 / 60)
    assert scene.now > frozen


def test_camera_lost_allows_quitting(app):
    from game.scenes.song_select import SongSelectScene

    live = cs.StillLive(_frame("nobody"), "webcam 0")
    _camera_play(app, live)
    live.is_lost = True
    app.step(1 / 60)
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])
    assert isinstance(app.top, SongSelectScene) and live.stopped


def test_a_miss_shows_the_limbs_that_were_off_and_a_hint(app):
    from game.judge import Grade

    scene = _camera_play(app, None)
    cue = scene.chart.cues[0]
    target = dict(app.poses[cue.pose].angles)
    wrong = {**target, "left_upper_arm": (target["left_upper_arm"] + 120) % 360 - 180}
    live = cs.StillLive(_frame("ok", angles=wrong), "webcam 0")
    scene.attach_live(live)
    while not scene.session.judgements:
        play_mod.play_to(scene, scene.now + 1 / 60)
    assert scene.session.judgements[0].grade is Grade.MISS
    off, tip = scene.current_miss(scene.now)
    assert "left_upper_arm" in off and tip and tip.segment == "left_upper_arm"
    _save(app, "play_miss_hint")
    play_mod.play_to(scene, scene.now + play_mod.MISS_SHOW + 0.1)
    assert scene.current_miss(scene.now) == (frozenset(), None)


def test_a_dead_pose_worker_falls_back_to_the_demo(app):
    live = cs.StillLive(_frame("ok"), "webcam 0")
    scene = _camera_play(app, live)
    play_mod.play_to(scene, 0.5)
    live.error = "pose recognition stopped: boom"
    play_mod.play_to(scene, 0.6)
    assert scene.live is None and live.stopped and "boom" in scene.demo_reason
    play_mod.play_to(scene, 30.0)
    assert scene.session.judgements and all(j.grade.builds_combo for j in scene.session.judgements[-3:])


def test_demo_is_labelled_and_retry_keeps_the_mode(app):
    from game.scenes.camera_check import CameraCheckScene

    scene = cs.build_camera_scene(app, "play_demo_error")
    surface = _save(app, "play_demo_error")
    assert scene.live is None and "python main.py poses train" in scene.demo_reason
    assert colour_count(surface, CAMERA) > 40
    scene.restart()
    assert isinstance(app.top, play_mod.PlayScene) and app.top.demo_reason == scene.demo_reason
    live = cs.StillLive(_frame("ok"), "webcam 0")
    cam = _camera_play(app, live)
    app.pose_service = cs.fixed_service(ps.READY)
    app.camera = "9"
    cam.restart()
    assert live.stopped and isinstance(app.top, CameraCheckScene), "a camera song restarts from the camera"


@pytest.mark.parametrize("name", cs.SCENES)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_camera_screen_renders(app, backdrop, name, language):
    if name in cs.VIDEO_SCENES and not cs.GROUP_VIDEO.exists():
        pytest.skip(f"{cs.GROUP_VIDEO} not found: the shared test data (../shared/data) is absent")
    if name in cs.REPLAY_SCENES:
        pytest.skip("a real camera play of several seconds: tests/scenes/test_replay_scene.py plays one")
    if name in cs.VIDEO_SCENES and language == "ko" and name != "play_miss":
        pytest.skip("one video shot in Korean, the one with the most words (MediaPipe is slow)")
    app.settings = dataclasses.replace(app.settings, language=language)
    SCREENS.mkdir(parents=True, exist_ok=True)
    surface = cs.render(app, name, SCREENS / f"{name}{'-ko' if language == 'ko' else ''}.png")
    assert surface.get_size() == (theme.WIDTH, theme.HEIGHT)
    share = drawn_share(surface, backdrop(surface.get_size()))
    assert share > SPARSE.get(name, DRAWN), f"only {share:.1%} of the screen differs from the bare background"
