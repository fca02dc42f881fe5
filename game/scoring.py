"""Score as a reducer over judgements: apply(state, judgement) -> new state. Nothing else scores.

The multiplier rewards combos, yet the score has a fixed maximum: raw points are divided by
what an all-Perfect run of the same chart would earn."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from game.chart import Chart, Cue
from game.judge import Grade, Judgement

MAX_SCORE = 1_000_000
MULTIPLIER_STEPS = ((50, 4), (25, 3), (10, 2), (0, 1))  # combo needed -> multiplier
GRADE_LETTERS = ((0.98, "S+"), (0.95, "S"), (0.90, "A"), (0.80, "B"), (0.70, "C"), (0.0, "D"))
STAR_SCORES = (200_000, 400_000, 600_000, 800_000, 900_000)


def multiplier_for(combo: int) -> int:
    return next(m for need, m in MULTIPLIER_STEPS if combo >= need)


def cue_weight(cue: Cue) -> float:
    return 2.0 if cue.gold else 1.0


def _raw_max(cues: Iterable[Cue]) -> float:
    total = 0.0
    for combo, cue in enumerate(cues):
        total += cue_weight(cue) * multiplier_for(combo)
    return total


@dataclass(frozen=True)
class ScoreState:
    total_cues: int
    raw_max: float
    raw: float = 0.0
    combo: int = 0
    max_combo: int = 0
    judged: int = 0
    accuracy_points: float = 0.0
    counts: Mapping[Grade, int] = field(default_factory=lambda: MappingProxyType({g: 0 for g in Grade}))

    @property
    def multiplier(self) -> int:
        return multiplier_for(self.combo)

    @property
    def score(self) -> int:
        return round(MAX_SCORE * self.raw / self.raw_max) if self.raw_max else 0

    @property
    def accuracy(self) -> float:
        """Mean points per judged cue (Perfect 1, Great 0.7, Good 0.4, Miss 0, times the share held)."""
        return self.accuracy_points / self.judged if self.judged else 0.0

    @property
    def grade_letter(self) -> str:
        if self.judged and self.counts[Grade.PERFECT] == self.total_cues:
            return "S+"
        acc = self.accuracy
        return next(letter for need, letter in GRADE_LETTERS[1:] if acc >= need)

    @property
    def stars(self) -> int:
        return sum(self.score >= s for s in STAR_SCORES)

    @property
    def complete(self) -> bool:
        return self.judged >= self.total_cues

    @property
    def full_combo(self) -> bool:
        return self.complete and self.counts[Grade.MISS] == 0


def initial(chart: Chart) -> ScoreState:
    return initial_for(chart.cues)


def initial_for(cues: Sequence[Cue]) -> ScoreState:
    """The state before any judgement of these cues (a practice pass scores out of its own cues)."""
    return ScoreState(total_cues=len(cues), raw_max=_raw_max(cues))


def apply(state: ScoreState, judgement: Judgement) -> ScoreState:
    """The state after one more judgement. The multiplier in force is the one before this cue."""
    grade = judgement.grade
    earned = grade.points * judgement.held
    combo = state.combo + 1 if grade.builds_combo else 0
    counts = dict(state.counts)
    counts[grade] += 1
    return replace(state,
                   raw=state.raw + earned * cue_weight(judgement.cue) * state.multiplier,
                   combo=combo, max_combo=max(state.max_combo, combo), judged=state.judged + 1,
                   accuracy_points=state.accuracy_points + earned, counts=MappingProxyType(counts))

