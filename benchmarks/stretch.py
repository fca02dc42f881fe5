"""Time-stretch: render speed of a 3-minute song at 75%, and where the beats land, as JSON.

    python benchmarks/stretch.py [--speeds 0.5 0.75 0.9] [--reference]

- render: the shipped songs' audio looped to 180 s, rendered at 75% by game.practice.stretch.render
  (decode, stretch, write the cached FLAC). Target: under 10 s on the 2-core machine.
- beats (shipped songs, whose song.yaml is the true tempo map): onsets of the stretched audio
  (librosa spectral flux, 512-sample window, 1.5 ms hops) against the scaled grid, seconds_at(beat, offset) / speed. The same
  detector on the original audio is given alongside: its error is the detector's, not the stretch's.
  (Not librosa's beat tracker: its 512-sample hop at 22.05 kHz is 23 ms, too coarse for a 10 ms check.)
  window_medians_ms ([lowest, highest] median error over 8 s of the original) tells a drift (walking
  away over the song) from a bias (every hit a little early: each one is smeared over the stretcher's block).
  Target: median within 10 ms of the scaled grid.
- real music (../shared/data/music, when present): each onset found at an annotated beat of the
  original should reappear at onset / speed in the stretched audio.
- --reference also times pedalboard's Rubber Band (GPL; the quality reference; not a game requirement).
Timings on a shared machine are noisy: render_s is wall time (what a player waits), render_cpu_s
the CPU time the render itself took (what it would wait on a quiet machine); load_average_1min
says how busy the machine was."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.paths import POSES_DIR, SONGS_DIR  # noqa: E402
from game.poselib import load_pose_library  # noqa: E402
from game.practice.stretch import render, stretch_samples  # noqa: E402
from game.songfolder import load_song  # noqa: E402

MUSIC = ROOT.parent / "shared" / "data" / "music"
HOP = 64
N_FFT = 512  # a short window: librosa's default 2048 puts onsets ~7 ms late even on the original
MATCH_S = 0.06  # an onset further than this from a beat is not that beat's


def onsets(mono: np.ndarray, sr: int) -> np.ndarray:
    """Onset times (s) found by librosa's spectral-flux detector at HOP-sample resolution."""
    import librosa

    envelope = librosa.onset.onset_strength(y=mono, sr=sr, hop_length=HOP, n_fft=N_FFT, n_mels=40)
    return librosa.onset.onset_detect(onset_envelope=envelope, sr=sr, hop_length=HOP, units="time")


