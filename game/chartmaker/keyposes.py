"""Key poses of a dancer in a video, as play sees them, and grouping them into moves.

Shared by `chart from-video` and benchmarks/pose_dance.py. The video goes through play's path
(capture.video_frames -> tracker.PoseTracker, tracking MediaPipe, the tracker's choice of
person); a key pose is a frame where the body nearly stops (mean joint speed a local minimum
within ±STILL_WINDOW_S) with every arm and leg joint seen. Angles are docs/poses.md degrees in
game.poselib.LIMBS order: (N, 8) rows."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np

# A later moment is the same move when the arm and leg segments are this close on average and none
# is further off than SAME_WORST_DEG (a dancer never repeats a move exactly; the classifier's own
# rule, every limb within synth.POSE_WITHIN = 25 deg of a taught frame, is deliberately not the truth).
SAME_MEAN_DEG = 15.0
SAME_WORST_DEG = 40.0
DECOY_DEG = 50.0    # some limb at least this far off: a different move
STILL_WINDOW_S = 0.12  # a key pose: the slowest frame within this many seconds either side
_SPEED_JOINTS = [11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28]


def track(video: Path, region: tuple[float, float] | None = None, every_s: float = 0.0,
          progress: Callable[[float], None] | None = None) -> tuple[np.ndarray, list]:
    """Frame times (s, video timeline, shape (N,)) and landmarks (or None) as play sees them.

    `region` (x0, x1), shares of the frame width: everything outside is greyed before the tracker
    sees it (one dancer of a group). `every_s`: skip frames closer than this to the last one kept
    (0 keeps all). `progress(seconds_done)` is called per kept frame.
    Raises game.pose.capture.CameraError (missing or undecodable video)."""
    from game.pose.capture import video_frames
    from game.pose.landmarks import VideoLandmarker
    from game.pose.moments import _NoPoses
    from game.pose.tracker import PoseTracker
    times, marks = [], []
    last = -1e9
    with VideoLandmarker() as marker:
        tracker = PoseTracker(marker, _NoPoses())
        for frame in video_frames(video):
            if frame.t - last < every_s - 1e-6:
                continue
            last = frame.t
            if region is not None:
                frame = _masked(frame, region)
            times.append(frame.t)
            marks.append(tracker.process(frame).landmarks)
            if progress:
                progress(frame.t)
    return np.asarray(times, dtype=float), marks


def _masked(frame, region: tuple[float, float]):
    from game.pose.capture import Frame
    w = frame.image.shape[1]
    lo, hi = max(int(region[0] * w), 0), min(int(region[1] * w), w)
    image = np.full_like(frame.image, 127)
    image[:, lo:hi] = frame.image[:, lo:hi]
    return Frame(image=image, t=frame.t, index=frame.index)


def limb_rows(marks: list) -> np.ndarray:
    """(N, 8) limb angles in degrees (NaN where nobody was found)."""
    from game.pose.features import batch_limb_angles
    out = np.full((len(marks), 8), np.nan)
    for i, lm in enumerate(marks):
        if lm is not None:
            out[i] = batch_limb_angles(lm.points[None], np.array([[lm.width, lm.height]]))[0]
    return out


def joint_speed(times: np.ndarray, marks: list) -> np.ndarray:
    """(N,) mean arm/leg joint speed in torso lengths per second (inf where unknown)."""
    speed = np.full(len(marks), np.inf)
    for i in range(1, len(marks)):
        a, b = marks[i - 1], marks[i]
        if a is None or b is None or times[i] <= times[i - 1]:
            continue
        pa, pb = a.pixels(), b.pixels()
        torso = max(np.linalg.norm(pb[[11, 12]].mean(0) - pb[[23, 24]].mean(0)), 1.0)
        speed[i] = np.linalg.norm(pb[_SPEED_JOINTS] - pa[_SPEED_JOINTS], axis=1).mean() / torso / (times[i] - times[i - 1])
    return speed


def key_poses(times: np.ndarray, marks: list) -> list[int]:
    """Frame indices where the dancer nearly stops, every arm and leg joint seen."""
    from game.pose.moments import unsure_joints
    speed = joint_speed(times, marks)
    out = []
    for i in range(len(marks)):
        near = np.abs(times - times[i]) <= STILL_WINDOW_S
        if np.isfinite(speed[i]) and speed[i] <= speed[near].min() and not unsure_joints(marks[i]):
            out.append(i)
    return out


def angle_gap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-limb difference in degrees (-180..180 wrapped, absolute) between broadcastable rows."""
    return np.abs((a - b + 180.0) % 360.0 - 180.0)


def worst_gap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Worst-limb difference in degrees between rows of a (N,8) and one row b (8,)."""
    return angle_gap(a, b).max(-1)


def same_move(a: np.ndarray, b: np.ndarray) -> bool:
    """Is limb-angle row a (8,) the same move as row b (see SAME_MEAN_DEG)?"""
    gap = angle_gap(a, b)
    return bool(gap.mean() <= SAME_MEAN_DEG and gap.max() <= SAME_WORST_DEG)


def mirror_rows(rows: np.ndarray) -> np.ndarray:
    """Limb angles of the mirror image: left and right swap (LIMBS order: l arm, r arm, l leg, r leg)."""
    return rows[..., [2, 3, 0, 1, 6, 7, 4, 5]]


def group_moves(rows: np.ndarray, keys: list[int], worst_deg: float = SAME_WORST_DEG) -> list[list[int]]:
    """Key-pose frame indices grouped into moves, in order of first appearance: a key pose joins
    the move so far nearest on average whose first pose no limb is more than `worst_deg` from,
    else starts a new one. (Looser than same_move: two moves a player cannot tell apart are one.)"""
    moves: list[list[int]] = []
    for i in keys:
        fits = [(angle_gap(rows[i], rows[m[0]]).mean(), k) for k, m in enumerate(moves)
                if worst_gap(rows[i][None], rows[m[0]])[0] <= worst_deg]
        if fits:
            moves[min(fits)[1]].append(i)
        else:
            moves.append([i])
    return moves
