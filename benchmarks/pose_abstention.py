"""Abstention on a pose library written as angles (the game's own by default): poses recognised,
a neutral stance and in-between motion called "none", at the judge's confidence threshold.
A pose: held with every arm and leg segment within 30 degrees of it. In-between motion: held
part way (t 0.35..0.65) between two different poses, kept only when its worst arm/leg segment
is more than 30 (45, 60) degrees from every pose. Both seen by the same varied synthetic camera
(game.pose.abstention). Prints one JSON object, the means over --seeds.

    python benchmarks/pose_abstention.py [--library models/poses] [--train] [--seeds 0 1 2]"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from game.pose.abstention import angle_library_abstention  # noqa: E402
from game.pose.classifier import PoseClassifier  # noqa: E402
from game.poselib import load_pose_library  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=Path, default=ROOT / "models" / "poses")
    ap.add_argument("--train", action="store_true", help="retrain the library's model first (TensorFlow)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="one set of frames per seed; figures are means")
    ap.add_argument("-n", type=int, default=1000, help="in-between and neutral frames per figure")
    ap.add_argument("--per-pose", type=int, default=150, help="frames of each pose held")
    ap.add_argument("--any-view", action="store_true",
                    help="the camera anywhere (synth.render_landmarks' defaults), not a player facing the webcam")
    args = ap.parse_args()
    out: dict = {"library": str(args.library)}
    if args.train:
        from game.pose.train import train
        t0 = time.perf_counter()
        train(args.library, quiet=True)
        out["train_seconds"] = round(time.perf_counter() - t0, 1)
    clf = PoseClassifier(args.library)
    library = load_pose_library(args.library)
    camera = {} if args.any_view else None
    out["camera"] = "any view" if args.any_view else "player facing the webcam"
    runs = [angle_library_abstention(library, clf, n=args.n, per_pose=args.per_pose, seed=s, camera=camera)
            for s in args.seeds]
    for key, value in runs[0].items():
        if key == "per_pose":
            out[key] = {p: round(float(np.mean([r[key][p] for r in runs])), 4) for p in value}
        elif isinstance(value, float) and key != "threshold":
            out[key] = round(float(np.mean([r[key] for r in runs])), 4)
        else:
            out[key] = value
    out["lowest_pose"] = min(out["per_pose"].values())
    out["per_seed_inbetween_far30"] = [r["inbetween_far30_none_rate"] for r in runs]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
