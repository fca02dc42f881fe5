"""Beat tracking of `song new`: beat and downbeat F-measure, tempo accuracy, speed, as JSON.

    python benchmarks/beats.py [--music DIR] [--no-speed] [--no-baseline]

Three sets (and the real one degraded like a phone video's sound), scored the same way (F-measure: a detected beat within 70 ms of an annotated one,
each matched once; tempo within 4% of the annotation's median beat interval):
  real       DIR/<name>.{wav,ogg,mp3,...} with <name>.beats.txt ("seconds<TAB>beat-in-bar", 1 =
             downbeat); default ../shared/data/music. Skipped with a reason when absent.
  synthetic  drum tracks with a known grid from 80 to 180 BPM and one with a tempo change.
  shipped    songs/*/audio.ogg against the tempo map of their song.yaml.
Also librosa's default beat tracker on the real set (the baseline), and the wall time of
`python main.py song new` on a 3-minute song (the real recordings looped to 180 s), against the
target of finishing within the song's length. Targets (issue 8): beat F >= 0.90 on average,
downbeat F >= 0.70, tempo within 4% on >= 90% of songs. Timings on the shared 2-core machine
vary with its load."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.poselib import load_pose_library  # noqa: E402
from game.songfolder import load_song  # noqa: E402
from game.songimport import beats as beat_analysis  # noqa: E402
from game.songimport.decode import decode  # noqa: E402
from game.songimport.metrics import f_measure, tempo_from_beats, tempo_ok  # noqa: E402
from game.songimport.synth import SR, drum_track, grid_times  # noqa: E402

AUDIO = (".wav", ".ogg", ".mp3", ".flac", ".m4a", ".opus")
SYNTHETIC = {"click-80": [(80, 96)], "click-96": [(96, 120)], "click-112": [(112, 128)], "click-128": [(128, 160)],
             "click-145": [(145, 180)], "click-165": [(165, 200)], "click-180": [(180, 220)],
             "change-100-to-128": [(100, 64), (128, 96)]}


def score(name: str, ref_beats: np.ndarray, ref_downbeats: np.ndarray, mono: np.ndarray, rate: int) -> dict:
    started = time.perf_counter()
    found = beat_analysis.analyse(mono, rate)
    ref_bpm, bpm = tempo_from_beats(ref_beats), tempo_from_beats(found.beats)  # the tempo held longest, both sides
    return {"song": name, "beat_f": round(f_measure(ref_beats, found.beats), 3),
            "downbeat_f": round(f_measure(ref_downbeats, found.downbeats), 3),
            "ref_bpm": round(ref_bpm, 2), "bpm": round(bpm, 2), "tempo_ok": tempo_ok(ref_bpm, bpm),
            "tempo_changes": [[c.beat, c.bpm] for c in found.tempo.changes], "offset": found.offset,
            "analysis_s": round(time.perf_counter() - started, 2)}


def summary(rows: list[dict]) -> dict:
    if not rows:
        return {}
    return {"songs": len(rows), "beat_f_mean": round(float(np.mean([r["beat_f"] for r in rows])), 3),
            "downbeat_f_mean": round(float(np.mean([r["downbeat_f"] for r in rows])), 3),
            "tempo_ok_share": round(float(np.mean([r["tempo_ok"] for r in rows])), 3)}


def degraded(mono: np.ndarray, rate: int, seed: int = 0) -> np.ndarray:
    """The sound as a phone's video would give it: low-passed at 3 kHz, noise at 10 dB SNR."""
    from scipy.signal import butter, sosfilt

    low = sosfilt(butter(4, 3000, fs=rate, output="sos"), mono)
    noise = np.random.default_rng(seed).standard_normal(mono.size) * np.sqrt(np.mean(low ** 2)) * 10 ** (-10 / 20)
    return (low + noise).astype(np.float32)


def real_set(music: Path, baseline: bool) -> tuple[list[dict], list[dict], list[dict]]:
    rows, base, worse = [], [], []
    for notes in sorted(music.glob("*.beats.txt")):
        stem = notes.name[: -len(".beats.txt")]
        audio = next((music / f"{stem}{ext}" for ext in AUDIO if (music / f"{stem}{ext}").is_file()), None)
        if audio is None:
            continue
        ref = np.loadtxt(notes, ndmin=2)
        decoded = decode(audio)
        rows.append(score(stem, ref[:, 0], ref[ref[:, 1] == 1, 0], decoded.mono(), decoded.sample_rate))
        worse.append(score(stem, ref[:, 0], ref[ref[:, 1] == 1, 0], degraded(decoded.mono(), decoded.sample_rate),
                           decoded.sample_rate))
        if baseline:
            import librosa

            y = librosa.resample(decoded.mono(), orig_sr=decoded.sample_rate, target_sr=22050)
            bpm, beats = librosa.beat.beat_track(y=y, sr=22050, units="time")
            ref_bpm = tempo_from_beats(ref[:, 0])
            bpm = float(np.atleast_1d(bpm)[0])
            base.append({"song": stem, "beat_f": round(f_measure(ref[:, 0], beats), 3), "bpm": round(bpm, 2),
                         "tempo_ok": tempo_ok(ref_bpm, bpm)})
    return rows, base, worse


