"""Is anyone else in view? MediaPipe Pose reports one person, so the tracker cannot tell; this
looks again beside the player, off the pose worker's thread, so the play screen can say that
others are in view and whom it follows (the tracker itself never leaves the player)."""
from __future__ import annotations

import sys
import threading
import time
from typing import Callable

import numpy as np

OTHERS_EVERY_S = 0.5  # how often to look for other people beside the player
OTHERS_MEMORY_S = 3.0  # someone seen beside the player counts as in view this long
MIN_STRIP = 0.15  # a strip beside the player narrower than this share of the frame holds nobody whole
WHOLE_PERSON = 0.5  # Landmarks.score() (mean visibility of the body joints) of a whole person


def someone_else(detector, image: np.ndarray, region: tuple[int, int]) -> bool:
    """Is a whole person in view beside the player's place? MediaPipe Pose reports one person,
    so the strips left and right of the player are looked at on their own (cut out, a person
    there is larger to the detector than in the whole frame)."""
    w = image.shape[1]
    lo, hi = max(region[0], 0), min(region[1], w)
    for x0, x1 in ((0, lo), (hi, w)):
        if x1 - x0 >= w * MIN_STRIP:
            lm = detector.process(np.ascontiguousarray(image[:, x0:x1]))
            if lm is not None and lm.score() >= WHOLE_PERSON:
                return True
    return False


class OthersWatch:
    """Looks for other people in view on its own thread, every OTHERS_EVERY_S at most, on the
    newest frame offered, so the player's frames never wait for it. MediaPipe's detector misses
    small people in some frames, so someone seen stays "in view" for OTHERS_MEMORY_S. The
    detector (a non-tracking VideoLandmarker by default) is made on that thread when the first
    frame comes, and closed with it."""

    def __init__(self, make_detector: Callable[[], object] | None = None, every_s: float = OTHERS_EVERY_S,
                 memory_s: float = OTHERS_MEMORY_S):
        self._make = make_detector or _still_landmarker
        self._every, self._memory = every_s, memory_s
        self._seen: float | None = None  # time.monotonic() when someone else was last found
        self._offer: tuple[np.ndarray, tuple[int, int]] | None = None
        self._ready = threading.Condition()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="others-watch", daemon=True)

    @property
    def in_view(self) -> bool:
        return self._seen is not None and time.monotonic() - self._seen < self._memory

    def start(self) -> "OthersWatch":
        self._thread.start()
        return self

    def offer(self, image: np.ndarray, region: tuple[int, int]) -> None:
        """The newest frame and where the player is in it; never blocks."""
        with self._ready:
            self._offer = (image, region)
            self._ready.notify()

    def _run(self) -> None:
        detector = None
        try:
            while True:
                with self._ready:
                    self._ready.wait_for(lambda: self._offer is not None or self._stop)
                    if self._stop:
                        return
                    offer, self._offer = self._offer, None
                detector = detector or self._make()  # made on the first frame with a player in it
                if someone_else(detector, *offer):
                    self._seen = time.monotonic()
                with self._ready:
                    self._ready.wait_for(lambda: self._stop, timeout=self._every)
        except Exception as exc:  # no "others in view" chip is better than a dead pose worker
            self._seen = None
            print(f"looking for others in view stopped: {exc}", file=sys.stderr)
        finally:
            if detector is not None and hasattr(detector, "close"):
                detector.close()

    def stop(self) -> None:
        with self._ready:
            self._stop = True
            self._ready.notify()
        if self._thread.is_alive():
            self._thread.join(timeout=2.0)


def _still_landmarker():
    from game.pose.landmarks import VideoLandmarker
    return VideoLandmarker(tracking=False)
