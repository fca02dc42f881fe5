"""The player's skeleton over a song, kept for the replays (game/scenes/replay.py).

The pose worker hands every processed camera frame to `SkeletonRecording.add`: its capture time
(song seconds), the 33 landmarks (normalised x, y, z, visibility, in the unmirrored camera image),
the segment directions the judge compared (game.pose.features.ANGLE_NAMES, degrees) and p(pose)
for each pose the classifier knows. No camera picture is kept unless the player asked for them
(Settings: "Keep camera pictures for replays"); then only small JPEGs within PICTURE_MARGIN_S of
each cue, up to PICTURE_BYTES. Memory is bounded: MAX_FRAMES frames (10 minutes at 30 fps,
about 6 MB as float16), later frames are not kept and `dropped` counts them.

A recording is saved as one compressed .npz per play (no pickles: a damaged or foreign file is a
RecordingError with its path, never a crash) and the folder keeps the newest KEEP_PLAYS."""
from __future__ import annotations

import bisect
import os
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from game.pose.features import ANGLE_NAMES
from game.poselib import wrap_degrees

MAX_FRAMES = 18_000  # 10 minutes at 30 fps: ~6 MB of skeletons
MAX_GAP_S = 0.25  # frames further apart than this are not blended (the judge's HitRule.max_gap)
PICTURE_MARGIN_S = 1.5  # pictures are kept this close (s) to a cue's beat or end, when asked for
PICTURE_SIDE = 192  # px, the longer side of a kept picture
PICTURE_QUALITY = 70  # JPEG quality of a kept picture
PICTURE_BYTES = 16 * 1024 * 1024  # at most this much JPEG per recording (~5,000 camera pictures of ~3 KB)
KEEP_PLAYS = 20  # the replay folder keeps this many plays' recordings, newest first
FORMAT_VERSION = 1
STATUS_CODES = {"ok": 0, "nobody": 1, "partial": 2}


class RecordingError(Exception):
    """A recording file that cannot be read; str() names the file and what to do."""


@dataclass(frozen=True)
class SkeletonAt:
    """The player at one song time: landmarks (33, 4) or None (angles only: the demo), segment
    directions (degrees by name), and the recorded frame nearest that time."""

    t: float
    points: np.ndarray | None
    angles: dict[str, float]
    frame: int


class PictureKeep:
    """Which frames keep a picture (near a cue, under the byte budget) and how they are shrunk."""

    def __init__(self, cue_spans: Sequence[tuple[float, float]], margin_s: float = PICTURE_MARGIN_S,
                 max_bytes: int = PICTURE_BYTES):
        """`cue_spans`: (beat s, end s) of each cue, song time."""
        self.spans = sorted((a - margin_s, b + margin_s) for a, b in cue_spans)
        self._starts = [a for a, _ in self.spans]
        self.max_bytes = max_bytes
        self.used = 0
        self.refused = 0  # pictures wanted but over the budget

    def wants(self, t: float) -> bool:
        i = bisect.bisect_right(self._starts, t)
        return any(a <= t <= b for a, b in self.spans[max(0, i - 3):i])

    def encode(self, image: np.ndarray) -> bytes | None:
        """A BGR frame as a small JPEG, or None when the budget is spent (or the encoder fails)."""
        import cv2

        h, w = image.shape[:2]
        scale = PICTURE_SIDE / max(h, w)
        if scale < 1.0:
            image = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, PICTURE_QUALITY])
        if not ok or self.used + data.size > self.max_bytes:
            self.refused += 1
            return None
        self.used += int(data.size)
        return data.tobytes()


