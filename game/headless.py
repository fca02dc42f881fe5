"""Play a whole song with no window and no audio device, on a virtual clock, as fast as possible."""
from __future__ import annotations

from typing import Mapping

from game.chart import Chart
from game.clock import VirtualClock
from game.judge import HitRule, TimingWindows
from game.session import PlaySession, PredictionSource

STEP_S = 1 / 60


def play_headless(chart: Chart, source: PredictionSource, windows: TimingWindows, rule: HitRule = HitRule(),
                  lead_in_s: float = 2.0, targets: Mapping[str, Mapping[str, float]] | None = None) -> PlaySession:
    """Run the session frame by frame from before the first cue until every cue is decided.

    `targets` (pose id -> limb angles in degrees) lets the judge report per-limb closeness."""
    session = PlaySession(chart, windows, rule, targets=targets)
    start = chart.cues[0].time - lead_in_s if chart.cues else 0.0
    clock = VirtualClock(start=start, step=STEP_S)
    end = session.end_time()
    while not session.finished(clock.now()) and clock.now() <= end + 1.0:
        now = clock.tick()
        session.feed(source.predictions_until(now))
        session.update(now)
    return session
