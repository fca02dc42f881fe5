"""The game's name as the title screen shows it. Its own module, light to import, so that the very
first frame after launch (game.app.run_app) can show it before the scenes are loaded."""
from __future__ import annotations

import pygame

from game.ui import text, theme


def draw_logo(surface: pygame.Surface, glow: theme.Colour) -> None:
    """"K-POP / DANCE TRAINER" and the Korean name, at the title's top left (1280x720 canvas pixels).
    `glow` is the colour of "K-POP" (the title pulses it on the beat of its demo song)."""
    text.draw(surface, "K-POP", 104, (72, 70), glow, "display", shadow=True)
    text.draw(surface, "DANCE TRAINER", 46, (78, 186), theme.CYAN, "display", shadow=True)
    text.draw(surface, "케이팝 댄스 트레이너", 24, (80, 244), theme.TEXT_DIM, "bold")
