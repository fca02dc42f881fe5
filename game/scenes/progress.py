"""Progress: the player's real plays over time (never the demo), drawn with pygame.

Four panels: score per song over time (a line per song), the practice streak with the last four
weeks as a calendar strip, accuracy per pose (bars), and the weakest moves. E saves every play,
cue by cue, as CSV in the data folder (as `python main.py progress --csv FILE` does). P, Enter or the
button at the top right opens the recent plays (game/scenes/past_plays.py)."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pygame

from game import progress
from game.paths import user_data_dir
from game.scenes.base import Scene
from game.storage import default_path
from game.ui import draw, text, theme
from game.ui.strings import count
from game.ui.widgets import button

MAX_SONGS = 5  # lines in the score plot (the most played songs); more would be unreadable
MAX_POSES = 8
WEEKS = 4
PALETTE = (theme.PINK, theme.CYAN, theme.GOLD, theme.GREEN, theme.VIOLET)
PLAYS_BUTTON = pygame.Rect(1000, 30, 240, 46)  # opens the recent plays


def export_path() -> Path:
    """Where the screen's export goes: beside the save file, named by date and time."""
    folder = default_path().parent if default_path().parent.exists() else user_data_dir()
    return folder / f"progress-{time.strftime('%Y%m%d-%H%M%S')}.csv"


