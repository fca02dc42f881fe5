"""Where the game finds its data (checkout or installed) and which song folders it loads."""
from __future__ import annotations

from pathlib import Path

from songkit import write_song

from game import paths
from game.cli_play import find_chart
from game.songfolder import scan_songs

CHART = """\
member: ari
cues:
  - {beat: 4, pose: arms_up}
"""


def test_song_dirs_are_shipped_then_own_then_extra(tmp_path, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_DATA", str(tmp_path / "data"))
    extra = tmp_path / "more"
    assert paths.song_dirs() == [paths.SONGS_DIR, tmp_path / "data" / "songs"]
    assert paths.song_dirs(extra) == [paths.SONGS_DIR, tmp_path / "data" / "songs", extra]
    # --songs-dir songs/ (the shipped folder again) is not loaded twice
    assert paths.song_dirs(paths.SONGS_DIR) == [paths.SONGS_DIR, tmp_path / "data" / "songs"]


def test_songs_of_every_folder_are_loaded_and_a_later_folder_wins(tmp_path, poses):
    shipped, own = tmp_path / "shipped", tmp_path / "own"
    write_song(shipped / "alpha", CHART)
    write_song(shipped / "beta", CHART)
    write_song(own / "beta", CHART.replace("beat: 4", "beat: 6"))  # the player's edited copy of beta
    write_song(own / "gamma", CHART)
    entries = scan_songs([shipped, own, tmp_path / "missing"], poses)
    assert [(e.id, e.folder.parent.name) for e in entries] == [("alpha", "shipped"), ("beta", "own"), ("gamma", "own")]
    assert scan_songs(shipped, poses)[1].folder == shipped / "beta"  # one folder, as before


def test_songs_dir_adds_to_the_shipped_songs(tmp_path, monkeypatch):
    """`--songs-dir DIR` (headless play and the window both use song_dirs) keeps the shipped songs."""
    from game.poselib import load_pose_library

    monkeypatch.setenv("KPOP_TRAINER_DATA", str(tmp_path / "data"))
    write_song(tmp_path / "mine" / "my-song", "member: ari\ncues:\n  - {beat: 4, pose: big_v}\n")
    library = load_pose_library(paths.POSES_DIR)
    shipped_id = sorted(p.name for p in paths.SONGS_DIR.iterdir() if (p / "song.yaml").is_file())[0]
    folders = paths.song_dirs(tmp_path / "mine")
    assert find_chart(folders, "my-song", "ari", None, library).song_id == "my-song"
    shipped = [e for e in scan_songs(folders, library) if e.id == shipped_id]
    assert shipped and shipped[0].song is not None


def test_the_players_own_folder_is_always_loaded(tmp_path, monkeypatch):
    from game.poselib import load_pose_library

    monkeypatch.setenv("KPOP_TRAINER_DATA", str(tmp_path / "data"))
    write_song(paths.user_songs_dir() / "own-song", "member: ari\ncues:\n  - {beat: 4, pose: big_v}\n")
    chart = find_chart(paths.song_dirs(), "own-song", "ari", None, load_pose_library(paths.POSES_DIR))
    assert chart.song_id == "own-song"


def test_data_root_is_the_checkout_or_the_installed_copy(tmp_path, monkeypatch):
    checkout, installed = tmp_path / "checkout", tmp_path / "site" / "game" / "shipped"
    (checkout / "songs").mkdir(parents=True)
    (installed / "songs").mkdir(parents=True)
    monkeypatch.setattr(paths, "REPO_ROOT", checkout)
    monkeypatch.setattr(paths, "INSTALLED_DATA", installed)
    assert paths._data_root() == checkout
    monkeypatch.setattr(paths, "REPO_ROOT", tmp_path / "site")  # installed: site-packages has no songs/
    assert paths._data_root() == installed
    assert Path(paths.SONGS_DIR).is_dir() and paths.MESSAGES_FILE.is_file()


def test_a_songs_dir_that_does_not_exist_is_named(tmp_path, capsys):
    import main

    assert main.main(["--songs-dir", str(tmp_path / "nope"), "play", "--song", "x", "--member", "y", "--headless",
                      "--autoplay"]) == 2
    assert f"--songs-dir {tmp_path / 'nope'}: no such folder" in capsys.readouterr().err
