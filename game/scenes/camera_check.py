"""Between choosing a member and dancing: wait for pose recognition, open the camera, or say why not.

No webcam or an unreadable video is not an error screen with a traceback but a choice: play the
demo (autoplay), type (or drop) a video file to use as the camera, try the camera again, or go back."""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.chart import Member, Song
from game.pose import service as pose_service
from game.scenes.base import Scene
from game.ui import camera_view, draw, text, theme
from game.ui.pose_status import model_detail, short_paths
from game.ui.strings import difficulty_label, source_label, tr
from game.ui.text_input import TextInput
from game.ui.widgets import FocusList, button

if TYPE_CHECKING:
    from game.app import App


def begin_play(app: "App", song: Song, member: Member, difficulty: str, *, demo: bool = False, replace: bool = False,
               jitter_ms: float = 0.0, seed: int = 0) -> None:
    """Start a song: from the camera when pose recognition can judge it, else as the autoplay demo."""
    from game.scenes.play import PlayScene

    put = app.replace if replace else app.push
    service = app.pose_service
    if demo or service.state == pose_service.OFF:
        put(PlayScene(app, song, member, difficulty, jitter_ms=jitter_ms, seed=seed))
    elif service.state == pose_service.ERROR:
        put(PlayScene(app, song, member, difficulty, demo_reason=demo_reason(service.message, app.language)))
    else:
        put(CameraCheckScene(app, song, member, difficulty))


def demo_reason(message: str | None, language: str = "en") -> str:
    """What the play screen says about why it is the demo."""
    return model_detail(message, language) if message else tr("pose_off", language)


