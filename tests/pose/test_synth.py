"""Synthetic examples: right layout, the pose's angles survive, 'none' material is varied."""
from __future__ import annotations

import numpy as np

from game.pose.features import batch_features, limb_angles
from game.pose.landmarks import Landmarks
from game.pose.synth import (INBETWEEN_MARGIN, angle_array, augment, held_angles, inbetween_angle_sets, none_angle_sets,
                             synth_landmarks, worst_limb_gap)
from tests.pose.conftest import POINT, skeleton_landmarks

LIMB_NAMES = ("left_upper_arm", "left_forearm", "right_upper_arm", "right_forearm", "left_thigh", "left_shin",
              "right_thigh", "right_shin")


def test_synth_layout_and_angles():
    rng = np.random.default_rng(1)
    pts, sizes = synth_landmarks(POINT, 40, rng, angle_noise=0, yaw=0, pitch=0, roll=0, depth=0, occlusion=0)
    assert pts.shape == (40, 33, 4) and sizes.shape == (40, 2)
    assert np.isfinite(pts).all() and (pts[..., :2] > -0.2).all() and (pts[..., :2] < 1.2).all()
    for i in range(5):
        got = limb_angles(Landmarks(pts[i], int(sizes[i, 0]), int(sizes[i, 1])))
        for seg in ("left_upper_arm", "right_upper_arm", "left_thigh"):
            assert abs((got[seg] - POINT[seg] + 180) % 360 - 180) < 30, seg  # lag toward neutral + proportions


def test_synth_varies():
    """Every example differs from the others, in every limb's angle: one varying feature is not variety."""
    rng = np.random.default_rng(2)
    pts, sizes = synth_landmarks(POINT, 50, rng)
    f = batch_features(pts, sizes)
    assert len(np.unique(f.round(4), axis=0)) == 50
    off = np.array([[(limb_angles(Landmarks(p, int(w), int(h)))[seg] - POINT[seg] + 180) % 360 - 180
                     for seg in LIMB_NAMES] for p, (w, h) in zip(pts, sizes)])  # degrees from the pose, wrapped
    spread = off.std(0)
    assert (spread > 1.0).all(), dict(zip(LIMB_NAMES, spread.round(2)))  # each limb moves, not just one feature


def test_none_sets_and_augment():
    rng = np.random.default_rng(3)
    sets = none_angle_sets([POINT], 30, rng)
    assert len(sets) == 30 and all("left_shin" in s for s in sets)
    lm = skeleton_landmarks(POINT)
    p, s = augment(lm.points[None], np.array([[lm.width, lm.height]], np.float32), 20, rng, mirror=False)
    assert p.shape == (20, 33, 4) and np.isfinite(batch_features(p, s)).all()




def test_held_angles_stay_within_the_pose_when_asked():
    rng = np.random.default_rng(4)
    target = angle_array(POINT)[None]
    loose = np.array([angle_array(a) for a in held_angles(POINT, 300, rng, angle_noise=15)])
    tight = np.array([angle_array(a) for a in held_angles(POINT, 300, rng, angle_noise=15, within=25)])
    assert worst_limb_gap(loose, target).max() > 25  # noise alone strays past the bound
    assert len(tight) == 300 and worst_limb_gap(tight, target).max() <= 25


def test_inbetween_sets_are_far_from_every_pose_as_held():
    rng = np.random.default_rng(5)
    raised = {**POINT, "right_upper_arm": 170.0, "right_forearm": 175.0}
    sets = inbetween_angle_sets([POINT, raised], 200, rng)
    ref = np.array([angle_array(POINT), angle_array(raised)])
    assert len(sets) == 200 and (worst_limb_gap(np.array([angle_array(a) for a in sets]), ref) > INBETWEEN_MARGIN).all()
