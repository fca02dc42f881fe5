"""Headless play from a video file: the video's own timestamps are the song time (a virtual clock),
every frame goes through MediaPipe and the classifier, and the judge sees each prediction at
its capture time. Also measures the pipeline: per-frame time and capture-to-judgement latency."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from game.chart import Chart
from game.judge import HitRule, TimingWindows
from game.pose.capture import CameraError, video_frames
from game.pose.classifier import ModelError, PoseClassifier
from game.pose.landmarks import LandmarkError, VideoLandmarker
from game.pose.tracker import PoseTracker, Status
from game.session import PlaySession

STEP_S = 1 / 60


class CameraPlayError(Exception):
    """Video, model or landmarker problem; str() says what to do."""


def play_from_video(chart: Chart, video: Path, library: Path, windows: TimingWindows,
                    rule: HitRule = HitRule()) -> tuple[PlaySession, dict]:
    """Play `chart` with the person in `video` as the player. Returns the session and pipeline figures."""
    if not Path(video).is_file():  # say so before spending seconds loading the models
        raise CameraPlayError(f"video file '{video}' not found; check the path given to --camera")
    try:
        classifier = PoseClassifier(library)
        landmarker = VideoLandmarker()
    except (ModelError, LandmarkError) as err:
        raise CameraPlayError(str(err)) from None
    tracker = PoseTracker(landmarker, classifier)
    session = PlaySession(chart, windows, rule)
    process_ms, latency_ms, statuses = [], [], {Status.OK: 0, Status.NOBODY: 0, Status.PARTIAL: 0}
    now = 0.0
    try:
        for frame in video_frames(video):
            captured = time.perf_counter()
            tracked = tracker.process(frame)
            if tracked.prediction is not None:
                session.feed([tracked.prediction])
            now = frame.t
            session.update(now)
            latency_ms.append((time.perf_counter() - captured) * 1000)
            process_ms.append(tracked.process_ms)
            statuses[tracked.status] += 1
    except CameraError as err:
        raise CameraPlayError(str(err)) from None
    finally:
        landmarker.close()
    end = session.end_time()
    while not session.finished(now) and now <= end + 1.0:  # the video ended: the rest of the song is missed
        now += STEP_S
        session.update(now)
    stale = classifier.stale
    stats = {"frames": len(process_ms), "statuses": statuses,
             "process_ms_median": _pct(process_ms, 50), "process_ms_p95": _pct(process_ms, 95),
             "capture_to_judgement_ms_p95": _pct(latency_ms, 95), **({"model_stale": stale} if stale else {})}
    return session, stats


def _pct(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 2) if values else None
