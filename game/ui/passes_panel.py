"""The results screen's Passes panel after a looped practice: one column per pass (its speed, share of
Perfect + Great, score, and what the ramp did next), and under it one row per move with its grade
in each pass, so a learner sees both the tempo climbing and which move keeps failing.

Draws only: the figures come from game.practice.passes (the same the headless JSON prints)."""
from __future__ import annotations

from typing import Sequence

import pygame

from game.practice.passes import MoveAcross, PassResult
from game.ui import draw, text, theme
from game.ui.strings import tr

LABEL_W = 150  # the row names' column
ROW_H = 21  # one row of the per-pass figures
MAX_COL_W = 88
VERDICT_COLOURS = {"up": theme.GREEN, "mastered": theme.GOLD, "down": theme.PINK, "stopped": theme.RED}


def _verdict_mark(surface: pygame.Surface, verdict: str | None, centre: tuple[int, int]) -> None:
    """▲ faster next, ▼ slower, ★ mastered, ■ stopped halfway, = the same speed again (or the last pass)."""
    x, y = centre
    colour = VERDICT_COLOURS.get(verdict or "", theme.TEXT_DIM)
    if verdict == "up":
        pygame.draw.polygon(surface, colour, [(x - 7, y + 5), (x + 7, y + 5), (x, y - 6)])
    elif verdict == "down":
        pygame.draw.polygon(surface, colour, [(x - 7, y - 5), (x + 7, y - 5), (x, y + 6)])
    elif verdict == "mastered":
        draw.star(surface, (x, y), 8, colour)
    elif verdict == "stopped":
        pygame.draw.rect(surface, colour, (x - 5, y - 5, 10, 10), border_radius=2)
    else:
        for dy in (-3, 2):
            pygame.draw.rect(surface, colour, (x - 6, y + dy, 12, 2))


def draw_passes(surface: pygame.Surface, rect: pygame.Rect, passes: Sequence[PassResult], moves: Sequence[MoveAcross],
                lang: str, pose_name=lambda pose: pose) -> None:
    """The panel in `rect` (pixels on the 1280x720 canvas); `pose_name(pose id)` gives a move's display name."""
    draw.panel(surface, rect, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
    text.draw(surface, tr("passes", lang), 18, (rect.x + 20, rect.y + 12), theme.TEXT, "bold")
    if not passes:
        return
    n = len(passes)
    col_w = min(MAX_COL_W, (rect.w - 40 - LABEL_W) // n)
    x0 = rect.x + 20 + LABEL_W
    centres = [x0 + col_w * i + col_w // 2 for i in range(n)]
    top = rect.y + 44
    rows = (("pass_col", lambda p: str(p.number + 1), lambda p: theme.TEXT),
            ("practice_speed", lambda p: f"{round(p.speed * 100)}%", lambda p: theme.TEXT),
            ("perfect_great", lambda p: f"{round(p.share * 100)}%",
             lambda p: theme.lerp(theme.RED, theme.GREEN, p.share)),
            ("score", lambda p: f"{p.score.score:,}", lambda p: theme.TEXT_DIM))
    size = 15 if col_w >= 64 else 12
    for r, (key, value, colour) in enumerate(rows):
        y = top + r * ROW_H
        if r % 2 == 0:
            pygame.draw.rect(surface, theme.PANEL_HI, (rect.x + 12, y - 2, rect.w - 24, ROW_H), border_radius=6)
        text.draw(surface, tr(key, lang), 13, (rect.x + 20, y + ROW_H // 2 - 1), theme.TEXT_DIM, "bold", "midleft",
                  max_width=LABEL_W - 8)
        for p, cx in zip(passes, centres):
            text.draw(surface, value(p), size, (cx, y + ROW_H // 2 - 1), colour(p), "bold", "center", max_width=col_w - 4)
    y = top + len(rows) * ROW_H
    text.draw(surface, tr("next_speed", lang), 13, (rect.x + 20, y + ROW_H // 2 - 1), theme.TEXT_DIM, "bold", "midleft",
              max_width=LABEL_W - 8)
    for p, cx in zip(passes, centres):
        _verdict_mark(surface, p.verdict, (cx, y + ROW_H // 2 - 1))
    _draw_moves(surface, pygame.Rect(rect.x + 20, y + ROW_H + 8, rect.w - 40, rect.bottom - 12 - (y + ROW_H + 8)),
                moves, centres, col_w, lang, pose_name)


def _draw_moves(surface: pygame.Surface, area: pygame.Rect, moves: Sequence[MoveAcross], centres: Sequence[int],
                col_w: int, lang: str, pose_name) -> None:
    """One row per move, a cell per pass in its grade's colour (an empty outline: the pass ended before it)."""
    if not moves or area.h <= 0:
        return
    pygame.draw.line(surface, theme.PANEL_EDGE, (area.x, area.y - 4), (area.right, area.y - 4), 1)
    row = area.h / len(moves)
    labelled = row >= 13
    if not labelled:
        text.draw(surface, tr("moves_n", lang, n=len(moves)), 13, (area.x, area.y), theme.TEXT_DIM, "bold",
                  max_width=LABEL_W - 8)
    cell_w = max(4, col_w - 8)
    for k, move in enumerate(moves):
        y = round(area.y + k * row)
        h = max(1, round(row) - (2 if row >= 5 else 0))
        if labelled:
            text.draw(surface, f"{pose_name(move.pose)} · {move.at}", 12 if row < 16 else 13, (area.x, y + h // 2),
                      theme.TEXT_DIM, anchor="midleft", max_width=LABEL_W - 8)
        for grade, cx in zip(move.grades, centres):
            cell = pygame.Rect(cx - cell_w // 2, y, cell_w, h)
            if grade is None:
                pygame.draw.rect(surface, theme.PANEL_EDGE, cell, 1, border_radius=3 if h >= 6 else 0)
            else:
                pygame.draw.rect(surface, theme.grade_colour(grade), cell, border_radius=3 if h >= 6 else 0)
