"""Settings: audio offset (with a calibration beat), volumes, fullscreen, language, camera, mirror, timing windows.

Every change is applied and saved at once."""
from __future__ import annotations

import math
from dataclasses import replace

import pygame

from game.pose.service import describe_source
from game.scenes.base import Scene
from game.storage import Settings
from game.ui import draw, hud, text, theme
from game.ui.widgets import FocusList

CAL_BPM = 100.0
TIMING = ((1.25, "Relaxed", "여유"), (1.0, "Standard", "표준"), (0.8, "Strict", "엄격"))

ROWS = (
    ("audio_offset_ms", "Audio offset", "오디오 싱크",
     "If the cards feel late against the music, raise it; if early, lower it. Watch the flash and listen to the tick: "
     "adjust until they land together.",
     "카드가 음악보다 늦게 느껴지면 올리고, 빠르면 내리세요. 깜빡임과 소리가 같이 나도록 맞추세요."),
    ("music_volume", "Music volume", "음악 볼륨", "How loud the songs and previews play.", "곡과 미리듣기 음량."),
    ("sfx_volume", "Effects volume", "효과음 볼륨", "Judgement sounds, countdown and cheers.", "판정음, 카운트다운, 응원 소리."),
    ("fullscreen", "Fullscreen", "전체 화면", "F11 toggles it on any screen.", "F11 키로 언제든 전환할 수 있어요."),
    ("language", "Language", "언어", "Names of poses and members, messages and menus.", "포즈와 멤버 이름, 메시지와 메뉴."),
    ("camera", "Camera", "카메라", "Which webcam to use: 0 is the first one. Starting the game with --camera INDEX or "
     "--camera VIDEO (a video file plays as if it were the webcam) overrides this for that run; changing it here "
     "goes back to the webcam.",
     "사용할 웹캠 (0이 첫 번째). --camera 번호 또는 --camera 동영상 으로 실행하면 그 실행 동안 이 설정 대신 사용해요."),
    ("mirror", "Mirror view", "거울 모드", "Show the camera like a mirror, so your left is on the left.",
     "카메라를 거울처럼 보여줘요."),
    ("timing_scale", "Timing windows", "판정 범위", "Relaxed widens the Perfect/Great/Good windows by 25%; Strict narrows them by 20%.",
     "여유: 판정 범위 25% 넓게, 엄격: 20% 좁게."),
)


class SettingsScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.list = FocusList(len(ROWS) + 1, pygame.Rect(40, 108, 700, 560), 54, gap=8)
        self.arrows: dict[int, tuple[pygame.Rect, pygame.Rect]] = {}
        self.cal_start = app.t
        self.last_tick = -1

    @property
    def s(self) -> Settings:
        return self.app.settings

    def value_text(self, key: str) -> str:
        s, ko = self.s, self.app.language == "ko"
        on_off = ("켜짐", "꺼짐") if ko else ("On", "Off")
        if key == "audio_offset_ms":
            return f"{s.audio_offset_ms:+d} ms"
        if key in ("music_volume", "sfx_volume"):
            return f"{round(getattr(s, key) * 100)}%"
        if key in ("fullscreen", "mirror"):
            return on_off[0] if getattr(s, key) else on_off[1]
        if key == "language":
            return "한국어" if s.language == "ko" else "English"
        if key == "camera":
            if self.app.camera is not None or isinstance(s.camera, str):
                return describe_source(self.app.camera_source())
            return f"{'웹캠' if ko else 'Webcam'} {s.camera}"
        if key == "timing_scale":
            scale, en, kr = min(TIMING, key=lambda t: abs(t[0] - s.timing_scale))
            return f"{kr if ko else en} ×{scale:g}"
        return str(getattr(s, key))

    def change(self, row: int, step: int, fine: bool = False) -> None:
        key = ROWS[row][0]
        s = self.s
        if key == "audio_offset_ms":
            new = replace(s, audio_offset_ms=s.audio_offset_ms + step * (1 if fine else 5))
        elif key in ("music_volume", "sfx_volume"):
            new = replace(s, **{key: round(getattr(s, key) + step * 0.1, 2)})
        elif key in ("fullscreen", "mirror"):
            new = replace(s, **{key: not getattr(s, key)})
        elif key == "language":
            new = replace(s, language="ko" if s.language == "en" else "en")
        elif key == "camera":
            if self.app.camera is not None:  # leave the --camera override for the saved webcam
                self.app.camera = None
                self.app.audio.sfx("move", 0.7)
                return
            index = s.camera if isinstance(s.camera, int) else -step  # from a saved video back to webcam 0
            new = replace(s, camera=max(0, min(9, index + step)))
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
        self.draw_header(surface, self.tr("settings"), "Saved as you change them" if self.app.language == "en" else "바꾸는 즉시 저장돼요",
                         theme.CYAN)
        ko = self.app.language == "ko"
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
            key, en, kr = ROWS[i][:3]
            if focused:
                draw.glow(surface, rect, theme.CYAN, 14, 10)
            draw.panel(surface, rect, theme.PANEL_HI if focused else theme.PANEL, theme.CYAN if focused else theme.PANEL_EDGE,
                       radius=14, alpha=235)
            text.draw(surface, kr if ko else en, 20, (rect.x + 22, rect.centery), theme.TEXT, "bold", "midleft")
            minus = pygame.Rect(rect.right - 250, rect.y + 10, 34, rect.h - 20)
            plus = pygame.Rect(rect.right - 50, rect.y + 10, 34, rect.h - 20)
            for r, label in ((minus, "◀"), (plus, "▶")):
                pygame.draw.rect(surface, theme.PANEL_EDGE if focused else theme.PANEL_HI, r, border_radius=8)
                text.draw(surface, label, 14, r.center, theme.TEXT, "bold", "center")
            text.draw(surface, self.value_text(key), 20, ((minus.right + plus.x) // 2, rect.centery), theme.CYAN if focused else theme.TEXT,
                      "display", "center")
            self.arrows[i] = (minus, plus)
        self._draw_help(surface)
        self.draw_instructions(surface, str(self.app.storage.path))

    def _draw_help(self, surface: pygame.Surface) -> None:
        panel = pygame.Rect(770, 108, 470, 400)
        draw.panel(surface, panel, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=225)
        ko = self.app.language == "ko"
        row = self.list.focus
        if row >= len(ROWS):
            text.draw(surface, self.tr("back"), 24, (panel.x + 24, panel.y + 22), theme.TEXT, "display")
            return
        key, en, kr, hint_en, hint_ko = ROWS[row]
        text.draw(surface, kr if ko else en, 26, (panel.x + 24, panel.y + 22), theme.TEXT, "display")
        y = text.draw_lines(surface, text.wrap(hint_ko if ko else hint_en, 17, panel.w - 48, max_lines=5), 17,
                            (panel.x + 24, panel.y + 66), theme.TEXT_DIM)
        if key == "audio_offset_ms":
            self._draw_calibration(surface, pygame.Rect(panel.x + 24, y + 16, panel.w - 48, panel.bottom - y - 36))
        elif key == "timing_scale":
            from game.judge import windows_for

            w = windows_for("normal", self.s.timing_scale)
            for i, (name, v) in enumerate((("Perfect", w.perfect), ("Great", w.great), ("Good", w.good))):
                text.draw(surface, f"{name}: ±{round(v * 1000)} ms", 20, (panel.x + 24, y + 20 + i * 32),
                          theme.grade_colour(name), "bold")

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
        text.draw(surface, "←/→ ±5 ms · Shift ±1 ms", 14, (area.centerx, area.bottom - 6), theme.TEXT_FAINT, "bold", "midbottom")
