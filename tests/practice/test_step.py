"""Step mode: the song waits on each move until the player is in the pose, by the judge's own rule."""
import pytest

from game.chart import Chart, Cue
from game.judge import Grade, HitRule, Prediction, TimingWindows
from game.practice.step import StepSession

W = TimingWindows()
RULE = HitRule()
FPS = 30


def chart(*times, pose="heart") -> Chart:
    return Chart("song", "ari", "normal", tuple(Cue(index=i, beat=2 * i, time=t, pose=pose, end_time=t) for i, t in enumerate(times)))


def drive(session: StepSession, pose_at, until: float, step: float = 1 / 60) -> list[tuple[float, float]]:
    """Run the session on a virtual clock; pose_at(t, session) says what the camera sees at t.
    Returns (game time, song time) per tick."""
    frame, now, trace = round(8.0 * FPS), 8.0, []
    while now < until and not session.finished():
        now += step
        new = []
        while frame / FPS <= now:
            t = frame / FPS
            new.append(Prediction(t=t, probs={pose_at(t, session): 0.95}))
            frame += 1
        session.feed(new)
        session.update(now)
        trace.append((now, session.song_time(now)))
    return trace


def in_pose_from(start: float, end: float = 99.0, pose: str = "heart"):
    return lambda t, s: pose if start <= t <= end else "none"


def test_held_through_the_beat_is_perfect_and_the_song_never_stops():
    s = StepSession(chart(10.0, 12.0), W, RULE)
    trace = drive(s, lambda t, _: "heart" if abs(t - 10.0) <= 0.2 or abs(t - 12.0) <= 0.2 else "none", 14.0)
    assert [r.judgement.grade for r in s.results] == [Grade.PERFECT, Grade.PERFECT]
    assert all(r.waited == 0.0 and r.matched for r in s.results)
    assert all(abs(song - game) < 1e-9 for game, song in trace)


def test_a_late_move_freezes_the_song_on_the_beat_then_it_goes_on_from_there():
    s = StepSession(chart(10.0, 12.0), W, RULE)
    trace = drive(s, in_pose_from(10.5), 10.45)
    assert s.waiting_since == pytest.approx(10.0, abs=0.02) and s.current.index == 0
    assert s.song_time(10.45) == 10.0  # the music waits on the beat
    drive(s, in_pose_from(10.5), 11.0)
    first = s.results[0]
    assert first.matched and first.judgement.offset == pytest.approx(0.5, abs=0.034)
    assert first.judgement.grade is Grade.MISS  # matched, but not on time: the grade tells the truth
    assert first.waited == pytest.approx(0.5 + RULE.stable_seconds, abs=0.05)
    # the next beat comes 2 s of song after the resume, not at 12.0
    assert s.song_time(11.0) == pytest.approx(10.0 + 11.0 - (10.0 + first.waited), abs=0.02)


def test_a_little_late_is_graded_like_the_judge():
    s = StepSession(chart(10.0), W, RULE)
    drive(s, in_pose_from(10.15, 10.5), 11.0)
    assert s.results[0].judgement.grade is Grade.GREAT and s.results[0].judgement.offset == pytest.approx(0.15, abs=0.034)


def test_early_and_left_within_the_window_counts_at_once():
    s = StepSession(chart(10.0), W, RULE)
    drive(s, in_pose_from(9.6, 9.85), 10.1)
    assert s.finished() and s.results[0].judgement.grade is Grade.GREAT and s.results[0].waited == 0.0


def test_a_wrong_pose_or_a_flicker_never_matches():
    s = StepSession(chart(10.0), W, HitRule(stable_seconds=0.1))
    drive(s, lambda t, _: "point" if t < 11 else ("heart" if round(t * FPS) % 5 == 0 else "none"), 13.0)
    assert not s.results and s.waiting_since == pytest.approx(10.0, abs=0.02)
    skipped = s.skip(13.0)
    assert skipped.judgement.grade is Grade.MISS and not skipped.matched and s.finished()


def test_skip_is_only_for_a_move_being_waited_on():
    s = StepSession(chart(10.0), W, RULE)
    assert s.skip(9.0) is None and s.current.index == 0


def test_score_is_the_reducer_over_step_judgements():
    s = StepSession(chart(10.0, 12.0, 14.0), W, RULE)
    drive(s, lambda t, _: "heart" if min(abs(t - b) for b in (10.0, 12.0, 14.0)) <= 0.2 else "none", 16.0)
    assert s.score.counts[Grade.PERFECT] == 3 and s.score.score == 1_000_000


def test_frames_still_on_their_way_do_not_stop_the_song_when_it_settles_for_them():
    """In the window frames arrive ~50 ms after capture: checked at the beat itself, a pose held
    through it looks unfinished; checked settle_s later, it is a Perfect and the song never stops."""
    latency = 0.05
    pose_at = lambda t: "heart" if abs(t - 10.0) <= 0.1 or abs(t - 12.0) <= 0.1 else "none"
    for settle, stops in ((0.0, True), (latency, False)):
        s = StepSession(chart(10.0, 12.0), W, HitRule(stable_seconds=0.1), settle_s=settle)
        now, frame, froze = 8.0, round(8.0 * FPS), False
        while not s.finished() and now < 14.0:
            now += 1 / 60
            new = []
            while frame / FPS <= now - latency:
                new.append(Prediction(t=frame / FPS, probs={pose_at(frame / FPS): 0.95}))
                frame += 1
            s.feed(new)
            s.update(now)
            froze |= s.waiting_since is not None
        assert froze is stops
        assert [r.judgement.grade for r in s.results] == [Grade.PERFECT, Grade.PERFECT]
