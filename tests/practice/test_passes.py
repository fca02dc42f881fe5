"""Every pass of a practice and every move across passes: the figures the results' Passes panel,
the recorded plays and the headless JSON share."""
import pytest

from game import scoring
from game.judge import Grade, Judgement, windows_for
from game.practice.passes import PassResult, combined_session, headline, moves_across, pass_at, recorded_plays

from test_plan import make_chart


def _judged(cues, grades):
    return tuple(Judgement(cue=c, grade=g, offset=None if g is Grade.MISS else 0.0, held=1.0) for c, g in zip(cues, grades))


P, G, O, M = Grade.PERFECT, Grade.GREAT, Grade.GOOD, Grade.MISS


def test_a_pass_scores_out_of_its_own_cues_and_prints_what_the_screen_shows():
    cues = make_chart().cues[:4]
    done = PassResult(0, 0.6, _judged(cues, [P, G, O, M]), cues, verdict="same", next_speed=0.6)
    expected = scoring.initial_for(cues)
    for j in done.judgements:
        expected = scoring.apply(expected, j)
    assert done.share == 0.5 and done.score == expected and 0 < done.score.score < scoring.MAX_SCORE
    assert done.as_dict() == {"pass": 1, "speed": 0.6, "cues": 4,
                              "judgements": {"perfect": 1, "great": 1, "good": 1, "miss": 1},
                              "perfect_great_share": 0.5, "score": expected.score, "accuracy": round(expected.accuracy, 4),
                              "verdict": "same", "next_speed": 0.6}
    perfect = PassResult(1, 1.0, _judged(cues, [P] * 4), cues)
    assert perfect.score.score == scoring.MAX_SCORE and "verdict" not in perfect.as_dict()
    half = PassResult(2, 1.0, _judged(cues[:2], [P, P]), cues, verdict="stopped")  # stopped after two moves of four
    assert half.score.score < scoring.MAX_SCORE // 2 + 1 and half.share == 1.0


def test_moves_across_passes_keep_the_section_order_and_mark_moves_a_stopped_pass_never_reached():
    cues = make_chart().cues[:3]
    passes = [PassResult(0, 0.6, _judged(cues, [M, P, G]), cues, verdict="same"),
              PassResult(1, 0.6, _judged(cues, [G, P, P]), cues, verdict="up"),
              PassResult(2, 0.75, _judged(cues[:1], [P]), cues, verdict="stopped")]
    moves = moves_across(passes)
    assert [(m.index, m.pose) for m in moves] == [(0, "p0"), (1, "p1"), (2, "p2")]
    assert [m.grades for m in moves] == [(M, G, P), (P, P, None), (G, P, None)]
    assert [m.good for m in moves] == [2, 2, 2]
    assert moves[1].as_dict() == {"index": 1, "pose": "p1", "at": cues[1].beat, "grades": ["perfect", "perfect", None],
                                  "perfect_great_passes": 2}


def test_the_practice_as_a_whole_and_its_records_one_per_pass():
    chart = make_chart()
    cues = chart.cues[:3]
    windows = windows_for("normal")
    passes = [PassResult(0, 0.6, _judged(cues, [P, P, P]), cues, verdict="up"),
              PassResult(1, 0.75, _judged(cues, [M, G, P]), cues, verdict="down")]
    whole = combined_session(chart, passes, windows)
    assert len(whole.chart.cues) == len(whole.judgements) == 6
    assert whole.score.counts[P] == 4 and whole.score.complete
    records = recorded_plays(whole, type("Practice", (), {"passes": passes, "speed": 0.6})())
    assert [(speed, s.score.score) for s, speed in records] == [(0.6, passes[0].score.score), (0.75, passes[1].score.score)]
    (plain, speed), = recorded_plays(whole, type("Practice", (), {"passes": [], "speed": 0.75})())
    assert plain is whole and speed == 0.75
    assert recorded_plays(whole, None) == [(whole, 1.0)]


def test_the_headline_is_the_best_pass_and_the_last_never_the_passes_reduced_together():
    """Reduced together, one long combo across passes scores lower than every pass: not what a learner reads."""
    chart = make_chart()
    cues = chart.cues[:12]
    grades = ([P] * 5 + [M] + [P] * 6, [P] * 3 + [M] + [G] * 8, [G] * 11 + [M])
    passes = [PassResult(n, speed, _judged(cues, g), cues) for n, (speed, g) in enumerate(zip((0.6, 0.75, 0.9), grades))]
    whole = combined_session(chart, passes, windows_for("normal"))
    assert whole.score.score < min(p.score.score for p in passes)  # the figure the headline must not be
    top = headline(passes)
    assert top.best is passes[0] and top.last is passes[2]
    best = passes[0].score
    assert top.as_dict() == {"score": best.score, "grade": best.grade_letter, "stars": best.stars,
                             "accuracy": round(best.accuracy, 4), "max_combo": best.max_combo, "full_combo": False,
                             "best_pass": 1, "best_pass_speed": 0.6, "last_pass": 3, "last_pass_score": passes[2].score.score}
    same = [PassResult(0, 0.6, _judged(cues, [P] * 12), cues), PassResult(1, 0.9, _judged(cues, [P] * 12), cues),
            PassResult(2, 0.9, _judged(cues, [P] * 12), cues)]
    assert headline(same).best is same[2]  # a tie: the faster pass, then the later one
    assert headline([]) is None


def test_a_judgement_of_the_passes_together_is_found_in_its_pass():
    cues = make_chart().cues[:3]
    passes = [PassResult(0, 0.6, _judged(cues, [P, P, P]), cues), PassResult(1, 0.6, _judged(cues[:2], [G, M]), cues)]
    assert [pass_at(passes, i).number for i in range(5)] == [0, 0, 0, 1, 1]
    assert pass_at(passes, 5) is None and pass_at(passes, -1) is None and pass_at([], 0) is None


def test_a_pass_stopped_halfway_is_the_best_only_when_every_pass_was():
    cues = make_chart().cues[:4]
    whole = PassResult(0, 0.6, _judged(cues, [M] * 4), cues, verdict="same")
    stopped = PassResult(1, 0.6, _judged(cues[:1], [M]), cues, verdict="stopped")  # a tie at 0 points, later
    assert whole.score.score == stopped.score.score
    top = headline([whole, stopped])
    assert top.best is whole and top.last is stopped and top.as_dict()["best_pass"] == 1
    better_half = PassResult(1, 0.75, _judged(cues[:2], [P, P]), cues, verdict="stopped")
    assert headline([whole, better_half]).best is whole, "half a section is not the pass to lead with"
    assert headline([stopped]).best is stopped and headline([stopped, better_half]).best is better_half


def test_a_practice_stopped_before_any_move_keeps_nothing():
    chart = make_chart()
    empty = combined_session(chart, [], windows_for("normal"))
    assert recorded_plays(empty, type("Practice", (), {"passes": [], "speed": 0.75})()) == []
    passes = [PassResult(0, 0.6, (), chart.cues[:3], verdict="stopped")]
    assert recorded_plays(empty, type("Practice", (), {"passes": passes, "speed": 0.6})()) == []
