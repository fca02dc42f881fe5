"""How headless autoplay time grows with the length of a chart, as one JSON object.

    python benchmarks/autoplay_scale.py [--sizes 100 1000 10000] [--jitter 30]

For each size N it writes a song whose chart has N cues (one a beat at 240 BPM, the closest the
checker allows, so 10,000 cues are 42 minutes of music), then times
  - load_s: loading and checking the song (YAML, schema, every cue), and
  - play_s: playing the chart headless with the autoplayer (30 predictions/s) on a virtual clock
    at 60 updates/s, as `python main.py play --autoplay --headless` does.
Everything per frame or per cue must be linear: `per_1000_cues_s` stays about the same as N grows
(`growth` is the largest per-cue time over the smallest; 1 is perfectly linear)."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.autoplay import Autoplayer  # noqa: E402
from game.headless import play_headless  # noqa: E402
from game.judge import Grade, windows_for  # noqa: E402
from game.poselib import load_pose_library  # noqa: E402
from game.songfolder import load_song  # noqa: E402

BPM = 240
RATE = 1000  # Hz: the audio only has to exist and not be silent


def write_song(folder: Path, cues: int, poses: list[str]) -> Path:
    import soundfile

    folder.mkdir(parents=True)
    seconds = 1.0 + cues * 60.0 / BPM + 2.0
    tone = 0.1 * np.sin(2 * np.pi * 50 * np.arange(int(RATE * seconds)) / RATE)
    soundfile.write(str(folder / "audio.wav"), tone.astype(np.float32), RATE)
    (folder / "song.yaml").write_text(
        f"title: Scale {cues}\nartist: Bench\naudio: audio.wav\noffset: 1.0\ntempo: {{bpm: {BPM}}}\n"
        'members:\n  - {id: ari, name: Ari, colour: "#ff5fa2", chart: chart-ari.yaml}\n', encoding="utf-8")
    lines = ["member: ari", "cues:"] + [f"  - {{beat: {b}, pose: {poses[b % len(poses)]}}}" for b in range(cues)]
    (folder / "chart-ari.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def measure(size: int, jitter_ms: float, tmp: Path, library) -> dict:
    folder = write_song(tmp / f"scale-{size}", size, library.ids()[:4])
    t0 = time.perf_counter()
    song = load_song(folder, library)
    t1 = time.perf_counter()
    chart = song.member("ari").charts["normal"]
    session = play_headless(chart, Autoplayer(chart, jitter_ms=jitter_ms, seed=0), windows_for(chart.difficulty))
    t2 = time.perf_counter()
    assert len(session.judgements) == size
    return {"cues": size, "song_minutes": round(song.duration / 60, 1), "load_s": round(t1 - t0, 3),
            "play_s": round(t2 - t1, 3), "per_1000_cues_s": round((t2 - t0) / size * 1000, 3),
            "perfect": session.score.counts[Grade.PERFECT]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jitter", type=float, default=30.0, help="autoplayer timing error, ms (sd)")
    args = parser.parse_args()
    library = load_pose_library(Path(__file__).resolve().parents[1] / "models" / "poses")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [measure(n, args.jitter, Path(tmp), library) for n in args.sizes]
    per = [r["per_1000_cues_s"] for r in runs]
    print(json.dumps({"runs": runs, "growth": round(max(per) / min(per), 2)}))


if __name__ == "__main__":
    main()
