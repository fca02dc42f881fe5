"""The coach panel on the play screen: the member's reference video (song.yaml `video`) in place of
the guide skeleton, mirrored by default like a Just Dance coach, with the next move's name under it.

The frames come from game.coach.CoachVideo (decoded, scaled and mirrored on its worker thread); the
panel only asks for the frame due at the song time once per drawn frame and blits it. A video that
cannot be opened never stops the song: the panel says so instead.

With Settings' "Coach skeleton" on, the dancer's skeleton (game.coachskeleton: worked out once per
video and dancer, cached) is drawn over the frame for that frame's own video time, mirrored and
scaled with the picture. The cache is looked up on a thread (hashing a long video takes a second);
the panel never works it out itself: MediaPipe runs for the player during play. When there is none
yet, a line says where it is worked out (the member screen)."""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.chart import VideoRef
from game.coach import CoachVideo
from game.pose.capture import CameraError
from game.ui import camera_view, draw, text, theme

if TYPE_CHECKING:
    from game.scenes.play import PlayScene

VIRTUAL_WAIT_S = 1.0  # on a virtual clock (tests, headless runs) wait for the worker: the clock outruns it
SKELETON_OUTLINE = (8, 4, 20)  # the dark edge that keeps the coach's skeleton readable over any video


class SkeletonLookup:
    """The cached skeleton of `ref`'s dancer, looked up on a thread: `poses` (CoachPoses) once found,
    or `problem`: 'missing' (never worked out), 'damaged' (a broken cache file) or 'unreadable'."""

    def __init__(self, ref: VideoRef):
        self.ref = ref
        self.poses = None
        self.problem: str | None = None
        self.ready = threading.Event()
        threading.Thread(target=self._run, name="coach-skeleton-lookup", daemon=True).start()

    def _run(self) -> None:
        from game.coachskeleton.cache import CoachSkeletonError, find
        try:
            self.poses = find(self.ref.path, self.ref.person)
            self.problem = None if self.poses is not None else "missing"
        except CoachSkeletonError:
            self.problem = "damaged"
        except (OSError, ValueError):
            self.problem = "unreadable"
        finally:
            self.ready.set()


