"""The judge: a pure function of (cue, timestamped predictions, windows) -> judgement.

A cue is hit by a *stable* match (confident for at least `HitRule.stable_seconds`), never by a
single flickering frame. The offset is measured from the beat to the stretch of time the player
held the pose: held through the beat = 0 (on time), reached after it = late, left before it = early."""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping, Sequence

from game.chart import Cue


class Grade(Enum):
    PERFECT = ("Perfect", 1.0, True)
    GREAT = ("Great", 0.7, True)
    GOOD = ("Good", 0.4, True)
    MISS = ("Miss", 0.0, False)

    def __init__(self, label: str, points: float, builds_combo: bool):
        self.label = label
        self.points = points
        self.builds_combo = builds_combo

    @property
    def key(self) -> str:
        return self.name.lower()


DIFFICULTY_SCALE = {"easy": 1.5, "normal": 1.0, "hard": 0.75}


@dataclass(frozen=True)
class TimingWindows:
    """Half-widths in seconds: |offset| <= perfect is Perfect, and so on down to Miss."""

    perfect: float = 0.100
    great: float = 0.200
    good: float = 0.320

    def scaled(self, scale: float = 1.0, add: float = 0.0) -> "TimingWindows":
        """StepMania's rule: window * scale + add."""
        return TimingWindows(self.perfect * scale + add, self.great * scale + add, self.good * scale + add)

    def result_for(self, offset: float | None) -> Grade:
        if offset is None:
            return Grade.MISS
        for grade, width in ((Grade.PERFECT, self.perfect), (Grade.GREAT, self.great), (Grade.GOOD, self.good)):
            if abs(offset) <= width + 1e-9:
                return grade
        return Grade.MISS


def windows_for(difficulty: str, scale: float = 1.0, add: float = 0.0) -> TimingWindows:
    """The windows for a chart difficulty, times the player's own scale setting."""
    return TimingWindows().scaled(DIFFICULTY_SCALE.get(difficulty, 1.0) * scale, add)


@dataclass(frozen=True)
class HitRule:
    """What counts as the player being in a pose: confident enough, for long enough."""

    min_confidence: float = 0.6
    stable_seconds: float = 0.10
    max_gap: float = 0.25  # a longer gap between frames (dropped frames, lost tracking) ends a stretch


@dataclass(frozen=True)
class Prediction:
    """What the recogniser saw in one camera frame, stamped with the frame's capture time."""

    t: float
    probs: Mapping[str, float]
    angles: Mapping[str, float] | None = None  # the player's segment directions (docs/poses.md)
    motion: float | None = None  # how much the body moved since the previous frame (torso lengths/s)

    def prob(self, pose: str) -> float:
        return float(self.probs.get(pose, 0.0))


@dataclass(frozen=True)
class Judgement:
    cue: Cue
    grade: Grade
    offset: float | None  # seconds, negative = early; None when missed
    held: float = 1.0  # share of a hold cue's length that was held (1 for a tap)
    player_angles: Mapping[str, float] | None = field(default=None, compare=False)


def _stretches(times: Sequence[float], matches: Sequence[bool], rule: HitRule) -> list[tuple[float, float]]:
    """Stretches [first, last] of consecutive matching frames, split at long gaps."""
    out: list[tuple[float, float]] = []
    start = last = None
    for t, ok in zip(times, matches):
        if ok and start is not None and t - last <= rule.max_gap:
            last = t
        elif ok:
            if start is not None:
                out.append((start, last))
            start = last = t
        elif start is not None:
            out.append((start, last))
            start = last = None
    if start is not None:
        out.append((start, last))
    return out


def _offset(stretch: tuple[float, float], beat_time: float) -> float:
    first, last = stretch
    if first <= beat_time <= last:
        return 0.0
    return first - beat_time if first > beat_time else last - beat_time


def _held_share(stretches: list[tuple[float, float]], start: float, end: float) -> float:
    if end <= start:
        return 1.0
    covered = sum(max(0.0, min(b, end) - max(a, start)) for a, b in stretches)
    return min(1.0, covered / (end - start))


def decided_at(cue: Cue, windows: TimingWindows, rule: HitRule) -> float:
    """Song time after which nothing can change the cue's judgement."""
    return max(cue.time + windows.good + rule.stable_seconds, cue.end_time) + rule.max_gap


def judge_cue(cue: Cue, predictions: Sequence[Prediction], windows: TimingWindows, rule: HitRule = HitRule(),
              now: float = math.inf) -> Judgement | None:
    """Judge one cue from predictions sorted by time, or None while it can still change.

    A tap held through its beat is final at once (nothing can beat Perfect)."""
    lookback = windows.good + 4.0
    times = [p.t for p in predictions]
    lo = bisect.bisect_left(times, cue.time - lookback)
    hi = bisect.bisect_right(times, max(cue.end_time, cue.time) + windows.good + rule.stable_seconds + rule.max_gap)
    window = predictions[lo:hi]
    matches = [p.prob(cue.pose) >= rule.min_confidence for p in window]
    stretches = [s for s in _stretches(times[lo:hi], matches, rule) if s[1] - s[0] >= rule.stable_seconds - 1e-9]
    candidates = [o for o in (_offset(s, cue.time) for s in stretches) if abs(o) <= windows.good + 1e-9]
    offset = min(candidates, key=abs) if candidates else None
    final = now >= decided_at(cue, windows, rule) or (offset == 0.0 and not cue.is_hold)
    if not final:
        return None
    held = _held_share(stretches, cue.time, cue.end_time) if cue.is_hold and offset is not None else (1.0 if offset is not None else 0.0)
    nearest = min(window, key=lambda p: abs(p.t - cue.time), default=None)
    return Judgement(cue=cue, grade=windows.result_for(offset), offset=offset, held=held,
                     player_angles=nearest.angles if nearest else None)


def judge(cues: Sequence[Cue], predictions: Sequence[Prediction], windows: TimingWindows,
          rule: HitRule = HitRule()) -> list[Judgement]:
    """Judge a whole chart after the fact: exactly one judgement per cue, in cue order."""
    ordered = sorted(predictions, key=lambda p: p.t)
    return [judge_cue(cue, ordered, windows, rule) for cue in cues]  # type: ignore[misc]
