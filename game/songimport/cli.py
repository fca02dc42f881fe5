"""`python main.py song new SOURCE`: turn an audio or video file into a song folder.

main.py calls add_arguments(subparsers) and, for the 'song' command, run(args). The folder is
built under a hidden name and renamed when complete, so a failed import leaves nothing behind.
Progress goes to stderr (tqdm); stdout gets one JSON line a script can read."""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Callable

from game.paths import user_path, user_songs_dir
from game.schema import ID_PATTERN

ID = re.compile(ID_PATTERN)
VIDEO_EXT = {".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi"}  # a SOURCE with these is also the dance video
# share of the progress bar each stage takes (measured on a 3-minute song; features dominate)
STAGES = {"decode": 15, "loudness": 10, "features": 45, "beats": 15, "bars": 5, "preview": 5, "write": 5}


def add_arguments(subparsers) -> argparse.ArgumentParser:
    """Add the 'song' command and its 'new' subcommand to main.py's subparsers."""
    song = subparsers.add_parser("song", help="bring your own song: import an audio or video file")
    sub = song.add_subparsers(dest="song_command", required=True)
    new = sub.add_parser("new", help="make a song folder from an audio file or a video's sound track",
                         description="Decode SOURCE, normalise its loudness, find tempo, beats, downbeats and the "
                                     "chorus, and write <songs-dir>/<id>/ with audio.ogg and song.yaml.")
    new.add_argument("source", type=user_path, help="audio (mp3, m4a, aac, flac, wav, ogg, opus) or video file "
                                                "(a video is also copied in as the song's reference dance video)")
    new.add_argument("--songs-dir", type=user_path, default=argparse.SUPPRESS,
                     help=f"where to write the song folder (default: your own songs folder, {user_songs_dir()}, "
                          "which the game always loads)")
    new.add_argument("--id", dest="song_id", help="the song's folder name (default: from the title)")
    new.add_argument("--title", help="title (default: the file's tags, else its name)")
    new.add_argument("--artist", help="artist (default: the file's tags, else 'Unknown artist')")
    new.add_argument("--bpm", type=float, help="the tempo, when you know it better than the beat tracker")
    new.add_argument("--offset", type=float, metavar="S", help="seconds from the start to the first downbeat")
    from game.coachskeleton.cli import add_arguments as add_coach_skeleton

    add_coach_skeleton(sub)
    return song


