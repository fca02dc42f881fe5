"""Title: the game's name, a menu, an attract demo (a figure dancing a chart to its preview music),
and what pose recognition is doing (loading, ready, missing model, or an offer to retrain)."""
from __future__ import annotations

import pygame

from game.chart import Chart, Song
from game.scenes.base import Scene
from game.ui import cards, draw, hud, logo, pose_status, skeleton, text, theme
from game.ui.dancer import dancer_angles
from game.ui.strings import count
from game.ui.widgets import FocusList, button


class TitleScene(Scene):
    ITEMS = ("play", "progress", "settings", "quit")

    def __init__(self, app):
        super().__init__(app)
        self.menu = FocusList(len(self.ITEMS), pygame.Rect(80, 360, 360, 224), 50, gap=8)
        self.demo: tuple[Song, Chart] | None = self._pick_demo() if app.content_ready else None
        self.freeze_time: float | None = None  # screenshots pin the demo to one moment
        self.retrain_button: pygame.Rect | None = None

    def _pick_demo(self) -> tuple[Song, Chart] | None:
        for entry in self.app.entries:
            if entry.song:
                for member in entry.song.members:
                    if member.charts:
                        return entry.song, next(iter(member.charts.values()))
        return None

    def enter(self) -> None:
        if self.demo:
            song = self.demo[0]
            self.app.audio.preview(song.audio_path, song.preview_start, song.preview_length)

    def pause_scene(self) -> None:
        self.app.audio.stop(300)

    def leave(self) -> None:
        self.app.audio.stop(300)

    def demo_time(self) -> float:
        if self.freeze_time is not None:
            return self.freeze_time
        song = self.demo[0] if self.demo else None
        pos = self.app.audio.position()
        if pos is not None:
            return pos
        return (song.preview_start + self.app.t % max(song.preview_length, 1.0)) if song else self.app.t

    def handle(self, event: pygame.event.Event) -> None:
        if (event.type == pygame.KEYDOWN and event.key == pygame.K_r) or (
                event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.retrain_button
                and self.retrain_button.collidepoint(event.pos)):
            self.retrain()
            return
        if self.handle_menu(event):
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.running = False

    def choose(self, item: str) -> None:
        self.app.audio.sfx("select")
        if item == "play":
            from game.scenes.song_select import SongSelectScene

            self.app.push(SongSelectScene(self.app))
        elif item == "progress":
            from game.scenes.progress import ProgressScene

            self.app.push(ProgressScene(self.app))
        elif item == "settings":
            from game.scenes.settings import SettingsScene

            self.app.push(SettingsScene(self.app))
        else:
            self.app.running = False

    def retrain(self) -> None:
        """Train the pose model in a child process (TensorFlow stays out of the game); the app reloads it."""
        if self.app.pose_service.start_retrain():
            self.app.audio.sfx("select")

    def update(self, dt: float) -> None:
        if self.demo is None and self.app.top is self and self.app.content_ready and self.app.scanner.version:
            self.demo = self._pick_demo()  # songs load in the background
            if self.demo:
                self.enter()
        self.app.audio.update()

    def instructions(self) -> list[tuple[str, str]]:
        keys = [("↑/↓", self.tr("move")), ("Enter", self.tr("select")), ("Esc", self.tr("quit")), ("F11", self.tr("fullscreen"))]
        if self.app.pose_service.can_retrain:
            keys.insert(2, ("R", self.tr("retrain")))
        return keys

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface)
        t = self.demo_time()
        self._draw_demo(surface, t)
        pulse = 0.0
        if self.demo:
            pulse = hud.beat_strength(self.demo[0].tempo.beat_at(t, self.demo[0].offset))
        glow_col = theme.lerp(theme.PINK, theme.TEXT, 0.25 * pulse)
        logo.draw_logo(surface, glow_col)
        text.draw(surface, self.tr("title_sub"), 18, (80, 290), theme.TEXT, max_width=560)
        if self.app.content_ready:  # the first frames come before the songs and poses are loaded
            playable = sum(1 for e in self.app.entries if e.song)
            lang = self.app.language
            text.draw(surface, f"{count('n_songs', playable, lang)} · {count('n_poses', len(self.app.poses.poses), lang)}",
                      15, (80, 320), theme.TEXT_FAINT)
        for i, item in enumerate(self.ITEMS):
            colour = (theme.PINK, theme.GOLD, theme.CYAN, theme.VIOLET)[i]
            button(surface, self.menu.rect(i), self.tr(item), self.menu.focus == i, colour, 24)
        status = pygame.Rect(80, 592, 610, 84)
        self.retrain_button = pose_status.draw_status(surface, status, self.app.pose_service,
                                                      self.app.camera_source(), self.app.language, self.app.t)
        if self.app.notice:
            r = pygame.Rect(700, 598, 500, 76) if self.app.pose_service.state != "off" else pygame.Rect(80, 618, 1120, 30)
            draw.panel(surface, r, (60, 20, 30), theme.RED, radius=10)
            for i, line in enumerate(text.wrap(self.app.notice, 14, r.w - 24, max_lines=max(1, r.h // 20 - 1))):
                text.draw(surface, line, 14, (r.x + 12, r.y + 8 + i * 18), theme.TEXT, max_width=r.w - 24)
        self.draw_instructions(surface, note=self._demo_note())

    def _demo_note(self) -> str:
        if not self.demo and not (self.app.content_ready and self.app.scanner.done):
            return ""  # songs still loading behind the title
        if not self.demo:
            return self.tr("no_songs")
        song, chart = self.demo
        member = song.member(chart.member)
        return f"{self.tr('autoplay')}: {song.title} — {member.display_name(self.app.language)}"

    def _draw_demo(self, surface: pygame.Surface, t: float) -> None:
        stage = pygame.Rect(700, 40, 520, 600)
        if not self.demo:
            return
        song, chart = self.demo
        colour = song.member(chart.member).colour
        beat = song.tempo.beat_at(t, song.offset)
        pulse = hud.beat_strength(beat)
        centre = (stage.centerx, stage.y + 300)
        for i, r in enumerate((250, 200)):
            pygame.draw.circle(surface, theme.scale(colour, 0.25 + 0.25 * pulse * (i + 1) / 2), centre, int(r + 14 * pulse), 3)
        pygame.draw.ellipse(surface, theme.scale(colour, 0.3), (centre[0] - 160, stage.y + 520, 320, 40))
        figure_rect = pygame.Rect(stage.x + 60, stage.y + 40, stage.w - 120, 510)
        skeleton.draw_angles(surface, dancer_angles(chart.cues, self.app.poses, t), figure_rect,
                             theme.lerp(colour, theme.TEXT, 0.2), colour, thickness=0.15)
        upcoming = [c for c in chart.cues if c.time >= t - 0.1][:3]
        for i, cue in enumerate(upcoming):
            rect = pygame.Rect(stage.right - 100, stage.y + 20 + i * 132, 92, 122)
            if cue.pose in self.app.poses:
                cards.draw_card(surface, self.app.poses[cue.pose], rect, colour, cue.gold, self.app.language,
                                glow=(i == 0), alpha=255 if i == 0 else 170)
        hud.beat_dots(surface, (centre[0] - 40, stage.y + 590), beat, song.tempo.beats_per_bar, colour)
