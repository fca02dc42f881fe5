"""`python main.py chart from-video VIDEO --song ID --member NAME`: main.py calls
add_arguments(subparsers) and, for the 'chart' command, run(args). Progress goes to stderr
(tqdm); stdout gets one JSON line."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from game.paths import player_poses_dir, song_dirs, user_path, user_songs_dir


def add_arguments(subparsers) -> argparse.ArgumentParser:
    chart = subparsers.add_parser("chart", help="make charts: from a dance video")
    sub = chart.add_subparsers(dest="chart_command", required=True)
    cmd = sub.add_parser("from-video", help="chart a dancer's moves from a dance video of an imported song",
                         description="Follow the dancer in VIDEO, find the key poses on the beats, reuse or teach a "
                                     "pose per move, write the member's charts (easy, normal, hard) into the song's "
                                     "folder and retrain the pose classifier of --library.")
    cmd.add_argument("video", type=user_path, help="the dance video (with the song's music, or starting with it)")
    cmd.add_argument("--song", required=True, help="song id (made by `python main.py song new`)")
    cmd.add_argument("--member", required=True, help="member id whose part this dancer dances (added to song.yaml)")
    cmd.add_argument("--songs-dir", type=user_path, default=argparse.SUPPRESS, help="where the song's folder is (default: found among the game's songs; "
                          "a shipped song is first copied into your own songs folder)")
    cmd.add_argument("--library", type=user_path, default=argparse.SUPPRESS,
                     help="pose library to reuse poses from, teach into and retrain (default: your own, made "
                          "from the shipped poses the first time)")
    cmd.add_argument("--person", help="for a group video: left, centre, right or N (1 = leftmost dancer)")
    cmd.add_argument("--difficulty", choices=("easy", "normal", "hard"), help="write only this chart (default: all three)")
    return chart


def run(args: argparse.Namespace) -> int:
    from game.chartmaker.make import ChartMakeError, make_chart
    try:
        library = getattr(args, "library", None) or player_poses_dir(say=lambda text: print(text, file=sys.stderr))
        songs_dir = getattr(args, "songs_dir", None) or players_songs_dir(args.song, say=lambda text: print(text, file=sys.stderr))
        summary = make_chart(args.video, Path(songs_dir), args.song, args.member,
                             Path(library), person=args.person, difficulty=args.difficulty)
    except (ChartMakeError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def players_songs_dir(song: str, say=print) -> Path:
    """Where `chart from-video` writes when no --songs-dir is given: the player's own songs folder
    (game.paths.user_songs_dir(), where `song new` puts songs and no update reaches). A song found
    only among the shipped songs is first copied there whole (the player's copy then replaces the
    shipped one in the game, game.paths.song_dirs), so charts and coach videos are never written
    into the game's own folder and lost on an update. Raises OSError when the copy fails."""
    from game.songfolder import find_song_folder
    mine = user_songs_dir()
    found = find_song_folder(song_dirs(), song)
    if found is None or found.parent.resolve() == mine.resolve():
        return mine
    target = mine / found.name
    mine.mkdir(parents=True, exist_ok=True)
    building = mine / f".{found.name}.copying"
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(found, building)
    building.rename(target)
    say(f"{found} is a song that ships with the game: copied to {target}, your own songs folder, "
        "so the charts made now are kept through updates")
    return mine
