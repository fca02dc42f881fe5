"""Startup: how soon the title screen is up, and how soon pose recognition is ready, as JSON.

    python benchmarks/startup.py [--runs 3] [--library DIR]

Launches `python main.py` with no display (SDL dummy drivers) and KPOP_TRAINER_FRAMES, so the game
draws a few title frames, keeps drawing until the pose pipeline (MediaPipe + the LiteRT classifier,
loaded on a thread) has finished loading, then prints its figures and exits. Times are from just
before the process was launched. --library DIR loads the model from another pose library (for
example one trained with `python main.py poses train --library DIR`), since models/poses may not
hold a trained model. Target: title within 3 s of launch."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def launch(library: Path | None, frames: int) -> dict:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "KPOP_TRAINER_FRAMES": str(frames),
           "KPOP_TRAINER_STARTUP": "1", "KPOP_TRAINER_LAUNCHED": repr(time.time())}
    extra = ["--library", str(library)] if library is not None else []
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "--windowed", *extra], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=180)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        raise SystemExit(f"main.py failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--frames", type=int, default=10, help="title frames to draw at least")
    parser.add_argument("--library", type=Path, default=None, help="pose library with a trained classifier")
    args = parser.parse_args()
    runs = [launch(args.library, args.frames) for _ in range(args.runs)]
    title = [r["title_first_frame_s"] for r in runs]
    ready = [r["pose_pipeline_ready_s"] for r in runs if r["pose_pipeline_ready_s"] is not None]
    print(json.dumps({
        "runs": len(runs), "cpus": os.cpu_count(),
        "title_first_frame_s_median": round(statistics.median(title), 3), "title_first_frame_s_max": round(max(title), 3),
        "pose_ready_s_median": round(statistics.median(ready), 3) if ready else None,
        "pose_ready_s_max": round(max(ready), 3) if ready else None,
        "pose_state": runs[-1]["pose_state"], "pose_message": runs[-1]["pose_message"],
        "frame_ms_median_while_loading": statistics.median(r["frame_ms_median_while_loading"] for r in runs),
        "frame_ms_max_while_loading": max(r["frame_ms_max_while_loading"] for r in runs),
        "tensorflow_imported": any(r["tensorflow_imported"] for r in runs),
        "title_target_met": max(title) <= 3.0,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
