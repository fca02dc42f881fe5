"""The replay's time maths: the span around a cue, slowed, looping with a still at the end."""
from __future__ import annotations

import pytest

from game.chart import Cue
from game.judge import TRACE_MARGIN, windows_for
from game.replay import BEFORE_S, END_STILL_S, SPEEDS, ReplayLoop, loop_for_cue, next_speed


def _cue(time: float) -> Cue:
    return Cue(index=0, beat=8.0, time=time, pose="wave", end_time=time)


@pytest.mark.parametrize("elapsed, shown", [
    (0.0, 9.0), (1.0, 9.5), (2.0, 10.0), (4.0, 11.0),  # half speed: 2 real s per song s
    (4.3, 11.0),  # the still at the end
    (4.0 + END_STILL_S, 9.0), (4.0 + END_STILL_S + 1.0, 9.5),  # and round again
    (-1.0, 9.0),
])
def test_a_slowed_loop_maps_real_time_to_song_time(elapsed, shown) -> None:
    loop = ReplayLoop(9.0, 11.0, 0.5)
    assert loop.song_time(elapsed) == pytest.approx(shown)
    assert loop.period == pytest.approx(4.0 + END_STILL_S)


def test_a_new_speed_keeps_the_same_moment_on_screen() -> None:
    loop = ReplayLoop(9.0, 11.0, 0.5)
    quarter, elapsed = loop.at_speed(0.25, 1.0)
    assert quarter.song_time(elapsed) == pytest.approx(9.5) and quarter.speed == 0.25
    assert quarter.song_time(elapsed + 1.0) == pytest.approx(9.75)
    assert loop.elapsed_for(10.0) == pytest.approx(2.0) and loop.share(10.0) == pytest.approx(0.5)


def test_the_span_covers_a_second_each_side_or_the_whole_trace() -> None:
    normal, easy = windows_for("normal"), windows_for("easy", 1.5)
    tap = loop_for_cue(_cue(20.0), normal)
    assert (tap.start, tap.end) == pytest.approx((20.0 - BEFORE_S, 20.0 + BEFORE_S))
    wide = loop_for_cue(_cue(20.0), easy)
    reach = easy.good + TRACE_MARGIN
    assert reach > BEFORE_S and (wide.start, wide.end) == pytest.approx((20.0 - reach, 20.0 + reach))


def test_speeds_step_and_stop_at_the_ends() -> None:
    assert next_speed(0.5, -1) == 0.25 and next_speed(0.5, 1) == 1.0
    assert next_speed(SPEEDS[0], -1) == SPEEDS[0] and next_speed(SPEEDS[-1], 1) == SPEEDS[-1]
    assert max(SPEEDS[:-1]) <= 0.5 and min(SPEEDS) >= 0.25


def test_a_step_mode_match_long_after_the_beat_is_inside_the_loop() -> None:
    from game.replay import AFTER_S, MAX_SPAN_S

    normal = windows_for("normal")
    timed = loop_for_cue(_cue(20.0), normal, offset=normal.good)  # a timed hit: the span is unchanged
    assert (timed.start, timed.end) == pytest.approx((20.0 - BEFORE_S, 20.0 + BEFORE_S))
    waited = loop_for_cue(_cue(20.0), normal, offset=3.0)  # the song waited 3 s for the pose
    assert (waited.start, waited.end) == pytest.approx((20.0 - BEFORE_S, 23.0 + AFTER_S))
    long = loop_for_cue(_cue(20.0), normal, offset=30.0)  # ends on the match, never a 30 s loop
    assert (long.start, long.end) == pytest.approx((51.0 - MAX_SPAN_S, 51.0))
