"""`python main.py poses watch VIDEO`: what the game sees at each moment of a video, for chart authors.

The video goes through play's own path (video_frames -> PoseTracker: the tracking landmarker,
the choice of player, features, classifier), not still-image mode, so what it prints is what a
song played with this video as the camera would judge. Tracking starts SETTLE_S before --from so
it has settled by the first moment. Each sampled moment is one JSON line; the sampled frames are
drawn into one contact-sheet PNG (skeleton and top pose over each frame)."""
from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import cv2
import numpy as np

from game.pose.capture import Frame, video_frames
from game.pose.landmarks import INDEX, Landmarks
from game.pose.tracker import PoseTracker, Status, TrackedFrame
from game.poselib import BONES

SETTLE_S = 2.0  # tracking runs this long before the first moment, as it would have in play
TOP_K = 3
THUMB_W = 200  # contact-sheet cell width (px); cells are 3:4, the player cropped to fill them
COLUMNS = 8
STATUS_TEXT = {Status.OK: "ok", Status.NOBODY: "nobody found", Status.PARTIAL: "part of body out of view"}


@dataclass(frozen=True)
class Moment:
    """One sampled moment: the frame nearest at or after `wanted`, what the tracker made of it."""

    wanted: float  # s, the moment asked for
    tracked: TrackedFrame

    def top(self, k: int = TOP_K) -> list[tuple[str, float]]:
        p = self.tracked.prediction
        return sorted(p.probs.items(), key=lambda kv: -kv[1])[:k] if p else []

    def to_json(self) -> dict:
        frame = self.tracked.frame
        top = self.top()
        return {"t": round(self.wanted, 3), "frame_t": round(frame.t, 3), "frame": frame.index,
                "status": STATUS_TEXT.get(self.tracked.status, self.tracked.status),
                "pose": top[0][0] if top else None, "top": [[pose, round(float(q), 4)] for pose, q in top]}


def sample(frames: Iterable[Frame], process: Callable[[Frame], TrackedFrame], start: float, end: float,
           step: float) -> Iterator[Moment]:
    """Run `process` on every frame from start - SETTLE_S to end (s, video time) and yield the
    moments start, start + step, ... (each the first frame at or after it, within half a step)."""
    if step <= 0:
        raise ValueError(f"--step must be more than 0 seconds (got {step:g})")
    if end < start:
        raise ValueError(f"--to ({end:g} s) is before --from ({start:g} s)")
    k = 0
    for frame in frames:
        wanted = start + k * step
        if wanted > end + 1e-9 or frame.t > end + step / 2:
            return
        if frame.t < start - SETTLE_S:
            continue
        tracked = process(frame)
        if frame.t + 1e-6 < wanted:
            continue
        while start + (k + 1) * step <= frame.t + 1e-6:  # frames sparser than the step: skip moments passed
            k += 1
        yield Moment(start + k * step, tracked)
        k += 1


def _bone_points(lm: Landmarks) -> dict[str, tuple[float, float, float]]:
    pts = {name: (float(lm.points[i, 0]), float(lm.points[i, 1]), float(lm.points[i, 3])) for name, i in INDEX.items()}
    ls, rs = pts["left_shoulder"], pts["right_shoulder"]
    pts["shoulder_centre"] = ((ls[0] + rs[0]) / 2, (ls[1] + rs[1]) / 2, min(ls[2], rs[2]))
    return pts


