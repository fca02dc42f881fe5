"""The practice options of `python main.py play` and their headless run (kept out of main.py and cli_play.py)."""
from __future__ import annotations

import argparse
import json
import sys

from game.chart import Chart
from game.judge import windows_for
from game.poselib import load_pose_library
from game.songfolder import load_song

OPTIONS = ("speed", "section", "loops", "step", "ramp")


def add_arguments(play: argparse.ArgumentParser) -> None:
    group = play.add_argument_group("practice (in the window, or headless with --autoplay)")
    group.add_argument("--speed", type=float, default=None, metavar="X",
                       help="music speed 0.5-1.0 with the pitch kept (0.75 = 75%%); chart times scale, timing windows do not")
    group.add_argument("--section", default=None, metavar="BAR:BEAT-BAR:BEAT",
                       help="loop these bars (the end is where it jumps back: 5:1-9:1 is bars 5-8), or BAR:BEAT for the one move there")
    group.add_argument("--loops", type=int, default=None, metavar="N", help="passes of the section (default 3), each after a one-bar count-in")
    group.add_argument("--step", action="store_true", help="step mode: the song waits at each move until you are in the pose")
    group.add_argument("--ramp", action="store_true",
                       help="tempo ramp: 60%% -> 75%% -> 90%% -> 100%% as passes reach 80%% Perfect+Great, slower after a poor pass")


def requested(args: argparse.Namespace) -> bool:
    """Whether a `play` command line asked for practice (any of the practice options)."""
    return any(getattr(args, name, None) not in (None, False) for name in OPTIONS)


def refuse_windowed(args: argparse.Namespace) -> bool:
    """A speed the window cannot play is refused before the window opens (True, with the reason);
    everything else about a practice is checked against the chart once the song is loaded."""
    speed = getattr(args, "speed", None)
    if speed is None:
        return False
    from game.practice.stretch import StretchError, check_speed

    try:
        check_speed(speed)
    except StretchError as err:
        print(f"error: --speed: {err}", file=sys.stderr)
        return True
    return False


def run_practice_cli(args: argparse.Namespace, chart: Chart) -> int:
    """Run the practice headless with the autoplayer and print one JSON line (exit 2 with a message on bad options)."""
    from game.practice.headless import PracticeOptions, run_practice

    if not args.autoplay:
        print("error: headless practice needs --autoplay (a video's dancer moves at the video's own speed, "
              "so it cannot play a slowed or looped song)", file=sys.stderr)
        return 2
    song = load_song(chart.path.parent, load_pose_library(args.library))
    options = PracticeOptions(speed=args.speed, section=args.section, loops=args.loops, step=args.step, ramp=args.ramp)
    try:
        result = run_practice(song, chart, options, windows_for(chart.difficulty), jitter_ms=args.autoplay_jitter, seed=args.seed)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0
