"""Text with a Hangul-capable font (NanumGothic in assets/fonts), cached, with pygame's font as fallback."""
from __future__ import annotations

from functools import lru_cache

import pygame

from game.paths import ASSETS_DIR
from game.ui import theme

FONT_DIR = ASSETS_DIR / "fonts"
FILES = {"regular": "NanumGothic.ttf", "bold": "NanumGothicBold.ttf", "display": "NanumSquareRoundB.ttf"}
_warned = False


@lru_cache(maxsize=128)
def font(size: int, weight: str = "regular") -> pygame.font.Font:
    """A font of this pixel size; weight is regular, bold or display (headlines)."""
    global _warned
    if not pygame.font.get_init():
        pygame.font.init()
    path = FONT_DIR / FILES.get(weight, FILES["regular"])
    if not path.is_file() and weight == "display":
        path = FONT_DIR / FILES["bold"]
    if path.is_file():
        try:
            return pygame.font.Font(str(path), size)
        except (OSError, pygame.error):
            pass
    if not _warned:
        print(f"warning: font {path} missing; Korean text may not show (see assets/fonts)")
        _warned = True
    f = pygame.font.Font(None, int(size * 1.3))
    f.set_bold(weight != "regular")
    return f


_cache: dict[tuple, pygame.Surface] = {}


def render(text: str, size: int, colour: theme.Colour = theme.TEXT, weight: str = "regular") -> pygame.Surface:
    """Rendered text, cached (scenes redraw the same labels every frame)."""
    key = (text, size, colour, weight)
    surf = _cache.get(key)
    if surf is None:
        if len(_cache) > 800:
            _cache.clear()
        surf = font(size, weight).render(text, True, colour)
        _cache[key] = surf
    return surf


def fit(text: str, size: int, max_width: int, weight: str = "regular") -> str:
    """The text, cut with an ellipsis so it fits max_width."""
    f = font(size, weight)
    if f.size(text)[0] <= max_width:
        return text
    while text and f.size(text + "…")[0] > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, size: int, max_width: int, weight: str = "regular", max_lines: int = 3) -> list[str]:
    """Greedy word wrap; the last line is ellipsised if it runs over max_lines."""
    f = font(size, weight)
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if f.size(trial)[0] <= max_width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(lines[-1] + " …", size, max_width, weight)
    return [fit(line, size, max_width, weight) for line in lines]


def draw(surface: pygame.Surface, text: str, size: int, pos: tuple[float, float], colour: theme.Colour = theme.TEXT,
         weight: str = "regular", anchor: str = "topleft", shadow: bool = False, max_width: int | None = None,
         alpha: int = 255) -> pygame.Rect:
    """Draw text anchored at pos (any pygame.Rect anchor name); returns the rect drawn."""
    if max_width is not None:
        text = fit(text, size, max_width, weight)
    surf = render(text, size, colour, weight)
    rect = surf.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
    if shadow:
        sh = render(text, size, (0, 0, 0), weight)
        if alpha < 255:
            sh = sh.copy()
            sh.set_alpha(alpha // 2)
        surface.blit(sh, rect.move(2, 2))
    if alpha < 255:
        surf = surf.copy()
        surf.set_alpha(alpha)
    surface.blit(surf, rect)
    return rect


def draw_lines(surface: pygame.Surface, lines: list[str], size: int, pos: tuple[int, int], colour: theme.Colour = theme.TEXT,
               weight: str = "regular", anchor: str = "topleft", spacing: float = 1.3) -> int:
    """Draw several lines downward from pos; returns the y below the last line."""
    x, y = pos
    step = int(size * spacing)
    for line in lines:
        draw(surface, line, size, (x, y), colour, weight, anchor)
        y += step
    return y
