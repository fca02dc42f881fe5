"""Training-set rules: mirror images, free arms, and "none" kept away from the poses."""
from __future__ import annotations

import numpy as np
import yaml

from game.pose.dataset import NONE, build_training_set
from game.poselib import load_pose_library
from tests.pose.conftest import POINT, skeleton_landmarks

TREE = {**POINT, "left_upper_arm": 170, "left_forearm": 175, "right_upper_arm": 170, "right_forearm": 175,
        "right_thigh": 100, "right_shin": -60}
SQUAT = {**POINT, "left_thigh": 80, "left_shin": 10, "right_thigh": 80, "right_shin": 10,
         "left_upper_arm": 90, "left_forearm": 180, "right_upper_arm": 90, "right_forearm": 180}


def photo_pose(folder, pid, angles, mirrored=False, n=5, seed=0, jitter=6.0, either_side=False):
    """A pose file with `n` examples as `poses add` writes them, from jittered skeletons."""
    rng = np.random.default_rng(seed)
    examples = []
    for _ in range(n):
        a = {k: v + rng.normal(0, jitter) for k, v in angles.items()}
        lm = skeleton_landmarks(a, origin=(320 + rng.normal(0, 30), 250.0), scale=110 + rng.normal(0, 10))
        lm = lm.mirrored() if mirrored else lm
        examples.append({"source": "x.jpg", "size": [lm.width, lm.height], "landmarks": lm.to_list()})
    limbs = {k: round(float(v), 1) for k, v in angles.items() if k != "head"}
    folder.mkdir(parents=True, exist_ok=True)
    head = {"id": pid, "name": pid, "limbs": limbs, **({"either_side": True} if either_side else {})}
    (folder / f"{pid}.yaml").write_text(yaml.safe_dump({**head, "examples": examples}))


def test_side_is_declared_never_guessed(tmp_path):
    """One example has no spread: the old rule learned it on both sides. Now only the YAML says so."""
    photo_pose(tmp_path, "point", POINT, n=1)
    photo_pose(tmp_path, "tree", TREE, either_side=True)
    data = build_training_set(load_pose_library(tmp_path), per_pose=50)
    assert data.mirrored == {"point": False, "tree": True}


def test_other_side_of_a_side_specific_pose_is_none(tmp_path):
    """The mirror image of a one-sided pose is taught as "none"; an either-side pose's is not."""
    from game.pose.dataset import _nearest
    from game.pose.features import features
    photo_pose(tmp_path, "point", POINT, n=1)
    photo_pose(tmp_path, "tree", TREE, n=1, either_side=True)
    data = build_training_set(load_pose_library(tmp_path), per_pose=200)
    none_x, pose_x = data.x[data.y == len(data.labels) - 1], data.x[data.y != len(data.labels) - 1]
    mirrored_point = features(skeleton_landmarks(POINT).mirrored())[None]
    mirrored_tree = features(skeleton_landmarks(TREE).mirrored())[None]
    assert _nearest(mirrored_point, none_x)[0] < _nearest(mirrored_point, pose_x)[0]
    assert _nearest(mirrored_tree, pose_x)[0] < _nearest(mirrored_tree, none_x)[0]


def test_arms_vary_only_when_the_legs_tell_poses_apart(tmp_path):
    photo_pose(tmp_path, "tree", TREE)
    photo_pose(tmp_path, "squat", SQUAT)
    photo_pose(tmp_path, "point", POINT)  # legs like a neutral stance: its arm is the pose
    data = build_training_set(load_pose_library(tmp_path), per_pose=50)
    assert data.arms_free == {"tree": True, "squat": True, "point": False}


def test_none_class_present_and_labelled_last(tmp_path):
    photo_pose(tmp_path, "tree", TREE)
    photo_pose(tmp_path, "squat", SQUAT)
    data = build_training_set(load_pose_library(tmp_path), per_pose=100)
    assert data.labels[-1] == NONE and (data.y == len(data.labels) - 1).sum() > 20
    assert np.isfinite(data.x).all() and len(data.real_x) == 10


