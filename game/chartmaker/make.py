"""`chart from-video`: a dancer's moves in a video -> poses, a chart per difficulty, a retrained
classifier. Steps (each a function, so tests and benchmarks can run them alone):

1. align: where the song sits in the video (align.py; no sound track: they start together);
2. track: the chosen dancer through play's path (keyposes.track), every TRACK_EVERY_S;
3. key poses (keyposes.key_poses) moved onto the song's timeline, snapped to the half-beat grid,
   one per grid slot (the stillest);
4. moves: key poses grouped (keyposes.group_moves); each move reuses a library pose the
   classifier gives >= REUSE_PROB on REUSE_SHARE of its frames, or is taught as a new
   side-specific pose from its frames (write_examples: card from the limbs, names from posenames);
5. charts: hard keeps a cue every >= 1 beat, normal every >= 2, easy every >= 4 (SPACING);
6. song.yaml gets the member; the library's classifier is retrained (TensorFlow only there)."""
from __future__ import annotations

import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import yaml

from game.chartmaker.keyposes import group_moves, joint_speed, key_poses, limb_rows, track

TRACK_EVERY_S = 1 / 15   # frames looked at: 15 a second is enough to see a dancer stop (a 0.24 s window)
GRID = 0.5               # cues snap to the nearest half beat
SPACING = {"hard": 1.0, "normal": 2.0, "easy": 4.0}  # fewest beats between two cues per difficulty
TEACH_S = 0.05           # a move is taught from frames within this many seconds of each of its key poses
REUSE_PROB = 0.8         # a library pose is reused when the classifier gives it this probability ...
REUSE_SHARE = 0.8        # ... on this share of the move's frames
EPOCHS = 40
GAP_S = 1.0              # a standing key pose is charted only this far from any other (see _fill_gaps)
SEEN_S = 0.1             # a cue is kept when the retrained classifier sees its pose within this many seconds ...
SEEN_PROB = 0.6          # ... at this probability (game.judge.HitRule.min_confidence)
TRAIN_SAMPLES = 16000  # training examples in all (see _per_pose)
PALETTE = ("#ff8a80", "#80d8ff", "#b9f6ca", "#ffd180", "#ea80fc", "#a7ffeb", "#ffff8d", "#8c9eff")
MEMBER_ID = re.compile(r"^(?!.*[A-Z])[^\W_][\w-]*$")  # game.schema.ID_PATTERN


class ChartMakeError(Exception):
    """Input that cannot become a chart; str() names the file and the remedy."""


@dataclass(frozen=True)
class SongGrid:
    folder: Path
    offset: float
    tempo: object  # game.timing.TempoMap
    document: dict
    header: str    # the comment lines above song.yaml's content, kept when it is rewritten


def load_song_grid(songs_dir: Path, song_id: str) -> SongGrid:
    """The song folder's beat grid. Raises ChartMakeError (no such song, unreadable song.yaml)."""
    from game.songfolder import tempo_map
    folder = Path(songs_dir) / song_id
    path = folder / "song.yaml"
    if not path.is_file():
        raise ChartMakeError(f"{path}: no such song; make it first with: python main.py song new AUDIO_OR_VIDEO "
                             f"--songs-dir {songs_dir} --id {song_id}")
    text = path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text)
        problems: list = []
        tempo = tempo_map(doc["tempo"], path, problems)
        offset = float(doc.get("offset", 0.0))
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ChartMakeError(f"{path}: cannot read the tempo and offset ({exc}); fix it (python main.py check {folder})") from None
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#")) if text.startswith("#") else ""
    return SongGrid(folder, offset, tempo, doc, header)


def video_lag(video: Path, song_audio: Path) -> tuple[float, str]:
    """(lag s, how it was found): video time = song time + lag."""
    from game.chartmaker.align import align, matches
    from game.songimport.decode import SongImportError, decode
    try:
        sound = decode(video)
    except SongImportError as err:
        return 0.0, f"assumed 0: {err}"
    try:
        song = decode(song_audio)
    except SongImportError as err:
        raise ChartMakeError(f"{err} (the song's audio; run `song new` again)") from None
    found = align(song.mono(), song.sample_rate, sound.mono(), sound.sample_rate)
    peaks = f"peak {found.confidence:.2f}, next best {found.runner_up:.2f}"
    if not matches(found):
        return 0.0, (f"assumed 0: the video's sound does not match the song's audio ({peaks}); if it is this song, "
                     f"set video_offset in song.yaml by hand (the song time of the video's first frame)")
    return found.lag, f"sound tracks cross-correlated ({peaks})"


