"""Where the song sits in a dance video: cross-correlate onset-strength envelopes of the two
sound tracks (librosa), the way audio-to-audio sync tools do (onsets survive a different mix,
loudness or codec; raw waveforms do not).

lag > 0 means the song starts `lag` seconds into the video: video time = song time + lag."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SR = 22050
HOP = 128            # 5.8 ms per envelope frame at SR
MAX_LAG_S = 60.0     # a dance video that starts more than a minute before or after its song is not searched
# The video's sound is this song when the peak is at least MIN_PEAK and at least MIN_RATIO times the best
# other lag (APART away). Measured by benchmarks/align.py on the three dance clips vs songs made from them (clean,
# phone-degraded, started 2-3 s apart: 15 pairs) and vs songs made from unrelated music (42 pairs): matching
# pairs peak 0.69-1.00 at 1.21 times the runner-up or more; unrelated ones reach 0.63, but then only 1.01-1.06
# times it (a steady four-on-the-floor matches a same-tempo song at every beat), and those 1.12+ times it
# peak at 0.33 at most. A peak of SURE_PEAK or more is the same recording whatever the runner-up (a drum
# loop repeats exactly, bar after bar).
MIN_PEAK = 0.45
MIN_RATIO = 1.12
SURE_PEAK = 0.9
APART = 0.2          # s: lags closer than this to the peak are its own shoulders, not another candidate
MIN_OVERLAP = 0.5    # lags where the tracks share less than half the shorter one are not considered (chance peaks)


@dataclass(frozen=True)
class Alignment:
    lag: float         # seconds: video time = song time + lag
    confidence: float  # normalised cross-correlation at the peak, 0..1
    runner_up: float = 0.0  # the same at the best lag more than APART from the peak (another place the song could sit)


def onset_envelope(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """(frames,) onset strength of mono float samples, at SR / HOP frames per second, zero-mean and
    unit-variance (so loudness does not matter)."""
    import librosa
    y = librosa.resample(np.asarray(samples, np.float32), orig_sr=sample_rate, target_sr=SR) if sample_rate != SR else samples
    env = librosa.onset.onset_strength(y=np.asarray(y, np.float32), sr=SR, hop_length=HOP)
    env = env - env.mean()
    return env / (env.std() + 1e-9)


def align(song: np.ndarray, song_rate: int, video: np.ndarray, video_rate: int, max_lag: float = MAX_LAG_S) -> Alignment:
    """Lag (seconds) of `song` (mono samples) inside `video` (mono samples of its sound track), to
    the envelope frame (5.8 ms), refined to a fraction of it by a parabola through the peak."""
    from scipy.signal import correlate
    a, b = onset_envelope(video, video_rate), onset_envelope(song, song_rate)
    corr = correlate(a, b, mode="full", method="fft")  # index k <-> lag k - (len(b) - 1) frames
    lags = np.arange(len(corr)) - (len(b) - 1)
    overlap = np.minimum(len(a), lags + len(b)) - np.maximum(0, lags)  # frames both cover, per lag
    ok = (np.abs(lags) * HOP / SR <= max_lag) & (overlap >= min(len(a), len(b)) * MIN_OVERLAP)
    if not ok.any():
        return Alignment(0.0, 0.0)
    # the peak of the summed correlation (more shared sound is more evidence: a song repeats its
    # bars, and a lag a bar off shares less); the confidence is the mean product there
    score = np.where(ok, corr, -np.inf)
    k = int(np.argmax(score))
    shift = 0.0
    if 0 < k < len(score) - 1 and np.isfinite(score[k - 1]) and np.isfinite(score[k + 1]):
        y0, y1, y2 = score[k - 1], score[k], score[k + 1]
        denom = y0 - 2 * y1 + y2
        shift = 0.5 * (y0 - y2) / denom if denom < 0 else 0.0
    mean = np.where(ok, corr / np.maximum(overlap, 1), -np.inf)
    others = mean[np.abs(lags - lags[k]) * HOP / SR > APART]
    second = float(np.clip(others.max(), 0.0, 1.0)) if others.size and np.isfinite(others.max()) else 0.0
    return Alignment(float((lags[k] + shift) * HOP / SR), float(np.clip(corr[k] / overlap[k], 0.0, 1.0)), second)


def matches(found: Alignment) -> bool:
    """Whether an alignment is the song found in the video's sound (the rule above), not a chance peak."""
    return found.confidence >= SURE_PEAK or (found.confidence >= MIN_PEAK and found.confidence >= MIN_RATIO * found.runner_up)
