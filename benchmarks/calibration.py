"""Camera-delay calibration: how close the suggested delay comes to a known one, as JSON.

    python benchmarks/calibration.py [--seeds 8] [--jitter 40]

A camera whose frames are stamped late by a known delay (0 to 300 ms) is simulated twice:
- after a song: the autoplayer dances a shipped chart with human-like timing errors (--jitter ms),
  its predictions are stamped late, judged, and the suggestion is read from the hits;
- "raise both arms on each click": ten clicks 1.537 s apart, arms up at each click with a 15 ms
  human error, held 0.4 s, seen at 30 fps.
Target: the suggestion within 20 ms of the delay."""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.autoplay import Autoplayer  # noqa: E402
from game.judge import Prediction, judge, windows_for  # noqa: E402
from game.paths import POSES_DIR, SONGS_DIR  # noqa: E402
from game.poselib import load_pose_library  # noqa: E402
from game.practice.calibration import ARMS_UP_POSE, camera_delay_from_clicks, camera_delay_from_play, delayed  # noqa: E402
from game.songfolder import load_song  # noqa: E402

DELAYS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def arm_raises(clicks: list[float], delay: float, rng: random.Random, fps: float = 30.0) -> list[Prediction]:
    ups = [(c + rng.gauss(0, 0.015), c + 0.4) for c in clicks]
    return [Prediction(t=k / fps + delay, probs={ARMS_UP_POSE if any(a <= k / fps <= b for a, b in ups) else "none": 0.9})
            for k in range(int((clicks[-1] + 2.0) * fps))]


def summarise(errors: list[float]) -> dict:
    a = [abs(e) for e in errors]
    return {"runs": len(a), "mean_abs_ms": round(statistics.fmean(a) * 1000, 1), "max_abs_ms": round(max(a) * 1000, 1),
            "within_20ms": round(sum(x <= 0.020 for x in a) / len(a), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--jitter", type=float, default=40.0, help="the autoplayer's timing errors (ms, standard deviation)")
    args = parser.parse_args()
    song = load_song(SONGS_DIR / "neon-heartbeat", load_pose_library(POSES_DIR))
    chart = song.member("jiwoo").charts["normal"]
    windows = windows_for(chart.difficulty)
    play_errors, click_errors, refused = [], [], 0
    for seed in range(args.seeds):
        frames = Autoplayer(chart, jitter_ms=args.jitter, seed=seed).predictions_until(song.duration)
        clicks = [2.0 + 1.537 * k for k in range(10)]
        for delay in DELAYS:
            late = delayed(frames, delay)
            s = camera_delay_from_play(judge(chart.cues, late, windows), late)
            refused += not s.accepted
            play_errors.append(s.value - delay)
            c = camera_delay_from_clicks(clicks, arm_raises(clicks, delay, random.Random(seed)))
            refused += not c.accepted
            click_errors.append(c.value - delay)
    print(json.dumps({"chart": f"{song.id}/{chart.member}", "jitter_ms": args.jitter, "delays_ms": [d * 1000 for d in DELAYS],
                      "after_song": summarise(play_errors), "arm_raises": summarise(click_errors), "not_accepted": refused,
                      "target_met": max(abs(e) for e in play_errors + click_errors) <= 0.020}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
