"""Add a song: the player gives an audio file (or a video with the music) and, if they have it, the
group's dance video; the import runs on a worker thread (game.songimport.job) while a bar shows
how far it is; then the song list comes back with the new song selected.

Two fields, like a form: Tab or the arrows move between them, Enter starts (the video is optional). A
file dropped on the window goes into the focused field. What went wrong is said in the field it
is about, in the player's language, naming the file and what to do."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame

from game.paths import user_songs_dir
from game.scenes.base import Scene
from game.songimport.job import ImportFailure, ImportJob
from game.ui import draw, hud, text, theme
from game.ui.text_input import TextInput
from game.ui.widgets import button

if TYPE_CHECKING:
    from game.app import App

FIELDS = ("audio", "video")
VIDEO_REASONS = ("video_missing", "video_bad", "video_copy")  # errors about the second field
SWALLOW_S = 0.2  # the key that opened this screen arrives as typed text just after: not typed into the field


def failure_text(failure: ImportFailure, language: str) -> str:
    """What went wrong, in the player's language, naming the file and the remedy; the command
    line's English words for a case the screens cannot cause."""
    from game.ui.strings import STRINGS, tr

    key = f"import_{failure.reason}"
    if not failure.reason or key not in STRINGS:
        return tr("import_failed", language, message=failure.message)
    file = str(failure.file) if failure.reason == "write" else failure.file.name  # a folder: where it is matters
    return tr(key, language, file=file, **failure.fields)


