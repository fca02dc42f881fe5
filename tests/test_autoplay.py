"""game/autoplay.py: the autoplayer holds each move around its beat, one move at a time."""
from __future__ import annotations

import pytest

from game.autoplay import HOLD_S, NONE, Autoplayer
from game.chart import Chart, Cue
from game.headless import play_headless
from game.judge import windows_for


def chart_of(times: list[float], holds: list[float] | None = None) -> Chart:
    holds = holds or [0.0] * len(times)
    cues = tuple(Cue(index=i, beat=float(i), time=t, pose=f"p{i}", hold_beats=h, end_time=t + h)
                 for i, (t, h) in enumerate(zip(times, holds)))
    return Chart("s", "ari", "normal", cues)


def test_each_pose_is_held_around_its_beat_and_nothing_between():
    player = Autoplayer(chart_of([1.0, 2.0, 3.0], [0.0, 0.5, 0.0]))
    half = HOLD_S / 2
    assert player.pose_at(1.0) == "p0" and player.pose_at(1.0 - half) == "p0" and player.pose_at(1.0 + half) == "p0"
    assert player.pose_at(1.0 + half + 0.01) == NONE and player.pose_at(0.0) == NONE
    assert player.pose_at(2.4) == "p1", "a hold is held to its end"
    assert player.pose_at(2.5 + half + 0.01) == NONE and player.pose_at(3.0) == "p2" and player.pose_at(9.0) == NONE


def test_overlapping_moves_keep_chart_order():
    """With a large timing error two stretches can overlap: the earlier cue keeps its time."""
    player = Autoplayer(chart_of([1.0, 1.1, 1.2]))
    assert player.pose_at(1.05) == "p0" and player.pose_at(1.0 + HOLD_S / 2 + 0.01) == "p1"
    assert player.pose_at(1.3) == "p2"


@pytest.mark.parametrize("jitter", [0.0, 40.0])
def test_a_long_chart_plays_through(jitter):
    """10,000 cues are in the benchmark (benchmarks/autoplay_scale.py); 500 here keep the suite quick."""
    chart = chart_of([1.0 + 0.5 * i for i in range(500)])
    session = play_headless(chart, Autoplayer(chart, jitter_ms=jitter, seed=1), windows_for("normal"))
    assert len(session.judgements) == 500
    if not jitter:
        assert session.score.full_combo


@pytest.mark.parametrize("seed", range(8))
def test_pose_at_is_the_earliest_cue_holding_that_moment(seed):
    """The same answer as checking every cue in chart order (what it replaces), on random charts
    with holds and with jitter large enough that stretches overlap and swap order."""
    import random

    rng = random.Random(seed)
    times, holds, t = [], [], 1.0
    for _ in range(60):
        holds.append(rng.choice([0.0, 0.0, 0.5, 1.0]))
        times.append(t)
        t += holds[-1] + rng.choice([0.25, 0.3, 0.5, 0.8])
    chart = chart_of(times, holds)
    player = Autoplayer(chart, jitter_ms=rng.choice([0.0, 50.0, 150.0, 300.0]), seed=seed)
    stretches = [(c.time + e - HOLD_S / 2, c.end_time + e + HOLD_S / 2, c.pose) for c, e in zip(chart.cues, player.errors)]

    def every_cue(moment: float) -> str:
        return next((pose for first, last, pose in stretches if first <= moment <= last), NONE)

    moments = [k / 30 for k in range(int(t * 30) + 60)] + [x for first, last, _ in stretches for x in (first, last)]
    assert [player.pose_at(m) for m in moments] == [every_cue(m) for m in moments]
