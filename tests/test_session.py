"""A whole chart played through PlaySession by the autoplayer, on a virtual clock."""
import math
from statistics import NormalDist

import pytest

from game.autoplay import HOLD_S, Autoplayer
from game.chart import Chart, Cue
from game.headless import play_headless
from game.judge import Grade, Prediction, TimingWindows
from game.session import MoveStats, PlaySession, summary

W = TimingWindows()


def chart(n: int = 200, gap: float = 1.0, hold_every: int = 0) -> Chart:
    cues = []
    for i in range(n):
        t = 5.0 + i * gap
        hold = hold_every and i % hold_every == 0
        cues.append(Cue(index=i, beat=i * 2, time=t, pose=("a", "b", "c")[i % 3], hold_beats=1.0 if hold else 0.0,
                        end_time=t + (0.5 if hold else 0.0)))
    return Chart("song", "ari", "normal", tuple(cues))


def test_autoplay_hits_every_cue_perfectly():
    c = chart(60, hold_every=4)
    s = play_headless(c, Autoplayer(c), W).score
    assert s.counts[Grade.PERFECT] == 60 and s.score == 1_000_000 and s.full_combo


def expected_shares(jitter_ms: float) -> dict[Grade, float]:
    """The autoplay model: judged |offset| = max(0, |e| - HOLD_S/2) with e ~ N(0, jitter), within a frame."""
    nd = NormalDist(0, jitter_ms / 1000)
    within = lambda w: 2 * nd.cdf(w + HOLD_S / 2) - 1
    return {Grade.PERFECT: within(W.perfect), Grade.GREAT: within(W.great) - within(W.perfect),
            Grade.GOOD: within(W.good) - within(W.great), Grade.MISS: 1 - within(W.good)}


@pytest.mark.parametrize("jitter", [60, 150, 300])
def test_jitter_spreads_grades_the_way_the_windows_say(jitter):
    c = chart(400, gap=0.8)
    counts = play_headless(c, Autoplayer(c, jitter_ms=jitter, seed=7), W).score.counts
    for grade, share in expected_shares(jitter).items():
        assert counts[grade] / 400 == pytest.approx(share, abs=0.06), (grade, counts)


def test_more_jitter_scores_less():
    c = chart(120, gap=0.8)
    scores = [play_headless(c, Autoplayer(c, jitter_ms=j, seed=1), W).score.score for j in (0, 80, 200, 400)]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1_000_000 and scores[-1] < 600_000


def test_same_seed_same_result():
    c = chart(50)
    a = summary(play_headless(c, Autoplayer(c, jitter_ms=150, seed=3), W), "song")
    b = summary(play_headless(c, Autoplayer(c, jitter_ms=150, seed=3), W), "song")
    assert a == b and set(a) >= {"song", "member", "difficulty", "cues", "score", "max_combo", "accuracy", "grade", "judgements"}


def test_events_arrive_as_time_passes_and_each_cue_once():
    c = chart(10)
    session, player = PlaySession(c, W), Autoplayer(c)
    seen = []
    t = 0.0
    while t < 20:
        t += 1 / 60
        session.feed(player.predictions_until(t))
        for event in session.update(t):
            if hasattr(event, "grade"):
                seen.append((event.cue.index, t))
    assert [i for i, _ in seen] == list(range(10))
    assert all(t_seen - c.cues[i].time < 0.2 for i, t_seen in seen)  # a held-through Perfect is shown at once


def test_worst_moves_and_offsets():
    c = chart(9)
    preds = []
    for cue in c.cues:  # the player never does pose "c", is 150 ms late on "b", holds "a" through its beats
        late = 0.15 if cue.pose == "b" else 0.0
        if cue.pose != "c":
            preds += [Prediction(cue.time + late + k / 30, {cue.pose: 1.0}) for k in range(6)]
    session = PlaySession(c, W)
    session.feed(preds)
    session.update(math.inf)
    worst = session.worst_moves()
    assert [m.pose for m in worst] == ["c", "b"]
    per_pose = sum(cue.pose == "c" for cue in c.cues)
    assert worst[0] == MoveStats("c", 0.0, 0, per_pose), "never done: no points, no hits"
    assert 0.0 < worst[1].points < 1.0 and worst[1].hits == worst[1].total
    assert "a" not in [m.pose for m in worst], "a move hit Perfect every time is not listed"
    assert worst[0].problems() == [("missed_n", per_pose)], "said by what went wrong"
    assert worst[1].problems() == [("late_n", worst[1].total)] and worst[1].misses == 0
    assert summary(session, "song")["worst_moves"] == ["c", "b"], "the JSON summary keeps pose ids"
    offsets = session.offsets()
    assert sorted({round(o, 2) for _, o, _ in offsets}) == [0.0, 0.15]
    assert {key for _, o, key in offsets if round(o, 2) == 0.0} == {"perfect"}
    assert {key for _, o, key in offsets if round(o, 2) == 0.15} <= {"great", "good"}


