"""The accuracy-driven tempo ramp: a reducer over passes of a loop.

Start slow; after a pass whose share of Perfect + Great reaches `up_at`, the next pass is one
step faster; after a poor pass (share below `down_below`) one step slower; otherwise the same
speed again. The section is mastered when a pass at the top speed reaches `up_at`. (Learning
research favours slowed part-practice with the tempo raised as accuracy allows; this turns it
into a rule a player can see.)"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from game.judge import Grade

SPEEDS = (0.6, 0.75, 0.9, 1.0)
GOOD_GRADES = (Grade.PERFECT, Grade.GREAT)


@dataclass(frozen=True)
class RampRule:
    speeds: tuple[float, ...] = SPEEDS  # slowest first
    up_at: float = 0.8  # share of Perfect + Great in a pass to step up
    down_below: float = 0.4  # share below which the next pass is slower

    def __post_init__(self) -> None:
        if not self.speeds or list(self.speeds) != sorted(self.speeds):
            raise ValueError(f"ramp speeds must be given slowest first, got {self.speeds}")
        if not 0 <= self.down_below < self.up_at <= 1:
            raise ValueError(f"need 0 <= down_below < up_at <= 1, got {self.down_below}, {self.up_at}")


@dataclass(frozen=True)
class RampState:
    level: int = 0  # index into the rule's speeds
    passes: int = 0
    mastered: bool = False
    last_share: float | None = None  # Perfect + Great share of the last pass

    def speed(self, rule: RampRule) -> float:
        return rule.speeds[self.level]


def good_share(grades: Iterable[Grade]) -> float:
    """Share of Perfect and Great among a pass's grades (0 for an empty pass)."""
    grades = list(grades)
    return sum(g in GOOD_GRADES for g in grades) / len(grades) if grades else 0.0


def after_pass(state: RampState, grades: Iterable[Grade], rule: RampRule = RampRule()) -> RampState:
    """The ramp after one more pass with these grades."""
    share = good_share(grades)
    level = state.level
    mastered = state.mastered
    if share >= rule.up_at:
        if level == len(rule.speeds) - 1:
            mastered = True
        level = min(level + 1, len(rule.speeds) - 1)
    elif share < rule.down_below:
        level = max(level - 1, 0)
    return RampState(level=level, passes=state.passes + 1, mastered=mastered, last_share=round(share, 4))