def slots(times: np.ndarray, marks: list, keys: list[int], grid: SongGrid, lag: float,
          song_end: float = float("inf")) -> dict[float, int]:
    """{grid beat: key-pose frame index}, the stillest key pose per half-beat slot whose time
    (seconds of song audio) lies in the audio, before `song_end` minus a beat."""
    speed = joint_speed(times, marks)
    out: dict[float, int] = {}
    for i in keys:
        beat = grid.tempo.beat_at(float(times[i]) - lag, grid.offset)
        slot = round(beat / GRID) * GRID
        if slot < 0 or grid.tempo.seconds_at(slot + 1, grid.offset) > song_end:
            continue
        if slot not in out or speed[i] < speed[out[slot]]:
            out[slot] = i
    return dict(sorted(out.items()))


def thin(beats: list[float], spacing: float) -> list[float]:
    """Beats kept in order, each at least `spacing` beats after the last kept."""
    kept: list[float] = []
    for b in beats:
        if not kept or b - kept[-1] >= spacing - 1e-9:
            kept.append(b)
    return kept


def _frames_near(times: np.ndarray, marks: list, keys: list[int]) -> list[int]:
    from game.pose.moments import unsure_joints
    idx = sorted({j for i in keys for j in np.flatnonzero(np.abs(times - times[i]) <= TEACH_S + 1e-6)})
    return [j for j in idx if marks[j] is not None and not unsure_joints(marks[j])]


def reusable(classifier, marks: list, frames: list[int]) -> str | None:
    """The library pose the classifier recognises confidently on the move's frames, or None."""
    from game.pose.features import features
    if classifier is None or not frames:
        return None
    tops = []
    for j in frames:
        probs = classifier.predict(features(marks[j]))
        label, p = max(probs.items(), key=lambda kv: kv[1])
        tops.append(label if p >= REUSE_PROB and label != "none" else None)
    best = max(set(tops), key=tops.count)
    return best if best is not None and tops.count(best) >= REUSE_SHARE * len(tops) else None


def teach(library: Path, song_id: str, video: Path, times: np.ndarray, marks: list, frames: list[int]) -> str:
    """Write a new side-specific pose from the frames; returns its id (song id + its English name, a name
    no other pose in the library has)."""
    from game.pose.library import card_angles, names_in_use, pose_id, write_examples
    from game.posenames import describe
    taken = names_in_use(library)
    described = describe(card_angles([marks[j] for j in frames], False), taken)
    base = pose_id(f"{song_id} {described['name']}")
    pid, n = base, 2
    while (Path(library) / f"{pid}.yaml").exists():
        pid, n = f"{base}_{n}", n + 1
    examples = [(f"{video.name}@{times[j]:.2f}s", marks[j]) for j in frames]
    write_examples(library, pid, examples, either_side=False, labels=lambda limbs, _cur: describe(limbs, taken))
    return pid


