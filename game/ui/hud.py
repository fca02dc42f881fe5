"""Play-screen HUD pieces. They draw values the session computed; they compute no game rules."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import pygame

from game.ui import draw, text, theme
from game.ui.strings import tr

Colour = theme.Colour


def offset_text(offset: float | None, language: str = "en") -> str:
    """'+35 ms late', '-20 ms early', 'on the beat', or '' for a miss."""
    if offset is None:
        return ""
    ms = round(offset * 1000)
    if ms == 0:
        return tr("on_beat", language)
    return tr("ms_late" if ms > 0 else "ms_early", language, ms=f"{ms:+d}")


def score_panel(surface: pygame.Surface, rect: pygame.Rect, score: int, label: str) -> None:
    draw.panel(surface, rect, theme.PANEL, theme.PANEL_EDGE, radius=14, alpha=210)
    text.draw(surface, label, 14, (rect.right - 16, rect.y + 8), theme.TEXT_DIM, "bold", "topright")
    text.draw(surface, f"{score:,}", 34, (rect.right - 16, rect.bottom - 6), theme.TEXT, "display", "bottomright")


def combo_panel(surface: pygame.Surface, pos: tuple[int, int], combo: int, multiplier: int, colour: Colour,
                label: str, bump: float = 0.0) -> None:
    """Combo count with the multiplier chip; bump (0..1) swells it just after a hit."""
    x, y = pos
    size = int(44 * (1 + 0.18 * bump))
    col = theme.lerp(theme.TEXT, colour, 0.35) if combo else theme.TEXT_FAINT
    r = text.draw(surface, str(combo), size, (x, y + 30), col, "display", "midbottom", shadow=True)
    text.draw(surface, label, 14, (x, r.bottom + 2), theme.TEXT_DIM, "bold", "midtop")
    if multiplier > 1:
        chip_col = (theme.CYAN, theme.VIOLET, theme.PINK, theme.GOLD)[min(multiplier, 4) - 1]
        draw.chip(surface, f"x{multiplier}", (r.right + 8, r.centery), chip_col, 18, "midleft")


def progress_bar(surface: pygame.Surface, rect: pygame.Rect, fraction: float, colour: Colour,
                 marks: Sequence[tuple[float, bool]] = ()) -> None:
    """Song progress; marks are (fraction, gold) ticks for the gold moves."""
    fraction = max(0.0, min(1.0, fraction))
    pygame.draw.rect(surface, theme.PANEL_HI, rect, border_radius=rect.h // 2)
    fill = rect.copy()
    fill.w = max(rect.h, int(rect.w * fraction))
    pygame.draw.rect(surface, colour, fill, border_radius=rect.h // 2)
    for f, gold in marks:
        if gold:
            x = rect.x + int(rect.w * f)
            pygame.draw.circle(surface, theme.GOLD, (x, rect.centery), max(2, rect.h // 2 + 1))
    pygame.draw.circle(surface, theme.TEXT, (fill.right - rect.h // 2, rect.centery), rect.h // 2 + 3)


def beat_strength(beat: float) -> float:
    """1 right on a beat, fading to 0 before the next one."""
    frac = beat - math.floor(beat)
    return (1.0 - frac) ** 3 if beat >= 0 else 0.0


def beat_dots(surface: pygame.Surface, centre: tuple[int, int], beat: float, beats_per_bar: int, colour: Colour) -> None:
    """One dot per beat of the bar, the current one lit and swelling on the beat."""
    n = max(1, beats_per_bar)
    current = int(math.floor(beat)) % n if beat >= 0 else -1
    pulse = beat_strength(beat)
    for i in range(n):
        x = centre[0] + int((i - (n - 1) / 2) * 22)
        if i == current:
            pygame.draw.circle(surface, theme.scale(colour, 0.5), (x, centre[1]), int(8 + 5 * pulse))
            pygame.draw.circle(surface, colour, (x, centre[1]), int(6 + 3 * pulse))
        else:
            pygame.draw.circle(surface, theme.PANEL_EDGE, (x, centre[1]), 5)


@dataclass
class Popup:
    """A judgement shown for a moment: grade word, ms early/late, points."""

    born: float
    label: str
    colour: Colour
    detail: str = ""
    life: float = 0.8

    def draw(self, surface: pygame.Surface, centre: tuple[int, int], now: float) -> bool:
        """Draw at song time `now`; returns False once it has faded out."""
        age = now - self.born
        if age < 0 or age > self.life:
            return age < 0
        t = age / self.life
        grow = 1.0 + 0.35 * max(0.0, 1 - age / 0.12)
        alpha = int(255 * (1 - max(0.0, t - 0.6) / 0.4))
        y = centre[1] - int(18 * t)
        size = int(40 * grow)
        text.draw(surface, self.label.upper(), size, (centre[0], y), self.colour, "display", "center", shadow=True, alpha=alpha)
        if self.detail:
            text.draw(surface, self.detail, 18, (centre[0], y + size // 2 + 6), theme.TEXT, "bold", "midtop", alpha=alpha)
        return True


def countdown(surface: pygame.Surface, centre: tuple[int, int], label: str, frac: float, colour: Colour, go: bool) -> None:
    """One number of a count-in (or GO! when `go`), shrinking and fading as `frac` (0..1) of its beat runs out."""
    size = int(150 * (1.25 - 0.35 * frac))
    alpha = int(255 * (1 - 0.7 * frac))
    radius = int(size * 0.62)
    width = text.font(size, "display").size(label)[0]
    if width > radius * 2.3:  # "시작!" is wider than "GO!": shrink it to stay in the column, off the picture
        size = int(size * radius * 2.3 / width)
    pygame.draw.circle(surface, theme.BG_TOP, centre, radius)
    pygame.draw.circle(surface, theme.scale(colour, 0.6), centre, radius, 6)
    text.draw(surface, label, size, centre, colour if go else theme.TEXT, "display", "center", shadow=True, alpha=alpha)


def offsets_chart(surface: pygame.Surface, rect: pygame.Rect, offsets: Sequence[tuple[float, float, str]], duration: float,
                  windows: tuple[float, float, float], labels: tuple[str, str], language: str = "en") -> None:
    """Early/late scatter over the song: time across, early up and late down, bands per grade window.

    Items are (time, offset, grade key), as PlaySession.offsets() gives them; a dot takes its judged grade's colour."""
    draw.panel(surface, rect, theme.PANEL, theme.PANEL_EDGE, radius=12, alpha=230)
    inner = rect.inflate(-56, -24)
    inner.x = rect.x + 44
    span = max(windows[2], 0.05)
    mid = inner.centery

    def y_of(off: float) -> int:
        return int(mid + max(-1.0, min(1.0, off / span)) * inner.h / 2)

    for w, key in ((windows[2], "good"), (windows[1], "great"), (windows[0], "perfect")):
        band = pygame.Rect(inner.x, y_of(-w), inner.w, y_of(w) - y_of(-w))
        s = pygame.Surface(band.size, pygame.SRCALPHA)
        s.fill((*theme.GRADE_COLOURS[key], 26))
        surface.blit(s, band.topleft)
    pygame.draw.line(surface, theme.TEXT_FAINT, (inner.x, mid), (inner.right, mid), 1)
    text.draw(surface, labels[1], 13, (rect.x + 8, inner.bottom - 2), theme.TEXT_DIM, anchor="bottomleft")
    text.draw(surface, labels[0], 13, (rect.x + 8, inner.y + 2), theme.TEXT_DIM, anchor="topleft")
    text.draw(surface, f"{round(span * 1000)} ms", 11, (rect.x + 8, inner.y + 18), theme.TEXT_FAINT)
    for t, off, key in offsets:
        x = inner.x + int(inner.w * max(0.0, min(1.0, t / max(duration, 1e-6))))
        pygame.draw.circle(surface, theme.GRADE_COLOURS[key], (x, y_of(off)), 4)
    if offsets:
        mean = sum(off for _, off, _ in offsets) / len(offsets)
        text.draw(surface, tr("mean_ms", language, ms=f"{mean * 1000:+.0f}"), 13, (rect.right - 10, rect.y + 6), theme.TEXT_DIM, anchor="topright")