class CameraCheckScene(Scene):
    ITEMS = ("play_demo", "use_video", "try_again", "back")
    KEYS = {pygame.K_d: "play_demo", pygame.K_v: "use_video", pygame.K_r: "try_again"}

    def __init__(self, app: "App", song: Song, member: Member, difficulty: str):
        super().__init__(app)
        self.song, self.member, self.difficulty = song, member, difficulty
        self.error: str | None = None  # why the camera could not be opened
        self.failed_source: str | int | None = None
        self.typing: TextInput | None = None
        self.input_error: str | None = None
        self.pending = True  # open the camera on the next update
        self.attempts = 0  # how many times the camera was tried (shown after "Try the camera again")
        self.tried_at = 0.0  # app time of the last try
        self.retry_at: float | None = None  # a retry waits this long on the "trying" screen, so it is seen
        self.swallow: tuple[str, float] | None = None  # the V that opened the path field is not typed into it
        self.menu = FocusList(len(self.ITEMS), pygame.Rect(800, 196, 400, 4 * 62 + 3 * 14), 62, gap=14)

    # --- opening the camera --------------------------------------------------------------------
    def update(self, dt: float) -> None:
        service = self.app.pose_service
        if service.state == pose_service.LOADING or not self.pending:
            return
        if self.retry_at is not None and self.app.t < self.retry_at:
            return
        self.pending, self.retry_at = False, None
        self.attempts += 1
        self.tried_at = self.app.t
        if not service.usable:
            self._play(demo_reason(service.message, self.app.language))
            return
        self.open(self.app.camera_source())

    def open(self, source: str | int) -> str | None:
        """Start the song from this camera; returns why not (and shows the choices) when it can't."""
        from game.pose.capture import CameraError

        scene = self.new_play()
        try:
            live = self.app.pose_service.open_live(source, scene.capture_time)
        except CameraError as err:
            return self._failed(source, str(err))
        except Exception as err:  # noqa: BLE001  (a broken driver or MediaPipe: a message, never a traceback)
            return self._failed(source, self.tr("camera_failed", error=err))
        scene.attach_live(live)
        self._stop_typing()
        self.app.replace(scene)
        return None

    def _failed(self, source: str | int, message: str) -> str:
        message = short_paths(message)
        if self.typing is not None:  # the player typed it: not a --camera argument; shown under the field
            return message.replace(" given to --camera", "")
        self.error, self.failed_source = message[:1].upper() + message[1:], source
        self.app.audio.sfx("miss", 0.5)
        return message

    def _play(self, reason: str | None) -> None:
        self._stop_typing()
        self.app.replace(self.new_play(demo_reason=reason))

    def new_play(self, **options):
        """The play scene this check leads to (a practice overrides it)."""
        from game.scenes.play import PlayScene

        return PlayScene(self.app, self.song, self.member, self.difficulty, **options)

    # --- input -----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if self.typing is not None:
            self._handle_typing(event)
            return
        if self.error is None:  # still loading or opening
            if event.type == pygame.KEYDOWN and event.key == pygame.K_d:
                self.choose("play_demo")
            else:
                super().handle(event)
            return
        if event.type == pygame.KEYDOWN and event.key in self.KEYS:
            if event.key == pygame.K_v:  # SDL sends the V as text too, just after this key event
                self.swallow = (getattr(event, "unicode", "") or "v", self.app.t)
            self.choose(self.KEYS[event.key])
            return
        if not self.handle_menu(event):
            super().handle(event)

    def choose(self, item: str) -> None:
        self.app.audio.sfx("select")
        if item == "play_demo":
            self._play(None)
        elif item == "use_video":
            self.typing = TextInput(hint_text=self.tr("video_hint"))
            self.input_error = None
            self.typing.start()
        elif item == "try_again":
            self.error = None
            self.pending = True
            self.retry_at = self.app.t + 0.6
        else:
            self.back()

    def _handle_typing(self, event: pygame.event.Event) -> None:
        assert self.typing is not None
        if event.type == pygame.TEXTINPUT:
            swallow, self.swallow = self.swallow, None
            if swallow is not None and swallow[1] == self.app.t and event.text.lower() == swallow[0].lower():
                return
        result = self.typing.handle(event)
        if result == "cancel":
            self._stop_typing()
        elif result == "edit":
            self.input_error = None
        elif result == "submit":
            raw = self.typing.value.strip().strip('"').strip("'")
            if not raw:
                self.input_error = self.tr("type_path_first")
                return
            path = str(Path(raw).expanduser())
            if not Path(path).is_file():  # the commonest slip, said in the player's language
                self.input_error = self.tr("video_not_found", path=raw)
                self.app.audio.sfx("miss", 0.5)
                return
            self.input_error = self.open(path)
            if self.input_error is None:  # this session and the next use it, until Settings picks a webcam
                self.app.camera = None
                self.app.update_settings(replace(self.app.settings, camera=path))
            else:
                self.app.audio.sfx("miss", 0.5)

    def _stop_typing(self) -> None:
        if self.typing is not None:
            self.typing.stop()
            self.typing = None

    def leave(self) -> None:
        self._stop_typing()

    def instructions(self) -> list[tuple[str, str]]:
        if self.typing is not None:
            return [("Enter", self.tr("use_it")), ("Esc", self.tr("cancel"))]
        if self.error is None:
            return [("D", self.tr("demo")), ("Esc", self.tr("back"))]
        return [("↑/↓", self.tr("move")), ("Enter", self.tr("select")), ("D", self.tr("demo")), ("V", self.tr("video")),
                ("R", self.tr("try_again")), ("Esc", self.tr("back"))]

    # --- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        colour = self.member.colour
        self.draw_background(surface, colour)
        lang = self.app.language
        self.draw_header(surface, self.tr("camera"),
                         f"{self.song.title} — {self.member.display_name(lang)} · {difficulty_label(self.difficulty, lang)}",
                         colour)
        if self.error is None and self.typing is None:
            self._draw_waiting(surface)
        else:
            self._draw_failure(surface)
        note = source_label(self.failed_source, lang) if self.failed_source is not None else ""
        self.draw_instructions(surface, note)

    def _draw_waiting(self, surface: pygame.Surface) -> None:
        loading = self.app.pose_service.state == pose_service.LOADING
        centre = (640, 330)
        t = self.app.t
        for i in range(12):
            a = t * 4 + i * math.pi / 6
            shade = theme.lerp(theme.PANEL_HI, self.member.colour, ((i / 12) + t) % 1.0)
            pygame.draw.circle(surface, shade, (centre[0] + math.cos(a) * 54, centre[1] + math.sin(a) * 54), 7)
        camera_view.camera_icon(surface, centre, 26, theme.TEXT_DIM)
        label = self.tr("loading_pose") if loading else self.tr("trying_again" if self.attempts else "camera_starting")
        text.draw(surface, label, 30, (640, 420), theme.TEXT, "display", "midtop", shadow=True)
        text.draw(surface, source_label(self.app.camera_source(), self.app.language), 18, (640, 466), theme.TEXT_DIM,
                  anchor="midtop")

    def _draw_failure(self, surface: pygame.Surface) -> None:
        card = pygame.Rect(60, 112, 700, 520 if self.typing is not None else 400)
        draw.panel(surface, card, theme.PANEL, theme.RED, radius=22, alpha=235, width=2)
        camera_view.camera_icon(surface, (card.x + 86, card.y + 86), 36, theme.TEXT_DIM, crossed=True)
        is_webcam = isinstance(self.failed_source, int) or str(self.failed_source).isdigit()
        title = self.tr("no_camera") if is_webcam else self.tr("camera_problem")
        text.draw(surface, title, 34, (card.x + 160, card.y + 30), theme.TEXT, "display", max_width=card.w - 190)
        summary = self.tr("no_webcam_found" if is_webcam else "video_unusable")
        y = text.draw_lines(surface, text.wrap(summary, 18, card.w - 190, max_lines=2), 18, (card.x + 160, card.y + 76),
                            theme.TEXT, "bold")
        detail = self.tr("no_webcam_detail", n=int(self.failed_source)) if is_webcam else (self.error or "")
        y = text.draw_lines(surface, text.wrap(detail, 15, card.w - 190, max_lines=5), 15,
                            (card.x + 160, y + 2), theme.TEXT_DIM)
        if self.attempts > 1:  # "Try the camera again" answered: how many tries, and when the last was
            when = self.tr("tried_at", s=int(self.app.t - self.tried_at))
            text.draw(surface, self.tr("still_failing", n=self.attempts, when=when), 15, (card.x + 160, y + 4), theme.GOLD,
                      "bold", max_width=card.w - 190)
            y += 22
        ways = [("D", self.tr("way_demo")), ("V", self.tr("way_video")), ("R", self.tr("way_retry"))]
        y = max(y + 18, card.y + 196)
        text.draw(surface, self.tr("you_can"), 18, (card.x + 40, y), theme.TEXT, "bold")
        y += 34
        for key, line in ways:
            draw.keycap(surface, key, (card.x + 40, y + 10), 14)
            for k, part in enumerate(text.wrap(line, 16, card.w - 120, max_lines=2)):
                text.draw(surface, part, 16, (card.x + 84, y + k * 20), theme.TEXT_DIM)
            y += 40
        if self.typing is not None:
            self._draw_typing(surface, pygame.Rect(card.x + 30, card.bottom - 150, card.w - 60, 130))
        for i, item in enumerate(self.ITEMS):
            colours = (theme.GOLD, theme.CYAN, theme.GREEN, theme.PINK)
            focused = self.menu.focus == i and self.typing is None
            button(surface, self.menu.rect(i), self.tr(item), focused, colours[i], 22)

    def _draw_typing(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        assert self.typing is not None
        draw.panel(surface, area, theme.PANEL_HI, None, radius=16, alpha=255)
        text.draw(surface, self.tr("video_path"), 17, (area.x + 18, area.y + 12), theme.CYAN, "bold")
        field = pygame.Rect(area.x + 14, area.y + 40, area.w - 28, 46)
        self.typing.draw(surface, field, theme.CYAN, self.app.t)
        if self.input_error:
            text.draw(surface, self.input_error, 15, (area.x + 18, field.bottom + 10), theme.RED, "bold", max_width=area.w - 36)
        else:
            text.draw(surface, self.tr("video_keys"), 15,
                      (area.x + 18, field.bottom + 10), theme.TEXT_FAINT)
