"""Abstention on a pose library written as angles (the game's own by default): poses recognised,
a neutral stance and in-between motion called "none", at the judge's confidence threshold.
In-between motion: half way (t 0.35..0.65) between two different poses' angles, rendered with
synth_landmarks, kept only when its worst arm/leg segment is more than 30 (45, 60) degrees from
every pose. Prints one JSON object.

    python benchmarks/pose_abstention.py [--library models/poses] [--train] [--seed 0]"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.pose.abstention import angle_library_abstention  # noqa: E402
from game.pose.classifier import PoseClassifier  # noqa: E402
from game.poselib import load_pose_library  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=Path, default=ROOT / "models" / "poses")
    ap.add_argument("--train", action="store_true", help="retrain the library's model first (TensorFlow)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-n", type=int, default=300, help="in-between and neutral frames per figure")
    args = ap.parse_args()
    out: dict = {"library": str(args.library)}
    if args.train:
        from game.pose.train import train
        t0 = time.perf_counter()
        train(args.library, quiet=True)
        out["train_seconds"] = round(time.perf_counter() - t0, 1)
    clf = PoseClassifier(args.library)
    out.update(angle_library_abstention(load_pose_library(args.library), clf, n=args.n, seed=args.seed))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
