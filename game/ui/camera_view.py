"""The camera panel: the player's video, mirrored like a selfie, with their skeleton over it.

Frames are BGR numpy arrays from the camera thread; converting one costs a millisecond or two,
so the play scene converts each new frame once and reuses the surface until the next."""
from __future__ import annotations

from typing import Collection

import math

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
Crop = tuple[float, float, float, float]  # x0, y0, width, height as fractions of the frame
FULL: Crop = (0.0, 0.0, 1.0, 1.0)
HEAD_ROOM, FOOT_ROOM = 0.2, 0.1  # of the body's height, above the highest and below the lowest landmark
MIN_CROP = 0.5  # never zoom in further than half the frame's height (a close-up hides the room)
CROP_EASE_S = 0.5  # time constant of the zoom following the player, on frame timestamps


def follow_crop(points: np.ndarray | None, image_size: tuple[int, int], area_size: tuple[int, int]) -> Crop:
    """The part of the frame to show so the player fills the panel: their body (visible landmarks,
    (33, 4) normalised x, y, z, visibility) with head and foot room, widened toward the panel's
    shape as far as the frame goes, never distorting it. The whole frame when nobody is tracked."""
    if points is None:
        return FULL
    seen = points[points[:, 3] >= MIN_VISIBILITY]
    if len(seen) < 8:
        return FULL
    w, h = image_size
    xs, ys = seen[:, 0] * w, seen[:, 1] * h
    top, bottom = float(ys.min()), float(ys.max())
    body = max(bottom - top, 1.0)
    crop_h = min(float(h), max(body * (1 + HEAD_ROOM + FOOT_ROOM), MIN_CROP * h))
    y0 = top - HEAD_ROOM * body - max(0.0, crop_h - body * (1 + HEAD_ROOM + FOOT_ROOM)) / 2
    y0 = min(max(0.0, y0), h - crop_h)
    aspect = area_size[0] / max(area_size[1], 1)
    crop_w = min(float(w), max(crop_h * aspect, (float(xs.max()) - float(xs.min())) * 1.2))
    x0 = (float(xs.min()) + float(xs.max())) / 2 - crop_w / 2
    x0 = min(max(0.0, x0), w - crop_w)
    return (x0 / w, y0 / h, crop_w / w, crop_h / h)


def ease_crop(current: Crop, target: Crop, dt: float) -> Crop:
    """Part-way from current to target after dt seconds (a zoom that glides, never jumps)."""
    k = 1.0 - math.exp(-max(dt, 0.0) / CROP_EASE_S)
    return tuple(c + (t - c) * k for c, t in zip(current, target))  # type: ignore[return-value]


def crop_pixels(crop: Crop, image_size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The crop in whole pixels (x, y, w, h), at least one pixel, inside the frame."""
    w, h = image_size
    x, y = int(round(crop[0] * w)), int(round(crop[1] * h))
    cw, ch = max(1, int(round(crop[2] * w))), max(1, int(round(crop[3] * h)))
    return max(0, min(x, w - 1)), max(0, min(y, h - 1)), min(cw, w), min(ch, h)


def crop_points(points: np.ndarray, crop: Crop) -> np.ndarray:
    """Landmarks (33, 4) moved into the crop's normalised coordinates (what draw_player takes)."""
    out = points.copy()
    out[:, 0] = (points[:, 0] - crop[0]) / max(crop[2], 1e-6)
    out[:, 1] = (points[:, 1] - crop[1]) / max(crop[3], 1e-6)
    return out


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
                off: Collection[str] = (), outline: Colour | None = None, width: int | None = None) -> int:
    """The player's skeleton over their video; segments in `off` drawn as red-and-white tape. Returns bones drawn.

    `points` (33, 4) normalised x, y, z, visibility of the unmirrored frame shown in `rect` (pixels);
    joints below MIN_VISIBILITY are left out. `outline`: a dark edge under every bone and joint, so
    the figure reads over any picture (the coach video); `width`: bone width in pixels (default from rect)."""
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)  # joints MediaPipe guesses outside the picture stay outside
    try:
        return _draw_player(surface, points, rect, mirror, colour, off, outline, width)
    finally:
        surface.set_clip(clip)


def _draw_player(surface: pygame.Surface, points: np.ndarray, rect: pygame.Rect, mirror: bool, colour: Colour,
                 off: Collection[str], outline: Colour | None = None, width: int | None = None) -> int:
    pts = landmark_points(points, rect, mirror)
    shoulder = abs(pts["left_shoulder"][0] - pts["right_shoulder"][0])
    width = width or int(max(5, min(12, rect.h / 40)))
    if outline is not None:
        _draw_outline(surface, pts, width, outline)
    glow_layer = pygame.Surface(rect.size, pygame.SRCALPHA)
    drawn = 0
    for a, b in BONES:
        pa, pb = pts[a], pts[b]
        if min(pa[2], pb[2]) < MIN_VISIBILITY:
            continue
        bad = BONE_SEGMENT.get((a, b)) in off
        col = theme.WRONG if bad else colour
        pygame.draw.line(glow_layer, (*col, 110 if bad else 70), (pa[0] - rect.x, pa[1] - rect.y),
                         (pb[0] - rect.x, pb[1] - rect.y), width * (3 if bad else 2))
        drawn += 1
    surface.blit(glow_layer, rect.topleft)
    for a, b in BONES:
        pa, pb = pts[a], pts[b]
        if min(pa[2], pb[2]) < MIN_VISIBILITY:
            continue
        if BONE_SEGMENT.get((a, b)) in off:
            draw.striped_line(surface, pa[:2], pb[:2], width + 3)
            continue
        col = theme.lerp(colour, theme.TEXT, 0.25)
        pygame.draw.line(surface, col, pa[:2], pb[:2], width)
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


def _draw_outline(surface: pygame.Surface, pts: dict[str, tuple[float, float, float]], width: int, colour: Colour) -> None:
    """The dark edge under draw_player's bones and joints (2 px each side)."""
    for a, b in BONES:
        pa, pb = pts[a], pts[b]
        if min(pa[2], pb[2]) < MIN_VISIBILITY:
            continue
        pygame.draw.line(surface, colour, pa[:2], pb[:2], width + 4)
        for p in (pa, pb):
            pygame.draw.circle(surface, colour, (int(p[0]), int(p[1])), (width + 2) // 2 + 3)
    for name, (x, y, vis) in pts.items():
        if vis >= MIN_VISIBILITY and name != "shoulder_centre":
            pygame.draw.circle(surface, colour, (int(x), int(y)), max(3, width // 2) + 2)


def prompt(surface: pygame.Surface, message: str, area: pygame.Rect, colour: Colour = theme.GOLD, icon: str = "!",
           top: bool = False) -> pygame.Rect:
    """A banner at the bottom of area (the picture), or its top: what the player should do, on two
    lines rather than wider than the picture. icon: "!", "x" (a miss) or "back" (step back)."""
    size = 22 if text.font(22, "bold").size(message)[0] + 84 <= area.w - 16 else 18
    lines = text.wrap(message, size, area.w - 16 - 74, "bold", max_lines=2)
    w = min(area.w - 16, max(text.font(size, "bold").size(line)[0] for line in lines) + 74)
    step = int(size * 1.25)
    box = pygame.Rect(0, 0, w, 48 + step * (len(lines) - 1))
    if top:
        box.midtop = (area.centerx, area.y + 12)
    else:
        box.midbottom = (area.centerx, area.bottom - 12)
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
    top = box.centery - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        text.draw(surface, line, size, (box.x + 50, top + i * step), theme.TEXT, "bold", "midleft", max_width=box.w - 64)
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
