"""Which moment of a song a replay shows, and how slowly: pure time maths for game/scenes/replay.py.

A replay loops the moment around one cue: from BEFORE_S before its beat to AFTER_S after its end
(wider when the cue's Good window plus the judge's trace margin is wider, so the probability trace
and the skeleton cover the same span), played at a fraction of real speed, with a short still at
the end of each pass. The scene drives it with the frame's dt (real seconds), never the wall
clock, so tests step it virtually."""
from __future__ import annotations

from dataclasses import dataclass

from game.chart import Cue
from game.judge import TRACE_MARGIN, TimingWindows

SPEEDS = (0.25, 0.5, 1.0)  # replay speeds the player steps through (1.0 = as danced)
DEFAULT_SPEED = 0.5
BEFORE_S = 1.0  # song seconds shown before the beat, at least
AFTER_S = 1.0  # song seconds shown after the cue's end, at least
END_STILL_S = 0.6  # real seconds the last moment stays before the loop starts again
MAX_SPAN_S = 8.0  # song seconds at most in a loop that reaches a late match (step mode waited for the pose)


@dataclass(frozen=True)
class ReplayLoop:
    """The span [start, end] (song s) played at `speed` (× real time), then still for `still_s` (real s)."""

    start: float
    end: float
    speed: float = DEFAULT_SPEED
    still_s: float = END_STILL_S

    @property
    def period(self) -> float:
        """Real seconds per pass, the still included."""
        return (self.end - self.start) / self.speed + self.still_s

    def song_time(self, elapsed: float) -> float:
        """Song time (s) shown `elapsed` real seconds after the loop began (looping, never past end)."""
        into = max(elapsed, 0.0) % self.period
        return min(self.end, self.start + into * self.speed)

    def share(self, t: float) -> float:
        """Where song time t is in the span, 0..1 (for a progress bar)."""
        return min(max((t - self.start) / max(self.end - self.start, 1e-9), 0.0), 1.0)

    def elapsed_for(self, t: float) -> float:
        """The real seconds into a pass at which song time t shows (the inverse of song_time)."""
        return (min(max(t, self.start), self.end) - self.start) / self.speed

    def at_speed(self, speed: float, elapsed: float) -> tuple["ReplayLoop", float]:
        """The same loop at another speed, and the elapsed time that keeps the same moment on screen."""
        t = self.song_time(elapsed)
        loop = ReplayLoop(self.start, self.end, speed, self.still_s)
        return loop, loop.elapsed_for(t)


def loop_for_cue(cue: Cue, windows: TimingWindows, speed: float = DEFAULT_SPEED, offset: float | None = None) -> ReplayLoop:
    """The replay span of one cue: BEFORE_S before its beat to AFTER_S after its end, or the Good
    window plus the judge's TRACE_MARGIN when that is wider (easy charts).

    `offset` (s, the judgement's): a match later than the Good window (step mode, where the song
    waited on the beat until the player was in the pose) stretches the span to AFTER_S past the match, so the
    replay shows the moment the pose was made; at most MAX_SPAN_S long (then it ends on the match)."""
    reach = windows.good + TRACE_MARGIN
    start, end = cue.time - max(BEFORE_S, reach), cue.end_time + max(AFTER_S, reach)
    if offset is not None and offset > reach:  # past any timing window: only step mode matches so late
        end = max(end, cue.time + offset + AFTER_S)
        start = max(start, end - MAX_SPAN_S)
    return ReplayLoop(start, end, speed)


def next_speed(speed: float, step: int) -> float:
    """The speed `step` places along SPEEDS from the nearest one (clamped at the ends)."""
    i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - speed))
    return SPEEDS[max(0, min(len(SPEEDS) - 1, i + step))]
