"""The player's picture (game/ui/camera_panel.py): each camera frame converted once, and the one thing
to do to be seen said under it (the video ran out, too dark, step in, step back)."""
from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.pose.capture import Frame
from game.pose.tracker import TrackedFrame
from game.ui import camera_view
from game.ui.camera_panel import NO_FRAME_SIZE, CameraPanel
from game.ui.play_layout import PICTURE
from game.ui.strings import tr


def _tracked(status: str = "ok", level: int = 110, t: float = 0.0) -> TrackedFrame:
    return TrackedFrame(Frame(np.full((480, 640, 3), level, np.uint8), t, 0), None, status, None, 5.0)


def _prompts(monkeypatch, panel: CameraPanel, tracked: TrackedFrame, **kw) -> list[str]:
    said: list[str] = []
    real = camera_view.prompt
    monkeypatch.setattr(camera_view, "prompt", lambda s, message, *a, **k: said.append(message) or real(s, message, *a, **k))
    options = dict(mirror=True, colour=(255, 95, 162), off=frozenset(), tip=None, video_ended_at=None, language="en")
    panel.draw_video(pygame.Surface((1280, 720)), tracked, **{**options, **kw})
    return said


def test_a_frame_is_converted_once_and_reused_until_the_next():
    panel, surface = CameraPanel(), pygame.Surface((1280, 720))
    assert panel.video_rect(None) == camera_view.fit_rect(NO_FRAME_SIZE, PICTURE)
    first = _tracked()
    options = dict(mirror=True, colour=(255, 95, 162), off=frozenset(), tip=None, video_ended_at=None, language="en")
    panel.draw_video(surface, first, **options)
    picture = panel.shown[1]
    panel.draw_video(surface, first, **options)
    assert panel.shown[1] is picture
    panel.draw_video(surface, _tracked(t=1 / 30), **options)
    assert panel.shown[1] is not picture
    assert PICTURE.contains(panel.video_rect(first))


@pytest.mark.parametrize("status, level, key", [("nobody", 4, "too_dark"), ("nobody", 110, "step_in"),
                                                ("partial", 110, "step_back"), ("ok", 110, None)])
def test_what_to_do_to_be_seen(monkeypatch, status, level, key):
    said = _prompts(monkeypatch, CameraPanel(), _tracked(status, level))
    assert said == ([tr(key)] if key else [])


def test_a_video_that_ran_out_says_so_before_anything_else(monkeypatch):
    said = _prompts(monkeypatch, CameraPanel(), _tracked("nobody", 4), video_ended_at=12.5, tip="Raise your left arm")
    assert said == ["Raise your left arm", tr("video_ended").format(t=12.5)]
