"""Pause overlay over the frozen play screen: resume (after a 3-2-1 count-in), restart, stop a practice, or quit."""
from __future__ import annotations

import math

import pygame

from game.scenes.base import Scene
from game.ui import draw, hud, text, theme
from game.ui.play_layout import CAMERA, FEEDBACK_W, FEEDBACK_X
from game.ui.widgets import FocusList, button

COUNT_IN_BEATS = 3


class PauseScene(Scene):
    overlay = True

    def __init__(self, app, play):
        super().__init__(app)
        self.play = play
        practice = hasattr(play, "finish_practice")
        self.ITEMS = ("resume", "restart", "stop_practice", "quit_song") if practice else ("resume", "restart", "quit_song")
        n = len(self.ITEMS)
        self.menu = FocusList(n, pygame.Rect(640 - 170, 300, 340, n * 62 + (n - 1) * 14), 62, gap=14)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_p, pygame.K_PAUSE):
            self.choose("resume")
            return
        self.handle_menu(event)

    def choose(self, item: str) -> None:
        self.app.audio.sfx("select")
        if item == "resume":
            if self.play.now < self.play.count_in().go_at:  # its own count-in is still to come: that one counts, not two
                self.app.pop()
                self.play.resume()
            else:
                self.app.replace(ResumeCountIn(self.app, self.play))
        elif item == "restart":
            self.app.pop()
            self.play.restart()
        elif item == "stop_practice":
            self.app.pop()
            self.play.finish_practice()
        else:
            from game.scenes.play import quit_to_song_list

            quit_to_song_list(self.app)

    def instructions(self) -> list[tuple[str, str]]:
        return [("↑/↓", self.tr("move")), ("Enter", self.tr("select")), ("Esc/P", self.tr("resume"))]

    def draw(self, surface: pygame.Surface) -> None:
        draw.dim(surface, 170)
        box = pygame.Rect(640 - 240, 150, 480, self.menu.area.bottom + 40 - 150)
        draw.glow(surface, box, self.play.member.colour, 24, 18)
        draw.panel(surface, box, theme.PANEL, self.play.member.colour, radius=24, alpha=250, width=3)
        text.draw(surface, self.tr("paused"), 48, (640, 186), theme.TEXT, "display", "midtop", shadow=True)
        score = self.play.session.score
        text.draw(surface, f"{self.play.song.title} · {score.score:,} · {self.tr('combo')} {score.combo}", 17, (640, 250),
                  theme.TEXT_DIM, anchor="midtop", max_width=440)
        colours = {"resume": theme.GREEN, "restart": theme.CYAN, "stop_practice": theme.GOLD, "quit_song": theme.PINK}
        for i, item in enumerate(self.ITEMS):
            button(surface, self.menu.rect(i), self.tr(item), self.menu.focus == i, colours[item], 24)
        self.draw_instructions(surface)


class ResumeCountIn(Scene):
    """3-2-1 over the frozen play screen, clicking on the song's own beats, then the music goes on.

    The clicks fall where the song's beats would if it had been playing for the last three beats
    before the paused moment, so the first beat after the music resumes comes one beat after the
    last click (a dancer steps back in on the beat, as in Just Dance's resume count)."""

    overlay = True

    def __init__(self, app, play):
        super().__init__(app)
        self.play = play
        song, at = play.song, play.now
        beat = song.tempo.beat_at(max(at, 0.0), song.offset)
        self.beat_s = max(0.2, song.tempo.seconds_at(math.floor(beat) + 1, song.offset) - song.tempo.seconds_at(math.floor(beat), song.offset))
        self.length = COUNT_IN_BEATS * self.beat_s
        self.from_t = at - self.length  # the song time the count-in pretends to play from
        self.elapsed = 0.0
        self.clicked = 0

    def beats_left(self) -> int:
        """The number on screen: 3 until the second click, then 2, then 1 (each click says its number)."""
        return COUNT_IN_BEATS - max(self.clicks_due(), 1) + 1

    def clicks_due(self) -> int:
        """Clicks so far: the song's beats passed since from_t (the first on the count-in's start)."""
        tempo, offset = self.play.song.tempo, self.play.song.offset
        start = tempo.beat_at(max(self.from_t, 0.0), offset) if self.from_t >= 0 else -self.length / self.beat_s
        now_t = self.from_t + self.elapsed
        now = tempo.beat_at(now_t, offset) if now_t >= 0 else start + self.elapsed / self.beat_s
        first = math.ceil(start - 1e-9)
        return max(0, min(COUNT_IN_BEATS, math.floor(now + 1e-9) - first + 1))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_p, pygame.K_PAUSE):
            self.app.replace(PauseScene(self.app, self.play))  # changed their mind: paused again

    def update(self, dt: float) -> None:
        self.elapsed += dt
        due = self.clicks_due()
        while self.clicked < due:
            self.clicked += 1
            self.app.audio.sfx("count")
        if self.elapsed >= self.length:
            self.app.pop()
            self.play.resume()

    def instructions(self) -> list[tuple[str, str]]:
        return [("Esc/P", self.tr("pause"))]

    def draw(self, surface: pygame.Surface) -> None:
        draw.dim(surface, 110)
        colour = self.play.member.colour
        # the column where the play's own count-in shows (its combo set aside), never over the player's picture
        column = pygame.Rect(CAMERA.right - FEEDBACK_W - 8, CAMERA.y + 8, FEEDBACK_W, CAMERA.h - 16)
        draw.panel(surface, column, (12, 8, 26), None, radius=14, alpha=255)
        text.draw(surface, self.tr("resume_ready"), 26, (FEEDBACK_X, CAMERA.y + 42), theme.TEXT, "display", "center",
                  shadow=True, max_width=FEEDBACK_W - 20)
        hud.progress_bar(surface, pygame.Rect(FEEDBACK_X - 100, CAMERA.y + 72, 200, 8), self.elapsed / self.length, colour)
        frac = (self.elapsed % self.beat_s) / self.beat_s
        hud.countdown(surface, (FEEDBACK_X, CAMERA.centery + 30), str(self.beats_left()), frac, colour, False)
        self.draw_instructions(surface)
