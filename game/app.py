"""The windowed game: pygame set-up, a stack of scenes, a fixed 60 fps loop.

Scenes draw on a 1280x720 canvas; the window scales it (SDL's SCALED mode, or a software
scale for odd window sizes), so layouts are written once."""
from __future__ import annotations

import dataclasses
import os
import sys
import threading
import time
from argparse import Namespace
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING


def _import_pygame():
    """pygame's package-data helper imports pkg_resources (a tenth of a second, more on a busy machine)
    only to fall back to plain files when it is missing: hide it while pygame loads."""
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  (makes the import fail at once)
    try:
        import pygame
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    return pygame


pygame = _import_pygame()

# Only what the title's first frame needs is imported here (pygame, the save file, the window); the chart,
# pose and scene modules (numpy, YAML, jsonschema: a few tenths of a second on a busy machine) load after it.
from game.audio import Audio  # noqa: E402  (after pygame, above)
from game.coachskeleton.jobs import SkeletonJobs  # noqa: E402
from game.paths import MESSAGES_FILE, SONGS_DIR, default_poses_dir, song_dirs, user_songs_dir  # noqa: E402
from game.pose.service import OFF, PoseService  # noqa: E402
from game.storage import Settings, Storage  # noqa: E402
from game.ui import theme  # noqa: E402

if TYPE_CHECKING:
    from game.chart import SongEntry
    from game.cheers import Messages
    from game.poselib import PoseLibrary
    from game.scenes.base import Scene
    from game.songscan import SongScanner

FPS = 60
TITLE = "K-POP Dance Trainer"


