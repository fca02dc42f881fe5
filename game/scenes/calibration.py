"""Calibration screens (opened from Settings): tap to the beat for the audio offset, raise both arms on
clicks for the camera delay. The maths is game.practice.calibration; these screens only collect
taps and camera frames, and save the setting when the samples are steady (StepMania's rule), saying
so when they are not."""
from __future__ import annotations

import math
import time
from dataclasses import replace

import pygame

from game.practice import calibration as cal
from game.scenes.base import Scene
from game.ui import draw, text, theme

TAP_PERIOD_S = 0.6  # 100 BPM, as the settings screen's calibration tick
TAP_BEATS = 24
TAP_NEEDED = 12
FIRST_S = 1.5  # the first tick or click comes this long after the screen opens
CLICK_PERIOD_S = 1.6  # regular, so the player raises on the click rather than reacting to it
CLICKS = 10
AFTER_S = 1.2  # frames are gathered this long after the last click


def ring(surface: pygame.Surface, centre: tuple[int, int], radius: int, share: float, colour: theme.Colour, width: int) -> None:
    """A clockwise ring from 12 o'clock over `share` (0..1) of the circle, as dots (pygame's arc leaves gaps)."""
    steps = int(180 * max(0.0, min(1.0, share)))
    for k in range(steps + 1):
        a = -math.pi / 2 + 2 * math.pi * k / 180
        pygame.draw.circle(surface, colour, (centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a)), width)


def keep_if_accepted(app, result, setting: str) -> None:
    """Store an accepted calibration (result.value in seconds) as the integer-ms `setting`, with the sound
    that tells the player whether it took; a refused one changes nothing (game.practice.calibration decides)."""
    if result.accepted:
        app.update_settings(replace(app.settings, **{setting: round(result.value * 1000)}))
        app.audio.sfx("full_combo", 0.7)
    else:
        app.audio.sfx("miss", 0.6)


