"""Calibration maths: the audio offset from taps, the camera delay from a play or from arm raises.

Pure. Times are seconds on the game clock. Sign conventions match the clock and the judge:
- audio offset (settings.audio_offset_ms): positive when the speakers lag; the clock subtracts it.
- camera delay: positive when the camera picture arrives late; prediction times are stamped that
  much late, so the judge should see `t - delay`.

The camera figures probe the judge's own hit rule (`judge_cue` on a cue moved to each frame's
time): a frame is "in the pose" exactly when the judge would call a beat there on time. No rule is
copied, so hysteresis or a new stable time changes calibration the same way as play."""
from __future__ import annotations

import bisect
import math
import statistics
from dataclasses import dataclass
from typing import Sequence

from game.chart import Cue
from game.judge import Grade, HitRule, Judgement, Prediction, TimingWindows, judge_cue

TAP_MAX_SPREAD_S = 0.030  # StepMania-style: taps this consistent (standard deviation) are trusted
TAP_MIN = 8
CAMERA_MIN_HITS = 8
CAMERA_MAX_SPREAD_S = 0.060  # two frames at 30 fps: a camera's own quantisation
CLICK_MIN = 5
ARMS_UP_POSE = "big_v"  # both arms raised: the shipped library's clearest whole-body signal
SEARCH_S = 0.5  # how far from a beat (or click) a pose is looked for


@dataclass(frozen=True)
class Suggestion:
    """A suggested setting (s) with the evidence: how many samples and how spread (s)."""

    value: float
    spread: float
    samples: int
    accepted: bool
    reason: str  # why it is (not) accepted, in words for the screen

    def as_dict(self) -> dict:
        return {"value_ms": round(self.value * 1000, 1), "spread_ms": round(self.spread * 1000, 1),
                "samples": self.samples, "accepted": self.accepted, "reason": self.reason}


def tap_offset(taps: Sequence[float], beats: Sequence[float], current_offset: float = 0.0,
               max_spread: float = TAP_MAX_SPREAD_S, min_taps: int = TAP_MIN) -> Suggestion:
    """The audio offset from taps to a click track: current offset + mean(tap - nearest beat).

    `taps` are key presses on the game clock (which already subtracts `current_offset`), `beats` the
    clicks' song times, both in s. Accepted when at least `min_taps` taps have a standard deviation
    under `max_spread` (StepMania's autosync trusts consistent samples only; 30 ms here)."""
    ordered = sorted(beats)
    if len(ordered) < 2:
        raise ValueError("need at least two beats to tap to")
    errors = []
    for tap in taps:
        i = bisect.bisect_left(ordered, tap)
        near = min(ordered[max(i - 1, 0): i + 1], key=lambda b: abs(b - tap))
        half_gap = min((abs(b - near) for b in ordered if b != near), default=math.inf) / 2
        if abs(tap - near) < half_gap:
            errors.append(tap - near)
    if len(errors) < min_taps:
        return Suggestion(current_offset, 0.0, len(errors), False, f"tap along to at least {min_taps} beats")
    mean, spread = statistics.fmean(errors), statistics.pstdev(errors)
    if spread >= max_spread:
        return Suggestion(current_offset + mean, spread, len(errors), False,
                          f"taps spread {spread * 1000:.0f} ms (need under {max_spread * 1000:.0f}); tap again, steadily")
    return Suggestion(current_offset + mean, spread, len(errors), True, "taps are steady")


def _in_pose_times(pose: str, around: float, predictions: Sequence[Prediction], rule: HitRule) -> list[tuple[float, bool]]:
    """(frame time, in the pose by the judge's rule) for frames within SEARCH_S of `around`."""
    lo = bisect.bisect_left(predictions, around - SEARCH_S - rule.max_gap - 1.0, key=lambda p: p.t)
    hi = bisect.bisect_right(predictions, around + SEARCH_S + rule.max_gap + 1.0, key=lambda p: p.t)
    window = predictions[lo:hi]
    probe_windows = TimingWindows(0.0, 0.0, 0.0)
    out = []
    for p in window:
        if abs(p.t - around) <= SEARCH_S:
            j = judge_cue(Cue(index=0, beat=0.0, time=p.t, pose=pose, end_time=p.t), window, probe_windows, rule, now=math.inf)
            out.append((p.t, j.offset == 0.0))
    return out