def chart_text(member: str, difficulty: str, cues: list[tuple[float, str, float]], bpb: int, video: Path) -> str:
    """A chart file: one cue per line with `at: "bar:beat"`, the video time in a comment."""
    lines = [f"# Charted from {video.name} by `python main.py chart from-video` ({difficulty}).",
             "# Each cue: the bar:beat of the move and, in the comment, where the video shows it.",
             "# Correct a cue by editing its at: or pose:, delete a line to drop it; then run `python main.py check`.",
             f"member: {member}", f"difficulty: {difficulty}", "cues:"]
    for beat, pose, t in cues:
        bar, within = int(beat // bpb) + 1, beat % bpb + 1
        lines.append(f'  - {{at: "{bar}:{within:g}", pose: {pose}}}  # {t:.2f} s in the video')
    return "\n".join(lines) + "\n"


def add_member(grid: SongGrid, member: str, charts: dict[str, str], person: str | None = None,
               video: tuple[str, float] | None = None) -> None:
    """Add or update the member in song.yaml (charts by difficulty, `video_person`: the dancer of a
    group video whose skeleton the coach shows, and `video`/`video_offset` (file name in the song
    folder, seconds) when the coach is a video the song does not already name), keeping its header comment."""
    doc = grid.document
    members = doc.setdefault("members", []) or []
    doc["members"] = members
    entry = next((m for m in members if isinstance(m, dict) and m.get("id") == member), None)
    if entry is None:
        used = {str(m.get("colour", "")).lower() for m in members if isinstance(m, dict)}
        colour = next((c for c in PALETTE if c not in used), PALETTE[len(members) % len(PALETTE)])
        entry = {"id": member, "name": member.replace("-", " ").replace("_", " ").title(), "colour": colour,
                 "part": "Charted from a dance video"}
        members.append(entry)
    entry.pop("chart", None)
    entry["charts"] = {**(entry.get("charts") or {}), **charts}
    if person is not None:
        entry["video_person"] = int(person) if str(person).isdigit() else str(person).lower()
    else:
        entry.pop("video_person", None)  # charted as whoever the tracker follows: so is the skeleton
    if video is not None:
        entry["video"], entry["video_offset"] = video[0], round(float(video[1]), 3) + 0.0  # never -0.0
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=False)
    (grid.folder / "song.yaml").write_text(grid.header + body, encoding="utf-8")


