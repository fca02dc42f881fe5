"""The camera panel: the player's video, mirrored like a selfie, with their skeleton over it.

Frames are BGR numpy arrays from the camera thread; converting one costs a millisecond or two,
so the play scene converts each new frame once and reuses the surface until the next."""
from __future__ import annotations

from typing import Collection

import numpy as np
import pygame

from game.poselib import BONES
from game.ui import draw, text, theme
from game.ui.skeleton import BONE_SEGMENT

Colour = theme.Colour

_INDEX = {"nose": 0, "left_shoulder": 11, "right_shoulder": 12, "left_elbow": 13, "right_elbow": 14,
          "left_wrist": 15, "right_wrist": 16, "left_hip": 23, "right_hip": 24, "left_knee": 25, "right_knee": 26,
          "left_ankle": 27, "right_ankle": 28}
MIN_VISIBILITY = 0.3


def fit_rect(image_size: tuple[int, int], area: pygame.Rect) -> pygame.Rect:
    """The largest rect of the image's aspect ratio centred in area (the whole body stays in view)."""
    w, h = image_size
    k = min(area.w / max(w, 1), area.h / max(h, 1))
    rect = pygame.Rect(0, 0, int(w * k), int(h * k))
    rect.center = area.center
    return rect


def frame_surface(image_bgr: np.ndarray, size: tuple[int, int], mirror: bool) -> pygame.Surface:
    """A BGR frame as a pygame surface of `size`, flipped left-right when mirror (selfie view)."""
    view = image_bgr[:, ::-1, ::-1] if mirror else image_bgr[:, :, ::-1]
    rgb = np.ascontiguousarray(view)
    h, w = rgb.shape[:2]
    surf = pygame.image.frombuffer(rgb.tobytes(), (w, h), "RGB")
    if (w, h) != tuple(size):
        surf = pygame.transform.smoothscale(surf, size)
    shade = pygame.Surface(size, pygame.SRCALPHA)
    shade.fill((10, 4, 26, 70))  # a touch darker and cooler, so the neon skeleton reads on any room
    surf.blit(shade, (0, 0))
    return surf


def landmark_points(points: np.ndarray, rect: pygame.Rect, mirror: bool) -> dict[str, tuple[float, float, float]]:
    """Screen x, y and visibility of the joints we draw; x flipped with the picture when mirrored."""
    out = {}
    for name, i in _INDEX.items():
        x, y, vis = float(points[i, 0]), float(points[i, 1]), float(points[i, 3])
        if mirror:
            x = 1.0 - x
        out[name] = (rect.x + x * rect.w, rect.y + y * rect.h, vis)
    ls, rs = out["left_shoulder"], out["right_shoulder"]
    out["shoulder_centre"] = ((ls[0] + rs[0]) / 2, (ls[1] + rs[1]) / 2, min(ls[2], rs[2]))
    return out


def draw_player(surface: pygame.Surface, points: np.ndarray, rect: pygame.Rect, mirror: bool, colour: Colour,
                off: Collection[str] = ()) -> int:
    """The player's skeleton over their video; segments in `off` drawn red. Returns bones drawn."""
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)  # joints MediaPipe guesses outside the picture stay outside
    try:
        return _draw_player(surface, points, rect, mirror, colour, off)
    finally:
        surface.set_clip(clip)


