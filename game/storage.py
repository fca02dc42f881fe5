"""Settings, best scores and every real play (progress) in SQLite in the player's data folder.

Every write is one transaction in WAL mode with synchronous=FULL, so a crash or a kill
mid-write loses nothing committed before it. A corrupt file is moved aside (with a message)
and a fresh one is started: the game never fails to start because of its own save file.

The file carries its layout's version (PRAGMA user_version, SCHEMA_VERSION). A file of an older
or other layout (a table without a column the game now reads) is migrated on opening, keeping
every score it can read; rows it cannot read stay in a table beside it. One unreadable setting
is reset to its default alone, and `message` says which."""
from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from game.paths import user_data_dir
from game.ui.strings import tr

if TYPE_CHECKING:  # game.progress loads the judge and chart code, which the title's first frame must not wait for
    from game.progress import PlayRecord

DB_NAME = "trainer.sqlite3"
ENV_DB = "KPOP_TRAINER_DB"  # a file path; overrides the data folder (tests, portable installs)
LANGUAGES = ("en", "ko")

SCHEMA_VERSION = 4  # 1: best_scores without stars/full_combo/plays (and files before versions: 0); 2: no plays;
# 3: plays without pass_no
_PLAYS_TABLE = """CREATE TABLE IF NOT EXISTS plays (
    id INTEGER PRIMARY KEY AUTOINCREMENT, song TEXT NOT NULL, member TEXT NOT NULL, difficulty TEXT NOT NULL,
    speed REAL NOT NULL DEFAULT 1.0, mode TEXT NOT NULL DEFAULT 'play', score INTEGER NOT NULL, grade TEXT NOT NULL,
    accuracy REAL NOT NULL, max_combo INTEGER NOT NULL, played_at TEXT NOT NULL, pass_no INTEGER)"""
_PLAY_CUES_TABLE = """CREATE TABLE IF NOT EXISTS play_cues (
    play_id INTEGER NOT NULL REFERENCES plays(id), cue INTEGER NOT NULL, cue_time REAL NOT NULL, pose TEXT NOT NULL,
    grade TEXT NOT NULL, offset_ms REAL, held REAL NOT NULL DEFAULT 1.0, PRIMARY KEY (play_id, cue))"""
