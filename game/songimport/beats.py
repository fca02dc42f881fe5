"""Tempo, beats and downbeats of a song (librosa features, our grid and bar fitting).

Pipeline: onset envelope (librosa's spectral flux on a mel spectrogram) -> song tempo with a
dance-music prior (tempo.py) -> librosa's dynamic-programming beat tracker following that tempo
as it moves -> a steady grid through its beats (grid.py) -> the bar phase from where the bass
hits and the harmony changes -> beats and downbeats over the part of the file that sounds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.songimport.grid import Grid, fit_grid
from game.songimport.tempo import local_tempo, tempo_candidates
from game.timing import TempoChange, TempoMap

SR = 22050                  # analysis sample rate (librosa's default; beats need nothing above 11 kHz)
HOP = 256                   # 11.6 ms frames: a tenth of the +-70 ms beat window
FPS = SR / HOP
TEMPOGRAM_S = 8.0           # autocorrelation window (librosa's default, about 8.9 s)
SMOOTH_S = 12.0             # a local tempo must hold this long to steer the tracker
SOUND_DB = -40.0            # the song "sounds" where its short-term level is within 40 dB of its loudest
# Below these there is no beat to dance to. Measured: music has a 95th-percentile onset strength of
# 1.9-3.9 and a best tempo weight of 0.3-1.3; a held chord 0.24, white noise 0.63 and 0.002.
MIN_ACCENT = 1.0            # 95th percentile of the onset envelope (dB of spectral flux, mean over mel bands)
MIN_PULSE = 0.05            # weight of the best tempo candidate (tempo.tempo_candidates)
BEATS_PER_BAR = 4           # pop and K-pop are in 4/4; an author may change it in song.yaml


@dataclass(frozen=True)
class BeatAnalysis:
    """Where the beats of a song are, on the source's timeline (seconds).

    `tempo` maps beat 0 (= `offset`, the first downbeat) onwards; `beats` and `downbeats` are the
    grid's beats over the sounding part of the file, pickup beats before the offset included."""

    tempo: TempoMap
    offset: float
    beats: np.ndarray
    downbeats: np.ndarray
    features: "Features"

    @property
    def bpm(self) -> float:
        return self.tempo.bpm


@dataclass(frozen=True)
class Features:
    """Frame-wise features the beat and structure analyses share (frame rate FPS)."""

    onset: np.ndarray        # (frames,) spectral flux, all bands
    bass_onset: np.ndarray   # (frames,) spectral flux below about 200 Hz (kick and bass)
    chroma: np.ndarray       # (12, frames) pitch-class energy
    rms_db: np.ndarray       # (frames,) level in dB relative to the loudest frame
    mfcc: np.ndarray         # (13, frames) timbre

    def time(self, frames: np.ndarray | int) -> np.ndarray:
        return np.asarray(frames) / FPS

    @property
    def duration(self) -> float:
        """Seconds the features cover (the whole file)."""
        return self.onset.size / FPS


def features(mono: np.ndarray, sample_rate: int) -> Features:
    """Features of a mono signal (samples,) at `sample_rate` Hz."""
    import librosa

    y = librosa.resample(np.asarray(mono, np.float32), orig_sr=sample_rate, target_sr=SR, res_type="soxr_hq") \
        if sample_rate != SR else np.asarray(mono, np.float32)
    mel = librosa.feature.melspectrogram(y=y, sr=SR, n_fft=2048, hop_length=HOP, n_mels=128, fmax=SR / 2)
    mel_db = librosa.power_to_db(mel, ref=np.max)
    low_bands = int(np.searchsorted(librosa.mel_frequencies(n_mels=128, fmax=SR / 2), 200.0))
    flux = librosa.onset.onset_strength_multi(S=mel_db, sr=SR, hop_length=HOP, channels=[0, max(low_bands, 2), 128])
    onset = librosa.onset.onset_strength(S=mel_db, sr=SR, hop_length=HOP)
    chroma = librosa.feature.chroma_stft(y=y, sr=SR, hop_length=HOP, n_fft=4096)
    rms = librosa.feature.rms(y=y, frame_length=2048, hop_length=HOP)[0]
    rms_db = librosa.amplitude_to_db(rms, ref=np.max(rms) if np.max(rms) > 0 else 1.0)
    mfcc = librosa.feature.mfcc(S=mel_db, n_mfcc=13)
    n = min(onset.size, flux.shape[1], chroma.shape[1], rms_db.size)
    return Features(onset=onset[:n], bass_onset=flux[0, :n], chroma=chroma[:, :n], rms_db=rms_db[:n], mfcc=mfcc[:, :n])


