"""Drum tracks with a known beat grid, for the tests and the benchmark of the beat tracker.

A pop-style kit (kick on 1 and 3, snare on 2 and 4, hi-hats on eighths, a bass note a bar
changing chord every bar) so that beats, downbeats and octave choices are all tested against
known answers. Deterministic for a given seed."""
from __future__ import annotations

import numpy as np

SR = 22050


def grid_times(segments: list[tuple[float, int]], start: float) -> np.ndarray:
    """Beat times (seconds) for [(bpm, beats), ...] played one after another from `start`."""
    times, t = [], start
    for bpm, count in segments:
        for _ in range(count):
            times.append(t)
            t += 60.0 / bpm
    return np.array(times)


def drum_track(beats: np.ndarray, beats_per_bar: int = 4, seconds: float | None = None, seed: int = 0,
               sample_rate: int = SR) -> np.ndarray:
    """(samples,) float32 mono drums + bass on `beats` (seconds); beats[0] is a downbeat.

    Eighth-note hi-hats sit halfway between beats, so a tracker that doubles the tempo finds
    a pulse there too: the octave choice is a real one."""
    rng = np.random.default_rng(seed)
    beats = np.asarray(beats, float)
    end = seconds if seconds is not None else float(beats[-1] + 2.0)
    out = np.zeros(int(end * sample_rate), np.float32)
    roots = (55.0, 73.4, 61.7, 49.0)  # A1, D2, B1, G1: a four-bar bass line

    def put(at: float, sound: np.ndarray, gain: float) -> None:
        i = int(round(at * sample_rate))
        if 0 <= i < out.size:
            n = min(sound.size, out.size - i)
            out[i:i + n] += gain * sound[:n]

    t_kick = np.arange(int(0.25 * sample_rate)) / sample_rate
    kick = np.sin(2 * np.pi * (50 + 100 * np.exp(-t_kick * 30)) * t_kick) * np.exp(-t_kick * 12)
    t_snare = np.arange(int(0.18 * sample_rate)) / sample_rate
    snare = rng.standard_normal(t_snare.size) * np.exp(-t_snare * 25)
    t_hat = np.arange(int(0.05 * sample_rate)) / sample_rate
    hat = np.diff(rng.standard_normal(t_hat.size + 1)) * np.exp(-t_hat * 90)
    for n, beat in enumerate(beats):
        period = (beats[n + 1] - beat) if n + 1 < beats.size else (beat - beats[n - 1] if n else 0.5)
        in_bar = n % beats_per_bar
        put(beat, kick if in_bar % 2 == 0 else snare, 0.9 if in_bar % 2 == 0 else 0.5)
        put(beat, hat, 0.15)
        put(beat + period / 2, hat, 0.1)
        if in_bar == 0:
            bar_len = period * beats_per_bar
            t_bass = np.arange(int(bar_len * sample_rate)) / sample_rate
            root = roots[(n // beats_per_bar) % len(roots)]
            bass = np.sin(2 * np.pi * root * t_bass) * np.minimum(1, np.exp(-(t_bass - 0.05) * 1.5))
            put(beat, bass, 0.35)
    peak = float(np.max(np.abs(out))) or 1.0
    return (out / peak * 0.8).astype(np.float32)
