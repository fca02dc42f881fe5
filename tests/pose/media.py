"""Small video files built inside the tests, with the metadata phones write.

OpenCV's writer makes a plain constant-rate MP4 (MPEG-4 Part 2, its 'moov' box after the media);
the helpers then edit the MP4 boxes the way a phone or another encoder would have written them:
a rotation matrix in 'tkhd', per-frame durations in 'stts' (a variable frame rate), another codec
in 'stsd'. No ffmpeg binary is needed (this machine has none)."""
from __future__ import annotations

import struct
from pathlib import Path
from typing import Sequence

import cv2
import numpy as np

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
# tkhd matrices (a, b, u, c, d, v, x, y, w) as FFmpeg's muxer writes a rotation tag (degrees clockwise).
MATRICES = {0: (0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000),
            90: (0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000),
            180: (-0x10000, 0, 0, 0, -0x10000, 0, 0, 0, 0x40000000),
            270: (0, -0x10000, 0, 0x10000, 0, 0, 0, 0, 0x40000000)}


def write_clip(path: Path, frames: Sequence[np.ndarray], fps: float = 10.0, fourcc: str = "mp4v") -> Path:
    """Frames (BGR, all one size) to a video file at a constant frame rate."""
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (w, h))
    assert writer.isOpened(), f"OpenCV cannot write {fourcc} to {path}"
    for frame in frames:
        writer.write(frame)
    writer.release()
    return Path(path)


def numbered_frames(n: int, size: tuple[int, int] = (96, 64)) -> list[np.ndarray]:
    """n frames (w, h) whose brightness says which frame they are (frame i: grey 20 + 20 * i)."""
    w, h = size
    return [np.full((h, w, 3), min(255, 20 + 20 * i), np.uint8) for i in range(n)]


def _boxes(data: bytes, start: int, end: int, path: tuple = ()):
    """(path of box types, offset, size) for every box, depth first."""
    off = start
    while off < end:
        size, kind = struct.unpack(">I4s", data[off:off + 8])
        here = path + (kind,)
        yield here, off, size
        if kind in CONTAINERS:
            yield from _boxes(data, off + 8, off + size, here)
        off += size


def _find(data: bytes, kind: bytes) -> tuple[tuple, int, int]:
    for path, off, size in _boxes(data, 0, len(data)):
        if path[-1] == kind:
            return path, off, size
    raise AssertionError(f"no {kind!r} box")


def set_rotation(path: Path, degrees: int) -> None:
    """Tag the video as rotated `degrees` clockwise for display (what a phone held upright writes)."""
    data = bytearray(Path(path).read_bytes())
    _, off, _ = _find(data, b"tkhd")
    assert data[off + 8] == 0, "version-0 tkhd expected"
    matrix_at = off + 8 + 40
    data[matrix_at:matrix_at + 36] = struct.pack(">9i", *MATRICES[degrees])
    Path(path).write_bytes(bytes(data))


def set_frame_durations(path: Path, seconds: Sequence[float]) -> list[float]:
    """Give each frame its own duration (a variable frame rate); returns each frame's start time (s).

    Rewrites 'stts' and the media duration, and drops the edit list (which would cut the track to
    its old length). The 'moov' box follows the media data, so no chunk offset moves."""
    data = bytes(Path(path).read_bytes())
    _, mdhd, _ = _find(data, b"mdhd")
    timescale = struct.unpack(">I", data[mdhd + 20:mdhd + 24])[0]
    ticks = [max(1, round(s * timescale)) for s in seconds]
    stts_path, stts, stts_size = _find(data, b"stts")
    body = struct.pack(">II", 0, len(ticks)) + b"".join(struct.pack(">II", 1, t) for t in ticks)
    new_box = struct.pack(">I4s", 8 + len(body), b"stts") + body
    grow = len(new_box) - stts_size
    out = bytearray(data[:stts] + new_box + data[stts + stts_size:])
    for parent_path, off, size in list(_boxes(data, 0, len(data))):
        if parent_path[-1] in CONTAINERS and parent_path == stts_path[:len(parent_path)] and off < stts:
            struct.pack_into(">I", out, off, size + grow)
    struct.pack_into(">I", out, mdhd + 24, sum(ticks))
    _, edts, _ = _find(bytes(out), b"edts")
    out[edts + 4:edts + 8] = b"free"
    Path(path).write_bytes(bytes(out))
    starts, t = [], 0
    for tick in ticks:
        starts.append(t / timescale)
        t += tick
    return starts


def set_codec(path: Path, fourcc: str) -> None:
    """Label the video track as another codec (e.g. 'av01'): a file this machine has no decoder for."""
    data = bytearray(Path(path).read_bytes())
    _, stsd, size = _find(data, b"stsd")
    entry = stsd + 16  # stsd header (8), version/flags (4), entry count (4): then the entry's size and type
    data[entry + 4:entry + 8] = fourcc.encode("ascii")
    esds = data.find(b"esds", entry, stsd + size)  # FFmpeg takes MPEG-4's codec from here: hide it
    if esds > 0:
        data[esds:esds + 4] = b"free"
    Path(path).write_bytes(bytes(data))