class App:
    """Everything the scenes share: canvas, audio, save file, settings, songs, poses."""

    def __init__(self, songs_dir: Path = SONGS_DIR, window: bool = True, storage: Storage | None = None,
                 audio: Audio | None = None, fullscreen: bool | None = None, camera: str | None = None,
                 pose_service: PoseService | None = None, library: Path | None = None,
                 song_dirs: Sequence[Path] | None = None, background: bool = False):
        """`songs_dir` is the folder shown as where songs go; `song_dirs` (default: just that one) are all
        the folders whose songs are loaded. With `background`, the songs, poses and the pose pipeline load
        on threads once start_background() is called (after the title's first frame); without, here."""
        pygame.init()
        # The pose pipeline loads on a thread, so the title is up at once. Without a window (tools,
        # screen tests) there is none unless one is passed in: songs play as the demo.
        self.pose_service = pose_service or PoseService(library)
        self._owns_pose_service = window and pose_service is None
        self.songs_dir = Path(songs_dir)
        self.song_dirs = [Path(d) for d in song_dirs] if song_dirs is not None else [self.songs_dir]
        self._library = None if library is None else Path(library)  # None: the default library
        self.storage = storage or Storage()
        self.settings: Settings = self.storage.load_settings()
        self.notice: str | None = self.storage.message  # one-off message for the title screen
        self.camera_checked = False  # the framing check runs before the first camera song of a session
        self.coach_skeletons = SkeletonJobs()  # the coach's skeleton worked out while the player chooses
        self.audio = audio or Audio(enabled=window)
        self.audio.set_volumes(self.settings.music_volume, self.settings.sfx_volume)
        self.camera = camera
        self.has_window = window
        self._poses: PoseLibrary | None = None
        self._messages: Messages | None = None
        self._scanner: SongScanner | None = None
        self._loader: threading.Thread | None = None
        if not background:
            self._load_content()
            if self._owns_pose_service:
                self.pose_service.start()
        self.canvas = pygame.Surface((theme.WIDTH, theme.HEIGHT))
        self.window: pygame.Surface | None = None
        self.t = 0.0  # seconds since start, for UI animation (not song time)
        self.scenes: list[Scene] = []
        self.running = True
        if window:
            self.open_window(self.settings.fullscreen if fullscreen is None else fullscreen)

    @property
    def library(self) -> Path:
        """The pose library: the one given, else the default one (game.paths.default_poses_dir: the player's own
        once they have taught or retrained, else the shipped one), as the pose service's is."""
        return self._library if self._library is not None else default_poses_dir()

    # --- content: poses, messages, songs (behind the title when loading in the background) -------
    def start_background(self) -> None:
        """Start loading the pose pipeline and the content on threads (run_app calls this once the
        title is up, so nothing delays it). Idempotent."""
        if self._owns_pose_service and self.pose_service.state == OFF:
            self.pose_service.start()
        if self._scanner is None and self._loader is None:
            self._loader = threading.Thread(target=self._load_content, name="content-loader", daemon=True)
            self._loader.start()

    def _load_content(self) -> None:
        """The pose library and cheer messages, then the song scan (which goes on on its own workers)."""
        from game.cheers import load_messages
        from game.poselib import load_pose_library

        self._poses = load_pose_library(self.library)
        self._messages = load_messages(MESSAGES_FILE) if MESSAGES_FILE.is_file() else {}
        self.rescan()  # sets the scanner last: content_ready

    @property
    def content_ready(self) -> bool:
        """True once the poses are loaded and the song scan has begun (scenes drawn before that check
        this and never wait; the song list itself fills in as the scan goes, see SongScanner)."""
        return self._scanner is not None

    def _wait_content(self) -> None:
        """Wait for the loader if it is still at work (only a player quicker than the pose library's
        load waits, for a fraction of a second); a loader that failed is redone here, so its error shows."""
        if self._scanner is None and self._loader is not None:
            self._loader.join()
        if self._scanner is None:
            self._load_content()

    def _loaded(self, name: str):
        """One of the loaded attributes (_poses, _messages, _scanner), waiting for the loader if need be."""
        if getattr(self, name) is None:
            self._wait_content()
        value = getattr(self, name)
        assert value is not None
        return value

    @property
    def poses(self) -> PoseLibrary:
        return self._loaded("_poses")

    @property
    def messages(self) -> Messages:
        return self._loaded("_messages")

    @property
    def scanner(self) -> SongScanner:
        return self._loaded("_scanner")

    @scanner.setter
    def scanner(self, scanner: SongScanner) -> None:
        self._scanner = scanner

    # --- window ------------------------------------------------------------------------------
    def open_window(self, fullscreen: bool) -> None:
        pygame.display.set_caption(TITLE)
        size = (theme.WIDTH, theme.HEIGHT)
        flags = pygame.SCALED | (pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE)
        if os.environ.get("SDL_VIDEODRIVER") == "dummy":
            flags = 0  # no renderer to scale with; the canvas is the window
        try:
            self.window = pygame.display.set_mode(size, flags, vsync=0)
        except pygame.error:
            self.window = pygame.display.set_mode(size)
        self.canvas = self.window if self.window.get_size() == size else pygame.Surface(size)

    def set_fullscreen(self, on: bool) -> None:
        if not self.has_window or self.window is None:
            return
        if bool(self.window.get_flags() & pygame.FULLSCREEN) != on:
            try:
                pygame.display.toggle_fullscreen()
            except pygame.error:
                self.open_window(on)

    # --- settings ----------------------------------------------------------------------------
    def update_settings(self, settings: Settings) -> None:
        """Apply and save at once (a crash later keeps them)."""
        old = self.settings
        self.settings = settings.clean()
        self.audio.set_volumes(self.settings.music_volume, self.settings.sfx_volume)
        if old.fullscreen != self.settings.fullscreen:
            self.set_fullscreen(self.settings.fullscreen)
        self.storage.save_settings(self.settings)

    @property
    def language(self) -> str:
        return self.settings.language

    def camera_source(self) -> str | int:
        """--camera (or a video typed in this session) wins over the saved webcam index."""
        return self.camera if self.camera is not None else self.settings.camera

    # --- scene stack -------------------------------------------------------------------------
    @property
    def top(self) -> "Scene | None":
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: "Scene") -> None:
        if self.top:
            self.top.pause_scene()
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> None:
        if self.scenes:
            self.scenes.pop().leave()
        if self.top:
            self.top.enter()
        else:
            self.running = False

    def replace(self, scene: "Scene") -> None:
        if self.scenes:
            self.scenes.pop().leave()
        self.scenes.append(scene)
        scene.enter()

    def reset_to(self, scene: "Scene") -> None:
        """Clear the stack down to a fresh scene (quit to menus)."""
        while self.scenes:
            self.scenes.pop().leave()
        self.push(scene)

    def rescan(self) -> None:
        """Load the song list again, in the background when there is a window (nothing waits on one
        song folder); tools and tests without a window get it whole."""
        from game.songscan import SongScanner

        scanner = SongScanner(self.song_dirs, self.poses)
        if not self.has_window:
            scanner.wait()
        self._scanner = scanner

    @property
    def entries(self) -> list[SongEntry]:
        """The song folders as far as they are loaded now (see SongScanner)."""
        return self.scanner.entries()

    # --- loop --------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.update_settings(dataclasses.replace(self.settings, fullscreen=not self.settings.fullscreen))
            return
        if self.top:
            self.top.handle(event)

    def draw(self) -> pygame.Surface:
        """Draw the top scene (and what is under an overlay) on the canvas."""
        start = len(self.scenes) - 1
        while start > 0 and self.scenes[start].overlay:
            start -= 1
        for scene in self.scenes[start:]:
            scene.draw(self.canvas)
        return self.canvas

    def step(self, dt: float, events: list[pygame.event.Event] = ()) -> None:
        """One frame: events, update, draw (the loop, tests and benchmarks all call this)."""
        self.t += dt
        self.pose_service.poll()
        for event in events:
            self.handle(event)
        if self.top:
            self.top.update(dt)
        self.draw()

    def present(self) -> None:
        if self.window is None:
            return
        if self.canvas is not self.window:
            pygame.transform.smoothscale(self.canvas, self.window.get_size(), self.window)
        pygame.display.flip()

    def run(self) -> None:
        clock = pygame.time.Clock()
        while self.running and self.scenes:
            dt = clock.tick(FPS) / 1000.0
            self.step(min(dt, 0.1), pygame.event.get())
            self.present()
        self.close()

    def close(self) -> None:
        while self.scenes:
            self.scenes.pop().leave()
        self.coach_skeletons.stop()
        self.pose_service.close()
        self.audio.close()
        self.storage.close()
        pygame.quit()


