"""The judge: a pure function of (cue, timestamped predictions, windows) -> judgement.

A cue is hit by a *stretch* of frames in its pose, found with hysteresis (ML Kit's pose
classifier: enter at one probability, stay while above a lower one) and long enough in frame
time that one stray frame never counts. A dancer passing through a key pose for two frames at
30 fps is hit. Each cue is decided by the best match in its window: the best grade, then the
highest peak probability, then the closest limbs. The offset is measured from the beat to the
stretch: held through the beat = 0 (on time), reached after it = late, left before it = early.
The rule and its numbers are in docs/charts.md ("How a move is judged")."""
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


GRADE_ORDER = tuple(Grade)  # best first
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
    """What counts as the player being in a pose (docs/charts.md has the reasons for the numbers).

    A stretch is entered by a frame with p(pose) >= min_confidence and goes on while frames stay
    >= stay_confidence (ML Kit's pose classifier enters at 6 of 10 neighbours and leaves below 4).
    It counts when its first and last frames are at least stable_seconds apart (capture times):
    two frames at 30 fps (33 ms), three at 60 fps; a single frame never. A gap between frames
    longer than max_gap (dropped frames, lost tracking) ends a stretch."""

    min_confidence: float = 0.6
    stay_confidence: float = 0.4
    stable_seconds: float = 0.025
    max_gap: float = 0.25
    lookback: float = 4.0  # how far before a cue's window a stretch held through it may have begun (s)


@dataclass(frozen=True)
class Prediction:
    """What the recogniser saw in one camera frame, stamped with the frame's capture time."""

    t: float
    probs: Mapping[str, float]
    angles: Mapping[str, float] | None = None  # the player's segment directions (docs/poses.md)
    motion: float | None = None  # how much the body moved since the previous frame (torso lengths/s)

    def prob(self, pose: str) -> float:
        return float(self.probs.get(pose, 0.0))

    def top(self) -> str | None:
        """The most probable pose in this frame (may be 'none'), or None without probabilities."""
        return max(self.probs, key=self.probs.get) if self.probs else None


@dataclass(frozen=True)
class Judgement:
    cue: Cue
    grade: Grade
    offset: float | None  # seconds, negative = early; None when missed
    held: float = 1.0  # share of a hold cue's length that was held (1 for a tap)
    player_angles: Mapping[str, float] | None = field(default=None, compare=False)  # at the best match (at the beat on a miss)
    peak_prob: float = 0.0  # highest p(pose): in the matched stretch, or anywhere in the window on a miss
    seen: str | None = None  # the top pose in the frame nearest the beat (None: no frame near it)
    limb_error: float | None = None  # mean degrees off per limb at the best match, when the target is known
    why: str | None = None  # on a miss, why (MISS_REASONS); None on a hit
    near_offset: float | None = None  # on a miss: the nearest stretch's offset from the beat (s), when one was seen
    near_span: float | None = None  # on a "too_brief" miss: how long the briefest-but-best stretch lasted (s)
    trace: tuple[tuple[float, float], ...] = field(default=(), compare=False)  # (capture time s, p(pose)) around the cue


# Why a cue was missed, most telling first (the cue review explains each; docs/charts.md has the rule):
MISS_REASONS = ("too_brief", "too_late", "too_early", "never_reached", "no_frames")
EXPLAIN_BEYOND = 1.0  # a stretch this far (s) past the Good window is still reported as "too late/early"
TRACE_MARGIN = 0.5  # the probability trace reaches this far (s) past the Good window on each side


@dataclass(frozen=True)
class Stretch:
    """Frames [first, last] (capture times, s) in one pose, with its best frame."""

    first: float
    last: float
    peak: Prediction
    peak_prob: float

    @property
    def span(self) -> float:
        return self.last - self.first


def stretches(window: Sequence[Prediction], pose: str, rule: HitRule) -> list[Stretch]:
    """Hysteresis over time-sorted predictions: every stretch in `pose`, counting or not."""
    out: list[Stretch] = []
    first = last = best = None
    best_p = 0.0
    for p in window:
        q = p.prob(pose)
        if first is not None and q >= rule.stay_confidence and p.t - last <= rule.max_gap:
            last = p.t
            if q > best_p:
                best, best_p = p, q
            continue
        if first is not None:
            out.append(Stretch(first, last, best, best_p))
            first = None
        if q >= rule.min_confidence:
            first = last = p.t
            best, best_p = p, q
    if first is not None:
        out.append(Stretch(first, last, best, best_p))
    return out


def _offset(s: Stretch, beat_time: float) -> float:
    if s.first <= beat_time <= s.last:
        return 0.0
    return s.first - beat_time if s.first > beat_time else s.last - beat_time


def _held_share(found: list[Stretch], start: float, end: float) -> float:
    if end <= start:
        return 1.0
    covered = sum(max(0.0, min(s.last, end) - max(s.first, start)) for s in found)
    return min(1.0, covered / (end - start))


def limb_error(target: Mapping[str, float] | None, angles: Mapping[str, float] | None) -> float | None:
    """Mean angle (degrees) between the player's limb segments and the target's, or None."""
    if not target or not angles:
        return None
    diffs = [abs((float(angles[s]) - float(target[s]) + 180.0) % 360.0 - 180.0)
             for s in target if s in angles and s not in ("torso", "head")]
    return sum(diffs) / len(diffs) if diffs else None


