"""Loading the song list in the background, so no one song folder can hold up the menus.

Each folder is loaded on one of a few daemon worker threads; the song list shows what is loaded
and a "loading" entry for the rest. A slow folder (a huge file, audio being converted once for
the mixer) holds one worker; the others carry on with the remaining folders."""
from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Callable, Sequence

from game.chart import SongEntry
from game.poselib import PoseLibrary
from game.problems import Problem
from game.songfolder import load_entry, song_folders, song_id

WORKERS = 2  # the machine has two cores; a third thread would only slow the menus


class SongScanner:
    """Scan `songs_dir` on worker threads. `entries()` is safe to call every frame from the UI;
    `version` changes whenever an entry finishes loading."""

    def __init__(self, songs_dir: Path | Sequence[Path], poses: PoseLibrary,
                 load: Callable[[Path, PoseLibrary], SongEntry] = load_entry, workers: int = WORKERS):
        self.songs_dir = songs_dir  # one folder of songs, or several (game.paths.song_dirs)
        self.folders = song_folders(songs_dir)
        self.version = 0
        self._poses = poses
        self._load = load
        self._done: dict[Path, SongEntry] = {}
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._todo: queue.Queue[Path] = queue.Queue()
        for folder in self.folders:
            self._todo.put(folder)
        if not self.folders:
            self._finished.set()
        for _ in range(min(workers, len(self.folders))):
            threading.Thread(target=self._work, name="song-scan", daemon=True).start()

    def _work(self) -> None:
        while True:
            try:
                folder = self._todo.get_nowait()
            except queue.Empty:
                return
            try:
                entry = self._load(folder, self._poses)
            except Exception as exc:  # load_entry turns every user error into problems; this is a bug, not a hang
                entry = SongEntry(song_id(folder), folder, None, (Problem(folder, None, f"cannot be loaded ({exc!r})"),))
            with self._lock:
                self._done[folder] = entry
                self.version += 1
                if len(self._done) == len(self.folders):
                    self._finished.set()

    def entries(self) -> list[SongEntry]:
        """Every folder, sorted by id: loaded ones as they are, the rest as `loading` entries."""
        with self._lock:
            return [self._done.get(f) or SongEntry(song_id(f), f, None, loading=True) for f in self.folders]

    @property
    def done(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every folder is loaded (tools and tests); returns whether it finished."""
        return self._finished.wait(timeout)
