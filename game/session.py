"""One play of one chart: predictions in, judgements, score and cheers out.

The play scene and the headless runner both drive this; it never reads a clock itself, it is
told `now` (song time) on each update."""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Protocol

from game import cheers as cheer_rules
from game import scoring
from game.chart import Chart
from game.cheers import Cheer, CheerState, Messages
from game.judge import Grade, HitRule, Judgement, Prediction, TimingWindows, decided_at, judge_cue

KEEP_SECONDS = 12.0  # predictions older than this (behind every pending cue) are dropped


class PredictionSource(Protocol):
    """Anything that produces timestamped predictions: the autoplayer, the camera pipeline."""

    def predictions_until(self, t: float) -> list[Prediction]:
        """New predictions with capture time <= t, in time order."""


@dataclass(frozen=True)
class MoveStats:
    """How one pose went over a play: mean points (grade points times the share held), hits of total."""

    pose: str
    points: float
    hits: int
    total: int


@dataclass
class PlaySession:
    chart: Chart
    windows: TimingWindows
    rule: HitRule = HitRule()
    messages: Messages | None = None
    previous_best: int | None = None

    def __post_init__(self) -> None:
        self.score = scoring.initial(self.chart)
        self.judgements: list[Judgement] = []
        self.cheer_state = CheerState()
        self._predictions: list[Prediction] = []
        self._next = 0  # index of the first cue not yet judged
        self._ended = False

    def feed(self, predictions: Iterable[Prediction]) -> None:
        for p in predictions:
            if self._predictions and p.t < self._predictions[-1].t:
                bisect.insort(self._predictions, p, key=lambda q: q.t)
            else:
                self._predictions.append(p)

    def update(self, now: float) -> list[Judgement | Cheer]:
        """Judge every cue that is decided by `now`; return the new events in order."""
        events: list[Judgement | Cheer] = []
        cues = self.chart.cues
        while self._next < len(cues):
            judgement = judge_cue(cues[self._next], self._predictions, self.windows, self.rule, now)
            if judgement is None:
                break
            self._next += 1
            self.judgements.append(judgement)
            self.score = scoring.apply(self.score, judgement)
            events.append(judgement)
            self._cheer(cheer_rules.on_judgement(self.cheer_state, judgement, self.score.combo, self.messages or {}), events)
        motion = [p for p in self._predictions[-1:] if p.motion is not None]
        if motion and not self.finished(now):
            self._cheer(cheer_rules.on_motion(self.cheer_state, motion[0].t, motion[0].motion, self.messages or {}), events)
        if self.finished(now) and not self._ended:
            self._ended = True
            self.cheer_state, end = cheer_rules.at_end(self.cheer_state, self.score, self.previous_best, self.messages or {})
            events.extend(end)
        self._forget_before(now)
        return events

    def _cheer(self, result: tuple[CheerState, Cheer | None], events: list) -> None:
        self.cheer_state, cheer = result
        if cheer:
            events.append(cheer)

    def _forget_before(self, now: float) -> None:
        horizon = now - KEEP_SECONDS
        if self._next < len(self.chart.cues):
            horizon = min(horizon, self.chart.cues[self._next].time - KEEP_SECONDS)
        cut = bisect.bisect_left(self._predictions, horizon, key=lambda p: p.t)
        if cut:
            del self._predictions[:cut]

    def finished(self, now: float) -> bool:
        return self._next >= len(self.chart.cues)

    def end_time(self) -> float:
        """Song time by which every cue is decided."""
        return max((decided_at(c, self.windows, self.rule) for c in self.chart.cues), default=0.0)

    def worst_moves(self, n: int = 3) -> list[MoveStats]:
        """The poses the player did worst, by mean points lost; the results screen says practise these."""
        by_pose: dict[str, list[Judgement]] = defaultdict(list)
        for j in self.judgements:
            by_pose[j.cue.pose].append(j)
        stats = [MoveStats(pose, sum(j.grade.points * j.held for j in js) / len(js),
                           sum(j.grade is not Grade.MISS for j in js), len(js)) for pose, js in by_pose.items()]
        ranked = sorted(stats, key=lambda m: (1.0 - m.points, m.pose), reverse=True)
        return [m for m in ranked if m.points < 1.0][:n]

    def offsets(self) -> list[tuple[float, float, str]]:
        """(cue time, offset, grade key) for every hit, for the early/late chart."""
        return [(j.cue.time, j.offset, j.grade.key) for j in self.judgements if j.offset is not None]


def summary(session: PlaySession, song_id: str) -> dict:
    """The JSON summary the headless runner prints."""
    s = session.score
    return {"song": song_id, "member": session.chart.member, "difficulty": session.chart.difficulty,
            "cues": len(session.chart.cues), "score": s.score, "max_combo": s.max_combo,
            "accuracy": round(s.accuracy, 4), "grade": s.grade_letter, "stars": s.stars, "full_combo": s.full_combo,
            "judgements": {g.key: s.counts[g] for g in s.counts},
            "worst_moves": [m.pose for m in session.worst_moves()]}

