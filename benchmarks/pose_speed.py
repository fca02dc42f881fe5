"""Pose pipeline speed: classifier time per frame (target < 0.1 ms; alone, and with the vote over
200 taught examples), the feature
function, and MediaPipe tracking per frame on a real video. Prints one JSON object.

    python benchmarks/pose_speed.py [--video ../shared/data/videos/group-exercise.avi]"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

VIDEO = ROOT.parent / "shared" / "data" / "videos" / "group-exercise.avi"


def _stats(ms: list[float]) -> dict:
    a = np.asarray(ms)
    return {"mean_ms": round(float(a.mean()), 4), "p50_ms": round(float(np.percentile(a, 50)), 4),
            "p95_ms": round(float(np.percentile(a, 95)), 4), "n": int(len(a))}


def _library(tmp: Path) -> Path:
    """An 8-pose library from synthetic definitions (same model size as a real one)."""
    from game.pose.synth import random_angles
    rng = np.random.default_rng(0)
    lib = tmp / "poses"
    lib.mkdir()
    for i in range(8):
        a = random_angles(rng)
        limbs = "\n".join(f"  {k}: {round(v, 1)}" for k, v in a.items() if k != "head")
        (lib / f"pose_{i}.yaml").write_text(f"id: pose_{i}\nname: Pose {i}\nlimbs:\n{limbs}\n")
    return lib


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--video", type=Path, default=VIDEO)
    ap.add_argument("--frames", type=int, default=300)
    args = ap.parse_args()
    from game.pose.classifier import PoseClassifier
    from game.pose.features import features
    from game.pose.landmarks import VideoLandmarker
    from game.pose.train import train
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        lib = _library(Path(tmp))
        t0 = time.perf_counter()
        train(lib, quiet=True)
        out["train_seconds_8_synthetic_poses"] = round(time.perf_counter() - t0, 1)
        clf = PoseClassifier(lib)
        feats = np.random.default_rng(1).normal(0, 0.3, (2000, clf._buf.shape[1])).astype(np.float32)
        for f in feats[:200]:
            clf.predict_array(f)
        ms = []
        for f in feats:
            t = time.perf_counter()
            clf.predict_array(f)
            ms.append((time.perf_counter() - t) * 1000)
        out["classifier_invoke"] = _stats(ms)
        # the same with a nearest-example vote over 200 taught examples (a library taught from
        # photos or video frames): network + vote + combination, as predict_array runs them
        from game.pose.classifier import NearestExamples
        from game.pose.train import VOTE_K, VOTE_WEIGHT
        from game.pose.synth import POSE_WITHIN
        refs = feats[:200]
        clf.nearest = NearestExamples(refs, np.arange(200) % (len(clf.labels) - 1), len(clf.labels), VOTE_K, POSE_WITHIN)
        clf.vote_weight = VOTE_WEIGHT
        ms = []
        for f in feats[200:]:
            t = time.perf_counter()
            clf.predict_array(f)
            ms.append((time.perf_counter() - t) * 1000)
        out["classifier_with_vote_200_examples"] = _stats(ms)
    if not args.video.is_file():
        out["mediapipe"] = f"skipped: {args.video} not found"
        print(json.dumps(out))
        return 0
    cap = cv2.VideoCapture(str(args.video))
    frames = []
    while len(frames) < args.frames:
        ok, frame = cap.read()
        if not ok:
            break
        frames.append(frame)
    cap.release()
    mp_ms, feat_ms, found = [], [], 0
    with VideoLandmarker() as marker:
        marker.process(frames[0])  # first call builds the graph
        for frame in frames:
            t = time.perf_counter()
            lm = marker.process(frame)
            mp_ms.append((time.perf_counter() - t) * 1000)
            if lm is not None:
                found += 1
                t = time.perf_counter()
                features(lm)
                feat_ms.append((time.perf_counter() - t) * 1000)
    out["mediapipe_tracking"] = {**_stats(mp_ms), "video": args.video.name,
                                 "size": list(frames[0].shape[1::-1]), "person_found": found}
    out["features"] = _stats(feat_ms) if feat_ms else None
    out["pipeline_fps"] = round(1000.0 / (np.mean(mp_ms) + (np.mean(feat_ms) if feat_ms else 0)
                                          + out["classifier_invoke"]["mean_ms"]), 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
