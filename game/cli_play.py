"""`python main.py play ... --headless`: pick the chart, run it, print one JSON line."""
from __future__ import annotations

import json
import shlex
import sys
import unicodedata
from argparse import Namespace
from pathlib import Path

from game.autoplay import Autoplayer
from game.chart import Chart
from game.headless import play_headless
from game.judge import windows_for
from game.paths import song_dirs
from game.poselib import load_pose_library
from game.problems import did_you_mean
from game.session import summary
from game.songfolder import load_entry, song_folders, song_id as folder_id


class ChoiceError(Exception):
    """The player asked for a song, member or difficulty that does not exist."""


def same_id(asked: str, ids) -> str:
    """`asked` as one of `ids`: itself, or the one id equal to it ignoring case ('Jiwoo' -> 'jiwoo');
    unchanged when none or several match."""
    if asked in ids:
        return asked
    matches = [i for i in ids if i.casefold() == asked.casefold()]
    return matches[0] if len(matches) == 1 else asked


def _sentence(text: str) -> str:
    """End a message with a full stop unless it ends with a question already ("did you mean 'x'?")."""
    return text if text.endswith(("?", ".")) else text + "."


def find_chart(songs_dir, song_id: str, member_id: str, difficulty: str | None, poses) -> Chart:
    """The chart asked for, from the songs in `songs_dir` (a folder of songs, or several: game.paths.song_dirs)."""
    folders = {folder_id(f): f for f in song_folders(songs_dir)}  # load only the song asked for
    song_id, member_id = unicodedata.normalize("NFC", song_id), unicodedata.normalize("NFC", member_id)
    song_id = same_id(song_id, folders)
    if song_id not in folders:
        where = ", ".join(map(str, songs_dir)) if isinstance(songs_dir, (list, tuple)) else str(songs_dir)
        listing = ", ".join(sorted(folders)) or f"none (is {where} the songs folder?)"
        raise ChoiceError(_sentence(f"unknown song '{song_id}'{did_you_mean(song_id, folders)}") + f" Songs in {where}: {listing}")
    entry = load_entry(folders[song_id], poses)
    if entry.song is None:
        reasons = "\n  ".join(str(p) for p in entry.problems)
        raise ChoiceError(f"song '{song_id}' cannot be played:\n  {reasons}\nRun: python main.py check {shlex.quote(str(entry.folder))}")
    members = {m.id: m for m in entry.song.members}
    member_id = same_id(member_id, members)
    if member_id not in members:
        raise ChoiceError(_sentence(f"song '{song_id}' has no member '{member_id}'{did_you_mean(member_id, members)}")
                          + f" Members: {', '.join(members)}")
    charts = members[member_id].charts
    chosen = difficulty or members[member_id].default_difficulty()
    if chosen not in charts and members[member_id].problems:
        reasons = "\n  ".join(str(p) for p in members[member_id].problems)
        playable = [m for m in members if members[m].charts]
        raise ChoiceError(f"member '{member_id}' of '{song_id}' cannot be played (the other members can"
                          f"{': ' + ', '.join(playable) if playable else ''}):\n  {reasons}\n"
                          f"Run: python main.py check {shlex.quote(str(entry.folder))}")
    if chosen not in charts:
        raise ChoiceError(f"member '{member_id}' has no '{chosen}' chart in '{song_id}'. Difficulties: {', '.join(charts)}")
    return charts[chosen]


def run_headless(args: Namespace) -> int:
    if args.autoplay and args.camera is not None:
        print(f"error: --autoplay and --camera {args.camera} both give a player; the demo player would dance and the "
              f"camera be ignored. Leave out --camera to watch the demo, or --autoplay to play from the camera.",
              file=sys.stderr)
        return 2
    library = args.library
    poses = load_pose_library(library)
    try:
        chart = find_chart(song_dirs(args.songs_dir), args.song, args.member, args.difficulty, poses)
    except ChoiceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    from game.practice.cli import requested, run_practice_cli

    if requested(args):
        return run_practice_cli(args, chart)
    windows = windows_for(chart.difficulty)
    targets = {pid: pose.angles for pid, pose in poses.poses.items()}
    if args.autoplay:
        session = play_headless(chart, Autoplayer(chart, jitter_ms=args.autoplay_jitter, seed=args.seed), windows,
                                targets=targets)
        print(json.dumps(summary(session, chart.song_id), ensure_ascii=False))
        return 0
    if args.camera is None or str(args.camera).isdigit():
        print("error: headless play needs a player: --autoplay, or --camera VIDEO (a video file; there is no "
              "window to show a webcam in)", file=sys.stderr)
        return 2
    from game.pose.headless_camera import play_from_video, CameraPlayError

    try:
        session, stats = play_from_video(chart, Path(args.camera), library, windows,
                                         camera_delay=getattr(args, "camera_delay", 0.0) / 1000.0,
                                         camera_shift=getattr(args, "camera_shift", 0.0) / 1000.0)
    except CameraPlayError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps({**summary(session, chart.song_id), "camera": stats}, ensure_ascii=False))
    return 0