def track(feats: Features, bpm: float | np.ndarray | None = None) -> np.ndarray:
    """Tracked beats in seconds: librosa's dynamic-programming tracker (Ellis 2007) steered by our
    tempo (a local tempo curve near the song's tempo, or `bpm`: one tempo, or one per frame).

    The song's tempo is chosen among the tempogram's best candidates (tempo.py) by tracking each
    and weighing its prior-weighted score by how strongly its beats land on onsets: a tempo 3:2
    or 2:1 too fast puts every other beat between the notes, which the tempogram alone cannot see."""
    import librosa

    def follow(curve) -> np.ndarray:
        _, beats = librosa.beat.beat_track(onset_envelope=feats.onset, sr=SR, hop_length=HOP, bpm=curve,
                                           tightness=400, trim=False, units="time")
        return np.asarray(beats, float)

    if bpm is not None:
        return follow(bpm if isinstance(bpm, np.ndarray) else float(bpm))
    tg = librosa.feature.tempogram(onset_envelope=feats.onset, sr=SR, hop_length=HOP, win_length=int(TEMPOGRAM_S * FPS))
    candidates = tempo_candidates(tg, FPS)
    if np.percentile(feats.onset, 95) < MIN_ACCENT or candidates[0][1] < MIN_PULSE:
        raise ValueError("no steady beat: no accents, or accents with no regular pulse")
    best, best_score = np.zeros(0), -np.inf
    mean_onset = float(np.mean(feats.onset)) or 1.0
    for tempo, weight in candidates:
        beats = follow(local_tempo(tg, FPS, tempo, int(SMOOTH_S * FPS)))
        frames = np.clip(np.round(beats * FPS).astype(int), 0, feats.onset.size - 1)
        on_onsets = float(np.mean(_peak_near(feats.onset, frames, 1))) / mean_onset if frames.size else 0.0
        if weight * on_onsets > best_score:
            best, best_score = beats, weight * on_onsets
    return best


def sounding_range(feats: Features) -> tuple[float, float]:
    """(start, end) seconds of the part of the file that has sound (level within SOUND_DB of the peak)."""
    loud = np.flatnonzero(feats.rms_db > SOUND_DB)
    if loud.size == 0:
        return 0.0, float(feats.time(feats.rms_db.size))
    return float(feats.time(loud[0])), float(feats.time(loud[-1] + 1))


def bar_phase(feats: Features, beats: np.ndarray, beats_per_bar: int) -> int:
    """Which of every `beats_per_bar` beats (0..beats_per_bar-1, counted from beats[0]) is the
    downbeat: the one where the bass hits hardest and the harmony changes most, summed over the
    song (both in z-scores, so neither dominates by its units)."""
    frames = np.clip(np.round(beats * FPS).astype(int), 0, feats.onset.size - 1)
    # the strongest bass onset within a fifth of a beat: the grid may sit a few frames off the hits
    bass = _peak_near(feats.bass_onset, frames, max(2, int(0.2 * np.median(np.diff(frames)))))
    # harmony change: chroma over the beat before vs the beat after
    chroma = feats.chroma / (np.linalg.norm(feats.chroma, axis=0, keepdims=True) + 1e-9)
    edges = np.concatenate([frames, [feats.onset.size]])
    means = np.stack([chroma[:, a:max(b, a + 1)].mean(axis=1) for a, b in zip(edges[:-1], edges[1:])], axis=1)
    change = np.concatenate([[0.0], 1 - np.sum(means[:, 1:] * means[:, :-1], axis=0)
                             / (np.linalg.norm(means[:, 1:], axis=0) * np.linalg.norm(means[:, :-1], axis=0) + 1e-9)])
    score = _z(bass) + _z(change)
    totals = [score[p::beats_per_bar].mean() if score[p::beats_per_bar].size else -np.inf for p in range(beats_per_bar)]
    return int(np.argmax(totals))


