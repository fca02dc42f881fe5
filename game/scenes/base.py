"""What every screen has: the app, input, update, draw, and the instruction bar's contents."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import draw, text, theme
from game.ui.strings import tr
from game.ui.widgets import instruction_bar

if TYPE_CHECKING:
    from game.app import App


class Scene:
    overlay = False  # True: the scene below is drawn first (pause)

    def __init__(self, app: "App"):
        self.app = app

    def tr(self, key: str, **fields: object) -> str:
        """The player's words for key (game.ui.strings), with {fields} filled in."""
        return tr(key, self.app.language, **fields)

    def enter(self) -> None:
        """Became the top scene (pushed, or uncovered)."""

    def pause_scene(self) -> None:
        """Another scene was pushed on top."""

    def leave(self) -> None:
        """Removed from the stack."""

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.back()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            self.back()

    def handle_menu(self, event: pygame.event.Event) -> bool:
        """For scenes with a FocusList `menu` over `ITEMS`: a tick on focus, `choose(item)` on
        activate. Returns whether the menu used the event."""
        result = self.menu.handle(event)  # type: ignore[attr-defined]
        if result and result[0] == "focus":
            self.app.audio.sfx("move", 0.5)
        elif result and result[0] == "activate":
            self.choose(self.ITEMS[result[1]])  # type: ignore[attr-defined]
        return bool(result and result[0] in ("focus", "activate"))

    def back(self) -> None:
        self.app.audio.sfx("back")
        self.app.pop()

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def instructions(self) -> list[tuple[str, str]]:
        return [("Esc", self.tr("back"))]

    # --- shared drawing ----------------------------------------------------------------------
    def draw_background(self, surface: pygame.Surface, accent: theme.Colour = theme.PINK) -> None:
        surface.blit(draw.background(surface.get_size(), accent), (0, 0))

    def draw_header(self, surface: pygame.Surface, title: str, subtitle: str = "", colour: theme.Colour = theme.PINK) -> None:
        r = text.draw(surface, title, 40, (40, 26), theme.TEXT, "display", shadow=True)
        pygame.draw.rect(surface, colour, (40, r.bottom + 6, 70, 5), border_radius=3)
        if subtitle:
            text.draw(surface, subtitle, 18, (r.right + 18, r.bottom - 6), theme.TEXT_DIM, anchor="bottomleft")

    def draw_instructions(self, surface: pygame.Surface, note: str = "") -> None:
        instruction_bar(surface, self.instructions(), note)
