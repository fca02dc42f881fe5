"""Songs and charts: YAML -> frozen Song/Chart/Cue objects, with file:line validation.

Beats become seconds once, here, at load (through game.timing); nothing later does beat maths."""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Sequence

from game.audiofile import AudioFileError, PlayableAudio, playable_audio
from game.palette import WRONG_LIMB_COLOUR
from game.poselib import PoseLibrary
from game.problems import Problem, ProblemsError, did_you_mean, in_file_order
from game.schema import ID, validate
from game.timing import Stop, TempoChange, TempoMap, parse_position
from game.yamlio import line_of, load_yaml

DIFFICULTIES = ("easy", "normal", "hard")
MIN_CUE_GAP_S = 0.25
MAX_CUES = 10_000  # a ten-minute song at four moves a second has 2,400
CHART_MAX_BYTES, CHART_MAX_NODES = 2_000_000, 250_000  # a 10,000-cue chart: ~400 kB, ~40,000 values
SONG_MAX_BYTES, SONG_MAX_NODES = 200_000, 20_000
SONG_FILE = "song.yaml"
NO_CHART_YET = "no chart yet: add a member and their chart to song.yaml (see docs/charts.md) to dance this song"

_CHART_FILE = {"type": "string", "minLength": 1, "maxLength": 255}
VIDEO_PERSON_PATTERN = "^(?i:left|centre|center|middle|right|[1-9][0-9]?)$"  # chart from-video's --person
_TEXT = {"type": "string", "minLength": 1, "maxLength": 200}  # drawn every frame: a line, not a page
SONG_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["title", "artist", "audio", "tempo", "members"],
    "properties": {
        "title": _TEXT,
        "artist": _TEXT,
        "audio": _CHART_FILE,
        "offset": {"type": "number"},
        "tempo": {"type": "object", "additionalProperties": False, "required": ["bpm"], "properties": {
            "bpm": {"type": "number", "minimum": 20, "maximum": 400, "unit": "beats per minute"},
            "beats_per_bar": {"type": "integer", "minimum": 1, "maximum": 16},
            "changes": {"type": "array", "maxItems": 1000, "items": {"type": "object", "additionalProperties": False,
                                                   "required": ["beat", "bpm"], "properties": {
                "beat": {"type": "number", "exclusiveMinimum": 0, "unit": "beats"},
                "bpm": {"type": "number", "minimum": 20, "maximum": 400, "unit": "beats per minute"}}}},
            "stops": {"type": "array", "maxItems": 1000, "items": {"type": "object", "additionalProperties": False,
                                                 "required": ["beat", "seconds"], "properties": {
                "beat": {"type": "number", "minimum": 0, "unit": "beats"},
                "seconds": {"type": "number", "exclusiveMinimum": 0, "maximum": 30, "unit": "seconds"}}}}}},
        "video": _CHART_FILE,
        "video_offset": {"type": "number", "minimum": -3600, "maximum": 3600, "unit": "seconds"},
        "preview": {"type": "object", "additionalProperties": False, "required": ["start"], "properties": {
            "start": {"type": "number", "minimum": 0, "unit": "seconds"},
            "length": {"type": "number", "exclusiveMinimum": 0, "unit": "seconds"}}},
        "members": {"type": "array", "items": {  # empty: a song just imported, no chart yet
            "type": "object", "additionalProperties": False, "required": ["id", "name", "colour"],
            "properties": {
                "id": ID, "name": _TEXT, "name_ko": {"type": "string", "maxLength": 200},
                "colour": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "description": "a colour like \"#ff5fa2\" (in quotes)"},
                "part": {"type": "string", "maxLength": 200}, "part_ko": {"type": "string", "maxLength": 200},
                "video": _CHART_FILE, "video_offset": {"type": "number", "minimum": -3600, "maximum": 3600, "unit": "seconds"},
                "video_person": {"type": ["string", "integer"], "pattern": VIDEO_PERSON_PATTERN, "minimum": 1, "maximum": 99,
                                 "description": "left, centre, right or the dancer's number from the left (1, 2, ...)"},
                "chart": _CHART_FILE,
                "charts": {"type": "object", "minProperties": 1, "additionalProperties": False,
                           "properties": {d: _CHART_FILE for d in DIFFICULTIES}}}}},
    },
}
CHART_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["member", "cues"],
    "properties": {
        "member": {"type": "string"},
        "difficulty": {"enum": list(DIFFICULTIES)},
        "cues": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["pose"],
            "properties": {
                "at": {"type": ["string", "number"]}, "beat": {"type": "number", "minimum": 0, "unit": "beats"},
                "pose": {"type": "string"}, "hold": {"type": "number", "exclusiveMinimum": 0, "unit": "beats"},
                "gold": {"type": "boolean"}}}},
    },
}


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


