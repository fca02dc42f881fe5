"""Shapes the theme is made of: gradient stage background, rounded panels, neon glows, key caps."""
from __future__ import annotations

import math
import random
from functools import lru_cache

import pygame

from game.ui import text, theme

Colour = theme.Colour


@lru_cache(maxsize=8)
def background(size: tuple[int, int], accent: Colour = theme.PINK, accent2: Colour = theme.CYAN) -> pygame.Surface:
    """A dark stage: vertical gradient, two soft neon glows, a perspective floor grid. Built once per size."""
    w, h = size
    surf = pygame.Surface(size)
    for y in range(h):
        pygame.draw.line(surf, theme.lerp(theme.BG_TOP, theme.BG_BOTTOM, y / max(h - 1, 1)), (0, y), (w, y))
    glow = pygame.Surface(size, pygame.SRCALPHA)
    for (cx, cy, r, col) in ((w * 0.12, h * 0.15, h * 0.55, accent), (w * 0.9, h * 0.8, h * 0.6, accent2)):
        for i in range(24, 0, -1):
            rr = int(r * i / 24)
            pygame.draw.circle(glow, (*col, 3), (int(cx), int(cy)), rr)
    surf.blit(glow, (0, 0))
    grid = pygame.Surface(size, pygame.SRCALPHA)
    horizon = int(h * 0.62)
    for i in range(-12, 13):
        x0 = w / 2 + i * w / 10
        pygame.draw.line(grid, (*theme.VIOLET, 22), (w / 2 + i * 30, horizon), (x0 * 1 + i * w / 6, h))
    for k in range(1, 9):
        y = horizon + (h - horizon) * (k / 8) ** 1.8
        pygame.draw.line(grid, (*theme.VIOLET, 18), (0, int(y)), (w, int(y)))
    surf.blit(grid, (0, 0))
    rng = random.Random(7)
    for _ in range(70):
        x, y = rng.randrange(w), rng.randrange(int(h * 0.6))
        c = rng.choice((theme.PINK, theme.CYAN, theme.TEXT, theme.VIOLET))
        surf.fill(theme.lerp(theme.BG_TOP, c, rng.uniform(0.25, 0.6)), (x, y, 2, 2))
    return surf.convert() if pygame.display.get_surface() else surf


def panel(surface: pygame.Surface, rect: pygame.Rect, fill: Colour = theme.PANEL, border: Colour | None = theme.PANEL_EDGE,
          radius: int = 16, alpha: int = 235, width: int = 2) -> None:
    """A rounded, slightly see-through card."""
    rect = pygame.Rect(rect)
    if alpha >= 255:
        pygame.draw.rect(surface, fill, rect, border_radius=radius)
    else:
        s = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(s, (*fill, alpha), s.get_rect(), border_radius=radius)
        surface.blit(s, rect.topleft)
    if border is not None and width > 0:
        pygame.draw.rect(surface, border, rect, width, border_radius=radius)


@lru_cache(maxsize=64)
def _glow(size: tuple[int, int], colour: Colour, radius: int, spread: int) -> pygame.Surface:
    w, h = size
    s = pygame.Surface((w + spread * 2, h + spread * 2), pygame.SRCALPHA)
    for i in range(spread, 0, -2):
        a = int(70 * (1 - i / spread) ** 2) + 4
        pygame.draw.rect(s, (*colour, a), (spread - i, spread - i, w + 2 * i, h + 2 * i), 2, border_radius=radius + i)
    return s


def glow(surface: pygame.Surface, rect: pygame.Rect, colour: Colour, radius: int = 16, spread: int = 14) -> None:
    """A neon halo around rect (cached per size and colour)."""
    rect = pygame.Rect(rect)
    surface.blit(_glow(rect.size, tuple(colour), radius, spread), (rect.x - spread, rect.y - spread))


def neon_frame(surface: pygame.Surface, rect: pygame.Rect, colour: Colour, radius: int = 16, width: int = 3) -> None:
    glow(surface, rect, colour, radius)
    pygame.draw.rect(surface, colour, rect, width, border_radius=radius)


def keycap(surface: pygame.Surface, label: str, pos: tuple[int, int], size: int = 16) -> pygame.Rect:
    """A small keyboard key with a label, left-centred at pos; returns its rect."""
    surf = text.render(label, size, theme.TEXT, "bold")
    rect = pygame.Rect(0, 0, max(surf.get_width() + 14, size + 12), size + 12)
    rect.midleft = pos
    pygame.draw.rect(surface, theme.PANEL_HI, rect, border_radius=6)
    pygame.draw.rect(surface, theme.TEXT_FAINT, rect, 1, border_radius=6)
    pygame.draw.line(surface, theme.scale(theme.PANEL_HI, 0.6), (rect.x + 4, rect.bottom - 2), (rect.right - 4, rect.bottom - 2), 2)
    surface.blit(surf, surf.get_rect(center=(rect.centerx, rect.centery - 1)))
    return rect


def star(surface: pygame.Surface, centre: tuple[float, float], r: float, colour: Colour, filled: bool = True) -> None:
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.45
        pts.append((centre[0] + math.cos(ang) * rr, centre[1] + math.sin(ang) * rr))
    if filled:
        pygame.draw.polygon(surface, colour, pts)
    else:
        pygame.draw.polygon(surface, colour, pts, 2)


def chip(surface: pygame.Surface, label: str, pos: tuple[int, int], colour: Colour, size: int = 15,
         anchor: str = "topleft", filled: bool = True) -> pygame.Rect:
    """A rounded label (member name, difficulty, BROKEN, ...)."""
    fg = (16, 10, 30) if filled and sum(colour) > 330 else theme.TEXT
    surf = text.render(label, size, fg if filled else colour, "bold")
    rect = pygame.Rect(0, 0, surf.get_width() + 18, size + 12)
    setattr(rect, anchor, pos)
    if filled:
        pygame.draw.rect(surface, colour, rect, border_radius=rect.h // 2)
    else:
        pygame.draw.rect(surface, colour, rect, 2, border_radius=rect.h // 2)
    surface.blit(surf, surf.get_rect(center=rect.center))
    return rect


def striped_line(surface: pygame.Surface, a: tuple[float, float], b: tuple[float, float], width: int,
                 colours: tuple[Colour, Colour] = (theme.WRONG, theme.WRONG_STRIPE), dash: int | None = None) -> None:
    """A thick segment in alternating dashes (warning tape): a wrong limb reads by its pattern
    as well as its colour, so no member colour and no colour blindness can hide it."""
    dash = dash or max(6, int(width * 1.4))
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    r = max(1, width // 2)
    pygame.draw.circle(surface, colours[0], (int(ax), int(ay)), r)
    pygame.draw.circle(surface, colours[0], (int(bx), int(by)), r)
    if length < 1:
        return
    n = max(1, int(length // dash))
    for i in range(n):
        t0, t1 = i / n, (i + 1) / n
        p0 = (ax + (bx - ax) * t0, ay + (by - ay) * t0)
        p1 = (ax + (bx - ax) * t1, ay + (by - ay) * t1)
        pygame.draw.line(surface, colours[i % 2], p0, p1, max(1, width))


def dim(surface: pygame.Surface, alpha: int = 160) -> None:
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((5, 2, 15, alpha))
    surface.blit(shade, (0, 0))
