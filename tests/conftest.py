"""Shared fixtures. Helpers that tests import live in songkit.py (two conftest modules would clash)."""
from __future__ import annotations

import os

import pytest

from songkit import write_poses

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture(autouse=True)
def player_folder(tmp_path_factory, monkeypatch):
    """Every test gets its own empty user data folder: nothing reads or writes the real player's scores,
    songs or poses (a default pose write makes game.paths.user_poses_dir() there, never in models/poses)."""
    monkeypatch.setenv("KPOP_TRAINER_DATA", str(tmp_path_factory.mktemp("player")))


@pytest.fixture
def poses(tmp_path):
    from game.poselib import load_pose_library

    return load_pose_library(write_poses(tmp_path / "poses"))


@pytest.fixture
def messages_to(monkeypatch):
    """messages_to(module, name) -> list: the message (second argument) of every call to module.name from
    then on, in order; the real function still runs, so the screen is drawn as in play (text.draw,
    camera_view.prompt, ...)."""
    def watch(module, name: str) -> list[str]:
        seen: list[str] = []
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda surface, message, *a, **k: seen.append(message) or real(surface, message, *a, **k))
        return seen
    return watch
