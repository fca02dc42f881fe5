"""Startup: how soon the title screen is up, how soon songs and pose recognition are ready, and how many
lines the launch prints on the terminal, as JSON.

    python benchmarks/startup.py [--runs 3] [--library DIR] [--busy N] [--verbose]

Launches `python main.py` with no display (SDL dummy drivers) and KPOP_TRAINER_FRAMES, so the game
draws the title (its first frame is the backdrop and logo, drawn before the scenes are imported;
the menu follows) and a few more frames, keeps drawing until the songs and the pose pipeline (MediaPipe + the LiteRT
classifier, loaded on threads behind the title) have loaded, then prints its figures and exits. Times are
from just before the process was launched. --busy N keeps N processes spinning on the CPU meanwhile (a busy
machine); --verbose launches the game with --verbose (the libraries' own messages kept on the terminal).
--library DIR loads the model from another pose library (for example one trained with
`python main.py poses train --library DIR`), since models/poses may not hold a trained model.
Target: title within 1 s of launch, and no line on stderr but the game's own."""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def launch(library: Path | None, frames: int, verbose: bool) -> dict:
    with tempfile.TemporaryDirectory() as data:  # a new player: no settings, no save file
        env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "KPOP_TRAINER_FRAMES": str(frames),
               "KPOP_TRAINER_STARTUP": "1", "KPOP_TRAINER_DATA": data, "KPOP_TRAINER_LAUNCHED": repr(time.time())}
        extra = ["--library", str(library)] if library is not None else []
        run = subprocess.run([sys.executable, str(ROOT / "main.py"), "--windowed", *extra, *(["--verbose"] * verbose)],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        raise SystemExit(f"main.py failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    result = json.loads(lines[-1])
    result["stderr_lines"] = len(run.stderr.splitlines())
    result["stdout_other_lines"] = len(run.stdout.splitlines()) - 1
    return result


def _spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--frames", type=int, default=10, help="title frames to draw at least")
    parser.add_argument("--library", type=Path, default=None, help="pose library with a trained classifier")
    parser.add_argument("--busy", type=int, default=0, metavar="N", help="keep N processes busy on the CPU meanwhile")
    parser.add_argument("--verbose", action="store_true", help="launch the game with --verbose")
    args = parser.parse_args()
    stop = multiprocessing.Event()
    hogs = [multiprocessing.Process(target=_spin, args=(stop,), daemon=True) for _ in range(args.busy)]
    for hog in hogs:
        hog.start()
    try:
        runs = [launch(args.library, args.frames, args.verbose) for _ in range(args.runs)]
    finally:
        stop.set()
        for hog in hogs:
            hog.join()
    title = [r["title_first_frame_s"] for r in runs]
    ready = [r["pose_pipeline_ready_s"] for r in runs if r["pose_pipeline_ready_s"] is not None]
    songs = [r["songs_ready_s"] for r in runs if r.get("songs_ready_s") is not None]
    print(json.dumps({
        "runs": len(runs), "cpus": os.cpu_count(), "busy_processes": args.busy, "verbose": args.verbose,
        "title_first_frame_s_median": round(statistics.median(title), 3), "title_first_frame_s_max": round(max(title), 3),
        "title_first_frame_cpu_s_median": round(statistics.median(r["title_first_frame_cpu_s"] for r in runs), 3),
        "title_menu_s_median": round(statistics.median(r["title_menu_s"] for r in runs), 3),
        "songs_ready_s_median": round(statistics.median(songs), 3) if songs else None,
        "pose_ready_s_median": round(statistics.median(ready), 3) if ready else None,
        "pose_ready_s_max": round(max(ready), 3) if ready else None,
        "pose_state": runs[-1]["pose_state"], "pose_message": runs[-1]["pose_message"],
        "frame_ms_median_while_loading": statistics.median(r["frame_ms_median_while_loading"] for r in runs),
        "frame_ms_max_while_loading": max(r["frame_ms_max_while_loading"] for r in runs),
        "stderr_lines_max": max(r["stderr_lines"] for r in runs),
        "stdout_lines_besides_the_figures_max": max(r["stdout_other_lines"] for r in runs),
        "tensorflow_imported": any(r["tensorflow_imported"] for r in runs),
        "title_target_met": max(title) <= 1.0,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