class AddSongScene(Scene):
    def __init__(self, app: "App", on_added: Callable[[str], None] | None = None, songs_dir: Path | None = None,
                 run: Callable[..., dict] | None = None, opened_by_key: bool = False):
        super().__init__(app)
        self.on_added = on_added  # the song list: rescan and select the new song (its id)
        self.songs_dir = Path(songs_dir) if songs_dir is not None else user_songs_dir()
        self.run = run  # import_song, or a test's stand-in
        self.inputs = {"audio": TextInput(hint_text=self.tr("audio_hint")), "video": TextInput(hint_text=self.tr("dance_video_hint"))}
        self.field = "audio"
        self.errors: dict[str, str] = {}
        self.job: ImportJob | None = None
        self.opened_at = app.t
        self.swallow = opened_by_key  # the first typed text may be that key
        self.start_rect = pygame.Rect(860, 556, 340, 54)

    def enter(self) -> None:
        if self.job is None:
            pygame.key.start_text_input()

    def leave(self) -> None:
        pygame.key.stop_text_input()

    # --- input ---------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if self.job is not None:  # importing: nothing to do but wait (the thread cannot be stopped halfway)
            return
        if event.type == pygame.TEXTINPUT and self.swallow:
            self.swallow = False
            if self.app.t - self.opened_at < SWALLOW_S and len(event.text) == 1:
                return  # the A that opened this screen, as text ('a', or 'ㅁ' from a Korean keyboard layout)
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN):
            self.field = FIELDS[(FIELDS.index(self.field) + 1) % 2]
            self.app.audio.sfx("move", 0.5)
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for name in FIELDS:
                if self._field_rect(name).collidepoint(event.pos):
                    self.field = name
                    return
            if self.start_rect.collidepoint(event.pos):
                self.start()
                return
        result = self.inputs[self.field].handle(event)
        if result == "cancel":
            self.back()
        elif result == "edit":
            self.errors.pop(self.field, None)
        elif result == "submit":
            self.start()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            self.back()

    def _path(self, name: str) -> Path | None:
        raw = self.inputs[name].value.strip().strip('"').strip("'")
        return Path(raw).expanduser() if raw else None

    def start(self) -> None:
        """Check what can be checked at once (a path given and there), then start the import."""
        audio, video = self._path("audio"), self._path("video")
        self.errors = {}
        if audio is None:
            self.errors["audio"] = self.tr("type_audio_first")
        elif audio.is_dir():
            self.errors["audio"] = self.tr("import_folder", file=audio.name or str(audio))
        elif not audio.is_file():
            self.errors["audio"] = self.tr("import_missing", file=audio.name or str(audio))
        if video is not None and video.is_dir():
            self.errors["video"] = self.tr("import_folder", file=video.name or str(video))
        elif video is not None and not video.is_file():
            self.errors["video"] = self.tr("import_video_missing", file=video.name or str(video))
        if self.errors:
            self.field = "audio" if "audio" in self.errors else "video"
            self.app.audio.sfx("miss", 0.5)
            return
        self.app.audio.sfx("select")
        pygame.key.stop_text_input()
        self.job = ImportJob(audio, self.songs_dir, video, run=self.run)

    def update(self, dt: float) -> None:
        job = self.job
        if job is None or not job.done:
            return
        self.job = None
        if job.error is not None:
            field = "video" if job.error.reason in VIDEO_REASONS else "audio"
            self.errors = {field: failure_text(job.error, self.app.language)}
            self.field = field
            self.app.audio.sfx("miss", 0.5)
            pygame.key.start_text_input()
            return
        assert job.result is not None
        self.app.audio.sfx("select")
        self.app.pop()
        if self.on_added:
            self.on_added(job.result["song"])

    def instructions(self) -> list[tuple[str, str]]:
        if self.job is not None:
            return []
        return [("Tab", self.tr("next_field")), ("Enter", self.tr("import_start")), ("Esc", self.tr("back"))]

    # --- drawing -------------------------------------------------------------------------------
    def _field_rect(self, name: str) -> pygame.Rect:
        return pygame.Rect(80, 222 if name == "audio" else 392, 1120, 52)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.VIOLET)
        self.draw_header(surface, self.tr("add_song"), self.tr("add_song_sub"), theme.CYAN)
        card = pygame.Rect(40, 112, 1200, 520)
        draw.panel(surface, card, theme.PANEL, theme.PANEL_EDGE, radius=22, alpha=230)
        if self.job is not None:
            self._draw_progress(surface, card, self.job)
        else:
            self._draw_form(surface, card)
        self.draw_instructions(surface, self.tr("songs_go_to", folder=str(self.songs_dir)))

    def _draw_form(self, surface: pygame.Surface, card: pygame.Rect) -> None:
        labels = {"audio": ("song_file", "song_file_help"), "video": ("dance_video", "dance_video_help")}
        for name in FIELDS:
            rect = self._field_rect(name)
            focused = self.field == name
            colour = theme.RED if name in self.errors else theme.CYAN if focused else theme.PANEL_EDGE
            title, help_key = labels[name]
            text.draw(surface, self.tr(title), 20, (rect.x, rect.y - 62), theme.TEXT if focused else theme.TEXT_DIM, "bold")
            text.draw(surface, self.tr(help_key), 15, (rect.x, rect.y - 34), theme.TEXT_FAINT, max_width=rect.w)
            if focused:
                self.inputs[name].draw(surface, rect, colour, self.app.t)
            else:
                draw.panel(surface, rect, (12, 8, 26), colour, radius=12, alpha=250, width=2)
                shown = self.inputs[name].value or self.inputs[name].hint_text
                text.draw(surface, text.fit(shown, 20, rect.w - 40), 20, (rect.x + 14, rect.centery),
                          theme.TEXT_DIM if self.inputs[name].value else theme.TEXT_FAINT, anchor="midleft")
            if name in self.errors:
                text.draw_lines(surface, text.wrap(self.errors[name], 16, rect.w, max_lines=2), 16,
                                (rect.x, rect.bottom + 10), theme.RED, "bold")
        y = card.bottom - 64
        text.draw_lines(surface, text.wrap(self.tr("add_song_next"), 15, 740, max_lines=3), 15, (card.x + 40, y - 6),
                        theme.TEXT_DIM)
        button(surface, self.start_rect, self.tr("import_start"), True, theme.CYAN, 24)

    def _draw_progress(self, surface: pygame.Surface, card: pygame.Rect, job: ImportJob) -> None:
        x = card.x + 60
        text.draw(surface, self.tr("importing", file=job.source.name), 32, (x, card.y + 60), theme.TEXT, "display",
                  max_width=card.w - 120, shadow=True)
        if job.video is not None:
            text.draw(surface, self.tr("with_video", file=job.video.name), 17, (x, card.y + 110), theme.TEXT_DIM,
                      max_width=card.w - 120)
        bar = pygame.Rect(x, card.y + 200, card.w - 120, 22)
        hud.progress_bar(surface, bar, job.fraction, theme.CYAN)
        text.draw(surface, f"{int(job.fraction * 100)}%", 28, (bar.right, bar.y - 14), theme.TEXT, "display", "bottomright")
        dots = "." * (int(self.app.t * 3) % 3 + 1)
        text.draw(surface, self.tr(f"stage_{job.stage}") + dots, 20, (x, bar.bottom + 22), theme.CYAN, "bold")
        text.draw_lines(surface, text.wrap(self.tr("import_wait"), 16, card.w - 120, max_lines=2), 16,
                        (x, bar.bottom + 64), theme.TEXT_DIM)
