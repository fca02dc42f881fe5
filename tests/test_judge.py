"""The judge, tested with tables of one-cue charts and hand-made prediction streams."""
import pytest

from game.chart import Cue
from game.judge import Grade, HitRule, Prediction, TimingWindows, judge, judge_cue, stretches, windows_for

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
    ([(10.0, 10.0 + 1 / FPS)], Grade.PERFECT, 0.0),        # two frames (67 ms) through the beat: a quick key pose
    ([(10.1, 10.1 + 1 / FPS)], Grade.PERFECT, 0.1),        # two frames, 100 ms late
    ([(10.0, 10.0)], Grade.MISS, None),                    # one frame: flicker, never a hit
    ([(10.0, 10.0, "heart", 1.0), (10.0 + 1 / FPS, 10.1, "heart", 0.5)], Grade.PERFECT, 0.0),  # entered, then stayed above 0.4
    ([(10.0, 10.1, "heart", 0.5)], Grade.MISS, None),      # never entered (0.5 < 0.6)
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


def test_a_side_specific_pose_done_on_the_other_side_misses():
    """The classifier says the player's knee is up on the left; the cue wants the right knee."""
    cue = Cue(index=0, beat=4, time=10.0, pose="knee_up_right", end_time=10.0)
    other_side = [Prediction(t=k / FPS, probs={"knee_up_left": 0.85, "knee_up_right": 0.12, "none": 0.03})
                  for k in range(round(9.7 * FPS), round(10.3 * FPS))]
    j = judge_cue(cue, other_side, W)
    assert (j.grade, j.offset, j.seen, j.peak_prob) == (Grade.MISS, None, "knee_up_left", pytest.approx(0.12))


def test_hysteresis_keeps_a_stretch_whole_across_one_dip():
    """One frame at p = 0.59 (below the entry, above the stay threshold) inside a hold does not split it."""
    dip = [p if round(p.t * FPS) != round(10.5 * FPS) else Prediction(t=p.t, probs={"heart": 0.59})
           for p in stream((9.9, 11.2))]
    found = stretches(dip, "heart", HitRule())
    assert len(found) == 1
    assert judge_cue(HOLD, dip, W).held == pytest.approx(1.0)
    deep = [p if round(p.t * FPS) != round(10.5 * FPS) else Prediction(t=p.t, probs={"heart": 0.2}) for p in dip]
    assert len(stretches(deep, "heart", HitRule())) == 2  # a real drop still ends it


def test_stretch_length_is_measured_on_capture_times_not_frames():
    """Two frames 10 ms apart (a 100 fps camera) are still a flicker; 25 ms apart they count."""
    def two(gap):
        return [Prediction(t=9.9, probs={"none": 1.0}), Prediction(t=10.0, probs={"heart": 0.9}),
                Prediction(t=10.0 + gap, probs={"heart": 0.9}), Prediction(t=10.2, probs={"none": 1.0})]
    assert judge_cue(TAP, two(0.010), W).grade is Grade.MISS
    assert judge_cue(TAP, two(0.025), W).grade is Grade.PERFECT


def test_best_match_in_the_window_wins_by_grade_then_peak_probability():
    weak_near = stream((10.15, 10.25, "heart", 0.65), (9.6, 9.8, "heart", 0.95))  # Great (+150 ms) vs Great (-200 ms)
    j = judge_cue(TAP, weak_near, W)
    assert (j.grade, j.offset, j.peak_prob) == (Grade.GREAT, pytest.approx(-0.2, abs=1e-6), pytest.approx(0.95))
    perfect_weak = stream((9.95, 10.05, "heart", 0.65), (10.15, 10.3, "heart", 0.95))
    assert judge_cue(TAP, perfect_weak, W).grade is Grade.PERFECT  # a better grade beats a higher peak


