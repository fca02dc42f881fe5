"""The windowed game: pygame set-up, a stack of scenes, a fixed 60 fps loop.

Scenes draw on a 1280x720 canvas; the window scales it (SDL's SCALED mode, or a software
scale for odd window sizes), so layouts are written once."""
from __future__ import annotations

import dataclasses
import os
import time
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.audio import Audio
from game.chart import SongEntry
from game.cheers import Messages, load_messages
from game.paths import MESSAGES_FILE, POSES_DIR, SONGS_DIR
from game.pose.service import PoseService
from game.poselib import PoseLibrary, load_pose_library
from game.songscan import SongScanner
from game.storage import Settings, Storage
from game.ui import theme

if TYPE_CHECKING:
    from game.scenes.base import Scene

FPS = 60
TITLE = "K-POP Dance Trainer"


class App:
    """Everything the scenes share: canvas, audio, save file, settings, songs, poses."""

    def __init__(self, songs_dir: Path = SONGS_DIR, window: bool = True, storage: Storage | None = None,
                 audio: Audio | None = None, fullscreen: bool | None = None, camera: str | None = None,
                 pose_service: PoseService | None = None, library: Path = POSES_DIR):
        pygame.init()
        # The pose pipeline loads on a thread from the first moment, so the title is up at once.
        # Without a window (tools, screen tests) there is none unless one is passed in: songs play as the demo.
        self.pose_service = pose_service or PoseService(library)
        if window and pose_service is None:
            self.pose_service.start()
        self.songs_dir = Path(songs_dir)
        self.storage = storage or Storage()
        self.settings: Settings = self.storage.load_settings()
        self.notice: str | None = self.storage.message  # one-off message for the title screen
        self.audio = audio or Audio(enabled=window)
        self.audio.set_volumes(self.settings.music_volume, self.settings.sfx_volume)
        self.camera = camera
        self.poses: PoseLibrary = load_pose_library(library)
        self.messages: Messages = load_messages(MESSAGES_FILE) if MESSAGES_FILE.is_file() else {}
        self.has_window = window
        self.rescan()
        self.canvas = pygame.Surface((theme.WIDTH, theme.HEIGHT))
        self.window: pygame.Surface | None = None
        self.has_window = window
        self.t = 0.0  # seconds since start, for UI animation (not song time)
        self.scenes: list[Scene] = []
        self.running = True
        if window:
            self.open_window(self.settings.fullscreen if fullscreen is None else fullscreen)

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
        self.scanner = SongScanner(self.songs_dir, self.poses)
        if not self.has_window:
            self.scanner.wait()

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
        self.pose_service.close()
        self.audio.close()
        self.storage.close()
        pygame.quit()


def run_app(args: Namespace) -> int:
    """Open the game window (main.py calls this). `play` without --headless starts that song at once.

    With SDL_VIDEODRIVER=dummy and KPOP_TRAINER_FRAMES=N it draws N frames and exits (smoke tests);
    KPOP_TRAINER_STARTUP=1 then also waits for the pose pipeline and prints startup figures as JSON
    (benchmarks/startup.py), timed from KPOP_TRAINER_LAUNCHED (the launcher's time.time())."""
    from game.scenes.title import TitleScene

    launched = float(os.environ.get("KPOP_TRAINER_LAUNCHED") or _IMPORTED)
    headless = os.environ.get("SDL_VIDEODRIVER") == "dummy" and os.environ.get("KPOP_TRAINER_FRAMES")
    app = App(songs_dir=getattr(args, "songs_dir", SONGS_DIR),
              fullscreen=False if getattr(args, "windowed", False) else None,
              camera=getattr(args, "camera", None),
              library=Path(getattr(args, "library", POSES_DIR)))
    app.push(TitleScene(app))
    if getattr(args, "command", None) == "play":
        from game.scenes.play import start_play_from_args

        start_play_from_args(app, args)
    if headless:  # a bounded run for smoke tests: KPOP_TRAINER_FRAMES frames, then exit
        _bounded_run(app, int(headless), launched, bool(os.environ.get("KPOP_TRAINER_STARTUP")))
        return 0
    app.run()
    return 0


def _bounded_run(app: App, frames: int, launched: float, report: bool) -> None:
    """Draw `frames` frames (and, when reporting, keep drawing until the pose pipeline has loaded)."""
    import json

    first_frame = None
    steps: list[float] = []
    n = 0
    deadline = time.time() + 60.0
    clock = pygame.time.Clock()  # paced like run(): a loop that never sleeps would starve the loader thread
    while n < frames or (report and app.pose_service.state == "loading" and time.time() < deadline):
        clock.tick(FPS)
        t0 = time.perf_counter()
        app.step(1 / FPS, pygame.event.get())
        app.present()
        steps.append(time.perf_counter() - t0)
        if first_frame is None:
            first_frame = time.time() - launched
        n += 1
    if report:
        service = app.pose_service
        ready = None if service.ready_wall is None else round(service.ready_wall - launched, 3)
        steps.sort()
        print(json.dumps({"title_first_frame_s": round(first_frame or 0.0, 3), "pose_pipeline_ready_s": ready,
                          "pose_state": service.state, "pose_message": service.message, "frames": n,
                          "frame_ms_median_while_loading": round(steps[len(steps) // 2] * 1000, 2),
                          "frame_ms_max_while_loading": round(steps[-1] * 1000, 2),
                          "tensorflow_imported": __import__("sys").modules.get("tensorflow") is not None}), flush=True)
    app.close()


_IMPORTED = time.time()
