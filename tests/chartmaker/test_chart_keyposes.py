"""Key poses: found on a real clip as play sees it; grouping and thinning rules on plain rows."""
from __future__ import annotations

import numpy as np

from chartkit import data_path
from game.chartmaker.keyposes import group_moves, key_poses, limb_rows, mirror_rows, track
from game.chartmaker.make import TRACK_EVERY_S, thin


def test_key_poses_on_a_real_dance():
    video = data_path("videos", "musepose_dance.mp4")
    times, marks = track(video, None, TRACK_EVERY_S)
    assert len(times) > 100 and np.all(np.diff(times) >= TRACK_EVERY_S - 1e-3)  # 12 s at 15 frames a second
    keys = key_poses(times, marks)
    from game.pose.moments import unsure_joints
    assert keys and all(marks[i] is not None and not unsure_joints(marks[i]) for i in keys)
    gaps = np.diff(times[keys])
    assert 6 <= len(keys) <= len(times) / 2 and gaps.max() < 2.5  # a stop every few beats, never every frame
    moves = group_moves(limb_rows(marks), keys)
    assert 2 <= len(moves) < len(keys)  # a dance repeats its moves


def test_grouping_joins_repeats_and_splits_mirror_images():
    arm_up = np.array([0, 0, 170, 170, 0, 0, 0, 0], float)  # right arm up (LIMBS order)
    rows = np.stack([arm_up, arm_up + 8, mirror_rows(arm_up), arm_up - 10, mirror_rows(arm_up) + 5])
    assert group_moves(rows, [0, 1, 2, 3, 4]) == [[0, 1, 3], [2, 4]]


def test_thinning_keeps_the_spacing_of_each_difficulty():
    beats = [0.0, 0.5, 1.0, 2.0, 2.5, 4.0, 7.5, 8.0]
    assert thin(beats, 1.0) == [0.0, 1.0, 2.0, 4.0, 7.5]
    assert thin(beats, 2.0) == [0.0, 2.0, 4.0, 7.5]
    assert thin(beats, 4.0) == [0.0, 4.0, 8.0]
