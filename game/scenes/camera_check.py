"""Between choosing a member and dancing: wait for pose recognition, open the camera, or say why not.

Before the first song of a session the camera, once open, is shown with what would stop the game
seeing the player (too dark, nobody, not the whole body, too close, too far), as Just Dance and
Dance Central check the player's framing before a song; Enter starts the song when the player is
ready (later songs go straight in).

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
    from game.pose.tracker import TrackedFrame

HEAD, FEET = (0,), (27, 28)  # nose; ankles: the whole body is in view when both ends are seen
TOO_CLOSE = 0.92  # head-to-ankle height over the frame's height above which the body is cut off when moving
TOO_FAR = 0.40  # ... and under which the limbs are too few pixels for MediaPipe to follow well
SEEN = 0.5  # landmark visibility that counts as seen


def draw_camera_frame(surface: pygame.Surface, tracked: "TrackedFrame | None", area: pygame.Rect, mirror: bool,
                      colour: theme.Colour, waiting: str) -> None:
    """A panel with the camera's latest picture fitted in it and the player's skeleton over it
    (or `waiting` until the first frame): what the framing check and the calibration screens show."""
    draw.panel(surface, area, (12, 8, 26), theme.PANEL_EDGE, radius=18, alpha=240)
    inner = area.inflate(-16, -16)
    if tracked is None:
        camera_view.no_signal(surface, camera_view.fit_rect((640, 480), inner), waiting)
        return
    h, w = tracked.frame.image.shape[:2]
    rect = camera_view.fit_rect((w, h), inner)
    surface.blit(camera_view.frame_surface(tracked.frame.image, rect.size, mirror), rect)
    if tracked.landmarks is not None:
        camera_view.draw_player(surface, tracked.landmarks.points, rect, mirror, colour, frozenset())


def framing_problems(tracked: "TrackedFrame | None") -> list[str]:
    """What stops the game seeing the player in this frame, as string keys (empty: ready).

    Light first (in the dark nobody is found, and "step in" would be the wrong advice), then
    nobody / whole body / distance. Distance is the head-to-ankle height as a share of the frame."""
    from game.pose.capture import DARK_BELOW, brightness

    if tracked is None:
        return ["camera_starting"]
    out = []
    if brightness(tracked.frame.image) < DARK_BELOW:
        out.append("too_dark")
    lm = tracked.landmarks
    if lm is None:
        return out or ["step_in"]
    pts = lm.points
    ys = [float(pts[i, 1]) for i in HEAD + FEET if pts[i, 3] >= SEEN]
    whole = all(pts[i, 3] >= SEEN and 0.0 <= pts[i, 1] <= 1.0 for i in HEAD + FEET) and tracked.status != "partial"
    if not whole:
        out.append("whole_body")
    elif max(ys) - min(ys) > TOO_CLOSE:
        out.append("too_close")
    elif max(ys) - min(ys) < TOO_FAR:
        out.append("too_far")
    return out


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
        self.checking: tuple | None = None  # (play scene, live player) while the player checks their framing

    @property
    def first_song(self) -> bool:
        """The camera check is shown before the session's first song from the camera."""
        return not self.app.camera_checked

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
            live = self.app.pose_service.open_live(source, scene.capture_time,
                                                   delay=self.app.settings.camera_delay_ms / 1000.0)
            if hasattr(live, "keep_pictures"):  # the replays keep camera pictures only when the player asked
                live.keep_pictures = self.app.settings.replay_pictures
        except CameraError as err:
            return self._failed(source, str(err))
        except Exception as err:  # noqa: BLE001  (a broken driver or MediaPipe: a message, never a traceback)
            return self._failed(source, self.tr("camera_failed", error=err))
        self._stop_typing()
        if self.first_song:
            self.checking = (scene, live)
            return None
        scene.attach_live(live)
        self.app.replace(scene)
        return None

    def start_song(self) -> None:
        """The framing check is done: the song starts with the camera already open."""
        assert self.checking is not None
        scene, live = self.checking
        self.checking = None
        self.app.camera_checked = True
        scene.attach_live(live)
        self.app.audio.sfx("go")
        self.app.replace(scene)

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
        if self.checking is not None:
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.start_song()
            elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                self.start_song()
            else:
                super().handle(event)
            return
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
        if self.checking is not None:  # went back without playing: close the camera
            self.checking[1].stop()
            self.checking = None

    def instructions(self) -> list[tuple[str, str]]:
        if self.checking is not None:
            return [("Enter", self.tr("start")), ("Esc", self.tr("back"))]
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
        if self.checking is not None:
            self._draw_check(surface)
        elif self.error is None and self.typing is None:
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

    def _draw_check(self, surface: pygame.Surface) -> None:
        """The player's picture with their skeleton, and a list: light, whole body, distance."""
        live = self.checking[1]
        tracked = live.latest
        draw_camera_frame(surface, tracked, pygame.Rect(40, 100, 720, 540), self.app.settings.mirror, self.member.colour,
                          self.tr("camera_starting"))
        problems = framing_problems(tracked)
        side = pygame.Rect(790, 100, 450, 540)
        draw.panel(surface, side, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
        text.draw(surface, self.tr("check_title"), 28, (side.x + 24, side.y + 20), theme.TEXT, "display", max_width=side.w - 48)
        y = side.y + 76
        checks = (("check_label_light", ("too_dark",)), ("check_label_body", ("step_in", "whole_body", "camera_starting")),
                  ("check_label_distance", ("too_close", "too_far")))
        unseen = any(k in problems for k in checks[1][1])  # distance means nothing until the whole body is seen
        for label, keys in checks:
            problem = next((k for k in problems if k in keys), None)
            unknown = unseen and label == "check_label_distance"
            colour = theme.GOLD if problem else theme.TEXT_FAINT if unknown else theme.GREEN
            mark = (side.x + 38, y + 14)
            pygame.draw.circle(surface, colour, mark, 12)
            if problem:
                text.draw(surface, "!", 16, mark, theme.BG_TOP, "bold", "center")
            elif not unknown:  # a tick, drawn: the fonts have no check mark
                pygame.draw.lines(surface, theme.BG_TOP, False, [(mark[0] - 6, mark[1]), (mark[0] - 2, mark[1] + 5),
                                                                (mark[0] + 6, mark[1] - 5)], 3)
            text.draw(surface, self.tr(label), 20, (side.x + 62, y), theme.TEXT, "bold")
            advice = self.tr(f"check_{problem}" if problem else "check_unknown" if unknown else "check_ok")
            y = text.draw_lines(surface, text.wrap(advice, 16, side.w - 90, max_lines=3), 16, (side.x + 62, y + 28),
                                colour if problem else theme.TEXT_DIM) + 16
        ready = not problems
        lines = text.wrap(self.tr("check_ready" if ready else "check_start_anyway"), 17, side.w - 48, max_lines=2)
        for k, line in enumerate(lines):
            text.draw(surface, line, 17, (side.centerx, side.bottom - 80 - 22 * (len(lines) - k)),
                      theme.GREEN if ready else theme.TEXT_DIM, "bold", "midtop")
        button(surface, pygame.Rect(side.x + 40, side.bottom - 66, side.w - 80, 50), self.tr("start"), True,
               theme.GREEN if ready else theme.CYAN, 22)

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
