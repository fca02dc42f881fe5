"""One clock, read once per frame. In play it follows the music; in tests it is virtual.

pygame's mixer.music.get_pos() counts from play() ignoring any start offset, returns -1 when
stopped, and only moves when the mixer refills its buffer (every ~10-40 ms). MusicClock wraps
that: time before the music (the countdown) runs on the wall clock, and between mixer updates
the position is extrapolated and gently pulled toward the mixer (never backwards)."""
from __future__ import annotations

import time
from typing import Callable, Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Song time in seconds (audio position plus the player's audio offset)."""


class ManualClock:
    """A clock tests set by hand."""

    def __init__(self, t: float = 0.0):
        self.t = t

    def now(self) -> float:
        return self.t

    def set(self, t: float) -> None:
        self.t = t


class VirtualClock:
    """Advances a fixed step per frame, as fast as the machine allows (headless play)."""

    def __init__(self, start: float = 0.0, step: float = 1 / 60):
        self.t = start
        self.step = step

    def now(self) -> float:
        return self.t

    def tick(self) -> float:
        self.t += self.step
        return self.t


class MusicClock:
    """Follows the music position reported by `position()` (seconds, or None when not playing).

    `audio_offset_s` is the player's calibration: positive when their speakers lag.
    Before the music starts, time counts up from -lead_in_s on the wall clock."""

    SMOOTHING = 0.1  # share of the error corrected per frame
    SNAP_S = 0.25  # errors larger than this (seek, stall) are taken at once

    def __init__(self, position: Callable[[], float | None], audio_offset_s: float = 0.0, lead_in_s: float = 0.0,
                 wall: Callable[[], float] = time.perf_counter):
        self._position = position
        self._offset = audio_offset_s
        self._wall = wall
        self._t0 = wall() + lead_in_s  # wall time at which song time 0 plays
        self._smoothed: float | None = None
        self._last_wall = wall()
        self._paused = False
        self._reported: float | None = None  # last distinct mixer position, and when it was first seen
        self._reported_wall = 0.0
        self._lead: float | None = None  # estimate of (music position - wall time)

    def now(self) -> float:
        w = self._wall()
        music = self._extrapolated(w)
        if self._paused:
            self._last_wall = w
            return self._smoothed - self._offset
        if music is None:
            t = w - self._t0 if self._smoothed is None else self._smoothed + (w - self._last_wall)
        else:
            predicted = (self._smoothed if self._smoothed is not None else music) + (w - self._last_wall)
            error = music - predicted
            t = music if abs(error) > self.SNAP_S else predicted + error * self.SMOOTHING
            if self._smoothed is not None:
                t = max(t, self._smoothed)  # never run backwards
        self._smoothed, self._last_wall = t, w
        return t - self._offset

    LEAD_DECAY = 0.002  # s per s: lets the estimate follow a mixer that runs slower than the wall clock

    def _extrapolated(self, w: float) -> float | None:
        """Music position now. The mixer's report is seen up to a frame after it happened, so
        each sighting only bounds (position - wall) from below; the best recent bound is the estimate."""
        music = self._position()
        if music is None:
            self._reported = self._lead = None
            return None
        if music != self._reported:
            bound = music - w
            if self._lead is None or abs(bound - self._lead) > self.SNAP_S:
                self._lead = bound  # first report, or a seek
            else:
                self._lead = max(bound, self._lead - self.LEAD_DECAY * (w - self._reported_wall))
            self._reported, self._reported_wall = music, w
        return w + self._lead

    def pause(self) -> None:
        self.now()  # take the reading we freeze at
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        self._last_wall = self._wall()
        self._reported = self._lead = None  # the mixer was paused too: estimate afresh
