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
EDGE = 0.03          # a body within this share of a strip's inner edge is cut by it
MARGIN = 0.6         # the region reaches this many body widths beyond the dancer on each side


class PersonError(ValueError):
    """--person names a dancer the video does not show; str() says whom it does show."""


def find_dancers(video: Path) -> list[tuple[float, float]]:
    """Dancers seen in `video` as (left, right) x extents, shares of the frame width, left to right.
    Raises game.pose.capture.CameraError for a missing or undecodable video."""
    from game.pose.capture import VideoFile
    from game.pose.landmarks import VideoLandmarker
    found: list[tuple[float, float, float]] = []  # (left, right, hips x)
    opened = VideoFile(Path(video))
    try:
        with VideoLandmarker(tracking=False) as marker:
            for t in LOOK_AT_S:
                image = opened.frame_at(t)
                if image is None:
                    continue
                w = image.shape[1]
                for x0, width in [(0.0, 1.0)] + [(x, STRIP) for x in np.arange(0.0, 1.0 - STRIP + 1e-6, STEP)]:
                    lo, hi = int(x0 * w), int((x0 + width) * w)
                    lm = marker.process(np.ascontiguousarray(image[:, lo:hi]))
                    if lm is None or lm.score() < WHOLE_PERSON:
                        continue
                    xs = lm.points[[11, 12, 15, 16, 23, 24, 27, 28], 0]
                    cut = (xs.min() < EDGE and x0 > 0) or (xs.max() > 1 - EDGE and x0 + width < 1 - 1e-6)
                    if cut:  # a person cut by the strip's edge: a whole strip elsewhere shows them whole
                        continue
                    hips = x0 + float(lm.points[[23, 24], 0].mean()) * width
                    ext = (x0 + xs.clip(0, 1).min() * width, x0 + xs.clip(0, 1).max() * width)
                    same = [k for k, f in enumerate(found) if _same(hips, ext, f)]
                    if same:  # the same dancer seen in another strip or frame: keep the first look at them
                        continue
                    found.append((ext[0], ext[1], hips))
    finally:
        opened.close()
    return sorted((lo, hi) for lo, hi, _ in found)


def _same(hips: float, ext: tuple[float, float], seen: tuple[float, float, float]) -> bool:
    """Is a person whose hips are at x `hips` the dancer `seen` (lo, hi, hips x)? Their hips are
    closer than half the wider body (two dancers side by side stand at least a body apart)."""
    return abs(hips - seen[2]) < max(ext[1] - ext[0], seen[1] - seen[0], 0.05) / 2


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
