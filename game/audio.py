"""Music and sound effects over pygame.mixer, with a silent mode that keeps the same timeline.

pygame's music position ignores the start offset and is -1 when stopped, so the start and
pauses are tracked here. Without a sound device every call still works: the position then
follows a wall clock, so play stays in time with nothing to hear."""
from __future__ import annotations

import shlex
import time
from pathlib import Path
from typing import Callable

import pygame

from game.paths import SOUNDS_DIR

class Audio:
    """The game's one mixer: music (one track at a time), previews, named sound effects."""

    def __init__(self, enabled: bool = True, sounds_dir: Path = SOUNDS_DIR, wall: Callable[[], float] = time.perf_counter):
        self.available = False
        self.sounds_dir = Path(sounds_dir)
        self.music_volume = 0.8
        self.sfx_volume = 0.8
        self._wall = wall
        self._sounds: dict[str, pygame.mixer.Sound | None] = {}
        self._path: Path | None = None
        self._start = 0.0          # seconds into the track where the current play began
        self._started_wall = 0.0   # silent mode: wall time matching _start
        self._paused_at: float | None = None
        self._playing = False
        self._length: float | None = None
        self._preview: tuple[float, float] | None = None
        self.error: str | None = None  # why the last track could not be loaded (shown to the player)
        if enabled:
            self._init_mixer()
        else:
            print("warning: audio disabled; playing silently")

    def _init_mixer(self) -> None:
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.pre_init(44100, -16, 2, 512)
                pygame.mixer.init()
            pygame.mixer.set_num_channels(16)
            self.available = True
        except pygame.error as exc:
            print(f"warning: no sound device ({exc}); playing silently")

    # --- music -----------------------------------------------------------------------------
    def load(self, path: Path | str | None, length: float | None = None) -> bool:
        """Load a track (length in seconds, when known, stops the silent clock at the end).

        When the mixer refuses it, the previous track is stopped and unloaded (it must not play
        under another song's chart), `error` says why, and the track's time runs silently on the
        wall clock so a chart stays in step. Returns whether the track will be heard."""
        self.stop()
        self.error = None
        self._path = Path(path) if path else None
        self._length = length
        if not self.available or self._path is None:
            return self._path is not None
        try:
            pygame.mixer.music.load(str(self._path))
            pygame.mixer.music.set_volume(self.music_volume)
            return True
        except pygame.error as exc:
            self.error = f"cannot play {self._path.name} ({exc})"
            print(f"warning: {self.error}; the song plays silently. Check it: python main.py check "
                  f"{shlex.quote(str(self._path.parent))}")
            pygame.mixer.music.unload()
            self._path = None  # silent, on the wall clock
            return False

    def play(self, start: float = 0.0, fade_ms: int = 0) -> None:
        """Play the loaded track from `start` seconds."""
        self._start = max(0.0, start)
        self._started_wall = self._wall()
        self._paused_at = None
        self._playing = True
        self._preview = None
        if self.available and self._path is not None:
            try:
                pygame.mixer.music.set_volume(self.music_volume)
                pygame.mixer.music.play(0, self._start, fade_ms)
            except pygame.error as exc:
                print(f"warning: cannot play {self._path} ({exc})")

    def pause(self) -> None:
        if not self._playing or self._paused_at is not None:
            return
        self._paused_at = self.position() or self._start
        if self.available:
            pygame.mixer.music.pause()

    def resume(self) -> None:
        if self._paused_at is None:
            return
        if self.available and self._path is not None:
            # restart from the paused position: exact, where unpause() would leave get_pos() counting from the old start
            pos = self._paused_at
            self._paused_at = None
            self.play(pos)
        else:
            self._start = self._paused_at
            self._started_wall = self._wall()
            self._paused_at = None

    def stop(self, fade_ms: int = 0) -> None:
        self._playing = False
        self._paused_at = None
        self._preview = None
        if self.available:
            if fade_ms:
                pygame.mixer.music.fadeout(fade_ms)
            else:
                pygame.mixer.music.stop()

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def position(self) -> float | None:
        """Seconds into the track now, or None when nothing plays. Coarse: the mixer updates in steps."""
        if not self._playing:
            return None
        if self._paused_at is not None:
            return self._paused_at
        if self.available and self._path is not None:
            ms = pygame.mixer.music.get_pos()
            if ms < 0:
                return None if not pygame.mixer.music.get_busy() else self._start
            return self._start + ms / 1000.0
        pos = self._start + (self._wall() - self._started_wall)
        if self._length is not None and pos > self._length:
            return None
        return pos

    # --- previews in the song list -----------------------------------------------------
    def preview(self, path: Path | str, start: float, length: float, fade_ms: int = 600) -> None:
        """Loop `length` seconds from `start` with fades (call update() every frame)."""
        if self._path != Path(path) or not self._playing:
            self.load(path)
        self.play(start, fade_ms)
        self._preview = (start, length)

    def update(self) -> None:
        """Restart a looping preview when its range is over (fading out just before)."""
        if self._preview is None:
            return
        start, length = self._preview
        pos = self.position()
        if pos is None or pos >= start + length:
            self.play(start, 600)
            self._preview = (start, length)
        elif self.available and pos >= start + length - 0.8 and pygame.mixer.music.get_volume() > 0.2 * self.music_volume:
            pygame.mixer.music.set_volume(max(0.0, self.music_volume * (start + length - pos) / 0.8))

    # --- volumes and effects ---------------------------------------------------------------
    def set_volumes(self, music: float | None = None, sfx: float | None = None) -> None:
        if music is not None:
            self.music_volume = max(0.0, min(1.0, music))
            if self.available:
                pygame.mixer.music.set_volume(self.music_volume)
        if sfx is not None:
            self.sfx_volume = max(0.0, min(1.0, sfx))

    def sound(self, name: str) -> pygame.mixer.Sound | None:
        """The effect sounds/<name>.ogg (or .wav), loaded once; None if missing or silent."""
        if name not in self._sounds:
            snd = None
            if self.available:
                for ext in (".ogg", ".wav"):
                    path = self.sounds_dir / f"{name}{ext}"
                    if path.is_file():
                        try:
                            snd = pygame.mixer.Sound(str(path))
                        except pygame.error as exc:
                            print(f"warning: cannot load sound {path} ({exc})")
                        break
            self._sounds[name] = snd
        return self._sounds[name]

    def sfx(self, name: str, volume: float = 1.0) -> bool:
        """Play an effect by name; a missing file is silent. Returns whether anything played."""
        snd = self.sound(name)
        if snd is None:
            return False
        snd.set_volume(self.sfx_volume * volume)
        snd.play()
        return True

    def close(self) -> None:
        self.stop()
        if self.available:
            pygame.mixer.quit()
            self.available = False
