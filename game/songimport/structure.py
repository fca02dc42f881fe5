"""Where the chorus is: the preview the song list plays.

A chorus is the section a pop song repeats most and plays loudest (the hook comes back two or
three times at full band). We compare every stretch of bars with every other by their harmony
(chroma) and timbre (MFCC), as a bar-level self-similarity matrix (Foote; Goto's RefraiN
detects choruses the same way, from repeated diagonal stripes), count how strongly each
stretch recurs elsewhere, and add how loud it is."""
from __future__ import annotations

import numpy as np

from game.songimport.beats import FPS, Features

PREVIEW_BARS = 8             # the length of a chorus phrase in pop (8 bars: 16 s at 120 BPM)
MIN_PREVIEW_S, MAX_PREVIEW_S = 10.0, 20.0


def bar_features(feats: Features, downbeats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(bars, 25) unit vectors of mean chroma and standardised MFCC per bar, and (bars,) level in dB."""
    frames = np.clip(np.round(np.asarray(downbeats) * FPS).astype(int), 0, feats.onset.size)
    mfcc = (feats.mfcc - feats.mfcc.mean(axis=1, keepdims=True)) / (feats.mfcc.std(axis=1, keepdims=True) + 1e-9)
    chroma = feats.chroma / (feats.chroma.max(axis=0, keepdims=True) + 1e-9)
    vectors, levels = [], []
    for a, b in zip(frames[:-1], frames[1:]):
        b = max(b, a + 1)
        v = np.concatenate([chroma[:, a:b].mean(axis=1) - 0.5, mfcc[:, a:b].mean(axis=1) / 2])
        vectors.append(v / (np.linalg.norm(v) + 1e-9))
        levels.append(float(feats.rms_db[a:b].mean()))
    return np.array(vectors).reshape(-1, 25), np.array(levels)


def chorus_bar(vectors: np.ndarray, levels: np.ndarray, bars: int = PREVIEW_BARS) -> int:
    """Index of the first bar of the most repeated, loudest `bars`-bar stretch.

    Each stretch's recurrence is the sum, over the other non-overlapping places it comes back,
    of how alike the two are bar by bar (mean cosine along the diagonal), counting a place only
    when it is more alike than the song's typical pair. Recurrence and loudness are added as
    z-scores. A song shorter than two stretches returns 0."""
    n = len(vectors) - bars + 1
    if n < 2:
        return 0
    similarity = vectors @ vectors.T
    typical = float(np.median(similarity))
    diagonal = np.array([[np.mean(np.diagonal(similarity[i:i + bars, j:j + bars])) for j in range(n)] for i in range(n)])
    recurrence = np.zeros(n)
    for i in range(n):
        others = np.where(np.abs(np.arange(n) - i) >= bars, diagonal[i], -np.inf)
        recurrence[i] = np.sum(np.clip(others - typical, 0, None)[np.isfinite(others)])
    loudness = np.array([levels[i:i + bars].mean() for i in range(n)])
    score = _z(recurrence) + _z(loudness)
    return int(np.argmax(score))


def preview(feats: Features, downbeats: np.ndarray, duration: float) -> tuple[float, float]:
    """(start, length) in seconds of the chorus preview, starting on a downbeat."""
    downbeats = np.asarray(downbeats, float)
    if downbeats.size < 3:
        return 0.0, float(min(max(duration, 1.0), MAX_PREVIEW_S))
    bar_s = float(np.median(np.diff(downbeats)))
    bars = PREVIEW_BARS
    edges = np.append(downbeats, downbeats[-1] + bar_s)
    vectors, levels = bar_features(feats, edges)
    first = chorus_bar(vectors, levels, bars)
    start = float(downbeats[first])
    length = float(np.clip(bars * bar_s, MIN_PREVIEW_S, MAX_PREVIEW_S))
    length = min(length, max(duration - start, 1.0))
    return round(start, 3), round(length, 3)


def _z(x: np.ndarray) -> np.ndarray:
    sd = float(np.std(x))
    return (x - np.mean(x)) / sd if sd > 0 else np.zeros_like(x)
