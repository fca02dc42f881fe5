"""MediaPipe Pose landmarks for video frames (tracking) and still photos (static, with retries).

Only the model that ships inside the mediapipe wheel (model_complexity=1) is allowed: the other
complexities download a model at run time, which would hang or fail offline. mediapipe imports
TensorFlow when it is installed (seconds, and the game must never load it), so it is imported
with TensorFlow blocked."""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np

# MediaPipe Pose landmark indices (the 33-point BlazePose layout).
NAMES = ("nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
         "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right",
         "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
         "left_pinky", "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb",
         "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
         "left_heel", "right_heel", "left_foot_index", "right_foot_index")
INDEX = {name: i for i, name in enumerate(NAMES)}
# Index of each landmark's left/right counterpart (itself for none): used to mirror a pose.
MIRROR = tuple(INDEX[n.replace("left", "@").replace("right", "left").replace("@", "right")] for n in NAMES)
EXTRACTOR_VERSION = 1  # bump when the photo retries change, so cached landmarks are redone

SUPPORTED_COMPLEXITY = 1


def mirror_points(points: np.ndarray) -> np.ndarray:
    """Mirror (N,33,4) landmarks: flip x and swap left/right joints."""
    out = points[:, list(MIRROR)].copy()
    out[..., 0] = 1.0 - out[..., 0]
    return out


class LandmarkError(Exception):
    """A user-facing problem (bad image path, unsupported model): str() says what to do."""


@dataclass(frozen=True)
class Landmarks:
    """33 landmarks in MediaPipe layout: x, y in 0..1 of the image, z (same scale as x), visibility.

    Coordinates are in the camera image, not mirrored: the person's left shoulder (11) is on
    the image's right when they face the camera. width/height give the aspect ratio back."""

    points: np.ndarray  # (33, 4) float32
    width: int
    height: int

    def pixels(self) -> np.ndarray:
        """(33, 2) x, y in pixels: the only space where angles and distances are true."""
        return self.points[:, :2] * np.array([self.width, self.height], dtype=np.float32)

    def mirrored(self) -> "Landmarks":
        """The mirror image (flip x, swap left and right), as MediaPipe would see a flipped photo."""
        return Landmarks(mirror_points(self.points[None])[0], self.width, self.height)

    def score(self) -> float:
        """Mean visibility of the 13 body joints: how sure MediaPipe is that this is a whole person."""
        body = [0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28]
        return float(np.mean(self.points[body, 3]))

    def to_list(self, digits: int = 4) -> list[list[float]]:
        return [[round(float(v), digits) for v in row] for row in self.points]

    @staticmethod
    def from_list(rows: list, width: int, height: int) -> "Landmarks":
        pts = np.asarray(rows, dtype=np.float32).reshape(33, 4)
        return Landmarks(pts, int(width), int(height))


def import_mediapipe():
    """Import mediapipe without letting it import TensorFlow (it only wants TF for doc tools)."""
    if "mediapipe" in sys.modules:
        return sys.modules["mediapipe"]
    blocked = "tensorflow" not in sys.modules
    if blocked:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]  # makes 'import tensorflow' fail fast
    try:
        import mediapipe as mp
    finally:
        if blocked and sys.modules.get("tensorflow", 0) is None:
            del sys.modules["tensorflow"]
    return mp


def _to_landmarks(result, width: int, height: int) -> Landmarks | None:
    if result is None or result.pose_landmarks is None:
        return None
    pts = np.array([[p.x, p.y, p.z, p.visibility] for p in result.pose_landmarks.landmark], dtype=np.float32)
    return Landmarks(pts, width, height)


def _check_complexity(model_complexity: int) -> None:
    if model_complexity != SUPPORTED_COMPLEXITY:
        raise LandmarkError(f"model_complexity={model_complexity} is not available: only the model shipped inside "
                            f"the mediapipe wheel (model_complexity=1) is used, because the others are downloaded "
                            f"at run time. Use model_complexity=1.")


class VideoLandmarker:
    """Tracking mode for a stream of frames: MediaPipe follows one person from frame to frame,
    which is both faster and keeps to the same player when a bystander walks in. With
    tracking=False every frame is looked at afresh (a second look at a frame, for bystanders)."""

    def __init__(self, model_complexity: int = 1, min_detection_confidence: float = 0.5,
                 min_tracking_confidence: float = 0.5, tracking: bool = True):
        _check_complexity(model_complexity)
        mp = import_mediapipe()
        self._pose = mp.solutions.pose.Pose(static_image_mode=not tracking, model_complexity=model_complexity,
                                            smooth_landmarks=tracking, enable_segmentation=False,
                                            min_detection_confidence=min_detection_confidence,
                                            min_tracking_confidence=min_tracking_confidence)

    def process(self, frame_bgr: np.ndarray) -> Landmarks | None:
        """Landmarks of the tracked person in one BGR frame, or None when nobody is found."""
        h, w = frame_bgr.shape[:2]
        rgb = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)
        return _to_landmarks(self._pose.process(rgb), w, h)

    def close(self) -> None:
        self._pose.close()

    def __enter__(self) -> "VideoLandmarker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _pad(img: np.ndarray, left: int, top: int, right: int, bottom: int) -> np.ndarray:
    return cv2.copyMakeBorder(img, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(0, 0, 0))


