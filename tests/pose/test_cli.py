"""The 'poses' command line: add, train, classify, eval, and clear errors without tracebacks."""
from __future__ import annotations

import argparse
import json
import shutil

import pytest

from game.pose import cli
from tests.pose.conftest import data_path
from tests.pose.test_train import write_library


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(["poses", *argv]))


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = write_library(tmp_path_factory.mktemp("cli") / "poses")
    photo = data_path("mediapipe-reference", "pose.jpg")
    assert run(["add", "warrior", "--image", str(photo), "--library", str(lib)]) == 0
    assert run(["train", "--epochs", "8", "--library", str(lib)]) == 0
    return lib


def test_classify_prints_json_lines(library, capsys):
    photo = data_path("mediapipe-reference", "pose.jpg")
    capsys.readouterr()
    assert run(["classify", str(photo), "--library", str(library)]) == 0
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["image"] == str(photo) and line["pose"] == "warrior"
    assert line["top"][0][0] == "warrior" and len(line["top"]) == 3


def test_add_either_side_and_classify_a_video_moment(library, tmp_path, capsys):
    """--either-side is written to the pose file; classify --video --at says what play sees."""
    from game.poselib import load_pose_library
    photo = data_path("mediapipe-reference", "pose.jpg")
    lib = tmp_path / "poses"
    assert run(["add", "warrior", "--image", str(photo), "--either-side", "--library", str(lib)]) == 0
    assert run(["add", "warrior_one_side", "--image", str(photo), "--library", str(lib)]) == 0
    poses = load_pose_library(lib)
    assert poses["warrior"].either_side is True and poses["warrior_one_side"].either_side is False
    video = data_path("mediapipe-reference", "pose_squats.mp4")
    capsys.readouterr()
    assert run(["classify", "--video", str(video), "--at", "2.0", "--library", str(library)]) == 0
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["at"] == 2.0 and abs(line["t"] - 2.0) < 0.11 and line["pose"] in (*cli_labels(library), "none")
    assert isinstance(line["unsure_joints"], list)


def cli_labels(library) -> list[str]:
    from game.pose.classifier import PoseClassifier
    return PoseClassifier(library).labels


def test_eval_prints_figures_and_png(library, tmp_path, capsys):
    photo = data_path("mediapipe-reference", "pose.jpg")
    (tmp_path / "warrior").mkdir()
    (tmp_path / "unknown_pose").mkdir()
    shutil.copy(photo, tmp_path / "warrior" / "a.jpg")
    shutil.copy(photo, tmp_path / "unknown_pose" / "b.jpg")
    capsys.readouterr()
    assert run(["eval", "--images", str(tmp_path), "--library", str(library)]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["accuracy"] == 1.0 and out["per_pose"]["warrior"]["recall"] == 1.0
    assert out["no_person"] == 0 and out["outside_library"]["photos"] == 1
    assert len(out["confusion"]["matrix"]) == 4 and (tmp_path / "confusion.png").stat().st_size > 1000


@pytest.mark.parametrize("argv,message", [
    (["classify", "/nonexistent/x.jpg"], "not found"),
    (["add", "x", "--image", "/nonexistent/x.jpg"], "no person found in any image"),
    (["add", "x", "--video", "/nonexistent/v.mp4"], "--at"),
    (["add", "x", "--video", "/nonexistent/v.mp4", "--at", "1"], "video not found"),
    (["classify", "--video", "/nonexistent/v.mp4"], "--at"),
    (["classify"], "give images"),
    (["eval", "--images", "/nonexistent"], "folder not found"),
])
def test_user_errors_are_one_clear_line(library, capsys, argv, message):
    assert run([*argv, "--library", str(library)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_model_names_the_rebuild_command(tmp_path, capsys):
    assert run(["classify", "x.jpg", "--library", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "classifier.tflite" in err and "python main.py poses train --library" in err


def test_add_takes_names_and_hints_or_makes_them_from_the_limbs(tmp_path, capsys):
    from game.poselib import load_pose_library

    photo = data_path("mediapipe-reference", "pose.jpg")
    lib = tmp_path / "poses"
    assert run(["add", "my_move", "--image", str(photo), "--library", str(lib), "--name-ko", "내 동작",
                "--hint", "Like the photo"]) == 0
    pose = load_pose_library(lib)["my_move"]
    assert pose.name_ko == "내 동작" and pose.hint == "Like the photo"
    assert pose.name != "my move" and pose.name[:1].isupper(), "a readable name made from the limbs"
    assert pose.hint_ko, "a Korean hint made from the limbs"
    assert "already exists" not in capsys.readouterr().err
    assert run(["add", "My Move", "--image", str(photo), "--library", str(lib), "--name", "Photo Pose"]) == 0
    err = capsys.readouterr().err
    assert "pose 'my_move' already exists" in err and "1 example(s)" in err and "my_move_2" in err
    again = load_pose_library(lib)["my_move"]
    assert again.name == "Photo Pose" and again.name_ko == "내 동작" and len(again.examples) == 2
