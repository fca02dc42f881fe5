"""Results: grade, stars, score, counts, accuracy, moves to practise, early/late over the song; saves the best."""
from __future__ import annotations

import pygame

from game.judge import Grade
from game.scenes.base import Scene
from game.ui import cards, draw, hud, text, theme
from game.ui.strings import difficulty_label, grade_label
from game.ui.widgets import FocusList, button
from game.scenes.practice_moves import draw_practise_button, practise_move
from game.scenes.replay import NOTHING, Replayable, draw_replay_button, recording_of, replay_from_results, save_replay

TIMING_CHART = pygame.Rect(780, 124, 460, 226)  # early/late over the song; a click opens the cue nearest in time


SUGGEST_FROM_MS = 15  # a camera delay this close to the current one is not worth a question


def camera_delay_suggestion(app, play):
    """The camera delay the player's hits suggest (game.practice.calibration), when steady and different
    enough from the current setting to ask about; else None."""
    from game.practice.calibration import camera_delay_from_play

    seen = getattr(play.live, "seen", None)
    if not seen:
        return None
    current = app.settings.camera_delay_ms / 1000.0
    suggestion = camera_delay_from_play(play.session.judgements, sorted(seen, key=lambda p: p.t), play.session.rule, current)
    changed = abs(suggestion.value - current) * 1000 >= SUGGEST_FROM_MS
    return suggestion if suggestion.accepted and changed else None