class TapCalibrationScene(Scene):
    """Ticks on a steady beat; the player taps Space (or clicks) on each tick they hear."""

    def __init__(self, app):
        super().__init__(app)
        self.restart()

    def restart(self) -> None:
        self.start = self.app.t + FIRST_S
        self.offset_s = self.app.settings.audio_offset_ms / 1000.0  # what the game clock subtracts now
        self.beats = [k * TAP_PERIOD_S for k in range(TAP_BEATS)]
        self.taps: list[float] = []
        self.ticked = -1
        self.result: cal.Suggestion | None = None

    def now(self) -> float:
        """Time on the calibration's own game clock: seconds since the first tick, minus the current offset."""
        return self.app.t - self.start - self.offset_s

    def handle(self, event: pygame.event.Event) -> None:
        tap = (event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE) or (
            event.type == pygame.MOUSEBUTTONDOWN and event.button == 1)
        if self.result is None and tap:
            self.taps.append(self.now())
            return
        if self.result is not None and event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_r):
            self.restart()
            return
        super().handle(event)

    def update(self, dt: float) -> None:
        if self.result is not None:
            return
        beat = math.floor((self.app.t - self.start) / TAP_PERIOD_S)
        if beat != self.ticked and 0 <= beat < TAP_BEATS:
            self.ticked = beat
            self.app.audio.sfx("count", 0.8)
        if len(self.taps) >= TAP_NEEDED + 4 or self.app.t - self.start > self.beats[-1] + TAP_PERIOD_S / 2:
            self.finish()

    def finish(self) -> None:
        self.result = cal.tap_offset(self.taps, self.beats, self.offset_s, min_taps=TAP_NEEDED)
        keep_if_accepted(self.app, self.result, "audio_offset_ms")

    def instructions(self) -> list[tuple[str, str]]:
        if self.result is not None:
            return [("Enter", self.tr("tap_again")), ("Esc", self.tr("back"))]
        return [("Space", self.tr("tap")), ("Esc", self.tr("back"))]

    def message(self) -> tuple[str, theme.Colour]:
        r = self.result
        if r is None:
            return self.tr("tap_count", n=len(self.taps), total=TAP_NEEDED), theme.TEXT
        spread = round(r.spread * 1000)
        if r.accepted:
            return self.tr("tap_set", ms=f"{round(r.value * 1000):+d}", spread=spread), theme.GREEN
        if r.samples < TAP_NEEDED:
            return self.tr("tap_few", n=r.samples), theme.GOLD
        return self.tr("tap_spread", spread=spread, limit=round(cal.TAP_MAX_SPREAD_S * 1000)), theme.GOLD

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.CYAN)
        self.draw_header(surface, self.tr("tap_title"), f"{self.app.settings.audio_offset_ms:+d} ms", theme.CYAN)
        text.draw_lines(surface, text.wrap(self.tr("tap_how", n=TAP_NEEDED), 20, 1160, max_lines=2), 20, (60, 104),
                        theme.TEXT_DIM)
        centre = (640, 300)
        done = min(1.0, len(self.taps) / TAP_NEEDED)
        pygame.draw.circle(surface, theme.PANEL_HI, centre, 96)
        ring(surface, centre, 106, done, theme.CYAN, 5)
        text.draw(surface, str(len(self.taps)), 64, centre, theme.TEXT, "display", "center")
        self._draw_strip(surface, pygame.Rect(240, 440, 800, 70))
        message, colour = self.message()
        box = pygame.Rect(140, 548, 1000, 84)
        draw.panel(surface, box, theme.PANEL, colour if self.result else theme.PANEL_EDGE, radius=16, alpha=230)
        text.draw_lines(surface, text.wrap(message, 19, box.w - 40, max_lines=3), 19, (box.x + 20, box.y + 14), colour)
        self.draw_instructions(surface)

    def _draw_strip(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Each tap's distance from its tick: a mark left (early) or right (late) of the centre line, ±150 ms."""
        draw.panel(surface, area, theme.PANEL, theme.PANEL_EDGE, radius=12, alpha=220)
        mid = area.centerx
        pygame.draw.line(surface, theme.GREEN, (mid, area.y + 8), (mid, area.bottom - 8), 2)
        for label, x, anchor in (("early", area.x + 8, "topleft"), ("on_beat", mid, "midtop"), ("late", area.right - 8, "topright")):
            text.draw(surface, self.tr(label), 13, (x, area.bottom + 6), theme.TEXT_FAINT, "bold", anchor)
        for tap in self.taps:
            beat = min(self.beats, key=lambda b: abs(b - tap))
            error = max(-0.15, min(0.15, tap - beat))
            x = int(mid + error / 0.15 * (area.w / 2 - 16))
            pygame.draw.line(surface, theme.CYAN, (x, area.y + 14), (x, area.bottom - 14), 3)


class CameraDelayScene(Scene):
    """Clicks on a steady beat; the player raises both arms on each; the camera's frames say how late they arrive."""

    def __init__(self, app):
        super().__init__(app)
        self.live = None
        self.problem: str | None = None  # why it cannot run (no model, no camera)
        self.result: cal.Suggestion | None = None
        self.predictions: list = []
        self.last_frame = None  # the camera's last TrackedFrame, still shown once the test ends (the camera is off)
        self.restart()

    def restart(self) -> None:
        from game.pose.capture import CameraError

        self._stop()
        self.last_frame = None
        self.start = self.app.t + FIRST_S + 1.0
        self.delay_s = self.app.settings.camera_delay_ms / 1000.0
        self.clicks = [k * CLICK_PERIOD_S for k in range(CLICKS)]
        self.clicked = -1
        self.result, self.predictions = None, []
        service = self.app.pose_service
        if not service.usable or cal.ARMS_UP_POSE not in self.app.poses.poses:
            from game.scenes.camera_check import demo_reason

            self.problem = demo_reason(service.message, self.app.language)
            return
        self._ref = (self.now(), time.perf_counter())
        try:  # frames come stamped with this screen's clock, minus the current delay (as in a song)
            self.live = service.open_live(self.app.camera_source(), self.capture_time, delay=self.delay_s)
            self.problem = None
        except CameraError as err:
            self.problem = str(err)
        except Exception as err:  # noqa: BLE001  (a broken driver: a message, never a traceback)
            self.problem = self.tr("camera_failed", error=err)

    def now(self) -> float:
        """Seconds since the first click, as of this frame."""
        return self.app.t - self.start

    def capture_time(self) -> float:
        """now() for the camera thread: the last frame's reading carried on by the wall clock (as
        PlayScene.capture_time), so a frame is not stamped up to a whole render frame early."""
        now, wall = self._ref
        return now + (time.perf_counter() - wall)

    def _stop(self) -> None:
        if self.live is not None:
            self.last_frame = self.live.latest or self.last_frame
            self.live.stop()
            self.live = None

    def leave(self) -> None:
        self._stop()

    def handle(self, event: pygame.event.Event) -> None:
        if (self.result is not None or self.problem) and event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_r):
            self.restart()
            return
        super().handle(event)

    def update(self, dt: float) -> None:
        if self.live is None or self.result is not None:
            return
        self._ref = (self.now(), time.perf_counter())
        self.predictions.extend(self.live.predictions_until(self.now()))
        click = math.floor(self.now() / CLICK_PERIOD_S)
        if click != self.clicked and 0 <= click < CLICKS:
            self.clicked = click
            self.app.audio.sfx("count", 0.9)
        if self.now() > self.clicks[-1] + AFTER_S:
            self.finish()

    def finish(self) -> None:
        self.predictions.extend(self.live.predictions_until(self.now()) if self.live else [])
        self._stop()
        self.result = cal.camera_delay_from_clicks(self.clicks, sorted(self.predictions, key=lambda p: p.t),
                                                   current_delay=self.delay_s)
        keep_if_accepted(self.app, self.result, "camera_delay_ms")

    def instructions(self) -> list[tuple[str, str]]:
        if self.result is not None or self.problem:
            return [("Enter", self.tr("tap_again")), ("Esc", self.tr("back"))]
        return [("Esc", self.tr("back"))]

    def message(self) -> tuple[str, theme.Colour]:
        r = self.result
        if self.problem:
            return self.tr("delay_needs_camera", why=self.problem), theme.GOLD
        if r is None:
            return self.tr("delay_count", n=max(0, min(CLICKS, self.clicked + 1)), total=CLICKS), theme.TEXT
        spread = round(r.spread * 1000)
        if r.accepted:
            return self.tr("delay_set", ms=round(r.value * 1000), n=r.samples, spread=spread), theme.GREEN
        if r.samples < cal.CLICK_MIN:
            return self.tr("delay_few", n=r.samples, need=cal.CLICK_MIN), theme.GOLD
        return self.tr("delay_spread", spread=spread, limit=round(cal.CAMERA_MAX_SPREAD_S * 1000)), theme.GOLD

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.GOLD)
        self.draw_header(surface, self.tr("delay_title"), f"{self.app.settings.camera_delay_ms} ms", theme.GOLD)
        from game.scenes.camera_check import draw_camera_frame

        tracked = self.live.latest if self.live is not None else self.last_frame
        area = pygame.Rect(40, 100, 720, 540)
        waiting = "camera_problem" if self.problem else "delay_finished" if self.result is not None else "camera_starting"
        draw_camera_frame(surface, tracked, area, self.app.settings.mirror, theme.GOLD, self.tr(waiting))
        if self.result is not None and tracked is not None:  # the last frame stays; say the camera is off
            draw.chip(surface, self.tr("delay_finished"), (area.centerx, area.y + 24), theme.GOLD, 14, "midtop")
        side = pygame.Rect(790, 100, 450, 540)
        draw.panel(surface, side, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
        y = text.draw_lines(surface, text.wrap(self.tr("delay_how"), 18, side.w - 48, max_lines=4), 18,
                            (side.x + 24, side.y + 22), theme.TEXT_DIM)
        pose = self.app.poses.poses.get(cal.ARMS_UP_POSE)
        if pose is not None:
            from game.ui import cards

            cards.draw_card(surface, pose, pygame.Rect(side.centerx - 60, y + 16, 120, 156), theme.GOLD, False, self.app.language)
        if self.problem is None and self.result is None:  # a ring filling up to the next click: raise as it closes
            phase = (self.now() / CLICK_PERIOD_S) % 1.0 if self.now() >= -CLICK_PERIOD_S else 0.0
            centre = (side.centerx, side.y + 330)
            pygame.draw.circle(surface, theme.PANEL_HI, centre, 40)
            ring(surface, centre, 48, phase, theme.GOLD, 4)
        message, colour = self.message()
        text.draw_lines(surface, text.wrap(message, 18, side.w - 48, max_lines=5), 18, (side.x + 24, side.bottom - 150), colour)
        self.draw_instructions(surface)
