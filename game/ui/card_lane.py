"""The card lane under the play screen: pose cards slide right-to-left onto the hit line on their
beat (StepMania's note field, read sideways), over beat and bar lines, with hold tails behind them
and the judgement stamped on each card as it is decided. Positions are seconds × pixels/second."""
from __future__ import annotations

import math
from typing import Mapping

import pygame

from game.chart import Chart, Song
from game.judge import Judgement
from game.poselib import PoseDef
from game.ui import cards, draw, text, theme
from game.ui.strings import grade_label, tr

CARD = (132, 170)  # a card's size, pixels
HIT_X = 150  # the hit line's x on the canvas, pixels
PASSED_S = 0.45  # how long a card lingers after its beat, seconds


def card_speed(chart: Chart) -> float:
    """Pixels per second: fast enough that close cues don't overlap, slow enough to read."""
    gaps = sorted(b.time - a.time for a, b in zip(chart.cues, chart.cues[1:]))
    if not gaps:
        return 320.0
    tight = gaps[max(0, len(gaps) // 10 - 1)]
    return max(240.0, min(700.0, (CARD[0] + 12) / max(tight, 1e-3)))


def draw_lane(surface: pygame.Surface, area: pygame.Rect, now: float, pulse: float, *, chart: Chart, song: Song,
              speed: float, judged: Mapping[int, Judgement], poses: Mapping[str, PoseDef], colour: theme.Colour,
              language: str) -> None:
    """The lane in `area` (pixels) at song time `now` (s): `speed` px/s (card_speed), `pulse` (0..1) the
    beat's glow on the hit zone, `judged` the judgements so far by cue index, `poses` the pose library."""
    cy = area.centery + 4
    horizon = (area.right - HIT_X) / speed + 0.2
    clip = surface.get_clip()
    surface.set_clip(area.inflate(-4, -4))
    tempo, offset = song.tempo, song.offset
    first = max(0, math.floor(tempo.beat_at(max(now - PASSED_S, 0.0), offset)))
    last = math.ceil(tempo.beat_at(max(now + horizon, 0.0), offset))
    for b in range(first, last + 1):
        x = HIT_X + (tempo.seconds_at(b, offset) - now) * speed
        bar = b % tempo.beats_per_bar == 0
        pygame.draw.line(surface, theme.PANEL_EDGE if bar else (44, 36, 80), (x, area.bottom - (26 if bar else 14)),
                         (x, area.bottom - 6), 2 if bar else 1)
        if bar:
            text.draw(surface, str(b // tempo.beats_per_bar + 1), 11, (x + 4, area.bottom - 24), theme.TEXT_FAINT)
    zone = pygame.Rect(0, 0, CARD[0] + 16, CARD[1] + 16)
    zone.center = (HIT_X, cy)
    pygame.draw.rect(surface, theme.scale(colour, 0.2 + 0.4 * pulse), zone, 3, border_radius=16)
    pygame.draw.line(surface, theme.lerp(colour, theme.TEXT, 0.4 * pulse), (HIT_X, area.y + 6), (HIT_X, area.bottom - 6), 2)
    visible = chart.cues_between(now - PASSED_S, now + horizon)
    for cue in visible:  # hold tails behind the cards
        if cue.is_hold:
            x0 = HIT_X + max(cue.time - now, 0.0) * speed
            x1 = HIT_X + (cue.end_time - now) * speed
            if x1 > x0:
                tail = pygame.Rect(int(x0), cy - 9, int(x1 - x0), 18)
                pygame.draw.rect(surface, theme.scale(theme.GOLD if cue.gold else colour, 0.7), tail, border_radius=9)
                pygame.draw.rect(surface, theme.GOLD if cue.gold else colour, tail, 2, border_radius=9)
    for cue in reversed(visible):  # the nearest card drawn last, on top
        x = HIT_X + (cue.time - now) * speed
        rect = pygame.Rect(0, 0, *CARD)
        past = now - cue.time
        j = judged.get(cue.index)
        if cue.is_hold and cue.time <= now <= cue.end_time:
            x, past = HIT_X, 0.0
        elif past > 0 and j is not None and j.grade.builds_combo:
            x = HIT_X  # a hit card fades where it was hit, centred in the zone (sliding on, it showed the zone offset behind it)
        rect.center = (int(x), cy)
        alpha = 255 if past <= 0 else int(255 * max(0.0, 1 - past / PASSED_S))
        if alpha <= 0:
            continue
        pose = poses.get(cue.pose)
        at_line = abs(x - HIT_X) < CARD[0] * 0.5
        if pose is None:
            cards.missing_card(surface, cue.pose, rect)
        else:
            cards.draw_card(surface, pose, rect, colour, cue.gold, language, glow=at_line, alpha=alpha)
        if j is not None:
            draw.chip(surface, grade_label(j.grade, language).upper(), (rect.centerx, rect.y - 4), theme.grade_colour(j.grade),
                      12, "midtop")
    surface.set_clip(clip)
    text.draw(surface, tr("next", language).upper(), 12, (HIT_X + CARD[0] // 2 + 18, area.y + 8), theme.TEXT_FAINT, "bold")
