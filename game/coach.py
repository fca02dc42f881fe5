"""The coach: a reference dance video shown beside the player, in step with the music clock.

Like Just Dance's coach it is mirrored by default (the player copies it as in a mirror). A
worker thread reads the video ahead of the clock (game.pose.capture.VideoFile: upright by its
rotation tag, each frame at its own timestamp), scales and mirrors each frame into a small
buffer; the render thread asks frame_at(song_time) once per frame and gets the newest frame due
at that time without waiting. When the worker falls behind, frames whose time has already passed
are skipped before the costly scaling (dropped), so the picture never drifts behind the music;
when the clock jumps (a restart, a seek), the worker seeks the video."""
from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

import cv2
import numpy as np

from game.pose.capture import VideoFile

AHEAD_S = 0.25      # decode this far ahead of the clock (a few frames: smooth, little memory)
SEEK_AFTER_S = 1.0  # a clock this far ahead of the reader (or any jump back) seeks instead of reading on


class CoachVideo:
    """Frames of `video` for song times: video time = song time - `video_offset` (seconds).

    Frames come back RGB uint8 (height, width, 3), scaled to `size` (width, height) when given,
    mirrored left-right when `mirror`; or scaled to fit inside `fit` (width, height) keeping the
    video's shape (the coach panel: any video, landscape or portrait). Raises CameraError (from VideoFile) when the file cannot
    be opened or decoded. Call close() when done (the worker thread stops)."""

    def __init__(self, video: Path | VideoFile, video_offset: float = 0.0, mirror: bool = True,
                 size: tuple[int, int] | None = None, fit: tuple[int, int] | None = None):
        self.video = video if isinstance(video, VideoFile) else VideoFile(Path(video))
        self.video_offset = float(video_offset)
        self.mirror = mirror
        self.size = size
        self.fit = fit
        self.frame_s = 1.0 / self.video.fps
        self.dropped = 0     # frames skipped because their time had passed
        self.seeks = 0
        self._buffer: deque[tuple[float, np.ndarray]] = deque()
        self._current: tuple[float, np.ndarray] | None = None
        self.shown_time: float | None = None  # video time (s) of the frame frame_at returned last: the coach's skeleton is drawn for it
        self._target = 0.0   # video time the clock asked for last
        self._read_to = -1.0  # time of the last frame the worker read
        self._ended = False
        self._seek_to: float | None = None
        self._stop = False
        self._cond = threading.Condition()
        self._worker = threading.Thread(target=self._run, name="coach-video", daemon=True)
        self._worker.start()

    # --- render thread -----------------------------------------------------------------------
    def frame_at(self, song_time: float, wait_s: float = 0.0) -> np.ndarray | None:
        """The frame due at `song_time` (the newest one whose time has come), or None before the
        video starts or after it ends.

        In play wait_s is 0: never block the frame loop (the previous frame stays up). Headless runs
        and tests on a virtual clock pass a wait, so the worker catches up with a clock that runs
        faster than real time."""
        t = song_time - self.video_offset
        with self._cond:
            if abs(t - self._target) > 1e-9:
                shown = self._current[0] if self._current is not None else None
                if t >= 0 and ((shown is not None and t < shown - 1e-6) or t > self._read_to + SEEK_AFTER_S):
                    self._seek_to = t  # a jump: restart reading there rather than read through
                    self._buffer.clear()
                    self._current = None
                self._target = t
                self._cond.notify_all()
            if t < 0:
                return None
            if wait_s > 0:
                self._cond.wait_for(lambda: self._has_due(t) or self._ended, timeout=wait_s)
            due = 0
            while self._buffer and self._buffer[0][0] <= t + 1e-6:
                self._current = self._buffer.popleft()
                due += 1
            if due:
                self.dropped += due - 1  # due frames overtaken by a newer one were never shown
                self._cond.notify_all()
            if self._ended and not self._buffer and self._current is not None \
                    and t >= self._current[0] + self.frame_s - 1e-6:
                return None
            self.shown_time = None if self._current is None else self._current[0]
            return None if self._current is None else self._current[1]

    def _has_due(self, t: float) -> bool:
        """A frame for time t is buffered: the next one is not yet due, so the newest due is known."""
        return any(ft > t + 1e-6 for ft, _ in self._buffer) or \
            (bool(self._buffer) and self._buffer[-1][0] > t - self.frame_s)

    def close(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._worker.join(timeout=2.0)
        self.video.close()

    # --- worker thread -------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stop or self._seek_to is not None or self._wants_more(), timeout=0.1)
                if self._stop:
                    return
                seek, self._seek_to = self._seek_to, None
                if seek is None and not self._wants_more():
                    continue
            if seek is not None:
                self.seeks += 1
                self._seek(seek)
                continue
            item = self.video.read()
            with self._cond:
                if self._seek_to is not None:  # the clock jumped while this frame decoded
                    continue
                if item is None:
                    self._ended = True
                    self._cond.notify_all()
                    continue
                image, t = item
                self._read_to = t
                if t + self.frame_s <= self._target:  # its time has passed: drop it before scaling it
                    self.dropped += 1
                    continue
            frame = self._prepare(image)
            with self._cond:
                if self._seek_to is None:
                    self._buffer.append((t, frame))
                    self._cond.notify_all()

    def _wants_more(self) -> bool:
        return not self._ended and self._read_to < self._target + AHEAD_S

    def _seek(self, t: float) -> None:
        """Restart reading at video time t: the frame due at t is decoded there, the rest follow."""
        image = self.video.frame_at(t)
        with self._cond:
            self._ended = image is None
            if image is None:
                self._read_to = t
            else:
                # VideoFile lands on the frame shown at t; its own timestamp is t to within a frame
                self._read_to = t
                self._buffer.append((t, self._prepare(image)))
            self._cond.notify_all()

    def _prepare(self, image: np.ndarray) -> np.ndarray:
        """BGR frame -> RGB, scaled to self.size (or to fit self.fit), mirrored if asked (on the worker thread)."""
        size = self.size
        if size is None and self.fit is not None:
            h, w = image.shape[:2]
            k = min(self.fit[0] / w, self.fit[1] / h)
            size = (max(1, int(w * k)), max(1, int(h * k)))
        if size is not None and (image.shape[1], image.shape[0]) != tuple(size):
            image = cv2.resize(image, tuple(size), interpolation=cv2.INTER_AREA)
        if self.mirror:
            image = cv2.flip(image, 1)
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
