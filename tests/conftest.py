"""Shared fixtures. Helpers that tests import live in songkit.py (two conftest modules would clash)."""
from __future__ import annotations

import os

import pytest

from songkit import write_poses

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture
def poses(tmp_path):
    from game.poselib import load_pose_library

    return load_pose_library(write_poses(tmp_path / "poses"))
