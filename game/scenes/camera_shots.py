"""Headless screenshots of the camera screens (pose status on the title, the camera panel, the
no-camera and camera-lost screens), with stand-ins for the camera and the model.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python -m game.scenes.camera_shots /tmp/screens2

The camera panel shots run real MediaPipe on frames of ../shared/data videos (skipped when absent)."""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # as game/quiet.py: the terminal is for the paths written

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from game.app import App  # noqa: E402
from game.pose import service as ps  # noqa: E402

DATA = ps.REPO_ROOT.parent / "shared" / "data"
GROUP_VIDEO = DATA / "videos" / "group-exercise.avi"
SQUATS_VIDEO = DATA / "mediapipe-reference" / "pose_squats.mp4"
DANCE_VIDEO = DATA / "videos" / "musepose_dance.mp4"
VIDEO_SCENES = ("play_camera", "play_miss", "play_nobody", "play_partial")
REPLAY_SCENES = ("replay_camera", "replay_pictures")  # a real play of DANCE_VIDEO as the camera, then a replay
SCENES = ("title_loading", "title_ready", "title_stale", "title_error", "title_retraining", "camera_waiting",
          "no_camera", "no_camera_video", "camera_lost", "play_demo_error") + VIDEO_SCENES + REPLAY_SCENES


class FakeClassifier:
    """The PoseClassifier interface without a model: everything is "none" (or what `probs` says)."""

    def __init__(self, labels: list[str] | None = None, stale: str | None = None, probs: dict | None = None):
        self.labels = labels or ["none"]
        self.stale = stale
        self.probs = probs or {"none": 1.0}

    def predict(self, features) -> dict[str, float]:
        return dict(self.probs)


def fixed_service(state: str, message: str | None = None, classifier=None) -> ps.PoseService:
    """A PoseService stuck in one state (no thread, no MediaPipe)."""
    service = ps.PoseService(load_classifier=lambda lib: classifier, make_landmarker=lambda: None)
    service.state, service.message = state, message
    service.classifier = classifier if classifier is not None else (FakeClassifier() if state in (ps.READY, ps.STALE) else None)
    return service


@dataclass
class FakeRetrain:
    """What the title shows of a training run, without running one."""

    last_line: str = "training: 45% 18/40 [00:09<00:11, 2.0epoch/s, acc=0.962, loss=0.131]"
    progress: float | None = 0.69
    seconds: float = 94.0
    step: tuple[int, int, str] | None = (4, 5, "epochs")
    epochs: tuple[int, int] | None = (18, 40)
    returncode: int | None = None

    def stop(self) -> None:
        pass


@dataclass
class StillLive:
    """A LiveSource showing one tracked frame; predictions carry that frame's measured angles."""

    latest: object
    description: str = "video"
    fps: float = 30.0
    is_lost: bool = False
    stopped: bool = False
    error: str | None = None
    _next: float = field(default=-10.0)

    def predictions_until(self, t: float) -> list:
        from game.judge import Prediction

        out = []
        angles = getattr(getattr(self.latest, "prediction", None), "angles", None)
        while self._next <= t and angles is not None:
            out.append(Prediction(t=self._next, probs={"none": 1.0}, angles=angles, motion=0.5))
            self._next += 1 / self.fps
        if angles is None:
            self._next = max(self._next, t)
        return out

    def lost(self) -> bool:
        return self.is_lost

    def stop(self) -> None:
        self.stopped = True


def read_frame(path: Path, index: int) -> np.ndarray:
    import cv2

    cap = cv2.VideoCapture(str(path))
    cap.set(cv2.CAP_PROP_POS_FRAMES, index)
    ok, image = cap.read()
    cap.release()
    if not ok:
        raise FileNotFoundError(f"cannot read frame {index} of {path}")
    return image


def tracked(image: np.ndarray, t: float = 0.0):
    """Run the real tracker (MediaPipe, then a FakeClassifier) on one image."""
    from game.pose.capture import Frame
    from game.pose.landmarks import VideoLandmarker
    from game.pose.tracker import PoseTracker

    landmarker = VideoLandmarker()
    try:
        return PoseTracker(landmarker, FakeClassifier()).process(Frame(image, t, 0))
    finally:
        landmarker.close()


