"""Song select's "Add a song" (game/scenes/add_song.py): the form, the bar while the import runs on
its thread, every error in the field it is about in both languages, then the new song selected."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pygame
import pytest
import soundfile

from game.paths import user_songs_dir
from game.scenes.add_song import AddSongScene, failure_text
from game.scenes.song_select import SongSelectScene
from game.songimport.cli import STAGES
from game.songimport.job import ImportFailure
from game.ui import theme
from game.ui.strings import STRINGS

REASONS = ("missing", "unreadable", "no_sound", "codec", "empty", "too_short", "silent", "no_beat", "write",
           "video_missing", "video_bad", "video_copy")
FIELDS = {"codec": {"codec": "wmapro"}, "too_short": {"seconds": "3.0", "minimum": "10"}, "write": {"error": "Disk full"},
          "video_copy": {"error": "Disk full"}}


@pytest.fixture()
def add_app(tmp_path, monkeypatch):
    """An app whose songs folder is the player's own (user_songs_dir(), under tmp_path)."""
    from game.scenes.shots import make_app

    monkeypatch.setenv("KPOP_TRAINER_DATA", str(tmp_path / "data"))
    user_songs_dir().mkdir(parents=True)
    application = make_app(user_songs_dir(), tmp_path)
    yield application
    while application.scenes:
        application.scenes.pop().leave()
    application.storage.close()


def key(k: int, text: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=text)


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def open_form(app, text: str = "a") -> AddSongScene:
    app.push(SongSelectScene(app))
    app.step(0.1, [key(pygame.K_a, text), typed(text)])  # SDL sends the A as text too: not typed into the field
    assert isinstance(app.top, AddSongScene)
    return app.top


def with_language(app, language: str) -> None:
    from dataclasses import replace

    app.settings = replace(app.settings, language=language)


@pytest.mark.parametrize("layout", ["a", "ㅁ"])
def test_a_or_the_button_opens_the_form_with_nothing_typed(add_app, layout):
    scene = open_form(add_app, layout)  # on a Korean keyboard layout the A key types ㅁ
    assert scene.inputs["audio"].value == "" and scene.songs_dir == user_songs_dir()
    add_app.step(0.1, [typed("/")])
    assert scene.inputs["audio"].value == "/", "what is typed next goes in"
    scene.inputs["audio"].value = ""
    add_app.step(0.1, [key(pygame.K_ESCAPE)])
    assert isinstance(add_app.top, SongSelectScene)
    button = add_app.top.add_rect.center
    add_app.step(0.1, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=button), typed("s")])
    assert isinstance(add_app.top, AddSongScene) and add_app.top.inputs["audio"].value == "s", "a click types nothing"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_nothing_typed_or_no_such_file_is_said_at_once_in_the_field(add_app, language, tmp_path):
    with_language(add_app, language)
    scene = open_form(add_app)
    add_app.step(0.1, [key(pygame.K_RETURN)])
    assert scene.errors == {"audio": STRINGS["type_audio_first"][language == "ko"]} and scene.job is None
    add_app.step(0.1, [typed(str(tmp_path / "no-such-song.mp3")), key(pygame.K_TAB), typed(str(tmp_path / "gone.mp4")),
                       key(pygame.K_RETURN)])
    assert scene.job is None, "nothing starts while a path is wrong"
    assert "no-such-song.mp3" in scene.errors["audio"] and "gone.mp4" in scene.errors["video"]
    assert scene.errors["audio"] == STRINGS["import_missing"][language == "ko"].format(file="no-such-song.mp3")
    assert scene.field == "audio", "the focus goes to the first field that is wrong"
    scene.inputs["audio"].value = str(tmp_path)
    scene.start()
    assert scene.errors["audio"] == STRINGS["import_folder"][language == "ko"].format(file=tmp_path.name)
    scene.inputs["audio"].value = ""
    add_app.step(0.1, [typed("x")])
    assert "audio" not in scene.errors and "video" in scene.errors, "typing in a field clears its own error"


@pytest.mark.parametrize("reason", REASONS)
def test_every_failure_names_the_file_and_the_remedy_in_both_languages(reason):
    failure = ImportFailure(reason, Path("/music/My Song.mp3"), dict(FIELDS.get(reason, {})), "english message")
    en, ko = failure_text(failure, "en"), failure_text(failure, "ko")
    assert en != ko and "{" not in en + ko and "english message" not in en + ko
    name = "/music/My Song.mp3" if reason == "write" else "My Song.mp3"
    assert name in en and name in ko
    for value in FIELDS.get(reason, {}).values():
        assert value in en and value in ko


def test_a_failure_the_screen_cannot_cause_keeps_the_command_lines_words():
    failure = ImportFailure("", Path("a.mp3"), {}, "a.mp3: the import failed (ZeroDivisionError())")
    assert failure_text(failure, "ko") == "가져오지 못했어요: a.mp3: the import failed (ZeroDivisionError())"


def test_every_stage_of_the_bar_has_words():
    assert [s for s in (*STAGES, "video") if f"stage_{s}" not in STRINGS] == []


def test_the_bar_follows_the_import_and_the_screen_keeps_drawing(add_app, tmp_path):
    gate = threading.Event()

    def halfway(source, songs_dir, show_progress, progress):
        progress(0.5)
        gate.wait(10)
        raise RuntimeError("stopped by the test")

    scene = open_form(add_app)
    scene.run = halfway
    song = tmp_path / "song.wav"
    song.write_bytes(b"only its existence is checked before the worker starts")
    add_app.step(0.1, [typed(str(song)), key(pygame.K_RETURN)])
    assert scene.job is not None
    deadline = time.time() + 5
    while scene.job.fraction < 0.5 and time.time() < deadline:
        time.sleep(0.01)
    add_app.step(0.1, [key(pygame.K_ESCAPE)])  # nothing stops an import halfway: the screen stays
    assert add_app.top is scene and scene.instructions() == []
    canvas = add_app.canvas
    bar_y = 112 + 200 + 11
    filled, empty = canvas.get_at((100 + 1080 // 4, bar_y))[:3], canvas.get_at((100 + 1080 * 3 // 4, bar_y))[:3]
    assert filled == theme.CYAN and empty != theme.CYAN
    gate.set()
    scene.job.wait(5)
    add_app.step(0.1)
    assert "RuntimeError" in scene.errors["audio"] and scene.job is None, "a failed import gives the form back"


def test_a_song_added_for_real_is_selected_as_no_chart_yet(add_app, tmp_path):
    from tests.songimport.audiokit import drums

    mono, _ = drums(seconds=16.0, sample_rate=22050)
    source = tmp_path / "Neon Night.wav"
    soundfile.write(source, np.stack([mono, mono], axis=1), 22050)
    scene = open_form(add_app)
    add_app.step(0.1, [typed(str(source)), key(pygame.K_RETURN)])
    assert scene.job is not None and scene.errors == {}
    assert scene.job.wait(120), "the import ends"
    add_app.step(0.1)
    select = add_app.top
    assert isinstance(select, SongSelectScene) and select.entry.id == "neon-night"
    assert select.entry.song is None and select.entry.uncharted.title == "Neon Night"
    assert (user_songs_dir() / "neon-night" / "audio.ogg").is_file()
    add_app.step(0.1)
    pygame.image.save(add_app.canvas, str(tmp_path / "song_select_new.png"))
    item = select.list.rect(select.list.focus)
    assert add_app.canvas.get_at((item.x + 12, item.centery))[:3] == theme.GOLD, "marked as waiting for a chart, not broken"
