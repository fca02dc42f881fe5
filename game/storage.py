"""Settings and best scores in SQLite in the player's data folder.

Every write is one transaction in WAL mode with synchronous=FULL, so a crash or a kill
mid-write loses nothing committed before it. A corrupt file is moved aside (with a message)
and a fresh one is started: the game never fails to start because of its own save file."""
from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from game.cheers import is_new_best
from game.paths import user_data_dir

DB_NAME = "trainer.sqlite3"
ENV_DB = "KPOP_TRAINER_DB"  # a file path; overrides the data folder (tests, portable installs)
LANGUAGES = ("en", "ko")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS best_scores (
    song TEXT NOT NULL, member TEXT NOT NULL, difficulty TEXT NOT NULL,
    score INTEGER NOT NULL, grade TEXT NOT NULL, accuracy REAL NOT NULL, max_combo INTEGER NOT NULL,
    stars INTEGER NOT NULL DEFAULT 0, full_combo INTEGER NOT NULL DEFAULT 0,
    plays INTEGER NOT NULL DEFAULT 1, date TEXT NOT NULL,
    PRIMARY KEY (song, member, difficulty));
"""


@dataclass(frozen=True)
class Settings:
    """What the player set; defaults suit a first run."""

    audio_offset_ms: int = 0
    music_volume: float = 0.8
    sfx_volume: float = 0.8
    fullscreen: bool = False
    language: str = "en"
    camera: int | str = 0  # a webcam index, or the path of a video that stands in for one
    mirror: bool = True
    difficulty: str = "normal"   # the chart difficulty picked last
    timing_scale: float = 1.0    # widens (>1) or narrows (<1) the timing windows

    def clean(self) -> "Settings":
        """Clamp values a hand-edited or older database could hold."""
        return replace(self, audio_offset_ms=int(max(-500, min(500, self.audio_offset_ms))),
                       music_volume=float(max(0.0, min(1.0, self.music_volume))),
                       sfx_volume=float(max(0.0, min(1.0, self.sfx_volume))),
                       language=self.language if self.language in LANGUAGES else "en",
                       camera=_camera(self.camera), timing_scale=float(max(0.5, min(2.0, self.timing_scale))),
                       fullscreen=bool(self.fullscreen), mirror=bool(self.mirror))


def _camera(value: object) -> int | str:
    """A webcam index 0-9, or a video path kept as typed."""
    if isinstance(value, str) and not value.strip().isdigit():
        return value
    try:
        return int(max(0, min(9, int(value))))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


@dataclass(frozen=True)
class Best:
    song: str
    member: str
    difficulty: str
    score: int
    grade: str
    accuracy: float
    max_combo: int
    stars: int = 0
    full_combo: bool = False
    plays: int = 1
    date: str = ""


def default_path() -> Path:
    override = os.environ.get(ENV_DB)
    return Path(override) if override else user_data_dir() / DB_NAME


class Storage:
    """The save file. Open once at start; each method is its own transaction."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_path()
        self.message: str | None = None  # shown once by the app when the file had to be replaced
        self.conn = self._open()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=5.0, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        row = conn.execute("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            conn.close()
            raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else 'no answer'}")
        conn.executescript(_SCHEMA)
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(self.path) + suffix)
                if src.exists():
                    src.replace(Path(str(aside) + suffix))
            self.message = f"Your save file was damaged ({exc}); it was moved to {aside.name} and a new one started."
            print(f"warning: {self.message}")
            return self._connect()
        except (sqlite3.Error, OSError) as exc:  # unwritable folder, locked file: play on without saving
            self.message = f"Cannot open the save file {self.path} ({exc}); scores and settings will not be kept."
            print(f"warning: {self.message}")
            conn = sqlite3.connect(":memory:", isolation_level=None)
            conn.executescript(_SCHEMA)
            return conn

    def close(self) -> None:
        self.conn.close()

    # --- settings ----------------------------------------------------------------------------
    def load_settings(self) -> Settings:
        stored = dict(self.conn.execute("SELECT key, value FROM settings").fetchall())
        values: dict[str, Any] = {}
        for f in fields(Settings):
            if f.name in stored:
                try:
                    values[f.name] = json.loads(stored[f.name])
                except ValueError:
                    pass
        try:
            return Settings(**values).clean()
        except TypeError:
            return Settings()

    def save_settings(self, settings: Settings) -> None:
        rows = [(k, json.dumps(v)) for k, v in asdict(settings.clean()).items()]
        with self._transaction() as conn:
            conn.executemany("INSERT INTO settings(key, value) VALUES(?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", rows)

    # --- best scores -------------------------------------------------------------------------
    def best(self, song: str, member: str, difficulty: str) -> Best | None:
        row = self.conn.execute("SELECT song, member, difficulty, score, grade, accuracy, max_combo, stars, full_combo, "
                                "plays, date FROM best_scores WHERE song=? AND member=? AND difficulty=?",
                                (song, member, difficulty)).fetchone()
        return _best(row) if row else None

    def bests_for_song(self, song: str) -> list[Best]:
        rows = self.conn.execute("SELECT song, member, difficulty, score, grade, accuracy, max_combo, stars, full_combo, "
                                 "plays, date FROM best_scores WHERE song=? ORDER BY score DESC", (song,)).fetchall()
        return [_best(r) for r in rows]

    def record(self, song: str, member: str, difficulty: str, score: int, grade: str, accuracy: float,
               max_combo: int, stars: int = 0, full_combo: bool = False) -> bool:
        """Count a play and keep it if it beats the best; returns True for a new personal best
        (cheers.is_new_best: a score of 0 never is). Only real plays belong here, never the demo."""
        date = time.strftime("%Y-%m-%d %H:%M")
        with self._transaction() as conn:
            row = conn.execute("SELECT score FROM best_scores WHERE song=? AND member=? AND difficulty=?",
                               (song, member, difficulty)).fetchone()
            if row is None:
                conn.execute("INSERT INTO best_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                             (song, member, difficulty, int(score), grade, float(accuracy), int(max_combo), int(stars),
                              int(full_combo), date))
                return is_new_best(int(score), None)
            if is_new_best(int(score), row[0]):
                conn.execute("UPDATE best_scores SET score=?, grade=?, accuracy=?, max_combo=?, stars=?, full_combo=?, "
                             "plays=plays+1, date=? WHERE song=? AND member=? AND difficulty=?",
                             (int(score), grade, float(accuracy), int(max_combo), int(stars), int(full_combo), date,
                              song, member, difficulty))
                return True
            conn.execute("UPDATE best_scores SET plays=plays+1 WHERE song=? AND member=? AND difficulty=?",
                         (song, member, difficulty))
            return False

    def _transaction(self) -> "_Tx":
        return _Tx(self.conn)


class _Tx:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all or nothing."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _best(row: tuple) -> Best:
    return Best(song=row[0], member=row[1], difficulty=row[2], score=int(row[3]), grade=row[4], accuracy=float(row[5]),
                max_combo=int(row[6]), stars=int(row[7]), full_combo=bool(row[8]), plays=int(row[9]), date=row[10])
