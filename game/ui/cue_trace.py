"""One cue's probability trace: how sure the recogniser was of the cue's pose, frame by frame,
around the beat, with the timing windows and the judge's thresholds drawn, so a player sees why a
move was hit or missed (one bright frame, a stretch after the Good window, never above the line).

Draws only what the judgement carries (Judgement.trace, from game/judge.py); decides nothing."""
from __future__ import annotations

import pygame

from game.judge import HitRule, Judgement, TimingWindows
from game.ui import draw, text, theme
from game.ui.strings import tr

MARGIN_S = 0.5  # seconds shown beyond the Good window on each side (the judge's TRACE_MARGIN)


def draw_trace(surface: pygame.Surface, rect: pygame.Rect, j: Judgement, pose_name: str, windows: TimingWindows,
               rule: HitRule, language: str, span: tuple[float, float] | None = None, cursor: float | None = None) -> None:
    """The trace of p(pose) (0..1, up) over song time (s, across) in `rect` (pixels). `span`: the song
    times (s) at the left and right edges (default: the Good window plus MARGIN_S around the cue);
    `cursor`: a song time (s) marked by a vertical line (the moment a replay shows)."""
    draw.panel(surface, rect, theme.PANEL, theme.PANEL_EDGE, radius=14, alpha=230)
    text.draw(surface, tr("trace_title", language, pose=pose_name), 12, (rect.x + 16, rect.y + 8), theme.TEXT_DIM, "bold",
              max_width=rect.w - 220)
    plot = pygame.Rect(rect.x + 56, rect.y + 28, rect.w - 80, rect.h - 40)
    beat, end = j.cue.time, max(j.cue.time, j.cue.end_time)
    t0, t1 = span if span is not None else (beat - windows.good - MARGIN_S, end + windows.good + MARGIN_S)

    def x_of(t: float) -> int:
        return plot.x + round(plot.w * (min(max(t, t0), t1) - t0) / (t1 - t0))

    def y_of(p: float) -> int:
        return plot.bottom - round(plot.h * min(max(p, 0.0), 1.0))

    for width, key in ((windows.good, "good"), (windows.great, "great"), (windows.perfect, "perfect")):
        band = pygame.Rect(x_of(beat - width), plot.y, x_of(end + width) - x_of(beat - width), plot.h)
        s = pygame.Surface(band.size, pygame.SRCALPHA)
        s.fill((*theme.GRADE_COLOURS[key], 30))
        surface.blit(s, band.topleft)
    pygame.draw.line(surface, theme.TEXT, (x_of(beat), plot.y), (x_of(beat), plot.bottom), 2)
    text.draw(surface, tr("trace_beat", language), 11, (x_of(beat) + 4, plot.y), theme.TEXT_DIM, "bold")
    if end > beat:
        pygame.draw.line(surface, theme.TEXT_DIM, (x_of(end), plot.y), (x_of(end), plot.bottom), 1)
    need = y_of(rule.min_confidence)
    for x in range(plot.x, plot.right, 10):  # dashed: the line a frame must reach to start a stretch
        pygame.draw.line(surface, theme.GOLD, (x, need), (min(x + 5, plot.right), need), 1)
    text.draw(surface, tr("trace_counts", language, p=round(rule.min_confidence * 100)), 11, (rect.right - 16, rect.y + 8),
              theme.GOLD, "bold", "topright")
    for p in (0.0, 1.0):
        text.draw(surface, f"{p * 100:.0f}%", 11, (plot.x - 8, y_of(p)), theme.TEXT_FAINT, anchor="midright")
    pygame.draw.line(surface, theme.PANEL_EDGE, (plot.x, plot.bottom), (plot.right, plot.bottom), 1)
    if cursor is not None and t0 <= cursor <= t1:
        pygame.draw.line(surface, theme.PINK, (x_of(cursor), plot.y - 4), (x_of(cursor), plot.bottom + 4), 3)
    points = [(x_of(t), y_of(p), p) for t, p in j.trace if t0 <= t <= t1]
    if not points:
        text.draw(surface, tr("trace_none", language), 14, plot.center, theme.TEXT_FAINT, "bold", "center")
        return
    if len(points) > 1:
        pygame.draw.lines(surface, theme.scale(theme.CYAN, 0.6), False, [(x, y) for x, y, _ in points], 2)
    for x, y, p in points:
        colour = theme.CYAN if p >= rule.min_confidence else theme.TEXT_FAINT
        pygame.draw.circle(surface, colour, (x, y), 3)
