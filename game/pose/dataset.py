"""The classifier's training set, built from a pose library without TensorFlow: photo examples
stretched by augmentation, synthetic renderings of hand-written poses, and the "none" class.

The side is part of a pose (docs/poses.md): a pose is learned on the side it was taught or
written on, and on both sides only when its YAML says `either_side: true`. Nothing is guessed
from how the examples spread (one example has no spread). The mirror image of a side-specific
pose, when it differs from the pose and no pose in the library is near it, is a "none" example,
so a left move is never credited on the right."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.pose.features import BODY_ONLY, FEATURE_SIZE, batch_features, batch_limb_angles
from game.pose.library import example_arrays
from game.pose.landmarks import mirror_points
from game.pose.synth import (FACING, INBETWEEN_MARGIN, NEUTRAL, NONE_KINDS, POSE_WITHIN, angle_array, augment,
                             inbetween_angle_sets, none_angle_sets, render_landmarks, synth_landmarks,
                             worst_limb_gap)
from game.poselib import LIMBS, PoseLibrary, mirror_angles, wrap_degrees

NONE = "none"
NONE_RADIUS_SPREAD = 2.0  # "none" samples nearer a pose example than this many typical example gaps are dropped
NONE_RADIUS_MAX = 2.0     # ... but never farther than this: a few wild photo examples must not erase "none"
ARMS_FREE_SPREAD = 1.0  # legs and torso set a pose apart when this many typical example gaps away
ARMS_FREE_MIN = 0.75    # ... and at least this far in feature units (consistent examples have tiny gaps)
SYNTH_RADIUS_QUANTILE = 0.6  # for poses written as angles: drop "none" nearer than this share of renderings
INBETWEEN_SHARE = 0.5  # in-between motion certified far from every pose (by limb angles), per pose, of per_pose
LEGS = np.array(["thigh" in s or "shin" in s for s in LIMBS])


@dataclass
class TrainingSet:
    x: np.ndarray           # (N, FEATURE_SIZE) float32
    y: np.ndarray           # (N,) int labels, index into labels
    labels: list[str]       # pose ids, then "none" last
    real_x: np.ndarray      # features of the un-augmented photo examples (for evaluation)
    real_y: np.ndarray
    mirrored: dict[str, bool]  # pose id -> learned on both sides
    arms_free: dict[str, bool]  # pose id -> arms varied freely in augmentation


def _asymmetric(a) -> bool:
    m = mirror_angles(a)
    return max(abs(wrap_degrees(float(a[s]) - m[s])) for s in LIMBS) > 25.0


def _nearest(q: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Distance from each row of q to its nearest row of ref."""
    if len(ref) == 0:
        return np.full(len(q), np.inf)
    q, ref = q.astype(np.float64), ref.astype(np.float64)
    out = np.empty(len(q))
    r2 = (ref ** 2).sum(1)
    for i in range(0, len(q), 1024):  # |a-b|^2 = |a|^2 + |b|^2 - 2ab, in chunks: no (N, M, F) array
        block = q[i:i + 1024]
        d = (block ** 2).sum(1)[:, None] + r2[None, :] - 2 * block @ ref.T
        out[i:i + 1024] = np.sqrt(np.maximum(d.min(1), 0.0))
    return out


def _spread(base: dict[str, np.ndarray]) -> float:
    """Typical distance from an example to the nearest other example of its own pose."""
    d = []
    for f in base.values():
        if len(f) >= 2:
            m = np.sqrt(((f[:, None] - f[None]) ** 2).sum(-1))
            np.fill_diagonal(m, np.inf)
            d.extend(m.min(1))
    return float(np.quantile(d, 0.75)) if d else 0.0


