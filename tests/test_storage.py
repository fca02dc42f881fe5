"""Storage: settings and best scores survive reopening, a kill mid-write, and a corrupt file."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dataclasses import replace

from game.storage import ENV_DB, Settings, Storage, default_path

REPO = Path(__file__).resolve().parents[1]


def test_settings_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    store = Storage(db)
    assert store.load_settings() == Settings()
    wanted = Settings(audio_offset_ms=-40, music_volume=0.5, sfx_volume=0.25, fullscreen=True, language="ko",
                      camera=1, mirror=False, difficulty="hard", timing_scale=1.25)
    store.save_settings(wanted)
    store.close()
    assert Storage(db).load_settings() == wanted


def test_settings_are_clamped(tmp_path: Path) -> None:
    store = Storage(tmp_path / "s.sqlite3")
    store.save_settings(Settings(audio_offset_ms=9999, music_volume=3.0, language="fr"))
    got = store.load_settings()
    assert got.audio_offset_ms == 500 and got.music_volume == 1.0 and got.language == "en"


def test_best_scores_keep_the_best(tmp_path: Path) -> None:
    store = Storage(tmp_path / "s.sqlite3")
    assert store.best("song", "jiwoo", "normal") is None
    assert store.record("song", "jiwoo", "normal", 500_000, "B", 0.81, 20, 2)
    assert not store.record("song", "jiwoo", "normal", 400_000, "C", 0.7, 10, 2)
    assert store.record("song", "jiwoo", "normal", 900_000, "S", 0.96, 60, 5, True)
    best = store.best("song", "jiwoo", "normal")
    assert best is not None and best.score == 900_000 and best.grade == "S" and best.full_combo and best.plays == 3
    assert store.best("song", "jiwoo", "hard") is None
    store.record("song", "minho", "easy", 100, "D", 0.1, 1)
    assert [b.member for b in store.bests_for_song("song")] == ["jiwoo", "minho"]


def test_env_var_overrides_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"


def test_corrupt_file_is_moved_aside(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "s.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    store = Storage(db)
    assert store.message and "moved" in store.message
    assert store.load_settings() == Settings()
    store.record("a", "b", "normal", 1, "D", 0.0, 0)
    assert list(tmp_path.glob("s.sqlite3.corrupt-*")), "the damaged file is kept for the player"
    assert "warning" in capsys.readouterr().out


def test_kill_mid_write_keeps_what_was_saved(tmp_path: Path) -> None:
    """A process killed in the middle of a transaction loses only that transaction."""
    db = tmp_path / "s.sqlite3"
    store = Storage(db)
    store.record("song", "jiwoo", "normal", 700_000, "B", 0.85, 30)
    store.close()
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(REPO)!r})
        from game.storage import Storage
        s = Storage({str(db)!r})
        s.conn.execute("BEGIN IMMEDIATE")
        s.conn.execute("UPDATE best_scores SET score = 1")
        s.conn.execute("INSERT INTO settings VALUES ('language', '\\"ko\\"')")
        os._exit(9)  # dies without committing, as a crash or kill would
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 9, result.stderr
    again = Storage(db)
    assert again.message is None
    best = again.best("song", "jiwoo", "normal")
    assert best is not None and best.score == 700_000
    assert again.load_settings().language == "en"


def test_unopenable_path_plays_on_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = Storage(blocker / "sub" / "s.sqlite3")  # parent is a file: cannot create the folder
    assert store.message
    store.record("a", "b", "normal", 5, "D", 0.1, 1)
    assert store.best("a", "b", "normal").score == 5


def test_camera_setting_keeps_an_index_or_a_video_path():
    from game.storage import Settings

    assert Settings(camera="3").clean().camera == 3
    assert Settings(camera=42).clean().camera == 9
    assert Settings(camera="~/Videos/dance.mp4").clean().camera == "~/Videos/dance.mp4"
    assert Settings(camera=None).clean().camera == 0


# --- saved data survives its own history ------------------------------------------------------------

V1_LAYOUT = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE best_scores (song TEXT NOT NULL, member TEXT NOT NULL, difficulty TEXT NOT NULL,
    score INTEGER NOT NULL, grade TEXT NOT NULL, accuracy REAL NOT NULL, max_combo INTEGER NOT NULL,
    date TEXT NOT NULL, PRIMARY KEY (song, member, difficulty));
"""


