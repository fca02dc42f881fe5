"""The one feature function shared by training and the game, plus dancer-centric limb angles.

Features are computed in pixels (so the image's aspect ratio cannot bend angles), centred on
the hips and scaled by body size (so where the player stands and how tall they are does not
matter), with missing joints filled from the mirrored joint or a neutral limb (so one hidden
wrist does not wreck the vector). Left and right stay in their own slots: a mirror image gives
a different vector. Pure numpy; batched so training can featurise many examples at once."""
from __future__ import annotations

import math
import warnings
from typing import Mapping

import numpy as np

from game.poselib import LIMBS, PROPORTIONS

FEATURE_VERSION = 1

# The 13 body joints used (MediaPipe indices): nose, shoulders, elbows, wrists, hips, knees, ankles.
JOINTS = (0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28)
NOSE, LS, RS, LE, RE, LW, RW, LH, RH, LK, RK, LA, RA = range(13)
_COUNTERPART = (0, RS, LS, RE, LE, RW, LW, RH, LH, RK, LK, RA, LA)
# (joint, parent, neutral length in torso lengths, side: +1 left / -1 right / 0 centre)
_NEUTRAL = ((LE, LS, PROPORTIONS["upper_arm"]), (RE, RS, PROPORTIONS["upper_arm"]),
            (LK, LH, PROPORTIONS["thigh"]), (RK, RH, PROPORTIONS["thigh"]),
            (LW, LE, PROPORTIONS["forearm"]), (RW, RE, PROPORTIONS["forearm"]),
            (LA, LK, PROPORTIONS["shin"]), (RA, RK, PROPORTIONS["shin"]))
SEGMENT_JOINTS = {
    "left_upper_arm": (LS, LE), "left_forearm": (LE, LW), "right_upper_arm": (RS, RE), "right_forearm": (RE, RW),
    "left_thigh": (LH, LK), "left_shin": (LK, LA), "right_thigh": (RH, RK), "right_shin": (RK, RA),
}
_DIRECTIONS = tuple(SEGMENT_JOINTS.values()) + ((LS, RS), (LH, RH))
_VECTORS = ((LS, LW), (RS, RW), (LH, LA), (RH, RA), (LW, RW), (LA, RA), (LW, LA), (RW, RA))
_DIR_A, _DIR_B = [a for a, _ in _DIRECTIONS], [b for _, b in _DIRECTIONS]
_VEC_A, _VEC_B = [a for a, _ in _VECTORS], [b for _, b in _VECTORS]
MISSING_VISIBILITY = 0.1  # below this MediaPipe's guess of a joint is not used
SEEN_VISIBILITY = 0.5     # the visibility mask in the features
MASK_WEIGHT = 0.25        # the mask matters less than where the joints are
FEATURE_SIZE = 13 * 2 + (len(_DIRECTIONS) + 2) * 2 + len(_VECTORS) * 2 + 13
# The pose embedding for nearest-neighbour votes: the first 26 features, the 13 joints relative to
# the hip centre divided by body size (MediaPipe's pose-classification embedding normalises the
# same way). On photos-yoga8, 5 taught per pose, 1-NN on it gets 96%: as good as all 79 features.
EMBEDDING = slice(0, 26)
# The unit directions (image x, y) of the 8 arm and leg segments, LIMBS order: how far each limb of
# a frame is from a taught example's, in degrees, without recomputing the landmarks.
LIMB_DIRECTIONS = slice(26, 26 + 2 * len(SEGMENT_JOINTS))


def _body_only() -> np.ndarray:
    """Indices of the features that do not involve the arms (elbows, wrists): used to tell
    whether two poses differ by more than their arms."""
    arms = {LE, RE, LW, RW}
    keep = [k for j in range(13) if j not in arms for k in (2 * j, 2 * j + 1)]
    base = 26
    for a, b in _DIRECTIONS + ((LH, LS), (LS, NOSE)):  # the last two stand for torso and head
        if a not in arms and b not in arms:
            keep += [base, base + 1]
        base += 2
    for a, b in _VECTORS:
        if a not in arms and b not in arms:
            keep += [base, base + 1]
        base += 2
    keep += [base + j for j in range(13) if j not in arms]
    return np.array(keep)