class PhotoLandmarker:
    """Static mode for photos, with retries: MediaPipe at default settings misses about one noisy
    web photo in nine, mostly when the person fills or overflows the frame, is small, or the
    detector is unsure. Each retry maps its landmarks back to the original image."""

    GOOD = 0.75  # a result whose body joints are this visible is accepted without more retries

    def __init__(self, model_complexity: int = 1):
        _check_complexity(model_complexity)
        self._mp = import_mediapipe()
        self._poses: dict[float, object] = {}
        self._complexity = model_complexity

    def _pose(self, confidence: float):
        if confidence not in self._poses:
            self._poses[confidence] = self._mp.solutions.pose.Pose(
                static_image_mode=True, model_complexity=self._complexity, enable_segmentation=False,
                min_detection_confidence=confidence)
        return self._poses[confidence]

    def _attempts(self, img: np.ndarray) -> Iterator[tuple[np.ndarray, float, tuple[int, int, float, bool]]]:
        """(image, confidence, (offset x, offset y, scale, flipped)) to try, cheapest first."""
        h, w = img.shape[:2]
        yield img, 0.5, (0, 0, 1.0, False)
        side = max(h, w)
        margin = side // 4
        # zoom out: a person filling or overflowing the frame is found once there is room around
        padded = _pad(img, (side - w) // 2 + margin, (side - h) // 2 + margin,
                      side - w - (side - w) // 2 + margin, side - h - (side - h) // 2 + margin)
        yield padded, 0.3, ((side - w) // 2 + margin, (side - h) // 2 + margin, 1.0, False)
        if min(h, w) < 400:  # small photos: the detector works on a 224 px square anyway, but the landmark crop gains
            k = 400.0 / min(h, w)
            yield cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC), 0.3, (0, 0, k, False)
        yield cv2.flip(img, 1), 0.3, (0, 0, 1.0, True)
        yield img, 0.1, (0, 0, 1.0, False)
        yield padded, 0.1, ((side - w) // 2 + margin, (side - h) // 2 + margin, 1.0, False)

    def process(self, img_bgr: np.ndarray) -> Landmarks | None:
        """Landmarks of the most visible person found in a photo, or None."""
        h, w = img_bgr.shape[:2]
        best: Landmarks | None = None
        for trial, confidence, (ox, oy, scale, flipped) in self._attempts(img_bgr):
            th, tw = trial.shape[:2]
            found = _to_landmarks(self._pose(confidence).process(cv2.cvtColor(trial, cv2.COLOR_BGR2RGB)), tw, th)
            if found is None:
                continue
            if flipped:
                found = found.mirrored()
            pts = found.points.copy()
            pts[:, 0] = (pts[:, 0] * tw - ox) / scale / w
            pts[:, 1] = (pts[:, 1] * th - oy) / scale / h
            pts[:, 2] = pts[:, 2] * tw / scale / w  # z shares x's scale
            found = Landmarks(pts, w, h)
            if best is None or found.score() > best.score():
                best = found
            if best.score() >= self.GOOD:
                break
        return best

    def close(self) -> None:
        for pose in self._poses.values():
            pose.close()
        self._poses.clear()


def read_image(path: Path) -> np.ndarray:
    """BGR image from a file, or LandmarkError saying why not (missing, not an image)."""
    path = Path(path)
    if not path.is_file():
        raise LandmarkError(f"{path}: image not found; check the path")
    data = np.fromfile(str(path), dtype=np.uint8)
    img = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if img is None:
        raise LandmarkError(f"{path}: not an image OpenCV can read; use a JPEG or PNG file")
    return img


def read_video_frame(path: Path, seconds: float) -> np.ndarray:
    """The frame shown at `seconds` into a video file (BGR, upright as players show it: the video's
    rotation tag applied, so `poses add --video` learns a standing pose from a phone clip), or
    LandmarkError (missing, undecodable, outside the video)."""
    from game.pose.capture import CameraError, VideoFile

    path = Path(path)
    if not path.is_file():
        raise LandmarkError(f"{path}: video not found; check the path")
    try:
        video = VideoFile(path)
    except CameraError as err:
        raise LandmarkError(str(err)) from None
    try:
        if seconds < 0 or (video.duration and seconds > video.duration):
            raise LandmarkError(f"{path}: --at {seconds} is outside the video (0 to {video.duration or 0:.2f} s)")
        frame = video.frame_at(seconds)
        if frame is None:
            raise LandmarkError(f"{path}: no frame at {seconds} s")
        return frame
    finally:
        video.close()


class CachedPhotoLandmarker:
    """PhotoLandmarker with an on-disk cache keyed by the file's bytes, so re-running an
    evaluation or benchmark does not redo MediaPipe (about 0.1 to 0.5 s a photo)."""

    def __init__(self, cache_dir: Path | None = None, landmarker: PhotoLandmarker | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._landmarker = landmarker

    def from_file(self, path: Path) -> Landmarks | None:
        key = None
        if self.cache_dir and Path(path).is_file():  # only a cache needs the bytes hashed
            key = self.cache_dir / f"{hashlib.sha1(Path(path).read_bytes()).hexdigest()}-v{EXTRACTOR_VERSION}.json"
            if key.is_file():
                data = json.loads(key.read_text())
                return None if data is None else Landmarks.from_list(data["landmarks"], *data["size"])
        img = read_image(path)
        if self._landmarker is None:
            self._landmarker = PhotoLandmarker()
        found = self._landmarker.process(img)
        if key is not None:
            key.parent.mkdir(parents=True, exist_ok=True)
            key.write_text(json.dumps(None if found is None else
                                      {"landmarks": found.to_list(5), "size": [found.width, found.height]}))
        return found