def arms_free(base: dict[str, np.ndarray], rng: np.random.Generator) -> dict[str, bool]:
    """Pose id -> may augmentation change its arms freely? Only when its legs and torso alone
    set it apart from every other pose and from a neutral stance: a yoga pose is its legs, but
    "point up left" is its arm."""
    neutral = batch_features(*synth_landmarks(NEUTRAL, 40, rng))[:, BODY_ONLY]
    body = {pid: f[:, BODY_ONLY] for pid, f in base.items() if len(f)}
    spread = _spread(body)
    out = {}
    for pid, f in body.items():
        others = [g for q, g in body.items() if q != pid] + [neutral]
        gap = min(np.median(_nearest(f, g)) for g in others)
        out[pid] = bool(spread > 0 and gap > max(ARMS_FREE_SPREAD * spread, ARMS_FREE_MIN))
    return out


def build_training_set(library: PoseLibrary, seed: int = 0, per_pose: int = 800, none_ratio: float = 1.0) -> TrainingSet:
    """Features and labels for every pose in the library plus "none"."""
    rng = np.random.default_rng(seed)
    ids = library.ids()
    labels = ids + [NONE]
    arrays = {pid: example_arrays(library[pid]) for pid in ids}
    base = {pid: batch_features(*arrays[pid]) if len(arrays[pid][0]) else np.zeros((0, 1), np.float32) for pid in ids}
    both = {pid: library[pid].either_side for pid in ids}
    mirrors = {pid: batch_features(mirror_points(arrays[pid][0]), arrays[pid][1]) for pid in ids
               if both[pid] and len(arrays[pid][0])}
    free = arms_free({pid: base[pid] for pid in ids if len(arrays[pid][0])}, rng)
    xs, ys, anchors = [], [], []
    synth_radius: list[float] = []
    none_extra: list[np.ndarray] = []
    for k, pid in enumerate(ids):
        pts, sizes = arrays[pid]
        pose = library[pid]
        if len(pts):
            p, s = augment(pts, sizes, per_pose, rng, mirror=both[pid], **({} if free[pid] else {"arm_style": 0.0, "arm_swap": 0.0}))
            xs.append(batch_features(p, s))
            anchors.append(base[pid])
            if both[pid]:
                anchors.append(mirrors[pid])
        else:
            p, s = synth_landmarks(pose.angles, per_pose, rng, within=POSE_WITHIN, **FACING)
            if both[pid]:  # either side: half of the bodies held the other way
                p[::2] = mirror_points(p[::2])
            f = batch_features(p, s)
            xs.append(f)
            anchors.append(f[: per_pose // 4])
            synth_radius.append(float(np.quantile(_nearest(f[per_pose // 4:], f[: per_pose // 4]), SYNTH_RADIUS_QUANTILE)))
            if not both[pid] and _asymmetric(pose.angles) and not any(_close(q.angles, mirror_angles(pose.angles)) for q in library.poses.values()):
                mp_, ms = synth_landmarks(mirror_angles(pose.angles), per_pose // 4, rng, **FACING)
                none_extra.append(batch_features(mp_, ms))
        ys.append(np.full(len(xs[-1]), k))
    none_x = _none_features(library, arrays, int(per_pose * none_ratio), rng)
    # never teach "none" something that looks like a library pose: nearer a photo example (or a
    # synthetic rendering) than a few times the typical gap between examples of one pose
    if anchors:
        ref = np.concatenate(anchors)
        photo = {pid: f for pid, f in base.items() if len(arrays[pid][0])}
        radius = max([min(NONE_RADIUS_SPREAD * _spread(photo), NONE_RADIUS_MAX)] + synth_radius)
        none_x = none_x[_nearest(none_x, ref) > radius]
    # in-between motion whose worst limb is far from every pose is "none" for certain, however
    # near it lies in feature space: it is exactly what the classifier must not absorb
    none_extra += _certified_inbetween(library, arrays, both, free, int(per_pose * INBETWEEN_SHARE * len(ids)), rng)
    none_extra += _other_side(library, arrays, both, free, per_pose // 4, rng)
    none_x = np.concatenate([none_x] + none_extra) if none_extra else none_x
    xs.append(none_x)
    ys.append(np.full(len(none_x), len(ids)))
    real = [(base[pid], k) for k, pid in enumerate(ids) if len(arrays[pid][0])]
    real_x = np.concatenate([f for f, _ in real]) if real else np.zeros((0, xs[0].shape[1]), np.float32)
    real_y = np.concatenate([np.full(len(f), k) for f, k in real]) if real else np.zeros(0, int)
    return TrainingSet(np.concatenate(xs).astype(np.float32), np.concatenate(ys), labels, real_x, real_y, both, free)


def vote_references(library: PoseLibrary, seed: int = 0, written: int = 20) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features of the examples the nearest-example vote compares with, their label index
    (library.ids() order) and whether each was taught (not synthetic): every taught example as
    taken (and mirrored when the pose is done on either side); for a pose written as angles,
    `written` synthetic players in front of a webcam. Empty when no pose in the library is
    taught: a library written as angles is the network's."""
    ids = library.ids()
    arrays = {pid: example_arrays(library[pid]) for pid in ids}
    if not any(len(a[0]) for a in arrays.values()):
        return np.zeros((0, FEATURE_SIZE), np.float32), np.zeros(0, np.int64), np.zeros(0, bool)
    rng = np.random.default_rng(seed)
    xs, ys, taught = [], [], []
    for k, pid in enumerate(ids):
        pts, sizes = arrays[pid]
        real = bool(len(pts))
        if not real:
            pts, sizes = synth_landmarks(library[pid].angles, written, rng, within=POSE_WITHIN, **FACING)
        if library[pid].either_side:
            pts, sizes = np.concatenate([pts, mirror_points(pts)]), np.concatenate([sizes, sizes])
        xs.append(batch_features(pts, sizes))
        ys.append(np.full(len(pts), k))
        taught.append(np.full(len(pts), real))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(taught)


def _other_side(library: PoseLibrary, arrays, both, free, n: int, rng: np.random.Generator) -> list[np.ndarray]:
    """The mirror image of each side-specific pose taught from examples, as "none": augmented
    variants of the mirrored examples whose worst limb is more than INBETWEEN_MARGIN degrees from
    every pose in the library (a symmetric pose is its own mirror and gives nothing; a mirror
    pose that is taught keeps its own examples)."""
    ref, mask = limb_references(library, arrays, both, free)
    out = []
    for pid in library.ids():
        pts, sizes = arrays[pid]
        if both[pid] or not len(pts):
            continue
        p, s = augment(mirror_points(pts), sizes, n, rng, mirror=False, arm_style=0.0, arm_swap=0.0)
        far = worst_limb_gap(batch_limb_angles(p, s), ref, mask) > INBETWEEN_MARGIN
        if far.any():
            out.append(batch_features(p[far], s[far]))
    return out


def _close(a, b, tol: float = 20.0) -> bool:
    return max(abs(wrap_degrees(float(a.get(s, 0)) - float(b.get(s, 0)))) for s in LIMBS) < tol


def limb_references(library: PoseLibrary, arrays, both: dict[str, bool], free: dict[str, bool]) -> tuple[np.ndarray, np.ndarray]:
    """Every pose's limb angles, as rows: a pose written as angles gives its own; a pose taught
    from photos gives each example's (and its mirror image's when learned on both sides).
    With a mask of the limbs that define each row: only the legs when its arms vary freely."""
    rows, masks = [], []
    for pid in library.ids():
        pts, sizes = arrays[pid]
        if not len(pts):
            rows.append(angle_array(library[pid].angles)[None])
            masks.append(np.ones((1, len(LIMBS)), bool))
            continue
        ang = batch_limb_angles(pts, sizes)
        if both.get(pid):
            ang = np.concatenate([ang, batch_limb_angles(mirror_points(pts), sizes)])
        rows.append(ang)
        masks.append(np.tile(LEGS if free.get(pid) else np.ones(len(LIMBS), bool), (len(ang), 1)))
    return np.concatenate(rows), np.concatenate(masks)


def _certified_inbetween(library: PoseLibrary, arrays, both, free, n: int, rng: np.random.Generator) -> list[np.ndarray]:
    """In-between motion more than INBETWEEN_MARGIN degrees (worst limb) from every pose: from
    the written poses' angles, and from the photo examples' landmarks (limb angles measured)."""
    ref, mask = limb_references(library, arrays, both, free)
    written = [library[pid].angles for pid in library.ids() if not len(arrays[pid][0])]
    with_examples = {pid: arrays[pid] for pid in library.ids() if len(arrays[pid][0])}
    share = len(written) / max(len(library.ids()), 1)
    out = []
    if written:
        sets = inbetween_angle_sets(written, max(1, int(n * share)), rng, ref=ref, ref_limbs=mask)
        if sets:
            out.append(batch_features(*render_landmarks(sets, rng, **FACING)))
    if len(with_examples) >= 2:
        want = max(1, int(n * (1 - share)))
        kept, tries = [], 0
        while sum(len(k) for k in kept) < want and tries < 6:
            tries += 1
            pts, sizes = inbetween_examples(with_examples, want * 2, rng, 0.25, 0.75)
            far = worst_limb_gap(batch_limb_angles(pts, sizes), ref, mask) > INBETWEEN_MARGIN
            if far.any():
                kept.append(batch_features(pts[far], sizes[far]))
        if kept:
            out.append(np.concatenate(kept)[:want])
    return out


def _none_features(library: PoseLibrary, arrays, n: int, rng: np.random.Generator) -> np.ndarray:
    """Neutral stances, in-between motion and random poses from angles, plus in-between motion
    of the photo examples themselves (halfway between two different poses' landmarks)."""
    angle_sets = [p.angles for p in library.poses.values()]
    written = any(not len(arrays[pid][0]) for pid in arrays)
    # in-between motion from angles suits poses written as angles; the angles of a pose learned
    # from photos are only its card (side views fit them badly), so those get fewer
    sets = none_angle_sets(angle_sets, n, rng, NONE_KINDS if written else (0, 1, 2))
    feats = [batch_features(*_render(sets, rng))]
    with_examples = {pid: arrays[pid] for pid in arrays if len(arrays[pid][0])}
    if len(with_examples) >= 2:  # in-between motion from the photo examples themselves
        feats.append(batch_features(*inbetween_examples(with_examples, n // 2, rng)))
    return np.concatenate(feats)


def inbetween_examples(arrays: dict[str, tuple[np.ndarray, np.ndarray]], n: int, rng: np.random.Generator,
                       low: float = 0.35, high: float = 0.65) -> tuple[np.ndarray, np.ndarray]:
    """In-between motion from real examples: part way from one pose's landmarks to another's."""
    ids = list(arrays)
    pts = np.zeros((n, 33, 4), np.float32)
    for i in range(n):
        a, b = rng.choice(len(ids), 2, replace=False)
        (pa, sa), (pb, sb) = arrays[ids[a]], arrays[ids[b]]
        ia, ib = rng.integers(len(pa)), rng.integers(len(pb))
        t = rng.uniform(low, high)
        pts[i, :, :3] = (1 - t) * _normalised(pa[ia], sa[ia]) + t * _normalised(pb[ib], sb[ib])
        pts[i, :, 3] = np.minimum(pa[ia, :, 3], pb[ib, :, 3])
    return pts, np.ones((n, 2), np.float32)


def _normalised(points: np.ndarray, size: np.ndarray) -> np.ndarray:
    """One example's x, y, z in units of its torso, centred on the hips (for interpolation)."""
    xyz = points[:, :3] * np.array([size[0], size[1], size[0]])
    hip = xyz[[23, 24]].mean(0)
    torso = np.linalg.norm(xyz[[11, 12], :2].mean(0) - hip[:2]) or 1.0
    return (xyz - hip) / torso * 0.1 + np.array([0.5, 0.5, 0.0])


def _render(angle_sets, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    pts, sizes = zip(*(synth_landmarks(a, 1, rng) for a in angle_sets))
    return np.concatenate(pts), np.concatenate(sizes)
