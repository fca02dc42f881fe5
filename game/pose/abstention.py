"""How often the classifier abstains ("none") where it should: a neutral standing stance and
in-between motion, next to how often it recognises the poses themselves. Shared by
benchmarks/pose_abstention.py, benchmarks/pose_accuracy.py and tests/pose.

A frame counts as pose X only when p(X) reaches the judge's confidence (HitRule.min_confidence),
as in the game. On a library written as angles a body is that pose when every arm and leg
segment is held within INBETWEEN_MARGIN degrees of it, and in-between motion when it is not:
part way (t in 0.35..0.65) between two different poses' angles, as a player holds it (noise and
lag, synth.held_angles), kept only when the body as held has its worst arm or leg segment more
than `margin` degrees from every pose. All are seen by the same varied camera, a webcam in front
of a player facing the screen (synth.FACING)."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from game.judge import HitRule
from game.pose.features import batch_features
from game.pose.synth import (FACING, INBETWEEN_MARGIN, NEUTRAL, angle_array, held_angles, render_landmarks, synth_landmarks,
                             worst_limb_gap)
from game.poselib import PoseLibrary, lerp_angle

THRESHOLD = HitRule().min_confidence


def called(probs: np.ndarray, labels: Sequence[str], threshold: float = THRESHOLD) -> np.ndarray:
    """(N, classes) probabilities -> (N,) labels: the top pose, or "none" below the threshold."""
    probs = np.atleast_2d(probs)
    lab = np.asarray(labels)
    return np.where(probs.max(1) >= threshold, lab[probs.argmax(1)], "none")


def predict_all(clf, feats: np.ndarray) -> np.ndarray:
    return np.array([clf.predict_array(f) for f in feats]).reshape(len(feats), len(clf.labels))


def far_inbetween_angles(library: PoseLibrary, n: int, rng: np.random.Generator, margin: float = INBETWEEN_MARGIN,
                         low: float = 0.35, high: float = 0.65) -> list[dict[str, float]]:
    """n bodies held part way between two different poses of a library written as angles, each
    more than `margin` degrees (worst limb) from every pose."""
    ids = library.ids()
    ref = np.array([angle_array(library[p].angles) for p in ids])
    out: list[dict[str, float]] = []
    for _ in range(n * 200):
        if len(out) >= n or len(ids) < 2:
            break
        a, b = rng.choice(len(ids), 2, replace=False)
        pa, pb = library[ids[a]].angles, library[ids[b]].angles
        t = rng.uniform(low, high)
        m = held_angles({k: lerp_angle(float(pa[k]), float(pb[k]), t) for k in pa}, 1, rng)[0]
        if worst_limb_gap(angle_array(m)[None], ref)[0] > margin:
            out.append(m)
    return out


def angle_library_abstention(library: PoseLibrary, clf, *, n: int = 300, per_pose: int = 50, seed: int = 0,
                             margins: Sequence[float] = (INBETWEEN_MARGIN, 45.0, 60.0), threshold: float = THRESHOLD,
                             camera: dict | None = None) -> dict:
    """Figures for a library written as angles: poses recognised, neutral stance and far
    in-between motion called "none" (one figure per margin). camera: render_landmarks'
    settings, a player facing the webcam (synth.FACING) by default."""
    camera = FACING if camera is None else camera
    rng = np.random.default_rng(seed)
    ids = library.ids()
    per: dict[str, float] = {}
    for pid in ids:
        f = batch_features(*synth_landmarks(dict(library[pid].angles), per_pose, rng, within=INBETWEEN_MARGIN, **camera))
        per[pid] = round(float(np.mean(called(predict_all(clf, f), clf.labels, threshold) == pid)), 4)
    neutral = batch_features(*synth_landmarks(NEUTRAL, n, rng, **camera))
    out = {"threshold": threshold, "poses_recognised": round(float(np.mean(list(per.values()))), 4),
           "lowest_pose": min(per.values()) if per else None, "per_pose": per,
           "neutral_none_rate": round(float(np.mean(called(predict_all(clf, neutral), clf.labels, threshold) == "none")), 4)}
    for margin in margins:
        sets = far_inbetween_angles(library, n, rng, margin)
        if not sets:
            out[f"inbetween_far{int(margin)}_none_rate"] = None
            continue
        f = batch_features(*render_landmarks(sets, rng, **camera))
        out[f"inbetween_far{int(margin)}_none_rate"] = round(float(np.mean(called(predict_all(clf, f), clf.labels, threshold) == "none")), 4)
    return out