def _crop_box(lm: Landmarks | None, w: int, h: int, aspect: float) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 (px) of the frame to show: the player with a margin, at width/height = aspect;
    the whole frame when nobody was found."""
    if lm is None:
        return 0, 0, w, h
    px = lm.pixels()[[0, 11, 12, 15, 16, 23, 24, 27, 28]]
    (x0, y0), (x1, y1) = px.min(0), px.max(0)
    bh = max(y1 - y0, 1.0) * 1.5
    bw = max(x1 - x0, bh * aspect)
    bh = max(bh, bw / aspect)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    bw, bh = min(bw, w), min(bh, h)
    left = int(min(max(cx - bw / 2, 0), w - bw))
    top = int(min(max(cy - bh / 2, 0), h - bh))
    return left, top, left + int(bw), top + int(bh)


def _cell(moment: Moment, width: int) -> np.ndarray:
    """One cell: the player cropped from the frame, the skeleton the game sees (camera view, not
    mirrored), the moment's time and the top pose (or why there is none)."""
    height = round(width * 4 / 3)
    image = moment.tracked.frame.image
    lm = moment.tracked.landmarks
    x0, y0, x1, y1 = _crop_box(lm, image.shape[1], image.shape[0], width / height)
    crop = image[y0:y1, x0:x1]
    scale = min(width / crop.shape[1], height / crop.shape[0])
    shown = cv2.resize(crop, (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale))),
                       interpolation=cv2.INTER_AREA)
    cell = np.full((height, width, 3), 30, np.uint8)
    ox, oy = (width - shown.shape[1]) // 2, (height - shown.shape[0]) // 2
    cell[oy:oy + shown.shape[0], ox:ox + shown.shape[1]] = shown
    if lm is not None:
        pts = _bone_points(lm)
        colour = (80, 220, 80) if moment.tracked.status == Status.OK else (40, 180, 240)

        def at(p):
            return round(ox + (p[0] * lm.width - x0) * scale), round(oy + (p[1] * lm.height - y0) * scale)
        for a, b in BONES:
            if min(pts[a][2], pts[b][2]) >= 0.3:
                cv2.line(cell, at(pts[a]), at(pts[b]), colour, 2, cv2.LINE_AA)
    top = moment.top(2)
    status = STATUS_TEXT.get(moment.tracked.status, "")
    banner = np.zeros((58, width, 3), np.uint8)
    cv2.putText(banner, f"{moment.wanted:.2f} s" + ("" if moment.tracked.status == Status.OK else f"  {status}"),
                (6, 16), cv2.FONT_HERSHEY_SIMPLEX, 0.42, (255, 255, 255) if moment.tracked.status == Status.OK
                else (80, 160, 255), 1, cv2.LINE_AA)
    for i, (pose, q) in enumerate(top):
        cv2.putText(banner, f"{pose[:20]} {q:.2f}", (6, 34 + 18 * i), cv2.FONT_HERSHEY_SIMPLEX, 0.42,
                    (120, 255, 120) if i == 0 else (170, 170, 170), 1, cv2.LINE_AA)
    return np.vstack([banner, cell])


def contact_sheet(moments: list[Moment], path: Path, width: int = THUMB_W, columns: int = COLUMNS) -> Path:
    """Write the moments as a grid of thumbnails (row by row, in time order). Raises OSError."""
    if not moments:
        raise ValueError("no moments to draw: the video has no frames between --from and --to")
    cells = [_cell(m, width) for m in moments]
    ch = max(c.shape[0] for c in cells)
    rows = math.ceil(len(cells) / columns)
    cols = min(columns, len(cells))
    sheet = np.full((rows * (ch + 4) + 4, cols * (width + 4) + 4, 3), 30, np.uint8)
    for i, c in enumerate(cells):
        y, x = 4 + (i // columns) * (ch + 4), 4 + (i % columns) * (width + 4)
        sheet[y:y + c.shape[0], x:x + width] = c
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not cv2.imwrite(str(path), sheet):
        raise OSError(f"{path}: could not write the contact sheet (is the folder writable, does it end in .png?)")
    return path.absolute()


def watch(video: Path, library: Path, start: float = 0.0, end: float | None = None, step: float = 0.5,
          png: Path | None = None, out=None) -> Path:
    """Print one JSON line per moment to `out`, write the contact sheet (to `png`, else
    default_sheet(video)), return its absolute path.

    Raises ValueError (bad range, video missing), and the landmarker's / classifier's errors."""
    from game.pose.classifier import PoseClassifier
    from game.pose.landmarks import VideoLandmarker

    video = Path(video)
    if not video.is_file():
        raise ValueError(f"video file '{video}' not found; check the path")
    classifier = PoseClassifier(library)
    if classifier.stale:
        print(f"warning: {classifier.stale}", file=sys.stderr)
    moments: list[Moment] = []
    with VideoLandmarker() as landmarker:
        tracker = PoseTracker(landmarker, classifier)
        for moment in sample(video_frames(video), tracker.process, start, math.inf if end is None else end, step):
            moments.append(moment)
            print(json.dumps(moment.to_json(), ensure_ascii=False), file=out or sys.stdout, flush=True)
    if not moments:
        raise ValueError(f"{video}: no frames between {start:g} s and {'the end' if end is None else f'{end:g} s'}; "
                         f"check --from and --to against the video's length")
    return contact_sheet(moments, png or default_sheet(video))


def default_sheet(video: Path) -> Path:
    """Where the contact sheet goes when --png is not given: the player's data folder
    (<user data>/watch/<video>-watch.png), not the folder the command happened to run in."""
    from game.paths import user_data_dir

    return user_data_dir() / "watch" / f"{Path(video).stem}-watch.png"
