"""Cue by cue, opened from the results: any cue's target card beside what the camera saw.

A strip of every cue (coloured by grade) along the top; ←/→ or a click picks one. For the picked
cue: the target pose card, the player's figure at the best match (or at the beat on a miss) with
the limbs that were off in red, what the recogniser saw at the beat, the grade, the offset, the
share of a hold held, and one instruction for the worst limb. Computes nothing about the play:
it reads the session's judgements."""
from __future__ import annotations

import pygame

from game.hints import hint, off_limbs
from game.judge import Judgement
from game.scenes.base import Scene
from game.ui import camera_view, cards, draw, skeleton, text, theme
from game.ui.cue_trace import draw_trace
from game.ui.strings import difficulty_label, grade_label, hint_text, tr

STRIP = pygame.Rect(40, 96, 1200, 58)
TARGET = pygame.Rect(60, 188, 250, 350)
SEEN = pygame.Rect(340, 188, 250, 350)
DETAIL = pygame.Rect(620, 188, 620, 350)
TRACE = pygame.Rect(60, 560, 1180, 108)  # p(pose) around the beat, with the windows


def why_text(j: Judgement, rule, language: str) -> str | None:
    """Why a cue missed, in the player's words (from the judge's Judgement.why), or None on a hit."""
    if j.why is None:
        return None
    p = round(j.peak_prob * 100)
    if j.why == "too_brief":
        span_ms = round((j.near_span or 0.0) * 1000)
        return tr("why_too_brief_frame", language, p=p) if span_ms == 0 else tr("why_too_brief", language, p=p, ms=span_ms)
    if j.why in ("too_late", "too_early"):
        return tr(f"why_{j.why}", language, s=f"{abs(j.near_offset or 0.0):.2f}")
    if j.why == "never_reached":
        return tr("why_never_reached", language, p=p, need=round(rule.min_confidence * 100))
    return tr("why_no_frames", language)


def offset_text(j: Judgement, tr) -> str:
    """'on time', '120 ms late', '80 ms early', or '—' for a miss."""
    if j.offset is None:
        return "—"
    ms = round(j.offset * 1000)
    if ms == 0:
        return tr("on_time")
    return f"{abs(ms)} ms {tr('late') if ms > 0 else tr('early')}"


def song_seconds(results, cue) -> float | None:
    """Where the cue sits in the song itself (s into the audio at full speed, from its beat and the
    song's own tempo), so a move reads the same in every pass and at every speed; None when the
    beat is not known (a past play whose chart has changed) or the song is gone."""
    app = getattr(results, "app", None)  # a live results screen: its song may be the slowed copy
    song = next((e.song for e in app.entries if e.id == results.song.id and e.song is not None), None) \
        if app is not None and hasattr(app, "entries") else results.song
    tempo = getattr(song, "tempo", None)
    if tempo is None or cue.at in (None, "—"):
        return None
    return tempo.seconds_at(cue.beat, getattr(song, "offset", 0.0))


def cue_where(results, index: int, count: int, tr) -> str:
    """"Cue 12 / 40 · 17:3 · 23.40 s" (bar:beat and the song's own time, the same at any speed), and
    for a looped practice which pass it was ("pass 3 · 90%"): cue by cue and the replay walk every
    pass, each cue with its own pass's recording."""
    cue = results.session.judgements[index].cue
    where = f"{tr('cue')} {index + 1} / {count} · {cue.at if cue.at is not None else cue.beat}"
    seconds = song_seconds(results, cue)
    where = where if seconds is None else f"{where} · {seconds:.2f} s"
    p = results.pass_at(index) if hasattr(results, "pass_at") else None
    return where if p is None else f"{where} · {tr('cue_pass', n=p.number + 1, speed=f'{round(p.speed * 100)}%')}"


def header_line(results, language: str) -> str:
    """"Song · member · difficulty" under the title (and when it was danced, for a past play)."""
    line = (f"{results.song.title} · {results.member.display_name(language)} · "
            f"{difficulty_label(results.difficulty, language)}")
    when = getattr(results, "when", "")
    return f"{line} · {when}" if when else line


def draw_notes(surface: pygame.Surface, results) -> None:
    """A past play's notes (game/scenes/past_plays.py: what is no longer as it was), top right."""
    for n, (message, colour) in enumerate(getattr(results, "notes", ())[:2]):
        text.draw(surface, message, 14, (1240, 22 + n * 22), colour, "bold", "topright", max_width=500)


