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


@pytest.fixture()
def backdrop(monkeypatch: pytest.MonkeyPatch):
    """Records the backgrounds the scenes draw; calling it gives the last one (the default stage
    when none was drawn), to compare a screenshot with: a scene that drew only that looks the same."""
    from game.ui import draw

    original = draw.background
    calls: list[tuple] = []

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(draw, "background", recording)

    def last(size: tuple[int, int]):
        args, kwargs = calls[-1] if calls else ((size,), {})
        return original(*args, **kwargs)

    return last


@pytest.fixture
def said(messages_to):
    """Every string drawn with game.ui.text.draw."""
    from game.ui import text

    return messages_to(text, "draw")


@pytest.fixture(autouse=True)
def stretch_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Music slowed for a practice (the practice_results screenshot too) goes to a temp folder, never the user's cache."""
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))
