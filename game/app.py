"""The windowed game: pygame set-up, a stack of scenes, a fixed 60 fps loop.

Scenes draw on a 1280x720 canvas; the window scales it (SDL's SCALED mode, or a software
scale for odd window sizes), so layouts are written once."""
from __future__ import annotations

import os
import time
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.audio import Audio
from game.chart import SongEntry, scan_songs
from game.cheers import Messages, load_messages
from game.paths import MESSAGES_FILE, POSES_DIR, SONGS_DIR
from game.poselib import PoseLibrary, load_pose_library
from game.storage import Settings, Storage
from game.ui import theme

if TYPE_CHECKING:
    from game.scenes.base import Scene

FPS = 60
TITLE = "K-POP Dance Trainer"


class App:
    """Everything the scenes share: canvas, audio, save file, settings, songs, poses."""

    def __init__(self, songs_dir: Path = SONGS_DIR, window: bool = True, storage: Storage | None = None,
                 audio: Audio | None = None, fullscreen: bool | None = None, camera: str | None = None):
        pygame.init()
        self.songs_dir = Path(songs_dir)
        self.storage = storage or Storage()
        self.settings: Settings = self.storage.load_settings()
        self.notice: str | None = self.storage.message  # one-off message for the title screen
        self.audio = audio or Audio(enabled=window)
        self.audio.set_volumes(self.settings.music_volume, self.settings.sfx_volume)
        self.camera = camera
        self.poses: PoseLibrary = load_pose_library(POSES_DIR)
        self.messages: Messages = load_messages(MESSAGES_FILE) if MESSAGES_FILE.is_file() else {}
        self.entries: list[SongEntry] = scan_songs(self.songs_dir, self.poses)
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
        self.entries = scan_songs(self.songs_dir, self.poses)

    # --- loop --------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.update_settings(Settings(**{**self.settings.__dict__, "fullscreen": not self.settings.fullscreen}))
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
        self.audio.close()
        self.storage.close()
        pygame.quit()


def run_app(args: Namespace) -> int:
    """Open the game window (main.py calls this). `play` without --headless starts that song at once."""
    from game.scenes.title import TitleScene

    headless = os.environ.get("SDL_VIDEODRIVER") == "dummy" and os.environ.get("KPOP_TRAINER_FRAMES")
    app = App(songs_dir=getattr(args, "songs_dir", SONGS_DIR),
              fullscreen=False if getattr(args, "windowed", False) else None,
              camera=getattr(args, "camera", None))
    app.push(TitleScene(app))
    if getattr(args, "command", None) == "play":
        from game.scenes.play import start_play_from_args

        start_play_from_args(app, args)
    if headless:  # a bounded run for smoke tests: KPOP_TRAINER_FRAMES frames, then exit
        for _ in range(int(headless)):
            app.step(1 / FPS, pygame.event.get())
        app.close()
        return 0
    app.run()
    return 0
