"""Stick figures from a pose's angles (game.poselib.skeleton_points, already mirrored)."""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Collection, Mapping

import pygame

from game.poselib import BONES, PROPORTIONS, skeleton_points, wrap_degrees
from game.ui import draw, theme

Colour = theme.Colour
Points = Mapping[str, tuple[float, float]]

# The frame every figure is fitted into (card space: torso = 1, hips at 0, y down).
FRAME = (-1.9, -2.25, 1.9, 1.85)
LIMB_BONES = tuple((a, b) for a, b in BONES if a.split("_")[0] == b.split("_")[0] and a.split("_")[0] in ("left", "right")
                   and not ("shoulder" in a and "hip" in b))
# Which bone each judged segment is (joint names as in MediaPipe and game.poselib).
SEGMENT_BONES = {
    "left_upper_arm": ("left_shoulder", "left_elbow"), "left_forearm": ("left_elbow", "left_wrist"),
    "right_upper_arm": ("right_shoulder", "right_elbow"), "right_forearm": ("right_elbow", "right_wrist"),
    "left_thigh": ("left_hip", "left_knee"), "left_shin": ("left_knee", "left_ankle"),
    "right_thigh": ("right_hip", "right_knee"), "right_shin": ("right_knee", "right_ankle"),
}
BONE_SEGMENT = {bone: seg for seg, bone in SEGMENT_BONES.items()}
OFF_COLOUR = theme.WRONG


def fit_points(points: Points, rect: pygame.Rect) -> tuple[dict[str, tuple[float, float]], float]:
    """Map card-space points into rect: a fixed frame so poses compare, shrunk only if a pose overflows it."""
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    head = PROPORTIONS["head_radius"]
    x0, y0, x1, y1 = FRAME
    x0, x1 = min(x0, min(xs) - 0.15), max(x1, max(xs) + 0.15)
    y0, y1 = min(y0, min(ys) - head - 0.1), max(y1, max(ys) + 0.1)
    k = min(rect.w / (x1 - x0), rect.h / (y1 - y0))
    cx = rect.centerx - (x0 + x1) / 2 * k
    cy = rect.centery - (y0 + y1) / 2 * k
    return {name: (cx + x * k, cy + y * k) for name, (x, y) in points.items()}, k


def _bone(surface: pygame.Surface, a: tuple[float, float], b: tuple[float, float], colour: Colour, width: float) -> None:
    """A thick segment with round ends."""
    r = max(1, int(width / 2))
    pygame.draw.line(surface, colour, a, b, max(1, int(width)))
    pygame.draw.circle(surface, colour, (int(a[0]), int(a[1])), r)
    pygame.draw.circle(surface, colour, (int(b[0]), int(b[1])), r)


def draw_points(surface: pygame.Surface, points: Points, rect: pygame.Rect, colour: Colour,
                glow: Colour | None = None, thickness: float = 0.16, alpha: int = 255, off: Collection[str] = ()) -> None:
    """Draw a figure from card-space joints into rect, with an optional soft outline glow.

    Segments named in `off` (game.hints.off_limbs) are drawn as red-and-white tape: the limbs to fix after a miss."""
    pts, k = fit_points(points, rect)
    width = max(3.0, thickness * k)
    head_r = PROPORTIONS["head_radius"] * k * 1.15
    target = surface
    if alpha < 255:
        target = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    torso = [pts["left_shoulder"], pts["right_shoulder"], pts["right_hip"], pts["left_hip"]]
    if glow is not None:
        g = theme.scale(glow, 0.45)
        for a, b in BONES:
            bad = BONE_SEGMENT.get((a, b)) in off
            _bone(target, pts[a], pts[b], theme.scale(OFF_COLOUR, 0.6) if bad else g, width * (2.3 if bad else 1.9))
        pygame.draw.polygon(target, g, torso, int(width * 0.9))
        pygame.draw.circle(target, g, pts["nose"], int(head_r + width * 0.45))
    pygame.draw.polygon(target, theme.scale(colour, 0.5), torso)
    pygame.draw.polygon(target, colour, torso, max(2, int(width * 0.45)))
    for a, b in LIMB_BONES:
        if BONE_SEGMENT.get((a, b)) in off:
            draw.striped_line(target, pts[a], pts[b], int(width))
        else:
            _bone(target, pts[a], pts[b], colour, width)
    _bone(target, pts["shoulder_centre"], pts["nose"], colour, width * 0.7)
    pygame.draw.circle(target, colour, pts["nose"], int(head_r))
    pygame.draw.circle(target, theme.scale(colour, 0.35), pts["nose"], int(head_r * 0.55))
    for hand in ("left_wrist", "right_wrist"):
        pygame.draw.circle(target, theme.lerp(colour, theme.TEXT, 0.6), pts[hand], int(width * 0.75))
    if target is not surface:
        target.set_alpha(alpha)
        surface.blit(target, (0, 0))


def draw_angles(surface: pygame.Surface, angles: Mapping[str, float], rect: pygame.Rect, colour: Colour,
                glow: Colour | None = None, thickness: float = 0.16, off: Collection[str] = ()) -> None:
    draw_points(surface, skeleton_points(angles), rect, colour, glow, thickness, off=off)


@lru_cache(maxsize=256)
def _figure(angle_items: tuple, size: tuple[int, int], colour: Colour, glow: Colour | None, thickness: float) -> pygame.Surface:
    surf = pygame.Surface(size, pygame.SRCALPHA)
    draw_angles(surf, dict(angle_items), surf.get_rect(), colour, glow, thickness)
    return surf


def figure(angles: Mapping[str, float], size: tuple[int, int], colour: Colour, glow: Colour | None = None,
           thickness: float = 0.16) -> pygame.Surface:
    """A cached transparent surface with the figure (the play screen draws the same poses every frame)."""
    return _figure(tuple(sorted(angles.items())), size, tuple(colour), tuple(glow) if glow else None, thickness)


def blend_angles(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """Angles part-way from a to b along the shortest turn (smooth moves between poses)."""
    t = max(0.0, min(1.0, t))
    out = {}
    for key, va in a.items():
        vb = b.get(key, va)
        d = wrap_degrees(vb - va)
        out[key] = va + d * t
    return out


def ease(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return 0.5 - 0.5 * math.cos(math.pi * t)