BODY_ONLY = _body_only()


def body_points(points: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N,33,4) normalised landmarks + (N,2) image sizes -> (N,13,2) pixels with missing joints
    filled, and the (N,13) visibility. Fills use the mirrored joint across the body's axis when
    that one is seen, else the limb hanging in a neutral direction from its parent."""
    pts = np.asarray(points, dtype=np.float64)[:, JOINTS]
    vis = np.nan_to_num(pts[..., 3], nan=0.0)
    xy = pts[..., :2] * np.asarray(sizes, dtype=np.float64)[:, None, :]
    missing = ~np.isfinite(xy).all(-1) | (vis < MISSING_VISIBILITY)
    xy = np.where(missing[..., None], np.nan, xy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-missing rows are handled just below
        hip_c = np.nanmean(xy[:, [LH, RH]], axis=1)
        sh_c = np.nanmean(xy[:, [LS, RS]], axis=1)
        extent = np.nanmax(xy[..., 1], axis=1) - np.nanmin(xy[..., 1], axis=1)
    extent = np.where(np.isfinite(extent) & (extent > 1e-6), extent, 1.0)
    guess = np.stack([np.zeros_like(extent), extent * 0.3], axis=-1)
    hip_c = np.where(np.isfinite(hip_c), hip_c, sh_c + guess)
    sh_c = np.where(np.isfinite(sh_c), sh_c, hip_c - guess)
    hip_c = np.nan_to_num(hip_c, nan=0.0)
    sh_c = np.where(np.isfinite(sh_c), sh_c, hip_c - np.array([0.0, 1.0]))
    axis = sh_c - hip_c
    torso = np.linalg.norm(axis, axis=-1, keepdims=True)
    up = np.where(torso > 1e-6, axis / np.maximum(torso, 1e-9), np.array([0.0, -1.0]))
    torso = np.maximum(torso, 1e-6)
    left = np.stack([-up[:, 1], up[:, 0]], axis=-1)  # the dancer's left, facing the camera (image +x when upright)
    if not missing.any():  # the usual frame: nothing to fill
        return xy, vis
    seen = ~missing
    filled = xy.copy()
    for j in range(13):  # mirrored joint across the body axis where that joint is seen
        rel = xy[:, _COUNTERPART[j]] - hip_c
        refl = hip_c + 2 * (rel * up).sum(-1, keepdims=True) * up - rel
        use = missing[:, j] & seen[:, _COUNTERPART[j]]
        filled[:, j] = np.where(use[:, None], refl, filled[:, j])
    still = ~np.isfinite(filled).all(-1)
    half_sh, half_hip = PROPORTIONS["shoulder_half"], PROPORTIONS["hip_half"]
    base = {LS: sh_c + left * half_sh * torso, RS: sh_c - left * half_sh * torso,
            LH: hip_c + left * half_hip * torso, RH: hip_c - left * half_hip * torso,
            NOSE: sh_c + up * PROPORTIONS["neck"] * torso}
    for j, value in base.items():
        filled[:, j] = np.where(still[:, j, None], value, filled[:, j])
    for j, parent, length in _NEUTRAL:
        filled[:, j] = np.where(still[:, j, None], filled[:, parent] - up * length * torso, filled[:, j])
    return filled, np.where(missing, 0.0, vis)


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return np.where(n > 1e-9, v / np.maximum(n, 1e-9), 0.0)


def _body(points: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 3 or points.shape[1:] != (33, 4):
        raise ValueError(f"expected (N, 33, 4) landmarks, got {points.shape}")
    return body_points(points, np.asarray(sizes, dtype=np.float64).reshape(-1, 2))


def _features_of(xy: np.ndarray, vis: np.ndarray) -> np.ndarray:
    hip_c = xy[:, [LH, RH]].mean(1)
    sh_c = xy[:, [LS, RS]].mean(1)
    rel = xy - hip_c[:, None]
    torso = np.linalg.norm(sh_c - hip_c, axis=-1)
    size = np.maximum(torso * 2.5, np.linalg.norm(rel, axis=-1).max(1))
    size = np.maximum(size, 1e-6)[:, None]
    coords = (rel / size[:, None]).reshape(len(xy), -1)
    seg = np.concatenate([xy[:, _DIR_B] - xy[:, _DIR_A], (sh_c - hip_c)[:, None], (xy[:, NOSE] - sh_c)[:, None]], axis=1)
    dirs = _unit(seg).reshape(len(xy), -1)
    vecs = ((xy[:, _VEC_B] - xy[:, _VEC_A]) / size[:, None]).reshape(len(xy), -1)
    mask = (vis >= SEEN_VISIBILITY).astype(np.float64) * MASK_WEIGHT
    out = np.concatenate([coords, dirs, vecs, mask], axis=1).astype(np.float32)
    return np.nan_to_num(out, nan=0.0, posinf=0.0, neginf=0.0)


ANGLE_NAMES = ("torso", "head") + LIMBS


def _angles_of(xy: np.ndarray) -> np.ndarray:
    """(N, 10) directions in ANGLE_NAMES order, dancer-centric as in docs/poses.md: limbs from
    straight down turning away from the body on their own side; torso and head from straight up,
    positive toward the dancer's left. The dancer faces the camera (unmirrored image: their left
    is the image's +x)."""
    hip_c, sh_c = xy[:, [LH, RH]].mean(1), xy[:, [LS, RS]].mean(1)
    cols = []
    for start, end in ((hip_c, sh_c), (sh_c, xy[:, NOSE])):
        d = end - start
        cols.append(np.degrees(np.arctan2(d[:, 0], -d[:, 1])))
    for seg in LIMBS:
        a, b = SEGMENT_JOINTS[seg]
        d = xy[:, b] - xy[:, a]
        side = 1.0 if seg.startswith("left") else -1.0
        cols.append(np.degrees(np.arctan2(side * d[:, 0], d[:, 1])))
    return np.stack(cols, axis=1)


