"""The camera stopped sending frames mid-song: the song waits (music and clock paused) and carries
on by itself when frames flow again, so a loose USB cable costs a pause, not the song."""
from __future__ import annotations

import pygame

from game.scenes.base import Scene
from game.ui import camera_view, draw, text, theme
from game.ui.widgets import button


class CameraLostScene(Scene):
    overlay = True

    def __init__(self, app, play):
        super().__init__(app)
        self.play = play
        self.since = app.t
        self.quit_rect = pygame.Rect(640 - 160, 470, 320, 58)

    def update(self, dt: float) -> None:
        live = self.play.live
        if live is None or not live.lost():
            self.app.pop()
            self.play.resume()
            self.app.audio.sfx("go", 0.6)

    def handle(self, event: pygame.event.Event) -> None:
        quit_keys = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_q)
        if (event.type == pygame.KEYDOWN and event.key in quit_keys) or \
                (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.quit_rect.collidepoint(event.pos)):
            self.quit_song()

    def quit_song(self) -> None:
        from game.scenes.play import quit_to_song_list

        self.app.audio.sfx("back")
        quit_to_song_list(self.app)

    def instructions(self) -> list[tuple[str, str]]:
        return [("Esc/Enter", self.tr("quit_song"))]

    def draw(self, surface: pygame.Surface) -> None:
        draw.dim(surface, 185)
        box = pygame.Rect(640 - 330, 150, 660, 410)
        draw.glow(surface, box, theme.RED, 24, 18)
        draw.panel(surface, box, theme.PANEL, theme.RED, radius=24, alpha=250, width=3)
        camera_view.camera_icon(surface, (640, 232), 40, theme.TEXT_DIM, crossed=True)
        text.draw(surface, self.tr("camera_lost"), 38, (640, 300), theme.TEXT, "display", "midtop", shadow=True)
        y = text.draw_lines(surface, text.wrap(self.tr("camera_lost_sub"), 18, box.w - 80, max_lines=3), 18, (640, 356),
                            theme.TEXT_DIM, anchor="midtop")
        waited = int(self.app.t - self.since)
        dots = "." * (1 + int(self.app.t * 2) % 3)
        text.draw(surface, self.tr("camera_waiting").format(dots=dots, s=waited), 15, (640, y + 4), theme.TEXT_FAINT,
                  "bold", "midtop")
        button(surface, self.quit_rect, self.tr("quit_song"), True, theme.PINK, 22)
        self.draw_instructions(surface, self.play.song.title)