class CueReviewScene(Scene):
    def __init__(self, app, results, index: int = 0):
        super().__init__(app)
        self.results = results
        self.judgements: list[Judgement] = list(results.session.judgements)
        self.index = max(0, min(index, len(self.judgements) - 1))

    # --- input -------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1, pygame.K_UP: -10, pygame.K_DOWN: 10}.get(event.key)
            if step:
                self.select(self.index + step)
            elif event.key == pygame.K_HOME:
                self.select(0)
            elif event.key == pygame.K_END:
                self.select(len(self.judgements) - 1)
            elif event.key in (pygame.K_r, pygame.K_SPACE) and self.judgements:  # the moment around this cue, slowed
                from game.scenes.replay import ReplayScene

                self.app.audio.sfx("select")
                self.app.push(ReplayScene(self.app, self.results, self.index))
            elif event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_BACKSPACE):
                self.back()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and STRIP.collidepoint(event.pos):
            self.select(self.cue_at(event.pos[0]))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (4, 5):
            self.select(self.index + (-1 if event.button == 4 else 1))

    def select(self, index: int) -> None:
        new = max(0, min(index, len(self.judgements) - 1))
        if new != self.index:
            self.app.audio.sfx("move", 0.5)
        self.index = new

    def marker_x(self, i: int) -> int:
        n = len(self.judgements)
        inner = STRIP.inflate(-24, 0)
        return round(inner.centerx if n <= 1 else inner.x + inner.w * i / (n - 1))

    def cue_at(self, x: int) -> int:
        """The cue whose marker is nearest to screen x."""
        return min(range(len(self.judgements)), key=lambda i: abs(self.marker_x(i) - x), default=0)

    def instructions(self) -> list[tuple[str, str]]:
        return [("←/→", self.tr("cue_pick")), ("↑/↓", "±10"), ("R/Space", self.tr("replay")), ("Esc", self.tr("back"))]

    # --- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        member = self.results.member
        self.draw_background(surface, member.colour)
        self.draw_header(surface, self.tr("cue_review"), header_line(self.results, self.app.language), member.colour)
        draw_notes(surface, self.results)
        if not self.judgements:
            text.draw(surface, self.tr("no_cues_judged"), 22, (640, 360), theme.TEXT_DIM, "bold", "center")
            self.draw_instructions(surface)
            return
        self._draw_strip(surface)
        j = self.judgements[self.index]
        pose = self.app.poses.poses.get(j.cue.pose)
        self._draw_target(surface, j, pose)
        self._draw_seen(surface, j, pose)
        self._draw_detail(surface, j, pose)
        draw_trace(surface, TRACE, j, pose.display_name(self.app.language) if pose else j.cue.pose,
                   self.results.session.windows, self.results.session.rule, self.app.language,
                   empty=self.tr("trace_not_kept") if getattr(self.results, "frames_gone", None) else None)
        self.draw_instructions(surface)

    def _draw_strip(self, surface: pygame.Surface) -> None:
        draw.panel(surface, STRIP, theme.PANEL, theme.PANEL_EDGE, radius=14, alpha=230)
        mid = STRIP.centery
        pygame.draw.line(surface, theme.PANEL_EDGE, (STRIP.x + 12, mid), (STRIP.right - 12, mid), 2)
        w = max(2, min(10, (STRIP.w - 24) // max(1, len(self.judgements)) - 1))
        for i, j in enumerate(self.judgements):
            x = self.marker_x(i)
            h = 30 if j.cue.is_hold else 22
            pygame.draw.rect(surface, theme.grade_colour(j.grade), (x - w // 2, mid - h // 2, w, h), border_radius=2)
        x = self.marker_x(self.index)
        pygame.draw.rect(surface, theme.TEXT, (x - w // 2 - 4, STRIP.y + 5, w + 8, STRIP.h - 10), 2, border_radius=4)

    def _draw_target(self, surface: pygame.Surface, j: Judgement, pose) -> None:
        text.draw(surface, self.tr("target"), 14, (TARGET.x, TARGET.y - 22), theme.TEXT_DIM, "bold")
        if pose is None:
            cards.missing_card(surface, j.cue.pose, TARGET)
        else:
            cards.draw_card(surface, pose, TARGET, self.results.member.colour, j.cue.gold, self.app.language)

    def _draw_seen(self, surface: pygame.Surface, j: Judgement, pose) -> None:
        label = self.tr("you_best") if j.offset is not None else self.tr("you_beat")
        text.draw(surface, label, 14, (SEEN.x, SEEN.y - 22), theme.TEXT_DIM, "bold")
        draw.panel(surface, SEEN, theme.PANEL, theme.grade_colour(j.grade), radius=16, alpha=235)
        gone = getattr(self.results, "frames_gone", None)
        if gone:  # a past play whose recording is gone: what the camera saw is not known any more
            camera_view.camera_icon(surface, (SEEN.centerx, SEEN.centery - 40), 26, theme.TEXT_FAINT, crossed=True)
            for n, line in enumerate(text.wrap(gone, 16, SEEN.w - 40, "bold", max_lines=5)):
                text.draw(surface, line, 16, (SEEN.centerx, SEEN.centery + n * 21), theme.TEXT_DIM, "bold", "midtop")
            return
        figure = pygame.Rect(SEEN.x + 20, SEEN.y + 20, SEEN.w - 40, SEEN.h - 100)
        seen_pose = self.app.poses.poses.get(j.seen) if j.seen else None
        if j.player_angles:
            off = off_limbs(pose.angles, j.player_angles) if pose is not None else {}
            skeleton.draw_angles(surface, j.player_angles, figure, theme.lerp(theme.CYAN, theme.TEXT, 0.2), theme.CYAN,
                                 0.15, off=frozenset(off))
        elif seen_pose is not None:  # no figure recorded: show the card pose the recogniser saw instead
            skeleton.draw_angles(surface, seen_pose.angles, figure, theme.scale(theme.CYAN, 0.6), None, 0.15)
        # What was seen at the beat: under the figure, or (no figure to show) alone in the middle, said once.
        top = SEEN.bottom - 70 if j.player_angles or seen_pose is not None else SEEN.centery - 24
        text.draw(surface, self.tr("seen_at_beat"), 12, (SEEN.centerx, top), theme.TEXT_DIM, "bold", "midtop")
        colour = theme.GREEN if j.seen == j.cue.pose else theme.TEXT
        text.draw(surface, self._seen_name(j), 19, (SEEN.centerx, top + 22), colour, "bold", "midtop", max_width=SEEN.w - 20)

    def _seen_name(self, j: Judgement) -> str:
        if j.seen is None:
            return self.tr("nobody_seen")
        if j.seen == "none":
            return self.tr("no_known_pose")
        seen_pose = self.app.poses.poses.get(j.seen)
        return seen_pose.display_name(self.app.language) if seen_pose else j.seen

    def _draw_detail(self, surface: pygame.Surface, j: Judgement, pose) -> None:
        draw.panel(surface, DETAIL, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
        x, y = DETAIL.x + 28, DETAIL.y + 22
        cue = j.cue
        text.draw(surface, cue_where(self.results, self.index, len(self.judgements), self.tr), 16, (x, y), theme.TEXT_DIM,
                  "bold", max_width=DETAIL.w - 56)
        name = pose.display_name(self.app.language) if pose else cue.pose
        text.draw(surface, name, 26, (x, y + 28), theme.TEXT, "bold", max_width=DETAIL.w - 56)
        label = grade_label(j.grade, self.app.language)
        drawn = text.draw(surface, label.upper(), 54, (x, y + 70), theme.grade_colour(j.grade), "display", shadow=True)
        why = why_text(j, self.results.session.rule, self.app.language)
        if why:  # beside the grade: why the judge gave it, so "Best in window 100%" never reads as a contradiction
            wx = drawn.right + 24
            lines = text.wrap(why, 17, DETAIL.right - 24 - wx, "bold", max_lines=3)
            for n, line in enumerate(lines):
                text.draw(surface, line, 17, (wx, drawn.centery + (n - len(lines) / 2) * 22), theme.RED, "bold", "midleft")
        rows = [(self.tr("timing_short"), offset_text(j, self.tr))]
        if not getattr(self.results, "frames_gone", None):  # a past play without its recording has no probabilities
            rows.append((self.tr("best_match" if j.offset is not None else "best_in_window"), f"{j.peak_prob * 100:.0f}%"))
        if cue.is_hold:
            rows.append((self.tr("held_share"), f"{j.held * 100:.0f}%"))
        for k, (key, value) in enumerate(rows):
            box = pygame.Rect(x + k * 190, y + 148, 178, 70)
            draw.panel(surface, box, theme.PANEL_HI, None, radius=12, alpha=255)
            text.draw(surface, key, 13, (box.x + 12, box.y + 9), theme.TEXT_DIM, "bold")
            text.draw(surface, value, 24, (box.x + 12, box.bottom - 8), theme.TEXT, "display", "bottomleft")
        advice = hint_text(hint(pose.angles, j.player_angles), self.app.language) if pose is not None and j.player_angles else None
        if advice is None and j.player_angles and pose is not None:
            advice = self.tr("limbs_close")
        if advice:
            text.draw(surface, self.tr("limb_hint"), 13, (x, y + 236), theme.TEXT_DIM, "bold")
            colour = theme.GOLD if j.grade.builds_combo else theme.RED
            for n, line in enumerate(text.wrap(advice, 22, DETAIL.w - 56, "bold", max_lines=2)):
                text.draw(surface, line, 22, (x, y + 258 + n * 28), colour, "bold")
