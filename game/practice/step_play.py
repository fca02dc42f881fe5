"""Step mode with the face of a PlaySession, so the play and results scenes drive it unchanged.

StepSession (step.py) decides; this only translates: update() returns judgements, score and
judgements are the session's, and the results' "moves to practise" and early/late chart reuse
PlaySession's own methods over the same judgements."""
from __future__ import annotations

import math
import threading
from typing import Iterable

from game.chart import Chart
from game.judge import HitRule, Judgement, Prediction, TimingWindows
from game.practice.step import StepSession
from game.session import PlaySession


class StepPlaySession:
    """One step-mode play in the window. Times: game seconds (the frame clock; the song stands still
    while it waits, see StepSession.song_time)."""

    def __init__(self, chart: Chart, windows: TimingWindows, rule: HitRule = HitRule(), settle_s: float = 0.0):
        self.step = StepSession(chart, windows, rule, settle_s)
        self.chart, self.windows, self.rule = chart, windows, rule
        self.previous_best: int | None = None  # practice is never a best
        self._lock = threading.Lock()
        self._arrived: list[Prediction] = []  # handed in by the pose worker's thread (take), fed on update

    @property
    def score(self):
        return self.step.score

    @property
    def judgements(self) -> list[Judgement]:
        return self.step.judgements

    def feed(self, predictions: Iterable[Prediction]) -> None:
        self.step.feed(list(predictions))

    def take(self, predictions: Iterable[Prediction], now: float) -> None:
        """Pose worker side (PlaySession.take's contract): only queued; the scene's update() decides,
        since the song's waiting and resuming are the scene's to act on."""
        with self._lock:
            self._arrived.extend(predictions)

    def update(self, now: float) -> list[Judgement]:
        with self._lock:
            arrived, self._arrived = self._arrived, []
        if arrived:
            self.step.feed(arrived)
        return [r.judgement for r in self.step.update(now)]

    def skip(self, now: float) -> Judgement | None:
        """The player gave up on the move the song waits on: a Miss, and the song goes on."""
        result = self.step.skip(now)
        return None if result is None else result.judgement

    def finished(self, now: float = math.inf) -> bool:
        return self.step.finished(now)

    def end_time(self) -> float:
        return 0.0  # no timer: the song ends when the last move is matched

    worst_moves = PlaySession.worst_moves
    offsets = PlaySession.offsets
