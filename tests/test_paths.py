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


# --- the player's pose library (user_poses_dir, default_poses_dir, player_poses_dir) ------------------------

def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _fake_shipped(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped library standing in for it, so a test can play an update without touching models/poses."""
    import shutil

    shipped = tmp_path / "shipped-poses"
    shutil.copytree(paths.POSES_DIR, shipped)
    monkeypatch.setattr(paths, "POSES_DIR", shipped)
    return shipped


def test_default_library_is_the_shipped_one_until_the_first_write():
    before = _bytes(paths.POSES_DIR)
    said: list[str] = []
    assert paths.default_poses_dir() == paths.POSES_DIR and not paths.user_poses_dir().exists()
    library = paths.player_poses_dir(say=said.append)
    assert library == paths.user_poses_dir() == paths.default_poses_dir()
    copied = _bytes(library)
    assert {k: v for k, v in copied.items() if k != paths.OFFERED_FILE} == before, "the whole library, classifier too"
    assert said == [f"Your poses are kept in {library}; game updates never change them "
                    f"(to work on the shipped library instead, give --library {paths.POSES_DIR})"]
    assert paths.player_poses_dir(say=said.append) == library and len(said) == 1, "said once"
    assert not [p for p in library.parent.iterdir() if p.name.startswith(".poses-")], "no staging folder left"
    assert _bytes(paths.POSES_DIR) == before


def test_a_fresh_copy_is_a_trained_library_that_is_not_stale():
    from game.pose.classifier import PoseClassifier

    library = paths.player_poses_dir()
    clf = PoseClassifier(library)
    assert clf.stale is None and "--library" not in clf.rebuild_command


def test_a_pose_new_in_an_update_is_offered_once_and_makes_the_model_stale(tmp_path, monkeypatch):
    from game.pose.classifier import PoseClassifier

    shipped = _fake_shipped(tmp_path, monkeypatch)
    library = paths.player_poses_dir()
    model = (library / "classifier.tflite").read_bytes()
    changed = (library / "big_v.yaml").read_text(encoding="utf-8").replace("Big V", "My V")
    (library / "big_v.yaml").write_text(changed, encoding="utf-8")  # the player's own edit
    (library / "shrug.yaml").unlink()  # the player deleted a shipped pose
    # the update: a new pose, and new versions of the two the player changed or deleted
    (shipped / "spin.yaml").write_text((shipped / "salute.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (shipped / "big_v.yaml").write_text("# updated\n" + (shipped / "big_v.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (shipped / "shrug.yaml").write_text("# updated\n" + (shipped / "shrug.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert paths.default_poses_dir() == library
    assert (library / "spin.yaml").read_bytes() == (shipped / "spin.yaml").read_bytes()
    assert (library / "big_v.yaml").read_text(encoding="utf-8") == changed, "the player's edit is kept"
    assert not (library / "shrug.yaml").exists(), "a pose the player deleted does not come back"
    assert (library / "classifier.tflite").read_bytes() == model, "the player's classifier is never overwritten"
    assert "changed since" in PoseClassifier(library).stale, "the title screen offers the retrain"
    (library / "spin.yaml").unlink()  # the player does not want the new one either
    assert paths.offer_shipped_poses(library) == [] and not (library / "spin.yaml").exists()


def test_a_players_pose_with_a_new_shipped_id_is_not_overwritten(tmp_path, monkeypatch):
    shipped = _fake_shipped(tmp_path, monkeypatch)
    library = paths.player_poses_dir()
    (library / "spin.yaml").write_text("name: My Spin\n", encoding="utf-8")
    (shipped / "spin.yaml").write_text((shipped / "salute.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert paths.offer_shipped_poses(library) == []
    assert (library / "spin.yaml").read_text(encoding="utf-8") == "name: My Spin\n"


def test_an_unwritable_user_folder_is_named(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KPOP_TRAINER_DATA", str(blocker))
    assert paths.default_poses_dir() == paths.POSES_DIR
    import pytest

    with pytest.raises(OSError):
        paths.player_poses_dir()


def test_train_args_name_the_library_unless_it_is_the_default():
    from game.pose.library import train_args

    assert train_args(None) == ["poses", "train"]
    assert train_args(paths.user_poses_dir()) == ["poses", "train"]
    assert train_args(paths.POSES_DIR) == ["poses", "train", "--library", str(paths.POSES_DIR)]


def test_the_game_loads_the_players_library_once_there_is_one():
    from game.app import App
    from game.pose.service import PoseService

    service = PoseService()
    assert service.library_dir == paths.POSES_DIR
    assert service.default_train_command()[-2:] == ["poses", "train"], "a retrain makes the player's library"
    app = App(window=False)
    assert app.library == paths.POSES_DIR
    library = paths.player_poses_dir()
    assert service.library_dir == library and App(window=False).library == library
    elsewhere = Path("/somewhere/poses")
    assert PoseService(elsewhere).library_dir == elsewhere and App(window=False, library=elsewhere).library == elsewhere


def test_a_retrain_that_made_the_library_says_where_it_is():
    from game.pose.service import Retrain

    job = Retrain.__new__(Retrain)
    job.step, job.epochs, job.progress, job.last_line = None, None, None, ""
    job._take("step 1/3 (examples): reading poses")
    assert not job.made_library
    job._take("Your poses are kept in /x/poses; game updates never change them")
    assert job.made_library


def test_poses_add_writes_into_the_players_copy_and_library_means_exactly_that_folder(tmp_path, capsys):
    from tests.pose.conftest import data_path

    import main

    photo = data_path("mediapipe-reference", "pose.jpg")
    shipped = _bytes(paths.POSES_DIR)
    lib = tmp_path / "lib"
    lib.mkdir()
    assert main.main(["poses", "add", "warrior", "--image", str(photo), "--library", str(lib)]) == 0
    assert (lib / "warrior.yaml").is_file() and not paths.user_poses_dir().exists(), "--library is exactly that folder"
    assert f"now run: python main.py poses train --library {lib}" in capsys.readouterr().out
    assert main.main(["poses", "add", "warrior", "--image", str(photo)]) == 0
    out, err = capsys.readouterr()
    own = paths.user_poses_dir()
    assert (own / "warrior.yaml").is_file() and (own / "big_v.yaml").is_file()
    assert f"Your poses are kept in {own}" in err and "now run: python main.py poses train\n" in out
    assert _bytes(paths.POSES_DIR) == shipped and not (paths.POSES_DIR / "warrior.yaml").exists()
    assert main.main(["check", str(paths.SONGS_DIR)]) == 0  # the shipped charts check against the player's library
