"""The chart model: frozen Song, Member, Chart and Cue values (and a song folder's SongEntry).

Loading lives elsewhere: game.chartfile reads a chart file, game.songfolder a song folder. By the
time a value here exists, beats are seconds (converted once, at load); nothing later does beat maths."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Mapping

from game.problems import Problem
from game.timing import TempoMap

DIFFICULTIES = ("easy", "normal", "hard")


@dataclass(frozen=True)
class Cue:
    """One move: hit `pose` at `time` (seconds into the audio), hold it until `end_time`."""

    index: int
    beat: float
    time: float
    pose: str
    hold_beats: float = 0.0
    end_time: float = 0.0
    gold: bool = False
    line: int | None = None
    at: str | float | None = None  # the position as the chart writes it ('at' or 'beat'), for reports

    @property
    def is_hold(self) -> bool:
        return self.hold_beats > 0


@dataclass(frozen=True)
class Chart:
    song_id: str
    member: str
    difficulty: str
    cues: tuple[Cue, ...]
    path: Path | None = None
    warnings: tuple[Problem, ...] = ()

    @cached_property
    def _times(self) -> tuple[list[float], list[float]]:
        """Cue start and end times (seconds); both sorted in a checked chart (a cue starts after the
        previous one's hold ends), so lookups per frame are bisections, not scans of the chart."""
        return [c.time for c in self.cues], [c.end_time for c in self.cues]

    def cues_between(self, start: float, end: float) -> tuple[Cue, ...]:
        """Cues on screen between song times `start` and `end` (s): still held at `start`, begun by `end`."""
        times, ends = self._times
        return self.cues[bisect.bisect_left(ends, start):bisect.bisect_right(times, end)]

    def next_cue(self, t: float) -> Cue | None:
        """The first cue not over at song time `t` (s), or None after the last."""
        i = bisect.bisect_left(self._times[1], t)
        return self.cues[i] if i < len(self.cues) else None


@dataclass(frozen=True)
class VideoRef:
    """A reference dance video (the coach) named in song.yaml: `name` as written on song.yaml's
    `line`, `path` the file found next to song.yaml (None when it is not there: the song still
    plays, `check` reports it), `offset` the song time in seconds at which the video's first
    frame plays (video time = song time - offset; negative when the video starts before the audio)."""

    name: str
    path: Path | None
    offset: float = 0.0
    line: int | None = None
    person: str | None = None  # which dancer of a group video is this member (video_person): their skeleton is drawn


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    colour: tuple[int, int, int]
    charts: Mapping[str, Chart]
    name_ko: str = ""
    part: str = ""
    part_ko: str = ""
    video: VideoRef | None = None  # this member's reference video: their own, else the song's
    problems: tuple[Problem, ...] = ()  # errors in this member's chart files: those charts are not in `charts`

    def display_name(self, language: str = "en") -> str:
        return self.name_ko if language == "ko" and self.name_ko else self.name

    def display_part(self, language: str = "en") -> str:
        return self.part_ko if language == "ko" and self.part_ko else self.part

    def default_difficulty(self) -> str:
        """The chart to offer first: normal when there is one, else the first listed."""
        return "normal" if "normal" in self.charts else next(iter(self.charts), "normal")


@dataclass(frozen=True)
class Song:
    id: str
    folder: Path
    title: str
    artist: str
    audio_path: Path
    tempo: TempoMap
    offset: float
    duration: float
    preview_start: float
    preview_length: float
    members: tuple[Member, ...]
    warnings: tuple[Problem, ...] = ()  # things the game reads as meant that other YAML tools may not
    video: VideoRef | None = None  # the song's reference video (members may have their own)

    @property
    def chart_problems(self) -> tuple[Problem, ...]:
        """Errors in the members' chart files: each makes only that member's chart unplayable."""
        return tuple(p for m in self.members for p in m.problems)

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)


@dataclass(frozen=True)
class SongEntry:
    """A folder in the songs directory: a playable song, the reasons it is broken, still loading, or
    `uncharted`: a song that loads but has no member yet (just imported by `song new`), shown with
    what to do next rather than as broken."""

    id: str
    folder: Path
    song: Song | None
    problems: tuple[Problem, ...] = ()
    loading: bool = False
    uncharted: Song | None = None
