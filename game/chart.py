"""Songs and charts: YAML -> frozen Song/Chart/Cue objects, with file:line validation.

Beats become seconds once, here, at load (through game.timing); nothing later does beat maths."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from game.poselib import PoseLibrary
from game.problems import Problem, ProblemsError, did_you_mean
from game.schema import check
from game.timing import Stop, TempoChange, TempoMap, parse_position
from game.yamlio import line_of, load_yaml

DIFFICULTIES = ("easy", "normal", "hard")
MIN_CUE_GAP_S = 0.25
SONG_FILE = "song.yaml"

_ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$", "description": "lower-case letters, digits, - and _"}
_CHART_FILE = {"type": "string", "minLength": 1}
SONG_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["title", "artist", "audio", "tempo", "members"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "artist": {"type": "string", "minLength": 1},
        "audio": {"type": "string", "minLength": 1},
        "offset": {"type": "number"},
        "tempo": {"type": "object", "additionalProperties": False, "required": ["bpm"], "properties": {
            "bpm": {"type": "number", "minimum": 20, "maximum": 400},
            "beats_per_bar": {"type": "integer", "minimum": 1, "maximum": 16},
            "changes": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                   "required": ["beat", "bpm"], "properties": {
                "beat": {"type": "number", "exclusiveMinimum": 0},
                "bpm": {"type": "number", "minimum": 20, "maximum": 400}}}},
            "stops": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                 "required": ["beat", "seconds"], "properties": {
                "beat": {"type": "number", "minimum": 0},
                "seconds": {"type": "number", "exclusiveMinimum": 0, "maximum": 30}}}}}},
        "preview": {"type": "object", "additionalProperties": False, "required": ["start"], "properties": {
            "start": {"type": "number", "minimum": 0}, "length": {"type": "number", "exclusiveMinimum": 0}}},
        "members": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["id", "name", "colour"],
            "properties": {
                "id": _ID, "name": {"type": "string", "minLength": 1}, "name_ko": {"type": "string"},
                "colour": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "description": "a colour like \"#ff5fa2\" (in quotes)"},
                "part": {"type": "string"},
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
                "at": {"type": ["string", "number"]}, "beat": {"type": "number", "minimum": 0},
                "pose": {"type": "string"}, "hold": {"type": "number", "exclusiveMinimum": 0},
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


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    colour: tuple[int, int, int]
    charts: Mapping[str, Chart]
    name_ko: str = ""
    part: str = ""

    def display_name(self, language: str = "en") -> str:
        return self.name_ko if language == "ko" and self.name_ko else self.name

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

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)


@dataclass(frozen=True)
class SongEntry:
    """A folder in the songs directory: a playable song, or the reasons it is broken."""

    id: str
    folder: Path
    song: Song | None
    problems: tuple[Problem, ...] = ()


def audio_duration(path: Path) -> float:
    """Length of an audio file in seconds (soundfile reads headers only; no decoding)."""
    import soundfile  # imported here: only loading a song needs it

    return float(soundfile.info(str(path)).duration)


def _colour(text: str) -> tuple[int, int, int]:
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


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


def load_chart(path: Path, song_id: str, member_id: str, difficulty: str, tempo: TempoMap, offset: float,
               duration: float, poses: PoseLibrary) -> Chart:
    """Parse and check one chart file; raise ProblemsError listing every problem with its line."""
    data = load_yaml(path)
    problems = check(data, CHART_SCHEMA, path)
    if problems:
        raise ProblemsError(problems)
    if data["member"] != member_id:
        problems.append(Problem(path, line_of(data, "member"),
                                f"this chart says member '{data['member']}' but song.yaml uses it for '{member_id}'; make them match"))
    if "difficulty" in data and data["difficulty"] != difficulty:
        problems.append(Problem(path, line_of(data, "difficulty"),
                                f"this chart says difficulty '{data['difficulty']}' but song.yaml lists it as '{difficulty}'"))
    cues: list[Cue] = []
    for i, item in enumerate(data["cues"]):
        line = line_of(data["cues"], i)
        if ("at" in item) == ("beat" in item):
            problems.append(Problem(path, line, "give the cue's position with either 'at: \"bar:beat\"' or 'beat: N' (exactly one)"))
            continue
        try:
            beat = parse_position(item.get("at", item.get("beat")), tempo.beats_per_bar)
        except ValueError as exc:
            problems.append(Problem(path, line, str(exc)))
            continue
        if item["pose"] not in poses:
            problems.append(Problem(path, line_of(item, "pose"),
                                    f"unknown pose '{item['pose']}'{did_you_mean(item['pose'], poses.ids())} (poses live in {poses.folder}; add one or fix the name)"))
        hold = float(item.get("hold", 0.0))
        time = tempo.seconds_at(beat, offset)
        end = tempo.seconds_at(beat + hold, offset)
        if time < 0 or end > duration:
            problems.append(Problem(path, line, f"beat {beat:g} plays at {time:.2f} s, outside the audio (0 to {duration:.2f} s); move it or fix the song's offset"))
        if cues:
            previous = cues[-1]
            if beat <= previous.beat:
                problems.append(Problem(path, line, f"cues must be in time order: beat {beat:g} comes after beat {previous.beat:g} (line {previous.line})"))
            elif time < previous.end_time + MIN_CUE_GAP_S:
                why = "overlaps the hold of" if previous.is_hold else "is too close to"
                problems.append(Problem(path, line, f"beat {beat:g} {why} the cue on line {previous.line}; leave at least {MIN_CUE_GAP_S:g} s after it"))
        cues.append(Cue(index=len(cues), beat=beat, time=time, pose=item["pose"], hold_beats=hold, end_time=end,
                        gold=bool(item.get("gold", False)), line=line, at=item.get("at", item.get("beat"))))
    if problems:
        raise ProblemsError(problems)
    return Chart(song_id=song_id, member=member_id, difficulty=difficulty, cues=tuple(cues), path=path)


def load_song(folder: Path, poses: PoseLibrary) -> Song:
    """Load song.yaml, its audio header and every chart; raise ProblemsError with all problems."""
    folder = Path(folder)
    path = folder / SONG_FILE
    if not path.is_file():
        raise ProblemsError([Problem(path, None, f"no {SONG_FILE} in this folder; every song folder needs one (see docs/charts.md)")])
    data = load_yaml(path)
    problems = check(data, SONG_SCHEMA, path)
    if problems:
        raise ProblemsError(problems)
    tempo = _tempo(data["tempo"], path, problems)
    offset = float(data.get("offset", 0.0))
    audio_path = folder / data["audio"]
    duration = 0.0
    if not audio_path.is_file():
        problems.append(Problem(path, line_of(data, "audio"), f"audio file '{data['audio']}' not found next to song.yaml; put it there or fix the name"))
    else:
        try:
            duration = audio_duration(audio_path)
        except Exception as exc:  # soundfile raises several types for unreadable files
            problems.append(Problem(path, line_of(data, "audio"), f"cannot read audio '{data['audio']}' ({exc}); use OGG or WAV (the import tool converts others)"))
    members: list[Member] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(data["members"]):
        line = line_of(data["members"], i)
        if item["id"] in seen:
            problems.append(Problem(path, line, f"member id '{item['id']}' is used twice (also on line {seen[item['id']]}); ids must be unique"))
        seen[item["id"]] = line
        files = dict(item.get("charts", {}))
        if "chart" in item:
            if files:
                problems.append(Problem(path, line, "give either 'chart:' or 'charts:', not both"))
            files.setdefault("normal", item["chart"])
        if not files:
            problems.append(Problem(path, line, f"member '{item['id']}' has no chart; add 'chart: chart-{item['id']}.yaml'"))
        charts: dict[str, Chart] = {}
        for difficulty, name in files.items():
            chart_path = folder / name
            if not chart_path.is_file():
                problems.append(Problem(path, line_of(item, "charts") or line_of(item, "chart") or line,
                                        f"chart file '{name}' not found next to song.yaml"))
                continue
            if not duration:
                continue
            try:
                charts[difficulty] = load_chart(chart_path, folder.name, item["id"], difficulty, tempo, offset, duration, poses)
            except ProblemsError as err:
                problems.extend(err.problems)
        members.append(Member(id=item["id"], name=item["name"], name_ko=item.get("name_ko", ""),
                              colour=_colour(item["colour"]), part=item.get("part", ""),
                              charts=MappingProxyType(dict(sorted(charts.items(), key=lambda kv: DIFFICULTIES.index(kv[0]))))))
    if problems:
        raise ProblemsError(problems)
    preview = data.get("preview", {})
    preview_start = float(preview.get("start", duration * 0.3))
    return Song(id=folder.name, folder=folder, title=data["title"], artist=data["artist"], audio_path=audio_path,
                tempo=tempo, offset=offset, duration=duration, preview_start=min(preview_start, max(duration - 1, 0)),
                preview_length=float(preview.get("length", 12.0)), members=tuple(members))


def scan_songs(songs_dir: Path, poses: PoseLibrary) -> list[SongEntry]:
    """Every song folder, playable or not, sorted by id. Never raises for a bad song."""
    songs_dir = Path(songs_dir)
    entries = []
    for folder in sorted(p for p in songs_dir.iterdir() if p.is_dir()) if songs_dir.is_dir() else []:
        try:
            entries.append(SongEntry(folder.name, folder, load_song(folder, poses)))
        except ProblemsError as err:
            entries.append(SongEntry(folder.name, folder, None, err.problems))
    return entries