def _draw_player(surface: pygame.Surface, points: np.ndarray, rect: pygame.Rect, mirror: bool, colour: Colour,
                 off: Collection[str]) -> int:
    pts = landmark_points(points, rect, mirror)
    shoulder = abs(pts["left_shoulder"][0] - pts["right_shoulder"][0])
    width = int(max(5, min(12, rect.h / 40)))
    glow_layer = pygame.Surface(rect.size, pygame.SRCALPHA)
    drawn = 0
    for a, b in BONES:
        pa, pb = pts[a], pts[b]
        if min(pa[2], pb[2]) < MIN_VISIBILITY:
            continue
        bad = BONE_SEGMENT.get((a, b)) in off
        col = theme.RED if bad else colour
        pygame.draw.line(glow_layer, (*col, 110 if bad else 70), (pa[0] - rect.x, pa[1] - rect.y),
                         (pb[0] - rect.x, pb[1] - rect.y), width * (3 if bad else 2))
        drawn += 1
    surface.blit(glow_layer, rect.topleft)
    for a, b in BONES:
        pa, pb = pts[a], pts[b]
        if min(pa[2], pb[2]) < MIN_VISIBILITY:
            continue
        bad = BONE_SEGMENT.get((a, b)) in off
        col = theme.RED if bad else theme.lerp(colour, theme.TEXT, 0.25)
        pygame.draw.line(surface, col, pa[:2], pb[:2], width + (2 if bad else 0))
        for p in (pa, pb):
            pygame.draw.circle(surface, col, (int(p[0]), int(p[1])), (width + 2) // 2 + 1)
    for name, (x, y, vis) in pts.items():
        if vis >= MIN_VISIBILITY and name != "shoulder_centre":
            pygame.draw.circle(surface, theme.TEXT, (int(x), int(y)), max(3, width // 2))
    nose = pts["nose"]
    if nose[2] >= MIN_VISIBILITY:
        pygame.draw.circle(surface, theme.lerp(colour, theme.TEXT, 0.25), (int(nose[0]), int(nose[1])),
                           int(max(10, shoulder * 0.32)), max(2, width // 2))
    return drawn


def prompt(surface: pygame.Surface, message: str, area: pygame.Rect, colour: Colour = theme.GOLD, icon: str = "!") -> pygame.Rect:
    """A banner at the bottom of area: what the player should do. icon: "!", "x" (a miss) or "back" (step back)."""
    f = text.font(22, "bold")
    w = min(area.w - 24, f.size(message)[0] + 84)
    box = pygame.Rect(0, 0, w, 48)
    box.midbottom = (area.centerx, area.bottom - 14)
    draw.glow(surface, box, colour, 24, 12)
    draw.panel(surface, box, theme.lerp(theme.PANEL, colour, 0.18), colour, radius=24, alpha=240, width=2)
    cx, cy = box.x + 26, box.centery
    pygame.draw.circle(surface, colour, (cx, cy), 14)
    ink = theme.PANEL
    if icon == "x":
        for d in (-1, 1):
            pygame.draw.line(surface, ink, (cx - 6, cy - 6 * d), (cx + 6, cy + 6 * d), 4)
    elif icon == "back":  # arrows apart: make room, step back
        for d in (-1, 1):
            pygame.draw.line(surface, ink, (cx, cy), (cx + 8 * d, cy), 3)
            pygame.draw.polygon(surface, ink, [(cx + 10 * d, cy), (cx + 4 * d, cy - 5), (cx + 4 * d, cy + 5)])
    else:
        text.draw(surface, icon, 18, (cx, cy), ink, "display", "center")
    text.draw(surface, message, 22, (box.x + 50, box.centery), theme.TEXT, "bold", "midleft", max_width=box.w - 64)
    return box


def no_signal(surface: pygame.Surface, area: pygame.Rect, message: str) -> None:
    """What the panel shows before the first frame arrives."""
    pygame.draw.rect(surface, (8, 5, 20), area, border_radius=10)
    camera_icon(surface, (area.centerx, area.centery - 18), 34, theme.TEXT_FAINT)
    text.draw(surface, message, 18, (area.centerx, area.centery + 30), theme.TEXT_DIM, "bold", "midtop")


def camera_icon(surface: pygame.Surface, centre: tuple[int, int], size: int, colour: Colour, crossed: bool = False) -> None:
    """A simple webcam glyph (body, lens, viewfinder bump), struck through when crossed."""
    cx, cy = centre
    body = pygame.Rect(0, 0, int(size * 2.2), int(size * 1.5))
    body.center = (cx, cy + size // 8)
    bump = pygame.Rect(0, 0, int(size * 0.8), int(size * 0.4))
    bump.midbottom = (cx - size // 3, body.y + 3)
    pygame.draw.rect(surface, colour, bump, border_radius=4)
    pygame.draw.rect(surface, colour, body, max(3, size // 9), border_radius=size // 3)
    pygame.draw.circle(surface, colour, body.center, int(size * 0.45), max(3, size // 9))
    pygame.draw.circle(surface, colour, body.center, int(size * 0.15))
    if crossed:
        a, b = (body.x - size // 4, body.bottom + size // 4), (body.right + size // 4, body.y - size // 3)
        pygame.draw.line(surface, theme.BG_TOP, a, b, max(7, size // 4))
        pygame.draw.line(surface, theme.RED, a, b, max(4, size // 7))
