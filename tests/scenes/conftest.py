"""Fixtures for the screen tests: a demo song and an App without a window."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_songs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from game.scenes.shots import write_demo_song

    return write_demo_song(tmp_path_factory.mktemp("songs"))


@pytest.fixture()
def app(demo_songs: Path, tmp_path: Path):
    from game.scenes.shots import make_app

    application = make_app(demo_songs, tmp_path)
    yield application
    while application.scenes:
        application.scenes.pop().leave()
    application.storage.close()