def run(args: argparse.Namespace) -> int:
    """Run `song new`; prints the JSON summary and returns 0, or prints one error line and returns 1."""
    if args.song_command == "coach-skeleton":
        from game.coachskeleton.cli import run as run_coach_skeleton

        return run_coach_skeleton(args)
    from game.songimport.decode import SongImportError

    from game.songimport.job import add_video, check_video

    source = Path(args.source)
    video = source if source.suffix.lower() in VIDEO_EXT else None
    try:
        if video is not None:
            check_video(video)  # a dance video is kept as the song's reference: say it cannot be played first
        summary = import_song(source, Path(getattr(args, "songs_dir", None) or user_songs_dir()), song_id=args.song_id,
                              title=args.title, artist=args.artist, bpm=args.bpm, offset=args.offset)
        if video is not None:  # as Add a song does: song.yaml's `video`, `video_offset: 0.0` (one timeline)
            summary["video"] = add_video(Path(summary["folder"]), video).name
    except SongImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def import_song(source: Path, songs_dir: Path, song_id: str | None = None, title: str | None = None,
                artist: str | None = None, bpm: float | None = None, offset: float | None = None,
                show_progress: bool = True, progress: Callable[[float], None] | None = None) -> dict:
    """Import `source` into songs_dir/<id>/ and return the summary (seconds on the source's timeline).

    `progress(fraction)` (0..1) is called as the work advances, for a screen that shows it (the
    command line shows a tqdm bar on stderr unless show_progress is False).

    Raises SongImportError (message names the file and the remedy) for every input a user can get
    wrong: missing or unreadable file, no sound track, too short, silent, no beat, bad options."""
    from tqdm import tqdm

    from game.songimport import beats as beat_analysis
    from game.songimport.decode import SongImportError, decode, normalise_loudness, write_ogg
    from game.songimport.song_writer import (AUDIO_FILE, free_folder, song_document, song_id as make_id,
                                             title_from_file_name, write_song_yaml)
    from game.songimport.structure import preview
    from game.songimport.tags import read_tags

    _check_options(source, song_id, bpm, offset)
    if song_id and (songs_dir / song_id).exists():  # say so before minutes of analysis, and again before writing
        raise SongImportError(f"{songs_dir / song_id}: a song with id '{song_id}' already exists; choose another --id "
                              "or remove that folder")
    started = time.perf_counter()
    bar = tqdm(total=sum(STAGES.values()), desc=f"importing {source.name}", unit="%", file=sys.stderr,
               disable=not show_progress, bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}")
    done: dict[str, int] = {}

    def step(stage: str, fraction: float = 1.0) -> None:
        target = round(STAGES[stage] * fraction)
        bar.update(max(target - done.get(stage, 0), 0))
        done[stage] = max(done.get(stage, 0), target)
        if progress:
            progress(sum(done.values()) / sum(STAGES.values()))

    with bar:
        audio = decode(source, progress=lambda f: step("decode", f))
        step("decode")
        if offset is not None and offset >= audio.duration:
            raise SongImportError(f"{source}: --offset {offset:g} is past the end of the sound ({audio.duration:.1f} s)")
        loud, gain_db = normalise_loudness(audio)
        step("loudness")
        try:
            beats = beat_analysis.analyse(audio.mono(), audio.sample_rate, bpm=bpm, offset=offset, progress=step)
        except ValueError:
            raise SongImportError(f"{source}: no steady beat found; if it is a song, give its tempo and first "
                                  "downbeat with --bpm N --offset S", "no_beat") from None
        start, length = preview(beats.features, beats.downbeats, audio.duration)
        step("preview")
        tags = read_tags(source)
        title = title or tags.get("title") or title_from_file_name(source.stem)
        artist = artist or tags.get("artist") or "Unknown artist"
        songs_dir.mkdir(parents=True, exist_ok=True)
        folder = songs_dir / song_id if song_id else free_folder(songs_dir, make_id(title))
        if song_id and folder.exists():
            raise SongImportError(f"{folder}: a song with id '{song_id}' already exists; choose another --id "
                                  "or remove that folder")
        building = songs_dir / f".{folder.name}.importing"
        shutil.rmtree(building, ignore_errors=True)
        try:
            building.mkdir()
            write_ogg(loud, building / AUDIO_FILE)
            write_song_yaml(building, song_document(title, artist, beats.tempo, beats.offset, (start, length)), source)
            building.rename(folder)
        except OSError as exc:
            shutil.rmtree(building, ignore_errors=True)
            raise SongImportError(f"{folder}: cannot write the song ({exc.strerror or exc}); "
                                  "check there is space and that the folder is writable", "write",
                                  error=exc.strerror or str(exc)) from None
        step("write")
    return {
        "song": folder.name, "folder": str(folder), "title": title, "artist": artist,
        "bpm": beats.tempo.bpm, "offset": beats.offset, "beats_per_bar": beats.tempo.beats_per_bar,
        "tempo_changes": [{"beat": c.beat, "bpm": c.bpm} for c in beats.tempo.changes],
        "preview": {"start": start, "length": length}, "duration": round(audio.duration, 3),
        "loudness_gain_db": round(gain_db, 2), "seconds": round(time.perf_counter() - started, 2),
        "beats": [round(float(t), 4) for t in beats.beats],
        "downbeats": [round(float(t), 4) for t in beats.downbeats],
    }


def _check_options(source: Path, song_id: str | None, bpm: float | None, offset: float | None) -> None:
    from game.songimport.decode import SongImportError

    if song_id is not None and not ID.match(song_id):
        raise SongImportError(f"{source}: --id '{song_id}' has the wrong form; use lower-case letters, digits, - and _ "
                              "(e.g. --id my-song or --id 별빛)")
    if bpm is not None and not 20 <= bpm <= 400:
        raise SongImportError(f"{source}: --bpm {bpm:g} is out of range; give the tempo in beats per minute (20 to 400)")
    if offset is not None and offset < 0:
        raise SongImportError(f"{source}: --offset {offset:g} is negative; give the seconds from the start of the "
                              "file to the first downbeat")
