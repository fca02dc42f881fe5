"""Real dance as the camera: are the moves a dancer really does hit, and the moves they do not do
(other moves, and the same move on the other side) missed? Prints one JSON object.

For each clip (default: the dance clips in ../shared/data/videos):
1. Look at the clip as play does (capture.video_frames -> tracker.PoseTracker, tracking MediaPipe)
   and find its key poses: frames where the body nearly stops (joint speed a local minimum) with
   every arm and leg joint seen.
2. Group them into moves: key poses whose arm and leg segments lie close to the
   move's first one on average (SAME_MEAN_DEG, and none beyond SAME_WORST_DEG); a key pose more
   than DECOY_DEG from every move so far on some limb starts a new move (in between, it is
   neither, and is not used). A move seen at two or more moments at least APART_S apart is taught from its
   first moment (`poses add --video --at T --span TEACH_SPAN`, through the library function the
   command uses) into a temporary library. An asymmetric move (its mirror image differs by more
   than DECOY_DEG on some limb) also gets its mirror pose, taught from the same frames flipped
   (as if taught from a mirrored video): both side-specific.
3. Chart: a true cue at each later moment of each move (never the taught one); a decoy cue for
   every other move, and for the mirror pose, at those moments, when no frame within the judge's
   window (±DECOY_CLEAR_S) comes within DECOY_DEG of the decoy's taught frames on every limb
   (so the dancer really is not doing it then).
4. Train, and play the chart with the clip as the camera through the same path as
   `python main.py play --camera CLIP --headless` (headless_camera.play_from_video).
   true_hit_rate and decoy_miss_rate are the judge's verdicts; true_peak_rate (decoy_peak_clear_rate)
   say how often some frame within ±0.32 s of a true cue reaches p >= THRESHOLD for its pose (no
   frame near a decoy does): what the per-frame probabilities give the judge to work with.

    python benchmarks/pose_dance.py [--videos CLIP ...] [--epochs 40]

The moments are found from the dancer's own landmarks, so the truth is "close to the
taught frame", as MediaPipe sees it; a move MediaPipe gets wrong in both frames is
not caught here (the photo benchmarks cover that)."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from game.chartmaker.keyposes import (DECOY_DEG, SAME_MEAN_DEG, SAME_WORST_DEG, key_poses, limb_rows,  # noqa: E402
                                      mirror_rows, same_move, track, worst_gap)

VIDEOS = ROOT.parent / "shared" / "data" / "videos"
CLIPS = ("musepose_dance.mp4", "romp_cardio_dance.mp4", "hybrik_taiji.mp4")
# Key poses, SAME_MEAN_DEG / SAME_WORST_DEG (same move) and DECOY_DEG: game/chartmaker/keyposes.py.
DECOY_CLEAR_S = 0.45  # a decoy: DECOY_DEG off on some limb on every frame within this many seconds of the cue (the Good window plus a stable match)
APART_S = 0.8       # moments of one move at least this far apart
TEACH_SPAN = 0.1    # frames within ±0.05 s of the teaching moment
MAX_MOVES = 6
THRESHOLD = 0.6  # a frame counts as the pose at this probability (the judge's HitRule.min_confidence today)


def plan(times: np.ndarray, rows: np.ndarray, keys: list[int]) -> list[dict]:
    """Moves seen at two or more moments: [{"teach": t, "moments": [t...], "row": (8,)}]."""
    moves: list[dict] = []
    for i in keys:
        gaps = [worst_gap(rows[i][None], m["row"])[0] for m in moves]
        if not moves or min(gaps) > DECOY_DEG:  # unlike every move so far: a new move
            moves.append({"teach": float(times[i]), "moments": [], "row": rows[i], "last": float(times[i])})
            continue
        move = moves[int(np.argmin(gaps))]
        if same_move(rows[i], move["row"]) and times[i] - move["last"] >= APART_S:  # a held pose: a moment every APART_S
            move["moments"].append(float(times[i]))
            move["last"] = float(times[i])
    moves = [m for m in moves if m["moments"]]
    moves.sort(key=lambda m: -len(m["moments"]))
    return moves[:MAX_MOVES]


def clear_of(times: np.ndarray, rows: np.ndarray, t: float, row: np.ndarray) -> bool:
    """No frame within ±DECOY_CLEAR_S of t comes within DECOY_DEG of `row` on every limb."""
    near = (np.abs(times - t) <= DECOY_CLEAR_S) & np.isfinite(rows).all(1)
    return bool(near.any() and worst_gap(rows[near], row).min() > DECOY_DEG)


def _peaks(lib: Path, times: np.ndarray, marks: list, cues: list, window: float = 0.32) -> list[float]:
    """Per cue, the highest probability the classifier gives its pose on a frame within ±window s
    (the same landmarks play sees; tracking is deterministic): what the judge has to work with."""
    from game.pose.classifier import PoseClassifier
    from game.pose.features import features
    clf = PoseClassifier(lib)
    probs = [clf.predict(features(lm)) if lm is not None else {} for lm in marks]
    return [round(max([probs[i].get(p, 0.0) for i in np.flatnonzero(np.abs(times - t) <= window)] or [0.0]), 3)
            for t, p, _ in cues]


def _share(flags: list[bool]) -> float | None:
    return round(float(np.mean(flags)), 4) if flags else None


def run_clip(video: Path, epochs: int) -> dict:
    from game.chart import Chart, Cue
    from game.judge import windows_for
    from game.pose.headless_camera import play_from_video
    from game.pose.library import write_examples
    from game.pose.moments import video_moments
    from game.pose.train import train
    times, marks = track(video)
    rows = limb_rows(marks)
    moves = plan(times, rows, key_poses(times, marks))
    if len(moves) < 2:
        return {"clip": video.name, "skipped": "fewer than two moves seen twice"}
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp) / "poses"
        taught = video_moments(video, [m["teach"] for m in moves], TEACH_SPAN)
        refs: dict[str, np.ndarray] = {}
        for k, (move, moment) in enumerate(zip(moves, taught)):
            frames = [(f"{video.name}@{t:.2f}s", lm) for t, lm in moment.taken() if lm is not None]
            name = f"move_{k}"
            write_examples(lib, name, frames, either_side=False)
            refs[name] = limb_rows([lm for _, lm in frames])
            move["name"] = name
            if worst_gap(mirror_rows(move["row"])[None], move["row"])[0] > DECOY_DEG:
                flipped = [(src + " flipped", lm.mirrored()) for src, lm in frames]
                write_examples(lib, f"{name}_other_side", flipped, either_side=False)
                refs[f"{name}_other_side"] = mirror_rows(refs[name])
        cues: list[tuple[float, str, str]] = []  # (time, pose, kind)
        for move in moves:
            for t in move["moments"]:
                cues.append((t, move["name"], "true"))
                for other, ref in refs.items():
                    if other == move["name"] or not all(clear_of(times, rows, t, r) for r in ref):
                        continue
                    cues.append((t, other, "mirror" if other == f"{move['name']}_other_side" else "other"))
        t0 = time.perf_counter()
        train(lib, epochs=epochs, quiet=True)
        train_s = time.perf_counter() - t0
        cues.sort()
        chart = Chart("dance-benchmark", video.stem, "normal",
                      tuple(Cue(index=i, beat=float(i), time=t, pose=p) for i, (t, p, _) in enumerate(cues)))
        session, figures = play_from_video(chart, video, lib, windows_for("normal"))
        peaks = _peaks(lib, times, marks, cues)
    kinds = [k for _, _, k in cues]
    hit = [j.grade.points > 0 for j in session.judgements]
    detail = [{"time": round(t, 2), "pose": p, "kind": k, "grade": j.grade.key,
               "offset_ms": None if j.offset is None else round(j.offset * 1000), "peak_prob": peak}
              for (t, p, k), j, peak in zip(cues, session.judgements, peaks)]
    rate = lambda want, ok: (round(float(np.mean([h == ok for h, k in zip(hit, kinds) if k in want])), 4)  # noqa: E731
                             if any(k in want for k in kinds) else None)
    return {"clip": video.name, "moves": {m["name"]: {"taught_at": round(m["teach"], 2),
                                                       "moments": [round(t, 2) for t in m["moments"]]} for m in moves},
            "true_cues": kinds.count("true"), "decoys": len(kinds) - kinds.count("true"),
            "true_hit_rate": rate(("true",), True), "decoy_miss_rate": rate(("other", "mirror"), False),
            "true_peak_rate": _share([d["peak_prob"] >= THRESHOLD for d in detail if d["kind"] == "true"]),
            "decoy_peak_clear_rate": _share([d["peak_prob"] < THRESHOLD for d in detail if d["kind"] != "true"]),
            "other_move_miss_rate": rate(("other",), False), "mirror_miss_rate": rate(("mirror",), False),
            "train_seconds": round(train_s, 1), "camera": {k: v for k, v in figures.items() if k != "model_stale"},
            "cues": detail}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--videos", type=Path, nargs="+", default=[VIDEOS / c for c in CLIPS])
    ap.add_argument("--epochs", type=int, default=40)
    args = ap.parse_args()
    missing = [str(v) for v in args.videos if not v.is_file()]
    if missing:
        print(json.dumps({"error": f"not found: {', '.join(missing)} (the shared test data sits beside the repository)"}))
        return 1
    clips = [run_clip(v, args.epochs) for v in args.videos]
    scored = [c for c in clips if "skipped" not in c]
    true_n = sum(c["true_cues"] for c in scored)
    decoy_n = sum(c["decoys"] for c in scored)
    pooled = lambda key, n_key: (round(sum((c[key] or 0) * c[n_key] for c in scored) / max(sum(c[n_key] for c in scored), 1), 4))  # noqa: E731
    out = {"true_hit_rate": pooled("true_hit_rate", "true_cues"), "decoy_miss_rate": pooled("decoy_miss_rate", "decoys"),
           "true_peak_rate": _share([c["peak_prob"] >= THRESHOLD for s in scored for c in s["cues"] if c["kind"] == "true"]),
           "decoy_peak_clear_rate": _share([c["peak_prob"] < THRESHOLD for s in scored for c in s["cues"] if c["kind"] != "true"]),
           "mirror_miss_rate": round(float(np.mean([c["grade"] == "miss" for s in scored for c in s["cues"] if c["kind"] == "mirror"] or [np.nan])), 4),
           "true_cues": true_n, "decoys": decoy_n,
           "protocol": f"moves taught from ±{TEACH_SPAN / 2:g} s at their first moment, true cues at their later "
                       f"moments (limbs within {SAME_MEAN_DEG:g} deg on average, none over {SAME_WORST_DEG:g}), decoys where every frame within "
                       f"±{DECOY_CLEAR_S:g} s is over {DECOY_DEG:g} deg off on some limb; judged by play_from_video",
           "clips": clips}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
