"""The target pose on the play screen (when the song has no coach video): the next move's figure,
name and hint, and a ring filling over the two seconds before its beat."""
from __future__ import annotations

import math

import pygame

from game.chart import Cue
from game.poselib import PoseDef
from game.ui import cards, draw, skeleton, text, theme
from game.ui.strings import tr

RING_S = 2.0  # seconds before the beat the countdown ring starts to fill


def draw_guide(surface: pygame.Surface, area: pygame.Rect, cue: Cue | None, pose: PoseDef | None, now: float,
               colour: theme.Colour, language: str) -> None:
    """The move `cue` asks for (`pose` its library entry, None if unknown) in `area` (pixels), at song time
    `now` (s): a note when no move is left, a gold frame for a gold move, "hold" while a hold lasts."""
    if cue is None:
        text.draw(surface, "♪", 80, area.center, theme.TEXT_FAINT, "bold", "center")
        return
    gold = cue.gold
    col = theme.GOLD if gold else colour
    if gold:
        draw.neon_frame(surface, area, theme.GOLD, 18, 3)
        draw.chip(surface, tr("gold_move", language), (area.right - 16, area.y + 12), theme.GOLD, 12, "topright")
    fig = pygame.Rect(area.x + 40, area.y + 36, area.w - 80, 210)
    if pose is None:
        cards.missing_card(surface, cue.pose, fig)
        return
    surface.blit(skeleton.figure(pose.angles, fig.size, theme.lerp(col, theme.TEXT, 0.3), col, 0.15), fig.topleft)
    name = pose.display_name(language)
    size = 24 if text.font(24, "display").size(name)[0] <= area.w - 30 else 22  # a long name one size down, not cut
    text.draw(surface, name, size, (area.centerx, fig.bottom + 6), theme.TEXT, "display", "midtop", max_width=area.w - 30)
    y = fig.bottom + 38
    for line in text.wrap(pose.display_hint(language), 14, area.w - 36, max_lines=2):
        text.draw(surface, line, 14, (area.centerx, y), theme.TEXT_DIM, anchor="midtop")
        y += 18
    until = cue.time - now
    ring = (area.right - 34, area.y + 58) if not gold else (area.right - 34, area.y + 66)
    frac = max(0.0, min(1.0, 1 - until / RING_S))
    pygame.draw.circle(surface, theme.PANEL_HI, ring, 20, 4)
    if frac > 0:
        pygame.draw.arc(surface, col, (ring[0] - 20, ring[1] - 20, 40, 40), math.pi / 2, math.pi / 2 + frac * 2 * math.pi, 4)
    if until > 0:
        text.draw(surface, f"{until:.1f}", 13, ring, theme.TEXT, "bold", "center")
    elif cue.is_hold and now < cue.end_time:
        text.draw(surface, tr("hold", language), 11, ring, theme.GOLD, "bold", "center", max_width=36)
