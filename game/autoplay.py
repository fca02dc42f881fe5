"""The autoplay player: performs a chart as a stream of predictions (demo mode, and how charts are tested).

With jitter it is a human-like player: each move is reached `e` seconds off the beat,
e ~ Normal(0, jitter), and held for HOLD_S centred on that moment (for a hold cue, until its
end plus the same error). So the judged offset is |e| - HOLD_S/2 (0 when |e| <= HOLD_S/2)."""
from __future__ import annotations

import bisect
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
        # One move at a time, in chart order: where two stretches overlap (a large jitter), the earlier
        # cue keeps its time and the later starts when it ends. Disjoint and sorted, so pose_at is a bisect.
        self._stretches: list[tuple[float, float, str]] = []
        for cue, e in zip(self.chart.cues, self.errors):
            first, last = cue.time + e - HOLD_S / 2, cue.end_time + e + HOLD_S / 2
            if self._stretches:
                first = max(first, math.nextafter(self._stretches[-1][1], math.inf))
            if first <= last:
                self._stretches.append((first, last, cue.pose))
        self._firsts = [s[0] for s in self._stretches]
        start = self.chart.cues[0].time - 2.0 if self.chart.cues else 0.0
        self._frame = math.floor(start * self.fps)

    def pose_at(self, t: float) -> str:
        """The pose held at song time t (seconds): O(log cues)."""
        i = bisect.bisect_right(self._firsts, t) - 1
        if i >= 0 and t <= self._stretches[i][1]:
            return self._stretches[i][2]
        return NONE

    def predictions_until(self, t: float) -> list[Prediction]:
        out = []
        while self._frame / self.fps <= t:
            ft = self._frame / self.fps
            pose = self.pose_at(ft)
            out.append(Prediction(t=ft, probs={pose: 1.0}, angles=self.pose_angles.get(pose), motion=1.0))
            self._frame += 1
        return out
