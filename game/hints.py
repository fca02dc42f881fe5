"""Which limbs are off, and a short hint that says how to fix the worst one ("raise your left arm").

Pure: compares the player's segment directions with the target pose's (docs/poses.md angles).
The hint is an (action, segment) pair; game.ui.strings words it in the player's language."""
from __future__ import annotations

import math
from typing import Mapping, NamedTuple

from game.poselib import LIMBS, wrap_degrees

OFF_DEGREES = 35.0
ACTIONS = ("raise", "lift", "lower", "out", "in")


class Hint(NamedTuple):
    """What to do (one of ACTIONS: lift is raise for a leg) with which segment (a LIMBS name)."""

    action: str
    segment: str


def angle_diff(a: float, b: float) -> float:
    """Signed smallest difference a - b in degrees, in [-180, 180)."""
    return wrap_degrees(a - b)


def off_limbs(target: Mapping[str, float], player: Mapping[str, float], tolerance: float = OFF_DEGREES) -> dict[str, float]:
    """Segments more than `tolerance` degrees from the target, with the size of the error."""
    return {s: abs(angle_diff(target[s], player[s])) for s in LIMBS
            if s in target and s in player and abs(angle_diff(target[s], player[s])) > tolerance}


def hint(target: Mapping[str, float], player: Mapping[str, float]) -> Hint | None:
    """One instruction for the worst segment, or None when every segment is close enough."""
    off = off_limbs(target, player)
    if not off:
        return None
    segment = max(off, key=off.get)
    part = segment.split("_", 1)[1]
    t, p = math.radians(target[segment]), math.radians(player[segment])
    d_height = -math.cos(t) + math.cos(p)   # + means the target is higher
    d_out = math.sin(t) - math.sin(p)       # + means the target is further out to that side
    if abs(d_height) >= abs(d_out):
        return Hint(("lift" if part in ("thigh", "shin") else "raise") if d_height > 0 else "lower", segment)
    return Hint("out" if d_out > 0 else "in", segment)
