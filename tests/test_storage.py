"""Storage: settings and best scores survive reopening, a kill mid-write, and a corrupt file."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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
