import pytest

from game.chart import Chart, Cue
from game.judge import Grade, Judgement
from functools import reduce

from game.scoring import MAX_SCORE, apply, initial, multiplier_for


def chart(n: int, gold: set[int] = frozenset()) -> Chart:
    cues = tuple(Cue(index=i, beat=i, time=float(i), pose="p", end_time=float(i), gold=i in gold) for i in range(n))
    return Chart("s", "m", "normal", cues)


def play(c: Chart, grades: list[Grade], held: float = 1.0):
    judgements = [Judgement(cue, g, 0.0 if g is not Grade.MISS else None, held) for cue, g in zip(c.cues, grades)]
    return reduce(apply, judgements, initial(c))  # the score is a fold of the reducer


@pytest.mark.parametrize("combo, mult", [(0, 1), (9, 1), (10, 2), (24, 2), (25, 3), (50, 4), (500, 4)])
def test_multiplier_steps(combo, mult):
    assert multiplier_for(combo) == mult


def test_all_perfect_is_the_fixed_maximum_whatever_the_chart():
    for n, gold in ((1, set()), (30, {3, 7}), (120, {0, 119})):
        s = play(chart(n, gold), [Grade.PERFECT] * n)
        assert s.score == MAX_SCORE and s.accuracy == 1.0 and s.grade_letter == "S+" and s.stars == 5 and s.full_combo


def test_miss_breaks_combo_good_builds_it():
    s = play(chart(5), [Grade.GOOD, Grade.GOOD, Grade.MISS, Grade.PERFECT, Grade.GREAT])
    assert (s.combo, s.max_combo) == (2, 2)
    assert s.counts[Grade.MISS] == 1 and not s.full_combo
    assert s.accuracy == pytest.approx((0.4 + 0.4 + 0 + 1 + 0.7) / 5)


def test_one_cue_charts():
    assert play(chart(1), [Grade.GREAT]).score == 700_000
    assert play(chart(1), [Grade.MISS]).score == 0
    assert play(chart(1), [Grade.PERFECT], held=0.5).score == 500_000


def test_breaking_a_long_combo_costs_more_than_the_missed_cue():
    n = 40
    middle = play(chart(n), [Grade.PERFECT] * 20 + [Grade.MISS] + [Grade.PERFECT] * 19)
    last = play(chart(n), [Grade.PERFECT] * (n - 1) + [Grade.MISS])
    assert middle.score < last.score < MAX_SCORE


def test_gold_counts_double():
    c = chart(2, {1})
    assert play(c, [Grade.MISS, Grade.PERFECT]).score > play(c, [Grade.PERFECT, Grade.MISS]).score


@pytest.mark.parametrize("acc_grades, letter", [
    ([Grade.PERFECT] * 19 + [Grade.GREAT], "S"), ([Grade.GREAT] * 10, "C"), ([Grade.GOOD] * 10, "D"), ([Grade.PERFECT] * 9 + [Grade.MISS], "A"),
])
def test_grade_letters(acc_grades, letter):
    assert play(chart(len(acc_grades)), acc_grades).grade_letter == letter


def test_state_is_immutable():
    c = chart(2)
    s0 = initial(c)
    s1 = apply(s0, Judgement(c.cues[0], Grade.PERFECT, 0.0))
    assert s0.judged == 0 and s1.judged == 1 and s0.counts[Grade.PERFECT] == 0
