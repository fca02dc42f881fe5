"""Which dancer of a group video to follow (`--person left|centre|right|N`).

MediaPipe Pose reports one person per image, so the dancers are found by looking at overlapping
vertical strips of a few early frames on their own (as game.pose.others does beside the player);
the chosen dancer's strip is then the only part of every frame the tracker sees."""
from __future__ import annotations

from pathlib import Path

import numpy as np

STRIP = 0.4          # strip width, share of the frame
STEP = 0.1           # strips start this far apart
LOOK_AT_S = (0.5, 2.0, 4.0)  # frame times looked at (a dancer may enter late or be hidden once)
WHOLE_PERSON = 0.5   # Landmarks.score() of a whole person
MARGIN = 0.6         # the region reaches this many body widths beyond the dancer on each side


class PersonError(ValueError):
    """--person names a dancer the video does not show; str() says whom it does show."""


def find_dancers(video: Path) -> list[tuple[float, float]]:
    """Dancers seen in `video` as (left, right) x extents, shares of the frame width, left to right.
    Raises game.pose.capture.CameraError for a missing or undecodable video."""
    from game.pose.capture import VideoFile
    from game.pose.landmarks import VideoLandmarker
    found: list[tuple[float, float]] = []
    opened = VideoFile(Path(video))
    try:
        with VideoLandmarker(tracking=False) as marker:
            for t in LOOK_AT_S:
                image = opened.frame_at(t)
                if image is None:
                    continue
                w = image.shape[1]
                for x0 in np.arange(0.0, 1.0 - STRIP + 1e-6, STEP):
                    lo, hi = int(x0 * w), int((x0 + STRIP) * w)
                    lm = marker.process(np.ascontiguousarray(image[:, lo:hi]))
                    if lm is None or lm.score() < WHOLE_PERSON:
                        continue
                    xs = lm.points[[11, 12, 15, 16, 23, 24, 27, 28], 0].clip(0, 1)
                    ext = (x0 + xs.min() * STRIP, x0 + xs.max() * STRIP)
                    if not any(_overlap(ext, f) for f in found):
                        found.append(ext)
    finally:
        opened.close()
    return sorted(found)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    centre = (a[0] + a[1]) / 2
    return b[0] <= centre <= b[1] or a[0] <= (b[0] + b[1]) / 2 <= a[1]


def choose(dancers: list[tuple[float, float]], person: str) -> tuple[float, float]:
    """The region (x0, x1, shares of the width) around the dancer `person` names: left, centre,
    right, or N (1 = leftmost). Raises PersonError when there is no such dancer."""
    if not dancers:
        raise PersonError("nobody found in the first seconds")
    key = person.strip().lower()
    if key in ("left", "centre", "center", "middle", "right"):
        index = {"left": 0, "right": len(dancers) - 1}.get(key, (len(dancers) - 1) // 2)
    elif key.isdigit() and 1 <= int(key) <= len(dancers):
        index = int(key) - 1
    else:
        raise PersonError(f"--person {person}: {len(dancers)} dancer(s) seen; give left, centre, right or 1 to {len(dancers)}")
    lo, hi = dancers[index]
    pad = (hi - lo) * MARGIN
    return max(lo - pad, 0.0), min(hi + pad, 1.0)
