"""The nearest-example vote and how it is combined with the network (pure numpy, no model)."""
from __future__ import annotations

import numpy as np

from game.pose.classifier import NearestExamples, combine
from game.pose.features import LIMB_DIRECTIONS, features, limb_angles
from game.poselib import LIMBS
from tests.pose.conftest import POINT, skeleton_landmarks

TREE = {**POINT, "left_upper_arm": 170, "left_forearm": 175, "right_upper_arm": 170, "right_forearm": 175,
        "right_thigh": 100, "right_shin": -60}


def test_limb_directions_are_the_limb_angles():
    """features[LIMB_DIRECTIONS] holds each limb's unit direction: the angle between two frames'
    directions is the difference of their limb angles."""
    a, b = dict(POINT), {**POINT, "left_forearm": POINT["left_forearm"] - 20}
    fa, fb = features(skeleton_landmarks(a)), features(skeleton_landmarks(b))
    da, db = fa[LIMB_DIRECTIONS].reshape(8, 2), fb[LIMB_DIRECTIONS].reshape(8, 2)
    gaps = np.degrees(np.arccos(np.clip((da * db).sum(1), -1, 1)))
    want = [abs(limb_angles(skeleton_landmarks(a))[s] - limb_angles(skeleton_landmarks(b))[s]) for s in LIMBS]
    assert np.allclose(gaps, want, atol=0.5) and gaps[LIMBS.index("left_forearm")] > 15


def test_vote_with_one_example_per_pose_is_not_outvoted():
    refs = np.stack([features(skeleton_landmarks(POINT)), features(skeleton_landmarks(TREE))])
    near = NearestExamples(refs, np.array([0, 1]), 3, k=3, within_deg=25.0)
    assert near.k == 1
    vote, within = near.vote(features(skeleton_landmarks({**POINT, "left_forearm": 140.0})))
    assert vote.tolist() == [1.0, 0.0, 0.0] and within
    vote, within = near.vote(features(skeleton_landmarks({**POINT, "left_upper_arm": 80.0})))
    assert not within  # 70 degrees off on one limb: in-between motion, not the pose


def test_combine_keeps_the_networks_none_unless_within_an_example():
    net = np.array([0.1, 0.1, 0.8], np.float32)  # pose a, pose b, none
    vote = np.array([1.0, 0.0, 0.0], np.float32)
    out = combine(net, vote, False, 0.6)
    assert abs(out.sum() - 1) < 1e-6 and out[-1] == np.float32(0.8) and out[0] > out[1]
    assert combine(net, vote, True, 0.6).tolist() == [1.0, 0.0, 0.0]