def find_file(folder: Path, name: str) -> Path | None:
    """The file `name` in `folder` as any system wrote it: exact, else the one whose name is the same
    after Unicode NFC normalisation (macOS writes Hangul decomposed, NFD), else the one name that
    differs only in case (written on Windows, where case does not matter). None when absent."""
    exact = folder / name
    if exact.is_file():
        return exact
    if not folder.is_dir() or "/" in name or "\\" in name:
        return None
    want = unicodedata.normalize("NFC", name)
    files = [p for p in folder.iterdir() if p.is_file()]
    same = [p for p in files if unicodedata.normalize("NFC", p.name) == want]
    if not same:
        same = [p for p in files if unicodedata.normalize("NFC", p.name).casefold() == want.casefold()]
    return same[0] if len(same) == 1 else None


def _colour(text: str) -> tuple[int, int, int]:
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


RESERVED_DISTANCE = 80.0  # RGB distance under which a member colour reads as that red


def reserved_colour_problem(colour: tuple[int, int, int]) -> str | None:
    """Why a member colour cannot be used (too close to the wrong-limb red), or None."""
    distance = sum((a - b) ** 2 for a, b in zip(colour, WRONG_LIMB_COLOUR)) ** 0.5
    if distance >= RESERVED_DISTANCE:
        return None
    return ("colour {:s} is too close to the red the game draws wrong limbs in (#ff2020); "
            "choose another, e.g. \"#ff5fa2\" or \"#ff7043\"").format("#%02x%02x%02x" % colour)


def _tempo(data: Mapping[str, Any], path: Path, problems: list[Problem]) -> TempoMap:
    changes = data.get("changes", [])
    stops = data.get("stops", [])
    for items, what in ((changes, "tempo changes"), (stops, "stops")):
        beats = [item["beat"] for item in items]
        for i in range(1, len(beats)):
            if beats[i] <= beats[i - 1]:
                problems.append(Problem(path, line_of(items, i), f"{what} must be in beat order, each at a later beat than the one before"))
    return TempoMap(bpm=float(data["bpm"]), beats_per_bar=int(data.get("beats_per_bar", 4)),
                    changes=tuple(TempoChange(float(c["beat"]), float(c["bpm"])) for c in changes),
                    stops=tuple(Stop(float(s["beat"]), float(s["seconds"])) for s in stops))


def _bar_beat(beat: float, beats_per_bar: int) -> str:
    return f"\"{int(beat // beats_per_bar) + 1}:{beat % beats_per_bar + 1:g}\""