def _old_file(path: Path, layout: str, rows: str = "") -> Path:
    import sqlite3

    conn = sqlite3.connect(str(path))
    conn.executescript(layout + rows)
    conn.commit()
    conn.close()
    return path


def _version(store: Storage) -> int:
    return store.conn.execute("PRAGMA user_version").fetchone()[0]


def test_a_new_file_carries_the_schema_version(tmp_path: Path) -> None:
    from game.storage import SCHEMA_VERSION

    store = Storage(tmp_path / "new.sqlite3")
    assert _version(store) == SCHEMA_VERSION and store.message is None


def test_an_older_layout_is_migrated_and_keeps_its_scores(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from game.storage import SCHEMA_VERSION

    db = _old_file(tmp_path / "old.sqlite3", V1_LAYOUT,
                   "INSERT INTO best_scores VALUES ('song', 'ari', 'hard', 640000, 'C', 0.72, 31, '2025-03-01 10:00');")
    store = Storage(db)
    best, = store.bests_for_song("song")  # the query that crashed song select: "no such column: stars"
    assert (best.score, best.grade, best.max_combo, best.date) == (640000, "C", 31, "2025-03-01 10:00")
    assert (best.stars, best.full_combo, best.plays) == (0, False, 1)
    assert _version(store) == SCHEMA_VERSION and "older layout" in capsys.readouterr().out
    assert store.message is None  # nothing lost: nothing for the player to read
    assert store.record("song", "ari", "hard", 700000, "C", 0.75, 40, 2) and store.best("song", "ari", "hard").plays == 2
    store.close()
    again = Storage(db)
    assert again.message is None and again.best("song", "ari", "hard").score == 700000  # migrated once


def test_a_layout_without_difficulty_keeps_the_higher_score(tmp_path: Path) -> None:
    db = _old_file(tmp_path / "other.sqlite3",
                   "CREATE TABLE best_scores (song TEXT, member TEXT, score INTEGER, plays INTEGER);",
                   "INSERT INTO best_scores VALUES ('s', 'ari', 300, 2), ('s', 'ari', 900, 1), ('s', 'bo', NULL, 1);")
    best, = Storage(db).bests_for_song("s")
    assert (best.member, best.difficulty, best.score, best.plays) == ("ari", "normal", 900, 3)


def test_scores_that_cannot_be_read_are_kept_aside_not_lost(tmp_path: Path) -> None:
    db = _old_file(tmp_path / "odd.sqlite3", "CREATE TABLE best_scores (tune TEXT, points INTEGER);",
                   "INSERT INTO best_scores VALUES ('s', 5);")
    store = Storage(db)
    assert store.bests_for_song("s") == [] and "kept" in store.message
    assert store.conn.execute("SELECT tune, points FROM best_scores_layout_0").fetchall() == [("s", 5)]


def test_song_select_opens_on_a_save_file_of_an_older_layout(tmp_path: Path) -> None:
    from game.scenes.shots import build_scene, make_app, write_demo_song

    songs = write_demo_song(tmp_path / "songs")
    data = tmp_path / "data"
    data.mkdir()
    _old_file(data / "test.sqlite3", V1_LAYOUT)
    app = make_app(songs, data)
    try:
        song = next(e for e in app.entries if e.song)
        app.storage.conn.execute("INSERT INTO best_scores (song, member, difficulty, score, grade, accuracy, max_combo, "
                                 "date) VALUES (?, ?, 'normal', 5, 'D', 0.1, 1, '')", (song.id, song.song.members[0].id))
        build_scene(app, "song_select")
        app.draw()
    finally:
        app.storage.close()


def test_one_unreadable_setting_is_reset_alone_and_named(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    store = Storage(db)
    store.save_settings(Settings(audio_offset_ms=-40, sfx_volume=0.3, language="ko", fullscreen=True))
    store.conn.execute("""UPDATE settings SET value = '"loud"' WHERE key = 'music_volume'""")
    store.conn.execute("""UPDATE settings SET value = '"yes"' WHERE key = 'mirror'""")  # bool("yes") would be True
    store.close()
    store = Storage(db)
    got = store.load_settings()
    assert (got.audio_offset_ms, got.sfx_volume, got.language, got.fullscreen) == (-40, 0.3, "ko", True)
    assert got.music_volume == Settings().music_volume and got.mirror == Settings().mirror
    assert "music_volume" in store.message and "loud" in store.message and "mirror" in store.message
    assert "fullscreen" not in store.message
    store.close()
    again = Storage(db)
    assert again.load_settings() == got and again.message is None  # said once: the reset was saved


@pytest.mark.parametrize("key, stored, expected", [("music_volume", '"0.5"', 0.5), ("fullscreen", "1", True),
                                                    ("audio_offset_ms", "12.0", 12), ("camera", '"clip.mp4"', "clip.mp4")])
def test_settings_written_a_little_differently_are_still_read(tmp_path: Path, key, stored, expected) -> None:
    store = Storage(tmp_path / "s.sqlite3")
    store.conn.execute("INSERT INTO settings VALUES (?, ?)", (key, stored))
    assert getattr(store.load_settings(), key) == expected and store.message is None


# --- every play is kept (schema 3) ---------------------------------------------------------------

V2_LAYOUT = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE best_scores (song TEXT NOT NULL, member TEXT NOT NULL, difficulty TEXT NOT NULL,
    score INTEGER NOT NULL, grade TEXT NOT NULL, accuracy REAL NOT NULL, max_combo INTEGER NOT NULL,
    stars INTEGER NOT NULL DEFAULT 0, full_combo INTEGER NOT NULL DEFAULT 0,
    plays INTEGER NOT NULL DEFAULT 1, date TEXT NOT NULL, PRIMARY KEY (song, member, difficulty));
PRAGMA user_version = 2;
"""


def test_the_layout_before_progress_migrates_and_keeps_scores_and_settings(tmp_path: Path) -> None:
    from game.progress import CueResult, PlayRecord
    from game.storage import SCHEMA_VERSION

    db = _old_file(tmp_path / "v2.sqlite3", V2_LAYOUT,
                   "INSERT INTO best_scores VALUES ('song', 'ari', 'hard', 640000, 'C', 0.72, 31, 3, 0, 4, '2025-03-01 10:00');"
                   "INSERT INTO settings VALUES ('audio_offset_ms', '-25'), ('language', '\"ko\"');")
    store = Storage(db)
    assert _version(store) == SCHEMA_VERSION == 4 and store.message is None
    best = store.best("song", "ari", "hard")
    assert (best.score, best.stars, best.plays, best.date) == (640000, 3, 4, "2025-03-01 10:00")
    settings = store.load_settings()
    assert (settings.audio_offset_ms, settings.language, settings.camera_delay_ms) == (-25, "ko", 0)
    assert store.plays() == []
    record = PlayRecord("song", "ari", "hard", 0.75, "loop", 700000, "B", 0.8, 12, "2026-03-10 10:00:00",
                        (CueResult(0, 1.5, "heart", "great", -31.0), CueResult(1, 2.5, "v", "miss", None)))
    store.record_play(record)
    store.close()
    again = Storage(db)
    assert again.plays() == [record] and again.plays("other") == []
    assert again.best("song", "ari", "hard").score == 640000  # a play is kept; the best is results.py's decision


def test_camera_delay_setting_round_trips_and_is_clamped(tmp_path: Path) -> None:
    store = Storage(tmp_path / "s.sqlite3")
    store.save_settings(Settings(camera_delay_ms=120))
    assert store.load_settings().camera_delay_ms == 120
    assert Settings(camera_delay_ms=5000).clean().camera_delay_ms == 1000


def test_coach_mirror_defaults_to_mirrored_for_an_older_save_and_round_trips(tmp_path: Path) -> None:
    store = Storage(tmp_path / "s.sqlite3")
    store.save_settings(Settings(mirror=False))
    with store.conn:  # a save file written before the coach setting existed
        store.conn.execute("DELETE FROM settings WHERE key = 'coach_mirror'")
    loaded = store.load_settings()
    assert loaded.coach_mirror is True and loaded.mirror is False
    store.save_settings(Settings(coach_mirror=False))
    assert store.load_settings().coach_mirror is False


def test_replay_pictures_are_off_by_default_even_for_an_older_save_and_round_trip(tmp_path: Path) -> None:
    assert Settings().replay_pictures is False, "replays keep only the skeleton unless the player asks"
    store = Storage(tmp_path / "s.sqlite3")
    store.save_settings(Settings(mirror=False))
    with store.conn:  # a save file written before the replay setting existed
        store.conn.execute("DELETE FROM settings WHERE key = 'replay_pictures'")
    loaded = store.load_settings()
    assert loaded.replay_pictures is False and loaded.mirror is False and store.message is None
    store.save_settings(Settings(replay_pictures=True))
    assert store.load_settings().replay_pictures is True
    with store.conn:  # a hand-edited value that is no switch: reset alone, said once
        store.conn.execute("UPDATE settings SET value = '\"yes\"' WHERE key = 'replay_pictures'")
    assert store.load_settings().replay_pictures is False and "replay_pictures" in (store.message or "")


def test_coach_skeleton_is_off_for_an_older_save_and_round_trips(tmp_path: Path) -> None:
    store = Storage(tmp_path / "s.sqlite3")
    store.save_settings(Settings(coach_mirror=False))
    with store.conn:  # a save file written before the coach's skeleton existed
        store.conn.execute("DELETE FROM settings WHERE key = 'coach_skeleton'")
    loaded = store.load_settings()
    assert loaded.coach_skeleton is False and loaded.coach_mirror is False and store.message is None
    store.save_settings(replace(loaded, coach_skeleton=True))
    assert store.load_settings().coach_skeleton is True


V3_PLAYS = V2_LAYOUT.replace("PRAGMA user_version = 2;", """
CREATE TABLE plays (id INTEGER PRIMARY KEY AUTOINCREMENT, song TEXT NOT NULL, member TEXT NOT NULL, difficulty TEXT NOT NULL,
    speed REAL NOT NULL DEFAULT 1.0, mode TEXT NOT NULL DEFAULT 'play', score INTEGER NOT NULL, grade TEXT NOT NULL,
    accuracy REAL NOT NULL, max_combo INTEGER NOT NULL, played_at TEXT NOT NULL);
CREATE TABLE play_cues (play_id INTEGER NOT NULL REFERENCES plays(id), cue INTEGER NOT NULL, cue_time REAL NOT NULL,
    pose TEXT NOT NULL, grade TEXT NOT NULL, offset_ms REAL, held REAL NOT NULL DEFAULT 1.0, PRIMARY KEY (play_id, cue));
PRAGMA user_version = 3;
""")


def test_plays_saved_before_pass_numbers_keep_and_new_passes_keep_their_number(tmp_path: Path) -> None:
    """Schema 4 adds each practice pass's number: a v3 file's plays read with none, new ones keep theirs."""
    from game.progress import PlayRecord
    from game.storage import SCHEMA_VERSION

    db = _old_file(tmp_path / "v3.sqlite3", V3_PLAYS,
                   "INSERT INTO plays (song, member, difficulty, speed, mode, score, grade, accuracy, max_combo, played_at) "
                   "VALUES ('song', 'ari', 'hard', 0.6, 'ramp', 1000, 'D', 0.1, 1, '2026-03-10 10:00:00');")
    store = Storage(db)
    assert _version(store) == SCHEMA_VERSION == 4 and store.message is None
    (old,) = store.plays()
    assert old.mode == "ramp" and old.pass_no is None
    second = PlayRecord("song", "ari", "hard", 0.7, "ramp", 2000, "D", 0.2, 1, "2026-03-10 10:01:00", pass_no=2)
    store.record_play(second)
    store.close()
    assert [p.pass_no for p in Storage(db).plays()] == [None, 2]