def _peak_near(signal: np.ndarray, frames: np.ndarray, radius: int) -> np.ndarray:
    return np.array([signal[max(f - radius, 0): f + radius + 1].max() for f in frames])


def _z(x: np.ndarray) -> np.ndarray:
    sd = float(np.std(x))
    return (x - np.mean(x)) / sd if sd > 0 else np.zeros_like(x)


def analyse(mono: np.ndarray, sample_rate: int, bpm: float | None = None, offset: float | None = None,
            beats_per_bar: int = BEATS_PER_BAR, progress: Callable[[str], None] | None = None) -> BeatAnalysis:
    """Tempo map, beats and downbeats of mono audio (samples,) at `sample_rate` Hz.

    `bpm` fixes the tempo (one tempo for the whole song); `offset` fixes the first downbeat
    (seconds). Raises ValueError when no beat can be found (a held tone, noise, speech without
    music: see MIN_ACCENT and MIN_PULSE)."""
    step = progress or (lambda _name: None)
    feats = features(mono, sample_rate)
    step("features")
    tracked = track(feats, bpm)
    start, end = sounding_range(feats)
    tracked = tracked[(tracked >= start - 0.05) & (tracked <= end + 0.05)]
    if tracked.size < 8:
        raise ValueError("no steady beat found")
    step("beats")
    grid = fit_grid(tracked, period=60.0 / bpm if bpm else None)
    if grid.knots:  # the tracker followed a smoothed tempo across the change: track again with it sharp
        tracked = track(feats, _tempo_curve(grid, feats.onset.size))
        tracked = tracked[(tracked >= start - 0.05) & (tracked <= end + 0.05)]
        grid = fit_grid(tracked)
    first, last = int(np.ceil(grid.index_at(start) - 0.25)), int(np.floor(grid.index_at(end) + 0.25))
    indices = np.arange(first, last + 1)
    inside = (grid.seconds(indices) >= 0) & (grid.seconds(indices) <= feats.duration)
    indices = indices[inside]
    times = grid.seconds(indices)
    if offset is not None:  # the author's first downbeat: move the grid onto it
        nearest = indices[int(np.argmin(np.abs(times - offset)))]
        grid = grid.shifted(offset - float(grid.seconds(nearest)))
        times = grid.seconds(indices)
        downbeat_index = int(nearest)
    else:
        phase = bar_phase(feats, times, beats_per_bar)
        downbeat_index = int(indices[phase])
    tempo, offset_s = _tempo_map(grid, downbeat_index, beats_per_bar)
    # beats as the game will play them: from the written tempo map
    beat_numbers = indices - downbeat_index
    beats = np.array([tempo.seconds_at(float(b), offset_s) for b in beat_numbers])
    downbeats = beats[beat_numbers % beats_per_bar == 0]
    step("bars")
    return BeatAnalysis(tempo=tempo, offset=offset_s, beats=beats, downbeats=downbeats, features=feats)


def _tempo_curve(grid: Grid, frames: int) -> np.ndarray:
    """The grid's tempo (BPM) at each frame."""
    seconds = np.arange(frames) / FPS
    first, last = int(np.floor(grid.index_at(0.0))) - 1, int(np.ceil(grid.index_at(frames / FPS))) + 1
    indices = np.arange(first, last + 1, dtype=float)
    index = np.interp(seconds, grid.seconds(indices), indices)
    return np.array(grid.bpms)[np.searchsorted(np.array(grid.knots), index, side="right")]


def _tempo_map(grid: Grid, zero_index: int, beats_per_bar: int) -> tuple[TempoMap, float]:
    """The grid as song.yaml's tempo: beat 0 at grid index `zero_index`; changes before beat 0
    fold into the starting tempo (the tempo map has no changes before beat 0)."""
    offset = float(grid.seconds(zero_index))
    bpm = grid.bpms[0]
    changes = []
    for knot, value in zip(grid.knots, grid.bpms[1:]):
        beat = knot - zero_index
        if beat <= 0:
            bpm = value
        else:
            changes.append(TempoChange(beat=round(float(beat), 3), bpm=round(value, 3)))
    return TempoMap(bpm=round(bpm, 3), beats_per_bar=beats_per_bar, changes=tuple(changes)), round(offset, 4)