def synthetic_set() -> list[dict]:
    rows = []
    for seed, (name, segments) in enumerate(SYNTHETIC.items()):
        grid = grid_times(segments, start=1.3 + 0.1 * seed)
        rows.append(score(name, grid, grid[::4], drum_track(grid, seconds=float(grid[-1]) + 2.0, seed=seed), SR))
    return rows


def shipped_set() -> list[dict]:
    rows = []
    poses = load_pose_library(ROOT / "models" / "poses")
    for folder in sorted((ROOT / "songs").iterdir()):
        if not (folder / "song.yaml").is_file():
            continue
        song = load_song(folder, poses)
        count = int(song.tempo.beat_at(song.duration, song.offset))
        beats = np.array([song.tempo.seconds_at(b, song.offset) for b in range(count + 1)])
        beats = beats[beats <= song.duration - 0.5]  # the synthesised ring-out after the last bar has no beat
        decoded = decode(song.audio_path)
        rows.append(score(folder.name, beats, beats[:: song.tempo.beats_per_bar], decoded.mono(), decoded.sample_rate))
    return rows


def speed(music: Path, seconds: float = 180.0) -> dict:
    """Wall time of the whole `song new` command (a fresh process: imports and JIT included)."""
    sources = [p for p in sorted(music.glob("*")) if p.suffix in AUDIO] if music.is_dir() else []
    with tempfile.TemporaryDirectory() as tmp:
        if sources:
            parts = [decode(p) for p in sources]
            rate = max(p.sample_rate for p in parts)
            import librosa

            pieces = [librosa.resample(p.samples.T, orig_sr=p.sample_rate, target_sr=rate).T
                      if p.sample_rate != rate else p.samples for p in parts]
            pieces = [np.repeat(p, 2, axis=1) if p.shape[1] == 1 else p for p in pieces]
            audio = np.concatenate(pieces)
            audio = np.tile(audio, (int(np.ceil(seconds * rate / len(audio))), 1))[: int(seconds * rate)]
            what = "the real recordings, looped"
        else:
            rate = SR
            grid = grid_times([(128, int(seconds * 128 / 60))], 0.5)
            audio = drum_track(grid, seconds=seconds)[:, None]
            what = "a synthetic drum track"
        source = Path(tmp) / "three-minutes.wav"
        soundfile.write(source, audio, rate)
        started = time.perf_counter()
        run = subprocess.run([sys.executable, str(ROOT / "main.py"), "song", "new", str(source), "--songs-dir",
                              str(Path(tmp) / "songs")], capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"song new failed:\n{run.stderr[-2000:]}")
    return {"song_seconds": seconds, "material": what, "song_new_wall_s": round(wall, 1),
            "realtime_factor": round(wall / seconds, 3), "within_song_length": wall < seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--music", type=Path, default=ROOT.parent / "shared" / "data" / "music")
    parser.add_argument("--no-speed", action="store_true", help="skip timing `song new` on a 3-minute song")
    parser.add_argument("--no-baseline", action="store_true", help="skip librosa's default tracker")
    args = parser.parse_args()
    out: dict = {}
    if args.music.is_dir():
        real, base, worse = real_set(args.music, not args.no_baseline)
        out["real"] = {"summary": summary(real), "songs": real}
        out["real_degraded"] = {"how": "low-passed at 3 kHz, white noise at 10 dB SNR", "summary": summary(worse),
                                "songs": worse}
        if base:
            out["real"]["librosa_default"] = {"beat_f_mean": round(float(np.mean([b["beat_f"] for b in base])), 3),
                                              "tempo_ok_share": round(float(np.mean([b["tempo_ok"] for b in base])), 3),
                                              "songs": base}
        s = out["real"]["summary"]
        out["real"]["targets_met"] = bool(s) and s["beat_f_mean"] >= 0.90 and s["downbeat_f_mean"] >= 0.70 \
            and s["tempo_ok_share"] >= 0.90
    else:
        out["real"] = {"skipped": f"{args.music} not found (real recordings with annotated beats live in ../shared/data/music)"}
    synthetic = synthetic_set()
    out["synthetic"] = {"summary": summary(synthetic), "songs": synthetic}
    shipped = shipped_set()
    out["shipped"] = {"summary": summary(shipped), "songs": shipped}
    if not args.no_speed:
        out["speed"] = speed(args.music)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