class ProgressScene(Scene):
    def __init__(self, app, today: dt.date | None = None):
        super().__init__(app)
        self.records = app.storage.plays()
        self.today = today or dt.date.today()
        self.message: tuple[str, tuple] | None = None  # (text, colour) after an export
        self.hover = False  # the mouse over the recent plays button

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_e:
            self.export()
            return
        opens = event.type == pygame.KEYDOWN and event.key in (pygame.K_p, pygame.K_RETURN, pygame.K_KP_ENTER)
        if opens or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and PLAYS_BUTTON.collidepoint(event.pos)):
            self.open_plays()
            return
        if event.type == pygame.MOUSEMOTION:
            self.hover = PLAYS_BUTTON.collidepoint(event.pos)
        super().handle(event)

    def open_plays(self) -> None:
        """The list of recent plays (nothing to open before the first play)."""
        from game.scenes.past_plays import PastPlaysScene

        if not self.records:
            return
        self.app.audio.sfx("select")
        self.app.push(PastPlaysScene(self.app, self.records))

    def export(self) -> None:
        path = export_path()
        try:
            n = progress.write_csv(self.records, path)
        except OSError as err:
            self.message = (self.tr("export_failed", error=err), theme.RED)
            self.app.audio.sfx("miss", 0.5)
            return
        self.message = (self.tr("exported", n=n, path=path), theme.GREEN)
        self.app.audio.sfx("select")

    def instructions(self) -> list[tuple[str, str]]:
        plays = [("P", self.tr("past_plays"))] if self.records else []
        return plays + [("E", self.tr("export_csv")), ("Esc", self.tr("back"))]

    def song_title(self, song_id: str) -> str:
        return next((e.song.title for e in self.app.entries if e.song and e.id == song_id), song_id)

    def pose_name(self, pose: str) -> str:
        found = self.app.poses.poses.get(pose)
        return found.display_name(self.app.language) if found else pose

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.VIOLET)
        days, lang = progress.play_days(self.records), self.app.language
        sub = self.tr("progress_sub", plays=count("n_plays", len(self.records), lang),
                      days=count("n_days_practised", len(days), lang))
        self.draw_header(surface, self.tr("progress"), sub, theme.VIOLET)
        if not self.records:
            box = pygame.Rect(240, 250, 800, 160)
            draw.panel(surface, box, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
            text.draw_lines(surface, text.wrap(self.tr("progress_empty"), 22, box.w - 60, max_lines=3), 22,
                            (box.x + 30, box.y + 40), theme.TEXT)
        else:
            self._draw_scores(surface, pygame.Rect(40, 100, 780, 300))
            self._draw_streak(surface, pygame.Rect(840, 100, 400, 300), days)
            self._draw_accuracy(surface, pygame.Rect(40, 416, 780, 250))
            self._draw_weakest(surface, pygame.Rect(840, 416, 400, 250))
            button(surface, PLAYS_BUTTON, self.tr("past_plays"), self.hover, theme.VIOLET, 19)
            draw.keycap(surface, "P", (PLAYS_BUTTON.x + 14, PLAYS_BUTTON.centery), 13)
        note = ""
        if self.message:
            note = self.message[0]
        self.draw_instructions(surface, note)

    def _panel(self, surface: pygame.Surface, rect: pygame.Rect, title: str) -> None:
        draw.panel(surface, rect, theme.PANEL, theme.PANEL_EDGE, radius=18, alpha=230)
        text.draw(surface, title, 18, (rect.x + 18, rect.y + 12), theme.TEXT, "bold")

    def _draw_scores(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """One line per song (its plays in time order), x by date, y score 0..1,000,000."""
        self._panel(surface, rect, self.tr("score_over_time"))
        by_song = progress.scores_by_song(self.records)
        songs = sorted(by_song, key=lambda s: (-len(by_song[s]), s))[:MAX_SONGS]
        plot = pygame.Rect(rect.x + 70, rect.y + 48, rect.w - 250, rect.h - 84)
        times = [w for s in songs for w, _ in by_song[s]]
        t0, t1 = min(times), max(times)
        span = max((t1 - t0).total_seconds(), 1.0)
        top = max(1_000_000, max(score for s in songs for _, score in by_song[s]))
        for k in range(5):
            y = plot.bottom - plot.h * k // 4
            pygame.draw.line(surface, theme.PANEL_HI, (plot.x, y), (plot.right, y))
            text.draw(surface, f"{top * k // 4 // 1000:,}k", 12, (plot.x - 8, y), theme.TEXT_FAINT, anchor="midright")
        text.draw(surface, t0.strftime("%m-%d"), 12, (plot.x, plot.bottom + 6), theme.TEXT_FAINT)
        if t1.date() != t0.date():
            text.draw(surface, t1.strftime("%m-%d"), 12, (plot.right, plot.bottom + 6), theme.TEXT_FAINT, anchor="topright")

        def at(when: dt.datetime, score: int) -> tuple[int, int]:
            x = plot.centerx if t1 == t0 else plot.x + plot.w * (when - t0).total_seconds() / span
            return int(x), int(plot.bottom - plot.h * score / top)

        for i, song in enumerate(songs):
            colour = PALETTE[i % len(PALETTE)]
            points = [at(w, s) for w, s in by_song[song]]
            if len(points) > 1:
                pygame.draw.lines(surface, colour, False, points, 3)
            for p in points:
                pygame.draw.circle(surface, colour, p, 5)
            ly = rect.y + 52 + i * 44
            pygame.draw.circle(surface, colour, (plot.right + 30, ly + 9), 7)
            text.draw(surface, self.song_title(song), 15, (plot.right + 44, ly), theme.TEXT, "bold", max_width=rect.right - plot.right - 56)
            best = max(s for _, s in by_song[song])
            text.draw(surface, f"{count('n_plays', len(points), self.app.language)} · {best:,}", 12, (plot.right + 44, ly + 20),
                      theme.TEXT_DIM, max_width=rect.right - plot.right - 56)

    def _draw_streak(self, surface: pygame.Surface, rect: pygame.Rect, days: set[dt.date]) -> None:
        """The streak in big figures, and the last four weeks as squares (filled: a day with a play)."""
        self._panel(surface, rect, self.tr("streak"))
        n = progress.streak(days, self.today)
        text.draw(surface, str(n), 72, (rect.x + 30, rect.y + 44), theme.GOLD if n else theme.TEXT_FAINT, "display", shadow=True)
        label = count("streak_days", n, self.app.language) if n else self.tr("streak_none")
        text.draw(surface, label, 18, (rect.x + 30, rect.y + 130), theme.TEXT, "bold", max_width=rect.w - 60)
        text.draw(surface, self.tr("last_weeks"), 13, (rect.x + 30, rect.y + 172), theme.TEXT_DIM, "bold")
        size, gap = 36, 12
        first = self.today - dt.timedelta(days=7 * WEEKS - 1)
        for k in range(7 * WEEKS):
            day = first + dt.timedelta(days=k)
            cell = pygame.Rect(rect.x + 30 + (k % 7) * (size + gap) // 1, rect.y + 196 + (k // 7) * 22, size, 16)
            played = day in days
            pygame.draw.rect(surface, theme.VIOLET if played else theme.PANEL_HI, cell, border_radius=4)
            if day == self.today:
                pygame.draw.rect(surface, theme.GOLD, cell.inflate(4, 4), 2, border_radius=5)

    def _draw_accuracy(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Accuracy per pose (the most danced poses), a bar each, coloured from red to gold."""
        self._panel(surface, rect, self.tr("accuracy_per_pose"))
        stats = sorted(progress.pose_accuracy(self.records), key=lambda p: (-p.total, p.pose))[:MAX_POSES]
        stats.sort(key=lambda p: -p.accuracy)
        col_w = (rect.w - 36) // 2
        for i, p in enumerate(stats):
            x = rect.x + 18 + (i // 4) * (col_w + 0)
            y = rect.y + 48 + (i % 4) * 48
            text.draw(surface, self.pose_name(p.pose), 15, (x, y), theme.TEXT, "bold", max_width=col_w - 90)
            text.draw(surface, f"{p.accuracy * 100:.0f}% · {p.hits}/{p.total}", 13, (x + col_w - 20, y + 2), theme.TEXT_DIM,
                      anchor="topright")
            bar = pygame.Rect(x, y + 22, col_w - 20, 10)
            pygame.draw.rect(surface, theme.PANEL_HI, bar, border_radius=5)
            pygame.draw.rect(surface, theme.lerp(theme.RED, theme.GOLD, p.accuracy),
                             (bar.x, bar.y, max(10, int(bar.w * p.accuracy)), bar.h), border_radius=5)

    def _draw_weakest(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        self._panel(surface, rect, self.tr("weakest_moves"))
        weakest = progress.weakest_moves(self.records, 4)
        if not weakest:
            text.draw(surface, self.tr("weakest_none"), 17, rect.center, theme.GOLD, "bold", "center", max_width=rect.w - 40)
        for i, p in enumerate(weakest):
            y = rect.y + 50 + i * 48
            text.draw(surface, f"{i + 1}", 26, (rect.x + 22, y), theme.TEXT_FAINT, "display")
            text.draw(surface, self.pose_name(p.pose), 17, (rect.x + 56, y), theme.TEXT, "bold", max_width=rect.w - 170)
            text.draw(surface, f"{p.accuracy * 100:.0f}%", 22, (rect.right - 20, y - 2),
                      theme.lerp(theme.RED, theme.GOLD, p.accuracy), "display", "topright")
            text.draw(surface, f"{p.hits}/{p.total}", 12, (rect.x + 56, y + 22), theme.TEXT_DIM)
