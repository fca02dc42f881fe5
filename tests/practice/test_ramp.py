"""The tempo ramp as a reducer over passes."""
import pytest

from game.judge import Grade
from game.practice.ramp import RampRule, RampState, after_pass, good_share

P, G, OK, M = Grade.PERFECT, Grade.GREAT, Grade.GOOD, Grade.MISS
RULE = RampRule()  # 60 / 75 / 90 / 100 %, up at 80 % Perfect+Great, down below 40 %


@pytest.mark.parametrize("level, grades, next_level, mastered", [
    (0, [P] * 8 + [G] * 2, 1, False),          # 100 % good: one step faster
    (1, [P] * 8 + [OK] * 2, 2, False),         # exactly 80 %: up
    (1, [P] * 7 + [OK] * 3, 1, False),         # 70 %: the same speed again
    (2, [P] * 3 + [M] * 7, 1, False),          # 30 %: a poor pass steps down
    (0, [M] * 10, 0, False),                   # never below the slowest
    (3, [P] * 10, 3, True),                    # good at 100 %: mastered, stays at 100 %
    (3, [P] * 4 + [M] * 6, 3, False),          # 40 % at 100 %: not poor (< 40 %), not good: again
])
def test_one_pass(level, grades, next_level, mastered):
    state = after_pass(RampState(level=level), grades, RULE)
    assert (state.level, state.mastered, state.passes) == (next_level, mastered, 1)
    assert state.last_share == pytest.approx(good_share(grades))


def test_a_whole_practice_climbs_dips_and_masters():
    state = RampState()
    speeds = []
    for grades in ([P] * 10, [P] * 10, [M] * 10, [P] * 10, [P] * 10, [P] * 10):
        speeds.append(state.speed(RULE))
        state = after_pass(state, grades, RULE)
    assert speeds == [0.6, 0.75, 0.9, 0.75, 0.9, 1.0] and state.mastered


def test_good_share_counts_perfect_and_great_only():
    assert good_share([P, G, OK, M]) == 0.5 and good_share([]) == 0.0


@pytest.mark.parametrize("kwargs", [dict(speeds=(1.0, 0.6)), dict(speeds=()), dict(up_at=0.3, down_below=0.5)])
def test_rules_that_make_no_sense_are_refused(kwargs):
    with pytest.raises(ValueError):
        RampRule(**kwargs)