def test_photo_pose_and_its_mirror_never_confused(tmp_path):
    """A pose and its mirror image, each taught from ONE example, keep their sides."""
    from game.pose.classifier import PoseClassifier
    from game.pose.features import features
    from game.pose.train import train
    photo_pose(tmp_path, "point", POINT, n=1)
    photo_pose(tmp_path, "point_mirror", POINT, mirrored=True, seed=1, n=1)
    photo_pose(tmp_path, "tree", TREE)
    train(tmp_path, epochs=10, per_pose=200, quiet=True)
    clf = PoseClassifier(tmp_path)
    rng = np.random.default_rng(5)
    for _ in range(10):
        lm = skeleton_landmarks({k: v + rng.normal(0, 8) for k, v in POINT.items()})
        assert clf.top(features(lm), 1)[0][0] == "point"
        assert clf.top(features(lm.mirrored()), 1)[0][0] == "point_mirror"


def test_wild_examples_do_not_erase_none(tmp_path):
    """Noisy photos spread a pose's examples far apart; neutral stances must stay "none"."""
    from game.pose.features import batch_features
    from game.pose.dataset import _nearest
    from game.pose.synth import NEUTRAL, synth_landmarks
    photo_pose(tmp_path, "tree", TREE, jitter=45.0)
    photo_pose(tmp_path, "squat", SQUAT, jitter=45.0, seed=3)
    data = build_training_set(load_pose_library(tmp_path), per_pose=100)
    none_x = data.x[data.y == len(data.labels) - 1]
    neutral = batch_features(*synth_landmarks(NEUTRAL, 20, np.random.default_rng(1)))
    assert len(none_x) > 30 and np.median(_nearest(neutral, none_x)) < 1.0


def test_side_specific_pose_on_the_other_side_is_not_that_pose(tmp_path):
    """Taught on one side from one example, with no mirror pose: the other side is not credited,
    while an either-side pose is recognised both ways."""
    from game.pose.classifier import PoseClassifier
    from game.pose.features import features
    from game.pose.train import train
    photo_pose(tmp_path, "point", POINT, n=1)
    photo_pose(tmp_path, "tree", TREE, n=1, either_side=True)
    photo_pose(tmp_path, "squat", SQUAT, n=1)
    train(tmp_path, epochs=10, per_pose=200, quiet=True)
    clf = PoseClassifier(tmp_path)
    rng = np.random.default_rng(6)
    for _ in range(10):
        point = skeleton_landmarks({k: v + rng.normal(0, 6) for k, v in POINT.items()})
        tree = skeleton_landmarks({k: v + rng.normal(0, 6) for k, v in TREE.items()})
        assert clf.top(features(point), 1)[0][0] == "point"
        assert clf.predict(features(point.mirrored()))["point"] < 0.5
        assert clf.top(features(tree), 1)[0][0] == "tree"
        assert clf.top(features(tree.mirrored()), 1)[0][0] == "tree"
    # in a chart: the point done on the other side for half a second is a Miss; the tree is not
    from game.chart import Cue
    from game.judge import Grade, Prediction, TimingWindows, judge
    cues = [Cue(index=0, beat=0.0, time=1.0, pose="point"), Cue(index=1, beat=1.0, time=1.0, pose="tree")]
    frames = [(0.75 + i / 30, skeleton_landmarks({k: v + rng.normal(0, 4) for k, v in POINT.items()}).mirrored()) for i in range(15)]
    grades = [j.grade for j in judge(cues, [Prediction(t, clf.predict(features(lm))) for t, lm in frames], TimingWindows())]
    assert grades == [Grade.MISS, Grade.MISS]
    frames = [(0.75 + i / 30, skeleton_landmarks({k: v + rng.normal(0, 4) for k, v in TREE.items()}).mirrored()) for i in range(15)]
    grades = [j.grade for j in judge(cues, [Prediction(t, clf.predict(features(lm))) for t, lm in frames], TimingWindows())]
    assert grades == [Grade.MISS, Grade.PERFECT]
