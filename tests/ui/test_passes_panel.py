"""The results' Passes panel: grade cells carry a mark (not colour alone), stay small for a
one-move section, and a legend names the marks and the "Then" symbols."""
import os
import sys
from pathlib import Path

import pygame
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "practice"))
from test_plan import make_chart  # noqa: E402

from game.judge import Grade, Judgement  # noqa: E402
from game.practice.passes import PassResult, moves_across  # noqa: E402
from game.ui import theme  # noqa: E402
from game.ui.passes_panel import MAX_CELL_H, MAX_CELL_W, draw_passes, legend_items  # noqa: E402

P, G, O, M = Grade.PERFECT, Grade.GREAT, Grade.GOOD, Grade.MISS
RECT = pygame.Rect(0, 0, 780, 254)


@pytest.fixture(autouse=True)
def _pygame():
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.init()
    yield


def _pass(n, cues, grades, verdict=None, speed=0.6):
    js = tuple(Judgement(cue=c, grade=g, offset=None if g is M else 0.0, held=1.0) for c, g in zip(cues, grades))
    return PassResult(n, speed, js, tuple(cues), verdict=verdict)


def _miss_pixels(surface):
    """(xs, ys) of the pixels in the Miss colour, below the per-pass rows (where the cells are)."""
    colour = theme.grade_colour(M)
    xs, ys = [], []
    for y in range(150, RECT.h - 30):
        for x in range(160, RECT.w):
            if surface.get_at((x, y))[:3] == colour:
                xs.append(x)
                ys.append(y)
    return xs, ys


def test_a_one_move_section_draws_small_cells_with_a_mark_in_each():
    cues = make_chart().cues[:1]
    passes = [_pass(0, cues, [M], "again"), _pass(1, cues, [M], "done")]
    surface = pygame.Surface(RECT.size)
    draw_passes(surface, RECT, passes, moves_across(passes), "en")
    xs, ys = _miss_pixels(surface)
    assert xs, "the miss cells are drawn"
    assert max(ys) - min(ys) + 1 <= MAX_CELL_H  # no big red squares
    # two cells, each at most MAX_CELL_W wide: the Miss colour spans little of each column
    first = [x for x in xs if x < min(xs) + MAX_CELL_W + 2]
    assert max(first) - min(first) + 1 <= MAX_CELL_W
    # the mark: pixels inside the first cell that are not the Miss colour (the dark "×")
    cell = pygame.Rect(min(first), min(ys), max(first) - min(first) + 1, max(ys) - min(ys) + 1)
    inside = {surface.get_at((x, y))[:3] for x in range(cell.x + 3, cell.right - 3) for y in range(cell.y + 3, cell.bottom - 3)}
    assert len(inside) > 1


def test_the_legend_names_only_what_the_panel_shows():
    cues = make_chart().cues[:3]
    passes = [_pass(0, cues, [M, P, G], "up"), _pass(1, cues, [G, P, P], "mastered", 1.0), _pass(2, cues[:1], [P], "stopped")]
    grades, verdicts = legend_items(passes, moves_across(passes))
    assert grades == [P, G, M] and verdicts == ["up", "mastered", "stopped"]
    grades, verdicts = legend_items(passes[:1] + [_pass(1, cues, [O, O, O], None)], moves_across(passes[:1]))
    assert verdicts == ["up", "same"]
