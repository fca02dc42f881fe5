"""The play screen's pieces do not cover each other: cheers and judgements stay out of the
player's picture and off the chips, the miss hint stays inside the picture, wrong limbs are tape."""
from __future__ import annotations

import os
from types import SimpleNamespace

import numpy as np
import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.cheers import Cheer  # noqa: E402
from game.hints import Hint  # noqa: E402
from game.pose.capture import Frame  # noqa: E402
from game.pose.tracker import TrackedFrame  # noqa: E402
from game.scenes import camera_shots as cs  # noqa: E402
from game.scenes import play as play_mod  # noqa: E402
from game.scenes.shots import first_chart  # noqa: E402
from game.ui import camera_view, draw, hud, theme  # noqa: E402
from game.ui.play_layout import CAMERA, PAUSE_BUTTON, PICTURE  # noqa: E402

LONG_HINT = Hint("in", "right_forearm")  # the longest hint there is


def _standing(width: int = 640, height: int = 480) -> TrackedFrame:
    """A frame with a dancer standing small in the middle (landmarks only; the picture is grey)."""
    from game.poselib import skeleton_points

    pts = np.zeros((33, 4), np.float32)
    pts[:, :2] = 0.5
    joints = skeleton_points({"left_upper_arm": 90, "left_forearm": 90, "right_upper_arm": 20, "right_forearm": 20,
                              "left_thigh": 5, "left_shin": 0, "right_thigh": 5, "right_shin": 0, "torso": 0, "head": 0})
    for name, i in camera_view._INDEX.items():
        x, y = joints[name]
        pts[i] = (0.5 + x * 0.09, 0.55 + y * 0.09, 0.0, 1.0)
    image = np.full((height, width, 3), 110, np.uint8)
    return TrackedFrame(Frame(image, 0.0, 0), SimpleNamespace(points=pts), "ok", None, 5.0)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_feedback_stays_off_the_player_and_the_chips(app, monkeypatch, language):
    from dataclasses import replace

    app.settings = replace(app.settings, language=language)
    song, member, difficulty = first_chart(app)
    live = cs.StillLive(_standing(), "a very long video file name recorded on my phone.mp4")
    scene = play_mod.PlayScene(app, song, member, difficulty, virtual=True, live=live)
    app.push(scene)
    play_mod.play_to(scene, 2.0)
    scene.tracked = live.latest
    scene.cheer = (scene.now, Cheer("combo", "12 in a row! You're on fire! Idol level!", "12연속! 불타오르네요! 아이돌 실력이에요!"))
    scene.popup = hud.Popup(scene.now, "PERFECT", theme.GOLD, "+35 ms late")
    scene.miss_feedback = (scene.now, frozenset({"left_upper_arm", "left_forearm"}), LONG_HINT)
    drawn: dict[str, list[pygame.Rect]] = {"chip": [], "cheer": [], "prompt": []}
    for module, name, key in ((draw, "chip", "chip"), (hud, "cheer_toast", "cheer"), (camera_view, "prompt", "prompt")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _key=key, **k: drawn[_key].append(_real(*a, **k)) or drawn[_key][-1])
    scene.static = None
    surface = app.draw().copy()
    pygame.image.save(surface, f"/tmp/screens2/play_layout-{language}.png") if os.path.isdir("/tmp/screens2") else None
    picture = scene.camera_panel.video_rect(scene.tracked)
    whole = camera_view.fit_rect((640, 480), PICTURE)
    assert picture.w > whole.w * 1.25, "the picture is zoomed on the player and fills more of its panel"
    (cheer,) = drawn["cheer"]
    assert not cheer.colliderect(picture) and CAMERA.contains(cheer)
    assert not any(cheer.colliderect(chip) for chip in drawn["chip"])
    assert not cheer.colliderect(PAUSE_BUTTON)
    (hint,) = drawn["prompt"]
    assert picture.contains(hint), "the hint pill is no wider than the picture"
    tape = [tuple(surface.get_at((x, y)))[:3] for x in range(picture.x, picture.right, 2) for y in range(picture.y, picture.bottom, 2)]
    assert theme.WRONG in tape and theme.WRONG_STRIPE in tape, "wrong limbs are red-and-white tape"


def test_no_member_may_wear_the_wrong_limb_red(tmp_path):
    from game.chart import reserved_colour_problem

    assert reserved_colour_problem((250, 40, 45)) and "#ff2020" in reserved_colour_problem((250, 40, 45))
    for colour in ((255, 95, 162), (255, 112, 67), (79, 195, 255), (255, 213, 79)):  # the shipped members
        assert reserved_colour_problem(colour) is None
