"""Practice passes: a chart slowed down, cut to a section of bars or one move, with a count-in.

Pure: the song's tempo map and offset are arguments. Times are on a *practice timeline* (seconds,
the clock the play scene and the judge see): a pass maps song time t to
`start + (t - from_song) / speed`, so chart times scale by 1/speed while the timing windows,
which live in the judge, stay in real milliseconds (a slow pass is not a lenient one)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from game.chart import Chart, Cue
from game.timing import TempoMap, parse_position


class SectionError(ValueError):
    """A section the chart cannot play; the message says what to type instead."""


@dataclass(frozen=True)
class Section:
    """Beats [start, end) of the song (end is where the loop jumps back); `only_cue` keeps one move."""

    start_beat: float
    end_beat: float
    label: str
    only_cue: int | None = None

    def holds(self, cue: Cue) -> bool:
        if self.only_cue is not None:
            return cue.index == self.only_cue
        return self.start_beat - 1e-9 <= cue.beat < self.end_beat - 1e-9


@dataclass(frozen=True)
class PracticePass:
    """One pass over a section: count-in clicks, then the music and the cues, all on the practice timeline (s).

    The music plays the *stretched* audio from `music_from_song / speed` seconds (the audio is
    stretched as a whole, so song time t sits at t / speed in it) starting at timeline `music_start`."""

    number: int  # from 0
    speed: float
    start: float  # the count-in's first click (or the music, without a count-in)
    clicks: tuple[float, ...]
    music_start: float
    music_from_song: float  # song seconds (original audio) heard at music_start
    end: float  # the last cue is decided by then and the section's music is over
    chart: Chart

    def song_time(self, t: float) -> float:
        """The song time (s, original audio) heard at timeline time t during this pass."""
        return self.music_from_song + (t - self.music_start) * self.speed


def whole_song(chart: Chart, tempo: TempoMap, offset: float) -> Section:
    """The whole chart as one section: from its first cue's bar to the end of its last cue."""
    if not chart.cues:
        raise SectionError(f"chart {chart.path or chart.member} has no cues")
    bar = tempo.beats_per_bar
    first = chart.cues[0].beat // bar * bar
    last = max(c.beat + c.hold_beats for c in chart.cues)
    return Section(first, last + 1e-6, "whole song")


def parse_section(text: str, chart: Chart, tempo: TempoMap) -> Section:
    """'BAR:BEAT-BAR:BEAT' (bars and beats from 1, the end excluded: "5:1-9:1" is bars 5 to 8)
    or 'BAR:BEAT' (the one move at that position, looped over the bars it spans).

    Raises SectionError naming the problem and the fix."""
    bar = tempo.beats_per_bar
    text = text.strip()
    first, dash, second = text.partition("-")
    try:
        start = parse_position(first, bar)
        end = parse_position(second, bar) if dash else None
    except ValueError as exc:
        raise SectionError(f"section '{text}': {exc}; write it like 5:1-9:1 (bars 5 to 8) or 5:1 (one move)") from None
    if end is None:
        cue = next((c for c in chart.cues if abs(c.beat - start) < 1e-6), None)
        if cue is None:
            near = ", ".join(_position(c.beat, bar) for c in sorted(chart.cues, key=lambda c: abs(c.beat - start))[:3])
            raise SectionError(f"section '{text}': no move starts there in {_name(chart)}; moves nearby: {near}")
        bar_start = cue.beat // bar * bar
        bar_end = max(bar_start + bar, -(-(cue.beat + cue.hold_beats - 1e-6) // bar) * bar)
        return Section(bar_start, bar_end, f"{cue.pose} at {_position(cue.beat, bar)}", only_cue=cue.index)
    if end <= start:
        raise SectionError(f"section '{text}': the end must come after the start (the end is where the loop jumps back)")
    section = Section(start, end, text)
    if not any(section.holds(c) for c in chart.cues):
        raise SectionError(f"section '{text}' holds no move of {_name(chart)}; its moves run from "
                           f"{_position(chart.cues[0].beat, bar)} to {_position(chart.cues[-1].beat, bar)}")
    return section


def _position(beat: float, beats_per_bar: int) -> str:
    return f"{int(beat // beats_per_bar) + 1}:{beat % beats_per_bar + 1:g}"


def _name(chart: Chart) -> str:
    return f"{chart.song_id}/{chart.member} ({chart.difficulty})"


def plan_pass(chart: Chart, tempo: TempoMap, offset: float, section: Section, speed: float, start: float,
              number: int = 0, count_in_beats: int | None = None, after_s: float = 1.0) -> PracticePass:
    """The pass that begins at timeline `start` (s): `count_in_beats` clicks (default: one bar; 0 for
    none) on the song's own beats before the section, the music from the count-in's first beat (or
    from 0 s if the song starts later), the section's cues at start + (t - t0) / speed.

    `after_s` (real seconds) keeps the pass going after its last cue so the judge can decide it."""
    if not 0 < speed <= 1.0 + 1e-9:
        raise SectionError(f"speed {speed:g} must be above 0 and at most 1 (100%)")
    count = tempo.beats_per_bar if count_in_beats is None else count_in_beats
    t0 = tempo.seconds_at(section.start_beat - count, offset)  # song seconds (may be before the audio)

    def timeline(t: float) -> float:
        return start + (t - t0) / speed

    clicks = tuple(timeline(tempo.seconds_at(section.start_beat - k, offset)) for k in range(count, 0, -1))
    cues = [c for c in chart.cues if section.holds(c)]
    moved = tuple(replace(c, index=i, time=timeline(c.time), end_time=timeline(c.end_time)) for i, c in enumerate(cues))
    music_from = max(0.0, t0)
    section_end = timeline(tempo.seconds_at(section.end_beat, offset))
    end = max([section_end] + [c.end_time + after_s for c in moved])
    return PracticePass(number=number, speed=speed, start=start, clicks=clicks, music_start=timeline(music_from),
                        music_from_song=music_from, end=end, chart=replace(chart, cues=moved))


def slowed(chart: Chart, speed: float) -> Chart:
    """The whole chart at `speed`: every cue time divided by the speed (the stretched audio from 0 s)."""
    if not 0 < speed <= 1.0 + 1e-9:
        raise SectionError(f"speed {speed:g} must be above 0 and at most 1 (100%)")
    return replace(chart, cues=tuple(replace(c, time=c.time / speed, end_time=c.end_time / speed) for c in chart.cues))
