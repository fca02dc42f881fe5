"""The autoplay player: performs a chart as a stream of predictions (demo mode, and how charts are tested).

With jitter it is a human-like player: each move is reached `e` seconds off the beat,
e ~ Normal(0, jitter), and held for HOLD_S centred on that moment (for a hold cue, until its
end plus the same error). So the judged offset is |e| - HOLD_S/2 (0 when |e| <= HOLD_S/2)."""
from __future__ import annotations

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
        self._stretches = []
        for cue, e in zip(self.chart.cues, self.errors):
            self._stretches.append((cue.time + e - HOLD_S / 2, cue.end_time + e + HOLD_S / 2, cue.pose))
        start = self.chart.cues[0].time - 2.0 if self.chart.cues else 0.0
        self._frame = math.floor(start * self.fps)

    def pose_at(self, t: float) -> str:
        for first, last, pose in self._stretches:
            if first <= t <= last:
                return pose
        return NONE

    def predictions_until(self, t: float) -> list[Prediction]:
        out = []
        while self._frame / self.fps <= t:
            ft = self._frame / self.fps
            pose = self.pose_at(ft)
            out.append(Prediction(t=ft, probs={pose: 1.0}, angles=self.pose_angles.get(pose), motion=1.0))
            self._frame += 1
        return out