def run_app(args: Namespace) -> int:
    """Open the game window (main.py calls this). `play` without --headless starts that song at once.

    With SDL_VIDEODRIVER=dummy and KPOP_TRAINER_FRAMES=N it draws N frames and exits (smoke tests);
    KPOP_TRAINER_STARTUP=1 then also waits for the pose pipeline and prints startup figures as JSON
    (benchmarks/startup.py), timed from KPOP_TRAINER_LAUNCHED (the launcher's time.time())."""
    launched = float(os.environ.get("KPOP_TRAINER_LAUNCHED") or _IMPORTED)
    headless = os.environ.get("SDL_VIDEODRIVER") == "dummy" and os.environ.get("KPOP_TRAINER_FRAMES")
    try:
        user_songs_dir().mkdir(parents=True, exist_ok=True)  # there to be found, for the player's own songs
    except OSError:
        pass  # a read-only home: the game plays the shipped songs all the same
    app = App(songs_dir=user_songs_dir(), song_dirs=song_dirs(getattr(args, "songs_dir", None)),
              fullscreen=False if getattr(args, "windowed", False) else None,
              camera=getattr(args, "camera", None),
              library=getattr(args, "library", None), background=True)
    # The title first: its backdrop and logo, before the scenes are even imported; songs, poses and the
    # pose pipeline then load on threads while the title's menu comes up.
    from game.ui import draw, logo

    pygame.event.pump()
    app.canvas.blit(draw.background(app.canvas.get_size(), theme.PINK), (0, 0))
    logo.draw_logo(app.canvas, theme.PINK)
    app.present()
    first_frame, first_frame_cpu = time.time() - launched, time.process_time()
    from game.scenes.title import TitleScene

    app.push(TitleScene(app))
    app.step(0.0, pygame.event.get())  # the menu, before the loaders compete with it for the CPU
    app.present()
    menu = time.time() - launched
    app.start_background()
    if getattr(args, "command", None) == "play":
        from game.scenes.play_launch import start_play_from_args

        start_play_from_args(app, args)
    if headless:  # a bounded run for smoke tests: KPOP_TRAINER_FRAMES frames, then exit
        _bounded_run(app, int(headless), launched, (first_frame, first_frame_cpu, menu),
                     bool(os.environ.get("KPOP_TRAINER_STARTUP")))
        return 0
    app.run()
    return 0


def _bounded_run(app: App, frames: int, launched: float, first_frame: tuple[float, float, float], report: bool) -> None:
    """Draw `frames` frames (and, when reporting, keep drawing until the pose pipeline and the songs have
    loaded). `first_frame` is when the title's first frame (backdrop and logo) was up, in seconds after
    `launched`, the process's CPU seconds until then (a figure a busy machine does not change), and
    when the menu was up, in seconds after `launched`."""
    import json

    steps: list[float] = []
    n = 0
    deadline = time.time() + 60.0
    clock = pygame.time.Clock()  # paced like run(): a loop that never sleeps would starve the loader thread
    songs_ready = None
    while n < frames or (report and (app.pose_service.state == "loading" or songs_ready is None)
                         and time.time() < deadline):
        clock.tick(FPS)
        t0 = time.perf_counter()
        app.step(1 / FPS, pygame.event.get())
        app.present()
        steps.append(time.perf_counter() - t0)
        if songs_ready is None and app.content_ready and app.scanner.done:
            songs_ready = time.time() - launched
        n += 1
    if report:
        service = app.pose_service
        ready = None if service.ready_wall is None else round(service.ready_wall - launched, 3)
        steps.sort()
        print(json.dumps({"title_first_frame_s": round(first_frame[0], 3), "title_first_frame_cpu_s": round(first_frame[1], 3),
                          "title_menu_s": round(first_frame[2], 3),
                          "pose_pipeline_ready_s": ready,
                          "songs_ready_s": None if songs_ready is None else round(songs_ready, 3),
                          "pose_state": service.state, "pose_message": service.message, "frames": n,
                          "frame_ms_median_while_loading": round(steps[len(steps) // 2] * 1000, 2),
                          "frame_ms_max_while_loading": round(steps[-1] * 1000, 2),
                          "tensorflow_imported": __import__("sys").modules.get("tensorflow") is not None}), flush=True)
    app.close()


_IMPORTED = time.time()
