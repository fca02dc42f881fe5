"""Pause overlay over the frozen play screen: resume, restart, or quit to the song list."""
from __future__ import annotations

import pygame

from game.scenes.base import Scene
from game.ui import draw, text, theme
from game.ui.widgets import FocusList, button


class PauseScene(Scene):
    overlay = True
    ITEMS = ("resume", "restart", "quit_song")

    def __init__(self, app, play):
        super().__init__(app)
        self.play = play
        self.menu = FocusList(len(self.ITEMS), pygame.Rect(640 - 170, 300, 340, 230), 62, gap=14)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_p, pygame.K_PAUSE):
            self.choose("resume")
            return
        self.handle_menu(event)

    def choose(self, item: str) -> None:
        self.app.audio.sfx("select")
        if item == "resume":
            self.app.pop()
            self.play.resume()
        elif item == "restart":
            self.app.pop()
            self.play.restart()
        else:
            from game.scenes.play import quit_to_song_list

            quit_to_song_list(self.app)

    def instructions(self) -> list[tuple[str, str]]:
        return [("↑/↓", self.tr("move")), ("Enter", self.tr("select")), ("Esc/P", self.tr("resume"))]

    def draw(self, surface: pygame.Surface) -> None:
        draw.dim(surface, 170)
        box = pygame.Rect(640 - 240, 150, 480, 420)
        draw.glow(surface, box, self.play.member.colour, 24, 18)
        draw.panel(surface, box, theme.PANEL, self.play.member.colour, radius=24, alpha=250, width=3)
        text.draw(surface, self.tr("paused"), 48, (640, 186), theme.TEXT, "display", "midtop", shadow=True)
        score = self.play.session.score
        text.draw(surface, f"{self.play.song.title} · {score.score:,} · {self.tr('combo')} {score.combo}", 17, (640, 250),
                  theme.TEXT_DIM, anchor="midtop", max_width=440)
        colours = (theme.GREEN, theme.CYAN, theme.PINK)
        for i, item in enumerate(self.ITEMS):
            button(surface, self.menu.rect(i), self.tr(item), self.menu.focus == i, colours[i], 24)
        self.draw_instructions(surface)
