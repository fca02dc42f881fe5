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


PLACEHOLDER = "\ue000"  # a private-use character no font draws: what a missing glyph looks like


def _pixels(f: pygame.font.Font, ch: str) -> tuple:
    """What a font draws for one character (size and pixels): comparable with its placeholder box."""
    surface = f.render(ch, True, (255, 255, 255), (0, 0, 0))
    return surface.get_size(), pygame.image.tobytes(surface, "RGB")


def _boxes(f: pygame.font.Font, chars: str) -> list[str]:
    """The characters a font draws as its placeholder box (pygame 2.6 gives missing glyphs the box's
    metrics, so metrics() cannot tell: the pixels can)."""
    box = _pixels(f, PLACEHOLDER)
    return [ch for ch in chars if not ch.isspace() and _pixels(f, ch) == box]


def test_the_placeholder_check_can_fail() -> None:
    latin_only = pygame.font.Font(None, 24)  # pygame's own font has no Hangul
    assert _boxes(latin_only, "지우") == ["지", "우"] and _boxes(latin_only, "Ab") == []
    assert _pixels(text.font(24), "\ue001") == _pixels(text.font(24), PLACEHOLDER)  # every missing glyph: one box


def test_hangul_renders_as_glyphs_not_boxes() -> None:
    from game.ui.strings import STRINGS

    korean = "".join(sorted({ch for _, ko in STRINGS.values() for ch in ko if ord(ch) > 0x3000}))
    assert len(korean) > 100
    for weight in text.FILES:
        assert _boxes(text.font(24, weight), "지우하트" + korean) == [], weight


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


def test_an_overlays_instruction_bar_hides_the_bar_beneath() -> None:
    from game.ui.widgets import instruction_bar

    alone = pygame.Surface((1280, 720))
    instruction_bar(alone, [("Esc", "Resume")])
    stacked = pygame.Surface((1280, 720))
    instruction_bar(stacked, [("P", "Practice"), ("Esc", "Back"), ("Enter", "Select")], "a note beneath")
    instruction_bar(stacked, [("Esc", "Resume")])  # the overlay's own bar, drawn over the screen's
    band = pygame.Rect(0, 680, 1280, 40)
    assert pygame.image.tobytes(alone.subsurface(band), "RGB") == pygame.image.tobytes(stacked.subsurface(band), "RGB")
