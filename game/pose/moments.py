"""What play sees at a moment of a video: teaching (`poses add --video`) and `poses classify
--video` run the video through the same path as play (capture.video_frames -> tracker.PoseTracker:
MediaPipe in tracking mode, the tracker's choice of person, frames shrunk as play shrinks them),
from the first frame up to the moment, so that tracking has settled as it has in play.

Teaching from a photo keeps MediaPipe's still-image mode (a photo has no before)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from game.pose.features import JOINTS, SEEN_VISIBILITY
from game.pose.landmarks import NAMES, LandmarkError, Landmarks

AROUND_S = 1.0  # frames this far either side of a moment are kept to suggest a better one
# The joints a pose depends on: the 12 joints of the arms, legs, shoulders and hips (not the nose).
POSE_JOINTS = tuple(j for j in JOINTS if j != 0)


@dataclass(frozen=True)
class Moment:
    """The frames play saw around one asked-for time `at` (seconds of video time)."""

    at: float
    span: float
    frames: tuple[tuple[float, Landmarks | None], ...]  # (frame time s, landmarks) within ±AROUND_S

    def taken(self) -> list[tuple[float, Landmarks | None]]:
        """The frames within ±span/2 of `at`, or the one nearest `at` when the span holds none."""
        half = self.span / 2 + 1e-6
        inside = [f for f in self.frames if abs(f[0] - self.at) <= half]
        if inside:
            return inside
        return [min(self.frames, key=lambda f: abs(f[0] - self.at))] if self.frames else []


class _NoPoses:
    """Teaching needs landmarks only; the tracker asks a classifier anyway, so answer nothing."""

    labels: list[str] = []

    def predict(self, features) -> dict[str, float]:
        return {}


def video_moments(video: Path, moments: Sequence[float], span: float = 0.0, classifier=None,
                  landmarker=None) -> list[Moment]:
    """Run play's path over `video` from its start to the last moment (+ AROUND_S) and return,
    per moment (seconds), the frames around it. Raises LandmarkError (video missing, unreadable,
    a moment outside the video)."""
    from game.pose.capture import CameraError, video_frames
    from game.pose.landmarks import VideoLandmarker
    from game.pose.tracker import PoseTracker
    video = Path(video)
    if not video.is_file():
        raise LandmarkError(f"{video}: video not found; check the path")
    if span < 0 or span > 2 * AROUND_S:
        raise LandmarkError(f"--span {span}: give a span from 0 to {2 * AROUND_S:g} seconds")
    if not moments:
        raise LandmarkError("--video needs --at SECONDS (the moment the pose is held)")
    end = max(moments) + AROUND_S
    kept: list[tuple[float, Landmarks | None]] = []
    last_t = -1.0
    own = landmarker is None
    landmarker = landmarker or VideoLandmarker()
    try:
        tracker = PoseTracker(landmarker, classifier or _NoPoses())
        for frame in video_frames(video):
            if frame.t > end:
                break
            tracked = tracker.process(frame)
            last_t = frame.t
            if any(abs(frame.t - m) <= AROUND_S for m in moments):
                kept.append((frame.t, tracked.landmarks))
    except CameraError as err:
        raise LandmarkError(str(err)) from None
    finally:
        if own:
            landmarker.close()
    out = []
    for m in moments:
        if m < 0 or m > last_t + 0.5:
            raise LandmarkError(f"{video}: --at {m:g} is outside the video (0 to {max(last_t, 0):.2f} s)")
        out.append(Moment(float(m), float(span), tuple(f for f in kept if abs(f[0] - m) <= AROUND_S)))
    return out


def unsure_joints(lm: Landmarks, joints: Sequence[int] = POSE_JOINTS) -> list[str]:
    """Names of the joints MediaPipe hardly saw (visibility under features.SEEN_VISIBILITY) or
    placed outside the picture: guesses, which a taught pose should not depend on."""
    pts = lm.points
    out = []
    for j in joints:
        x, y, _, vis = (float(v) for v in pts[j])
        if vis < SEEN_VISIBILITY or not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
            out.append(NAMES[j].replace("_", " "))
    return out


def better_moment(moment: Moment) -> float | None:
    """The frame time nearest the asked-for moment where every joint was seen, or None."""
    good = [t for t, lm in moment.frames if lm is not None and not unsure_joints(lm)]
    return min(good, key=lambda t: abs(t - moment.at)) if good else None
