"""Beats <-> seconds with tempo changes and stops. Pure: the song offset is an argument."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class TempoChange:
    beat: float
    bpm: float


@dataclass(frozen=True)
class Stop:
    beat: float
    seconds: float


@dataclass(frozen=True)
class TempoMap:
    """A song's tempo: the bpm at beat 0, later changes, and stops (pauses at a beat)."""

    bpm: float
    beats_per_bar: int = 4
    changes: tuple[TempoChange, ...] = ()
    stops: tuple[Stop, ...] = ()

    @cached_property
    def _segments(self) -> list[tuple[float, float, float]]:
        """(start beat, start seconds ignoring stops, bpm) per constant-tempo stretch (computed once:
        the play screen asks for the beat every frame)."""
        segments = [(0.0, 0.0, self.bpm)]
        for change in sorted(self.changes, key=lambda c: c.beat):
            beat0, sec0, bpm0 = segments[-1]
            segments.append((change.beat, sec0 + (change.beat - beat0) * 60.0 / bpm0, change.bpm))
        return segments

    @cached_property
    def _segment_beats(self) -> list[float]:
        return [s[0] for s in self._segments]

    @cached_property
    def _segment_seconds(self) -> list[float]:
        return [s[1] for s in self._segments]

    @cached_property
    def _stops(self) -> tuple[list[float], list[float], list[float]]:
        """Stops in beat order: their beats, the seconds paused before each (prefix sums), and the
        time each starts (with earlier stops), so both directions are bisections, not loops."""
        ordered = sorted(self.stops, key=lambda s: s.beat)
        beats = [s.beat for s in ordered]
        before = [0.0]
        for stop in ordered:
            before.append(before[-1] + stop.seconds)
        starts = [self._plain_seconds(b) + before[i] for i, b in enumerate(beats)]
        return beats, before, starts

    def _plain_seconds(self, beat: float) -> float:
        """Seconds from beat 0 to `beat` ignoring stops."""
        index = max(bisect.bisect_right(self._segment_beats, beat) - 1, 0)
        beat0, sec0, bpm = self._segments[index]
        return sec0 + (beat - beat0) * 60.0 / bpm

    def seconds_at(self, beat: float, offset: float = 0.0) -> float:
        """Seconds into the audio at which `beat` plays. A stop at beat b delays beats after b.
        O(log(changes + stops)): charts convert every cue, the play screen asks every frame."""
        beats, before, _ = self._stops
        return offset + self._plain_seconds(beat) + before[bisect.bisect_left(beats, beat)]

    def beat_at(self, seconds: float, offset: float = 0.0) -> float:
        """The beat playing at `seconds` into the audio (held constant during a stop)."""
        t = seconds - offset
        beats, before, starts = self._stops
        i = bisect.bisect_right(starts, t)  # stops that started at or before t
        if i and t < starts[i - 1] + (before[i] - before[i - 1]):
            return beats[i - 1]
        t -= before[i]
        index = max(bisect.bisect_right(self._segment_seconds, t) - 1, 0)
        beat0, sec0, bpm = self._segments[index]
        return beat0 + (t - sec0) * bpm / 60.0

    def bpm_range(self) -> tuple[float, float]:
        values = [self.bpm] + [c.bpm for c in self.changes]
        return min(values), max(values)


def parse_position(value: object, beats_per_bar: int) -> float:
    """'bar:beat' (both counted from 1) or a beat number (from 0) -> beat from 0.

    Raises ValueError with words an author understands."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a position")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    bar, sep, beat = text.partition(":")
    if not sep:
        raise ValueError(f"'{text}' is not of the form \"bar:beat\" (like \"3:1\")")
    try:
        bar_n, beat_n = int(bar), float(beat)
    except ValueError:
        raise ValueError(f"'{text}' is not of the form \"bar:beat\" (like \"3:1\" or \"3:2.5\")") from None
    if bar_n < 1 or not 1 <= beat_n < beats_per_bar + 1:
        raise ValueError(f"'{text}': bars count from 1 and beats from 1 to {beats_per_bar}")
    return (bar_n - 1) * beats_per_bar + (beat_n - 1)
