"""`python main.py chart from-video VIDEO --song ID --member NAME`: main.py calls
add_arguments(subparsers) and, for the 'chart' command, run(args). Progress goes to stderr
(tqdm); stdout gets one JSON line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.paths import SONGS_DIR, player_poses_dir, user_path


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
    cmd.add_argument("--songs-dir", type=user_path, default=argparse.SUPPRESS, help="where song folders live (default songs/)")
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
        summary = make_chart(args.video, Path(getattr(args, "songs_dir", SONGS_DIR)), args.song, args.member,
                             Path(library), person=args.person, difficulty=args.difficulty)
    except (ChartMakeError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps(summary, ensure_ascii=False))
    return 0