def make_chart(video: Path, songs_dir: Path, song_id: str, member: str, library: Path, person: str | None = None,
               difficulty: str | None = None, epochs: int = EPOCHS, show_progress: bool = True,
               progress: Callable[[float], None] | None = None) -> dict:
    """Run every step; returns the JSON summary. Raises ChartMakeError for every input a user can get wrong."""
    from tqdm import tqdm

    from game.pose.capture import CameraError
    video, library = Path(video), Path(library)
    if not video.is_file():
        raise ChartMakeError(f"{video}: no such video; give the path of the dance video")
    if not MEMBER_ID.match(member):
        raise ChartMakeError(f"--member '{member}' has the wrong form; use lower-case letters, digits, - and _ (e.g. --member jisoo)")
    if difficulty is not None and difficulty not in SPACING:
        raise ChartMakeError(f"--difficulty {difficulty}: give easy, normal or hard")
    if not (library / "classifier.tflite").is_file() and not any(library.glob("*.yaml")):
        raise ChartMakeError(f"{library}: no pose library there; give --library a folder of pose files (a copy of models/poses)")
    grid = load_song_grid(songs_dir, song_id)
    started = time.perf_counter()
    try:
        from game.pose.capture import VideoFile
        opened = VideoFile(video)
        duration = opened.duration or 0.0
        opened.close()
    except CameraError as err:
        raise ChartMakeError(f"{err}") from None
    bar = tqdm(total=duration + 10, desc=f"charting {video.name}", unit="s", file=sys.stderr,
               disable=not show_progress, bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}")
    done = [0.0]

    def advance(to: float) -> None:
        bar.update(max(to - done[0], 0))  # exact steps: rounded ones drift (the bar stopped at 98%)
        done[0] = max(done[0], to)
        if progress:
            progress(min(done[0] / (duration + 10), 1.0))

    with bar:
        audio = grid.folder / str(grid.document.get("audio", "audio.ogg"))
        lag, how = video_lag(video, audio)
        if how.startswith("assumed 0"):
            bar.clear()
            print(f"warning: {video.name}: lag {how}", file=sys.stderr)
        advance(1)
        region = None
        try:
            if person is not None:
                from game.chartmaker.dancers import PersonError, choose, find_dancers
                try:
                    region = choose(find_dancers(video), person)
                except PersonError as err:
                    raise ChartMakeError(f"{video}: {err}") from None
            times, marks = track(video, region, TRACK_EVERY_S, progress=lambda t: advance(1 + t))
        except CameraError as err:
            raise ChartMakeError(str(err)) from None
        if not any(m is not None for m in marks):
            raise ChartMakeError(f"{video}: nobody found in the video; use a video where the dancer's whole body is in view"
                                 + ("" if person else " (for a group video, choose one with --person left|centre|right|N)"))
        skeleton = _cache_skeleton(video, person, times, marks)
        keys = key_poses(times, marks)
        chosen = slots(times, marks, keys, grid, lag, _audio_seconds(audio))
        if not chosen:
            raise ChartMakeError(f"{video}: the dancer never stops in a pose the whole body shows after the song's first "
                                 "downbeat; use a video that shows the whole body")
        rows = limb_rows(marks)
        chosen = _fill_gaps(chosen, times, rows)
        moves = group_moves(rows, list(chosen.values()))
        classifier = _classifier(library)
        pose_of: dict[int, str] = {}
        new, reused = [], []
        for move in moves:
            frames = _frames_near(times, marks, move)
            pid = reusable(classifier, marks, frames)
            if pid is None:
                pid = teach(library, song_id, video, times, marks, frames)
                new.append(pid)
            elif pid not in reused:
                reused.append(pid)
            for i in move:
                pose_of[i] = pid
        advance(duration + 3)
        from game.pose.train import TrainError, train
        try:
            train(library, epochs=epochs, per_pose=_per_pose(library), quiet=True)
        except TrainError as err:
            raise ChartMakeError(str(err)) from None
        seen = _seen(library, times, marks, chosen, pose_of)
        unseen = len(chosen) - len(seen)
        if not seen:
            raise ChartMakeError(f"{video}: the classifier recognises none of the dancer's key poses after training; "
                                 "use a video where the dancer's whole body is in view and well lit")
        bpb = grid.tempo.beats_per_bar
        wanted = [difficulty] if difficulty else list(SPACING)
        files, counts = {}, {}
        for level in wanted:
            kept = thin(seen, SPACING[level])
            cues = [(b, pose_of[chosen[b]], float(times[chosen[b]])) for b in kept]
            name = f"chart-{member}.yaml" if level == "normal" else f"chart-{member}-{level}.yaml"
            (grid.folder / name).write_text(chart_text(member, level, cues, bpb, video), encoding="utf-8")
            files[level], counts[level] = name, len(cues)
        add_member(grid, member, files, person, _coach_video(grid, member, video, lag))
        _check_song(grid.folder, library)
        advance(duration + 10)
    main_level = difficulty or "normal"
    return {"chart": str(grid.folder / files[main_level]), "cues": counts[main_level], "charts": files,
            "cues_by_difficulty": counts, "new_poses": new, "reused_poses": reused,
            "lag_ms": round(lag * 1000), "alignment": how, "key_poses": len(keys), "moves": len(moves),
            "dropped_unseen": unseen, "coach_skeleton": skeleton,
            "video_seconds": round(duration, 2), "seconds": round(time.perf_counter() - started, 1)}


def _coach_video(grid: SongGrid, member: str, video: Path, lag: float) -> tuple[str, float] | None:
    """The member's coach video for song.yaml when the song (or member) does not already name this
    very file: (the copy's name in the song folder, video_offset s = -lag, since video time = song
    time + lag). None when it already does (a song made by `song new VIDEO` keeps its own). The copy
    is what lets the song folder travel alone; raises ChartMakeError when it cannot be written."""
    from game.audiofile import file_sha256
    entry = next((m for m in grid.document.get("members") or [] if isinstance(m, dict) and m.get("id") == member), {})
    named = entry.get("video") or grid.document.get("video")
    if named:
        current = grid.folder / str(named)
        if current.is_file() and (current.resolve() == video.resolve() or (
                current.stat().st_size == video.stat().st_size and file_sha256(current) == file_sha256(video))):
            return None
    target = grid.folder / f"video-{member}{video.suffix.lower()}"
    if target.resolve() != video.resolve():
        try:
            shutil.copyfile(video, target)
        except OSError as exc:
            raise ChartMakeError(f"{video}: cannot copy it into {grid.folder} as the coach video "
                                 f"({exc.strerror or exc}); check there is space, then run it again") from None
    return target.name, -lag