class ResultsScene(Scene):
    ITEMS = ("cues", "retry", "continue")

    def __init__(self, app, play):
        super().__init__(app)
        self.play = play
        self.song, self.member, self.difficulty = play.song, play.member, play.difficulty
        self.session = play.session
        practice = getattr(play, "practice", None)  # game.scenes.practice_play: mode, speed, section, passes, replays
        self.passes = list(getattr(practice, "passes", None) or ())
        self.headline = None
        if self.passes:  # a practice's passes: cue by cue walks them all; the score shown is the best pass's
            from game.practice.passes import combined_session, headline

            self.session = combined_session(play.session.chart, self.passes, play.session.windows)
            self.headline = headline(self.passes)
        s = self.score
        # a practice stopped before its first move was judged: nothing to score, praise or keep
        self.empty = not self.session.judgements
        self.saved = getattr(play, "real_play", False) and not self.empty  # the demo (autoplay) is never the player's best
        self.practising = getattr(play, "practice", None) is not None  # recorded for progress, never a best
        self.new_best = self.saved and not self.practising and app.storage.record(self.song.id, self.member.id, self.difficulty, s.score,
                                                          s.grade_letter, s.accuracy, s.max_combo, s.stars, s.full_combo)
        # the player's skeleton: over the song, or one recording per pass of a practice (its passes rewind the same music)
        self.replay = None if self.passes else recording_of(play)
        self.replays = list(getattr(practice, "replays", None) or ()) if self.passes else [self.replay]
        self.replay_error: str | None = None
        if self.saved:  # every real play is kept for the progress screen (a practice: each pass, at its own speed)
            from game.practice.passes import recorded_plays
            from game.progress import record_of

            for k, (session, speed) in enumerate(recorded_plays(self.session, practice)):
                pass_no = self.passes[k].number + 1 if k < len(self.passes) else None
                play_id = app.storage.record_play(record_of(session, self.song.id, speed, getattr(practice, "mode", "play"),
                                                            pass_no=pass_no))
                if k < len(self.replays):  # each record with its own recording
                    self.replay_error = save_replay(app, play_id, self.replays[k]) or self.replay_error
        self.delay = camera_delay_suggestion(app, play) if self.saved else None
        self.worst = self.session.worst_moves(3)
        self.offsets = self.session.offsets()
        self.menu = FocusList(3, pygame.Rect(660, 612, 580, 52), 183, gap=14, horizontal=True, focus=2)
        self.born = app.t
        if self.new_best:
            app.audio.sfx("full_combo" if s.full_combo else "combo")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_a and self.delay is not None:
            from dataclasses import replace

            self.app.update_settings(replace(self.app.settings, camera_delay_ms=round(self.delay.value * 1000)))
            self.app.audio.sfx("select")
            self.delay = None
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_r:
            self.choose("retry")
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.choose("continue")
            return
        if practise_move(self, event) or replay_from_results(self, event):
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_c:
            self.choose("cues")
            return
        if (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and TIMING_CHART.collidepoint(event.pos)
                and not self.show_passes):
            self.open_cue(self._cue_near(event.pos[0]))
            return
        self.handle_menu(event)

    @property
    def score(self):
        """The ScoreState the left panel leads with: the play's, or a practice's best pass (Headline)."""
        return self.headline.best.score if self.headline is not None else self.session.score

    def pass_at(self, index: int):
        """The PassResult that judged `session.judgements[index]` (None without passes)."""
        from game.practice.passes import pass_at

        return pass_at(self.passes, index)

    def replay_at(self, index: int) -> Replayable:
        """The recording that replays `session.judgements[index]`: its pass's own, or the play's."""
        p = self.pass_at(index)
        if p is None:
            return self.replay or Replayable(None, NOTHING)
        k = self.passes.index(p)
        return self.replays[k] if k < len(self.replays) else Replayable(None, NOTHING)

    def open_cue(self, index: int = 0) -> None:
        """Open the cue-by-cue view at cue `index` (its order in the chart)."""
        from game.scenes.cue_review import CueReviewScene

        self.app.audio.sfx("select")
        self.app.push(CueReviewScene(self.app, self, index))

    def _cue_near(self, x: int) -> int:
        """The judged cue nearest in song time to screen x on the timing chart (its x axis is song time)."""
        inner_x, inner_w = TIMING_CHART.x + 44, TIMING_CHART.w - 56  # as hud.offsets_chart lays it out
        t = (x - inner_x) / inner_w * max(self.song.duration, 1e-6)
        times = [j.cue.time for j in self.session.judgements]
        return min(range(len(times)), key=lambda i: abs(times[i] - t), default=0)

    def choose(self, item: str) -> None:
        from game.scenes.play import play_again

        if item == "cues":
            self.open_cue(0)
            return
        self.app.audio.sfx("select")
        if item == "retry":
            play_again(self.app, self.play)
        else:
            self.app.pop()  # back to member select

    @property
    def moves_reached(self) -> int:
        """The moves the max combo is out of: every cue of a play (all are judged by its end), but only
        the judged ones of a practice the player stopped (a combo of 8 is not out of the 70 never reached)."""
        s = self.score
        return min(s.judged, s.total_cues) if self.practising else s.total_cues

    @property
    def show_passes(self) -> bool:
        """A practice of two passes or more shows its Passes panel where the grade counts and timing chart sit."""
        return len(self.passes) >= 2

    def instructions(self) -> list[tuple[str, str]]:
        keys = [("←/→", self.tr("move")), ("Enter", self.tr("select")), ("C", self.tr("cues")), ("R", self.tr("retry")),
                ("Esc", self.tr("continue"))]
        keys += [("V", self.tr("replay"))] if self.worst else []
        return keys + ([("A", self.tr("apply_delay"))] if self.delay is not None else [])

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, self.member.colour)
        s = self.score
        lang = self.app.language
        self.draw_header(surface, self.tr("results"),
                         f"{self.song.title} · {self.member.display_name(lang)} · {difficulty_label(self.difficulty, lang)}", self.member.colour)
        # left: grade, stars, score
        left = pygame.Rect(40, 100, 400, 500)
        draw.panel(surface, left, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
        letter = "–" if self.empty else s.grade_letter  # nothing judged: no grade, not a D
        letter_col = theme.LETTER_COLOURS.get(letter, theme.TEXT_DIM)
        draw.glow(surface, pygame.Rect(left.centerx - 90, left.y + 26, 180, 150), letter_col, 30, 20)
        text.draw(surface, letter, 130, (left.centerx, left.y + 100), letter_col, "display", "center", shadow=True)
        for i in range(5):
            draw.star(surface, (left.centerx - 88 + i * 44, left.y + 200), 17, theme.GOLD if i < s.stars else theme.PANEL_EDGE)
        text.draw(surface, f"{s.score:,}", 50, (left.centerx, left.y + 232), theme.TEXT, "display", "midtop", shadow=True)
        h = self.headline if self.show_passes else None  # two passes or more: which pass leads, and the last
        label = self.tr("best_pass", n=h.best.number + 1, speed=f"{round(h.best.speed * 100)}%") if h else self.tr("score")
        text.draw(surface, label.upper(), 13, (left.centerx, left.y + 292), theme.TEXT_DIM, "bold", "midtop")
        if h is not None:
            last = self.tr("last_pass", n=h.last.number + 1, speed=f"{round(h.last.speed * 100)}%", score=f"{h.last.score.score:,}")
            text.draw(surface, last, 17, (left.centerx, left.y + 314), theme.TEXT, "bold", "midtop", max_width=left.w - 30)
            text.draw(surface, self.tr("practice_not_saved"), 14, (left.centerx, left.y + 340), theme.TEXT_FAINT,
                      anchor="midtop", max_width=left.w - 30)
        elif self.new_best:
            pulse = 0.5 + 0.5 * abs(((self.app.t - self.born) * 2) % 2 - 1)
            r = draw.chip(surface, self.tr("new_best"), (left.centerx, left.y + 320), theme.lerp(theme.GOLD, theme.TEXT, pulse * 0.3),
                          18, "midtop")
            draw.glow(surface, r, theme.GOLD, r.h // 2, 10)
        elif not self.saved or self.practising:
            text.draw(surface, self.tr("practice_not_saved" if self.practising else "demo_not_saved"), 15,
                      (left.centerx, left.y + 326), theme.TEXT_FAINT, anchor="midtop")
        elif self.play.previous_best is not None:
            text.draw(surface, f"{self.tr('best')}: {self.play.previous_best:,}", 17, (left.centerx, left.y + 326), theme.TEXT_DIM,
                      anchor="midtop")
        if s.full_combo:
            draw.chip(surface, self.tr("full_combo"), (left.centerx, left.y + 362), theme.PINK, 16, "midtop")
        stats = ((self.tr("accuracy"), f"{s.accuracy * 100:.1f}%"), (self.tr("max_combo"), f"{s.max_combo} / {self.moves_reached}"))
        for k, (label, value) in enumerate(stats):
            box = pygame.Rect(left.x + 20 + k * 184, left.bottom - 96, 176, 76)
            draw.panel(surface, box, theme.PANEL_HI, None, radius=12, alpha=255)
            text.draw(surface, label, 13, (box.x + 14, box.y + 10), theme.TEXT_DIM, "bold")
            text.draw(surface, value, 28, (box.x + 14, box.bottom - 8), theme.TEXT, "display", "bottomleft")
        if self.delay is not None:  # osu!: "you were 40 ms late on average: apply?"
            late = round((self.delay.value * 1000 - self.app.settings.camera_delay_ms))
            said = self.tr("camera_late_by" if late > 0 else "camera_early_by", ms=abs(late))
            draw.chip(surface, f"{said} — A: {self.tr('apply_delay')}", (40, 626), theme.GOLD, 14, "topleft")
        if self.show_passes:
            self._draw_passes(surface)
        else:
            self._draw_counts_and_timing(surface)
        self._draw_practise(surface)
        for i, item in enumerate(self.ITEMS):
            button(surface, self.menu.rect(i), self.tr(item), self.menu.focus == i, (theme.VIOLET, theme.CYAN, theme.PINK)[i], 20)
        self.draw_instructions(surface)

    def _draw_passes(self, surface: pygame.Surface) -> None:
        from game.practice.passes import moves_across
        from game.ui.passes_panel import draw_passes

        def name(pose_id: str) -> str:
            pose = self.app.poses.poses.get(pose_id)
            return pose.display_name(self.app.language) if pose else pose_id

        draw_passes(surface, pygame.Rect(460, 100, 780, 254), self.passes, moves_across(self.passes), self.app.language, name)

    def _draw_counts_and_timing(self, surface: pygame.Surface) -> None:
        s = self.session.score
        lang = self.app.language
        # middle: counts per grade
        counts = pygame.Rect(460, 100, 300, 250)
        draw.panel(surface, counts, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
        total = max(1, s.total_cues)
        for i, grade in enumerate(Grade):
            y = counts.y + 22 + i * 56
            col = theme.grade_colour(grade)
            n = s.counts.get(grade, 0)
            text.draw(surface, grade_label(grade, lang).upper(), 18, (counts.x + 20, y), col, "display")
            text.draw(surface, str(n), 24, (counts.right - 20, y - 4), theme.TEXT, "display", "topright")
            bar = pygame.Rect(counts.x + 20, y + 28, counts.w - 40, 8)
            pygame.draw.rect(surface, theme.PANEL_HI, bar, border_radius=4)
            if n:
                pygame.draw.rect(surface, col, (bar.x, bar.y, max(8, bar.w * n // total), bar.h), border_radius=4)
        # right: timing chart
        text.draw(surface, self.tr("timing"), 16, (780, 100), theme.TEXT_DIM, "bold")
        w = self.session.windows
        hud.offsets_chart(surface, TIMING_CHART, self.offsets, self.song.duration,
                          (w.perfect, w.great, w.good), (self.tr("early"), self.tr("late")), lang)

    def _draw_practise(self, surface: pygame.Surface) -> None:
        lang = self.app.language
        # bottom: moves to practise
        box = pygame.Rect(460, 366, 780, 234)
        draw.panel(surface, box, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
        text.draw(surface, self.tr("practise"), 18, (box.x + 20, box.y + 14), theme.TEXT, "bold")
        if self.empty:
            text.draw(surface, self.tr("practise_stopped_early"), 20, box.center, theme.TEXT_DIM, "bold", "center",
                      max_width=box.w - 40)
        elif not self.worst:
            text.draw(surface, self.tr("practise_none"), 20, box.center, theme.GOLD, "bold", "center")
        else:
            draw_practise_button(self, surface, box)
            draw_replay_button(self, surface, box)
        self.move_rects = []  # a click on a move's card replays it (game.scenes.replay)
        for i, move in enumerate(self.worst):
            rect = pygame.Rect(box.x + 20 + i * 252, box.y + 48, 120, 170)
            self.move_rects.append((move.pose, rect))
            pose = self.app.poses.poses.get(move.pose)
            if pose is None:
                cards.missing_card(surface, move.pose, rect)
                continue
            cards.draw_card(surface, pose, rect, self.member.colour, False, lang)
            tx = rect.right + 10
            text.draw(surface, f"{move.points * 100:.0f}%", 22, (tx, rect.y + 8), theme.lerp(theme.RED, theme.GOLD, move.points),
                      "display")
            y = rect.y + 38
            for k, (key, count) in enumerate(move.problems()[:2]):  # what went wrong, worst first
                for line in text.wrap(self.tr(key, n=count, total=move.total), 14, 112, "bold", max_lines=2):
                    text.draw(surface, line, 14, (tx, y), theme.TEXT if k == 0 else theme.TEXT_DIM, "bold")
                    y += 18
            y += 6
            for line in text.wrap(pose.display_hint(lang), 12, 108, max_lines=max(1, (rect.bottom - y) // 16)):
                text.draw(surface, line, 12, (tx, y), theme.TEXT_FAINT)
                y += 16
