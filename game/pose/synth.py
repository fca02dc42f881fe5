"""Synthetic landmark examples, so the classifier can learn a pose from its definition alone,
learn what "none" looks like, and stretch five photos into thousands of plausible variants.

Everything comes out in MediaPipe's layout: (N,33,4) normalised x, y, z, visibility plus (N,2)
image sizes, exactly what the feature function receives from a camera."""
from __future__ import annotations

import math
from typing import Mapping, Sequence

import numpy as np

from game.pose.landmarks import INDEX, mirror_points
from game.poselib import LIMBS, PROPORTIONS, direction, lerp_angle, wrap_degrees

NEUTRAL = {"torso": 0.0, "head": 0.0, "left_upper_arm": 8.0, "left_forearm": 5.0, "right_upper_arm": 8.0,
           "right_forearm": 5.0, "left_thigh": 3.0, "left_shin": 0.0, "right_thigh": 3.0, "right_shin": 0.0}
NONE_KINDS = (0, 1, 1, 1, 2)  # neutral stance, in-between motion (most), random poses
ARM_SWAP = 0.12  # chance, per arm segment, that augmentation re-poses it at random
LEG_SWAP = 0.03
JITTER = 0.025  # joint jitter in torso lengths (MediaPipe on a real photo is about this far off)
INBETWEEN_MARGIN = 30.0  # in-between motion whose worst limb is this far (degrees) from every pose is "none"
POSE_WITHIN = 25.0  # a pose written as angles is learned from bodies held this close on every limb
# A player copying a card faces the screen and its webcam: the camera for poses written as angles
# (render_landmarks' defaults cover any view: photos and "none" material come from anywhere).
FACING = {"yaw": 15.0, "depth": 12.0}
ARM_STYLE = 0.25  # chance that augmentation gives both arms another common style (see _restyle_arms)
# Common ways to hold the arms in a pose, (upper arm, forearm) in degrees as in docs/poses.md.
ARM_STYLES = ((10, 5), (20, -130), (30, -75), (90, 90), (170, 175), (90, 180), (135, 135), (45, 45), (60, -100))
_SIZES = np.array([[640, 480], [480, 640], [1280, 720], [720, 1280], [1000, 667], [600, 800], [384, 288]], float)
_CHAINS = (("left_shoulder", "left_elbow", "left_upper_arm", "upper_arm"),
           ("left_elbow", "left_wrist", "left_forearm", "forearm"),
           ("right_shoulder", "right_elbow", "right_upper_arm", "upper_arm"),
           ("right_elbow", "right_wrist", "right_forearm", "forearm"),
           ("left_hip", "left_knee", "left_thigh", "thigh"), ("left_knee", "left_ankle", "left_shin", "shin"),
           ("right_hip", "right_knee", "right_thigh", "thigh"), ("right_knee", "right_ankle", "right_shin", "shin"))


def _rot(yaw: float, pitch: float, roll: float) -> np.ndarray:
    cy, sy, cp, sp, cr, sr = (math.cos(yaw), math.sin(yaw), math.cos(pitch), math.sin(pitch),
                              math.cos(roll), math.sin(roll))
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rx = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    rz = np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
    return rz @ rx @ ry


def _skeleton3d(angles: Mapping[str, float], prop: Mapping[str, float], tilt: Mapping[str, float]) -> dict[str, np.ndarray]:
    """Joints in 3D camera-image space (x right in the image, y down, z toward the camera is
    negative), hips centre at the origin, unit = torso length. The dancer faces the camera, so
    their left is image +x: card space (mirrored) is flipped in x."""
    def d3(seg: str) -> np.ndarray:
        dx, dy = direction(seg, angles.get(seg, 0.0))
        t = math.radians(tilt.get(seg, 0.0))
        return np.array([-dx * math.cos(t), dy * math.cos(t), math.sin(t)])

    up = d3("torso")
    across = np.array([-up[1], up[0], 0.0])  # the dancer's left: image +x when upright
    across = across / (np.linalg.norm(across) or 1.0)
    pts = {"hip_centre": np.zeros(3), "shoulder_centre": up}
    pts["left_hip"], pts["right_hip"] = across * prop["hip_half"], -across * prop["hip_half"]
    pts["left_shoulder"] = up + across * prop["shoulder_half"]
    pts["right_shoulder"] = up - across * prop["shoulder_half"]
    pts["nose"] = up + d3("head") * prop["neck"] + np.array([0, 0, -0.12])
    for start, end, seg, length in _CHAINS:
        pts[end] = pts[start] + d3(seg) * prop[length]
    return pts