def video_tracked_at(path: Path, index: int, crop: tuple[int, int, int, int] | None = None):
    """The tracker's view of frame `index` of a video, tracked from the start as a live camera would
    (crop: x0, y0, x1, y1 of each frame, scaled to 640x480: a webcam closer to the dancer)."""
    import cv2

    from game.pose.capture import Frame
    from game.pose.capture import video_frames
    from game.pose.landmarks import VideoLandmarker
    from game.pose.tracker import PoseTracker

    landmarker = VideoLandmarker()
    tracker = PoseTracker(landmarker, FakeClassifier())
    try:
        for frame in video_frames(path):
            if crop is not None:
                x0, y0, x1, y1 = crop
                frame = Frame(cv2.resize(frame.image[y0:y1, x0:x1], (640, 480), interpolation=cv2.INTER_CUBIC), frame.t, frame.index)
            result = tracker.process(frame)
            if frame.index >= index:
                return result
    finally:
        landmarker.close()
    raise FileNotFoundError(f"{path} has fewer than {index + 1} frames")


def video_tracked(name: str):
    """The TrackedFrame a camera-panel shot shows (real MediaPipe on ../shared/data frames)."""
    if name in ("play_camera", "play_miss"):
        return video_tracked_at(GROUP_VIDEO, 40, crop=(62, 62, 322, 257)), GROUP_VIDEO.name
    if name == "play_nobody":
        frame = read_frame(GROUP_VIDEO, 30)
        empty = np.ascontiguousarray(frame[:, :70])  # a strip of park with no one in it, as wide as a webcam
        import cv2
        return tracked(cv2.resize(empty, (384, 288))), GROUP_VIDEO.name
    if name == "play_partial":
        frame = read_frame(SQUATS_VIDEO, 0)
        return tracked(np.ascontiguousarray(frame[: frame.shape[0] // 2])), SQUATS_VIDEO.name
    raise KeyError(name)


def camera_replay(app: App, video: Path = DANCE_VIDEO, keep_pictures: bool = False, seconds: float = 12.0):
    """A real camera play: `video` as the camera (MediaPipe and the shipped classifier on the pose
    worker, as in the game), the song on a virtual clock slowed to the worker's pace, then the
    results and the replay of the cue the dancer came closest to. Returns the ReplayScene."""
    import time

    from game.scenes.member_select import MemberSelectScene
    from game.scenes.play import PlayScene, play_to
    from game.scenes.replay import ReplayScene
    from game.scenes.results import ResultsScene
    from game.scenes.shots import first_chart
    from game.scenes.song_select import SongSelectScene
    from game.scenes.title import TitleScene

    if not isinstance(app.pose_service, ps.PoseService) or not app.pose_service.usable:
        app.pose_service = ps.PoseService().start()
        app.pose_service.wait()
    if not app.pose_service.usable:
        raise RuntimeError(f"the pose pipeline cannot start: {app.pose_service.message}")
    song, member, difficulty = first_chart(app)
    app.reset_to(TitleScene(app))
    app.push(SongSelectScene(app))
    app.push(MemberSelectScene(app, song))
    scene = PlayScene(app, song, member, difficulty, virtual=True)
    app.push(scene)
    scene.attach_live(app.pose_service.open_live(video, scene.capture_time, keep_pictures=keep_pictures))
    while scene.now < seconds and not scene.finished:
        app.step(1 / 30)
        time.sleep(0.06)  # the worker sees (nearly) every frame: ~40 ms of MediaPipe each on this machine
    play_to(scene, scene.session.end_time() + 0.1)  # the rest of the song: nobody there
    results = ResultsScene(app, scene)
    app.replace(results)  # stops the camera
    inside = [i for i, j in enumerate(results.session.judgements) if j.cue.end_time < seconds - 1.0] or [0]
    best = max(inside, key=lambda i: results.session.judgements[i].peak_prob)
    replay = ReplayScene(app, results, best)
    app.push(replay)
    replay.update(replay.loop.elapsed_for(replay.judgements[best].cue.time - 0.2))
    return replay


def build_camera_scene(app: App, name: str):
    """Put `name` on top of the app's stack, ready to draw; returns the top scene."""
    from game.scenes.camera_check import CameraCheckScene, begin_play
    from game.scenes.member_select import MemberSelectScene
    from game.scenes.play import PlayScene, play_to
    from game.scenes.shots import first_chart
    from game.scenes.song_select import SongSelectScene
    from game.scenes.title import TitleScene

    model = str(ps.default_poses_dir() / "classifier.tflite")
    states = {
        "title_loading": (ps.LOADING, None), "title_ready": (ps.READY, None), "title_retraining": (ps.STALE, "x"),
        "title_stale": (ps.STALE, f"the poses in {ps.default_poses_dir()} changed since {model} was trained; "
                                  f"retrain with: python main.py poses train"),
        "title_error": (ps.ERROR, f"{model}: pose classifier not found; build it with: python main.py poses train"),
    }
    if name in REPLAY_SCENES:
        return camera_replay(app, keep_pictures=name == "replay_pictures")
    if name.startswith("title"):
        app.pose_service = fixed_service(*states[name])
        if name == "title_retraining":
            app.pose_service.retrain = FakeRetrain()
        app.reset_to(TitleScene(app))
        scene = app.top
        scene.freeze_time = scene.demo[0].preview_start + 1.3 if scene.demo else 0.0
        return scene
    song, member, difficulty = first_chart(app)
    app.reset_to(TitleScene(app))
    app.push(SongSelectScene(app))
    app.push(MemberSelectScene(app, song))
    if name == "camera_waiting":
        app.pose_service = fixed_service(ps.LOADING)
        app.push(CameraCheckScene(app, song, member, difficulty))
        app.step(0.4)
        return app.top
    if name in ("no_camera", "no_camera_video"):
        app.pose_service = fixed_service(ps.READY)
        app.camera = "9"
        begin_play(app, song, member, difficulty)
        app.step(0.0)
        if name == "no_camera_video":
            scene = app.top
            scene.choose("use_video")
            for ch in "~/Videos/my-dance.mp4":
                scene.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
        return app.top
    if name == "play_demo_error":
        from game.scenes.camera_check import demo_reason

        app.pose_service = fixed_service(ps.ERROR, states["title_error"][1])
        scene = PlayScene(app, song, member, difficulty, virtual=True, jitter_ms=150.0, seed=3,
                          demo_reason=demo_reason(app.pose_service.message, app.language))
        app.push(scene)
        _play_until_judged(scene, 12)
        play_to(scene, scene.now + 0.12)
        return scene
    live = StillLive(None, "webcam 0")
    if name in VIDEO_SCENES:
        live.latest, live.description = video_tracked(name)
    scene = PlayScene(app, song, member, difficulty, virtual=True, live=live)
    app.push(scene)
    if name == "camera_lost":
        play_to(scene, 2.0)
        live.is_lost = True
        app.step(1 / 60)
        app.t += 3.0
        return app.top
    _play_until_judged(scene, 4 if name == "play_miss" else 3)
    if name == "play_miss":  # just after a miss: pop-up, red limbs, the hint
        play_to(scene, scene.now + 0.1)
    else:  # a clean view: the prompt (or the skeleton) alone
        play_to(scene, scene.now + 1.0)
        scene.popup = scene.cheer = scene.miss_feedback = None
    scene.tracked = live.latest
    return scene


def _play_until_judged(scene, n: int) -> None:
    from game.scenes.play import play_to

    while len(scene.session.judgements) < n and not scene.finished:
        play_to(scene, scene.now + 1 / 60)


def render(app: App, name: str, path: Path) -> pygame.Surface:
    build_camera_scene(app, name)
    app.draw()
    surface = app.canvas.copy()
    pygame.image.save(surface, str(path))
    return surface


def main(argv: list[str]) -> int:
    from game.scenes.shots import _default_songs, make_app, shot_args

    args = shot_args(argv, "game.scenes.camera_shots", __doc__, "/tmp/screens2", SCENES)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(_default_songs(Path(tmp)), Path(tmp))
        for lang in ("en", "ko"):
            app.settings = replace(app.settings, language=lang)
            for name in args.scenes:
                if name in VIDEO_SCENES and not GROUP_VIDEO.exists():
                    print(f"skipped {name}: {GROUP_VIDEO} not found")
                    continue
                if name in REPLAY_SCENES and not DANCE_VIDEO.exists():
                    print(f"skipped {name}: {DANCE_VIDEO} not found")
                    continue
                path = out / (f"{name}.png" if lang == "en" else f"{name}-ko.png")
                render(app, name, path)
                print(path)
        while app.scenes:
            app.scenes.pop().leave()
        app.storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
