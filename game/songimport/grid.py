"""Fit a steady beat grid (a tempo map) to tracked beats: one tempo, changed only where the
music really changes it.

A beat tracker's beats wobble by a frame or two, skip or double a beat now and then, and in a
quiet part may slide onto the off-beats; songs made on a click track (nearly all pop) have one
exact tempo. So we first fit one period and phase that the most tracked beats agree with (a
robust search, blind to skipped beats), then least squares on those beats. Only when the beat
intervals themselves keep another tempo for four bars or more is the song split into stretches
(optimal partitioning with a per-change penalty, as in PELT), each stretch fitted the same robust
way, and the change put on the beat where the two grids meet.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BEAT_JITTER_S = 0.025        # how far a tracked beat strays from the true beat on a steady song
CHANGE_PENALTY = 60.0        # cost of one tempo change, in units of BEAT_JITTER_S squared per beat
MIN_STRETCH_BEATS = 16       # four bars: a shorter stretch is a fill or a break, not a new tempo
MIN_CHANGE = 0.01            # tempos closer than 1% are one tempo
CHANGE_SHARE = 0.03          # a new tempo differs from the song's by more than 3% (about 4 BPM at 128)


@dataclass(frozen=True)
class Grid:
    """Beat `index` -> seconds: a continuous line whose slope changes at `knots` (beat indices).

    `start_seconds` is the time of index 0; `periods` holds seconds per beat before the first
    knot and after each knot (len(knots) + 1)."""

    start_seconds: float
    knots: tuple[float, ...]
    periods: tuple[float, ...]

    def seconds(self, index: np.ndarray | float) -> np.ndarray:
        """Seconds at beat index (fractional and negative indices extend the end stretches)."""
        i = np.asarray(index, dtype=float)
        t = self.start_seconds + i * self.periods[0]
        for knot, before, after in zip(self.knots, self.periods, self.periods[1:]):
            t = t + np.maximum(i - knot, 0.0) * (after - before)
        return t

    def index_at(self, seconds: float) -> float:
        """The (fractional) beat index playing at `seconds` (inverse of seconds())."""
        lo, hi = -1e6, 1e6
        for _ in range(80):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if float(self.seconds(mid)) < seconds else (lo, mid)
        return 0.5 * (lo + hi)

    def shifted(self, seconds: float) -> "Grid":
        return Grid(self.start_seconds + seconds, self.knots, self.periods)

    @property
    def bpms(self) -> tuple[float, ...]:
        return tuple(60.0 / p for p in self.periods)


def beat_indices(beats: np.ndarray) -> np.ndarray:
    """Grid index of each tracked beat (seconds, ascending): a gap of about two local periods is
    a skipped beat. Local period = median of the nine nearest intervals."""
    beats = np.asarray(beats, float)
    gaps = np.diff(beats)
    if gaps.size == 0:
        return np.zeros(beats.size)
    local = np.array([np.median(gaps[max(0, i - 4): i + 5]) for i in range(gaps.size)])
    steps = np.maximum(np.round(gaps / local), 1)
    return np.concatenate([[0.0], np.cumsum(steps)])


def fit_grid(beats: np.ndarray, allow_changes: bool = True, period: float | None = None) -> Grid:
    """The steady grid through tracked beats (seconds, ascending, at least 4).

    First one tempo for the whole song, fitted robustly (the tracker may wander onto off-beats in
    a quiet part); only when the beats themselves keep another tempo for a while (tempo_changes)
    and a grid with changes holds more of them are changes written. With `period`
    (seconds per beat) given, only the phase is fitted. Raises ValueError on fewer than 4 beats."""
    beats = np.asarray(beats, float)
    if beats.size < 4:
        raise ValueError("too few beats to fit a tempo")
    steady = steady_grid(beats, period)
    if period is not None or not allow_changes or not tempo_changes(beats, steady.periods[0]):
        return steady
    changing = _changing_grid(beats)
    return changing if _on_grid(changing, beats) > _on_grid(steady, beats) else steady


def tempo_changes(beats: np.ndarray, period: float) -> bool:
    """True when the beat intervals (median over MIN_STRETCH_BEATS of them, so skipped beats and
    fills do not count) stay more than CHANGE_SHARE away from `period` for MIN_STRETCH_BEATS
    beats in a row. A tracker drifting onto off-beats keeps the period and does not count."""
    from scipy.ndimage import median_filter

    gaps = np.diff(np.asarray(beats, float))
    if gaps.size < MIN_STRETCH_BEATS:
        return False
    local = median_filter(gaps, size=MIN_STRETCH_BEATS, mode="nearest")
    away = np.abs(local / period - 1) > CHANGE_SHARE
    run = longest = 0
    for flag in away:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest >= MIN_STRETCH_BEATS


def steady_grid(beats: np.ndarray, period: float | None = None) -> Grid:
    """One tempo and phase that put the most tracked beats (seconds) within BEAT_JITTER_S of a
    grid beat, searched over periods within 4% of the median beat interval (or the given
    `period`), then refined by least squares on those beats. Independent of skipped beats."""
    centre = float(np.median(np.diff(beats))) if period is None else float(period)
    if period is not None:
        _, p, phase = _best_phase(beats, [centre])
    else:  # coarse (0.1% steps over +-4%), then fine (0.005% steps)
        _, p, _ = _best_phase(beats, centre * (1 + np.linspace(-0.04, 0.04, 81)))
        _, p, phase = _best_phase(beats, p * (1 + np.linspace(-0.001, 0.001, 41)))
    index = np.round((beats - phase) / p)
    near = np.abs(beats - (phase + index * p)) <= 2 * BEAT_JITTER_S
    if period is not None:
        return Grid(float(np.median(beats[near] - index[near] * p)), (), (p,))
    if near.sum() >= 4:
        slope, start = np.polyfit(index[near], beats[near], 1)
        return Grid(float(start), (), (float(slope),))
    return Grid(phase, (), (p,))


def _best_phase(beats: np.ndarray, periods) -> tuple[float, float, float]:
    """(score, period, phase) of the candidate period whose grid lies nearest the most beats
    (a soft count: each beat weighs exp(-d^2 / 2 jitter^2) at distance d from the grid)."""
    best = (-1.0, float(periods[0]), float(beats[0]))
    for p in periods:
        phase = np.mod(beats, p)
        d = np.abs(phase[:, None] - phase[None, :])  # candidate phases: the beats' own
        d = np.minimum(d, p - d)
        score = np.exp(-0.5 * (d / BEAT_JITTER_S) ** 2).sum(axis=0)
        k = int(np.argmax(score))
        if score[k] > best[0]:
            best = (float(score[k]), float(p), float(phase[k]))
    return best


def _on_grid(grid: Grid, beats: np.ndarray, window: float = 2 * BEAT_JITTER_S) -> float:
    """Share of tracked beats within `window` seconds of a beat of `grid`."""
    index = np.round([grid.index_at(b) for b in beats])
    return float(np.mean(np.abs(grid.seconds(index) - beats) <= window))


def _changing_grid(beats: np.ndarray) -> Grid:
    """A grid whose tempo changes where optimal partitioning finds the beats bend.

    Each stretch gets its own steady grid from its beats away from the change (a tracker smears
    the beats across a change, and may squeeze one in); the change is then put on the beat of the
    earlier grid that lies closest to a beat of the later one, so no beat is lost or added."""
    index = beat_indices(beats)
    cuts = [int(np.searchsorted(index, k)) for k in _change_points(index, beats)]
    edges = [0] + cuts + [beats.size]
    margin = 4
    lines = []
    for a, b in zip(edges, edges[1:]):
        inner = beats[a + (margin if a else 0): b - (margin if b < beats.size else 0)]
        lines.append(steady_grid(inner if inner.size >= 4 else beats[a:b]))
    grid = lines[0]
    for cut, line in zip(cuts, lines[1:]):
        if abs(line.periods[0] / grid.periods[-1] - 1) < MIN_CHANGE:
            continue
        near = round(grid.index_at(float(beats[cut])))
        best, best_gap = near, np.inf
        for i in range(near - MIN_STRETCH_BEATS // 2, near + MIN_STRETCH_BEATS // 2 + 1):
            t = float(grid.seconds(i))
            gap = abs(t - float(line.seconds(round(line.index_at(t)))))
            if gap < best_gap and (not grid.knots or i > grid.knots[-1]):
                best, best_gap = i, gap
        grid = Grid(grid.start_seconds, grid.knots + (float(best),), grid.periods + line.periods)
    return grid


def _segment_cost(cs: dict[str, np.ndarray], a: int, b: int) -> float:
    """Sum of squared residuals of the least-squares line through points a..b-1 (prefix sums)."""
    n = b - a
    sx, sy = cs["x"][b] - cs["x"][a], cs["y"][b] - cs["y"][a]
    sxx, sxy, syy = cs["xx"][b] - cs["xx"][a], cs["xy"][b] - cs["xy"][a], cs["yy"][b] - cs["yy"][a]
    vx = sxx - sx * sx / n
    cov = sxy - sx * sy / n
    vy = syy - sy * sy / n
    return max(vy - (cov * cov / vx if vx > 0 else 0.0), 0.0)


def _change_points(index: np.ndarray, beats: np.ndarray) -> list[float]:
    """Beat indices where the tempo changes: optimal partitioning of the points into straight
    stretches of at least MIN_STRETCH_BEATS beats, each change costing CHANGE_PENALTY."""
    n = index.size
    if n < 2 * MIN_STRETCH_BEATS:
        return []
    cs = {k: np.concatenate([[0.0], np.cumsum(v)]) for k, v in
          {"x": index, "y": beats, "xx": index * index, "xy": index * beats, "yy": beats * beats}.items()}
    penalty = CHANGE_PENALTY * BEAT_JITTER_S ** 2
    best = np.full(n + 1, np.inf)
    best[0] = -penalty
    previous = np.zeros(n + 1, dtype=int)
    for b in range(MIN_STRETCH_BEATS, n + 1):
        for a in range(0, b - MIN_STRETCH_BEATS + 1):
            if np.isinf(best[a]) or (0 < a < MIN_STRETCH_BEATS):
                continue
            cost = best[a] + _segment_cost(cs, a, b) + penalty
            if cost < best[b]:
                best[b], previous[b] = cost, a
    cuts, b = [], n
    while b > 0:
        a = previous[b]
        if a > 0:
            cuts.append(float(index[a]))
        b = a
    return sorted(cuts)


