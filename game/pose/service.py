"""The pose pipeline as the windowed game sees it: loaded on a thread, retrained in a subprocess.

MediaPipe and LiteRT take a second or two to import, so they load on a background thread while
the title screen is already up. The game reads `state` (loading / ready / stale / error) and
`message` each frame and never waits. Retraining runs `python main.py poses train` as a child
process: TensorFlow must never be imported into the game process (seconds to load, gigabytes of
memory), and a crash in training must not take the game down with it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Protocol

from game.paths import REPO_ROOT, default_poses_dir, user_poses_dir

OFF = "off"  # no pipeline in this app (headless tools, most screen tests): songs play as the demo
LOADING = "loading"
READY = "ready"
STALE = "stale"  # usable, but trained on an older library: offer to retrain
ERROR = "error"  # unusable (model missing, corrupt, MediaPipe broken): songs play as the demo

_LOG_LINE = re.compile(r"^([IWEF]\d{4} |WARNING: |INFO: |\[?[A-Z]+:\d|.*tensorflow/|.*absl::)")
_PERCENT = re.compile(r"(\d{1,3})%\|")
_STEP = re.compile(r"^step (\d+)/(\d+) \((\w+)\): (.*)$")  # game.pose.train._step
_EPOCHS = re.compile(r"(\d+)/(\d+) \[")  # tqdm's "18/40 [00:09<..."


class LiveSource(Protocol):
    """What the play scene needs from a live player (a PoseWorker over a Camera, or a test fake)."""

    latest: Any  # TrackedFrame | None

    def predictions_until(self, t: float) -> list: ...

    def lost(self) -> bool: ...

    def stop(self) -> None: ...


class LivePlayer:
    """A PoseWorker over a Camera, plus the landmarker it owns (closed when the song ends)."""

    def __init__(self, worker, landmarker, description: str, give_back: Callable[[Any], None] | None = None,
                 keep_pictures: bool = False, labels: tuple[str, ...] = ()):
        self.worker = worker
        self.seen: list = []  # every prediction handed out this song (the camera-delay suggestion reads them)
        self.keep_pictures = keep_pictures  # the setting "Keep camera pictures for replays"
        self.labels = labels  # the classifier's poses: p(pose) of each is recorded
        self._recording: tuple[Any, Any] | None = None  # (session, its SkeletonRecording)
        self.budget: tuple[int, int] | None = None  # (frames, picture bytes) for the next recording; None: the usual caps
        self._landmarker = landmarker
        self._give_back = give_back
        self.description = description
        self.error: str | None = None  # set when the pose worker stops on an exception

    @property
    def latest(self):
        return self.worker.latest

    def predictions_until(self, t: float) -> list:
        got = self.worker.predictions_until(t)
        self.seen.extend(got)
        return got

    def lost(self) -> bool:
        return self.worker.camera.lost()

    def judge_on_worker(self, session, clock: Callable[[], float]) -> None:
        """Hand each prediction to `session.take` on the pose worker the moment it is made, with the
        song time from `clock` (thread-safe): a cue is judged without waiting for the next drawn frame."""
        self.worker.on_prediction = lambda p: session.take([p], clock())
        self._record(session)

    def _record(self, session) -> None:
        """Record the skeleton for `session`'s replays from now on (a new recording per session:
        a practice pass judges a new session, and sets `budget` so that its passes share one cap).
        Pictures only when the player asked for them."""
        from game.pose.recording import MAX_FRAMES, PICTURE_BYTES, PictureKeep, SkeletonRecording

        frames, picture_bytes = self.budget or (MAX_FRAMES, PICTURE_BYTES)
        spans = [(c.time, c.end_time) for c in session.chart.cues]
        keep = PictureKeep(spans, max_bytes=picture_bytes) if self.keep_pictures else None
        recording = SkeletonRecording(self.labels, max_frames=frames, pictures=keep)
        self._recording = (session, recording)
        self.worker.on_tracked = recording.add

    def recording_for(self, session):
        """The SkeletonRecording made while `session` was judged, or None."""
        if self._recording is not None and self._recording[0] is session:
            return self._recording[1]
        return None

    @property
    def camera_ended_at(self) -> float | None:
        """Song time a video file camera ended (it does not loop), else None."""
        return getattr(self.worker.camera, "ended_at", None)

    def stop(self) -> None:
        """Stop the worker and camera; the landmarker goes back to the service for the next song."""
        if self.worker is not None:
            self.worker.stop()
        landmarker, self._landmarker = self._landmarker, None
        if landmarker is not None and self._give_back is not None:
            self._give_back(landmarker)
        elif landmarker is not None and hasattr(landmarker, "close"):
            landmarker.close()


def describe_source(source: int | str | Path) -> str:
    """'webcam 0' or the video's file name: what the screens call the camera."""
    if isinstance(source, int) or str(source).isdigit():
        return f"webcam {int(source)}"
    return Path(source).name


