"""The shared feature function: invariances, mirror distinctness, missing joints, limb angles."""
from __future__ import annotations

import numpy as np
import pytest

from game.hints import off_limbs
from game.pose.features import FEATURE_SIZE, features, features_and_angles, limb_angles
from game.pose.landmarks import Landmarks

from tests.pose.conftest import POINT, skeleton_landmarks


def test_shape_and_version():
    f = features(skeleton_landmarks(POINT))
    assert f.shape == (FEATURE_SIZE,) and f.dtype == np.float32 and np.isfinite(f).all()


@pytest.mark.parametrize("origin,scale", [((200.0, 200.0), 120.0), ((400.0, 260.0), 60.0), ((330.0, 240.0), 200.0)])
def test_invariant_to_position_and_scale(origin, scale):
    ref = features(skeleton_landmarks(POINT))
    moved = features(skeleton_landmarks(POINT, origin=origin, scale=scale))
    assert np.abs(ref - moved).max() < 1e-4


def test_invariant_to_image_size_for_same_pixels():
    a = skeleton_landmarks(POINT, width=640, height=480)
    b = skeleton_landmarks(POINT, width=1280, height=720, origin=(640.0, 300.0))
    assert np.abs(features(a) - features(b)).max() < 1e-4


def test_mirror_image_gives_different_features():
    lm = skeleton_landmarks(POINT)
    assert np.abs(features(lm) - features(lm.mirrored())).max() > 0.3


def test_symmetric_pose_mirrors_to_itself():
    sym = dict(POINT, right_upper_arm=150.0, right_forearm=160.0, right_thigh=5.0, right_shin=0.0)
    lm = skeleton_landmarks(sym)
    assert np.abs(features(lm) - features(lm.mirrored())).max() < 1e-3


@pytest.mark.parametrize("joint", [15, 16, 27, 13, 25])
@pytest.mark.parametrize("how", ["low_visibility", "nan"])
def test_missing_joint_keeps_features_finite_and_close(joint, how):
    lm = skeleton_landmarks(POINT)
    pts = lm.points.copy()
    if how == "nan":
        pts[joint, :3] = np.nan
    else:
        pts[joint, 3] = 0.0
        pts[joint, :2] = (5.0, -3.0)  # MediaPipe's wild guess must not be used
    f = features(Landmarks(pts, lm.width, lm.height))
    assert np.isfinite(f).all()
    other = features(skeleton_landmarks(dict(POINT, left_upper_arm=40.0, left_forearm=-60.0)))
    ref = features(lm)
    assert np.linalg.norm(f - ref) < np.linalg.norm(other - ref) + 1.0
    assert np.abs(f).max() < 5.0


def test_all_missing_is_finite():
    pts = np.full((33, 4), np.nan, np.float32)
    assert np.isfinite(features(Landmarks(pts, 640, 480))).all()


def test_angles_round_trip_from_skeleton_points():
    got = limb_angles(skeleton_landmarks(POINT))
    for seg, want in POINT.items():
        assert abs((got[seg] - want + 180) % 360 - 180) < 0.6, seg


def test_angles_of_mirror_swap_sides():
    got = limb_angles(skeleton_landmarks(POINT).mirrored())
    assert abs(got["right_upper_arm"] - POINT["left_upper_arm"]) < 0.6
    assert abs(got["left_forearm"] - POINT["right_forearm"]) < 0.6


def test_one_pass_gives_the_same_features_and_angles_and_names_the_wrong_limb():
    lm = skeleton_landmarks(dict(POINT, right_upper_arm=130.0))
    feats, angles = features_and_angles(lm)
    assert np.array_equal(feats, features(lm)) and angles == limb_angles(lm)
    off = off_limbs(POINT, angles)  # what the play screen draws red
    assert "right_upper_arm" in off and off["right_upper_arm"] == pytest.approx(90.0, abs=1.0)
    assert not {"left_upper_arm", "left_forearm", "left_thigh", "right_thigh"} & set(off)
