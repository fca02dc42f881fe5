"""game/songscan.py: the song list shows every song it has while one folder is still loading."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from game.songfolder import load_entry
from game.songscan import SongScanner
from songkit import write_song

CHART = "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n  - {at: '2:1', pose: t_pose}\n"


@pytest.fixture
def songs(tmp_path: Path) -> Path:
    for name in ("a-slow", "b-good", "c-good"):
        write_song(tmp_path / "songs" / name, CHART)
    return tmp_path / "songs"


def held_loader(release: threading.Event, slow: str):
    """load_entry, except that the folder `slow` takes until `release` is set (a huge file, say)."""
    def load(folder: Path, poses):
        if folder.name == slow:
            assert release.wait(30)
        return load_entry(folder, poses)
    return load


def test_the_rest_load_while_one_folder_is_slow(songs, poses):
    release = threading.Event()
    scanner = SongScanner(songs, poses, load=held_loader(release, "a-slow"))
    others = threading.Event()
    for _ in range(300):  # wait (at most 30 s) for the two good songs to be in
        entries = scanner.entries()
        if all(e.song for e in entries[1:]):
            others.set()
            break
        others.wait(0.1)
    assert others.is_set(), [e.id for e in scanner.entries() if e.song]
    first = scanner.entries()[0]
    assert first.id == "a-slow" and first.loading and first.song is None and not scanner.done
    release.set()
    assert scanner.wait(30) and scanner.done
    assert [e.id for e in scanner.entries() if e.song] == ["a-slow", "b-good", "c-good"]


def test_a_loader_that_crashes_marks_the_song_broken_not_the_list(songs, poses):
    def load(folder: Path, poses):
        if folder.name == "b-good":
            raise RuntimeError("bug")
        return load_entry(folder, poses)

    scanner = SongScanner(songs, poses, load=load)
    assert scanner.wait(30)
    entries = {e.id: e for e in scanner.entries()}
    assert entries["b-good"].song is None and "bug" in entries["b-good"].problems[0].message
    assert entries["a-slow"].song and entries["c-good"].song


def test_song_select_takes_in_songs_as_they_load(songs, poses, tmp_path):
    """The song list opens at once with a loading entry, and gains the song when it is in."""
    from game.scenes.shots import make_app
    from game.scenes.song_select import SongSelectScene

    app = make_app(songs, tmp_path)
    release = threading.Event()
    app.scanner = SongScanner(songs, poses, load=held_loader(release, "a-slow"))
    scene = SongSelectScene(app, focus_id="a-slow")
    try:
        assert len(scene.entries) == 3
        release.set()
        assert app.scanner.wait(30)
        scene.update(0.0)
        assert [e.id for e in scene.entries if e.song] == ["a-slow", "b-good", "c-good"]
        assert scene.entry.id == "a-slow", "the asked-for song gets the focus once it is loaded"
    finally:
        release.set()
        app.storage.close()
