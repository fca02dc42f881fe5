"""One play of one chart: predictions in, judgements, score and cheers out.

The play scene and the headless runner both drive this; it never reads a clock itself, it is
told `now` (song time) on each update. In live play the pose worker also hands each prediction
in the moment it is made (`take`, on the worker thread), so a cue is judged without waiting for
the next drawn frame; the scene's `update` then returns those judgements with its own."""
from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Protocol

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


PRACTISE_BELOW = 0.8  # mean points under which a move with no miss still needs practice (Great = 0.7)
HELD_ENOUGH = 0.9  # a hold held for less of its length than this was let go early


@dataclass(frozen=True)
class MoveStats:
    """How one pose went over a play: mean points (grade points times the share held), hits of total,
    and what went wrong: misses, hits short of Perfect that came late or early, holds let go early."""

    pose: str
    points: float
    hits: int
    total: int
    late: int = 0
    early: int = 0
    let_go: int = 0

    @property
    def misses(self) -> int:
        return self.total - self.hits

    @property
    def needs_practice(self) -> bool:
        """Missed at least once, or hit well below Perfect on average (all Great is 0.7: it does)."""
        return self.misses > 0 or self.points < PRACTISE_BELOW

    def problems(self) -> list[tuple[str, int]]:
        """What went wrong, worst first, as (strings key, count): ("missed_n", 3), ("late_n", 4)..."""
        found = [("missed_n", self.misses), ("late_n", self.late), ("early_n", self.early), ("let_go_n", self.let_go)]
        return sorted((p for p in found if p[1]), key=lambda p: -p[1] if p[0] != "missed_n" else -10**9)


def move_stats(pose: str, js: list[Judgement]) -> MoveStats:
    """One pose's MoveStats from its judgements (all for that pose)."""
    short_of_perfect = [j for j in js if j.offset is not None and j.grade is not Grade.PERFECT]
    return MoveStats(pose, sum(j.grade.points * j.held for j in js) / len(js), sum(j.grade is not Grade.MISS for j in js),
                     len(js), sum(j.offset > 0 for j in short_of_perfect), sum(j.offset < 0 for j in short_of_perfect),
                     sum(j.cue.is_hold and j.offset is not None and j.held < HELD_ENOUGH for j in js))


@dataclass
class PlaySession:
    chart: Chart
    windows: TimingWindows
    rule: HitRule = HitRule()
    messages: Messages | None = None
    previous_best: int | None = None
    targets: Mapping[str, Mapping[str, float]] | None = None  # pose id -> limb angles, for per-limb closeness

    def __post_init__(self) -> None:
        self.score = scoring.initial(self.chart)
        self.judgements: list[Judgement] = []
        self.cheer_state = CheerState()
        self._predictions: list[Prediction] = []
        self._next = 0  # index of the first cue not yet judged
        self._ended = False
        self._lock = threading.RLock()  # the pose worker may call take() while the scene updates
        self._queued: list[Judgement | Cheer] = []  # judged by take(), not yet returned by update()
        self.judged_at: list[float] = []  # song time each judgement was made (for latency figures)

    def feed(self, predictions: Iterable[Prediction]) -> None:
        """Add predictions (any order). One camera frame gives one prediction: a second one with the
        same capture time (already handed in by the worker) is ignored."""
        with self._lock:
            for p in predictions:
                if not self._predictions or p.t > self._predictions[-1].t:
                    self._predictions.append(p)
                    continue
                i = bisect.bisect_left(self._predictions, p.t, key=lambda q: q.t)
                if i == len(self._predictions) or self._predictions[i].t != p.t:
                    self._predictions.insert(i, p)

    def take(self, predictions: Iterable[Prediction], now: float) -> None:
        """Worker side: feed and judge at once; the events wait for the scene's next update()."""
        with self._lock:
            self.feed(predictions)
            self._judge_until(now, self._queued)

    def _judge_until(self, now: float, events: list) -> None:
        cues = self.chart.cues
        targets = self.targets or {}
        while self._next < len(cues):
            cue = cues[self._next]
            judgement = judge_cue(cue, self._predictions, self.windows, self.rule, now, targets.get(cue.pose))
            if judgement is None:
                break
            self._next += 1
            self.judgements.append(judgement)
            self.judged_at.append(now)
            self.score = scoring.apply(self.score, judgement)
            events.append(judgement)
            self._cheer(cheer_rules.on_judgement(self.cheer_state, judgement, self.score.combo, self.messages or {}), events)

    def update(self, now: float) -> list[Judgement | Cheer]:
        """Judge every cue that is decided by `now`; return the new events in order."""
        with self._lock:
            return self._update(now)

    def _update(self, now: float) -> list[Judgement | Cheer]:
        events, self._queued = self._queued, []
        self._judge_until(now, events)
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
        """Up to n poses that need practice (MoveStats.needs_practice), worst mean points first; empty
        when every move was hit close to Perfect. The results screen says practise these."""
        by_pose: dict[str, list[Judgement]] = defaultdict(list)
        for j in self.judgements:
            by_pose[j.cue.pose].append(j)
        stats = [move_stats(pose, js) for pose, js in by_pose.items()]
        ranked = sorted(stats, key=lambda m: (m.points, m.pose))
        return [m for m in ranked if m.needs_practice][:n]

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
            "worst_moves": [m.pose for m in session.worst_moves()],
            "per_cue": per_cue(session.judgements)}


def per_cue(judgements: Iterable[Judgement]) -> list[dict]:
    """One entry per judged cue, for authors: where it is, what was asked, what was seen, how it went.

    `at` is the position as the chart writes it; `time` is seconds into the audio; `offset_ms` is
    null on a miss; `peak_prob` is the best p(pose) (in the matched stretch, or in the window on a
    miss); `seen` is the top pose in the frame nearest the beat (null: nobody seen); `why` (misses
    only) is the judge's reason: too_brief, too_late, too_early, never_reached or no_frames."""
    out = []
    for j in judgements:
        c = j.cue
        entry = {"index": c.index, "at": c.at if c.at is not None else c.beat, "time": round(c.time, 3),
                 "pose": c.pose, "grade": j.grade.key,
                 "offset_ms": None if j.offset is None else round(j.offset * 1000, 1),
                 "peak_prob": round(j.peak_prob, 3), "seen": j.seen}
        if c.is_hold:
            entry["held"] = round(j.held, 3)
        if j.limb_error is not None:
            entry["limb_error_deg"] = round(j.limb_error, 1)
        if j.why is not None:  # why a miss missed (game.judge.MISS_REASONS)
            entry["why"] = j.why
        out.append(entry)
    return out

