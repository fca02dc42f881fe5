"""The player in the play screen's camera panel: their camera picture zoomed on them (the zoom eased
on frame timestamps), mirrored like a selfie, their skeleton over it with the limbs that were off in
red, and what to do to be seen; or, in the demo, the autoplayer's figure on the beat.

The picture and the crop are state kept between frames: a camera frame is converted to a surface
once (a millisecond or two) and reused until the next one arrives (game.ui.camera_view does the maths)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Collection, Mapping

import pygame

from game.ui import camera_view, draw, hud, skeleton, theme
from game.ui.play_layout import CAMERA, PICTURE
from game.ui.strings import tr

if TYPE_CHECKING:
    from game.pose.capture import DarkWatch
    from game.pose.tracker import TrackedFrame

NO_FRAME_SIZE = (640, 480)  # the picture's shape before the first frame, pixels


class CameraPanel:
    """The player's picture drawn into `area` (pixels on the canvas; the play screen's PICTURE)."""

    def __init__(self, area: pygame.Rect = PICTURE):
        self.area = pygame.Rect(area)
        # (tracked frame, its picture, where it goes, the crop it shows); None: convert the next frame drawn
        self.shown: tuple[TrackedFrame, pygame.Surface, pygame.Rect, camera_view.Crop] | None = None
        self._crop: tuple[camera_view.Crop, float] | None = None  # the zoom on the player, and its frame's time (s)
        self._dark: DarkWatch | None = None  # made with the first frame (cv2 loads with the camera)
        self._dark_of: TrackedFrame | None = None  # the tracked frame it last measured

    def video_rect(self, tracked: "TrackedFrame | None") -> pygame.Rect:
        """Where the camera picture goes: the zoom on the player (or the whole frame), its own shape, as big as fits."""
        size = NO_FRAME_SIZE
        if tracked is not None:
            h, w = tracked.frame.image.shape[:2]
            crop = self._crop[0] if self._crop else camera_view.FULL
            size = camera_view.crop_pixels(crop, (w, h))[2:]
        return camera_view.fit_rect(size, self.area)

    def _follow(self, tracked: "TrackedFrame") -> camera_view.Crop:
        """Ease the zoom toward the player in this frame (on frame timestamps); returns it in whole pixels."""
        h, w = tracked.frame.image.shape[:2]
        points = tracked.landmarks.points if tracked.landmarks is not None else None
        target = camera_view.follow_crop(points, (w, h), self.area.size)
        if self._crop is None:
            self._crop = (target, tracked.frame.t)
        elif tracked.frame.t != self._crop[1]:
            self._crop = (camera_view.ease_crop(self._crop[0], target, tracked.frame.t - self._crop[1]), tracked.frame.t)
        x, y, cw, ch = camera_view.crop_pixels(self._crop[0], (w, h))
        return (x / w, y / h, cw / w, ch / h)

    def draw_video(self, surface: pygame.Surface, tracked: "TrackedFrame | None", *, mirror: bool, colour: theme.Colour,
                   off: Collection[str], tip: str | None, video_ended_at: float | None, language: str,
                   tip_from: int | None = None) -> None:
        """The latest camera frame (None: still starting) with the skeleton in `colour`, the limbs in `off`
        red and `tip` (a miss's instruction) over the top (no higher than y `tip_from`, px: a banner
        above keeps its place; as wide as the panel's picture area, so a narrow portrait video does not
        cut it); below, what to do to be seen. `video_ended_at` (s) is when a video file standing in for
        the camera ran out, once the song is past it."""
        if tracked is None:
            camera_view.no_signal(surface, camera_view.fit_rect(NO_FRAME_SIZE, self.area), tr("camera_starting", language))
            return
        if self.shown is None or self.shown[0] is not tracked:
            crop = self._follow(tracked)
            h, w = tracked.frame.image.shape[:2]
            x, y, cw, ch = camera_view.crop_pixels(crop, (w, h))
            area = self.video_rect(tracked)
            picture = camera_view.frame_surface(tracked.frame.image[y:y + ch, x:x + cw], area.size, mirror)
            self.shown = (tracked, picture, area, crop)
        _, picture, area, crop = self.shown
        surface.blit(picture, area)
        pygame.draw.rect(surface, theme.PANEL_EDGE, area.inflate(4, 4), 2, border_radius=6)
        if tracked.landmarks is not None:
            camera_view.draw_player(surface, camera_view.crop_points(tracked.landmarks.points, crop), area, mirror, colour, off)
        if tracked.others:  # a state, not a request: a chip, not a banner
            draw.chip(surface, tr("others_in_view", language), (CAMERA.right - 16, CAMERA.y + 14), theme.CYAN, 13, "topright",
                      filled=False)
        prompts = []
        if video_ended_at is not None:  # a video file, over before the song: say so, don't loop it
            prompts.append((tr("video_ended", language).format(t=video_ended_at), theme.GOLD, "!"))
        elif tracked.status == "nobody" and self._picture_dark(tracked):
            prompts.append((tr("too_dark", language), theme.GOLD, "!"))
        elif tracked.status == "nobody":
            prompts.append((tr("step_in", language), theme.GOLD, "!"))
        elif tracked.status == "partial":
            prompts.append((tr("step_back", language), theme.GOLD, "back"))
        if tip:  # at the top of the picture, off the legs; the prompts to be seen keep the bottom
            top = max(area.y, tip_from or area.y)
            camera_view.prompt(surface, tip, pygame.Rect(self.area.x, top, self.area.w, area.bottom - top), theme.WRONG, "x",
                               top=True)
        bottom = pygame.Rect(self.area.x, area.y, self.area.w, area.h)  # inside the picture area: a narrow video does not cut it
        for message, colour, icon in prompts:
            box = camera_view.prompt(surface, message, bottom, colour, icon)
            bottom.h = box.y - bottom.y + 6

    def _picture_dark(self, tracked: "TrackedFrame") -> bool:
        """Measured on each new frame (with hysteresis), so "step in" is not said to someone standing in the dark."""
        if self._dark is None:
            from game.pose.capture import DarkWatch

            self._dark = DarkWatch()
        if self._dark_of is not tracked:
            self._dark_of = tracked
            self._dark.update(tracked.frame.image)
        return self._dark.dark

    def draw_demo(self, surface: pygame.Surface, angles: Mapping[str, float], colour: theme.Colour, pulse: float,
                  off: Collection[str], tip: str | None) -> None:
        """The demo dancer's figure (`angles`: limb → degrees) glowing on the beat (`pulse` 0..1), the limbs
        in `off` red and `tip` (a miss's instruction) in a chip left of it, clear of the reason for the demo."""
        centre = (self.area.right - 150, CAMERA.y + 190)  # right of the notes at the bottom left
        pygame.draw.circle(surface, theme.scale(colour, 0.18 + 0.25 * pulse), centre, int(130 + 10 * pulse), 2)
        pygame.draw.ellipse(surface, theme.scale(colour, 0.22), (centre[0] - 90, CAMERA.bottom - 40, 180, 22))
        fig = pygame.Rect(centre[0] - 150, CAMERA.y + 24, 300, 300)
        skeleton.draw_angles(surface, angles, fig, theme.lerp(colour, theme.TEXT, 0.2), colour, 0.15, off=off)
        if tip:
            hud.hint_chip(surface, tip, (CAMERA.x + 160, CAMERA.y + 150), 290)
