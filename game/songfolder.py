"""A song folder: song.yaml, its audio, reference videos and every member's charts -> a Song, checked
with file:line problems; and the songs directories -> SongEntry per folder (playable, broken or uncharted)."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Sequence

from game.audiofile import AudioFileError, PlayableAudio, playable_audio
from game.chart import DIFFICULTIES, Chart, Member, Song, SongEntry, VideoRef
from game.chartfile import load_chart
from game.palette import WRONG_LIMB_COLOUR
from game.poselib import PoseLibrary
from game.problems import Problem, ProblemsError, in_file_order
from game.schema import ID, validate
from game.timing import Stop, TempoChange, TempoMap
from game.yamlio import line_of, load_yaml

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


def tempo_map(data: Mapping[str, Any], path: Path, problems: list[Problem]) -> TempoMap:
    """song.yaml's `tempo` mapping (already schema-checked: bpm, beats_per_bar, changes, stops, beats
    and seconds as numbers) as a TempoMap. Changes or stops out of beat order are added to `problems`
    with their line in `path`; the map is still built, so the charts' own problems can be found too.
    Shared with game.chartmaker, which reads the same grid from song.yaml to write charts on it."""
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
        tempo = tempo_map(data["tempo"], path, problems)
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


def find_song_folder(songs_dirs: Path | Sequence[Path], song: str) -> Path | None:
    """The folder of the song with id `song` (any Unicode normal form) among song_folders(songs_dirs), the
    later directory's when two hold it; None when none does."""
    wanted = unicodedata.normalize("NFC", song)
    return next((f for f in song_folders(songs_dirs) if song_id(f) == wanted), None)


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