def batch_features(points: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """(N,33,4) landmarks + (N,2) image sizes (w, h) -> (N, FEATURE_SIZE) float32."""
    return _features_of(*_body(points, sizes))


def batch_limb_angles(points: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """(N,33,4) landmarks + (N,2) image sizes -> (N, 8) arm and leg directions (LIMBS order),
    in degrees as `limb_angles` gives them: used to tell in-between motion from the poses it
    passes (a frame whose worst limb is far from every pose is "none")."""
    return _angles_of(_body(points, sizes)[0])[:, 2:]


def _one(landmarks) -> tuple[np.ndarray, np.ndarray]:
    return _body(landmarks.points[None], np.array([[landmarks.width, landmarks.height]]))


def features(landmarks) -> np.ndarray:
    """Feature vector (FEATURE_SIZE float32) of one Landmarks value: the classifier's input."""
    return _features_of(*_one(landmarks))[0]


def limb_angles(landmarks) -> dict[str, float]:
    """Direction of each segment of one Landmarks value, in degrees (see _angles_of)."""
    return dict(zip(ANGLE_NAMES, np.round(_angles_of(_one(landmarks)[0])[0], 1).tolist()))


def features_and_angles(landmarks) -> tuple[np.ndarray, dict[str, float]]:
    """Both of the above from one pass over the joints: the game's per-frame call."""
    xy, vis = _one(landmarks)
    return _features_of(xy, vis)[0], dict(zip(ANGLE_NAMES, np.round(_angles_of(xy)[0], 1).tolist()))


def mean_angles(angle_sets: list[Mapping[str, float]]) -> dict[str, float]:
    """Circular mean of several angle dicts (degrees): the card of a pose learned from photos."""
    out: dict[str, float] = {}
    for seg in angle_sets[0]:
        s = sum(math.sin(math.radians(a[seg])) for a in angle_sets)
        c = sum(math.cos(math.radians(a[seg])) for a in angle_sets)
        out[seg] = round(math.degrees(math.atan2(s, c)), 1)
    return out
