"""The camera: a webcam index or a video file that stands in for one.

Frames are read on a worker thread and only the newest is kept (a stale frame is worth nothing
to a rhythm game); each is stamped with its capture time on the game clock. In headless runs a
video is read frame by frame instead, and the video's own timestamps are the song time."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import cv2
import numpy as np

LOST_AFTER_S = 1.0  # no new frame for this long = the camera has gone


class CameraError(Exception):
    """The camera cannot be used; str() says what to do."""


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR, as the camera sees it (not mirrored)
    t: float  # capture time, song seconds
    index: int


def parse_camera(value: str | int | None) -> int | Path:
    """'0' or 0 -> webcam index 0; anything else is a video file path."""
    if value is None:
        return 0
    if isinstance(value, int) or str(value).isdigit():
        return int(value)
    return Path(value)


def open_capture(source: int | Path) -> cv2.VideoCapture:
    """Open a webcam or video, or raise CameraError naming it and the way out."""
    if isinstance(source, Path):
        if not source.is_file():
            raise CameraError(f"video file '{source}' not found; check the path given to --camera")
        cap = cv2.VideoCapture(str(source))
        if not cap.isOpened():
            raise CameraError(f"cannot read video '{source}'; use a common format such as MP4 or AVI")
        return cap
    cap = cv2.VideoCapture(source)
    if not cap.isOpened():
        cap.release()
        raise CameraError(f"no webcam found at index {source}. Plug one in, try another index with --camera 1, "
                          f"or use a video file with --camera PATH")
    return cap


def video_frames(path: Path, start: float = 0.0) -> Iterator[Frame]:
    """Every frame of a video with its own timestamp (+ start): the headless camera."""
    cap = open_capture(path)
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    index = 0
    try:
        while True:
            ok, image = cap.read()
            if not ok:
                return
            yield Frame(image=image, t=start + index / fps, index=index)
            index += 1
    finally:
        cap.release()


class Camera:
    """A live camera on a thread. `latest()` returns the newest frame once; older ones are dropped.

    A video file plays at its own frame rate, looping, as if it were a webcam."""

    def __init__(self, source: int | Path, clock: Callable[[], float], opener: Callable = open_capture):
        self.source = source
        self._clock = clock
        self._opener = opener
        self._lock = threading.Lock()
        self._latest: Frame | None = None
        self._last_frame_wall = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None
        self.frames_read = 0
        self.frames_dropped = 0

    def start(self) -> "Camera":
        cap = self._opener(self.source)  # raises CameraError before any thread starts
        self._thread = threading.Thread(target=self._run, args=(cap,), name="camera", daemon=True)
        self._thread.start()
        return self

    def _run(self, cap) -> None:
        is_file = isinstance(self.source, Path)
        period = 1.0 / (cap.get(cv2.CAP_PROP_FPS) or 30.0) if is_file else 0.0
        next_due = time.monotonic()
        while not self._stop.is_set():
            ok, image = cap.read()
            if not ok:
                if is_file:  # loop the stand-in video
                    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                    ok, image = cap.read()
                if not ok:
                    cap.release()
                    cap = self._reopen()
                    if cap is None:
                        return
                    continue
            if period:
                next_due += period
                time.sleep(max(0.0, next_due - time.monotonic()))
            frame = Frame(image=image, t=self._clock(), index=self.frames_read)
            with self._lock:
                if self._latest is not None:
                    self.frames_dropped += 1
                self._latest = frame
                self._last_frame_wall = time.monotonic()
            self.frames_read += 1
        cap.release()

    def _reopen(self):
        """The camera went away: try to get it back every half second until stopped."""
        while not self._stop.wait(0.5):
            try:
                return self._opener(self.source)
            except CameraError as err:
                self.error = str(err)
        return None

    def latest(self) -> Frame | None:
        """The newest frame not yet taken, or None."""
        with self._lock:
            frame, self._latest = self._latest, None
        return frame

    def lost(self) -> bool:
        """True when no frame has arrived for LOST_AFTER_S: the play scene pauses and says so."""
        return time.monotonic() - self._last_frame_wall > LOST_AFTER_S

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2.0)
