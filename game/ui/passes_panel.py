"""The results screen's Passes panel after a looped practice: one column per pass (its speed, share of
Perfect + Great, score, and what the ramp did next), and under it one row per move with its grade
in each pass, so a learner sees both the tempo climbing and which move keeps failing. Every grade
cell carries its grade's mark (P, Gr, Gd, ×) when it is big enough to read, and a legend line under
the panel names the marks and the "Then" symbols: colour is never the only sign (colour-blind players).

Draws only: the figures come from game.practice.passes (the same the headless JSON prints)."""
from __future__ import annotations

from typing import Sequence

import pygame

from game.judge import Grade
from game.practice.passes import MoveAcross, PassResult
from game.ui import draw, text, theme
from game.ui.strings import tr

LABEL_W = 150  # the row names' column
ROW_H = 21  # one row of the per-pass figures
MAX_COL_W = 88
MAX_CELL_W, MAX_CELL_H = 44, 22  # a one-move section keeps small cells, not big red squares
LEGEND_H = 20  # the legend line at the panel's foot
MARK_MIN_H, MARK_MIN_W = 11, 12  # a cell smaller than this shows its colour alone
MARK_INK = (16, 10, 30)  # dark text on the bright grade colours
VERDICT_COLOURS = {"up": theme.GREEN, "mastered": theme.GOLD, "down": theme.PINK, "stopped": theme.RED}


def grade_mark(grade: Grade, lang: str) -> str:
    """The short mark written in a grade cell ("P", "Gr", "Gd", "×"; Korean: 퍼, 그, 굿, ×)."""
    return tr(f"grade_mark_{grade.key}", lang)


def verdict_key(verdict: str | None) -> str:
    """The legend's key for a "Then" symbol: up, down, mastered, stopped, or same (None or anything else)."""
    return verdict if verdict in VERDICT_COLOURS else "same"


def legend_items(passes: Sequence[PassResult], moves: Sequence[MoveAcross]) -> tuple[list[Grade], list[str]]:
    """What the legend names: the grades in the cells and the "Then" symbols in the row (in a fixed
    order, each once), so it stays one short line."""
    seen = {g for m in moves for g in m.grades if g is not None}
    verdicts = {verdict_key(p.verdict) for p in passes}
    return [g for g in Grade if g in seen], [v for v in ("up", "down", "mastered", "stopped", "same") if v in verdicts]


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
    title = text.draw(surface, tr("passes", lang), 18, (rect.x + 20, rect.y + 12), theme.TEXT, "bold")
    if not passes:
        return
    entries, legend_w = _legend(*legend_items(passes, moves), lang)
    in_header = legend_w <= rect.right - 20 - (title.right + 24)  # beside the title when it fits, else at the foot
    if in_header:
        _draw_legend(surface, rect.right - 20 - legend_w, title.centery, entries, lang)
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
    bottom = rect.bottom - 12 if in_header else rect.bottom - 8 - LEGEND_H - 4
    _draw_moves(surface, pygame.Rect(rect.x + 20, y + ROW_H + 8, rect.w - 40, bottom - (y + ROW_H + 8)),
                moves, centres, col_w, lang, pose_name)
    if not in_header:
        _draw_legend(surface, rect.x + 20, rect.bottom - 8 - LEGEND_H // 2, entries, lang)


def _legend(grades: Sequence[Grade], verdicts: Sequence[str], lang: str) -> tuple[list[tuple[object, str, int]], int]:
    """The legend's entries as (grade or verdict, words, x from the line's start) and the line's width (px)."""
    entries, x = [], 0
    for grade in grades:
        words = tr(f"grade_{grade.key}", lang)
        entries.append((grade, words, x))
        x += 27 + text.font(12, "bold").size(words)[0] + 14
    x += 10 if grades and verdicts else 0
    for verdict in verdicts:
        words = tr(f"then_{verdict}", lang)
        entries.append((verdict, words, x))
        x += 20 + text.font(12, "bold").size(words)[0] + 14
    return entries, max(0, x - 14)


def _draw_legend(surface: pygame.Surface, x0: int, cy: int, entries: Sequence[tuple[object, str, int]], lang: str) -> None:
    """One line from x0 (centred on cy): each grade's cell mark and name, then each "Then" symbol and what it means."""
    for item, words, dx in entries:
        x = x0 + dx
        if isinstance(item, Grade):
            chip = pygame.Rect(x, cy - 8, 22, 16)
            pygame.draw.rect(surface, theme.grade_colour(item), chip, border_radius=3)
            text.draw(surface, grade_mark(item, lang), 11, chip.center, MARK_INK, "bold", "center")
            text.draw(surface, words, 12, (chip.right + 5, cy), theme.TEXT_DIM, "bold", "midleft")
        else:
            _verdict_mark(surface, None if item == "same" else item, (x + 8, cy))
            text.draw(surface, words, 12, (x + 20, cy), theme.TEXT_DIM, "bold", "midleft")


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
    cell_w = max(4, min(MAX_CELL_W, col_w - 8))
    row = min(row, MAX_CELL_H + 2)
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
                if h >= MARK_MIN_H and cell_w >= MARK_MIN_W:
                    text.draw(surface, grade_mark(grade, lang), min(13, h - 1), cell.center, MARK_INK, "bold", "center",
                              max_width=cell_w - 2)
