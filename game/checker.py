"""`python main.py check PATH...`: validate song folders, charts and pose files for authors."""
from __future__ import annotations

from pathlib import Path

from game.chart import Song, VideoRef
from game.poselib import SCHEMA as POSE_SCHEMA
from game.poselib import PoseLibrary, load_pose_library, parse_pose
from game.problems import Problem, ProblemsError, in_file_order
from game.schema import validate
from game.songfolder import NO_CHART_YET, SONG_FILE, load_song
from game.yamlio import load_yaml


def _check_pose_file(path: Path) -> tuple[str | None, list[Problem]] | None:
    """(pose id or None, problems) when `path` is a pose file (it has `limbs`, or lives in a
    poses folder), else None. Reads the file once."""
    try:
        data = load_yaml(path)
    except ProblemsError as err:
        return (None, list(err.problems)) if path.parent.name == "poses" else None
    if not (isinstance(data, dict) and "limbs" in data):
        return None
    warnings = validate(data, POSE_SCHEMA, path).warnings  # parse_pose keeps only the errors
    try:
        return parse_pose(data, path).id, warnings
    except ProblemsError as err:
        return None, list(err.problems) + warnings


def _song_folders(path: Path) -> list[Path]:
    if (path / SONG_FILE).is_file():
        return [path]
    return sorted(p for p in path.iterdir() if p.is_dir() and (p / SONG_FILE).is_file())


def check_paths(paths: list[Path], poses: PoseLibrary) -> tuple[list[Problem], list[str]]:
    """All problems under the given paths, and a line per thing that was checked and is fine (a song
    or pose file with an error has none)."""
    problems: list[Problem] = []
    checked: list[str] = []
    seen_songs: set[Path] = set()
    for path in paths:
        if not path.exists():
            problems.append(Problem(path, None, "no such file or folder"))
            continue
        if path.is_file() and path.suffix not in (".yaml", ".yml"):
            problems.append(Problem(path, None, "not a YAML file: give a song folder, a chart or a pose file (.yaml)"))
            continue
        pose = _check_pose_file(path) if path.is_file() else None
        if pose is not None:
            pose_id, pose_problems = pose
            problems.extend(pose_problems)
            checked.extend([f"pose {pose_id}"] if pose_id and not any(p.is_error for p in pose_problems) else [])
            continue
        if path.is_dir() and not _song_folders(path) and any(path.glob("*.yaml")):
            library = load_pose_library(path)
            problems.extend(library.problems)
            checked.extend(f"pose {p}" for p in library.ids())
            continue
        folders = [path.parent] if path.is_file() else _song_folders(path)
        if not folders:
            problems.append(Problem(path, None, f"not a song folder (no {SONG_FILE}), chart, or pose file"))
        for folder in folders:
            if folder.resolve() in seen_songs:
                continue
            seen_songs.add(folder.resolve())
            try:
                song = load_song(folder, poses)
            except ProblemsError as err:
                problems.extend(err.problems)
                continue
            found = [*song.chart_problems, *song.warnings, *video_problems(song)]  # the song plays without broken
            problems.extend(found)                                                  # charts; the author still hears of them
            if any(p.is_error for p in found):
                continue  # no "ok" for a song with an error: the error says what is wrong with it
            charts = [c for m in song.members for c in m.charts.values()]
            converted = f" (audio converted once for the mixer: {song.audio_path})" if song.audio_path.parent != song.folder else ""
            checked.append(f"song {song.id}: {_count(len(song.members), 'member')}, {_count(len(charts), 'chart')}, "
                           f"{_count(sum(len(c.cues) for c in charts), 'cue')}, {song.duration:.0f} s{converted}"
                           + ("" if song.members else f" ({NO_CHART_YET})"))
    return problems, checked


def video_problems(song: Song) -> list[Problem]:
    """The song's reference videos (song.yaml's `video`, per song or per member) that are missing or
    cannot be played, each at its line in song.yaml. Opening decodes the first frame with the
    reader the coach uses (game.pose.capture.VideoFile), so a codec with no decoder here shows now."""
    refs: dict[str, VideoRef] = {}
    for ref in (song.video, *(m.video for m in song.members)):
        if ref is not None:
            refs.setdefault(ref.name, ref)  # each file once, at the line that first names it
    if not refs:
        return []
    from game.pose.capture import CameraError, VideoFile  # cv2: only when a song names a video

    problems: list[Problem] = []
    where = song.folder / SONG_FILE
    for ref in sorted(refs.values(), key=lambda r: r.line or 0):
        if ref.path is None:
            problems.append(Problem(where, ref.line, f"video '{ref.name}' not found next to song.yaml; put the dance "
                                                     "video there or fix the name (the song plays without it meanwhile)"))
            continue
        try:
            VideoFile(ref.path).close()
        except CameraError as exc:
            problems.append(Problem(where, ref.line, f"video '{ref.name}' cannot be played: {exc}"))
    return problems


def _count(n: int, word: str) -> str:
    """'1 member', '2 members' (the checker speaks English; the screens use game.ui.strings)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def run_check(paths: list[Path], poses_dir: Path) -> int:
    poses = load_pose_library(poses_dir)
    problems, checked = check_paths(paths, poses)
    problems = list(poses.problems) + [p for p in problems if p not in poses.problems]
    errors = [p for p in in_file_order(problems) if p.is_error]
    warnings = [p for p in in_file_order(problems) if not p.is_error]
    for line in checked:
        print(f"ok    {line}")
    for problem in errors + warnings:
        print(f"{problem.level:<5} {problem}")
    tail = f", {len(warnings)} warning(s)" if warnings else ""
    print(f"{len(errors)} problem(s) found{tail}" if errors else f"all good{tail}")
    return 1 if errors else 0