def _runs(frames: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    """[start, end] of each run of consecutive in-pose frames, each edge put halfway to the frame
    outside the run (the pose began somewhere between the two frames: halfway is unbiased)."""
    runs = []
    start = None
    for i, (t, ok) in enumerate(frames):
        if ok and start is None:
            start = (frames[i - 1][0] + t) / 2 if i > 0 else t
        if start is not None and (not ok or i == len(frames) - 1):
            end = (frames[i - 1][0] + t) / 2 if not ok else t
            runs.append((start, end))
            start = None
    return runs


def _spread(values: Sequence[float]) -> float:
    """Half the interquartile range (s): robust to the odd mis-detected move."""
    if len(values) < 2:
        return 0.0
    q = statistics.quantiles(values, n=4)
    return (q[2] - q[0]) / 2


def camera_delay_from_play(judgements: Sequence[Judgement], predictions: Sequence[Prediction],
                           rule: HitRule = HitRule(), current_delay: float = 0.0,
                           min_hits: int = CAMERA_MIN_HITS, max_spread: float = CAMERA_MAX_SPREAD_S) -> Suggestion:
    """The camera delay suggested after a song (as osu! suggests an offset from a play's hit errors).

    For each hit tap cue, the player's pose as held is a run of frames [first, last]; its middle
    minus the beat is how late the move was (the judge calls a pose held through the beat on time,
    so the middle is where a beat sits best). Suggests current delay + the median (as the middle
    half's mean, see middle_mean); accepted with at
    least `min_hits` hits spread (half the IQR) under `max_spread`. Predictions: sorted by time."""
    lateness = []
    for j in judgements:
        if j.grade is Grade.MISS or j.cue.is_hold:
            continue
        runs = _runs(_in_pose_times(j.cue.pose, j.cue.time, predictions, rule))
        if runs:
            first, last = min(runs, key=lambda r: abs((r[0] + r[1]) / 2 - j.cue.time))
            lateness.append((first + last) / 2 - j.cue.time)
    return _suggest(lateness, current_delay, min_hits, max_spread, "hits")


def camera_delay_from_clicks(clicks: Sequence[float], predictions: Sequence[Prediction], rule: HitRule = HitRule(),
                             pose: str = ARMS_UP_POSE, current_delay: float = 0.0, min_clicks: int = CLICK_MIN,
                             max_spread: float = CAMERA_MAX_SPREAD_S) -> Suggestion:
    """The camera delay from "raise both arms on each click": current delay + the median (middle_mean)
    of arrival - click.

    `clicks` are the click times (s, game clock); the arrival is the start of the first run in `pose`
    beginning within SEARCH_S of the click. Predictions: sorted by time."""
    arrivals = []
    for click in clicks:
        runs = [r for r in _runs(_in_pose_times(pose, click, predictions, rule)) if r[0] > click - SEARCH_S]
        if runs:
            arrivals.append(runs[0][0] - click)
    return _suggest(arrivals, current_delay, min_clicks, max_spread, "arm raises")


def middle_mean(samples: Sequence[float]) -> float:
    """Mean of the middle half (the interquartile mean): as robust to outliers as the median, but
    not stuck on the camera's frame grid (estimates come in half-frames; a median picks one of them)."""
    ordered = sorted(samples)
    cut = len(ordered) // 4
    middle = ordered[cut: len(ordered) - cut] or ordered
    return statistics.fmean(middle)


def _suggest(samples: list[float], current: float, minimum: int, max_spread: float, what: str) -> Suggestion:
    if len(samples) < minimum:
        return Suggestion(current, 0.0, len(samples), False, f"only {len(samples)} {what} seen (need {minimum})")
    median, spread = middle_mean(samples), _spread(samples)
    if spread >= max_spread:
        return Suggestion(current + median, spread, len(samples), False,
                          f"{what} spread {spread * 1000:.0f} ms (need under {max_spread * 1000:.0f}); try again")
    return Suggestion(current + median, spread, len(samples), True, f"{len(samples)} {what}, steady")


def delayed(predictions: Sequence[Prediction], delay: float) -> list[Prediction]:
    """The same predictions stamped `delay` s later: a camera whose picture lags (tests, benchmarks)."""
    from dataclasses import replace

    return [replace(p, t=p.t + delay) for p in predictions]
