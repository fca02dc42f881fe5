"""The autoplay player: performs a chart as a stream of predictions (demo mode, and how charts are tested).

With jitter it is a human-like player: each move is reached `e` seconds off the beat,
e ~ Normal(0, jitter), and held for HOLD_S centred on that moment (for a hold cue, until its
end plus the same error). So the judged offset is |e| - HOLD_S/2 (0 when |e| <= HOLD_S/2)."""
from __future__ import annotations

import bisect
import heapq
import math
import random
from dataclasses import dataclass, field
from typing import Mapping

from game.chart import Chart
from game.judge import Prediction

HOLD_S = 0.2  # at least the judge's stable time (0.1 s) plus a few frames
FPS = 30.0
NONE = "none"


@dataclass
class Autoplayer:
    chart: Chart
    jitter_ms: float = 0.0
    seed: int = 0
    fps: float = FPS
    pose_angles: Mapping[str, Mapping[str, float]] = field(default_factory=dict)  # to show the player's skeleton

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        sigma = self.jitter_ms / 1000.0
        self.errors = [rng.gauss(0.0, sigma) if sigma > 0 else 0.0 for _ in self.chart.cues]
        stretches = [(cue.time + e - HOLD_S / 2, cue.end_time + e + HOLD_S / 2, cue.pose)
                     for cue, e in zip(self.chart.cues, self.errors)]
        self._points, self._at_point, self._after_point = _segments(stretches)
        start = self.chart.cues[0].time - 2.0 if self.chart.cues else 0.0
        self._frame = math.floor(start * self.fps)

    def pose_at(self, t: float) -> str:
        """The pose held at song time t (seconds): the earliest cue in chart order whose stretch
        [first, last] holds t, found by bisection in O(log cues)."""
        i = bisect.bisect_left(self._points, t)
        if i < len(self._points) and self._points[i] == t:
            return self._at_point[i]
        return self._after_point[i - 1] if i > 0 else NONE

    def predictions_until(self, t: float) -> list[Prediction]:
        out = []
        while self._frame / self.fps <= t:
            ft = self._frame / self.fps
            pose = self.pose_at(ft)
            out.append(Prediction(t=ft, probs={pose: 1.0}, angles=self.pose_angles.get(pose), motion=1.0))
            self._frame += 1
        return out


def _segments(stretches: list[tuple[float, float, str]]) -> tuple[list[float], list[str], list[str]]:
    """Cut the time line at every stretch's first and last moment (sorted `points`); for each point
    and for the open span after it, the pose of the earliest cue (chart order) whose closed stretch
    covers it. A sweep with a heap of active cues: O(n log n) once, where checking every cue on
    every frame made a 4,000-cue chart take minutes."""
    points = sorted({t for first, last, _ in stretches for t in (first, last)})
    starts = sorted(range(len(stretches)), key=lambda i: stretches[i][0])
    active: list[tuple[int, float]] = []  # (cue index, last), earliest cue on top
    at_point, after_point = [], []
    k = 0
    for point in points:
        while k < len(starts) and stretches[starts[k]][0] <= point:
            heapq.heappush(active, (starts[k], stretches[starts[k]][1]))
            k += 1
        while active and active[0][1] < point:  # ended before this point: over for good
            heapq.heappop(active)
        at_point.append(stretches[active[0][0]][2] if active else NONE)
        while active and active[0][1] <= point:  # ends at this point: not after it
            heapq.heappop(active)
        after_point.append(stretches[active[0][0]][2] if active else NONE)
    return points, at_point, after_point
