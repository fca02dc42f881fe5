"""What a new player noticed on the menus: a stray click starting a song, difficulties that look
choosable but are not, "Me / Me", a video camera lost in Settings, the V typed into the path field,
"Try the camera again" that seemed to do nothing, "webcam 0" on a machine without one."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.pose import service as ps  # noqa: E402
from game.scenes import camera_shots as cs  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.scenes.shots import first_chart  # noqa: E402

SCREENS = Path("/tmp/screens3")


def _key(key: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)


def _click(pos) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos)


def _save(app, name: str) -> pygame.Surface:
    SCREENS.mkdir(parents=True, exist_ok=True)
    surface = app.draw().copy()
    pygame.image.save(surface, str(SCREENS / f"{name}.png"))
    return surface


def _member_select(app):
    from game.scenes.member_select import MemberSelectScene
    from game.scenes.song_select import SongSelectScene
    from game.scenes.title import TitleScene

    song = first_chart(app)[0]
    app.reset_to(TitleScene(app))
    app.push(SongSelectScene(app))
    app.push(MemberSelectScene(app, song))
    return app.top


# --- member select -------------------------------------------------------------------------------

def test_first_click_selects_a_member_and_the_second_starts(app):
    scene = _member_select(app)
    other = scene.list.rect(1).center
    app.step(1 / 60, [pygame.event.Event(pygame.MOUSEMOTION, pos=other, rel=(0, 0), buttons=(0, 0, 0))])
    assert scene.list.focus == 0, "hovering does not choose"
    app.step(1 / 60, [_click(other)])
    assert app.top is scene and scene.list.focus == 1, "one click selects, it does not start the song"
    _save(app, "member_selected_by_click")
    app.step(1 / 60, [_click(other)])
    assert isinstance(app.top, PlayScene) and app.top.member.id == scene.song.members[1].id


def test_a_difficulty_without_a_chart_is_shown_disabled_with_the_reason(app):
    scene = _member_select(app)
    app.settings = replace(app.settings, language="ko")
    scene.list.focus = 1  # minho: a normal chart only
    assert list(scene.member.charts) == ["normal"]
    app.draw()
    app.step(1 / 60, [_click(scene.diff_rects["hard"].center)])
    assert scene.chosen_difficulty() == "normal"
    assert scene.notice and scene.notice[1] == "민호: 어려움 차트가 없어요"
    surface = _save(app, "member_difficulty_missing-ko")
    app.step(1 / 60, [_key(pygame.K_UP)])
    assert scene.chosen_difficulty() == "normal" and "쉬움" in scene.notice[1]
    disabled, enabled = scene.diff_rects["hard"], scene.diff_rects["normal"]
    assert surface.get_at(enabled.center) != surface.get_at(disabled.center), "a chart that is there looks different"


def test_a_member_without_a_korean_name_is_named_once(app, tmp_path, messages_to):
    from game.ui import text

    scene = _member_select(app)
    scene.song.members[1].__dict__["name_ko"] = ""  # a fan's song with no Korean name for this member
    drawn = messages_to(text, "draw")
    app.settings = replace(app.settings, language="ko")
    app.draw()
    assert drawn.count("Minho") == 1


def test_member_cards_show_whole_pose_names(app, monkeypatch):
    from game.ui import cards, text

    scene = _member_select(app)
    cards._cards.clear()
    cut = []
    real = text.fit

    def recording_fit(label, *args, **kwargs):
        out = real(label, *args, **kwargs)
        if out != label:
            cut.append(label)
        return out

    monkeypatch.setattr(text, "fit", recording_fit)
    app.draw()
    names = {app.poses[c.pose].name for c in scene.member.charts[scene.chosen_difficulty()].cues}
    assert any(len(n) > 12 for n in names), "the chart has a long pose name to show"
    assert not [n for n in cut if n in names], "no pose name is cut with an ellipsis"


# --- settings ------------------------------------------------------------------------------------

def _settings(app):
    from game.scenes.settings import ROWS, SettingsScene

    app.push(SettingsScene(app))
    scene = app.top
    scene.list.focus = ROWS.index("camera")
    return scene


def test_left_on_a_video_camera_keeps_the_video(app):
    video = "/home/me/Videos/a very long name for my dance practice video.mp4"
    app.camera = video  # --camera VIDEO
    scene = _settings(app)
    app.step(1 / 60, [_key(pygame.K_LEFT)])
    assert app.camera_source() == video, "← on the video stays on the video"
    app.step(1 / 60, [_key(pygame.K_RIGHT)])
    assert app.camera_source() == 0 and app.settings.camera == 0
    app.step(1 / 60, [_key(pygame.K_LEFT)])
    assert app.camera_source() == video and app.storage.load_settings().camera == video, "and ← goes back to it"
    from game.ui import text

    drawn = []
    real = text.draw

    def recording_draw(surface, label, *args, **kwargs):
        drawn.append((label, real(surface, label, *args, **kwargs)))
        return drawn[-1][1]

    text.draw = recording_draw
    try:
        _save(app, "settings_video_camera")
    finally:
        text.draw = real
    minus, plus = scene.arrows[scene.list.focus]
    value = [rect for label, rect in drawn if label.startswith("a very long")]
    assert value and minus.right < value[0].left and value[0].right < plus.left, "the file name stays between the arrows"


def test_settings_in_korean(app):
    app.settings = replace(app.settings, language="ko")
    scene = _settings(app)
    assert scene.value_text("fullscreen") in ("켜짐", "꺼짐") and scene.value_text("timing_scale").startswith("표준")


# --- the camera screen ---------------------------------------------------------------------------

def _no_camera(app):
    from game.scenes.camera_check import CameraCheckScene, begin_play

    app.pose_service = cs.fixed_service(ps.READY)
    app.camera = "9"
    song, member, difficulty = first_chart(app)
    begin_play(app, song, member, difficulty)
    app.step(1 / 60)
    assert isinstance(app.top, CameraCheckScene) and app.top.error
    return app.top


def test_the_v_that_opens_the_path_field_is_not_typed_into_it(app):
    scene = _no_camera(app)
    app.step(1 / 60, [_key(pygame.K_v, "v"), pygame.event.Event(pygame.TEXTINPUT, text="v")])
    assert scene.typing is not None and scene.typing.value == ""
    app.step(1 / 60, [pygame.event.Event(pygame.TEXTINPUT, text=c) for c in "v.mp4"])
    assert scene.typing.value == "v.mp4", "a v typed later is typed"


def test_try_again_shows_that_it_tried(app):
    scene = _no_camera(app)
    scene.choose("try_again")
    app.step(0.1)
    assert scene.error is None, "the trying screen shows for a moment"
    _save(app, "camera_trying_again")
    app.step(0.6)
    assert scene.error and scene.attempts == 2
    app.settings = replace(app.settings, language="ko")
    app.step(1.0)
    shown = []
    from game.ui import text
    real = text.draw
    text.draw = lambda surface, label, *a, **k: shown.append(label) or real(surface, label, *a, **k)
    try:
        _save(app, "camera_tried_twice-ko")
    finally:
        text.draw = real
    assert any(s.startswith("2번 시도했지만") for s in shown)
    assert "이 컴퓨터에서 웹캠을 찾지 못했어요." in shown


def test_a_webcam_that_is_not_there_is_not_named_as_if_it_were(tmp_path):
    from game.ui.pose_status import webcam_present

    (tmp_path / "video0").touch()
    assert webcam_present(0, tmp_path) in (True, None) and webcam_present(1, tmp_path) in (False, None)
    assert webcam_present("clip.mp4", tmp_path) is None


def test_title_says_when_there_is_no_webcam(app, monkeypatch):
    from game.ui import pose_status

    monkeypatch.setattr(pose_status, "webcam_present", lambda source, dev=None: False)
    assert pose_status.camera_text(0, "en") == ("no webcam found", False)
    monkeypatch.setattr(pose_status, "webcam_present", lambda source, dev=None: True)
    assert pose_status.camera_text(0, "ko") == ("웹캠 0", True)
    assert pose_status.camera_text("/x/dance.mp4", "ko") == ("dance.mp4", True)


def test_member_rows_share_one_fill_so_only_the_focused_song_looks_selected(app) -> None:
    """A member's colour is its dot, never its row's fill (a yellow member's row read as picked)."""
    from game.scenes.shots import build_scene
    from game.ui import theme

    scene = build_scene(app, "song_select")
    song = scene.entry.song
    app.step(0.0)
    x, y = 610 + 30, 112 + 26 + 196 + 28  # the detail panel's first member row (song_select._draw_detail)
    fills = [app.canvas.get_at((x + 300, y + 58 * k + 3))[:3] for k in range(min(4, len(song.members)))]
    assert len(song.members) >= 2 and len(set(fills)) == 1 and fills[0] == theme.PANEL_HI


def test_the_settings_list_shows_a_scrollbar_when_rows_are_hidden(app):
    """More rows than fit: a scrollbar beside the list says there is more above or below."""
    from game.ui import theme

    scene = _settings(app)
    assert len(scene.list.visible()) < scene.list.count, "the list is longer than its area"
    x = scene.list.area.right + 8 + 3
    column = lambda: {app.canvas.get_at((x, y))[:3] for y in range(scene.list.area.y, scene.list.area.bottom)}
    app.draw()
    assert theme.VIOLET in column()  # the thumb
    scene.list.focus = scene.list.count - 1
    scene.list.scroll = scene.list.count - len(scene.list.visible())
    app.draw()
    assert theme.VIOLET in column()
