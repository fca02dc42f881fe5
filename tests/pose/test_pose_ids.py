"""Pose ids (game/pose/library.py pose_id, `poses add`): any script is a name; ids YAML reads as
something other than text (no, on, true, 123) are refused, since a chart could use them only quoted."""
from __future__ import annotations

import unicodedata

import pytest

from game.pose.cli import add_arguments, run
from game.pose.library import add_pose_from_images, pose_id


@pytest.mark.parametrize("name, pid", [
    ("하트 팔", "하트_팔"), (unicodedata.normalize("NFD", "하트 팔"), "하트_팔"), ("Ärm Hoch", "ärm_hoch"),
    ("Point Up-Left!", "point_up_left"), ("V サイン", "v_サイン"),
])
def test_names_in_any_script_make_ids(name, pid):
    assert pose_id(name) == pid


@pytest.mark.parametrize("name", ["no", "On", "YES", "off", "true", "Null", "123", "1:30", "1e3"])
def test_add_refuses_ids_a_chart_could_use_only_quoted(tmp_path, name):
    with pytest.raises(ValueError, match="only in quotes") as err:
        add_pose_from_images(tmp_path, name, [tmp_path / "x.jpg"])
    assert "choose another name" in str(err.value)
    assert not list(tmp_path.glob("*.yaml")), "nothing written"


def test_the_command_says_so_in_one_line(tmp_path, capsys):
    import argparse

    parser = argparse.ArgumentParser()
    add_arguments(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["poses", "add", "no", "--image", str(tmp_path / "x.jpg"), "--library", str(tmp_path)])
    assert run(args) == 1
    err = capsys.readouterr().err
    assert "'no'" in err and "false" in err and "Traceback" not in err
