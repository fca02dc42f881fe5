"""Coach landmarks on disk: one compact .npz per (video bytes, dancer choice, VERSION).

The file lives in the user cache folder beside the converted audio (game.audiofile.cache_dir;
KPOP_TRAINER_CACHE moves it for tests) as coach/<sha256[:16]>-<dancer>-v<VERSION>.npz, keyed like
the stretch cache by the SHA-256 of the video's bytes: a re-encoded or edited video, or another
dancer of a group video, gets a new file; a copy of the same video (song new copies it into the
song folder) finds the one `chart from-video` wrote. Arrays:
  times      (N,)       float64  seconds of video time (the frame's own timestamp)
  landmarks  (N, 33, 4) float16  normalised x, y (0..1 of the upright frame), z, visibility;
                                 NaN rows where nobody was found
float16 keeps x and y to 1/2000 of the frame (half a pixel at 1080p): 3 minutes at 15 rows a
second is ~0.7 MB before compression."""
from __future__ import annotations

import os
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.audiofile import cache_dir, file_sha256

VERSION = 1          # part of the key: a change to the tracking path or the file layout computes anew
MAX_GAP_S = 0.25     # rows further apart than this are not blended (a frame without the dancer lies between)
NEAREST_S = 0.1      # else the nearest row within this many seconds is shown
_PEOPLE = {"left": "left", "centre": "centre", "center": "centre", "middle": "centre", "right": "right"}


class CoachSkeletonError(Exception):
    """A cache file that cannot be used (damaged, another layout); str() names it and what happens next."""


def person_key(person: str | int | None) -> str:
    """The dancer choice as it appears in the key: 'any' (whoever the tracker follows), left, centre,
    right or the dancer's number (1 = leftmost). Raises ValueError for anything else."""
    if person is None or str(person).strip() == "":
        return "any"
    key = str(person).strip().lower()
    if key in _PEOPLE:
        return _PEOPLE[key]
    if key.isdigit() and 1 <= int(key) <= 99:
        return str(int(key))
    raise ValueError(f"dancer '{person}': give left, centre, right or a number from 1 (the leftmost dancer)")


_HASHES: dict[tuple[str, int, int], str] = {}
_HASH_LOCK = threading.Lock()


def video_hash(video: Path) -> str:
    """file_sha256 of the video, remembered for this run per (path, size, modification time): a
    3-minute 1080p video takes about a second to hash, and the play screen asks every time it opens."""
    st = Path(video).stat()
    key = (str(Path(video).resolve()), st.st_size, st.st_mtime_ns)
    with _HASH_LOCK:
        known = _HASHES.get(key)
    if known is None:
        known = file_sha256(Path(video))
        with _HASH_LOCK:
            _HASHES[key] = known
    return known


def cache_path(video: Path, person: str | int | None = None, folder: Path | None = None) -> Path:
    """Where the landmarks of `video`'s chosen dancer live. Raises OSError when the video cannot be
    read, ValueError for a dancer choice person_key refuses."""
    return (folder or cache_dir()) / "coach" / f"{video_hash(Path(video))[:16]}-{person_key(person)}-v{VERSION}.npz"


@dataclass(frozen=True)
class CoachPoses:
    """The dancer's landmarks over the video: `times` (N,) s ascending, `landmarks` (N, 33, 4) float32."""

    times: np.ndarray
    landmarks: np.ndarray

    @classmethod
    def from_tracked(cls, times, marks: list) -> "CoachPoses":
        """From keyposes.track's output: times (N,) s and a Landmarks (or None) per frame."""
        rows = np.full((len(marks), 33, 4), np.nan, np.float32)
        for i, lm in enumerate(marks):
            if lm is not None:
                rows[i] = lm.points
        return cls(np.asarray(times, np.float64), rows)

    @property
    def found(self) -> int:
        """Rows in which the dancer was found."""
        return int(np.isfinite(self.landmarks[:, 0, 0]).sum())

    def at(self, t: float) -> np.ndarray | None:
        """(33, 4) landmarks at video time `t` (s): blended between the two rows around t when both
        show the dancer and lie within MAX_GAP_S, else the nearest row within NEAREST_S; None when
        the dancer is not known there (before the first row, after the last, nobody found)."""
        times = self.times
        if not len(times) or t < times[0] - NEAREST_S or t > times[-1] + NEAREST_S:
            return None
        j = int(np.searchsorted(times, t, side="right"))  # times[j-1] <= t < times[j]
        before, after = (j - 1 if j > 0 else None), (j if j < len(times) else None)
        if before is not None and after is not None and times[after] - times[before] <= MAX_GAP_S:
            a, b = self.landmarks[before], self.landmarks[after]
            if np.isfinite(a[0, 0]) and np.isfinite(b[0, 0]):
                k = (t - times[before]) / max(times[after] - times[before], 1e-9)
                out = a + (b - a) * np.float32(k)
                out[:, 3] = np.minimum(a[:, 3], b[:, 3])  # a joint is as sure as its less sure end
                return out
        near = [i for i in (before, after) if i is not None and abs(times[i] - t) <= NEAREST_S
                and np.isfinite(self.landmarks[i, 0, 0])]
        if not near:
            return None
        return self.landmarks[min(near, key=lambda i: abs(times[i] - t))].copy()


def save(path: Path, poses: CoachPoses) -> Path:
    """Write `poses` to `path` atomically (a temporary name renamed): an interrupted write never
    leaves a file that a later load would trust. Raises OSError (disk full, no permission)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as f:
        np.savez_compressed(f, times=np.asarray(poses.times, np.float64),
                            landmarks=np.asarray(poses.landmarks, np.float16), version=np.int32(VERSION))
    os.replace(partial, path)
    return path


def load(path: Path) -> CoachPoses:
    """The landmarks in `path`. Raises FileNotFoundError when there is none, CoachSkeletonError when
    the file is damaged or of another layout (the caller computes it again)."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            version = int(data["version"])
            times = np.asarray(data["times"], np.float64)
            landmarks = np.asarray(data["landmarks"], np.float32)
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise CoachSkeletonError(f"{path}: the coach's skeleton file is damaged ({exc.__class__.__name__}); "
                                 "it will be worked out again") from None
    if version != VERSION or times.ndim != 1 or landmarks.shape != (len(times), 33, 4) \
            or not np.all(np.isfinite(times)) or np.any(np.diff(times) < 0):
        raise CoachSkeletonError(f"{path}: the coach's skeleton file is of another layout; it will be worked out again")
    return CoachPoses(times, landmarks)


def find(video: Path, person: str | int | None = None) -> CoachPoses | None:
    """The cached landmarks of `video`'s dancer, or None when they were never worked out. Raises
    CoachSkeletonError for a damaged file, OSError when the video cannot be read."""
    path = cache_path(video, person)  # a missing video raises here, not read as "never worked out"
    try:
        return load(path)
    except FileNotFoundError:
        return None
