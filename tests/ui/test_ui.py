"""UI pieces: fonts with Hangul, cards for every pose, lists that answer keys and mouse, HUD text."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.paths import POSES_DIR  # noqa: E402
from game.poselib import load_pose_library  # noqa: E402
from game.ui import cards, hud, text  # noqa: E402
from game.ui.widgets import FocusList  # noqa: E402

pygame.init()


def test_font_files_and_licence_ship() -> None:
    for name in text.FILES.values():
        assert (text.FONT_DIR / name).is_file(), name
    assert (text.FONT_DIR / "OFL.txt").is_file()


def test_hangul_renders_as_glyphs_not_boxes() -> None:
    f = text.font(24)
    metrics = f.metrics("지우하트")
    assert all(m is not None for m in metrics)
    assert f.size("지우")[0] > 20


def test_every_pose_has_a_card() -> None:
    lib = load_pose_library(POSES_DIR)
    assert lib.poses
    for pose in lib.poses.values():
        for gold in (False, True):
            card = cards.pose_card(pose, (140, 180), (255, 95, 162), gold, "ko", True)
            assert card.get_size() == (140, 180)
            arr = pygame.surfarray.pixels_alpha(card)
            assert arr.mean() > 100, "the card is drawn"
            del arr


def test_focus_list_keyboard_and_mouse() -> None:
    lst = FocusList(10, pygame.Rect(0, 0, 200, 300), 50, gap=10)
    assert lst.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0)) == ("focus", 1)
    assert lst.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0)) == ("focus", 0)
    assert lst.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0)) is None
    for _ in range(9):
        lst.move(1)
    assert lst.focus == 9 and 9 in lst.visible(), "scrolled to keep the focus visible"
    r = lst.rect(8)
    assert lst.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=r.center)) == ("activate", 8)
    assert lst.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0)) == ("activate", 8)


def test_disabled_items_do_not_activate() -> None:
    lst = FocusList(3, pygame.Rect(0, 0, 200, 300), 50, enabled=lambda i: i != 1)
    lst.move(1)
    assert lst.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0)) is None


def test_offset_text() -> None:
    assert hud.offset_text(0.035) == "+35 ms late"
    assert hud.offset_text(-0.020) == "-20 ms early"
    assert hud.offset_text(0.0) == "on the beat"
    assert hud.offset_text(None) == ""
    assert "늦음" in hud.offset_text(0.05, "ko")


def test_text_fit_and_wrap() -> None:
    long = "A very long song title that never ends " * 3
    fitted = text.fit(long, 20, 200)
    assert fitted.endswith("…") and text.font(20).size(fitted)[0] <= 200
    lines = text.wrap(long, 16, 150, max_lines=2)
    assert len(lines) == 2
