"""Music at 50-100% speed with its pitch kept, rendered once per speed and cached.

The time-stretch is python-stretch (Signalsmith Stretch, MIT, binary wheels): measured here it
renders a 3-minute song at 75% in about 8 s on two busy cores, where pedalboard's Rubber Band
(the quality reference; GPL) took 34-36 s (benchmarks/stretch.py). Its `process()` compensates its
own latency, so output sample j is input sample j * speed: beats land on the scaled grid.

Block size: Signalsmith's default preset uses 120 ms blocks, which keeps sustained notes purest
but smears each drum hit over its block: at 75% only 65-71% of the shipped songs' beats were
found within 10 ms of the grid (p95 24 ms). 46 ms blocks (a 2048-sample FFT at 44.1 kHz, the
usual phase-vocoder size) put 97-98% within 10 ms (p95 9 ms) at the same speed of rendering:
a dancer follows the beat, so the beat wins.

`process()` restarts the stretcher on every call, so the song is rendered in chunks with a
little context on each side and the chunks are joined with short crossfades: that gives a
progress callback without clicks at the seams."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import numpy as np

from game.audiofile import cache_dir, file_sha256  # one cache folder and one file hash for all audio

MIN_SPEED = 0.5
MAX_SPEED = 1.0
CHUNK_S = 8.0  # input seconds per call (progress granularity)
CONTEXT_S = 0.25  # input seconds rendered and dropped on each side of a chunk (> the stretcher's 0.12 s block)
FADE_S = 0.01  # crossfade at each seam (output seconds)
BLOCK_S = 2048 / 44100  # stretcher block (see above); its hop is a quarter of it
ENGINE = "signalsmith-0.3.1-b46-v2"  # part of the cache key: a new engine, block size or fix renders anew
CACHE_FORMAT = "FLAC"  # lossless, fast to write, played by pygame's mixer

Progress = Callable[[float], None]  # share done, 0..1


class StretchError(ValueError):
    """The audio cannot be read or the speed is out of range; the message says what to do."""


def check_speed(speed: float) -> float:
    """The speed as a float, or StretchError naming the allowed range (50% to 100%)."""
    if not MIN_SPEED - 1e-9 <= float(speed) <= MAX_SPEED + 1e-9:
        raise StretchError(f"speed {speed:g} is outside {MIN_SPEED:g} to {MAX_SPEED:g} (50% to 100%); pick a speed in that range")
    return float(speed)


def _stretch_chunk(audio: np.ndarray, sample_rate: int, speed: float) -> np.ndarray:
    """One call of the stretcher on (channels, frames) audio; it restarts on every call."""
    import python_stretch  # imported here: only practice at a slower speed needs it

    stretcher = python_stretch.Signalsmith.Stretch(0)  # seeded: the same render every time
    block = int(round(BLOCK_S * sample_rate))
    stretcher.configure(audio.shape[0], block, block // 4)
    stretcher.setTimeFactor(speed)
    # the binding reads the buffer as C-contiguous whatever its strides: a (channels, frames) slice
    # handed over as it is comes out with every channel a copy of the first
    return stretcher.process(np.ascontiguousarray(audio, dtype=np.float32))


def stretch_samples(samples: np.ndarray, sample_rate: int, speed: float, progress: Progress | None = None) -> np.ndarray:
    """Time-stretch (channels, frames) float32 audio to frames/speed frames, pitch kept.

    The stretcher holds the GIL while it works (0.1-0.3 s per chunk), so a thread would not let
    the game draw meanwhile: call it from the loading screen and draw in `progress`, which runs
    between chunks. (Two worker processes were measured too: slower on the busy 2-core machine.)
    speed 1.0 returns a copy. Raises StretchError for a speed outside 0.5..1.0."""
    speed = check_speed(speed)
    audio = np.ascontiguousarray(samples, dtype=np.float32)
    if audio.ndim != 2:
        raise ValueError(f"samples must be (channels, frames), got shape {audio.shape}")
    channels, frames = audio.shape
    if abs(speed - 1.0) < 1e-9 or frames == 0:
        if progress:
            progress(1.0)
        return audio.copy()
    chunk, context, fade = int(CHUNK_S * sample_rate), int(CONTEXT_S * sample_rate), int(FADE_S * sample_rate)
    out_frames = int(round(frames / speed))
    out = np.zeros((channels, out_frames), dtype=np.float32)
    ramp = np.linspace(0.0, 1.0, fade, endpoint=False, dtype=np.float32)
    tail = np.zeros((channels, 0), dtype=np.float32)
    for start in range(0, frames, chunk):
        end, lo = min(start + chunk, frames), max(0, start - context)
        rendered = _stretch_chunk(audio[:, lo: min(frames, end + context)], sample_rate, speed)
        o_start, o_end = int(round(start / speed)), min(out_frames, int(round(end / speed)))
        skip = o_start - int(round(lo / speed))
        piece = rendered[:, skip: skip + (o_end - o_start)]
        o_end = o_start + piece.shape[1]
        n = min(fade, piece.shape[1], tail.shape[1])  # fade in over the previous chunk's tail past the seam
        out[:, o_start:o_start + n] = tail[:, :n] * (1.0 - ramp[:n]) + piece[:, :n] * ramp[:n]
        out[:, o_start + n:o_end] = piece[:, n:]
        tail = rendered[:, skip + piece.shape[1]: skip + piece.shape[1] + fade]
        if progress:
            progress(end / frames)
    return out


def cached_path(audio_path: Path, speed: float, folder: Path | None = None) -> Path:
    """Where the render of `audio_path` at `speed` lives, in the user cache folder beside the converted
    songs (game.audiofile; KPOP_TRAINER_CACHE moves it for tests): keyed by the SHA-256 of the file's
    bytes (a re-encoded or edited song renders anew), the speed and the engine."""
    speed = check_speed(speed)
    return (folder or cache_dir()) / "stretch" / f"{file_sha256(Path(audio_path))[:16]}-{ENGINE}-{round(speed * 1000):04d}.flac"


def render(audio_path: Path, speed: float, folder: Path | None = None, progress: Progress | None = None) -> Path:
    """The song's audio at `speed` (0.5..1.0) with its pitch kept: the original at 1.0, else a cached FLAC.

    Rendered once per speed; later calls return the cached file at once. Written to a temporary
    name and renamed, so an interrupted render never leaves a broken file in the cache.
    Raises StretchError (file unreadable, speed out of range) with the file named."""
    import soundfile

    audio_path = Path(audio_path)
    speed = check_speed(speed)
    if abs(speed - 1.0) < 1e-9:
        if progress:
            progress(1.0)
        return audio_path
    try:
        target = cached_path(audio_path, speed, folder)
    except OSError as exc:
        raise StretchError(f"cannot read {audio_path} ({exc}); check the song folder") from None
    if target.is_file():
        if progress:
            progress(1.0)
        return target
    try:
        data, sample_rate = soundfile.read(str(audio_path), dtype="float32", always_2d=True)
    except Exception as exc:  # soundfile raises several types for unreadable files
        raise StretchError(f"cannot decode {audio_path} ({exc}); use OGG, FLAC or WAV") from None
    stretched = stretch_samples(data.T, sample_rate, speed, progress)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    peak = float(np.abs(stretched).max(initial=0.0))
    if peak > 1.0:  # the stretcher can overshoot a little on loud masters; never clip
        stretched /= peak
    soundfile.write(str(partial), stretched.T, sample_rate, format=CACHE_FORMAT)
    os.replace(partial, target)
    return target

