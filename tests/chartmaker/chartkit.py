"""Helpers the chart-making tests import (not named conftest: tests/conftest.py owns that name).
Generated audio and video come from the song-import tests' audiokit."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "tests" / "songimport"))

from audiokit import drums, write_video  # noqa: E402,F401


def data_path(*parts: str) -> Path:
    """A path in ../shared/data, or skip the test saying what is missing."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared test data (../shared/data beside the repository) is absent")
    return path
