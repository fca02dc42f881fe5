"""One palette and layout scale for every screen, so the scenes look like one game."""
from __future__ import annotations

from game.palette import WRONG_LIMB_COLOUR

Colour = tuple[int, int, int]

WIDTH, HEIGHT = 1280, 720  # logical canvas; the window scales it

BG_TOP: Colour = (10, 6, 28)
BG_BOTTOM: Colour = (32, 10, 52)
PANEL: Colour = (24, 18, 48)
PANEL_HI: Colour = (38, 28, 72)
PANEL_EDGE: Colour = (70, 56, 120)
TEXT: Colour = (244, 240, 255)
TEXT_DIM: Colour = (168, 158, 204)
TEXT_FAINT: Colour = (110, 100, 150)
PINK: Colour = (255, 79, 163)
CYAN: Colour = (61, 225, 255)
VIOLET: Colour = (166, 107, 255)
GOLD: Colour = (255, 211, 77)
GOLD_DEEP: Colour = (200, 140, 20)
RED: Colour = (255, 86, 110)
GREEN: Colour = (90, 240, 160)
BROKEN: Colour = (120, 110, 130)
# Wrong limbs: a red no member may wear (the song loader refuses it), striped with white.
WRONG: Colour = WRONG_LIMB_COLOUR
WRONG_STRIPE: Colour = (255, 255, 255)

GRADE_COLOURS: dict[str, Colour] = {
    "perfect": (255, 228, 92), "great": (90, 240, 160), "good": (61, 200, 255), "miss": (255, 86, 110),
}
LETTER_COLOURS: dict[str, Colour] = {
    "S+": GOLD, "S": GOLD, "A": PINK, "B": CYAN, "C": VIOLET, "D": TEXT_DIM,
}
DIFFICULTY_COLOURS: dict[str, Colour] = {"easy": GREEN, "normal": CYAN, "hard": PINK}


def lerp(a: Colour, b: Colour, t: float) -> Colour:
    t = max(0.0, min(1.0, t))
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


def scale(c: Colour, k: float) -> Colour:
    return (min(255, int(c[0] * k)), min(255, int(c[1] * k)), min(255, int(c[2] * k)))


def grade_colour(grade: object) -> Colour:
    """Colour for a Grade enum (or its name), tolerant of either."""
    name = getattr(grade, "name", str(grade)).lower()
    return GRADE_COLOURS.get(name, TEXT)
