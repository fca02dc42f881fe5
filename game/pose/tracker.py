"""From camera frames to timestamped predictions: landmarks -> features -> classifier.

`PoseTracker.process` is the synchronous step (used headless and by benchmarks);
`PoseWorker` runs it on a thread over a live Camera so the render loop never waits for it.
The tracker stays on one player. MediaPipe follows one person; when it loses the player it may
pick up a bystander. So a detection far from where the player was a moment ago is not taken,
and the frame is looked at again with everything outside the player's last place greyed out,
so MediaPipe finds the player rather than someone else. After a miss the masked look comes
first, and the whole frame is looked at too when it finds nobody: masked looks alone turned one
missed frame into seconds of nothing whenever the player had moved out of the mask. After
SWITCH_AFTER_S without the player, whoever is in view becomes the player. An OthersWatch says
when someone else is in view too, so the play screen can say whom it follows."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np

from game.judge import Prediction
from game.pose.capture import Camera, Frame
from game.pose.features import features_and_angles
from game.pose.landmarks import Landmarks
from game.pose.others import OthersWatch

MAX_SIDE = 640  # larger frames are shrunk first: MediaPipe works on a 256 px crop anyway
KEY_JOINTS = [11, 12, 23, 24, 25, 26, 27, 28]  # shoulders, hips, knees, ankles: needed to see a whole body
MOVING_JOINTS = KEY_JOINTS + [15, 16]  # and the wrists: how much the body moves
OUTLINE_JOINTS = MOVING_JOINTS + [0]  # and the nose: where the player stands
VISIBLE = 0.5
JUMP_TORSOS_PER_S = 2.0  # faster than a dancer's hips move: a detection this far away is someone else
JUMP_GROWS_FOR_S = 0.5  # the allowed jump stops growing here (2 torsos): someone further off is a bystander until SWITCH_AFTER_S
REGION_MARGIN = 0.6  # the player's place: their bounding box widened by this share of its width each side
SWITCH_AFTER_S = 2.0  # the player is gone this long: accept whoever is there now


class Status:
    OK = "ok"
    NOBODY = "nobody"  # "Step into the camera view"
    PARTIAL = "partial"  # "Step back so that your whole body is in view"


@dataclass(frozen=True)
class TrackedFrame:
    """What the play screen draws for the latest processed frame."""

    frame: Frame
    landmarks: Landmarks | None
    status: str
    prediction: Prediction | None
    process_ms: float
    others: bool = False  # someone else is in view too (the game stays on the player)


def _centre_and_torso(px: np.ndarray) -> tuple[np.ndarray, float]:
    """Hip centre and torso length, from landmark pixels."""
    hips, shoulders = px[[23, 24]].mean(0), px[[11, 12]].mean(0)
    return hips, float(max(np.linalg.norm(shoulders - hips), 1.0))


def _shrunk(frame: Frame) -> Frame:
    h, w = frame.image.shape[:2]
    scale = MAX_SIDE / max(h, w)
    if scale >= 1.0:
        return frame
    image = cv2.resize(frame.image, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    return Frame(image=image, t=frame.t, index=frame.index)


def is_partial(lm: Landmarks) -> bool:
    pts = lm.points[KEY_JOINTS]
    inside = (pts[:, 0] >= 0) & (pts[:, 0] <= 1) & (pts[:, 1] >= 0) & (pts[:, 1] <= 1)
    return bool(np.any(~inside | (pts[:, 3] < VISIBLE)))


class PoseTracker:
    """One frame at a time: who is the player, what pose are they in, how much are they moving."""

    def __init__(self, landmarker, classifier, others: OthersWatch | None = None):
        self._landmarker = landmarker
        self._classifier = classifier
        self._others = others
        self._last: tuple[float, np.ndarray, float, np.ndarray] | None = None  # t, hip centre, torso, joints px
        self._region: tuple[int, int] | None = None  # x range (px) where the player was last seen
        self._missing = False  # the player was not found in the previous frame

    def process(self, frame: Frame) -> TrackedFrame:
        start = time.perf_counter()
        frame = _shrunk(frame)
        lm = self._find(frame.image, frame.t)
        self._missing = lm is None
        if lm is None:
            return TrackedFrame(frame, None, Status.NOBODY, None, (time.perf_counter() - start) * 1000)
        px = lm.pixels()
        centre, torso = _centre_and_torso(px)
        joints = px[MOVING_JOINTS]
        motion = None
        if self._last is not None and frame.t > self._last[0]:
            moved = np.linalg.norm(joints - self._last[3], axis=1).mean()
            motion = float(moved / torso / (frame.t - self._last[0]))
        self._last = (frame.t, centre, torso, joints)
        xs = px[OUTLINE_JOINTS, 0]
        margin = (xs.max() - xs.min()) * REGION_MARGIN + torso
        self._region = (int(xs.min() - margin), int(xs.max() + margin))
        if self._others is not None:
            self._others.offer(frame.image, self._region)
        feats, angles = features_and_angles(lm)
        prediction = Prediction(t=frame.t, probs=self._classifier.predict(feats), angles=angles, motion=motion)
        status = Status.PARTIAL if is_partial(lm) else Status.OK
        others = self._others is not None and self._others.in_view
        return TrackedFrame(frame, lm, status, prediction, (time.perf_counter() - start) * 1000, others)

    def close(self) -> None:
        """Stop looking for other people (the landmarker belongs to whoever passed it in)."""
        if self._others is not None:
            self._others.stop()

    def _find(self, image: np.ndarray, t: float) -> Landmarks | None:
        """The player's landmarks, or None. Two looks at most: the whole frame and the frame with
        everything outside the player's last place greyed out. After a miss the masked look comes
        first (MediaPipe then finds the player rather than a bystander); the other look is taken
        when the first finds nobody or someone else (the player may have moved out of the mask)."""
        masked = self._only_region(image, t)
        looks = [image] if masked is None else [masked, image] if self._missing else [image, masked]
        for look in looks:
            lm = self._landmarker.process(look)
            if lm is not None and not self._is_bystander(lm, t):
                return lm
        return None

    def _only_region(self, image: np.ndarray, t: float) -> np.ndarray | None:
        """The frame with everything outside the player's last place greyed out; None when there
        is no such place (nobody seen yet, or gone for SWITCH_AFTER_S)."""
        if self._region is None or self._last is None or t - self._last[0] >= SWITCH_AFTER_S:
            return None
        lo, hi = max(self._region[0], 0), min(self._region[1], image.shape[1])
        masked = np.full_like(image, 127)
        masked[:, lo:hi] = image[:, lo:hi]
        return masked

    def _is_bystander(self, lm: Landmarks, t: float) -> bool:
        if self._last is None:
            return False
        last_t, last_centre, torso, _ = self._last
        gone = t - last_t
        if gone >= SWITCH_AFTER_S:
            return False
        centre, _ = _centre_and_torso(lm.pixels())
        allowed = torso * (1.0 + JUMP_TORSOS_PER_S * min(max(gone, 0.0), JUMP_GROWS_FOR_S))
        return float(np.linalg.norm(centre - last_centre)) > allowed


class PoseWorker:
    """Runs a PoseTracker over a live Camera on a thread; the game reads predictions and the
    latest tracked frame without waiting. Implements the PredictionSource protocol.

    The camera keeps only its newest frame, so the worker never works through a queue of stale
    ones. `on_prediction`, when set, is called on this thread with each prediction the moment it
    is made: the play session judges there, instead of waiting for the next drawn frame.
    `on_tracked`, when set, is called on this thread with every processed frame (the replay recording)."""

    def __init__(self, camera: Camera, tracker: PoseTracker, on_error: Callable[[str], None] | None = None,
                 on_prediction: Callable[[Prediction], None] | None = None):
        self.camera = camera
        self._tracker = tracker
        self._lock = threading.Lock()
        self._pending: list[Prediction] = []
        self.latest: TrackedFrame | None = None
        self._stop = threading.Event()
        self._on_error = on_error
        self.on_prediction = on_prediction
        self.on_tracked: Callable[[TrackedFrame], None] | None = None
        self._thread = threading.Thread(target=self._run, name="pose-worker", daemon=True)

    def start(self) -> "PoseWorker":
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            frame = self.camera.latest()
            if frame is None:
                time.sleep(0.001)
                continue
            try:
                tracked = self._tracker.process(frame)
                if self.on_tracked is not None:
                    self.on_tracked(tracked)
                if tracked.prediction is not None and self.on_prediction is not None:
                    self.on_prediction(tracked.prediction)
            except Exception as exc:  # a worker must not die silently: report and stop
                if self._on_error:
                    self._on_error(f"pose recognition stopped: {exc}")
                return
            with self._lock:
                self.latest = tracked
                if tracked.prediction is not None:
                    self._pending.append(tracked.prediction)

    def predictions_until(self, t: float) -> list[Prediction]:
        with self._lock:
            ready = [p for p in self._pending if p.t <= t]
            self._pending = [p for p in self._pending if p.t > t]
        return ready

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2.0)
        self._tracker.close()
        self.camera.stop()