def _full_layout(pts: dict[str, np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """33 x 3 points: face, hands and feet placed around the 13 body joints."""
    out = np.zeros((33, 3))
    for name in ("nose", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist",
                 "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"):
        out[INDEX[name]] = pts[name]
    nose = pts["nose"]
    head_up = _unit(nose - pts["shoulder_centre"])
    side = _unit(pts["left_shoulder"] - pts["right_shoulder"]) * 0.06
    for s, k in (("left", 1.0), ("right", -1.0)):
        out[INDEX[f"{s}_eye_inner"]] = nose + k * side * 0.5 - head_up * -0.04
        out[INDEX[f"{s}_eye"]] = nose + k * side - head_up * -0.05
        out[INDEX[f"{s}_eye_outer"]] = nose + k * side * 1.5 - head_up * -0.05
        out[INDEX[f"{s}_ear"]] = nose + k * side * 2.2 - head_up * -0.02 + np.array([0, 0, 0.1])
        out[INDEX[f"mouth_{s}"]] = nose + k * side * 0.6 - head_up * 0.06
        fore = _unit(pts[f"{s}_wrist"] - pts[f"{s}_elbow"])
        for finger, off in (("pinky", -0.03), ("index", 0.03), ("thumb", 0.05)):
            out[INDEX[f"{s}_{finger}"]] = pts[f"{s}_wrist"] + fore * 0.12 + side * k * off
        shin = _unit(pts[f"{s}_ankle"] - pts[f"{s}_knee"])
        out[INDEX[f"{s}_heel"]] = pts[f"{s}_ankle"] + shin * 0.05 + np.array([0, 0, 0.04])
        out[INDEX[f"{s}_foot_index"]] = pts[f"{s}_ankle"] + shin * 0.1 + np.array([0, 0, -0.2])
    return out + rng.normal(0, 0.01, out.shape)


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    return v / n if n > 1e-9 else v


def held_angles(angles: Mapping[str, float], n: int, rng: np.random.Generator, *, angle_noise: float = 10.0,
                within: float | None = None) -> list[dict[str, float]]:
    """n ways a player holds one pose: each limb a little off (noise) and a little lag toward the
    neutral stance (timing). With `within`, no arm or leg segment is more than that many degrees
    from `angles`: a body further off is not that pose but in-between motion."""
    segs = ("torso", "head") + LIMBS
    target = angle_array(angles)
    out: list[dict[str, float]] = []
    for _ in range(n * 50):
        if len(out) >= n:
            break
        lag = rng.uniform(0, 0.15)
        a = {s: lerp_angle(float(angles.get(s, 0.0)), NEUTRAL.get(s, 0.0), lag) + rng.normal(0, angle_noise) for s in segs}
        a["head"] = a["torso"] + rng.normal(0, 8)
        if within is None or worst_limb_gap(angle_array(a)[None], target[None])[0] <= within:
            out.append(a)
    return out


def render_landmarks(bodies: Sequence[Mapping[str, float]], rng: np.random.Generator, *, yaw: float = 25.0,
                     pitch: float = 10.0, roll: float = 6.0, depth: float = 20.0,
                     occlusion: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """What a camera sees of bodies held at these angles: body proportions, limbs tilted out of
    the picture plane (which keeps their direction on the card), camera yaw/pitch/roll and
    distance, joint jitter and occasional hidden joints. Returns ((n,33,4), (n,2) sizes)."""
    n = len(bodies)
    points = np.zeros((n, 33, 4), np.float32)
    sizes = _SIZES[rng.integers(0, len(_SIZES), n)]
    for i, a in enumerate(bodies):
        prop = {k: v * rng.normal(1.0, 0.08) for k, v in PROPORTIONS.items()}
        tilt = {s: rng.normal(0, depth) for s in a}
        tilt["torso"] = rng.normal(0, depth / 2)
        xyz = _full_layout(_skeleton3d(a, prop, tilt), rng)
        r = _rot(math.radians(rng.normal(0, yaw)), math.radians(rng.normal(0, pitch)), math.radians(rng.normal(0, roll)))
        xyz = xyz @ r.T
        w, h = sizes[i]
        extent = np.ptp(xyz[:, :2], axis=0).max()
        scale = rng.uniform(0.35, 0.9) * min(w, h) / max(extent, 1e-6)
        px = xyz[:, :2] * scale
        lo, hi = px.min(0), px.max(0)
        room = np.array([w, h]) - (hi - lo)
        origin = -lo + np.where(room > 0, rng.uniform(0, 1, 2) * np.maximum(room, 0), room / 2)
        px = px + origin
        points[i, :, 0] = px[:, 0] / w
        points[i, :, 1] = px[:, 1] / h
        points[i, :, 2] = xyz[:, 2] * scale / w
        vis = rng.uniform(0.85, 1.0, 33)
        hidden = rng.random(33) < occlusion
        vis[hidden] = rng.uniform(0.0, 0.4, hidden.sum())
        points[i, :, 3] = vis
    return points, sizes.astype(np.float32)


def synth_landmarks(angles: Mapping[str, float], n: int, rng: np.random.Generator, *, angle_noise: float = 10.0,
                    within: float | None = None, **camera: float) -> tuple[np.ndarray, np.ndarray]:
    """n varied renderings of one pose: held_angles() seen by render_landmarks()."""
    return render_landmarks(held_angles(angles, n, rng, angle_noise=angle_noise, within=within), rng, **camera)


def random_angles(rng: np.random.Generator) -> dict[str, float]:
    """An arbitrary but humanly possible pose: for the "none" class."""
    a = {s: float(rng.uniform(-120, 180)) for s in LIMBS if "arm" in s}
    a.update({s: float(rng.uniform(-45, 110)) for s in LIMBS if "thigh" in s})
    for side in ("left", "right"):
        a[f"{side}_forearm"] = a[f"{side}_upper_arm"] + float(rng.normal(0, 50))
        a[f"{side}_shin"] = a[f"{side}_thigh"] - float(abs(rng.normal(0, 40)))
    a["torso"] = float(rng.normal(0, 15)) if rng.random() < 0.8 else float(rng.uniform(-90, 90))
    a["head"] = a["torso"]
    return {k: wrap_degrees(v) for k, v in a.items()}


def none_angle_sets(poses: Sequence[Mapping[str, float]], n: int, rng: np.random.Generator,
                    kinds: Sequence[int] = NONE_KINDS) -> list[dict[str, float]]:
    """Angle sets for "none": a neutral stance (0), in-between motion (1: part way from neutral
    or from one pose to another) and unrelated random poses (2), mixed as `kinds` says."""
    out: list[dict[str, float]] = []
    segs = ("torso", "head") + LIMBS
    for i in range(n):
        kind = kinds[i % len(kinds)]
        if kind == 0:
            a = dict(NEUTRAL)
            for s in LIMBS:
                a[s] += rng.normal(0, 6)
            if rng.random() < 0.3:  # hands on hips / arms folded variants of standing
                for side in ("left", "right"):
                    a[f"{side}_upper_arm"], a[f"{side}_forearm"] = rng.uniform(15, 40), rng.uniform(-110, -60)
        elif kind == 1 and poses:
            src = poses[rng.integers(len(poses))] if rng.random() < 0.5 else NEUTRAL
            dst = poses[rng.integers(len(poses))]
            t = rng.uniform(0.3, 0.6)
            a = {s: lerp_angle(float(src.get(s, 0.0)), float(dst.get(s, 0.0)), t) for s in segs}
        else:
            a = random_angles(rng)
        out.append(a)
    return out


def angle_array(angles: Mapping[str, float]) -> np.ndarray:
    """The arm and leg segments of an angle dict as an (8,) array, LIMBS order."""
    return np.array([float(angles.get(s, 0.0)) for s in LIMBS])


def worst_limb_gap(q: np.ndarray, ref: np.ndarray, limbs: np.ndarray | None = None) -> np.ndarray:
    """(N,8) limb angles -> (N,): for each row, its distance to the nearest row of ref (M,8),
    where the distance between two bodies is their worst limb's difference in degrees (only the
    limbs marked in `limbs`, an (M,8) bool mask, count for each ref row; all by default)."""
    q, ref = np.atleast_2d(np.asarray(q, float)), np.atleast_2d(np.asarray(ref, float))
    if len(ref) == 0:
        return np.full(len(q), np.inf)
    d = np.abs(wrap_degrees(q[:, None, :] - ref[None, :, :]))
    if limbs is not None:
        d = np.where(np.asarray(limbs, bool)[None], d, 0.0)
    return d.max(-1).min(-1)


def inbetween_angle_sets(poses: Sequence[Mapping[str, float]], n: int, rng: np.random.Generator, *,
                         margin: float = INBETWEEN_MARGIN, ref: np.ndarray | None = None,
                         ref_limbs: np.ndarray | None = None) -> list[dict[str, float]]:
    """Angle sets for "none" that are certainly none of `poses`: in-between motion (part way
    from one pose, or a neutral stance, to another) and near misses (a pose with one or two
    limbs moved well away), as a player holds them (held_angles: noise and lag), kept only when
    the body as held has its worst limb more than `margin` degrees from every pose (rows of
    `ref`, the poses' own limbs by default). Render them with render_landmarks: the noise is in."""
    segs = ("torso", "head") + LIMBS
    if ref is None:
        ref = np.array([angle_array(p) for p in poses])
    out: list[dict[str, float]] = []
    if len(poses) == 0:
        return out
    for _ in range(n * 30):
        if len(out) >= n:
            break
        roll = rng.random()
        dst = poses[rng.integers(len(poses))]
        if roll < 0.45 and len(poses) >= 2:
            src = poses[rng.integers(len(poses))]
            t = rng.uniform(0.2, 0.8)
            a = {s: lerp_angle(float(src.get(s, 0.0)), float(dst.get(s, 0.0)), t) for s in segs}
        elif roll < 0.55:
            t = rng.uniform(0.3, 0.8)
            a = {s: lerp_angle(NEUTRAL.get(s, 0.0), float(dst.get(s, 0.0)), t) for s in segs}
        else:
            a = {s: float(dst.get(s, 0.0)) for s in segs}
            for s in rng.choice(LIMBS, rng.integers(1, 3), replace=False):
                a[s] = a[s] + rng.choice((-1.0, 1.0)) * rng.uniform(margin + 5.0, 120.0)
        a = held_angles(a, 1, rng)[0]
        if worst_limb_gap(angle_array(a)[None], ref, ref_limbs)[0] > margin:
            out.append({k: wrap_degrees(v) for k, v in a.items()})
    return out


def _restyle_arms(xyz: np.ndarray, torso: np.ndarray, which: np.ndarray, rng: np.random.Generator) -> None:
    """In place: for the samples in `which`, put both arms in a common style (prayer, hands on
    hips, T, overhead, ...), measured from the torso's own axis. People do one pose with
    different arms; five photos rarely show them all, and this keeps the legs and torso in charge."""
    for i in np.flatnonzero(which):
        up = xyz[i, [11, 12], :2].mean(0) - xyz[i, [23, 24], :2].mean(0)
        up = up / (np.linalg.norm(up) or 1.0)
        down, left = -up, np.array([-up[1], up[0]])
        style = ARM_STYLES[rng.integers(len(ARM_STYLES))]
        for side, (sh, el, wr, hand), out in (("l", (11, 13, 15, (17, 19, 21)), left), ("r", (12, 14, 16, (18, 20, 22)), -left)):
            a1, a2 = (np.radians(v + rng.normal(0, 12)) for v in style)
            l1 = max(np.linalg.norm(xyz[i, el, :2] - xyz[i, sh, :2]), 0.45 * torso[i])
            l2 = max(np.linalg.norm(xyz[i, wr, :2] - xyz[i, el, :2]), 0.4 * torso[i])
            elbow = xyz[i, sh, :2] + l1 * (np.cos(a1) * down + np.sin(a1) * out)
            wrist = elbow + l2 * (np.cos(a2) * down + np.sin(a2) * out)
            shift = wrist - xyz[i, wr, :2]
            xyz[i, el, :2], xyz[i, wr, :2] = elbow, wrist
            xyz[i, list(hand), :2] += shift


def augment(points: np.ndarray, sizes: np.ndarray, n: int, rng: np.random.Generator, *, mirror: bool,
            angle_noise: float = 8.0, yaw: float = 20.0, roll: float = 8.0, occlusion: float = 0.05,
            arm_swap: float = ARM_SWAP, leg_swap: float = LEG_SWAP, arm_style: float = ARM_STYLE) -> tuple[np.ndarray, np.ndarray]:
    """n variants of real examples: each limb turned a little about its parent joint, the body
    turned (yaw, using MediaPipe's z) and rolled, stretched, jittered, joints hidden, and when
    `mirror` is set, mirrored half the time. Returns ((n,33,4), (n,2))."""
    pick = rng.integers(0, len(points), n)
    pts = points[pick].astype(np.float64).copy()
    sz = sizes[pick].astype(np.float64)
    xyz = np.stack([pts[..., 0] * sz[:, :1], pts[..., 1] * sz[:, 1:], pts[..., 2] * sz[:, :1]], -1)
    hip = xyz[:, [23, 24]].mean(1, keepdims=True)
    xyz -= hip
    torso = np.linalg.norm(xyz[:, [11, 12]].mean(1) - xyz[:, [23, 24]].mean(1), axis=-1)[:, None, None]
    # limb angle noise about parent joints (children follow)
    chains = ((11, 13, (13, 15, 17, 19, 21)), (13, 15, (15, 17, 19, 21)), (12, 14, (14, 16, 18, 20, 22)),
              (14, 16, (16, 18, 20, 22)), (23, 25, (25, 27, 29, 31)), (25, 27, (27, 29, 31)),
              (24, 26, (26, 28, 30, 32)), (26, 28, (28, 30, 32)))
    for k, (parent, _, moved) in enumerate(chains):
        th = rng.normal(0, angle_noise, len(xyz))
        # now and then one limb does something else entirely, so that the classifier learns the
        # pose from the whole body and not from one arm (five photos rarely show every variant)
        wild = rng.random(len(xyz)) < (arm_swap if k < 4 else leg_swap)
        th = np.radians(np.where(wild, rng.uniform(-150, 150, len(xyz)), th))
        c, s = np.cos(th)[:, None], np.sin(th)[:, None]
        rel = xyz[:, moved, :2] - xyz[:, parent:parent + 1, :2]
        xyz[:, moved, 0] = xyz[:, parent:parent + 1, 0] + c * rel[..., 0] - s * rel[..., 1]
        xyz[:, moved, 1] = xyz[:, parent:parent + 1, 1] + s * rel[..., 0] + c * rel[..., 1]
    _restyle_arms(xyz, torso[:, 0, 0], rng.random(len(xyz)) < arm_style, rng)
    # camera: yaw about the vertical axis through the hips, then roll, then stretch
    yw = np.radians(rng.normal(0, yaw, len(xyz)))[:, None]
    x, z = xyz[..., 0].copy(), xyz[..., 2].copy()
    xyz[..., 0], xyz[..., 2] = np.cos(yw) * x + np.sin(yw) * z, -np.sin(yw) * x + np.cos(yw) * z
    rl = np.radians(rng.normal(0, roll, len(xyz)))[:, None]
    x, y = xyz[..., 0].copy(), xyz[..., 1].copy()
    xyz[..., 0], xyz[..., 1] = np.cos(rl) * x - np.sin(rl) * y, np.sin(rl) * x + np.cos(rl) * y
    xyz[..., 0] *= rng.uniform(0.88, 1.12, (len(xyz), 1))
    xyz += rng.normal(0, JITTER, xyz.shape) * torso
    xyz += hip
    out = pts.copy()
    out[..., 0] = xyz[..., 0] / sz[:, :1]
    out[..., 1] = xyz[..., 1] / sz[:, 1:]
    out[..., 2] = xyz[..., 2] / sz[:, :1]
    hidden = rng.random(out.shape[:2]) < occlusion
    out[..., 3] = np.where(hidden, rng.uniform(0, 0.3, out.shape[:2]), out[..., 3])
    if mirror:
        flip = rng.random(n) < 0.5
        out[flip] = mirror_points(out[flip])
    return out.astype(np.float32), sz.astype(np.float32)
