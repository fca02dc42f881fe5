"""Tempo of a song from its onset envelope, with a prior that settles octave errors.

An autocorrelation tempogram peaks at the beat period and at its multiples and halves alike;
which one people tap is a matter of taste that a prior over tempi decides. librosa's own prior
is a log-normal centred on 120 BPM one octave wide, too weak to stop it doubling slow songs and
halving fast ones. Dance and pop music is mostly 90-180 BPM (K-pop and Western pop charts
alike), so our prior is a log-normal centred on the geometric middle of that range, 127 BPM,
with a standard deviation of 0.35 octave: 90 and 180 BPM keep 38% of the peak weight, their
octaves 45 and 360 BPM under 1%, so an octave is chosen by the music only when it is clearly
stronger.
"""
from __future__ import annotations

import numpy as np

PRIOR_CENTRE_BPM = 127.0     # geometric middle of 90-180 BPM
PRIOR_OCTAVES = 0.5          # standard deviation of log2(tempo)
MIN_BPM, MAX_BPM = 40.0, 250.0
METRICAL_LAGS = (2, 3, 4)     # multiples of a beat's lag that support it (2 beats, 3, a bar of 4)
LOCAL_OCTAVES = 0.12         # how far a local tempo may stray from the song's tempo (about +-9% at one sd)


def log_normal_prior(bpm: np.ndarray, centre: float = PRIOR_CENTRE_BPM, octaves: float = PRIOR_OCTAVES) -> np.ndarray:
    """Unnormalised log-normal weight of each tempo in BPM (1.0 at `centre`)."""
    return np.exp(-0.5 * (np.log2(np.maximum(bpm, 1e-6) / centre) / octaves) ** 2)


def tempo_axis(n_lags: int, frames_per_second: float) -> np.ndarray:
    """BPM of each autocorrelation lag (lag 0 -> inf)."""
    lags = np.arange(n_lags, dtype=float)
    with np.errstate(divide="ignore"):
        return 60.0 * frames_per_second / lags


def tempo_candidates(tempogram: np.ndarray, frames_per_second: float, count: int = 3) -> list[tuple[float, float]]:
    """The song's likeliest tempi, [(BPM, weight), ...] best first, from an autocorrelation
    tempogram (lags, frames).

    The tempogram is averaged over the song; each of its peaks is scored by its prominence plus
    half that of the peaks at its metrical relatives (METRICAL_LAGS), weighed by the prior, and
    refined by parabolic interpolation between lags. A song without any periodicity gets
    [(PRIOR_CENTRE_BPM, 0.0)] (the beat tracker then finds little to follow)."""
    from scipy.signal import find_peaks, peak_prominences

    strength = tempogram.mean(axis=1)
    bpm = tempo_axis(strength.size, frames_per_second)
    peaks, _ = find_peaks(strength)
    peaks = peaks[(bpm[peaks] >= MIN_BPM / 4.4) & (bpm[peaks] <= MAX_BPM * 2.2)]  # wider: metrical support
    candidates = (bpm[peaks] >= MIN_BPM) & (bpm[peaks] <= MAX_BPM)
    if not candidates.any():
        return [(PRIOR_CENTRE_BPM, 0.0)]
    # a peak's prominence, not its height: the tempogram of busy music sits on a high floor,
    # and a small bump near the prior's centre must not beat a clear peak further away
    prominence = peak_prominences(strength, peaks)[0]

    def support(lag: float) -> float:
        near = np.abs(peaks / lag - 1) <= 0.04
        return float(prominence[near].max()) if near.any() else 0.0

    # a beat's metrical relatives peak too: eighth notes at half its lag, and 2, 3 and 4 beats
    # (a bar of 4/4); a 3:2 impostor (a lag of a beat and a half) has no peak at 3 times its lag
    salience = np.array([p + 0.5 * sum(support(lag * k) for k in METRICAL_LAGS)
                         for p, lag in zip(prominence, peaks)])
    weighted = np.where(candidates, salience * log_normal_prior(bpm[peaks]), -np.inf)
    order = [i for i in np.argsort(-weighted) if np.isfinite(weighted[i])][:count]
    return [(float(60.0 * frames_per_second / _refine(strength, int(peaks[i]))), float(weighted[i])) for i in order]


def local_tempo(tempogram: np.ndarray, frames_per_second: float, around_bpm: float, smooth_frames: int) -> np.ndarray:
    """Tempo in BPM at each frame, kept near `around_bpm` so that it follows changes without
    jumping an octave; median-filtered over `smooth_frames` so a fill or a break does not count."""
    from scipy.ndimage import median_filter

    bpm = tempo_axis(tempogram.shape[0], frames_per_second)
    valid = (bpm >= MIN_BPM) & (bpm <= MAX_BPM)
    weight = np.where(valid, log_normal_prior(bpm, around_bpm, LOCAL_OCTAVES), 0.0)
    best = np.argmax(tempogram * weight[:, None], axis=0)
    frames = np.where(valid[best], bpm[np.maximum(best, 1)], around_bpm)
    return median_filter(frames, size=max(int(smooth_frames), 1), mode="nearest")


def _refine(values: np.ndarray, index: int) -> float:
    """Sub-lag position of the peak at `index` (parabola through it and its neighbours)."""
    if index <= 0 or index >= values.size - 1:
        return float(index)
    a, b, c = values[index - 1], values[index], values[index + 1]
    denom = a - 2 * b + c
    return float(index + (0.5 * (a - c) / denom if denom < 0 else 0.0))
