"""Song select: every song folder (broken ones greyed with the reason, just-imported ones with what
to do next), details, best scores, audio preview, and "Add a song" (game/scenes/add_song.py)."""
from __future__ import annotations

import shlex

import pygame

from game.chart import SongEntry
from game.paths import user_songs_dir
from game.scenes.base import Scene
from game.scenes.common import bpm_text, length_text, score_text
from game.ui import draw, hud, text, theme
from game.ui.strings import count
from game.ui.widgets import FocusList, button, scrollbar

PREVIEW_DELAY = 0.35  # seconds of focus before the preview starts (scrolling stays quiet)


class SongSelectScene(Scene):
    def __init__(self, app, focus_id: str | None = None):
        super().__init__(app)
        self.entries: list[SongEntry] = list(app.entries)
        self.scan_version = app.scanner.version
        self.list = FocusList(len(self.entries), pygame.Rect(40, 112, 540, 520), 92, gap=12,
                              enabled=lambda i: self.entries[i].song is not None)
        first = next((i for i, e in enumerate(self.entries) if e.song), 0)
        ids = [e.id for e in self.entries]
        self.list.focus = ids.index(focus_id) if focus_id in ids else first
        self.list.move(0)
        self.wanted_focus = focus_id  # a song still loading gets the focus once it is there
        self.moved = False  # the player moved the focus: the scan no longer does
        self.add_rect = pygame.Rect(1010, 30, 230, 50)

    def refresh(self) -> None:
        """Take in the songs the background scan finished since the last frame. The focus stays on
        its song; until the player moves it, it goes to the asked-for song, else the first playable."""
        if self.app.scanner.version == self.scan_version:
            return
        self.scan_version = self.app.scanner.version
        focused = self.entry
        self.entries = list(self.app.entries)
        self.list.count = len(self.entries)
        ids = [e.id for e in self.entries]
        if not self.moved:
            wanted = self.wanted_focus if self.wanted_focus in ids else None
            playable = next((i for i, e in enumerate(self.entries) if e.song), None)
            if wanted is not None and not self.entries[ids.index(wanted)].loading:
                self.list.focus = ids.index(wanted)
            elif wanted is None and playable is not None and not (self.entry and self.entry.song):
                self.list.focus = playable
        elif focused is not None and focused.id in ids:
            self.list.focus = ids.index(focused.id)
        self.list.move(0)
        if focused is None or self.entry is None or self.entry.id != focused.id or self.entry.song is not focused.song:
            self.preview_at = self.app.t + PREVIEW_DELAY

    @property
    def entry(self) -> SongEntry | None:
        return self.entries[self.list.focus] if self.entries else None

    def bests(self, song_id: str) -> list:
        """Best scores for a song, read once per visit (not every frame)."""
        if song_id not in self._bests:
            self._bests[song_id] = self.app.storage.bests_for_song(song_id)
        return self._bests[song_id]

    def enter(self) -> None:
        self._bests: dict[str, list] = {}
        self.preview_at = self.app.t + PREVIEW_DELAY
        self.previewing = None

    def pause_scene(self) -> None:
        self.app.audio.stop(300)
        self.previewing = None

    def leave(self) -> None:
        self.app.audio.stop(300)

    def handle(self, event: pygame.event.Event) -> None:
        result = self.list.handle(event)
        if result and result[0] == "focus":
            self.moved = True
            self.app.audio.sfx("move", 0.5)
            self.preview_at = self.app.t + PREVIEW_DELAY
        elif result and result[0] == "activate":
            self.choose()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.added(self.entry.id if self.entry else None)
        elif (event.type == pygame.KEYDOWN and event.key == pygame.K_a) or (
                event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.add_rect.collidepoint(event.pos)):
            self.add_song(opened_by_key=event.type == pygame.KEYDOWN)
        else:
            super().handle(event)

    def add_song(self, opened_by_key: bool = False) -> None:
        from game.scenes.add_song import AddSongScene

        self.app.audio.sfx("select")
        self.app.push(AddSongScene(self.app, on_added=self.added, opened_by_key=opened_by_key))

    def added(self, song_id: str | None) -> None:
        """Load the song list again and focus `song_id` (F5, or a song just added) once it is loaded."""
        self.app.audio.stop(300)
        self.app.rescan()
        self.__init__(self.app, song_id)
        self.enter()

    def choose(self) -> None:
        entry = self.entry
        if entry is None or entry.song is None:
            self.app.audio.sfx("miss", 0.5)
            return
        from game.scenes.member_select import MemberSelectScene

        self.app.audio.sfx("select")
        self.app.push(MemberSelectScene(self.app, entry.song))

    def update(self, dt: float) -> None:
        self.refresh()
        entry = self.entry
        if self.preview_at is not None and self.app.t >= self.preview_at:
            self.preview_at = None
            song = entry and (entry.song or entry.uncharted)  # a just-imported song: hear that it came in right
            if song and self.previewing != entry.id:
                self.app.audio.preview(song.audio_path, song.preview_start, song.preview_length)
                self.previewing = entry.id
            elif entry and not song:
                self.app.audio.stop(300)
                self.previewing = None
        self.app.audio.update()

    def instructions(self) -> list[tuple[str, str]]:
        return [("↑/↓", self.tr("move")), ("Enter", self.tr("select")), ("A", self.tr("add_song")), ("Esc", self.tr("back")),
                ("F5", self.tr("rescan"))]

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.VIOLET)
        playable = sum(1 for e in self.entries if e.song)
        self.draw_header(surface, self.tr("choose_song"), self.tr("songs_playable", n=playable, total=len(self.entries)))
        hovered = self.add_rect.collidepoint(pygame.mouse.get_pos()) if pygame.mouse.get_focused() else False
        button(surface, self.add_rect, "+ " + self.tr("add_song"), hovered or not self.entries, theme.CYAN, 22)
        if not self.entries:
            r = pygame.Rect(40, 112, 1200, 120)
            draw.panel(surface, r)
            text.draw(surface, self.tr("no_songs"), 22, r.center, theme.TEXT, anchor="center")
            text.draw(surface, str(self.app.songs_dir), 16, (r.centerx, r.bottom - 24), theme.TEXT_DIM, anchor="center")
        for i in self.list.visible():
            self._draw_item(surface, i)
        scrollbar(surface, self.list, self.list.area.right + 8)
        if self.entry:
            self._draw_detail(surface, self.entry)
        self.draw_instructions(surface, str(self.app.songs_dir))

    def _draw_item(self, surface: pygame.Surface, i: int) -> None:
        entry = self.entries[i]
        rect = self.list.rect(i)
        focused = i == self.list.focus
        song = entry.song
        accent = song.members[0].colour if song and song.members else theme.GOLD if entry.uncharted else theme.BROKEN
        edge = accent if song or entry.loading or entry.uncharted else theme.RED  # loading or uncharted is not broken
        if focused:
            draw.glow(surface, rect, edge, 14, 12)
        draw.panel(surface, rect, theme.PANEL_HI if focused else theme.PANEL,
                   edge if focused else theme.PANEL_EDGE, radius=14, alpha=240)
        pygame.draw.rect(surface, accent if song or entry.uncharted else theme.BROKEN, (rect.x + 10, rect.y + 14, 6, rect.h - 28), border_radius=3)
        x = rect.x + 30
        if song is None and entry.loading:
            text.draw(surface, entry.id, 24, (x, rect.y + 12), theme.TEXT_FAINT, "bold", max_width=rect.w - 50)
            text.draw(surface, self.tr("loading") + "." * (int(self.app.t * 3) % 3), 15, (x, rect.y + 50), theme.TEXT_FAINT)
            return
        if song is None and entry.uncharted is not None:
            new = entry.uncharted
            text.draw(surface, new.title, 24, (x, rect.y + 10), theme.TEXT_DIM, "bold", max_width=rect.w - 220)
            draw.chip(surface, self.tr("no_chart_yet"), (rect.right - 14, rect.y + 12), theme.GOLD, 13, "topright")
            text.draw(surface, new.artist, 16, (x, rect.y + 42), theme.TEXT_FAINT, max_width=rect.w - 200)
            text.draw(surface, f"{bpm_text(new)} BPM · {length_text(new.duration)} · {self.tr('no_chart_line')}", 14,
                      (x, rect.y + 66), theme.TEXT_FAINT, max_width=rect.w - 50)
            return
        if song is None:
            text.draw(surface, entry.id, 24, (x, rect.y + 12), theme.TEXT_FAINT, "bold", max_width=rect.w - 150)
            draw.chip(surface, self.tr("broken"), (rect.right - 14, rect.y + 12), theme.RED, 13, "topright")
            reason = entry.problems[0].message if entry.problems else self.tr("cannot_load")
            text.draw(surface, reason, 15, (x, rect.y + 50), theme.TEXT_FAINT, max_width=rect.w - 50)
            return
        text.draw(surface, song.title, 24, (x, rect.y + 10), theme.TEXT, "bold", max_width=rect.w - 200)
        text.draw(surface, song.artist, 16, (x, rect.y + 42), theme.TEXT_DIM, max_width=rect.w - 200)
        text.draw(surface, f"{bpm_text(song)} BPM · {length_text(song.duration)} · "
                           f"{count('n_members', len(song.members), self.app.language)}", 14, (x, rect.y + 66), theme.TEXT_FAINT)
        bests = self.bests(song.id)
        best = bests[0] if bests else None
        text.draw(surface, self.tr("best"), 13, (rect.right - 16, rect.y + 14), theme.TEXT_FAINT, "bold", "topright")
        text.draw(surface, score_text(best.score if best else None), 22, (rect.right - 16, rect.y + 32), theme.TEXT, "display", "topright")
        if best:
            col = theme.LETTER_COLOURS.get(best.grade, theme.TEXT)
            text.draw(surface, best.grade, 18, (rect.right - 16, rect.y + 60), col, "display", "topright")

    def _draw_detail(self, surface: pygame.Surface, entry: SongEntry) -> None:
        panel = pygame.Rect(610, 112, 630, 520)
        song = entry.song
        draw.panel(surface, panel, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=225)
        x, y = panel.x + 30, panel.y + 26
        if song is None and entry.loading:
            text.draw(surface, entry.id, 34, (x, y), theme.TEXT_DIM, "display", max_width=panel.w - 60)
            text.draw(surface, self.tr("loading_song"), 17, (x, y + 60), theme.TEXT_DIM)
            return
        if song is None and entry.uncharted is not None:
            self._draw_uncharted(surface, panel, entry.uncharted)
            return
        if song is None:
            text.draw(surface, entry.id, 34, (x, y), theme.TEXT_DIM, "display", max_width=panel.w - 60)
            draw.chip(surface, self.tr("broken"), (x, y + 54), theme.RED, 15)
            text.draw(surface, self.tr("broken_intro"), 17, (x, y + 100), theme.TEXT)
            yy = y + 132
            for problem in entry.problems[:6]:
                where = f"{problem.path.name}:{problem.line}" if problem.line else problem.path.name
                text.draw(surface, where, 15, (x, yy), theme.PINK, "bold")
                yy = text.draw_lines(surface, text.wrap(problem.message, 16, panel.w - 60, max_lines=2), 16, (x, yy + 20),
                                     theme.TEXT_DIM) + 8
            if len(entry.problems) > 6:
                text.draw(surface, self.tr("n_more", n=len(entry.problems) - 6), 15, (x, yy), theme.TEXT_FAINT)
            text.draw(surface, self.tr("broken_fix", command=f"python main.py check {shlex.quote(str(entry.folder))}"), 14,
                      (x, panel.bottom - 34), theme.TEXT_FAINT, max_width=panel.w - 60)
            return
        self._draw_title_and_stats(surface, song, (x, y))
        yy = y + 196
        text.draw(surface, f"{self.tr('members')} · {self.tr('best')}", 15, (x, yy), theme.TEXT_DIM, "bold")
        yy += 28
        for member in song.members[:4]:
            row = pygame.Rect(x, yy, panel.w - 60, 50)
            pygame.draw.rect(surface, theme.scale(member.colour, 0.25), row, border_radius=12)
            pygame.draw.circle(surface, member.colour, (row.x + 24, row.centery), 11)
            lang = self.app.language
            other = member.name if lang == "ko" else member.name_ko
            name = member.display_name(lang) + (f"  {other}" if other and other != member.display_name(lang) else "")
            text.draw(surface, name, 19, (row.x + 46, row.y + 6), theme.TEXT, "bold", max_width=300)
            text.draw(surface, member.display_part(lang), 13, (row.x + 46, row.y + 30), theme.TEXT_DIM, max_width=300)
            best = max((b for b in self.bests(song.id) if b.member == member.id),
                       key=lambda b: b.score, default=None)
            val = f"{best.score:,}  {best.grade}" if best else self.tr("no_best")
            text.draw(surface, val, 17, (row.right - 14, row.centery), theme.TEXT if best else theme.TEXT_FAINT,
                      "bold", "midright")
            yy += 58
        self._draw_preview_bar(surface, panel, entry, song)

    def _draw_title_and_stats(self, surface: pygame.Surface, song, at: tuple[int, int]) -> None:
        x, y = at
        text.draw(surface, song.title, 40, (x, y), theme.TEXT, "display", max_width=570, shadow=True)
        text.draw(surface, song.artist, 20, (x, y + 54), theme.TEXT_DIM, max_width=570)
        stats = ((self.tr("bpm"), bpm_text(song)), (self.tr("length"), length_text(song.duration)),
                 (self.tr("members"), str(len(song.members))))
        for k, (label, value) in enumerate(stats):
            box = pygame.Rect(x + k * 196, y + 96, 180, 74)
            draw.panel(surface, box, theme.PANEL_HI, None, radius=12, alpha=255)
            text.draw(surface, label, 13, (box.x + 14, box.y + 10), theme.TEXT_DIM, "bold")
            text.draw(surface, value, 28, (box.x + 14, box.bottom - 8), theme.TEXT, "display", "bottomleft")

    def _draw_uncharted(self, surface: pygame.Surface, panel: pygame.Rect, song) -> None:
        """A song just imported: what it is, and the two ways to a chart (from the dance video, by hand)."""
        x, y = panel.x + 30, panel.y + 26
        self._draw_title_and_stats(surface, song, (x, y))
        yy = y + 192
        draw.chip(surface, self.tr("no_chart_yet"), (x, yy), theme.GOLD, 14)
        text.draw(surface, self.tr("no_chart_intro"), 17, (x, yy + 38), theme.TEXT, "bold", max_width=panel.w - 60)
        text.draw(surface, "1. " + self.tr("no_chart_from_video"), 15, (x, yy + 70), theme.TEXT_DIM, max_width=panel.w - 60)
        video = str(song.video.path) if song.video and song.video.path else "VIDEO"
        command = f"python main.py chart from-video {shlex.quote(video)} --song {shlex.quote(song.id)} --member NAME"
        if song.folder.parent.resolve() != user_songs_dir().resolve():  # the default of `song new` and `chart`
            command += f" --songs-dir {shlex.quote(str(song.folder.parent))}"
        lines = text.wrap(command, 13, panel.w - 80, max_lines=3)
        box = pygame.Rect(x, yy + 94, panel.w - 60, 14 + 17 * len(lines))
        pygame.draw.rect(surface, theme.PANEL_HI, box, border_radius=8)
        text.draw_lines(surface, lines, 13, (box.x + 10, box.y + 7), theme.CYAN)
        yy = box.bottom - 128
        text.draw(surface, "2. " + self.tr("no_chart_by_hand"), 15, (x, yy + 140), theme.TEXT_DIM, max_width=panel.w - 60)
        if song.video:
            text.draw(surface, self.tr("has_coach_video", file=song.video.name), 14, (x, yy + 168), theme.TEXT_FAINT,
                      max_width=panel.w - 60)
        entry = self.entry
        if entry is not None:
            self._draw_preview_bar(surface, panel, entry, song)

    def _draw_preview_bar(self, surface: pygame.Surface, panel: pygame.Rect, entry: SongEntry, song) -> None:
        playing = self.previewing == entry.id
        beat = 0.0
        pos = self.app.audio.position() if playing else None
        if pos is not None:
            beat = song.tempo.beat_at(pos, song.offset)
        foot = pygame.Rect(panel.x + 20, panel.bottom - 56, panel.w - 40, 40)
        pygame.draw.rect(surface, theme.PANEL_HI, foot, border_radius=12)
        label = self.tr("preview_at", start=length_text(song.preview_start),
                        end=length_text(song.preview_start + song.preview_length))
        if playing and self.app.audio.error:
            label = f"♪ {self.app.audio.error}"
        text.draw(surface, label if playing else self.tr("preview_soon"), 15, (foot.x + 14, foot.centery),
                  theme.PINK if playing and self.app.audio.error else theme.TEXT if playing else theme.TEXT_FAINT,
                  anchor="midleft", max_width=foot.w - 120)
        hud.beat_dots(surface, (foot.right - 70, foot.centery), beat if pos is not None else -1, song.tempo.beats_per_bar,
                      song.members[0].colour if song.members else theme.GOLD)
