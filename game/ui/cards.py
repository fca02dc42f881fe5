"""Pose cards drawn from pose data (no artwork): figure, name in the player's language, hint; gold cards shine."""
from __future__ import annotations

import pygame

from game.poselib import PoseDef
from game.ui import draw, skeleton, text, theme
from game.ui.strings import tr

Colour = theme.Colour


def _gradient(size: tuple[int, int], top: Colour, bottom: Colour, radius: int) -> pygame.Surface:
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    for y in range(h):
        pygame.draw.line(surf, (*theme.lerp(top, bottom, y / max(h - 1, 1)), 255), (0, y), (w, y))
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    surf.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return surf


_cards: dict[tuple, pygame.Surface] = {}


def pose_card(pose: PoseDef, size: tuple[int, int], colour: Colour, gold: bool = False, language: str = "en",
              show_hint: bool = False) -> pygame.Surface:
    """A card surface for this pose (cached: cards are redrawn every frame while they slide)."""
    key = (pose.id, id(pose), size, tuple(colour), gold, language, show_hint)
    card = _cards.get(key)
    if card is None:
        if len(_cards) > 300:
            _cards.clear()
        card = _cards[key] = _build_card(pose, size, tuple(colour), gold, language, show_hint)
    return card


def name_layout(name: str, width: int) -> tuple[int, list[str]]:
    """(font size px, lines) of a pose name on a card `width` px wide: two lines at the card's size
    (width / 8, 12 to 22 px), else two lines one or two sizes down, never cut while that fits."""
    size = max(12, min(22, width // 8))
    for s in (size, size - 1, size - 2):
        lines = text.wrap(name, s, width - 12, "bold", max_lines=3)
        if len(lines) <= 2 and all(text.font(s, "bold").size(line)[0] <= width - 12 for line in lines):
            return s, lines
    return size - 2, text.wrap(name, size - 2, width - 12, "bold", max_lines=2)


def _build_card(pose: PoseDef, size: tuple[int, int], colour: Colour, gold: bool, language: str,
                show_hint: bool) -> pygame.Surface:
    w, h = size
    radius = max(8, w // 10)
    accent = theme.GOLD if gold else colour
    top = (70, 52, 18) if gold else theme.lerp(theme.PANEL_HI, colour, 0.18)
    bottom = (34, 22, 10) if gold else theme.PANEL
    surf = _gradient(size, top, bottom, radius)
    name_size, name_lines = name_layout(pose.display_name(language), w)
    sub_size = max(10, int(max(12, min(22, w // 8)) * 0.72))
    hint_lines: list[str] = []
    hint_size = max(11, min(16, w // 16))
    if show_hint and pose.display_hint(language):
        hint_lines = text.wrap(pose.display_hint(language), hint_size, w - 20, max_lines=3)
    secondary = pose.name if language == "ko" else pose.name_ko
    if (len(name_lines) > 1 and h < 150) or text.font(sub_size).size(secondary)[0] > w - 12:
        secondary = ""  # the other language's name only where it fits whole
    footer = (len(name_lines) * (name_size + 2) + 12 + (sub_size + 4 if h >= 150 and secondary else 0)
              + len(hint_lines) * int(hint_size * 1.3))
    fig_rect = pygame.Rect(6, 6, w - 12, h - footer - 10)
    glow = theme.GOLD_DEEP if gold else theme.scale(colour, 0.8)
    body = (255, 236, 160) if gold else theme.lerp(colour, theme.TEXT, 0.25)
    skeleton.draw_angles(surf, pose.angles, fig_rect, body, glow, thickness=0.17)
    y = fig_rect.bottom + 4
    for line in name_lines:
        text.draw(surf, line, name_size, (w // 2, y), theme.TEXT, "bold", "midtop", max_width=w - 12)
        y += name_size + 2
    y += 4
    if h >= 150 and secondary:
        text.draw(surf, secondary, sub_size, (w // 2, y), theme.TEXT_DIM, "regular", "midtop", max_width=w - 12)
        y += sub_size + 6
    for line in hint_lines:
        text.draw(surf, line, hint_size, (w // 2, y + 2), theme.lerp(theme.TEXT_DIM, accent, 0.3), "regular", "midtop")
        y += int(hint_size * 1.3)
    pygame.draw.rect(surf, accent, surf.get_rect(), 3, border_radius=radius)
    if gold:
        draw.star(surf, (w - 16, 16), 11, theme.GOLD)
        draw.chip(surf, tr("gold", language), (8, 6), theme.GOLD, size=max(10, w // 16))
    return surf


def draw_card(surface: pygame.Surface, pose: PoseDef, rect: pygame.Rect, colour: Colour, gold: bool = False,
              language: str = "en", show_hint: bool = False, glow: bool = False, alpha: int = 255) -> None:
    """Blit a card into rect; glow draws a neon halo (the card at the hit line)."""
    rect = pygame.Rect(rect)
    card = pose_card(pose, rect.size, tuple(colour), gold, language, show_hint)
    if glow:
        draw.glow(surface, rect, theme.GOLD if gold else colour, radius=max(8, rect.w // 10), spread=16)
    if alpha < 255:
        card = card.copy()
        card.set_alpha(alpha)
    surface.blit(card, rect.topleft)


def missing_card(surface: pygame.Surface, pose_id: str, rect: pygame.Rect) -> None:
    """A stand-in card for a pose id the library lacks (a broken chart never crashes the screen)."""
    draw.panel(surface, rect, theme.PANEL, theme.RED, radius=12)
    text.draw(surface, "?", rect.h // 3, rect.center, theme.RED, "bold", "center")
    text.draw(surface, pose_id, 13, (rect.centerx, rect.bottom - 22), theme.TEXT_DIM, anchor="midtop", max_width=rect.w - 8)
