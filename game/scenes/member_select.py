"""Member select: who to dance as (name, colour, part), which difficulty, their best score, the moves in the chart.

A click selects a member and a second click starts the song (a song is too big a thing to start
by a stray click); difficulties the member has no chart for are shown, greyed, with the reason."""
from __future__ import annotations

from dataclasses import replace

import pygame

from game.chart import DIFFICULTIES, Member, Song
from game.coachskeleton.jobs import failure_reason
from game.scenes.base import Scene
from game.scenes.common import bpm_text, length_text, score_text
from game.ui import cards, draw, text, theme
from game.ui.strings import count, difficulty_label
from game.ui.widgets import FocusList

NOTICE_S = 2.5  # how long "Sora has no Hard chart" stays up


class MemberSelectScene(Scene):
    def __init__(self, app, song: Song):
        super().__init__(app)
        self.song = song
        n = len(song.members)
        width = min(280, (1200 - 20 * (n - 1)) // max(n, 1)) if n <= 4 else 280
        total = n * width + (n - 1) * 20 if n <= 4 else 1200
        self.list = FocusList(n, pygame.Rect(640 - total // 2, 112, total, 330), width, gap=20, horizontal=True, hover=False)
        self.difficulty = app.settings.difficulty
        self.bests = {(b.member, b.difficulty): b for b in app.storage.bests_for_song(song.id)}
        self.diff_rects: dict[str, pygame.Rect] = {}
        self.notice: tuple[float, str] | None = None  # (app time, message): why that difficulty can't be chosen
        self.clicked_at: float | None = None  # when a click selected a member (the hint to click again)
        self.skeleton_job = None  # the focused member's coach skeleton being worked out (game.coachskeleton.jobs)
        self._skeleton_focus: int | None = None  # the member it was asked for

    @property
    def member(self) -> Member:
        return self.song.members[self.list.focus]

    def chosen_difficulty(self) -> str:
        charts = self.member.charts
        if self.difficulty in charts:
            return self.difficulty
        return self.member.default_difficulty()

    def enter(self) -> None:
        self.bests = {(b.member, b.difficulty): b for b in self.app.storage.bests_for_song(self.song.id)}
        self.app.audio.preview(self.song.audio_path, self.song.preview_start, self.song.preview_length)

        self._skeleton_focus = None  # back on top: the skeleton's work goes on (update asks again)

    def pause_scene(self) -> None:
        self.app.audio.stop(200)
        self.app.coach_skeletons.pause()  # never beside play's MediaPipe: it goes on when this screen is back

    def leave(self) -> None:
        self.app.audio.stop(200)
        self.app.coach_skeletons.pause()

    def update(self, dt: float) -> None:
        self.app.audio.update()
        if self.song.members and self.list.focus != self._skeleton_focus:
            self._want_skeleton()

    def _want_skeleton(self) -> None:
        """Work out the focused member's coach skeleton while the player chooses, when Settings' Coach
        skeleton is on and the member has a video (a cached one is found at once)."""
        self._skeleton_focus = self.list.focus
        ref = self.member.video
        if self.app.settings.coach_skeleton and ref is not None and ref.path is not None:
            self.skeleton_job = self.app.coach_skeletons.want(ref.path, ref.person)
        else:
            self.skeleton_job = None
            self.app.coach_skeletons.pause()

    def step_difficulty(self, step: int) -> None:
        available = [d for d in DIFFICULTIES if d in self.member.charts]
        if not available:
            return
        cur = self.chosen_difficulty()
        i = max(0, min(len(available) - 1, available.index(cur) + step))
        if available[i] != cur:
            self.difficulty = available[i]
            self.app.audio.sfx("move", 0.6)
            return
        beyond = DIFFICULTIES.index(cur) + step  # the player asked for one this member lacks: say so
        if 0 <= beyond < len(DIFFICULTIES):
            self.refuse(DIFFICULTIES[beyond])

    def refuse(self, difficulty: str) -> None:
        """A difficulty without a chart for this member was asked for: a sound and the reason."""
        lang = self.app.language
        self.notice = (self.app.t, self.tr("no_chart", member=self.member.display_name(lang),
                                           difficulty=difficulty_label(difficulty, lang)))
        self.app.audio.sfx("miss", 0.4)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.step_difficulty(-1 if event.key == pygame.K_UP else 1)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_p and self.member.charts:
            from game.scenes.practice_setup import PracticeSetupScene

            self.app.audio.sfx("select")
            self.app.push(PracticeSetupScene(self.app, self.song, self.member, self.chosen_difficulty()))
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for diff, rect in self.diff_rects.items():
                if rect.collidepoint(event.pos):
                    if diff not in self.member.charts:
                        self.refuse(diff)
                        return
                    self.difficulty = diff
                    self.app.audio.sfx("move", 0.6)
                    return
        result = self.list.handle(event)
        if result and result[0] == "focus":
            self.app.audio.sfx("move", 0.5)
            self.notice = None
            self.clicked_at = self.app.t if event.type == pygame.MOUSEBUTTONDOWN else None
        elif result and result[0] == "activate":
            self.start()
        else:
            super().handle(event)

    def start(self) -> None:
        member = self.member
        if not member.charts:
            self.app.audio.sfx("miss", 0.5)
            return
        from game.scenes.camera_check import begin_play

        difficulty = self.chosen_difficulty()
        self.app.update_settings(replace(self.app.settings, difficulty=difficulty))
        self.app.audio.sfx("select")
        begin_play(self.app, self.song, member, difficulty)

    def instructions(self) -> list[tuple[str, str]]:
        return [("←/→", self.tr("choose_member")), ("↑/↓", self.tr("difficulty")), ("Enter", self.tr("start")),
                ("P", self.tr("practice")), ("Esc", self.tr("back"))]

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, self.member.colour if self.song.members else theme.PINK)
        self.draw_header(surface, self.tr("choose_member"),
                         f"{self.song.title} — {self.song.artist} · {bpm_text(self.song)} BPM · {length_text(self.song.duration)}",
                         self.member.colour)
        if self.clicked_at is not None and self.app.t - self.clicked_at < NOTICE_S:
            rect = self.list.rect(self.list.focus)
            draw.chip(surface, self.tr("click_again"), (rect.centerx, rect.bottom + 4), self.member.colour, 13, "midtop")
        for i in self.list.visible():
            self._draw_member(surface, i)
        self._draw_difficulties(surface)
        self._draw_moves(surface)
        self._draw_skeleton_status(surface)
        self.draw_instructions(surface)

    def _draw_skeleton_status(self, surface: pygame.Surface) -> None:
        """How far the focused member's coach skeleton is (top right, under the header)."""
        job = self.skeleton_job
        if job is None:
            return
        if job.error is not None:
            label = text.fit(self.tr("skeleton_failed", name=self.member.video.name, why=failure_reason(job)), 13, 1180, "bold")
            colour = theme.GOLD
        elif job.done:
            label, colour = self.tr("skeleton_ready"), theme.TEXT_DIM
        else:
            label, colour = self.tr("skeleton_working", pct=int(job.fraction * 100)), self.member.colour
        chip = draw.chip(surface, label, (1240, 78), colour, 13, "topright", filled=False)
        if not job.done and job.error is None:  # a bar under the words
            bar = pygame.Rect(chip.x + 10, chip.bottom + 3, chip.w - 20, 3)
            pygame.draw.rect(surface, theme.PANEL_EDGE, bar, border_radius=2)
            pygame.draw.rect(surface, colour, (bar.x, bar.y, int(bar.w * job.fraction), bar.h), border_radius=2)

    def _draw_member(self, surface: pygame.Surface, i: int) -> None:
        member = self.song.members[i]
        rect = self.list.rect(i)
        focused = i == self.list.focus
        lang = self.app.language
        if focused:
            draw.glow(surface, rect, member.colour, 20, 18)
        draw.panel(surface, rect, theme.PANEL_HI if focused else theme.PANEL, member.colour if focused else theme.PANEL_EDGE,
                   radius=20, alpha=245, width=3 if focused else 2)
        band = pygame.Rect(rect.x, rect.y, rect.w, 136)
        s = pygame.Surface(band.size, pygame.SRCALPHA)
        pygame.draw.rect(s, (*member.colour, 200 if focused else 110), s.get_rect(), border_top_left_radius=20,
                         border_top_right_radius=20)
        surface.blit(s, band.topleft)
        initial = member.name_ko[:1] if lang == "ko" and member.name_ko else member.name[:1].upper()
        pygame.draw.circle(surface, theme.BG_TOP, (band.centerx, band.bottom), 42)
        pygame.draw.circle(surface, member.colour, (band.centerx, band.bottom), 42, 4)
        text.draw(surface, initial, 40, (band.centerx, band.bottom + 1), member.colour, "display", "center")
        primary = member.display_name(lang)
        secondary = member.name if lang == "ko" else member.name_ko
        text.draw(surface, primary, 30, (rect.centerx, rect.y + 14), (16, 10, 30) if focused else theme.TEXT, "display",
                  "midtop", max_width=rect.w - 20)
        if secondary and secondary != primary:  # no "Me / Me" for a member without a Korean name
            text.draw(surface, secondary, 18, (rect.centerx, rect.y + 52), (16, 10, 30) if focused else theme.TEXT_DIM, "bold",
                      "midtop", max_width=rect.w - 20)
        y = band.bottom + 50
        text.draw(surface, self.tr("part").upper(), 12, (rect.centerx, y), theme.TEXT_FAINT, "bold", "midtop")
        text.draw_lines(surface, text.wrap(member.display_part(lang) or "—", 16, rect.w - 30, max_lines=2), 16,
                        (rect.centerx, y + 18), theme.TEXT, anchor="midtop")
        diff = self.chosen_difficulty() if focused else member.default_difficulty()
        chart = member.charts.get(diff)
        best = self.bests.get((member.id, diff))
        y = rect.bottom - 74
        pygame.draw.line(surface, theme.PANEL_EDGE, (rect.x + 20, y - 8), (rect.right - 20, y - 8))
        text.draw(surface, f"{self.tr('best')} ({difficulty_label(diff, lang)})", 12,
                  (rect.x + 20, y), theme.TEXT_FAINT, "bold")
        text.draw(surface, score_text(best.score if best else None), 24, (rect.x + 20, y + 18), theme.TEXT, "display")
        if best:
            text.draw(surface, best.grade, 24, (rect.right - 20, y + 18), theme.LETTER_COLOURS.get(best.grade, theme.TEXT),
                      "display", "topright")
        elif chart:
            text.draw(surface, count("n_moves", len(chart.cues), lang), 15, (rect.right - 20, y + 24), theme.TEXT_DIM,
                      anchor="topright")

    def _draw_difficulties(self, surface: pygame.Surface) -> None:
        member = self.member
        chosen = self.chosen_difficulty()
        lang = self.app.language
        y = 462
        text.draw(surface, self.tr("difficulty"), 16, (640, y), theme.TEXT_DIM, "bold", "midtop")
        self.diff_rects = {}
        x = 640 - (3 * 150 + 2 * 14) // 2
        for diff in DIFFICULTIES:
            rect = pygame.Rect(x, y + 26, 150, 42)
            ok = diff in member.charts
            on = ok and diff == chosen
            col = theme.DIFFICULTY_COLOURS[diff]
            if on:
                draw.glow(surface, rect, col, 21, 10)
            if ok:
                draw.panel(surface, rect, theme.lerp(theme.PANEL, col, 0.45) if on else theme.PANEL,
                           col if on else theme.PANEL_EDGE, radius=21, alpha=255 if on else 200)
                text.draw(surface, difficulty_label(diff, lang), 18, rect.center, theme.TEXT, "bold", "center")
            else:  # there, so the player knows it exists; hollow and struck through, with the reason
                draw.panel(surface, rect, theme.BG_TOP, theme.PANEL_EDGE, radius=21, alpha=120, width=1)
                r = text.draw(surface, difficulty_label(diff, lang), 16, (rect.centerx, rect.centery - 7), theme.TEXT_FAINT,
                              "bold", "center")
                pygame.draw.line(surface, theme.TEXT_FAINT, (r.x - 4, r.centery), (r.right + 4, r.centery), 2)
                text.draw(surface, self.tr("not_charted"), 11, (rect.centerx, rect.centery + 11), theme.TEXT_FAINT,
                          anchor="center")
            self.diff_rects[diff] = rect
            x += 164
        if self.notice and self.app.t - self.notice[0] < NOTICE_S:
            text.draw(surface, self.notice[1], 14, (640, y + 74), theme.GOLD, "bold", "midtop")

    def _draw_moves(self, surface: pygame.Surface) -> None:
        chart = self.member.charts.get(self.chosen_difficulty())
        if not chart:
            return
        seen: list[str] = []
        for cue in chart.cues:
            if cue.pose not in seen:
                seen.append(cue.pose)
        golds = sum(c.gold for c in chart.cues)
        lang = self.app.language
        text.draw(surface, f"{self.tr('moves_in_chart')} · {count('n_cues', len(chart.cues), lang)} · "
                           f"{self.tr('n_gold', n=golds)}", 14, (40, 552), theme.TEXT_DIM, "bold")
        n = min(len(seen), 14)
        width = min(112, (1200 - 8 * (n - 1)) // max(n, 1))  # wide enough that a name fits (or takes two lines)
        for i, pose_id in enumerate(seen[:n]):
            rect = pygame.Rect(40 + i * (width + 8), 574, width, 98)
            if pose_id in self.app.poses:
                cards.draw_card(surface, self.app.poses[pose_id], rect, self.member.colour, False, self.app.language)
            else:
                cards.missing_card(surface, pose_id, rect)