def errors_to(targets: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Signed error (s) of the nearest found onset for each target, for targets that have one within MATCH_S."""
    if len(found) == 0:
        return np.array([])
    idx = np.clip(np.searchsorted(found, targets), 1, len(found) - 1)
    nearest = np.where(np.abs(found[idx - 1] - targets) < np.abs(found[idx] - targets), found[idx - 1], found[idx])
    err = nearest - targets
    return err[np.abs(err) <= MATCH_S]


def window_medians_ms(targets: np.ndarray, found: np.ndarray, window_s: float = 8.0) -> list[float] | None:
    """[lowest, highest] median error (ms) over windows of `window_s` seconds of beats: a stretch that
    drifts (chunks joined at the wrong place, a rate a little off) walks away over the song; one that
    only shifts some hits (where they fall on the stretcher's blocks) stays within a band."""
    medians = []
    for start in np.arange(targets[0], targets[-1] + 1e-9, window_s) if len(targets) else []:
        err = errors_to(targets[(targets >= start) & (targets < start + window_s)], found)
        if len(err):
            medians.append(float(np.median(err)) * 1000)
    return [round(min(medians), 2), round(max(medians), 2)] if medians else None


def figures(err: np.ndarray, expected: int) -> dict:
    a = np.abs(err)
    return {"beats": expected, "matched": int(len(err)),
            "median_ms": round(float(np.median(err)) * 1000, 2) if len(err) else None,
            "median_abs_ms": round(float(np.median(a)) * 1000, 2) if len(err) else None,
            "p95_abs_ms": round(float(np.percentile(a, 95)) * 1000, 2) if len(err) else None,
            "within_10ms": round(float(np.mean(a <= 0.010)), 3) if len(err) else None}


def render_figures(tmp: Path, reference: bool) -> dict:
    parts, sr = [], None
    for folder in sorted(SONGS_DIR.iterdir()):
        data, sr = soundfile.read(str(folder / "audio.ogg"), dtype="float32", always_2d=True)
        parts.append(data)
    track = np.concatenate(parts * 2)[: 180 * sr]
    path = tmp / "three-minutes.wav"
    soundfile.write(str(path), track, sr)
    calls: list[float] = []
    t0, cpu0 = time.perf_counter(), time.process_time()
    out = render(path, 0.75, folder=tmp / "cache", progress=calls.append)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    t0 = time.perf_counter()
    render(path, 0.75, folder=tmp / "cache")
    cached = time.perf_counter() - t0
    info = soundfile.info(str(out))
    result = {"input_s": round(len(track) / sr, 1), "speed": 0.75, "render_s": round(seconds, 2),
              "render_cpu_s": round(cpu, 2),
              "render_target_met": seconds < 10.0, "output_s": round(info.duration, 2),
              "output_expected_s": round(len(track) / sr / 0.75, 2), "cached_call_s": round(cached, 4),
              "progress_calls": len(calls), "cache_file_mb": round(out.stat().st_size / 2**20, 1), "cpus": os.cpu_count(),
              "load_average_1min": round(os.getloadavg()[0], 2)}
    if reference:
        try:
            import pedalboard
        except ImportError:
            result["rubberband_s"] = "pedalboard not installed (pip install pedalboard==0.9.26)"
        else:
            t0 = time.perf_counter()
            pedalboard.time_stretch(track.T.copy(), float(sr), 0.75)
            result["rubberband_s"] = round(time.perf_counter() - t0, 2)
    return result


def shipped_beats(speeds: list[float]) -> list[dict]:
    poses = load_pose_library(POSES_DIR)
    rows = []
    for folder in sorted(SONGS_DIR.iterdir()):
        song = load_song(folder, poses)
        data, sr = soundfile.read(str(song.audio_path), dtype="float32", always_2d=True)
        beats = []
        b = 0
        while (t := song.tempo.seconds_at(b, song.offset)) < song.duration - 0.5:
            beats.append(t)
            b += 1
        grid = np.array(beats)
        found = onsets(data.mean(axis=1), sr)
        row = {"song": song.id, "original": {**figures(errors_to(grid, found), len(grid)),
                                             "window_medians_ms": window_medians_ms(grid, found)}}
        at_beats = np.array([o for o in found if np.min(np.abs(grid - o)) <= MATCH_S])
        for speed in speeds:
            stretched = onsets(stretch_samples(data.T, sr, speed).mean(axis=0), sr)
            row[f"speed_{speed:g}"] = {**figures(errors_to(grid / speed, stretched), len(grid)),
                                       "window_medians_ms": window_medians_ms(grid / speed, stretched, 8.0 / speed),
                                       "vs_original_onsets_median_ms": figures(errors_to(at_beats / speed, stretched), len(at_beats))["median_ms"]}
        rows.append(row)
    return rows


def real_music(speed: float) -> list[dict] | str:
    if not MUSIC.is_dir():
        return f"skipped: {MUSIC} not found"
    rows = []
    for beats_file in sorted(MUSIC.glob("*.beats.txt")):
        name = beats_file.name[: -len(".beats.txt")]
        audio = next((p for p in MUSIC.glob(name + ".*") if p.suffix in (".wav", ".ogg", ".flac")), None)
        if audio is None:
            continue  # mp3: soundfile cannot decode it here
        data, sr = soundfile.read(str(audio), dtype="float32", always_2d=True)
        annotated = np.array([float(line.split()[0]) for line in beats_file.read_text().splitlines() if line.strip()])
        found = onsets(data.mean(axis=1), sr)
        at_beats = np.array([o for o in found if np.min(np.abs(annotated - o)) <= MATCH_S])
        stretched = stretch_samples(data.T, sr, speed)
        rows.append({"track": name, "speed": speed,
                     **figures(errors_to(at_beats / speed, onsets(stretched.mean(axis=0), sr)), len(at_beats))})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speeds", type=float, nargs="+", default=[0.5, 0.75, 0.9])
    parser.add_argument("--reference", action="store_true", help="also time pedalboard's Rubber Band (about 35 s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rendering = render_figures(Path(tmp), args.reference)
    songs = shipped_beats(args.speeds)
    medians = [abs(row[f"speed_{s:g}"]["median_ms"]) for row in songs for s in args.speeds]
    print(json.dumps({"render": rendering, "shipped_songs": songs, "real_music": real_music(0.75),
                      "beats_median_abs_ms_worst": round(max(medians), 2),
                      "beats_target_met": max(medians) <= 10.0}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
