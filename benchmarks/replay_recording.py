"""The replay recording's cost, as JSON: memory of a 4-minute song's skeleton, time per frame on
the pose worker (skeleton only, and with pictures kept), file size and save/load time.

    python benchmarks/replay_recording.py [--minutes 4] [--fps 30]

Frames are synthetic (the shapes the pose worker hands over: 33 landmarks, 10 angles, p(pose) for
12 poses, a 640x360 picture: a frame of ../shared/data's romp_cardio_dance.mp4 when present, shifted
each frame, else smooth noise); what is measured is the recording, not MediaPipe. Timings on a busy
shared machine are noisy."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.pose.features import ANGLE_NAMES  # noqa: E402
from game.pose.recording import PictureKeep, SkeletonRecording  # noqa: E402


def fill(rec: SkeletonRecording, frames: int, fps: float, image: np.ndarray) -> list[float]:
    rng = np.random.default_rng(0)
    labels = [f"pose_{k}" for k in range(12)]
    out = []
    for k in range(frames):
        points = rng.random((33, 4), np.float32)
        angles = dict(zip(ANGLE_NAMES, rng.uniform(-180, 180, len(ANGLE_NAMES)).tolist()))
        probs = dict(zip(labels, rng.random(12).tolist()))
        frame = np.roll(image, 7 * k, axis=1)  # a different picture each frame (a repeated one compresses to nothing)
        start = time.perf_counter()
        rec.add_frame(k / fps, points, angles, probs, size=(640, 360), image=frame)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _frame(video: Path) -> np.ndarray:
    """A 640x360 frame of a real video (what a camera sees), else smooth noise."""
    import cv2

    cap = cv2.VideoCapture(str(video))
    ok, image = cap.read() if video.exists() else (False, None)
    cap.release()
    if ok:
        return cv2.resize(image, (640, 360), interpolation=cv2.INTER_AREA)
    noise = (np.random.default_rng(1).random((45, 80, 3)) * 255).astype(np.uint8)
    return cv2.resize(noise, (640, 360), interpolation=cv2.INTER_CUBIC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--fps", type=float, default=30.0)
    args = parser.parse_args()
    frames = int(args.minutes * 60 * args.fps)
    video = ROOT.parent / "shared" / "data" / "videos" / "romp_cardio_dance.mp4"  # a real room, if present
    image = _frame(video)
    cues = [(t, t) for t in np.arange(2.0, args.minutes * 60, 2.0)]  # a move every 2 s: pictures nearly everywhere
    result = {"frames": frames, "fps": args.fps}
    with tempfile.TemporaryDirectory() as tmp:
        for name, keep in (("skeleton_only", None), ("with_pictures", PictureKeep(cues))):
            rec = SkeletonRecording(pictures=keep)
            ms = fill(rec, frames, args.fps, image)
            arrays = rec._t.nbytes + rec._points.nbytes + rec._angles.nbytes + rec._probs.nbytes + rec._status.nbytes
            pictures = sum(len(b) for b in rec.pictures.values())
            start = time.perf_counter()
            path = rec.save(Path(tmp) / f"{name}.npz")
            save_s = time.perf_counter() - start
            start = time.perf_counter()
            back = SkeletonRecording.load(path)
            load_s = time.perf_counter() - start
            assert len(back) == len(rec)
            result[name] = {"add_ms_median": round(float(np.median(ms)), 3), "add_ms_p95": round(float(np.percentile(ms, 95)), 3),
                            "memory_mb": round((arrays + pictures) / 2**20, 2), "pictures_kept": len(rec.pictures),
                            "file_mb": round(path.stat().st_size / 2**20, 2), "save_s": round(save_s, 3),
                            "load_s": round(load_s, 3)}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
