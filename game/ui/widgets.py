"""Lists and buttons that answer to both the keyboard (arrows, Enter) and the mouse (hover, click, wheel)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from game.ui import draw, text, theme

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


@dataclass
class FocusList:
    """A vertical (or horizontal) run of items in `area`, one focused, scrolled to keep it visible.

    handle() returns ("activate", i) on Enter/click, ("focus", i) when focus moved, else None.
    With hover=False (choices that start something big, like a song) the mouse does not move the
    focus: the first click on an item selects it, a second click activates it."""

    count: int
    area: pygame.Rect
    item_size: int
    gap: int = 10
    horizontal: bool = False
    focus: int = 0
    scroll: int = 0
    enabled: Callable[[int], bool] = field(default=lambda i: True)
    hover: bool = True

    def rect(self, i: int) -> pygame.Rect:
        step = self.item_size + self.gap
        if self.horizontal:
            return pygame.Rect(self.area.x + (i - self.scroll) * step, self.area.y, self.item_size, self.area.h)
        return pygame.Rect(self.area.x, self.area.y + (i - self.scroll) * step, self.area.w, self.item_size)

    def visible(self) -> range:
        span = self.area.w if self.horizontal else self.area.h
        per_page = max(1, (span + self.gap) // (self.item_size + self.gap))
        return range(self.scroll, min(self.count, self.scroll + per_page))

    def _keep_visible(self) -> None:
        vis = self.visible()
        per_page = max(1, len(vis))
        if self.focus < self.scroll:
            self.scroll = self.focus
        elif self.focus >= self.scroll + per_page:
            self.scroll = self.focus - per_page + 1

    def move(self, step: int) -> bool:
        if not self.count:
            return False
        new = max(0, min(self.count - 1, self.focus + step))
        changed = new != self.focus
        self.focus = new
        self._keep_visible()
        return changed

    def handle(self, event: pygame.event.Event) -> tuple[str, int] | None:
        prev_key, next_key = (pygame.K_LEFT, pygame.K_RIGHT) if self.horizontal else (pygame.K_UP, pygame.K_DOWN)
        if event.type == pygame.KEYDOWN:
            if event.key == prev_key:
                return ("focus", self.focus) if self.move(-1) else None
            if event.key == next_key:
                return ("focus", self.focus) if self.move(1) else None
            if event.key == pygame.K_PAGEUP:
                return ("focus", self.focus) if self.move(-5) else None
            if event.key == pygame.K_PAGEDOWN:
                return ("focus", self.focus) if self.move(5) else None
            if event.key in ACTIVATE_KEYS and self.count and self.enabled(self.focus):
                return ("activate", self.focus)
        elif event.type == pygame.MOUSEMOTION and self.hover:
            i = self.at(event.pos)
            if i is not None and i != self.focus:
                self.focus = i
                return ("focus", i)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            i = self.at(event.pos)
            if i is not None:
                first = not self.hover and i != self.focus
                self.focus = i
                return ("activate", i) if self.enabled(i) and not first else ("focus", i)
        elif event.type == pygame.MOUSEWHEEL and self.area.collidepoint(pygame.mouse.get_pos()):
            per_page = len(self.visible())
            self.scroll = max(0, min(max(0, self.count - per_page), self.scroll - event.y))
        return None

    def at(self, pos: tuple[int, int]) -> int | None:
        for i in self.visible():
            if self.rect(i).collidepoint(pos):
                return i
        return None


def button(surface: pygame.Surface, rect: pygame.Rect, label: str, focused: bool, colour: theme.Colour = theme.PINK,
           size: int = 26, enabled: bool = True, sub: str = "") -> None:
    """A rounded neon button; the focused one glows in `colour`."""
    rect = pygame.Rect(rect)
    if focused and enabled:
        draw.glow(surface, rect, colour, radius=rect.h // 2, spread=12)
        draw.panel(surface, rect, theme.lerp(theme.PANEL_HI, colour, 0.35), colour, radius=rect.h // 2, alpha=255, width=3)
    else:
        draw.panel(surface, rect, theme.PANEL, theme.PANEL_EDGE, radius=rect.h // 2, alpha=220)
    fg = theme.TEXT if enabled else theme.TEXT_FAINT
    if sub:
        text.draw(surface, label, size, (rect.centerx, rect.centery - 2), fg, "bold", "midbottom", max_width=rect.w - 24)
        text.draw(surface, sub, int(size * 0.6), (rect.centerx, rect.centery + 2), theme.TEXT_DIM, anchor="midtop",
                  max_width=rect.w - 24)
    else:
        text.draw(surface, label, size, rect.center, fg, "bold", "center", max_width=rect.w - 24)


def scrollbar(surface: pygame.Surface, lst: FocusList, x: int) -> None:
    vis = lst.visible()
    if lst.count <= len(vis) or not lst.count:
        return
    track = pygame.Rect(x, lst.area.y, 6, lst.area.h)
    pygame.draw.rect(surface, theme.PANEL_HI, track, border_radius=3)
    h = max(20, track.h * len(vis) // lst.count)
    y = track.y + (track.h - h) * lst.scroll // max(1, lst.count - len(vis))
    pygame.draw.rect(surface, theme.VIOLET, (x, y, 6, h), border_radius=3)


BAR_FILL = (9, 4, 24)  # the bar's colour (what the old 85% dark shade over the background came to)


def instruction_bar(surface: pygame.Surface, items: list[tuple[str, str]], note: str = "") -> pygame.Rect:
    """The strip at the bottom of every screen: key caps and what they do (plus an optional note).
    Opaque: an overlay (pause, the practice panel) draws its own bar over the screen beneath, and
    that screen's keys must not show through it."""
    w, h = surface.get_size()
    bar = pygame.Rect(0, h - 40, w, 40)
    surface.fill(BAR_FILL, bar)
    pygame.draw.line(surface, theme.scale(theme.VIOLET, 0.6), bar.topleft, bar.topright, 1)
    x = 20
    for keys, label in items:
        for key in keys.split("/"):
            r = draw.keycap(surface, key, (x, bar.centery), 14)
            x = r.right + 4
        r = text.draw(surface, label, 16, (x + 4, bar.centery), theme.TEXT_DIM, anchor="midleft")
        x = r.right + 22
    if note:
        text.draw(surface, note, 15, (w - 20, bar.centery), theme.TEXT_FAINT, anchor="midright", max_width=max(50, w - x - 40))
    return bar


def key_button(surface: pygame.Surface, rect: pygame.Rect, key: str, label: str, colour: theme.Colour) -> None:
    """A panel button that shows its keyboard key as a keycap before the label (pixels; `colour` tints
    the fill and edges it), as the results' "Practise this move" (L) and "Replay" (V) buttons."""
    draw.panel(surface, rect, theme.lerp(theme.PANEL_HI, colour, 0.25), colour, radius=15, alpha=255, width=2)
    cap = draw.keycap(surface, key, (rect.x + 10, rect.centery), 13)
    text.draw(surface, label, 15, (cap.right + 8, rect.centery), theme.TEXT, "bold", "midleft",
              max_width=rect.right - cap.right - 16)