def load_chart(path: Path, song_id: str, member_id: str, difficulty: str, tempo: TempoMap | None, offset: float,
               duration: float | None, poses: PoseLibrary) -> Chart:
    """Parse and check one chart file; raise ProblemsError listing every problem with its line.

    Times are checked only when `tempo` (and `duration`, seconds of audio) are known. Every cue
    is checked, including after a broken one. Warnings travel on the Chart (or in the error)."""
    data = load_yaml(path, CHART_MAX_BYTES, CHART_MAX_NODES)
    cues = data.get("cues") if isinstance(data, dict) else None
    if isinstance(cues, list) and len(cues) > MAX_CUES:  # before any per-cue work
        raise ProblemsError([Problem(path, line_of(data, "cues"), f"{len(cues):,} cues; a chart may have at most "
                                                                  f"{MAX_CUES:,}: split it by difficulty")])
    found = validate(data, CHART_SCHEMA, path)
    problems: list[Problem] = list(found.errors)
    if not isinstance(data, dict):
        raise ProblemsError(problems + found.warnings)
    broken_cues = {p[1] for p in found.bad_paths if len(p) > 1 and p[0] == "cues"}
    broken_keys = {p[0] for p in found.bad_paths if p}
    if "member" not in broken_keys and "member" in data and data["member"] != member_id:
        problems.append(Problem(path, line_of(data, "member"),
                                f"this chart says member '{data['member']}' but song.yaml uses it for '{member_id}'; make them match"))
    if "difficulty" in data and "difficulty" not in broken_keys and data["difficulty"] != difficulty:
        problems.append(Problem(path, line_of(data, "difficulty"),
                                f"this chart says difficulty '{data['difficulty']}' but song.yaml lists it as '{difficulty}'"))
    items = data.get("cues") if isinstance(data.get("cues"), list) else []
    beats_per_bar = tempo.beats_per_bar if tempo else 4
    cues: list[Cue] = []
    for i, item in enumerate(items):
        line = line_of(items, i)
        if i in broken_cues or not isinstance(item, dict):
            continue
        if ("at" in item) == ("beat" in item):
            problems.append(Problem(path, line, "give the cue's position with either 'at: \"bar:beat\"' or 'beat: N' (exactly one)"))
            continue
        if isinstance(item.get("at"), (int, float)) and not isinstance(item.get("at"), bool):
            at = item["at"]
            problems.append(Problem(path, line, f"'at: {at:g}' is a bare number, which could mean bar {at:g} or beat {at:g}: "
                                                f"write \"bar:beat\" in quotes (\"{int(at) if at == int(at) else at:g}:1\" is bar "
                                                f"{at:g}, beat 1), or 'beat: {at:g}' for beat {at:g} counted from 0"))
            continue
        try:
            beat = parse_position(item.get("at", item.get("beat")), beats_per_bar)
        except ValueError as exc:
            problems.append(Problem(path, line, str(exc)))
            continue
        if item["pose"] not in poses:
            problems.append(Problem(path, line_of(item, "pose"),
                                    f"unknown pose '{item['pose']}'{did_you_mean(item['pose'], poses.ids())} (poses live in {poses.folder}; add one or fix the name)"))
        hold = float(item.get("hold", 0.0))
        time = tempo.seconds_at(beat, offset) if tempo else beat
        end = tempo.seconds_at(beat + hold, offset) if tempo else beat + hold
        if duration is not None and (time < 0 or time > duration):
            problems.append(Problem(path, line, f"beat {beat:g} plays at {time:.2f} s, outside the audio (0 to {duration:.2f} s); move it or fix the song's offset"))
        elif duration is not None and tempo and end > duration:
            room = tempo.beat_at(duration, offset) - beat
            problems.append(Problem(path, line, f"the hold of {hold:g} beats ends at {end:.2f} s (beat {beat + hold:g}), after the audio "
                                                f"ends at {duration:.2f} s; shorten the hold to at most {max(room, 0):.4g} beats"))
        if cues:
            previous = cues[-1]
            if beat == previous.beat:
                problems.append(Problem(path, line, f"this cue and the cue on line {previous.line} are both at beat {beat:g} "
                                                    f"({_bar_beat(beat, beats_per_bar)}); one beat has one move: delete one of them, or move it to another beat"))
            elif beat < previous.beat:
                problems.append(Problem(path, line, f"cues must be in time order: beat {beat:g} comes before beat {previous.beat:g} "
                                                    f"on line {previous.line}; move this cue up to its place"))
            elif tempo and time < previous.end_time + MIN_CUE_GAP_S:
                why = "overlaps the hold of" if previous.is_hold else "is too close to"
                problems.append(Problem(path, line, f"beat {beat:g} {why} the cue on line {previous.line}; leave at least {MIN_CUE_GAP_S:g} s after it"))
        cues.append(Cue(index=len(cues), beat=beat, time=time, pose=item["pose"], hold_beats=hold, end_time=end,
                        gold=bool(item.get("gold", False)), line=line, at=item.get("at", item.get("beat"))))
    if problems:
        raise ProblemsError(problems + found.warnings)
    return Chart(song_id=song_id, member=member_id, difficulty=difficulty, cues=tuple(cues), path=path,
                 warnings=tuple(found.warnings))


