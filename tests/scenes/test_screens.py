"""Every scene renders headless to a PNG that draws more than its background, with its key regions drawn; navigation works."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from songkit import colour_count, drawn_share  # noqa: E402

from game.scenes.base import Scene  # noqa: E402
from game.scenes.shots import SCENES, build_scene, render_scene_png  # noqa: E402
from game.ui import theme  # noqa: E402

DRAWN = 0.10  # share of the screen (above the instruction bar) a scene draws over its background, at least


def _key(key: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


@pytest.mark.parametrize("name", SCENES)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_scene_renders(app, backdrop, tmp_path: Path, name: str, language: str) -> None:
    from dataclasses import replace

    app.settings = replace(app.settings, language=language)
    path = tmp_path / f"{name}-{language}.png"
    surface = render_scene_png(name, path, app)
    assert path.is_file() and path.stat().st_size > 10_000
    assert surface.get_size() == (theme.WIDTH, theme.HEIGHT)
    share = drawn_share(surface, backdrop(surface.get_size()))
    assert share > DRAWN, f"only {share:.1%} of the screen differs from the bare background"
    bar = pygame.Rect(0, theme.HEIGHT - 40, 500, 40)
    assert colour_count(surface, bar) > 20, "the instruction bar is drawn"


class BackgroundOnly(Scene):
    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.VIOLET)
        self.draw_instructions(surface)


def test_a_scene_that_draws_only_its_background_fails_the_check(app, backdrop) -> None:
    app.push(BackgroundOnly(app))
    app.step(0.0)
    surface = app.canvas.copy()
    assert drawn_share(surface, backdrop(surface.get_size())) < 0.001 < DRAWN
    assert colour_count(surface, surface.get_rect()) > 200, "why the old colour count could not tell"


def test_play_regions_are_drawn(app, tmp_path: Path) -> None:
    from game.ui.play_layout import CAMERA, GUIDE, SCORE, TIMELINE

    surface = render_scene_png("play", tmp_path / "p.png", app)
    for region in (TIMELINE, GUIDE, CAMERA, SCORE):
        assert colour_count(surface, region) > 40, region
    scene = app.top
    assert scene.session.judgements, "the autoplayer has been judged by the time of the screenshot"
    assert scene.popup is not None


def test_song_select_lists_broken_songs(app) -> None:
    scene = build_scene(app, "song_select")
    broken = [e for e in scene.entries if e.song is None]
    assert broken and broken[0].problems, "the broken song is listed with its reasons"
    scene.list.focus = scene.entries.index(broken[0])
    app.step(0.0, [_key(pygame.K_RETURN)])
    assert app.top is scene, "a broken song cannot be started"


def test_keyboard_path_from_title_to_play_and_pause(app) -> None:
    build_scene(app, "title")
    app.step(1 / 60, [_key(pygame.K_RETURN)])
    assert type(app.top).__name__ == "SongSelectScene"
    scene = app.top
    scene.list.focus = next(i for i, e in enumerate(scene.entries) if e.song)
    app.step(1 / 60, [_key(pygame.K_RETURN)])
    assert type(app.top).__name__ == "MemberSelectScene"
    app.step(1 / 60, [_key(pygame.K_RIGHT), _key(pygame.K_LEFT), _key(pygame.K_RETURN)])
    assert type(app.top).__name__ == "PlayScene"
    for _ in range(5):
        app.step(1 / 60)
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])
    assert type(app.top).__name__ == "PauseScene"
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])
    assert type(app.top).__name__ == "PlayScene", "paused in the 3-2-1 before the song: that count-in goes on, no second one"
    play = app.top
    while play.now < 0.5:
        app.step(1 / 60)
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])
    assert type(app.top).__name__ == "ResumeCountIn", "the music resumes after a 3-2-1 count-in"
    for _ in range(120):
        app.step(1 / 60)
    assert type(app.top).__name__ == "PlayScene"
    app.step(1 / 60, [pygame.event.Event(pygame.WINDOWFOCUSLOST)])
    assert type(app.top).__name__ == "PauseScene", "losing focus pauses"
    app.step(1 / 60, [_key(pygame.K_DOWN), _key(pygame.K_DOWN), _key(pygame.K_RETURN)])
    assert type(app.top).__name__ == "SongSelectScene", "quit goes back to the song list"


def test_mouse_click_on_menu(app) -> None:
    scene = build_scene(app, "title")
    settings_rect = scene.menu.rect(scene.ITEMS.index("settings"))
    app.step(1 / 60, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=settings_rect.center)])
    assert type(app.top).__name__ == "SettingsScene"
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])
    assert app.top is scene


def test_results_of_the_demo_are_not_saved(app) -> None:
    scene = build_scene(app, "results")  # the autoplay demo: a real play is saved (tests/scenes/test_results.py)
    assert scene.session.score.score == 1_000_000 and not scene.new_best
    assert app.storage.best(scene.song.id, scene.member.id, scene.difficulty) is None
    assert len(scene.offsets) == len(scene.session.chart.cues)


def test_settings_change_and_persist(app) -> None:
    scene = build_scene(app, "settings")
    app.step(1 / 60, [_key(pygame.K_RIGHT), _key(pygame.K_RIGHT, pygame.KMOD_SHIFT)])
    assert app.settings.audio_offset_ms == 6
    assert app.storage.load_settings().audio_offset_ms == 6
    scene.list.focus = 4  # language
    app.step(1 / 60, [_key(pygame.K_RIGHT)])
    assert app.storage.load_settings().language == "ko"


def test_whole_song_plays_to_results(app) -> None:
    from game.scenes.play import play_to

    scene = build_scene(app, "play", t=0.0)
    play_to(scene, 10_000.0)
    assert scene.finished
    assert type(app.top).__name__ == "ResultsScene"
    assert app.top.session.score.full_combo


def test_the_screenshot_scripts_keep_library_chatter_off_the_terminal_like_the_game(monkeypatch) -> None:
    from game import quiet
    from game.scenes import shots

    calls = []
    monkeypatch.setattr(quiet, "quiet_libraries", lambda log: calls.append(log))
    assert shots.quiet_unless_verbose(["/tmp/x", "--verbose"]) == ["/tmp/x"] and calls == []
    assert shots.quiet_unless_verbose(["/tmp/x"]) == ["/tmp/x"] and calls[0].name == "libraries.log"


@pytest.mark.parametrize("module", ["shots", "camera_shots", "progress_shots"])
def test_the_screenshot_scripts_answer_help_without_writing_a_folder(module, tmp_path, monkeypatch, capsys) -> None:
    import importlib

    tool = importlib.import_module(f"game.scenes.{module}")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("game.quiet.quiet_libraries", lambda log: None)
    for argv, code in ((["--help"], 0), (["--only", "no_such_screen"], 2), (["out", "--bogus"], 2)):
        with pytest.raises(SystemExit) as stop:
            tool.main(argv)
        assert stop.value.code == code
    printed = capsys.readouterr()
    assert "folder for the PNGs" in printed.out and "no_such_screen" in printed.err
    assert list(tmp_path.iterdir()) == [], "no folder named --help (or anything else) is made"


def test_every_screen_the_readme_promises_has_a_shot() -> None:
    assert {"add_song", "cue_review", "song_select_new"} <= set(SCENES)