_SETTINGS_TABLE = "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_BEST_TABLE = """CREATE TABLE IF NOT EXISTS best_scores (
    song TEXT NOT NULL, member TEXT NOT NULL, difficulty TEXT NOT NULL,
    score INTEGER NOT NULL, grade TEXT NOT NULL, accuracy REAL NOT NULL, max_combo INTEGER NOT NULL,
    stars INTEGER NOT NULL DEFAULT 0, full_combo INTEGER NOT NULL DEFAULT 0,
    plays INTEGER NOT NULL DEFAULT 1, date TEXT NOT NULL,
    PRIMARY KEY (song, member, difficulty))"""
_SCHEMA = f"{_SETTINGS_TABLE};\n{_BEST_TABLE};\n{_PLAYS_TABLE};\n{_PLAY_CUES_TABLE};\n"
# Every column of best_scores and what an older row without it gets. None: the row means nothing without it.
_BEST_COLUMNS = {"song": None, "member": None, "difficulty": "'normal'", "score": None, "grade": "''",
                 "accuracy": "0.0", "max_combo": "0", "stars": "0", "full_combo": "0", "plays": "1", "date": "''"}
_SETTINGS_COLUMNS = ("key", "value")


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
    camera_delay_ms: int = 0     # how late the camera picture arrives; subtracted from frames' capture times
    coach_mirror: bool = True    # the coach video mirrored (Just Dance's default), or as filmed
    coach_skeleton: bool = False  # the dancer's skeleton over the coach video (a learning aid; Just Dance shows none)
    replay_pictures: bool = False  # replays keep small camera pictures around each cue (else only the skeleton)

    def clean(self) -> "Settings":
        """Clamp values a hand-edited or older database could hold."""
        return replace(self, audio_offset_ms=int(max(-500, min(500, self.audio_offset_ms))),
                       camera_delay_ms=int(max(-200, min(1000, self.camera_delay_ms))),
                       music_volume=float(max(0.0, min(1.0, self.music_volume))),
                       sfx_volume=float(max(0.0, min(1.0, self.sfx_volume))),
                       language=self.language if self.language in LANGUAGES else "en",
                       camera=_camera(self.camera), timing_scale=float(max(0.5, min(2.0, self.timing_scale))),
                       fullscreen=bool(self.fullscreen), mirror=bool(self.mirror),
                       coach_mirror=bool(self.coach_mirror), coach_skeleton=bool(self.coach_skeleton),
                       replay_pictures=bool(self.replay_pictures))


def _as_type_of(default: object, value: object, name: str) -> object:
    """`value` as a setting of `default`'s type, or ValueError: 1 for a bool is true, "0.5" for a
    number is 0.5, but "loud" is no volume and "yes" no switch (bool("no") would be True)."""
    if name == "camera":
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            return value
    elif isinstance(default, bool):
        if isinstance(value, bool) or value in (0, 1):
            return bool(value)
    elif isinstance(default, (int, float)):
        number = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
        if number is not None and number == number and abs(number) != float("inf"):
            return int(round(number)) if isinstance(default, int) else number
    elif isinstance(default, str):
        if isinstance(value, str) and (name != "language" or value in LANGUAGES):
            return value
    raise ValueError(f"{name}: {value!r} is not a {type(default).__name__}")


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
        self._migrate(conn)
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Bring any earlier (or foreign) layout to SCHEMA_VERSION in one transaction, keeping what it can."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        notes = []
        with _Tx(conn):
            have = _columns(conn, "best_scores")
            if have and not set(_BEST_COLUMNS) <= have:  # a column the game reads is missing (more is a newer game's)
                notes.append(_rebuild_best_scores(conn, version))
            have = _columns(conn, "settings")
            if have and not set(_SETTINGS_COLUMNS) <= have:
                aside = f"settings_layout_{version}"
                conn.execute(f"ALTER TABLE settings RENAME TO {aside}")
                notes.append(f"settings of an unknown layout were kept in table {aside} and start from defaults")
            conn.execute(_SETTINGS_TABLE)  # one by one: executescript would commit mid-transaction
            conn.execute(_BEST_TABLE)
            conn.execute(_PLAYS_TABLE)  # version 3: every play, kept beside the bests (which stay as they were)
            if "pass_no" not in _columns(conn, "plays"):  # version 4: a practice pass's number (older plays: NULL)
                conn.execute("ALTER TABLE plays ADD COLUMN pass_no INTEGER")
            conn.execute(_PLAY_CUES_TABLE)
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if notes:
            print(f"warning: the save file {self.path} was of an older layout and was updated: {'; '.join(notes)}")
            if any("unread" in n or "unknown layout" in n for n in notes):  # a clean update needs no word on screen
                self._say(tr("save_kept_aside", _language(conn)), echo=False)

    def _say(self, message: str, echo: bool = True) -> None:
        """A one-off message for the player (the title screen shows it) and the terminal."""
        if echo:
            print(f"warning: {message}")
        self.message = message if not self.message else f"{self.message} {message}"

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
        """The saved settings. One that cannot be read (`music_volume: "loud"`) is reset to its
        default alone, and `message` names it; every other setting is kept."""
        stored = dict(self.conn.execute("SELECT key, value FROM settings").fetchall())
        settings, reset = Settings(), []
        for f in fields(Settings):
            if f.name not in stored:
                continue
            try:
                value = _as_type_of(getattr(settings, f.name), json.loads(stored[f.name]), f.name)
                settings = replace(settings, **{f.name: value}).clean()
            except (ValueError, TypeError, OverflowError):
                reset.append((f.name, stored[f.name], getattr(Settings(), f.name)))
        if reset:  # written back, so the message is said once
            self.save_settings(settings)
        for name, value, default in reset:
            self._say(tr("setting_reset", settings.language).format(name=name, value=value[:40], default=json.dumps(default)))
        return settings

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
        from game.cheers import is_new_best  # here, not at the top: the title's first frame opens the save file

        date = time.strftime("%Y-%m-%d %H:%M")
        with self._transaction() as conn:
            row = conn.execute("SELECT score FROM best_scores WHERE song=? AND member=? AND difficulty=?",
                               (song, member, difficulty)).fetchone()
            if row is None:
                conn.execute("INSERT INTO best_scores (song, member, difficulty, score, grade, accuracy, max_combo, stars, "
                             "full_combo, plays, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
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

    # --- every play (progress) ---------------------------------------------------------------
    def record_play(self, play: PlayRecord) -> int:
        """Keep one real play with its per-cue results (never the demo or autoplay); returns its id."""
        with self._transaction() as conn:
            cur = conn.execute("INSERT INTO plays (song, member, difficulty, speed, mode, score, grade, accuracy, max_combo, "
                               "played_at, pass_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (play.song, play.member, play.difficulty, float(play.speed), play.mode, int(play.score),
                                play.grade, float(play.accuracy), int(play.max_combo), play.played_at, play.pass_no))
            play_id = int(cur.lastrowid)
            conn.executemany("INSERT INTO play_cues VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [(play_id, c.index, c.time, c.pose, c.grade, c.offset_ms, c.held) for c in play.cues])
        return play_id

    def plays(self, song: str | None = None) -> list[PlayRecord]:
        """Every recorded play (of one song, or all), oldest first, with its cues."""
        from game.progress import CueResult, PlayRecord

        where, args = ("WHERE song = ?", (song,)) if song else ("", ())
        rows = self.conn.execute("SELECT id, song, member, difficulty, speed, mode, score, grade, accuracy, max_combo, "
                                 f"played_at, pass_no FROM plays {where} ORDER BY played_at, id", args).fetchall()
        cues: dict[int, list[CueResult]] = {}
        for r in self.conn.execute("SELECT play_id, cue, cue_time, pose, grade, offset_ms, held FROM play_cues "
                                   "ORDER BY play_id, cue"):
            cues.setdefault(r[0], []).append(CueResult(int(r[1]), float(r[2]), r[3], r[4],
                                                       None if r[5] is None else float(r[5]), float(r[6])))
        return [PlayRecord(r[1], r[2], r[3], float(r[4]), r[5], int(r[6]), r[7], float(r[8]), int(r[9]), r[10],
                           tuple(cues.get(r[0], ())), int(r[0]), None if r[11] is None else int(r[11])) for r in rows]

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


def _language(conn: sqlite3.Connection) -> str:
    """The player's language as saved (for messages given before the settings are loaded)."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'language'").fetchone()
        return json.loads(row[0]) if row and json.loads(row[0]) in LANGUAGES else "en"
    except (sqlite3.Error, ValueError, TypeError):
        return "en"


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """The columns a table has (empty when there is no such table)."""
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _rebuild_best_scores(conn: sqlite3.Connection, version: int) -> str:
    """Copy best_scores of another layout into the current one; returns what was done, in words.

    Columns the old table lacks get the defaults in _BEST_COLUMNS; of two rows that now share a
    key (an old layout without difficulty), the higher score is kept and the plays added up. A
    table without song, member or score cannot be read: it is kept beside the new one, untouched."""
    have = _columns(conn, "best_scores")
    aside = f"best_scores_layout_{version}"
    conn.execute(f"ALTER TABLE best_scores RENAME TO {aside}")
    conn.execute(_BEST_TABLE)
    missing = [c for c, default in _BEST_COLUMNS.items() if default is None and c not in have]
    if missing:
        return f"its scores lack {', '.join(missing)} and were kept unread in table {aside}"
    select = ", ".join(f"COALESCE({c}, {d})" if c in have and d is not None else (c if c in have else d)
                       for c, d in _BEST_COLUMNS.items())
    rows = conn.execute(f"SELECT {select} FROM {aside} WHERE song IS NOT NULL AND member IS NOT NULL "
                        f"AND score IS NOT NULL ORDER BY score").fetchall()
    for row in rows:  # lowest first: a higher score with the same key replaces it, and the plays add up
        conn.execute("INSERT INTO best_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT(song, member, difficulty) DO UPDATE SET score=excluded.score, grade=excluded.grade, "
                     "accuracy=excluded.accuracy, max_combo=excluded.max_combo, stars=excluded.stars, "
                     "full_combo=excluded.full_combo, plays=plays + excluded.plays, date=excluded.date", row)
    conn.execute(f"DROP TABLE {aside}")
    return f"{len(rows)} best score{'s' if len(rows) != 1 else ''} kept"


def _best(row: tuple) -> Best:
    return Best(song=row[0], member=row[1], difficulty=row[2], score=int(row[3]), grade=row[4], accuracy=float(row[5]),
                max_combo=int(row[6]), stars=int(row[7]), full_combo=bool(row[8]), plays=int(row[9]), date=row[10])
