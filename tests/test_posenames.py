"""Names and hints made from a pose's limb directions (game/posenames.py)."""
from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
import yaml

from game.poselib import LIMBS
from game.posenames import SECTORS, describe, looks_like_a_name, name_choices, pose_labels, sector, unique_name

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
    ({"right_upper_arm": 90, "right_forearm": 175}, "Right Hand Up", "오른손 위로",
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


DEGREES = dict(zip(SECTORS, (0, 45, 90, 135, 180, -135, -90, -45)))
# Limbs of the moves `chart from-video` taught from the MusePose clip (shared data
# videos/musepose_dance.mp4, jisoo): two of them were both "Left Hand on Hip, Right Arm Bent Up".
MUSEPOSE = [
    {"left_upper_arm": 58, "left_forearm": -146, "right_upper_arm": 57, "right_forearm": -144},
    {"left_upper_arm": 53, "left_forearm": 154, "right_upper_arm": 44, "right_forearm": 160},
    {"left_upper_arm": 40, "left_forearm": -68, "right_upper_arm": 41, "right_forearm": -141},
    {"left_upper_arm": 42, "left_forearm": -49, "right_upper_arm": 90, "right_forearm": -133, "left_thigh": 6,
     "left_shin": 12, "right_thigh": 11, "right_shin": 7},
    {"left_upper_arm": 58, "left_forearm": 13, "right_upper_arm": 75, "right_forearm": -154},
    {"left_upper_arm": 82, "left_forearm": 108, "right_upper_arm": 84, "right_forearm": 148},
    {"left_upper_arm": 90, "left_forearm": -87, "right_upper_arm": 91, "right_forearm": -102, "left_thigh": 30,
     "left_shin": 41},
    {"left_upper_arm": 175, "left_forearm": 180, "right_upper_arm": 46, "right_forearm": -24, "left_thigh": 30,
     "left_shin": 40},
    {"left_upper_arm": 115, "left_forearm": 95, "right_upper_arm": 33, "right_forearm": 10, "left_thigh": 24,
     "left_shin": 23},
]


def _every_name() -> set[tuple[str, str]]:
    """Every name describe can choose: all arm sectors standing, all leg sectors under a few arm shapes."""
    poses = [{**STAND, "left_upper_arm": DEGREES[lu], "left_forearm": DEGREES[lf], "right_upper_arm": DEGREES[ru],
              "right_forearm": DEGREES[rf]} for lu, lf, ru, rf in itertools.product(SECTORS, repeat=4)]
    for lt, ls, rt, rs in itertools.product(SECTORS, repeat=4):
        for arms in ((0, 0, 0, 0), (180, 180, 0, 0), (40, -60, 0, 0), (90, 175, -90, -90), (-135, -135, -135, -135)):
            poses.append({**STAND, **dict(zip(("left_upper_arm", "left_forearm", "right_upper_arm", "right_forearm"), arms)),
                          "left_thigh": DEGREES[lt], "left_shin": DEGREES[ls], "right_thigh": DEGREES[rt],
                          "right_shin": DEGREES[rs]})
    names = set()
    for limbs in poses:
        choices = name_choices(limbs)
        names |= set(choices) | {unique_name(limbs, {n for c in choices for n in c})}  # with a letter
    return names


def _fits_on_screen(name: str) -> bool:
    """Two whole lines on a lane card (game.ui.cards.name_layout at card_lane.CARD) and one line of the
    target and coach panels (22 px display type, 310 px: game.ui.guide_panel / coach_panel)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.ui import text
    from game.ui.card_lane import CARD
    from game.ui.cards import name_layout
    from game.ui.play_layout import GUIDE
    size, lines = name_layout(name, CARD[0])
    return (" ".join(lines) == name and all(text.font(size, "bold").size(line)[0] <= CARD[0] - 12 for line in lines)
            and text.font(22, "display").size(name)[0] <= GUIDE.w - 30)


def test_every_made_name_fits_a_card_and_the_target_panel():
    too_long = [n for pair in _every_name() for n in pair if not _fits_on_screen(n)]
    assert not too_long


def test_shipped_pose_names_fit_and_are_distinct():
    from game.paths import POSES_DIR
    files = sorted(Path(POSES_DIR).glob("*.yaml"))
    poses = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files if p.stem != "classifier"]
    for lang in ("name", "name_ko"):
        names = [p[lang] for p in poses]
        assert len(set(names)) == len(names), lang
        assert all(_fits_on_screen(n) for n in names), [n for n in names if not _fits_on_screen(n)]


def test_names_of_a_real_clip_are_short_and_distinct():
    taken: set[str] = set()
    for limbs in MUSEPOSE:
        words = describe({**STAND, **limbs}, taken)
        assert words["name"] not in taken and words["name_ko"] not in taken, words
        assert _fits_on_screen(words["name"]) and _fits_on_screen(words["name_ko"])
        taken |= {words["name"], words["name_ko"]}
    assert describe({**STAND, **MUSEPOSE[2]})["name"] == "Right Hand Over, Left on Hip"
    hip = {"Right Hand Over, Left on Hip", "오른손 머리 위, 왼손 허리에"}
    assert describe({**STAND, **MUSEPOSE[3]}, hip)["name"] == "Right Hand Over B", "the same words but the elbow"


def test_a_taken_name_gets_what_differs_then_a_letter():
    knee_hands_up = {**STAND, "left_thigh": 160, "left_shin": 160, "left_upper_arm": 175, "left_forearm": 175,
                     "right_upper_arm": 90, "right_forearm": 90}
    first = name_choices(knee_hands_up)[0]
    assert first == ("Left Knee Up, Left Arm Up", "왼쪽 무릎 들기, 왼팔 위로")
    assert unique_name(knee_hands_up, {first[0]}) == ("Left Knee Up, Right Arm Out", "왼쪽 무릎 들기, 오른팔 옆으로")
    up = {**STAND, "left_upper_arm": 175, "left_forearm": 175}
    assert unique_name(up, {"Left Arm Up"}) == ("Left Arm Up B", "왼팔 위로 B")
    assert unique_name(up, {"왼팔 위로", "Left Arm Up B"}) == ("Left Arm Up C", "왼팔 위로 C")


def test_pose_labels_avoid_the_names_in_the_library(tmp_path):
    from game.pose.library import names_in_use
    (tmp_path / "a.yaml").write_text("id: a\nname: Left Arm Up\nname_ko: 왼팔 위로\nexamples:\n- {broken\n",
                                     encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nname: Big V\n", encoding="utf-8")
    assert names_in_use(tmp_path) == {"Left Arm Up", "왼팔 위로", "Big V"}
    assert names_in_use(tmp_path, but="a") == {"Big V"}
    up = {**STAND, "left_upper_arm": 175, "left_forearm": 175}
    assert pose_labels(up, {}, "reach", {}, names_in_use(tmp_path))["name"] == "Left Arm Up B"
