"""Settings: audio offset (with a calibration beat), volumes, fullscreen, language, camera, mirror, timing
windows, camera delay. Enter on the audio offset opens the tap-to-the-beat test, on the camera delay
the arm-raise test (game/scenes/calibration.py).

Every change is applied and saved at once."""
from __future__ import annotations

import math
from dataclasses import replace

import pygame

from game.scenes.base import Scene
from game.storage import Settings
from game.ui import draw, hud, text, theme
from game.ui.pose_status import webcam_present
from game.ui.strings import grade_label, source_label, tr
from game.ui.widgets import FocusList, scrollbar

CAL_BPM = 100.0
TIMING = ((1.25, "timing_relaxed"), (1.0, "timing_standard"), (0.8, "timing_strict"))
# Each row's label and help are the strings set_KEY and set_KEY_help.
ROWS = ("audio_offset_ms", "music_volume", "sfx_volume", "fullscreen", "language", "camera", "mirror", "coach_mirror",
        "coach_skeleton", "timing_scale", "camera_delay_ms")
ROWS += ("replay_pictures",)  # off: the replays keep only the player's skeleton (game/pose/recording.py)
TESTS = {"audio_offset_ms": "TapCalibrationScene", "camera_delay_ms": "CameraDelayScene"}  # Enter opens these
WEBCAMS = range(10)


def camera_choices(override: str | None, saved: int | str, remembered: str | None) -> list[int | str]:
    """What the camera row steps through: the video standing in for the webcam (from --camera or
    typed earlier) first, then webcams 0-9. A video stays a choice after the row moves off it."""
    videos: list[int | str] = []
    for source in (override, saved, remembered):
        if isinstance(source, str) and not source.isdigit() and source not in videos:
            videos.append(source)
    return videos + list(WEBCAMS)


class SettingsScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.list = FocusList(len(ROWS) + 1, pygame.Rect(40, 100, 700, 570), 50, gap=6)
        self.arrows: dict[int, tuple[pygame.Rect, pygame.Rect]] = {}
        self.cal_start = app.t
        self.last_tick = -1
        self.video = next((c for c in (app.camera, app.settings.camera) if isinstance(c, str) and not c.isdigit()), None)

    @property
    def s(self) -> Settings:
        return self.app.settings

    def camera(self) -> int | str:
        """The camera the songs will use (--camera, or a video typed this session, wins over the saved one)."""
        source = self.app.camera_source()
        return int(source) if isinstance(source, str) and source.isdigit() else source

    def value_text(self, key: str) -> str:
        s, lang = self.s, self.app.language
        if key == "audio_offset_ms":
            return f"{s.audio_offset_ms:+d} ms"
        if key == "camera_delay_ms":
            return f"{s.camera_delay_ms:d} ms"
        if key in ("music_volume", "sfx_volume"):
            return f"{round(getattr(s, key) * 100)}%"
        if key in ("fullscreen", "mirror", "coach_skeleton", "replay_pictures"):
            return self.tr("on" if getattr(s, key) else "off")
        if key == "coach_mirror":
            return self.tr("coach_mirrored" if s.coach_mirror else "coach_as_filmed")
        if key == "language":
            return "한국어" if s.language == "ko" else "English"  # each language in its own words
        if key == "camera":
            source = self.camera()
            if isinstance(source, int) and webcam_present(source) is False:
                return tr("webcam_missing", lang, n=source)
            return source_label(source, lang)
        if key == "timing_scale":
            scale, name = min(TIMING, key=lambda t: abs(t[0] - s.timing_scale))
            return f"{self.tr(name)} ×{scale:g}"
        return str(getattr(s, key))

    def change(self, row: int, step: int, fine: bool = False) -> None:
        key = ROWS[row]
        s = self.s
        if key in ("audio_offset_ms", "camera_delay_ms"):
            new = replace(s, **{key: getattr(s, key) + step * (1 if fine else 5)})
        elif key in ("music_volume", "sfx_volume"):
            new = replace(s, **{key: round(getattr(s, key) + step * 0.1, 2)})
        elif key in ("fullscreen", "mirror", "coach_mirror", "coach_skeleton", "replay_pictures"):
            new = replace(s, **{key: not getattr(s, key)})
        elif key == "language":
            new = replace(s, language="ko" if s.language == "en" else "en")
        elif key == "camera":
            choices = camera_choices(self.app.camera, s.camera, self.video)
            current = self.camera()
            i = choices.index(current) if current in choices else 0
            chosen = choices[max(0, min(len(choices) - 1, i + step))]
            if chosen == current:
                return
            self.app.camera = None  # the choice is saved: it outlives a --camera given for this run
            new = replace(s, camera=chosen)
        else:
            scales = [t[0] for t in TIMING]
            i = min(range(len(scales)), key=lambda k: abs(scales[k] - s.timing_scale))
            new = replace(s, timing_scale=scales[max(0, min(len(scales) - 1, i + step))])
        if new != s:
            self.app.update_settings(new)
            self.app.audio.sfx("move", 0.7)

    def handle(self, event: pygame.event.Event) -> None:
        row = self.list.focus
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT) and row < len(ROWS):
            self.change(row, -1 if event.key == pygame.K_LEFT else 1, bool(event.mod & pygame.KMOD_SHIFT))
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, (minus, plus) in self.arrows.items():
                if minus.collidepoint(event.pos) or plus.collidepoint(event.pos):
                    self.list.focus = i
                    self.change(i, -1 if minus.collidepoint(event.pos) else 1)
                    return
        result = self.list.handle(event)
        if result and result[0] == "focus":
            self.app.audio.sfx("move", 0.4)
        elif result and result[0] == "activate":
            if result[1] == len(ROWS):
                self.back()
            elif ROWS[result[1]] in TESTS:
                from game.scenes import calibration

                self.app.audio.sfx("select")
                self.app.push(getattr(calibration, TESTS[ROWS[result[1]]])(self.app))
            else:
                self.change(result[1], 1)
        else:
            super().handle(event)

    def update(self, dt: float) -> None:
        if self.list.focus == 0:  # calibration tick on the beat, as the speakers play it
            beat = int((self.app.t - self.cal_start) * CAL_BPM / 60.0)
            if beat != self.last_tick:
                self.last_tick = beat
                self.app.audio.sfx("count", 0.6)

    def instructions(self) -> list[tuple[str, str]]:
        return [("↑/↓", self.tr("move")), ("←/→", self.tr("change")), ("Shift", "±1 ms"), ("Esc", self.tr("back"))]

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.CYAN)
        self.draw_header(surface, self.tr("settings"), self.tr("saved_as_you_go"), theme.CYAN)
        self.arrows = {}
        for i in self.list.visible():
            rect = self.list.rect(i)
            focused = i == self.list.focus
            if i == len(ROWS):
                rect = pygame.Rect(rect.x, rect.y + 8, 220, rect.h - 8)
                if focused:
                    draw.glow(surface, rect, theme.PINK, rect.h // 2, 10)
                draw.panel(surface, rect, theme.PANEL_HI if focused else theme.PANEL, theme.PINK if focused else theme.PANEL_EDGE,
                           radius=rect.h // 2, alpha=240)
                text.draw(surface, "← " + self.tr("back"), 20, rect.center, theme.TEXT, "bold", "center")
                continue
            key = ROWS[i]
            if focused:
                draw.glow(surface, rect, theme.CYAN, 14, 10)
            draw.panel(surface, rect, theme.PANEL_HI if focused else theme.PANEL, theme.CYAN if focused else theme.PANEL_EDGE,
                       radius=14, alpha=235)
            text.draw(surface, self.tr(f"set_{key}"), 20, (rect.x + 22, rect.centery), theme.TEXT, "bold", "midleft",
                      max_width=rect.w - 300)
            minus = pygame.Rect(rect.right - 270, rect.y + 10, 34, rect.h - 20)
            plus = pygame.Rect(rect.right - 50, rect.y + 10, 34, rect.h - 20)
            for r, label in ((minus, "◀"), (plus, "▶")):
                pygame.draw.rect(surface, theme.PANEL_EDGE if focused else theme.PANEL_HI, r, border_radius=8)
                text.draw(surface, label, 14, r.center, theme.TEXT, "bold", "center")
            text.draw(surface, self.value_text(key), 20, ((minus.right + plus.x) // 2, rect.centery), theme.CYAN if focused else theme.TEXT,
                      "display", "center", max_width=plus.x - minus.right - 16)
            self.arrows[i] = (minus, plus)
        scrollbar(surface, self.list, self.list.area.right + 8)  # rows above or below are there to scroll to
        self._draw_help(surface)
        self.draw_instructions(surface, str(self.app.storage.path))

    def _draw_help(self, surface: pygame.Surface) -> None:
        panel = pygame.Rect(770, 108, 470, 400)
        draw.panel(surface, panel, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=225)
        row = self.list.focus
        if row >= len(ROWS):
            text.draw(surface, self.tr("back"), 24, (panel.x + 24, panel.y + 22), theme.TEXT, "display")
            return
        key = ROWS[row]
        text.draw(surface, self.tr(f"set_{key}"), 26, (panel.x + 24, panel.y + 22), theme.TEXT, "display")
        y = text.draw_lines(surface, text.wrap(self.tr(f"set_{key}_help"), 17, panel.w - 48, max_lines=6), 17,
                            (panel.x + 24, panel.y + 66), theme.TEXT_DIM)
        if key == "camera":
            source = self.camera()
            full = source if isinstance(source, str) else self.value_text(key)  # the whole path the row may cut
            for line in text.wrap(str(full).replace("/", "/ "), 15, panel.w - 48, max_lines=3):
                text.draw(surface, line.replace("/ ", "/"), 15, (panel.x + 24, y + 12), theme.CYAN, "bold")
                y += 19
        if key == "audio_offset_ms":
            self._draw_calibration(surface, pygame.Rect(panel.x + 24, y + 16, panel.w - 48, panel.bottom - y - 36))
        elif key == "timing_scale":
            from game.judge import windows_for

            w = windows_for("normal", self.s.timing_scale)
            for i, (name, v) in enumerate((("perfect", w.perfect), ("great", w.great), ("good", w.good))):
                text.draw(surface, f"{grade_label(name, self.app.language)}: ±{round(v * 1000)} ms", 20,
                          (panel.x + 24, y + 20 + i * 32), theme.grade_colour(name), "bold")

    def _draw_calibration(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """A beat that flashes shifted by the offset; the tick sound plays on the raw beat."""
        beat = (self.app.t - self.cal_start - self.s.audio_offset_ms / 1000.0) * CAL_BPM / 60.0
        pulse = hud.beat_strength(beat)
        centre = (area.centerx, area.y + area.h // 2 - 10)
        r = int(min(area.h // 2 - 20, 70))
        pygame.draw.circle(surface, theme.PANEL_HI, centre, r + 12)
        pygame.draw.circle(surface, theme.lerp(theme.PANEL_HI, theme.CYAN, pulse), centre, int(r * (0.7 + 0.3 * pulse)))
        sweep = beat - math.floor(beat)
        pygame.draw.arc(surface, theme.PINK, (centre[0] - r - 12, centre[1] - r - 12, 2 * r + 24, 2 * r + 24),
                        math.pi / 2 - sweep * 2 * math.pi, math.pi / 2, 4)
        text.draw(surface, self.tr("offset_keys"), 14, (area.centerx, area.bottom - 26), theme.TEXT_FAINT, "bold", "midbottom")
        text.draw(surface, self.tr("offset_enter"), 14, (area.centerx, area.bottom - 6), theme.CYAN, "bold", "midbottom")