def test_limb_closeness_breaks_ties_and_is_reported():
    target = {"left_upper_arm": 180.0, "right_upper_arm": 180.0}
    near = {"left_upper_arm": 170.0, "right_upper_arm": 190.0}
    far = {"left_upper_arm": 120.0, "right_upper_arm": 240.0}
    preds = [Prediction(t=9.75, probs={"heart": 0.9}, angles=far), Prediction(t=9.8, probs={"heart": 0.9}, angles=far),
             Prediction(t=9.9, probs={"none": 1.0}),
             Prediction(t=10.2, probs={"heart": 0.9}, angles=near), Prediction(t=10.25, probs={"heart": 0.9}, angles=near)]
    j = judge_cue(TAP, preds, W, target=target)
    assert (j.grade, j.offset, j.limb_error) == (Grade.GREAT, pytest.approx(0.2), pytest.approx(10.0))
    assert j.player_angles == near


def test_a_miss_reports_what_was_seen_at_the_beat():
    j = judge_cue(TAP, stream((9.9, 10.1, "cross", 0.9), (10.1, 10.12, "heart", 0.55)), W)
    assert (j.grade, j.seen, j.peak_prob) == (Grade.MISS, "cross", pytest.approx(0.55))
    assert judge_cue(TAP, [], W).seen is None  # nobody in view


class _CountingFrames:
    """A time-sorted sequence of predictions that counts how many frames the judge reads."""

    def __init__(self, items):
        self._items, self.reads = items, 0

    def __len__(self):
        return len(self._items)

    def __getitem__(self, k):
        got = self._items[k]
        self.reads += len(got) if isinstance(k, slice) else 1
        return got


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_per_cue_work_is_bounded_so_a_long_chart_stays_linear(n):
    """Each cue reads only the frames of its own window: the work per cue does not grow with the chart."""
    cues = [Cue(index=i, beat=i, time=1.0 + i * 0.5, pose="heart", end_time=1.0 + i * 0.5) for i in range(n)]
    frames_ = _CountingFrames([Prediction(t=k / FPS, probs={"heart": 0.9 if k % 15 < 3 else 0.0})
                               for k in range(int((2 + n * 0.5) * FPS))])
    judged = [judge_cue(cue, frames_, W) for cue in cues]
    assert judged[0].grade is Grade.PERFECT and all(j.grade is Grade.PERFECT for j in judged[:50])
    assert frames_.reads / n < 400  # about 4.6 s of frames at 30 fps per cue (plus a bisection), whatever n is


@pytest.mark.parametrize("segments, predictions_extra, why, near, span", [
    ([(10.0, 10.0)], None, "too_brief", 0.0, 0.0),  # one frame on the beat: held too briefly
    ([(10.5, 11.0)], None, "too_late", 0.5, None),  # a real stretch 0.5 s after the beat
    ([(9.3, 9.5)], None, "too_early", -0.5, None),  # left 0.5 s before the beat
    ([(9.8, 10.2, "heart", 0.5)], None, "never_reached", None, None),  # never above 60%
    ([], [], "no_frames", None, None),  # nobody: no frames at all
    ([(12.5, 12.8)], None, "never_reached", None, None),  # 2.5 s late is another cue's business
])
def test_a_miss_says_why(segments, predictions_extra, why, near, span):
    preds = stream(*segments) if predictions_extra is None else predictions_extra
    j = judge_cue(TAP, preds, W)
    assert j.grade is Grade.MISS and j.why == why
    assert (j.near_offset is None) == (near is None) and (near is None or j.near_offset == pytest.approx(near, abs=0.02))
    assert (j.near_span is None) == (span is None) and (span is None or j.near_span == pytest.approx(span, abs=0.02))


def test_a_hit_has_no_miss_reason_and_every_judgement_carries_its_trace():
    j = judge_cue(TAP, stream((9.9, 10.3)), W)
    assert j.grade is Grade.PERFECT and j.why is None and j.near_offset is None
    times = [t for t, _ in j.trace]
    assert times == sorted(times) and times[0] >= 10.0 - W.good - 0.5 - 1e-9 and times[-1] <= 10.0 + W.good + 0.5 + 1e-9
    assert max(p for _, p in j.trace) == pytest.approx(0.9) and min(p for _, p in j.trace) == 0.0