def decided_at(cue: Cue, windows: TimingWindows, rule: HitRule) -> float:
    """Song time after which nothing can change the cue's judgement."""
    return max(cue.time + windows.good + rule.stable_seconds, cue.end_time) + rule.max_gap


def _slice(predictions: Sequence[Prediction], start: float, end: float) -> Sequence[Prediction]:
    """Predictions with start <= t <= end, found by bisection: per-cue work never grows with the chart."""
    lo = bisect.bisect_left(predictions, start, key=lambda p: p.t)
    hi = bisect.bisect_right(predictions, end, lo=lo, key=lambda p: p.t)
    return predictions[lo:hi]


def judge_cue(cue: Cue, predictions: Sequence[Prediction], windows: TimingWindows, rule: HitRule = HitRule(),
              now: float = math.inf, target: Mapping[str, float] | None = None) -> Judgement | None:
    """Judge one cue from predictions sorted by capture time (s), or None while it can still change.

    `target` is the pose's limb angles (degrees, docs/poses.md); when given, closeness breaks ties
    between equally good matches and is reported. A tap held through its beat is final at once."""
    end = max(cue.end_time, cue.time)
    window = _slice(predictions, cue.time - windows.good - rule.lookback, end + windows.good + rule.stable_seconds + rule.max_gap)
    found = stretches(window, cue.pose, rule)
    counting = [s for s in found if s.span >= rule.stable_seconds - 1e-9]
    candidates = [(s, _offset(s, cue.time)) for s in counting]
    candidates = [(s, o) for s, o in candidates if abs(o) <= windows.good + 1e-9]
    best = min(candidates, key=lambda c: (GRADE_ORDER.index(windows.result_for(c[1])), -c[0].peak_prob,
                                          limb_error(target, c[0].peak.angles) or 0.0, abs(c[1])), default=None)
    offset = best[1] if best else None
    final = now >= decided_at(cue, windows, rule) or (offset == 0.0 and not cue.is_hold)
    if not final:
        return None
    nearest = min(window, key=lambda p: abs(p.t - cue.time), default=None)
    if nearest is not None and abs(nearest.t - cue.time) > rule.max_gap:
        nearest = None
    if best is not None:
        matched = best[0].peak
        held = _held_share(counting, cue.time, cue.end_time) if cue.is_hold else 1.0
        peak = best[0].peak_prob
    else:
        matched, held = nearest, 0.0
        scored = _slice(window, cue.time - windows.good, end + windows.good)
        peak = max((p.prob(cue.pose) for p in scored), default=0.0)
    angles = matched.angles if matched is not None else None
    why, near_offset, near_span = (None, None, None) if best is not None else _why_missed(cue, window, found, windows, rule)
    traced = _slice(window, cue.time - windows.good - TRACE_MARGIN, end + windows.good + TRACE_MARGIN)
    return Judgement(cue=cue, grade=windows.result_for(offset), offset=offset, held=held, player_angles=angles,
                     peak_prob=round(peak, 4), seen=nearest.top() if nearest else None,
                     limb_error=limb_error(target, angles), why=why, near_offset=near_offset, near_span=near_span,
                     trace=tuple((p.t, round(p.prob(cue.pose), 3)) for p in traced))


def _why_missed(cue: Cue, window: Sequence[Prediction], found: list[Stretch], windows: TimingWindows,
                rule: HitRule) -> tuple[str, float | None, float | None]:
    """(reason, nearest stretch's offset s, brief stretch's span s) for a cue no stretch hit.

    A stretch inside the Good window but shorter than stable_seconds (one frame) is "too_brief" (the
    move was there on time: holding it longer hits); else one long enough but outside the window
    (by up to EXPLAIN_BEYOND) is "too_late" or "too_early"; frames
    in the window that never reached min_confidence are "never_reached"; no frames, "no_frames"."""
    end = max(cue.end_time, cue.time)
    near = [(s, _offset(s, cue.time)) for s in found]
    counting = [(s, o) for s, o in near if s.span >= rule.stable_seconds - 1e-9 and abs(o) <= windows.good + EXPLAIN_BEYOND]
    brief = [(s, o) for s, o in near if s.span < rule.stable_seconds - 1e-9 and abs(o) <= windows.good + 1e-9]
    if brief:
        s, o = max(brief, key=lambda c: (c[0].peak_prob, -abs(c[1])))
        return "too_brief", o, s.span
    if counting:
        s, o = min(counting, key=lambda c: abs(c[1]))
        return ("too_late" if o > 0 else "too_early"), o, None
    if _slice(window, cue.time - windows.good, end + windows.good):
        return "never_reached", None, None
    return "no_frames", None, None


def judge(cues: Sequence[Cue], predictions: Sequence[Prediction], windows: TimingWindows,
          rule: HitRule = HitRule(), targets: Mapping[str, Mapping[str, float]] | None = None) -> list[Judgement]:
    """Judge a whole chart after the fact: exactly one judgement per cue, in cue order.

    Sorts once (N log N), then each cue looks only at its own window: linear in the chart."""
    ordered = sorted(predictions, key=lambda p: p.t)
    targets = targets or {}
    return [judge_cue(cue, ordered, windows, rule, target=targets.get(cue.pose)) for cue in cues]  # type: ignore[misc]