class Retrain:
    """`python main.py poses train` in a child process; keeps its last meaningful output line."""

    made_library = False  # set when the training made the player's own pose library (game.paths.player_poses_dir)

    def __init__(self, command: list[str], cwd: Path = REPO_ROOT):
        self.command = command
        self.started = time.monotonic()
        self.last_line = "starting training…"
        self.progress: float | None = None  # 0..1 over all the steps, once the first step line came
        self.step: tuple[int, int, str] | None = None  # (step, steps, name) as train._step reports it
        self.epochs: tuple[int, int] | None = None  # (done, total) while the model trains
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "TF_CPP_MIN_LOG_LEVEL": "2"}
        self._proc = subprocess.Popen(command, cwd=str(cwd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, env=env)
        self._reader = threading.Thread(target=self._read, name="retrain-output", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buf = b""
        assert self._proc.stdout is not None
        while True:
            chunk = self._proc.stdout.read1(4096) if hasattr(self._proc.stdout, "read1") else self._proc.stdout.read(1)
            if not chunk:
                break
            buf += chunk
            *lines, buf = re.split(rb"[\r\n]", buf)  # tqdm redraws its bar with \r
            for raw in lines:
                self._take(raw.decode("utf-8", "replace").strip())
        self._take(buf.decode("utf-8", "replace").strip())

    def _take(self, line: str) -> None:
        if not line or _LOG_LINE.match(line):
            return
        if line.startswith("Your poses are kept in"):
            self.made_library = True
        step = _STEP.match(line)
        if step:
            k, n = int(step.group(1)), max(1, int(step.group(2)))
            self.step, self.epochs = (k, n, step.group(3)), None
            self.progress = (k - 1) / n
        m = _PERCENT.search(line)
        if m:
            within = min(1.0, int(m.group(1)) / 100)
            k, n = (self.step[0], self.step[1]) if self.step else (1, 1)
            self.progress = (k - 1 + within) / n
            epochs = _EPOCHS.search(line)
            if epochs:
                self.epochs = (int(epochs.group(1)), int(epochs.group(2)))
            line = re.sub(r"\|[^|]*\|", " ", line)  # tqdm's bar: block glyphs the game's font lacks
        self.last_line = " ".join(line.split())[:200]

    @property
    def returncode(self) -> int | None:
        code = self._proc.poll()
        if code is not None:
            self._reader.join(timeout=1.0)  # the last lines are read before anyone sees the result
        return code

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self._proc.kill()


def _load_classifier(library: Path):
    from game.pose.classifier import PoseClassifier
    return PoseClassifier(library)


def _make_landmarker():
    """A VideoLandmarker, warmed up: MediaPipe's first frame takes ~0.7 s to set up its graph."""
    import numpy as np

    from game.pose.landmarks import VideoLandmarker
    landmarker = VideoLandmarker()
    landmarker.process(np.zeros((480, 640, 3), np.uint8))
    return landmarker


class PoseService:
    """Loads the landmarker and classifier off the render thread; opens live players; retrains.

    `load_classifier(library)` and `make_landmarker()` are injectable so tests can run without
    a trained model; they raise ModelError / LandmarkError (or ImportError) on failure."""

    def __init__(self, library_dir: Path | None = None, *,
                 load_classifier: Callable[[Path], Any] = _load_classifier,
                 make_landmarker: Callable[[], Any] = _make_landmarker,
                 train_command: list[str] | None = None):
        self._library_dir = None if library_dir is None else Path(library_dir)  # None: the default library
        self._load_classifier = load_classifier
        self._make_landmarker = make_landmarker
        self._train_command = train_command  # worked out when first needed (game.pose.library loads OpenCV)
        self.state = OFF
        self.message: str | None = None
        self.classifier: Any = None
        self.retrain: Retrain | None = None
        self.retrain_result: str | None = None  # what the last retrain ended with, for the title screen
        self.ready_s: float | None = None  # seconds from start() to ready/stale/error
        self.ready_wall: float | None = None  # time.time() when loading ended (the startup benchmark)
        self._spare_landmarker: Any = None  # made while loading, handed to the first song
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._started = 0.0

    @property
    def library_dir(self) -> Path:
        """The library given, else the default one as it is now (the shipped library until the first retrain
        makes the player's own, game.paths.default_poses_dir)."""
        return self._library_dir if self._library_dir is not None else default_poses_dir()

    @property
    def train_command(self) -> list[str]:
        if self._train_command is None:
            self._train_command = self.default_train_command()
        return self._train_command

    def default_train_command(self) -> list[str]:
        from game.pose.library import train_args

        return [sys.executable, str(REPO_ROOT / "main.py"), *train_args(self._library_dir)]

    # --- loading ----------------------------------------------------------------------------
    def start(self) -> "PoseService":
        """Begin loading on a thread (returns at once)."""
        self.state, self.message = LOADING, None
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._load, name="pose-loader", daemon=True)
        self._thread.start()
        return self

    def _load(self) -> None:
        from game.pose.classifier import ModelError

        landmarker = None
        try:
            landmarker = self._spare_landmarker or self._make_landmarker()
            classifier = self._load_classifier(self.library_dir)
            stale = getattr(classifier, "stale", None)
        except ModelError as err:
            self._finish(ERROR, str(err), None, landmarker=landmarker)
        except Exception as err:  # noqa: BLE001  (MediaPipe or LiteRT broken: say so, never crash the game)
            from game.extras import reinstall_game_command

            self._finish(ERROR, f"pose recognition could not start: {err}. Reinstall with: {reinstall_game_command()}", None)
        else:
            self._finish(STALE if stale else READY, stale, classifier, landmarker=landmarker)

    def _finish(self, state: str, message: str | None, classifier, landmarker=None) -> None:
        with self._lock:
            self.classifier = classifier
            self._spare_landmarker = landmarker
            self.state, self.message = state, message
            self.ready_s = time.perf_counter() - self._started
            self.ready_wall = time.time()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loading ends (tests, the startup benchmark); True when it did."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.state != LOADING

    @property
    def usable(self) -> bool:
        """Can judge a song from the camera (a stale model still can)."""
        return self.state in (READY, STALE) and self.classifier is not None

    # --- playing ------------------------------------------------------------------------------
    def open_live(self, source: int | str | Path, clock: Callable[[], float], camera_factory=None,
                  delay: float = 0.0, keep_pictures: bool = False) -> LivePlayer:
        """Open the camera and start recognising poses on it; frame times have `delay` (s) subtracted.
        `keep_pictures`: the replays keep small camera pictures around each cue (else skeletons only).
        Raises CameraError with a message."""
        from game.pose.capture import Camera, parse_camera
        from game.pose.others import OthersWatch
        from game.pose.tracker import PoseTracker, PoseWorker

        if not self.usable:
            raise RuntimeError("the pose pipeline is not ready")
        stamp = (lambda: clock() - delay) if delay else clock  # a picture `delay` s late shows the player that long ago
        camera = (camera_factory or Camera)(parse_camera(source), stamp).start()  # raises CameraError
        with self._lock:
            landmarker, self._spare_landmarker = self._spare_landmarker, None
        try:
            landmarker = landmarker or self._make_landmarker()
        except Exception:
            camera.stop()
            raise
        player = LivePlayer(None, landmarker, describe_source(source), self._return_landmarker, keep_pictures,
                            tuple(getattr(self.classifier, "labels", ())))
        tracker = PoseTracker(landmarker, self.classifier, OthersWatch().start())
        worker = PoseWorker(camera, tracker, on_error=lambda m: setattr(player, "error", m))
        player.worker = worker.start()
        return player

    def _return_landmarker(self, landmarker) -> None:
        with self._lock:
            spare, self._spare_landmarker = self._spare_landmarker, landmarker
        if spare is not None and hasattr(spare, "close"):
            spare.close()

    # --- retraining ---------------------------------------------------------------------------
    @property
    def can_retrain(self) -> bool:
        return self.state in (STALE, ERROR) and self.retrain is None

    def start_retrain(self) -> bool:
        """Run the training command in a child process; poll() picks up the result."""
        if not self.can_retrain:
            return False
        self.retrain_result = None
        try:
            self.retrain = Retrain(self.train_command)
        except OSError as err:
            self.retrain_result = f"could not start training: {err}"
            return False
        return True

    def poll(self) -> None:
        """Called every frame by the app: when training has finished, reload the model."""
        job = self.retrain
        if job is None or job.returncode is None:
            return
        self.retrain = None
        if job.returncode == 0:
            self.retrain_result = f"retrained in {job.seconds:.0f} s"
            if self._library_dir is None and job.made_library:
                self.retrain_result += f"; your poses are kept in {user_poses_dir()}, game updates never change them"
            self.start()  # reload, off the render thread
        else:
            self.retrain_result = f"training failed (exit {job.returncode}): {job.last_line}"

    def close(self) -> None:
        """Stop a running training and let a load in progress finish (no half-imported MediaPipe at exit)."""
        if self.retrain is not None:
            self.retrain.stop()
            self.retrain = None
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=10.0)
        spare, self._spare_landmarker = self._spare_landmarker, None
        if spare is not None and hasattr(spare, "close"):
            spare.close()