class SkeletonRecording:
    """Frames in capture order, in preallocated arrays that grow to at most `max_frames`.
    Thread-safe: the pose worker adds, the screens read."""

    def __init__(self, labels: Sequence[str] = (), max_frames: int = MAX_FRAMES, pictures: PictureKeep | None = None,
                 source: str = "camera"):
        """`labels`: the classifier's poses (p(pose) is kept for these); `source`: "camera" (the
        player's skeleton) or "demo" (the autoplayer's angles, no landmarks)."""
        self.labels = tuple(labels)
        self.max_frames = max_frames
        self.pictures_keep = pictures
        self.source = source
        self.size = (0, 0)  # (w, h) px of the camera frames: the landmarks' aspect ratio
        self.dropped = 0
        self.pictures: dict[int, bytes] = {}  # frame index -> JPEG bytes
        self._lock = threading.Lock()
        self._n = 0
        self._alloc(256)

    def _alloc(self, cap: int) -> None:
        cap = min(cap, self.max_frames)
        old = getattr(self, "_t", None)
        t = np.zeros(cap, np.float64)
        points = np.full((cap, 33, 4), np.nan, np.float16)
        angles = np.full((cap, len(ANGLE_NAMES)), np.nan, np.float16)
        probs = np.zeros((cap, len(self.labels)), np.float16)
        status = np.zeros(cap, np.uint8)
        if old is not None:
            n = self._n
            t[:n], points[:n], angles[:n], probs[:n], status[:n] = (
                self._t[:n], self._points[:n], self._angles[:n], self._probs[:n], self._status[:n])
        self._t, self._points, self._angles, self._probs, self._status = t, points, angles, probs, status

    # --- recording ------------------------------------------------------------------------------
    def add(self, tracked) -> bool:
        """Keep one TrackedFrame (game.pose.tracker); False when the recording is full."""
        p = tracked.prediction
        lm = tracked.landmarks
        image = tracked.frame.image
        return self.add_frame(tracked.frame.t, None if lm is None else lm.points,
                              None if p is None else p.angles, None if p is None else p.probs,
                              status=tracked.status, size=(image.shape[1], image.shape[0]), image=image)

    def add_frame(self, t: float, points: np.ndarray | None, angles: Mapping[str, float] | None,
                  probs: Mapping[str, float] | None, status: str = "ok", size: tuple[int, int] | None = None,
                  image: np.ndarray | None = None) -> bool:
        """Keep one frame: capture time t (song s), landmarks (33, 4) normalised or None (nobody, or
        the demo), segment directions (degrees) and p(pose) by pose id. An earlier or equal time than
        the last frame's is ignored (frames come in capture order). False when full or ignored."""
        picture = None
        keep = self.pictures_keep
        if image is not None and keep is not None and keep.wants(t):
            picture = keep.encode(image)  # outside the lock: a few hundred microseconds
        with self._lock:
            n = self._n
            if probs and not self.labels and not n:  # no labels given: the first frame's poses
                self.labels = tuple(probs)
                self._probs = np.zeros((len(self._t), len(self.labels)), np.float16)
            if n and t <= self._t[n - 1]:
                return False
            if n >= self.max_frames:
                self.dropped += 1
                return False
            if n >= len(self._t):
                self._alloc(2 * len(self._t))
            self._t[n] = t
            if points is not None:
                self._points[n] = np.asarray(points, np.float32)[:33, :4]
            if angles:
                self._angles[n] = [angles.get(name, np.nan) for name in ANGLE_NAMES]
            if probs and self.labels:
                self._probs[n] = [probs.get(label, 0.0) for label in self.labels]
            self._status[n] = STATUS_CODES.get(status, 0)
            if size is not None and self.size == (0, 0):
                self.size = (int(size[0]), int(size[1]))
            if picture is not None:
                self.pictures[n] = picture
            self._n = n + 1
        return True

    # --- reading --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    @property
    def times(self) -> np.ndarray:
        """(N,) capture times, song seconds."""
        return self._t[:self._n]

    @property
    def points(self) -> np.ndarray:
        """(N, 33, 4) float16 landmarks (NaN where nobody was seen, or for the demo)."""
        return self._points[:self._n]

    @property
    def angles(self) -> np.ndarray:
        """(N, 10) float16 segment directions in ANGLE_NAMES order, degrees (NaN: none)."""
        return self._angles[:self._n]

    def probs(self, pose: str) -> np.ndarray:
        """(N,) p(pose) per frame (zeros for a pose the classifier did not know)."""
        if pose not in self.labels:
            return np.zeros(self._n, np.float32)
        return self._probs[:self._n, self.labels.index(pose)].astype(np.float32)

    @property
    def has_skeleton(self) -> bool:
        return bool(self._n) and bool(np.isfinite(self.points[:, :, 0]).any())

    def frames_between(self, t0: float, t1: float) -> range:
        """Indices of the frames captured in [t0, t1] (song s)."""
        times = self.times
        return range(int(np.searchsorted(times, t0, "left")), int(np.searchsorted(times, t1, "right")))

    def at(self, t: float, max_gap: float = MAX_GAP_S) -> SkeletonAt | None:
        """The player at song time t, blended between the two frames around it (a replay slowed
        down still moves smoothly); None when no frame with a body is within max_gap (s) of t."""
        times = self.times
        if not len(times):
            return None
        i = int(np.searchsorted(times, t, "right")) - 1
        near = [k for k in (i, i + 1) if 0 <= k < len(times) and self._seen(k) and abs(times[k] - t) <= max_gap]
        if not near:
            return None
        frame = min(near, key=lambda k: abs(times[k] - t))
        points = self._points[frame].astype(np.float32)
        angles = self._angles[frame].astype(np.float32)
        if len(near) == 2 and times[i + 1] - times[i] <= max_gap:  # blend what both frames have
            a, b = i, i + 1
            w = float((t - times[a]) / max(times[b] - times[a], 1e-9))
            pa, pb = self._points[a].astype(np.float32), self._points[b].astype(np.float32)
            if np.isfinite(pa[:, :2]).all() and np.isfinite(pb[:, :2]).all():
                points = pa + (pb - pa) * w
            da, db = self._angles[a].astype(np.float32), self._angles[b].astype(np.float32)
            both = np.isfinite(da) & np.isfinite(db)
            angles = np.where(both, da + wrap_degrees(db - da) * w, angles)
        points = None if not np.isfinite(points[:, :2]).all() else points
        named = {name: float(v) for name, v in zip(ANGLE_NAMES, angles) if np.isfinite(v)}
        return SkeletonAt(float(t), points, named, frame)

    def trace(self, pose: str, t0: float, t1: float) -> tuple[tuple[float, float], ...]:
        """(capture time s, p(pose)) of every frame in [t0, t1] where a body was seen (Judgement.trace's shape)."""
        probs = self.probs(pose)
        return tuple((float(self._t[k]), float(probs[k])) for k in self.frames_between(t0, t1) if self._seen(k))

    def _seen(self, k: int) -> bool:
        return bool(np.isfinite(self._points[k, 0, 0]) or np.isfinite(self._angles[k]).any())

    def picture_near(self, frame: int, within: int = 2) -> bytes | None:
        """The kept JPEG of frame `frame` or of one within `within` frames of it, else None."""
        for d in range(within + 1):
            for k in (frame - d, frame + d):
                if k in self.pictures:
                    return self.pictures[k]
        return None

    # --- files ----------------------------------------------------------------------------------
    def save(self, path: Path) -> Path:
        """Write the recording as one compressed .npz (atomically: a temporary file, then renamed).
        Raises OSError when the folder cannot be written."""
        path = Path(path)
        with self._lock:
            n = self._n
            order = sorted(self.pictures)
            blobs = [self.pictures[k] for k in order]
            arrays = dict(version=np.int32(FORMAT_VERSION), source=np.str_(self.source), t=self._t[:n].copy(),
                          points=self._points[:n].copy(), angles=self._angles[:n].copy(), probs=self._probs[:n].copy(),
                          status=self._status[:n].copy(), labels=np.array(self.labels, dtype=str),
                          angle_names=np.array(ANGLE_NAMES, dtype=str), size=np.array(self.size, np.int32),
                          dropped=np.int64(self.dropped), picture_frames=np.array(order, np.int64),
                          picture_ends=np.cumsum([len(b) for b in blobs], dtype=np.int64),
                          picture_bytes=np.frombuffer(b"".join(blobs), np.uint8))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "wb") as f:
            np.savez_compressed(f, **arrays)
        os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, path: Path) -> "SkeletonRecording":
        """Read a file written by save(). Raises RecordingError (missing, damaged, another layout)."""
        path = Path(path)
        if not path.exists():
            raise RecordingError(f"no replay was saved for this play ({path} not found)")
        damaged = f"the replay {path} is damaged ({{}}) and cannot be shown; delete it, the play's scores are kept"
        if not zipfile.is_zipfile(path):
            raise RecordingError(damaged.format("not a replay file"))
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["version"]) != FORMAT_VERSION or tuple(data["angle_names"]) != ANGLE_NAMES:
                    raise RecordingError(f"the replay {path} was saved by another version of the game and cannot be shown")
                t, points, angles = data["t"], data["points"], data["angles"]
                probs, status, labels = data["probs"], data["status"], [str(x) for x in data["labels"]]
                n = len(t)
                if points.shape != (n, 33, 4) or angles.shape != (n, len(ANGLE_NAMES)) or probs.shape != (n, len(labels)) \
                        or status.shape != (n,) or (n > 1 and bool(np.any(np.diff(t) <= 0))):
                    raise RecordingError(f"the replay {path} is damaged (its arrays do not match) and cannot be shown")
                rec = cls(labels, max_frames=max(n, 1), source=str(data["source"]))
                rec._t, rec._points, rec._angles, rec._probs, rec._status = t, points, angles, probs, status
                rec._n = n
                rec.size = (int(data["size"][0]), int(data["size"][1]))
                rec.dropped = int(data["dropped"])
                ends, blob = data["picture_ends"], data["picture_bytes"].tobytes()
                starts = np.concatenate([[0], ends[:-1]]) if len(ends) else ends
                rec.pictures = {int(k): blob[int(a):int(b)] for k, a, b in zip(data["picture_frames"], starts, ends)}
        except RecordingError:
            raise
        except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, zipfile.BadZipFile) as err:
            raise RecordingError(damaged.format(err)) from None
        return rec


