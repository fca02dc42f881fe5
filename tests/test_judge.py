"""The judge, tested with tables of one-cue charts and hand-made prediction streams."""
import pytest

from game.chart import Cue
from game.judge import Grade, HitRule, Prediction, TimingWindows, judge, judge_cue, windows_for

W = TimingWindows()  # 100 / 200 / 320 ms
TAP = Cue(index=0, beat=4, time=10.0, pose="heart", end_time=10.0)
HOLD = Cue(index=0, beat=4, time=10.0, pose="heart", hold_beats=2, end_time=11.0)
FPS = 30


def frames(start: float, end: float, pose: str = "heart", p: float = 0.9) -> list[Prediction]:
    """A prediction every 1/30 s (on the 30 fps grid) from start to end showing `pose` with probability p."""
    first, last = round(start * FPS), round(end * FPS)
    return [Prediction(t=k / FPS, probs={pose: p}) for k in range(first, last + 1)]


def stream(*segments) -> list[Prediction]:
    """Background of 'none' from 8 s to 13 s with the given (start, end[, pose, p]) segments laid over it."""
    out = {round(p.t * FPS): p for p in frames(8.0, 13.0, "none", 1.0)}
    for seg in segments:
        for p in frames(*seg):
            out[round(p.t * FPS)] = p
    return [out[k] for k in sorted(out)]


@pytest.mark.parametrize("offset, grade", [
    (0.0, Grade.PERFECT), (0.1, Grade.PERFECT), (-0.1, Grade.PERFECT), (0.1001, Grade.GREAT),
    (-0.2, Grade.GREAT), (0.25, Grade.GOOD), (-0.32, Grade.GOOD), (0.321, Grade.MISS), (None, Grade.MISS),
])
def test_windows_check_from_the_best_grade_down(offset, grade):
    assert W.result_for(offset) is grade


def test_windows_scale_and_add():
    assert windows_for("easy").perfect == pytest.approx(0.15)
    assert windows_for("hard", scale=2.0, add=0.01).good == pytest.approx(0.32 * 1.5 + 0.01)


@pytest.mark.parametrize("segments, grade, offset", [
    ([(9.5, 10.5)], Grade.PERFECT, 0.0),                   # held through the beat: on time
    ([(10.0, 10.3)], Grade.PERFECT, 0.0),                  # reached exactly on the beat
    ([(10.2, 10.6)], Grade.GREAT, 0.2),                     # reached 200 ms late
    ([(9.5, 9.7)], Grade.GOOD, -0.3),                      # left 300 ms before the beat
    ([(10.5, 11.0)], Grade.MISS, None),                    # too late
    ([(10.0, 10.0 + 1 / FPS)], Grade.MISS, None),          # two frames: flicker, not a hit
    ([(9.5, 10.5, "heart", 0.4)], Grade.MISS, None),       # not confident
    ([(9.5, 10.5, "cross")], Grade.MISS, None),            # the wrong pose
    ([(9.0, 9.3), (10.2, 10.5)], Grade.GREAT, 0.2),        # the nearer of two stretches
    ([], Grade.MISS, None),
])
def test_tap_cases(segments, grade, offset):
    j = judge_cue(TAP, stream(*segments), W)
    assert j.grade is grade
    assert j.offset == (None if offset is None else pytest.approx(offset, abs=1e-6))


def test_flicker_inside_a_hold_does_not_end_it_but_a_long_gap_does():
    steady = stream((9.9, 11.2))
    gap = [p for p in steady if not 10.4 < p.t < 10.8]  # camera lost the player for 0.4 s
    assert judge_cue(HOLD, steady, W).held == pytest.approx(1.0)
    assert judge_cue(HOLD, gap, W).held == pytest.approx(0.6, abs=0.05)


@pytest.mark.parametrize("segments, grade, held", [
    ([(9.9, 11.1)], Grade.PERFECT, 1.0),
    ([(9.9, 10.5)], Grade.PERFECT, 0.5),
    ([(10.2, 11.1)], Grade.GREAT, 0.8),
    ([(9.9, 10.2), (10.6, 11.1)], Grade.PERFECT, 0.6),
    ([], Grade.MISS, 0.0),
])
def test_hold_scores_the_share_held(segments, grade, held):
    j = judge_cue(HOLD, stream(*segments), W)
    assert (j.grade, j.held) == (grade, pytest.approx(held, abs=0.04))


def test_each_cue_is_decided_once_and_only_when_nothing_can_change():
    preds = stream((10.3, 10.6))
    assert judge_cue(TAP, preds, W, now=10.3) is None     # a better hit could still come? no: wait for the window
    late = judge_cue(TAP, preds, W, now=11.0)
    assert late.grade is Grade.GOOD
    on_beat = stream((9.8, 10.2))
    assert judge_cue(TAP, [p for p in on_beat if p.t <= 10.15], W, now=10.15).grade is Grade.PERFECT  # early final
    assert judge_cue(HOLD, on_beat, W, now=10.5) is None  # a hold waits for its end


def test_judge_whole_chart_in_cue_order():
    cues = [TAP, Cue(index=1, beat=6, time=12.0, pose="cross", end_time=12.0)]
    preds = stream((9.9, 10.1), (12.1, 12.4, "cross"))
    assert [j.grade for j in judge(cues, preds, W)] == [Grade.PERFECT, Grade.PERFECT]


def test_rule_is_a_value():
    strict = HitRule(min_confidence=0.95)
    assert judge_cue(TAP, stream((9.5, 10.5)), W, strict).grade is Grade.MISS
