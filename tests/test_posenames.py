"""Names and hints made from a pose's limb directions (game/posenames.py)."""
from __future__ import annotations

import pytest

from game.poselib import LIMBS
from game.posenames import describe, looks_like_a_name, pose_labels, sector

STAND = {s: 0.0 for s in LIMBS}


@pytest.mark.parametrize("degrees, name", [(0, "down"), (20, "down"), (30, "down-out"), (90, "out"), (135, "up-out"),
                                           (170, "up"), (-180, "up"), (180, "up"), (-90, "in"), (-45, "down-in"),
                                           (-135, "up-in"), (540, "up")])
def test_sector(degrees, name):
    assert sector(degrees) == name


@pytest.mark.parametrize("limbs, name, name_ko, hint", [
    ({}, "Neutral Stance", "기본 자세", "Both arms down, feet under your hips"),
    ({"left_upper_arm": 175, "left_forearm": 178}, "Left Arm Up", "왼팔 위로", "Left arm straight up, right arm down"),
    ({"left_upper_arm": 90, "left_forearm": 90, "right_upper_arm": 90, "right_forearm": 90}, "Arms Out", "양팔 옆으로",
     "Both arms out to the side"),
    ({"left_upper_arm": 35, "left_forearm": -60, "right_upper_arm": 35, "right_forearm": -60}, "Hands on Hips", "허리에 손",
     "Hands on your hips"),
    ({"right_upper_arm": 90, "right_forearm": 175}, "Right Arm Bent Up", "오른팔 굽혀 위로",
     "Left arm down, right elbow out to the side, hand up"),
    ({"left_thigh": 90, "left_shin": 90}, "Left Kick", "왼발 차기", "Both arms down, left leg kicked out to the side"),
    ({"left_thigh": 40, "left_shin": 0, "right_thigh": 30, "right_shin": 30}, "Left Lunge", "왼쪽 런지",
     "Both arms down, feet wide apart, left knee bent"),
])
def test_describe(limbs, name, name_ko, hint):
    words = describe({**STAND, **limbs})
    assert (words["name"], words["name_ko"]) == (name, name_ko)
    assert words["hint"].startswith(hint) and words["hint_ko"]


def test_left_and_right_are_named_apart():
    left = describe({**STAND, "left_upper_arm": 175, "left_forearm": 175})
    right = describe({**STAND, "right_upper_arm": 175, "right_forearm": 175})
    assert left["name"] != right["name"] and left["hint_ko"] != right["hint_ko"]


def test_given_words_win_and_derived_ones_fill_only_what_is_missing():
    up = {**STAND, "left_upper_arm": 175, "left_forearm": 175}
    new = pose_labels(up, {"id": "reach", "name": "reach"}, "reach", {"hint_ko": "위로!"})
    assert new == {"name": "Left Arm Up", "name_ko": "왼팔 위로", "hint": "Left arm straight up, right arm down, "
                   "feet under your hips", "hint_ko": "위로!"}
    kept = pose_labels(up, {"name": "Reach", "name_ko": "뻗기", "hint": "Reach!"}, "reach", {})
    assert kept == {"hint_ko": describe(up)["hint_ko"]}, "an existing pose keeps its words"
    assert pose_labels(up, {"name": "Warrior Two"}, "Warrior Two", {}).get("name") is None
    assert pose_labels(up, {}, "reach", {"name": "Sky Reach"})["name"] == "Sky Reach"


def test_a_typed_display_name_is_recognised():
    assert looks_like_a_name("Warrior Two") and looks_like_a_name("하트") and not looks_like_a_name("point_up_left")
