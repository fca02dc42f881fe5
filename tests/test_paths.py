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


def _actions(parser):
    """Every argument of a parser and of its subcommands, recursively."""
    import argparse

    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _actions(sub)


def test_every_path_on_the_command_line_expands_the_home_folder(monkeypatch, tmp_path):
    from main import build_parser

    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.user_path("~/Music/My Song.mp3") == tmp_path / "Music" / "My Song.mp3"
    assert paths.camera_arg("1") == "1" and paths.camera_arg("~/clip.mp4") == str(tmp_path / "clip.mp4")
    parser = build_parser()
    assert not [a.dest for a in _actions(parser) if a.type is Path], "a path argument without user_path: '~' stays"
    args = parser.parse_args(["song", "new", "~/Music/My Song.mp3", "--songs-dir", "~/songs"])
    assert (args.source, args.songs_dir) == (tmp_path / "Music" / "My Song.mp3", tmp_path / "songs")
    args = parser.parse_args(["play", "--song", "s", "--member", "m", "--camera", "~/dance.mp4", "--library", "~/lib"])
    assert (args.camera, args.library) == (str(tmp_path / "dance.mp4"), tmp_path / "lib")
    args = parser.parse_args(["poses", "add", "wave", "--video", "~/v.mp4", "--at", "1"])
    assert args.video == tmp_path / "v.mp4"
    assert parser.parse_args(["check", "~/songs/x"]).paths == [tmp_path / "songs" / "x"]
    assert parser.parse_args(["chart", "from-video", "~/d.mp4", "--song", "s", "--member", "m"]).video == tmp_path / "d.mp4"
