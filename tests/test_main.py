"""main.py: a plain launch of the game skips the tools' parsers; every other command line has them all."""
from __future__ import annotations

import pytest

import main


@pytest.mark.parametrize("argv, plain", [
    ([], True),
    (["--windowed", "--verbose"], True),
    (["--camera", "poses", "--songs-dir", "play"], True),  # option values, not commands
    (["--camera=clip.mp4", "--library=lib"], True),
    (["poses", "train"], False),
    (["--help"], False),
    (["-h"], False),
    (["play", "--song", "x", "--member", "y"], False),
    (["pose"], False),  # a typo: the full parser lists every command in its error
    (["--windowd"], False),
])
def test_plain_launch(argv, plain):
    assert main.plain_launch(argv) is plain


def test_help_lists_the_tools(capsys):
    with pytest.raises(SystemExit):
        main.main(["--help"])
    out = capsys.readouterr().out
    for command in ("play", "check", "progress", "poses", "song"):
        assert command in out.split("{", 1)[1].split("}", 1)[0].split(",")


def test_a_mistyped_command_is_offered_the_tools_too(capsys):
    with pytest.raises(SystemExit):
        main.main(["pose"])
    assert "'poses'" in capsys.readouterr().err