def looks_whole(path: Path) -> bool:
    """Whether the file at `path` has a replay's table of contents (the zip directory naming
    version, t and points): read from the file's end, so a list of plays can ask it of every row.
    A file cut short or overwritten fails; damage inside the arrays is found only by load()."""
    try:
        with zipfile.ZipFile(path) as z:
            return {"version.npy", "t.npy", "points.npy"} <= set(z.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def room_for_next(kept: Sequence[SkeletonRecording], next_frames: int, max_frames: int = MAX_FRAMES,
                  max_bytes: int = PICTURE_BYTES) -> tuple[int, int, int]:
    """Several recordings under one cap (a looped practice records each pass on its own, and all its
    passes together stay under MAX_FRAMES frames and PICTURE_BYTES of pictures): how many of the
    oldest of `kept` to let go so that the rest and `next_frames` more fit, and the frames and
    picture bytes left for the next recording. Returns (let go, frames left, bytes left)."""
    sizes = [len(r) for r in kept]
    drop = 0
    while drop < len(kept) and sum(sizes[drop:]) + next_frames > max_frames:
        drop += 1
    rest = kept[drop:]
    used_bytes = sum(len(b) for r in rest for b in r.pictures.values())
    return drop, max_frames - sum(sizes[drop:]), max(max_bytes - used_bytes, 0)


# --- the replay folder: one file per play ---------------------------------------------------------
def replay_folder(save_file: Path) -> Path:
    """Where the replays live: a `replays` folder beside the save file (the user data folder)."""
    return Path(save_file).parent / "replays"


def replay_path(folder: Path, play_id: int) -> Path:
    return Path(folder) / f"play-{int(play_id):07d}.npz"


def save_for_play(recording: SkeletonRecording, folder: Path, play_id: int, keep: int = KEEP_PLAYS) -> Path:
    """Save `recording` as play `play_id`'s replay and delete all but the newest `keep` replays
    (by play id). Raises OSError when the folder cannot be written."""
    path = recording.save(replay_path(folder, play_id))
    prune(folder, keep)
    return path


def load_for_play(folder: Path, play_id: int) -> SkeletonRecording:
    """Play `play_id`'s replay. Raises RecordingError (missing or damaged)."""
    return SkeletonRecording.load(replay_path(folder, play_id))


def prune(folder: Path, keep: int = KEEP_PLAYS) -> list[Path]:
    """Delete the replays of all but the newest `keep` plays; returns what was deleted."""
    found = []
    for path in Path(folder).glob("play-*.npz"):
        try:
            found.append((int(path.stem.split("-", 1)[1]), path))
        except ValueError:
            continue  # not ours: leave it
    gone = [path for _, path in sorted(found, reverse=True)[keep:]]
    for path in gone:
        try:
            path.unlink()
        except OSError:
            pass
    return gone
