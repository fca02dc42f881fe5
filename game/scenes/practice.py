"""Practice in the window, up to its first pass: the loading screen that slows the music, the camera
check (or the demo), and the entry points (the practice panel, "Practise this move", the command line).

The running practice (passes, count-in, step mode) is game/scenes/practice_play.py; what it draws
over the play screen is game/scenes/practice_hud.py. Practice plays from the camera are recorded for
the progress screen (with their speed and mode) but are never the player's best; the demo's never
count at all (`real_play` needs the camera)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame

from game.chart import Chart, Member, Song
from game.practice.plan import SectionError
from game.practice.run import PracticeRun, PracticeSetup, setup_from_args
from game.practice.stretch import StretchError, render
from game.scenes.base import Scene
from game.scenes.camera_check import CameraCheckScene, demo_reason
from game.ui.strings import tr
from game.scenes.play import PlayScene
from game.ui import draw, hud, text, theme

if TYPE_CHECKING:
    from game.app import App
    from game.scenes.practice_play import PracticePlayScene


class Cancelled(Exception):
    """The player pressed Esc while the music was being slowed."""


def speed_text(speed: float) -> str:
    return f"{round(speed * 100)}%"


def section_text(run_or_setup, chart: Chart, beats_per_bar: int, app: "App") -> str:
    """The section in the player's words: "Bars 5–8", "Heart arms · bar 5", or "Whole song"."""
    setup = getattr(run_or_setup, "setup", run_or_setup)
    section, lang = setup.section, app.language
    if section is None or section.label == "whole song":
        return app_tr(app, "whole_song")
    if section.only_cue is not None:
        cue = chart.cues[section.only_cue]
        pose = app.poses.poses.get(cue.pose)
        return app_tr(app, "move_at", pose=pose.display_name(lang) if pose else cue.pose, bar=int(cue.beat // beats_per_bar) + 1)
    a = int(section.start_beat // beats_per_bar) + 1
    b = int(-(-section.end_beat // beats_per_bar))
    return app_tr(app, "bars_range", a=a, b=b)


def app_tr(app: "App", key: str, **fields) -> str:
    from game.ui.strings import tr

    return tr(key, app.language, **fields)


def render_audio(song: Song, speed: float, show: Callable[[float], None]) -> Path:
    """The song's audio at `speed`, rendered (or taken from the cache) while the screen keeps drawing.

    python-stretch holds the GIL, so a thread would freeze the window: the render runs in chunks
    and `show(share)` draws a frame between them. Raises StretchError (in words) or Cancelled."""
    return render(song.audio_path, speed, progress=show)


class PracticeLoadingScene(Scene):
    """"Slowing the music to 75%…" with a progress bar; then the practice starts (camera check or demo)."""

    def __init__(self, app: "App", song: Song, member: Member, difficulty: str, setup: PracticeSetup,
                 demo: bool = False, jitter_ms: float = 0.0, seed: int = 0, virtual: bool = False):
        super().__init__(app)
        self.virtual = virtual  # tests and screenshots: the practice runs on a virtual clock
        self.song, self.member, self.difficulty, self.setup = song, member, difficulty, setup
        self.run = PracticeRun(song, member.charts[difficulty], setup)
        self.demo, self.jitter_ms, self.seed = demo, jitter_ms, seed
        self.share = 0.0
        self.error: str | None = None
        self.drawn = False  # one frame of the screen before the render blocks

    def update(self, dt: float) -> None:
        if self.error is not None or not self.drawn:
            return
        try:
            path = render_audio(self.song, self.run.speed, self._show)
        except StretchError as err:
            self.error = str(err)
            self.app.audio.sfx("miss", 0.5)
            return
        except Cancelled:
            self.app.pop()
            return
        self.app.replace(practice_scene_or_check(self.app, self.song, self.member, self.difficulty, self.run, path,
                                                 self.demo, self.jitter_ms, self.seed, self.virtual))

    def _show(self, share: float) -> None:
        """Between chunks: the bar moves, Esc cancels, the window stays alive."""
        self.share = share
        if not self.app.has_window:
            return
        for event in pygame.event.get():
            if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
                raise Cancelled
        self.app.draw()
        self.app.present()

    def draw(self, surface: pygame.Surface) -> None:
        self.drawn = True
        self.draw_background(surface, self.member.colour)
        self.draw_header(surface, self.tr("practice_title"), f"{self.song.title} — {self.member.display_name(self.app.language)}",
                         self.member.colour)
        box = pygame.Rect(240, 220, 800, 250)
        draw.panel(surface, box, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=235)
        if self.error:
            lines = text.wrap(self.tr("practice_failed", error=self.error), 18, box.w - 60, max_lines=6)
            text.draw_lines(surface, lines, 18, (box.centerx, box.y + 40), theme.GOLD, anchor="midtop")
        else:
            text.draw(surface, self.tr("practice_loading", speed=speed_text(self.run.speed)), 26, (box.centerx, box.y + 40),
                      theme.TEXT, "display", "midtop", max_width=box.w - 40)
            hud.progress_bar(surface, pygame.Rect(box.x + 60, box.y + 120, box.w - 120, 14), self.share, self.member.colour)
            text.draw(surface, f"{self.share * 100:.0f}%", 20, (box.centerx, box.y + 150), theme.TEXT_DIM, "bold", "midtop")
            text.draw(surface, self.tr("practice_loading_note"), 15, (box.centerx, box.bottom - 40), theme.TEXT_FAINT,
                      anchor="midtop", max_width=box.w - 40)
        mode = self.tr(f"mode_{self.setup.mode}")
        section = section_text(self.setup, self.member.charts[self.difficulty], self.song.tempo.beats_per_bar, self.app)
        text.draw(surface, f"{mode} · {section}", 18, (640, box.bottom + 24), theme.TEXT_DIM, "bold", "midtop")
        self.draw_instructions(surface)


def video_cannot_follow(app: "App", setup: PracticeSetup) -> bool:
    """The camera is a video file and the practice slows, loops or waits: the video's dancer moves at
    the video's own speed, so they would fall out of step (and the clip runs out by pass 2). The window
    then practises as the demo and says why, as the headless run refuses it (game.practice.cli)."""
    source = app.camera_source()
    is_file = isinstance(source, str) and not source.isdigit()
    return is_file and (setup.step or setup.looping or setup.speed < 1.0 - 1e-9)


def practice_scene_or_check(app: "App", song: Song, member: Member, difficulty: str, run: PracticeRun, path,
                            demo: bool = False, jitter_ms: float = 0.0, seed: int = 0, virtual: bool = False) -> Scene:
    """The practice from the camera when pose recognition can judge it, else as the demo (as begin_play)."""
    from game.pose import service as pose_service
    from game.scenes.practice_play import PracticePlayScene
    def make(**options) -> "PracticePlayScene":
        return PracticePlayScene(app, song, member, difficulty, run, path, virtual=virtual, **options)

    state = app.pose_service.state
    if demo or state == pose_service.OFF:
        return make(jitter_ms=jitter_ms, seed=seed)
    if state == pose_service.ERROR:
        return make(demo_reason=demo_reason(app.pose_service.message, app.language))
    if video_cannot_follow(app, run.setup):
        return make(demo_reason=tr("practice_video_camera", app.language))
    return PracticeCameraCheck(app, song, member, difficulty, make)


class PracticeCameraCheck(CameraCheckScene):
    """The camera check, leading to the practice instead of the song."""

    def __init__(self, app: "App", song: Song, member: Member, difficulty: str, make: Callable[..., PlayScene]):
        super().__init__(app, song, member, difficulty)
        self.make = make

    def new_play(self, **options) -> PlayScene:
        return self.make(**options)


def start_practice(app: "App", song: Song, member: Member, difficulty: str, setup: PracticeSetup, *, demo: bool = False,
                   replace: bool = False, jitter_ms: float = 0.0, seed: int = 0, virtual: bool = False) -> None:
    scene = PracticeLoadingScene(app, song, member, difficulty, setup, demo, jitter_ms, seed, virtual)
    (app.replace if replace else app.push)(scene)


def start_from_args(app: "App", args, song: Song, member: Member, chart: Chart) -> bool:
    """`python main.py play ... --speed 0.75 / --section / --loops / --step / --ramp` in the window.
    Returns False when no practice option was given (a plain play)."""
    from game.practice.cli import requested

    if not requested(args):
        return False
    try:
        setup = setup_from_args(args, chart, song.tempo)
    except (SectionError, StretchError) as err:
        app.notice = str(err)
        print(f"error: {err}")
        return True
    start_practice(app, song, member, chart.difficulty, setup, demo=bool(getattr(args, "autoplay", False)),
                   jitter_ms=getattr(args, "autoplay_jitter", 0.0) or 0.0, seed=getattr(args, "seed", 0) or 0)
    return True