def demo_reason_lines(surface: pygame.Surface, reason: str, area: pygame.Rect) -> None:
    """Why this is the demo, its parts ("file: problem; do this") on lines of their own, commands in cyan."""
    lines: list[tuple[str, bool]] = []
    for part in (p.strip() for p in reason.split("; ") if p.strip()):
        lines += [(line, "python " in part) for line in text.wrap(part, 14, area.w, max_lines=2)]
    y = area.bottom - 18 * min(len(lines), 3)
    for line, command in lines[:3]:
        text.draw(surface, line, 14, (area.x, y), theme.CYAN if command else theme.GOLD, "bold" if command else "regular")
        y += 18


def hint_chip(surface: pygame.Surface, tip: str, centre: tuple[int, int], max_width: int) -> pygame.Rect:
    """The reason for a miss ("Raise your left arm") beside the figure: two lines rather than wider than max_width."""
    lines = text.wrap(tip, 17, max_width - 48, "bold", max_lines=2)
    w = min(max_width, max(text.font(17, "bold").size(line)[0] for line in lines) + 56)
    box = pygame.Rect(0, 0, w, 16 + 21 * len(lines))
    box.center = centre
    draw.panel(surface, box, theme.lerp(theme.PANEL, theme.WRONG, 0.25), theme.WRONG, radius=18, alpha=235)
    for d in (-1, 1):
        pygame.draw.line(surface, theme.WRONG, (box.x + 14, box.centery - 6 * d), (box.x + 26, box.centery + 6 * d), 3)
    for i, line in enumerate(lines):
        text.draw(surface, line, 17, (box.x + 36, box.y + 8 + 21 * i), theme.TEXT, "bold", max_width=box.w - 48)
    return box


def cheer_toast(surface: pygame.Surface, message: str, midbottom: tuple[int, int], max_width: int, age: float) -> pygame.Rect:
    """A cheer ("10 combo! Keep it going!") on up to two lines within max_width, its glow settling over age seconds."""
    lines = text.wrap(message, 19, max_width - 28, "bold", max_lines=2)
    w = max(text.font(19, "bold").size(line)[0] for line in lines) + 32
    box = pygame.Rect(0, 0, w, 14 + 23 * len(lines))
    box.midbottom = midbottom  # it swells in (a glow), it does not slide over the pause button
    draw.glow(surface, box.inflate(int(16 * max(0.0, 1 - age / 0.25)), 0), theme.PINK, 18, 10)
    pygame.draw.rect(surface, theme.lerp(theme.PANEL_HI, theme.PINK, 0.4), box, border_radius=18)
    for i, line in enumerate(lines):
        text.draw(surface, line, 19, (box.centerx, box.y + 7 + 23 * i), theme.TEXT, "bold", "midtop")
    return box