def _audio(folder: Path, path: Path, data: Mapping, problems: list[Problem], warnings: list[Problem]) -> PlayableAudio | None:
    """The song's audio as the mixer will play it, or None with the reason added to problems."""
    name = data.get("audio")
    if not isinstance(name, str) or not name:
        return None
    line = line_of(data, "audio")
    found = find_file(folder, name)
    if found is None:
        problems.append(Problem(path, line, f"audio file '{name}' not found next to song.yaml; put it there or fix the name"))
        return None
    try:
        audio = playable_audio(found)
    except AudioFileError as exc:
        problems.append(Problem(path, line, f"audio '{name}' cannot be used: {exc}"))
        return None
    if audio.silent:
        warnings.append(Problem(path, line, f"audio '{name}': {audio.silence_note()}", "warning"))
    return audio


def _video(folder: Path, item: Mapping, inherited: VideoRef | None) -> VideoRef | None:
    """The reference video `item` (song.yaml's top level or one member) names, or `inherited` (the
    song's, for a member without its own; a member's `video_offset` alone re-times the song's video).
    A member's `video_person` says which dancer of that video they are."""
    offset = item.get("video_offset")
    offset = float(offset) if isinstance(offset, (int, float)) and not isinstance(offset, bool) else None
    name = item.get("video")
    person = item.get("video_person")
    person = str(person).lower() if isinstance(person, (str, int)) and not isinstance(person, bool) else None
    if isinstance(name, str) and name:
        return VideoRef(name, find_file(folder, name), offset or 0.0, line_of(item, "video"), person)
    if inherited is not None and (offset is not None or person is not None):
        return VideoRef(inherited.name, inherited.path, inherited.offset if offset is None else offset,
                        line_of(item, "video_offset") or inherited.line, person)
    return inherited


