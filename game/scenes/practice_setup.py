"""The practice panel (P on member select): speed, mode and section, then the practice starts.

Three rows changed with ←/→, as a dance game's options: the speed in steps (100% to 50%), the mode
(the slowed song, a loop, the tempo ramp, step by step) and the section (the whole song or four
bars at a time, from the chart). The ramp is offered first for a section: it is the default way
to practise one (issue 10); its speed row shows where the ramp starts."""
from __future__ import annotations

import pygame

from game.chart import Member, Song
from game.practice.ramp import RampRule
from game.practice.run import SPEED_STEPS, PracticeSetup, bar_sections
from game.scenes.base import Scene
from game.ui import draw, text, theme
from game.ui.widgets import FocusList, button

MODES = ("ramp", "loop", "speed", "step")
ROWS = ("practice_mode", "practice_speed", "practice_section", "start_practice")


class PracticeSetupScene(Scene):
    overlay = True
    ITEMS = ROWS

    def __init__(self, app, song: Song, member: Member, difficulty: str):
        super().__init__(app)
        self.song, self.member, self.difficulty = song, member, difficulty
        self.chart = member.charts[difficulty]
        self.sections = bar_sections(self.chart, song.tempo)
        self.mode = 0
        self.speed = SPEED_STEPS.index(0.75)
        self.section = 0  # 0: whole song, then the four-bar sections
        self.menu = FocusList(len(ROWS), pygame.Rect(640 - 300, 190, 600, 4 * 64 + 3 * 12), 64, gap=12, focus=len(ROWS) - 1)

    @property
    def mode_key(self) -> str:
        return MODES[self.mode]

    def setup(self) -> PracticeSetup:
        """What the rows say, as a setup (a loop mode on "whole song" loops every move)."""
        from game.practice.plan import whole_song

        mode = self.mode_key
        chosen = self.sections[self.section - 1] if self.section and mode != "speed" else None
        if mode in ("loop", "ramp") and chosen is None:
            chosen = whole_song(self.chart, self.song.tempo, 0.0)
        return PracticeSetup(speed=1.0 if mode == "ramp" else SPEED_STEPS[self.speed], section=chosen,
                             step=mode == "step", ramp=mode == "ramp").check()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.change(ROWS[self.menu.focus], -1 if event.key == pygame.K_LEFT else 1)
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_p):
            self.back()
            return
        if not self.handle_menu(event):
            super().handle(event)

    def change(self, row: str, step: int) -> None:
        if row == "practice_mode":
            self.mode = (self.mode + step) % len(MODES)
        elif row == "practice_speed" and self.mode_key != "ramp":
            self.speed = max(0, min(len(SPEED_STEPS) - 1, self.speed - step))  # → is faster
        elif row == "practice_section" and self.mode_key != "speed":
            self.section = (self.section + step) % (len(self.sections) + 1)
        else:
            return
        self.app.audio.sfx("move", 0.5)

    def choose(self, row: str) -> None:
        if row != "start_practice":
            self.change(row, 1)
            return
        from game.scenes.practice import start_practice

        self.app.audio.sfx("select")
        setup = self.setup()
        self.app.pop()
        start_practice(self.app, self.song, self.member, self.difficulty, setup)

    def value(self, row: str) -> str:
        from game.scenes.practice import speed_text

        if row == "practice_mode":
            return self.tr(f"mode_{self.mode_key}")
        if row == "practice_speed":
            return f"{speed_text(RampRule().speeds[0])} → 100%" if self.mode_key == "ramp" else speed_text(SPEED_STEPS[self.speed])
        if row == "practice_section":
            if self.mode_key == "speed" or not self.section:
                return self.tr("whole_song")
            s = self.sections[self.section - 1]
            bar = self.song.tempo.beats_per_bar
            return self.tr("bars_range", a=int(s.start_beat // bar) + 1, b=int(s.end_beat // bar))
        return ""

    def instructions(self) -> list[tuple[str, str]]:
        return [("↑/↓", self.tr("move")), ("←/→", self.tr("change")), ("Enter", self.tr("start")), ("Esc", self.tr("back"))]

    def draw(self, surface: pygame.Surface) -> None:
        draw.dim(surface, 170)
        box = pygame.Rect(640 - 340, 90, 680, 540)
        colour = self.member.colour
        draw.glow(surface, box, colour, 24, 16)
        draw.panel(surface, box, theme.PANEL, colour, radius=24, alpha=250, width=3)
        text.draw(surface, self.tr("practice_title"), 40, (640, box.y + 20), theme.TEXT, "display", "midtop", shadow=True)
        text.draw(surface, f"{self.song.title} — {self.member.display_name(self.app.language)}", 16, (640, box.y + 70),
                  theme.TEXT_DIM, anchor="midtop", max_width=box.w - 40)
        for i, row in enumerate(ROWS):
            rect = self.menu.rect(i)
            focused = self.menu.focus == i
            if row == "start_practice":
                button(surface, rect.inflate(-160, 0), self.tr(row), focused, colour, 24)
                continue
            enabled = not (row == "practice_speed" and self.mode_key == "ramp") and not (
                row == "practice_section" and self.mode_key == "speed")
            draw.panel(surface, rect, theme.PANEL_HI if focused else theme.PANEL, colour if focused else theme.PANEL_EDGE,
                       radius=16, alpha=240, width=2)
            text.draw(surface, self.tr(row), 18, (rect.x + 22, rect.centery), theme.TEXT_DIM, "bold", "midleft")
            value = self.value(row)
            text.draw(surface, f"‹  {value}  ›" if enabled else value, 22, (rect.right - 22, rect.centery),
                      theme.TEXT if enabled else theme.TEXT_FAINT, "bold", "midright", max_width=rect.w - 200)
        rule = RampRule()
        help_text = self.tr(f"mode_{self.mode_key}_help", up=round(rule.up_at * 100), down=round(rule.down_below * 100)) \
            if self.mode_key == "ramp" else self.tr(f"mode_{self.mode_key}_help")
        y = self.menu.area.bottom + 18
        for line in text.wrap(help_text, 16, box.w - 60, max_lines=3):
            text.draw(surface, line, 16, (640, y), theme.TEXT_DIM, anchor="midtop")
            y += 22
        from game.scenes.practice import video_cannot_follow

        if video_cannot_follow(self.app, self.setup()):  # said before Start, not found out at pass 2
            y += 6
            for line in text.wrap(self.tr("practice_video_warning"), 15, box.w - 60, "bold", max_lines=3):
                text.draw(surface, line, 15, (640, y), theme.GOLD, "bold", "midtop")
                y += 20
        self.draw_instructions(surface)