def _cache_skeleton(video: Path, person: str | None, times: np.ndarray, marks: list) -> str | None:
    """Keep the tracked dancer as the coach's skeleton (game.coachskeleton: the same frames, no second
    pass); returns the cache file, or None when it cannot be written (the chart does not need it)."""
    from game.coachskeleton.cache import CoachPoses, cache_path, save
    try:
        return str(save(cache_path(video, person), CoachPoses.from_tracked(times, marks)))
    except (OSError, ValueError) as exc:
        print(f"note: the coach's skeleton was not cached ({exc}); `python main.py song coach-skeleton` works it out",
              file=sys.stderr)
        return None


def _classifier(library: Path):
    from game.pose.classifier import ModelError, PoseClassifier
    try:
        return PoseClassifier(library)
    except ModelError:
        return None  # no trained model yet: every move is taught


def _audio_seconds(audio: Path) -> float:
    import soundfile
    try:
        return float(soundfile.info(str(audio)).duration)
    except (RuntimeError, OSError):
        raise ChartMakeError(f"{audio}: the song's audio cannot be read; make the song again with `song new`") from None


def _check_song(folder: Path, library: Path) -> None:
    """The charts written must load as the game loads them (else say what is wrong, with lines)."""
    from game.poselib import load_pose_library
    from game.songfolder import load_entry
    entry = load_entry(folder, load_pose_library(library))
    if entry.song is None:
        reasons = "\n  ".join(str(p) for p in entry.problems)
        raise ChartMakeError(f"{folder}: the written song does not load:\n  {reasons}\nfix it by hand, then run: "
                             f"python main.py check {folder}")


def _fill_gaps(chosen: dict[float, int], times: np.ndarray, rows: np.ndarray) -> dict[float, int]:
    """The slots whose key pose shows a move, plus standing ones (arms and legs down) only where no
    moving key pose lies within GAP_S: anyone stands between moves, so a cue on standing is hit by
    any dance; it is charted only to keep a cue every two seconds while the dancer steps or sways."""
    moving = {b: i for b, i in chosen.items() if _shows_a_move(rows[i])}
    t_moving = np.array([times[i] for i in moving.values()])
    out = dict(moving)
    for b, i in chosen.items():
        if b not in moving and (not len(t_moving) or np.abs(t_moving - times[i]).min() > GAP_S):
            if not any(abs(times[j] - times[i]) <= GAP_S / 2 for bb, j in out.items() if bb not in moving):
                out[b] = i
    return dict(sorted(out.items()))


def _seen(library: Path, times: np.ndarray, marks: list, chosen: dict[float, int], pose_of: dict[int, str]) -> list[float]:
    """Slots whose pose the retrained classifier gives >= SEEN_PROB on some frame within ±SEEN_S of
    the key pose: a cue it cannot see on the very dancer who defined it would be a miss for everyone."""
    from game.pose.features import features
    clf = _classifier(library)
    if clf is None:
        return list(chosen)
    out = []
    for b, i in chosen.items():
        near = np.flatnonzero(np.abs(times - times[i]) <= SEEN_S)
        best = max((clf.predict(features(marks[j])).get(pose_of[i], 0.0) for j in near if marks[j] is not None), default=0.0)
        if best >= SEEN_PROB:
            out.append(b)
    return out


def _shows_a_move(row: np.ndarray) -> bool:
    """False for standing with arms and legs down (posenames' "Neutral Stance"): anyone is in it
    between moves, so a cue on it would be hit by any dance."""
    from game.poselib import LIMBS
    from game.posenames import describe
    return describe(dict(zip(LIMBS, (float(v) for v in row))))["name"] != "Neutral Stance"


def _per_pose(library: Path) -> int:
    """Training examples per pose: game.pose.train's 800 up to TRAIN_SAMPLES in all, at least 200
    (training time grows with the samples; a long choreography brings many poses)."""
    n = len(list(Path(library).glob("*.yaml"))) - 1  # minus classifier.yaml
    return int(min(800, max(200, TRAIN_SAMPLES // max(n, 1))))
