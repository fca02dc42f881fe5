"""K-POP dance trainer. `python main.py` opens the game; see --help for the tools."""
from __future__ import annotations

import argparse
import os
import sys

from game.paths import camera_arg, default_poses_dir, user_data_dir, user_path, user_poses_dir, user_songs_dir


# Options of the game itself; a command line made of these alone opens the window (see plain_launch).
GAME_FLAGS = {"--windowed", "--verbose"}
GAME_OPTIONS = {"--songs-dir", "--camera", "--library"}


def plain_launch(argv: list[str]) -> bool:
    """True when `argv` only opens the game (no command, no --help): the tools' parsers, whose modules
    take a tenth of a second or more to import, are then left out so the title comes up sooner."""
    expect_value = False
    for token in argv:
        if expect_value:
            expect_value = False
        elif token in GAME_OPTIONS:
            expect_value = True
        elif token not in GAME_FLAGS and token.split("=", 1)[0] not in GAME_OPTIONS:
            return False
    return True


def non_negative_ms(text: str) -> float:
    """argparse type for a spread in milliseconds: a number, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of milliseconds") from None
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text} ms: a spread cannot be negative; give 0 or more")
    return value


def build_parser(tools: bool = True) -> argparse.ArgumentParser:
    """The command line. `tools=False` leaves out the tools' subcommands (poses), for plain launches."""
    parser = argparse.ArgumentParser(description="K-POP dance trainer: learn choreography with your webcam.")
    parser.add_argument("--songs-dir", type=user_path, default=None,
                        help=f"also load the songs in this folder (the shipped songs and your own, in {user_songs_dir()}, "
                             "are always loaded)")
    parser.add_argument("--camera", type=camera_arg, default=None, help="webcam index (default 0) or a video file that stands in for the webcam")
    parser.add_argument("--library", type=user_path, default=None,
                        help=f"pose library (and its trained classifier) to use (default: your own, {user_poses_dir()}, "
                             "once you teach or retrain a pose; until then the shipped one)")
    parser.add_argument("--windowed", action="store_true", help="run in a window even if settings say fullscreen")
    parser.add_argument("--verbose", action="store_true",
                        help="show the libraries' own messages (MediaPipe, LiteRT, OpenCV, SDL) on the terminal")
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play one song (with --headless: no window, prints a JSON summary)")
    play.add_argument("--song", required=True, help="song id (the song's folder name)")
    play.add_argument("--member", required=True, help="member id whose part to dance")
    play.add_argument("--difficulty", default=None, help="easy, normal or hard (default: normal, or the member's only chart)")
    play.add_argument("--autoplay", action="store_true", help="a demo player performs the chart")
    play.add_argument("--autoplay-jitter", type=non_negative_ms, default=0.0, metavar="MS",
                      help="autoplay timing errors spread by this many ms (0 or more)")
    play.add_argument("--seed", type=int, default=0, help="random seed for --autoplay-jitter")
    play.add_argument("--headless", action="store_true", help="no window, no audio device; play on a virtual clock")
    if tools:  # a plain launch has no 'play' command to take them (and game.practice.cli loads the chart code)
        from game.practice.cli import add_arguments as add_practice_arguments

        add_practice_arguments(play)
    play.add_argument("--camera-delay", type=float, default=0.0, metavar="MS",
                      help="how late the camera picture arrives (ms); subtracted from frame times (default 0 headless)")
    play.add_argument("--camera-shift", type=float, default=0.0, metavar="MS",
                      help="test option: stamp a video camera's frames this late, as a lagging webcam would")
    # the global options also work after 'play' (python main.py play --camera clip.mp4 ...)
    play.add_argument("--camera", type=camera_arg, default=argparse.SUPPRESS, help="webcam index or video file (as above)")
    play.add_argument("--songs-dir", type=user_path, default=argparse.SUPPRESS, help="another songs folder (as above)")
    play.add_argument("--library", type=user_path, default=argparse.SUPPRESS, help="pose library (as above)")

    check = sub.add_parser("check", help="validate song folders, charts and pose files")
    check.add_argument("paths", nargs="+", type=user_path, help="song folders, a songs folder, chart or pose files")
    check.add_argument("--poses", type=user_path, default=None,
                       help="pose library to check charts against (default: the one the game uses)")

    progress = sub.add_parser("progress", help="your real plays: a JSON summary (streak, weakest moves); --csv saves every play")
    progress.add_argument("--csv", type=user_path, default=None, metavar="FILE", help="write every play, cue by cue, to this CSV file")

    if tools:
        from game.pose.cli import add_arguments as add_pose_commands

        add_pose_commands(sub)
        from game.songimport.cli import add_arguments as add_song_commands

        add_song_commands(sub)
        from game.chartmaker.cli import add_arguments as add_chart_commands

        add_chart_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(tools=not plain_launch(argv)).parse_args(argv)
    if args.command in (None, "play") and args.songs_dir is not None and not args.songs_dir.is_dir():
        print(f"error: --songs-dir {args.songs_dir}: no such folder; give a folder that holds song folders "
              f"(or put your songs in {user_songs_dir()}, which is always loaded)", file=sys.stderr)
        return 2
    if args.command == "check":
        from game.checker import run_check

        return run_check(args.paths, args.poses or default_poses_dir())
    if args.command == "progress":
        from game.progress import run_cli

        return run_cli(args.csv)
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

        args.library = args.library or default_poses_dir()
        return run_headless(args)
    if args.command == "play":
        from game.practice.cli import refuse_windowed

        if refuse_windowed(args):
            return 2
    from game.app import run_app

    return run_app(args)


def cli() -> int:
    """The `kpop-dance` command and `python main.py`: main() with the libraries' chatter kept off the terminal."""
    if "--verbose" not in sys.argv[1:]:
        from game.quiet import quiet_libraries

        quiet_libraries(user_data_dir() / "logs" / "libraries.log")
    try:
        status = main()
        sys.stdout.flush()  # a pipe closed early shows here, not at exit as "Exception ignored"
        return status
    except BrokenPipeError:  # `... | head`: the reader has all it wanted; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise (signal.html, SIGPIPE)
        return 0


if __name__ == "__main__":
    sys.exit(cli())
