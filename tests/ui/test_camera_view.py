"""The camera picture zooms on the player to fill its panel (game/ui/camera_view.py)."""
from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.ui.camera_view import FULL, MIN_CROP, crop_pixels, crop_points, ease_crop, fit_rect, follow_crop

PANEL = (578, 286)


def body(x0: float, x1: float, y0: float, y1: float) -> np.ndarray:
    """33 visible landmarks spread over a box (normalised)."""
    pts = np.zeros((33, 4), np.float32)
    pts[:, 0] = np.linspace(x0, x1, 33)
    pts[:, 1] = np.linspace(y0, y1, 33)
    pts[:, 3] = 1.0
    return pts


def test_nobody_tracked_shows_the_whole_frame():
    assert follow_crop(None, (640, 480), PANEL) == FULL
    few = body(0.4, 0.6, 0.2, 0.8)
    few[7:, 3] = 0.0  # seven joints seen: not enough to say where the body is
    assert follow_crop(few, (640, 480), PANEL) == FULL


def test_a_small_dancer_is_zoomed_on_with_head_and_feet_room_and_the_picture_fills_more_of_the_panel():
    pts = body(0.45, 0.55, 0.45, 0.9)  # far from the camera: under half the frame's height
    x, y, w, h = follow_crop(pts, (640, 480), PANEL)
    assert h == pytest.approx(MIN_CROP) or h < 0.75
    assert y <= 0.45 - 0.05 and y + h >= 0.9, "head and feet stay in the picture"
    assert x <= 0.45 and x + w >= 0.55 and 0 <= x and x + w <= 1.0 + 1e-9 and y + h <= 1.0 + 1e-9
    shown = fit_rect(crop_pixels((x, y, w, h), (640, 480))[2:], pygame.Rect(0, 0, *PANEL))
    whole = fit_rect((640, 480), pygame.Rect(0, 0, *PANEL))
    assert shown.w > whole.w * 1.3, "the picture takes more of the panel than the whole 4:3 frame would"
    assert abs(shown.w / shown.h - (w * 640) / (h * 480)) < 0.02, "never stretched"


def test_a_dancer_filling_the_frame_keeps_the_whole_frame():
    assert follow_crop(body(0.2, 0.8, 0.02, 0.98), (640, 480), PANEL) == pytest.approx(FULL, abs=1e-6)


def test_the_zoom_glides_on_frame_time():
    target = (0.2, 0.2, 0.6, 0.6)
    half = ease_crop(FULL, target, 0.5)
    assert 0 < half[0] < 0.2 and ease_crop(FULL, target, 0.0) == FULL
    assert ease_crop(FULL, target, 10.0) == pytest.approx(target, abs=1e-3)


def test_landmarks_follow_the_crop():
    pts = body(0.5, 0.5, 0.5, 0.5)
    moved = crop_points(pts, (0.25, 0.25, 0.5, 0.5))
    assert moved[0, 0] == pytest.approx(0.5) and moved[0, 1] == pytest.approx(0.5)
    assert crop_points(pts, (0.5, 0.5, 0.5, 0.5))[0, 0] == pytest.approx(0.0)


def test_a_miss_hint_goes_at_the_top_of_the_picture_off_the_legs():
    from game.ui.camera_view import prompt

    pygame.font.init()
    surface = pygame.Surface((1280, 720))
    picture = pygame.Rect(384, 146, 578, 286)
    top = prompt(surface, "Raise your left arm", picture, icon="x", top=True)
    bottom = prompt(surface, "Step back", picture)
    assert picture.contains(top) and picture.contains(bottom)
    assert top.y - picture.y <= 12 and top.bottom < picture.centery, "in the upper half, clear of the legs"
    assert picture.bottom - bottom.bottom <= 12
