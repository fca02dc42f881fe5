"""K-POP dance trainer. `python main.py` opens the game; see --help for the tools."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.paths import POSES_DIR, SONGS_DIR


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="K-POP dance trainer: learn choreography with your webcam.")
    parser.add_argument("--songs-dir", type=Path, default=SONGS_DIR, help="load songs from this folder (default: songs/)")
    parser.add_argument("--camera", default=None, help="webcam index (default 0) or a video file that stands in for the webcam")
    parser.add_argument("--library", type=Path, default=POSES_DIR,
                        help="pose library (and its trained classifier) to use (default: models/poses)")
    parser.add_argument("--windowed", action="store_true", help="run in a window even if settings say fullscreen")
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play one song (with --headless: no window, prints a JSON summary)")
    play.add_argument("--song", required=True, help="song id (the song's folder name)")
    play.add_argument("--member", required=True, help="member id whose part to dance")
    play.add_argument("--difficulty", default=None, help="easy, normal or hard (default: normal, or the member's only chart)")
    play.add_argument("--autoplay", action="store_true", help="a demo player performs the chart")
    play.add_argument("--autoplay-jitter", type=float, default=0.0, metavar="MS", help="autoplay timing errors spread by this many ms")
    play.add_argument("--seed", type=int, default=0, help="random seed for --autoplay-jitter")
    play.add_argument("--headless", action="store_true", help="no window, no audio device; play on a virtual clock")
    from game.practice.cli import add_arguments as add_practice_arguments

    add_practice_arguments(play)
    # the global options also work after 'play' (python main.py play --camera clip.mp4 ...)
    play.add_argument("--camera", default=argparse.SUPPRESS, help="webcam index or video file (as above)")
    play.add_argument("--songs-dir", type=Path, default=argparse.SUPPRESS, help="songs folder (as above)")
    play.add_argument("--library", type=Path, default=argparse.SUPPRESS, help="pose library (as above)")

    check = sub.add_parser("check", help="validate song folders, charts and pose files")
    check.add_argument("paths", nargs="+", type=Path, help="song folders, a songs folder, chart or pose files")
    check.add_argument("--poses", type=Path, default=POSES_DIR, help="pose library to check charts against")

    from game.pose.cli import add_arguments as add_pose_commands

    add_pose_commands(sub)
    from game.songimport.cli import add_arguments as add_song_commands

    add_song_commands(sub)
    from game.chartmaker.cli import add_arguments as add_chart_commands

    add_chart_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from game.checker import run_check

        return run_check(args.paths, args.poses)
    if args.command == "poses":
        from game.pose.cli import run as run_pose_command

        return run_pose_command(args)
    if args.command == "song":
        from game.songimport.cli import run as run_song_command

        return run_song_command(args)
    if args.command == "chart":
        from game.chartmaker.cli import run as run_chart_command

        return run_chart_command(args)
    if args.command == "play" and args.headless:
        from game.cli_play import run_headless

        return run_headless(args)
    from game.practice.cli import refuse_windowed

    if refuse_windowed(args):
        return 2
    from game.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
