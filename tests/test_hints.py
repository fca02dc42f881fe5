import pytest

from game.hints import angle_diff, hint, off_limbs
from game.poselib import LIMBS
from game.ui.strings import hint_text

NEUTRAL = {s: 0.0 for s in LIMBS}


@pytest.mark.parametrize("a, b, d", [(10, 350, 20), (350, 10, -20), (180, -180, 0), (90, -90, -180)])
def test_angle_diff_wraps(a, b, d):
    assert angle_diff(a, b) == pytest.approx(d)


@pytest.mark.parametrize("target, player, text, text_ko", [
    ({"left_upper_arm": 170}, {"left_upper_arm": 20}, "Raise your left arm", "왼팔을 올리세요"),
    ({"right_upper_arm": 0}, {"right_upper_arm": 160}, "Lower your right arm", "오른팔을 내리세요"),
    ({"left_upper_arm": 90}, {"left_upper_arm": -80}, "Move your left arm out to the side", "왼팔을 옆으로 벌리세요"),
    ({"right_forearm": -90}, {"right_forearm": 90}, "Bring your right forearm in across your body",
     "오른쪽 아래팔을 몸 안쪽으로 모으세요"),
    ({"left_thigh": 100}, {"left_thigh": 0}, "Lift your left leg", "왼다리를 들어 올리세요"),
])
def test_hint_for_the_worst_limb(target, player, text, text_ko):
    found = hint({**NEUTRAL, **target}, {**NEUTRAL, **player})
    assert hint_text(found, "en") == text and hint_text(found, "ko") == text_ko


def test_close_enough_is_no_hint():
    player = {s: 20.0 for s in LIMBS}
    assert hint(NEUTRAL, player) is None and off_limbs(NEUTRAL, player) == {}
    assert set(off_limbs(NEUTRAL, {**player, "left_shin": 90})) == {"left_shin"}