class CoachPanel:
    """The coach video of `ref` drawn into `area` (pixels on the 1280x720 canvas).

    `video` is the open CoachVideo, or None with `error` set (file missing or undecodable)."""

    def __init__(self, ref: VideoRef, mirror: bool, area: pygame.Rect):
        self.ref, self.mirror, self.area = ref, mirror, pygame.Rect(area)
        self.box = pygame.Rect(self.area.x + 8, self.area.y + 36, self.area.w - 16, self.area.h - 100)
        self.video: CoachVideo | None = None
        self.error: str | None = None
        self._shown: tuple[np.ndarray, pygame.Surface] | None = None  # the frame last converted, and its surface
        self.frame_rect: pygame.Rect | None = None  # where the last coach frame was drawn (None: no frame)
        self.skeleton: SkeletonLookup | None = None  # looked up on the first frame drawn with the setting on
        self.skeleton_drawn = False  # the last frame drawn had the coach's skeleton over it
        try:
            if ref.path is None:
                raise CameraError(f"'{ref.name}' not found next to song.yaml")
            self.video = CoachVideo(ref.path, ref.offset, mirror=mirror, fit=self.box.size)
        except CameraError as err:
            self.error = str(err)

    @classmethod
    def open(cls, ref: VideoRef | None, mirror: bool, area: pygame.Rect) -> "CoachPanel | None":
        """The panel for a member's video, or None when the song has no coach (the screen is unchanged)."""
        return None if ref is None else cls(ref, mirror, area)

    def close(self) -> None:
        """Stop the decoding worker (the play scene leaves)."""
        video, self.video = self.video, None
        if video is not None:
            video.close()

    @property
    def closed(self) -> bool:
        return self.video is None and self.error is None

    def draw(self, surface: pygame.Surface, scene: "PlayScene", now: float) -> None:
        """The coach frame for the play scene's time `now` (s, on the scene's timeline: a slowed
        practice song is mapped back to the video's own time, so the video plays slower too)."""
        song_time = now * scene.audio_speed
        draw.chip(surface, scene.tr("coach").upper(), (self.area.right - 16, self.area.y + 12), scene.member.colour, 12,
                  "topright", filled=False)
        self.frame_rect = None
        if self.error is not None:
            name = text.fit(self.ref.name, 14, self.box.w - 20, "bold")
            lines = text.wrap(scene.tr("coach_unplayable", name=name), 15, self.box.w - 20, max_lines=5)
            text.draw_lines(surface, lines, 15, (self.box.centerx, self.box.y + 30), theme.GOLD, anchor="midtop")
        elif self.video is not None:
            frame = self.video.frame_at(song_time, wait_s=VIRTUAL_WAIT_S if scene.virtual else 0.0)
            if frame is None:
                text.draw(surface, "♪", 64, self.box.center, theme.TEXT_FAINT, "bold", "center")
            else:
                picture = self._surface(frame)
                rect = picture.get_rect(midtop=self.box.midtop)
                surface.blit(picture, rect)
                pygame.draw.rect(surface, theme.PANEL_EDGE, rect.inflate(4, 4), 2, border_radius=6)
                self.frame_rect = rect
        self.skeleton_drawn = False
        if self.frame_rect is not None and scene.app.settings.coach_skeleton:
            self._draw_skeleton(surface, scene, song_time)
        self._draw_next_move(surface, scene, now)

    def _draw_skeleton(self, surface: pygame.Surface, scene: "PlayScene", song_time: float) -> None:
        """The dancer's skeleton over the frame just drawn, or a line saying when there will be one."""
        if self.skeleton is None:
            self.skeleton = SkeletonLookup(self.ref)
        if scene.virtual:
            self.skeleton.ready.wait(VIRTUAL_WAIT_S)
        if not self.skeleton.ready.is_set():
            return
        poses = self.skeleton.poses
        if poses is not None:
            shown = self.video.shown_time if self.video is not None else None
            points = poses.at(shown if shown is not None else song_time - self.ref.offset)
            if points is not None:
                rect = self.frame_rect
                width = int(max(3, min(8, min(rect.w, rect.h) / 45)))
                camera_view.draw_player(surface, points, rect, self.mirror, scene.member.colour,
                                        outline=SKELETON_OUTLINE, width=width)
                self.skeleton_drawn = True
            return
        self._draw_skeleton_note(surface, scene)

    def _draw_skeleton_note(self, surface: pygame.Surface, scene: "PlayScene") -> None:
        """Why there is no skeleton yet, at the foot of the picture."""
        job = scene.app.coach_skeletons.job_for(self.ref.path, self.ref.person) if self.ref.path else None
        if job is not None and job.error is not None:  # said in full on the member screen; here a chip off the picture
            coach = text.render(scene.tr("coach").upper(), 12, weight="bold").get_width() + 24
            draw.chip(surface, scene.tr("skeleton_none"), (self.area.right - 24 - coach, self.area.y + 12), theme.GOLD, 12,
                      "topright", filled=False)
            return
        if job is not None and not job.done:
            note = scene.tr("skeleton_paused", pct=int(job.fraction * 100))
        elif self.skeleton.problem == "damaged":
            note = scene.tr("skeleton_damaged")
        else:
            note = scene.tr("skeleton_missing")
        lines = text.wrap(note, 12, self.box.w - 12, "bold", max_lines=3)
        height = 16 * len(lines) + 8
        bottom = self.frame_rect.bottom
        draw.panel(surface, pygame.Rect(self.box.x, bottom - height, self.box.w, height), theme.PANEL, theme.PANEL_EDGE,
                   radius=8, alpha=225, width=1)
        text.draw_lines(surface, lines, 12, (self.box.centerx, bottom - height + 4), theme.TEXT_DIM, anchor="midtop",
                        weight="bold")

    def _surface(self, frame: np.ndarray) -> pygame.Surface:
        """The frame (RGB, already scaled and mirrored by the worker) as a surface, converted once."""
        if self._shown is None or self._shown[0] is not frame:
            h, w = frame.shape[:2]
            self._shown = (frame, pygame.image.frombuffer(np.ascontiguousarray(frame), (w, h), "RGB"))
        return self._shown[1]

    def _draw_next_move(self, surface: pygame.Surface, scene: "PlayScene", now: float) -> None:
        """The move to do next, under the coach (the cards below show the ones after it)."""
        cue = scene.target_cue(now)
        pose = scene.app.poses.poses.get(cue.pose) if cue is not None else None
        if pose is None:
            return
        colour = theme.GOLD if cue.gold else scene.member.colour
        bottom = self.frame_rect.bottom if self.frame_rect is not None else self.box.bottom
        y = min(bottom + 10, self.area.bottom - 56)
        text.draw(surface, pose.display_name(scene.app.language), 22, (self.area.centerx, y), colour, "display", "midtop",
                  max_width=self.area.w - 30)
        until = cue.time - now
        if until > 0:
            text.draw(surface, f"{until:.1f}s", 14, (self.area.centerx, y + 30), theme.TEXT_DIM, "bold", "midtop")