def load_song(folder: Path, poses: PoseLibrary) -> Song:
    """Load song.yaml, its audio and every chart. Raise ProblemsError with all problems of the song
    when song.yaml or its audio cannot be used (a broken song.yaml part does not hide the charts'
    problems); a broken or missing chart file only leaves that chart out of its member's `charts`,
    with the reasons in the member's `problems` (Song.chart_problems: all of them)."""
    folder = Path(folder)
    path = folder / SONG_FILE
    if not path.is_file():
        raise ProblemsError([Problem(path, None, f"no {SONG_FILE} in this folder; every song folder needs one (see docs/charts.md)")])
    data = load_yaml(path, SONG_MAX_BYTES, SONG_MAX_NODES)
    found = validate(data, SONG_SCHEMA, path)
    problems: list[Problem] = list(found.errors)
    warnings: list[Problem] = list(found.warnings)
    if not isinstance(data, dict):
        raise ProblemsError(problems)
    broken = {p[:2] if p[:1] == ("members",) else p[:1] for p in found.bad_paths}
    tempo = None
    if isinstance(data.get("tempo"), dict) and ("tempo",) not in broken:
        tempo = _tempo(data["tempo"], path, problems)
    offset = float(data["offset"]) if "offset" in data and ("offset",) not in broken else 0.0
    audio = _audio(folder, path, data, problems, warnings) if ("audio",) not in broken else None
    duration = audio.duration if audio else None
    song_video = _video(folder, data, None) if not {("video",), ("video_offset",)} & broken else None
    members: list[Member] = []
    every_chart_problem: list[Problem] = []
    seen: dict[str, int | None] = {}
    member_items = data.get("members") if isinstance(data.get("members"), list) else []
    for i, item in enumerate(member_items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        line = line_of(member_items, i)
        if item["id"] in seen:
            problems.append(Problem(path, line, f"member id '{item['id']}' is used twice (also on line {seen[item['id']]}); ids must be unique"))
        seen[item["id"]] = line
        listed = item.get("charts") if isinstance(item.get("charts"), dict) else {}
        files = {k: v for k, v in listed.items() if isinstance(v, str) and k in DIFFICULTIES}
        if isinstance(item.get("chart"), str):
            if files:
                problems.append(Problem(path, line, "give either 'chart:' or 'charts:', not both"))
            files.setdefault("normal", item["chart"])
        if not files and "chart" not in item and "charts" not in item:
            problems.append(Problem(path, line, f"member '{item['id']}' has no chart; add 'chart: chart-{item['id']}.yaml'"))
        charts: dict[str, Chart] = {}
        chart_problems: list[Problem] = []  # this member's alone: the other members still play
        for difficulty, name in files.items():
            chart_path = find_file(folder, name)
            if chart_path is None:
                chart_problems.append(Problem(path, line_of(item, "charts") or line_of(item, "chart") or line,
                                              f"chart file '{name}' not found next to song.yaml"))
                continue
            try:
                chart = load_chart(chart_path, song_id(folder), item["id"], difficulty, tempo, offset, duration, poses)
            except ProblemsError as err:
                chart_problems.extend(p for p in err.problems if p.is_error)
                warnings.extend(p for p in err.problems if not p.is_error)
                continue
            charts[difficulty] = chart
            warnings.extend(chart.warnings)
        every_chart_problem.extend(chart_problems)
        reserved = reserved_colour_problem(_colour(item["colour"]))
        if reserved:
            problems.append(Problem(path, line_of(item, "colour") or line, reserved))
        if ("members", i) in broken:
            continue
        members.append(Member(id=item["id"], name=item["name"], name_ko=item.get("name_ko", ""),
                              colour=_colour(item["colour"]), part=item.get("part", ""), part_ko=item.get("part_ko", ""),
                              video=_video(folder, item, song_video), problems=in_file_order(chart_problems),
                              charts=MappingProxyType(dict(sorted(charts.items(), key=lambda kv: DIFFICULTIES.index(kv[0]))))))
    if problems or tempo is None or audio is None:
        raise ProblemsError(problems + every_chart_problem + warnings)
    preview = data.get("preview", {})
    duration = audio.duration  # not None past the check above
    preview_start = float(preview.get("start", duration * 0.3))
    return Song(id=song_id(folder), folder=folder, title=data["title"], artist=data["artist"], audio_path=audio.path,
                tempo=tempo, offset=offset, duration=duration, preview_start=min(preview_start, max(duration - 1, 0)),
                preview_length=min(float(preview.get("length", 12.0)), duration), members=tuple(members),
                warnings=tuple(warnings), video=song_video)


def song_id(folder: Path) -> str:
    """A song's id is its folder's name, NFC-normalised (macOS writes Hangul folder names as NFD)."""
    return unicodedata.normalize("NFC", Path(folder).name)


def scan_songs(songs_dirs: Path | Sequence[Path], poses: PoseLibrary) -> list[SongEntry]:
    """Every song folder, playable or not, sorted by id. Never raises for a bad song."""
    return [load_entry(folder, poses) for folder in song_folders(songs_dirs)]


def song_folders(songs_dirs: Path | Sequence[Path]) -> list[Path]:
    """The song folders of a songs directory, or of several (game.paths.song_dirs: the shipped songs,
    the player's own, --songs-dir), sorted by id. Of two folders with the same id, the one in the later
    directory is kept, so a player's edited copy of a shipped song replaces it. Hidden folders are not
    songs: an import in progress (or cut short by quitting) builds in `.<id>.importing`, and tools keep
    their own (.git)."""
    dirs = [Path(songs_dirs)] if isinstance(songs_dirs, (str, Path)) else [Path(d) for d in songs_dirs]
    found = {song_id(p): p for songs_dir in dirs if songs_dir.is_dir()
             for p in sorted(songs_dir.iterdir(), key=song_id) if p.is_dir() and not p.name.startswith(".")}
    return [found[key] for key in sorted(found)]


def load_entry(folder: Path, poses: PoseLibrary) -> SongEntry:
    """One song folder as a SongEntry; never raises for a bad song. A song with no member yet (just
    imported by `song new`) is listed as not playable, saying a chart is what it needs."""
    try:
        song = load_song(folder, poses)
    except ProblemsError as err:
        return SongEntry(song_id(folder), folder, None, tuple(p for p in err.problems if p.is_error))
    if not song.members:
        return SongEntry(song_id(folder), folder, None, (Problem(folder / SONG_FILE, None, NO_CHART_YET),), uncharted=song)
    if not any(m.charts for m in song.members):  # nothing anyone could play: broken, with every reason
        return SongEntry(song_id(folder), folder, None, song.chart_problems)
    return SongEntry(song_id(folder), folder, song)
