"""Step mode: the song waits at each move until the player is in the pose (the original teacher).

The song runs until a cue's beat. If the judge already counts the move (held through the beat,
or reached and left within the window before it), nothing stops. Otherwise the song time
freezes on the beat (the window loops the bar's music) and the cue stays up until the player is
in the pose by the judge's own hit rule; then the song resumes from that beat. The grade is the
judge's for the offset from the beat, so a move matched long after the beat is "matched, not on
time" (a Miss by timing, `waited` says how long). Holds count as taps here: holding is not what
a step-by-step teacher checks.

Pure: told `now` (game time, s) and fed predictions stamped on the same clock; it never reads a
clock. Matching uses only the judge's public `judge_cue` and `HitRule`, so a change to the hit rule
(hysteresis, stable time) changes step mode the same way."""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from typing import Iterable

from game import scoring
from game.chart import Chart, Cue
from game.judge import Grade, HitRule, Judgement, Prediction, TimingWindows, judge_cue
from game.session import KEEP_SECONDS


@dataclass(frozen=True)
class StepResult:
    """A judged cue in step mode: the judgement (cue on game time) and how long the song waited (s)."""

    judgement: Judgement
    waited: float
    matched: bool  # False only when skipped


class StepSession:
    """One step-mode play of a chart whose cue times are song times (already scaled for speed)."""

    def __init__(self, chart: Chart, windows: TimingWindows, rule: HitRule = HitRule(), settle_s: float = 0.0):
        """`settle_s`: how long after a beat its frames are all in (the camera pipeline's capture-to-
        judgement latency, ~40-55 ms in the window; 0 on the virtual clock). The move is checked
        then, so a pose held through the beat never stops the song for frames still on their way;
        if the song has to wait, it waits that long after the beat."""
        self.chart = chart
        self.windows = windows
        self.rule = rule
        self.settle_s = settle_s
        self.score = scoring.initial(chart)
        self.results: list[StepResult] = []
        self._predictions: list[Prediction] = []
        self._next = 0
        self._frozen_for = 0.0  # seconds the song has stood still so far: song time = now - this
        self._waiting_since: float | None = None  # game time of the beat the song froze on

    # --- what the scene shows ------------------------------------------------------------
    @property
    def current(self) -> Cue | None:
        """The cue being shown (the next one to do), or None when all are done."""
        return self.chart.cues[self._next] if self._next < len(self.chart.cues) else None

    @property
    def waiting_since(self) -> float | None:
        """Game time (s) at which the song stopped to wait for the current pose, or None while it plays."""
        return self._waiting_since

    def song_time(self, now: float) -> float:
        """Song seconds at game time `now`: frozen on the beat (plus settle_s) while waiting."""
        if self._waiting_since is not None:
            return self.chart.cues[self._next].time + self.settle_s
        return now - self._frozen_for

    def finished(self, now: float = math.inf) -> bool:
        return self._next >= len(self.chart.cues)

    @property
    def judgements(self) -> list[Judgement]:
        return [r.judgement for r in self.results]

    # --- driving it ------------------------------------------------------------------------
    def feed(self, predictions: Iterable[Prediction]) -> None:
        """Add predictions (capture times on the game clock); late arrivals are sorted in."""
        self._predictions.extend(predictions)
        self._predictions.sort(key=lambda p: p.t)  # nearly sorted: linear

    def update(self, now: float) -> list[StepResult]:
        """Advance to game time `now` (s); return the cues judged on the way."""
        done: list[StepResult] = []
        while self._next < len(self.chart.cues):
            cue = self.chart.cues[self._next]
            beat_t = cue.time + self._frozen_for
            if self._waiting_since is None:
                if now < beat_t + self.settle_s:
                    break
                on_beat = self._on_game_time(cue, beat_t)
                judgement = judge_cue(on_beat, self._upto(now), self.windows, self.rule, now=math.inf)
                if judgement.grade is not Grade.MISS:
                    done.append(self._record(judgement, 0.0, True))
                    continue
                self._waiting_since = beat_t
            matched_at = self._matched_now(cue, now)
            if matched_at is None:
                break
            done.append(self._resume(cue, matched_at, now))
        self._forget(now)
        return done

    def skip(self, now: float) -> StepResult | None:
        """The player gave up on the current cue (a key in the window; a time limit headless): a Miss."""
        cue = self.current
        if cue is None or self._waiting_since is None:
            return None  # only a cue the song is waiting on can be skipped
        miss = Judgement(cue=self._on_game_time(cue, self._waiting_since), grade=Grade.MISS, offset=None, held=0.0)
        return self._resume_with(miss, now, matched=False)

    # --- inside ------------------------------------------------------------------------------
    def _on_game_time(self, cue: Cue, beat_t: float) -> Cue:
        return replace(cue, time=beat_t, end_time=beat_t, hold_beats=0.0)

    def _upto(self, now: float) -> list[Prediction]:
        """Predictions up to `now`, from KEEP_SECONDS before it (the judge looks back a few seconds at most)."""
        lo = bisect.bisect_left(self._predictions, now - KEEP_SECONDS, key=lambda p: p.t)
        return self._predictions[lo:bisect.bisect_right(self._predictions, now, key=lambda p: p.t)]

    def _forget(self, now: float) -> None:
        cut = bisect.bisect_left(self._predictions, now - KEEP_SECONDS, key=lambda p: p.t)
        if cut:
            del self._predictions[:cut]

    def _matched_now(self, cue: Cue, now: float) -> float | None:
        """Capture time of the latest frame if the player is in the cue's pose there (by the judge's rule)."""
        seen = self._upto(now)
        if not seen:
            return None
        latest = seen[-1].t
        if self._waiting_since is not None and latest < self._waiting_since:
            return None
        probe = judge_cue(self._on_game_time(cue, latest), seen, self.windows, self.rule, now=latest)
        return latest if probe is not None and probe.offset == 0.0 else None

    def _resume(self, cue: Cue, matched_at: float, now: float) -> StepResult:
        beat_t = self._waiting_since
        # a stretch that ended within the window before the beat was already a hit at the beat
        seen = [p for p in self._upto(now) if p.t >= beat_t - self.windows.good]
        wide = replace(self.windows, good=max(self.windows.good, matched_at - beat_t + 1.0))
        found = judge_cue(self._on_game_time(cue, beat_t), seen, wide, self.rule, now=math.inf)
        judgement = replace(found, grade=self.windows.result_for(found.offset))
        return self._resume_with(judgement, now, matched=True)

    def _resume_with(self, judgement: Judgement, now: float, matched: bool) -> StepResult:
        cue = self.chart.cues[self._next]
        waited = now - judgement.cue.time - self.settle_s
        self._frozen_for = now - cue.time - self.settle_s  # the song goes on from where it waited
        self._waiting_since = None
        return self._record(judgement, waited, matched)

    def _record(self, judgement: Judgement, waited: float, matched: bool) -> StepResult:
        result = StepResult(judgement, round(waited, 4), matched)
        self._next += 1
        self.results.append(result)
        self.score = scoring.apply(self.score, judgement)
        return result