def _nudges(motion_at) -> list[float]:
    """Song times of "keep moving" nudges over 10 s of frames at 30 fps whose motion is motion_at(t)."""
    session = PlaySession(chart(10), W, messages={"move": (("Keep moving!", "계속 움직여요!"),)})
    times = []
    for k in range(300):
        t = k / 30
        session.feed([Prediction(t, {"none": 1.0}, motion=motion_at(t))])
        times += [t for e in session.update(t) if getattr(e, "key", None) == "move"]
    return times


def test_stopped_moving_nudge_comes_from_motion():
    from game.cheers import STILL_SECONDS

    still = _nudges(lambda t: 0.0)
    assert still and still[0] == pytest.approx(STILL_SECONDS, abs=0.05)  # after standing still that long, not before


def test_moving_suppresses_the_nudge():
    from game.cheers import STILL_SECONDS

    assert _nudges(lambda t: 1.0) == []  # a dancer who moves all song is never nudged (a timer would nudge)
    # still for 2.5 s at a time, with a moment of motion between: never still for STILL_SECONDS in a row
    assert _nudges(lambda t: 1.0 if t % 2.6 > 2.5 else 0.0) == []
    # the stillness counts again from the last motion: a nudge only 3 s after it
    late = _nudges(lambda t: 1.0 if t < 4.0 else 0.0)
    assert late and late[0] == pytest.approx(4.0 + STILL_SECONDS, abs=0.05)


def test_per_cue_says_for_every_cue_what_was_asked_and_what_was_seen():
    cues = (Cue(index=0, beat=4, time=5.0, pose="a", end_time=5.0, at="2:1"),
            Cue(index=1, beat=8, time=7.0, pose="b", hold_beats=1.0, end_time=7.5, at=8),
            Cue(index=2, beat=12, time=9.0, pose="c", end_time=9.0, at="4:1"))
    c = Chart("song", "ari", "normal", cues)
    preds = [Prediction(5.1 + k / 30, {"a": 0.8}, angles={"left_upper_arm": 30.0}) for k in range(3)]  # 100 ms late
    preds += [Prediction(6.9 + k / 30, {"b": 0.95}) for k in range(25)]
    preds += [Prediction(8.8 + k / 30, {"c": 0.3, "a": 0.7}) for k in range(12)]  # 'a' where 'c' was asked
    session = PlaySession(c, W, targets={"a": {"left_upper_arm": 50.0}})
    session.feed(preds)
    session.update(math.inf)
    rows = summary(session, "song")["per_cue"]
    assert [r["index"] for r in rows] == [0, 1, 2]
    assert rows[0] == {"index": 0, "at": "2:1", "time": 5.0, "pose": "a", "grade": "perfect", "offset_ms": 100.0,
                       "peak_prob": 0.8, "seen": "a", "limb_error_deg": 20.0}
    assert rows[1]["at"] == 8 and rows[1]["grade"] == "perfect" and rows[1]["held"] == pytest.approx(1.0, abs=0.05)
    assert rows[2] == {"index": 2, "at": "4:1", "time": 9.0, "pose": "c", "grade": "miss", "offset_ms": None,
                       "peak_prob": 0.3, "seen": "a", "why": "never_reached"}


def test_the_worker_judges_as_it_predicts_and_the_scene_gets_each_event_once():
    """take() on the worker side decides a cue the moment the deciding frame is made; the scene's own
    feed of the same frames (same capture times) adds nothing twice."""
    c = chart(3)
    player = Autoplayer(c)
    session = PlaySession(c, W)
    events, t = [], 0.0
    while t < 12:
        t += 1 / 30
        made = player.predictions_until(t)
        session.take(made, t)  # worker thread, at the time the frames were made
        assert len(session.judgements) == len({j.cue.index for j in session.judgements})
        session.feed(made)  # the scene hands in the same frames on its next drawn frame
        assert len(session._predictions) == len({p.t for p in session._predictions})
        events += [e for e in session.update(t + 1 / 120) if hasattr(e, "grade")]
    assert [e.cue.index for e in events] == [0, 1, 2]
    assert all(e.grade is Grade.PERFECT for e in events)
    assert all(at - cue.time < 0.1 for at, cue in zip(session.judged_at, c.cues))


def test_nothing_to_practise_after_a_perfect_play():
    c = chart(9)
    preds = [Prediction(cue.time + k / 30, {cue.pose: 1.0}) for cue in c.cues for k in range(-3, 4)]
    session = PlaySession(c, W)
    session.feed(preds)
    session.update(math.inf)
    assert session.worst_moves() == [] and summary(session, "song")["worst_moves"] == []


def test_one_miss_needs_practice_but_a_mostly_perfect_move_does_not():
    from game.session import MoveStats

    assert MoveStats("x", 0.9, 9, 10).needs_practice, "missed once"
    assert not MoveStats("x", 0.94, 10, 10, late=2).needs_practice, "8 Perfect, 2 Great"
    assert MoveStats("x", 0.7, 10, 10, early=10).needs_practice, "all Great is well below Perfect"
    assert MoveStats("x", 0.5, 8, 10, late=1, early=3).problems() == [("missed_n", 2), ("early_n", 3), ("late_n", 1)]
