"""Headless play from a video file: the video is the player, its own timestamps are the song time.

`VideoPlayer` is a PredictionSource like the autoplayer: asked for predictions up to song time
t, it runs every video frame captured by then through MediaPipe and the classifier. So the same
`play_headless` loop (virtual clock) drives both, and the judge sees each prediction at its
frame's capture time."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from game.chart import Chart
from game.headless import play_headless
from game.judge import HitRule, Prediction, TimingWindows
from game.pose.capture import CameraError, Frame, video_frames
from game.pose.classifier import ModelError, PoseClassifier
from game.pose.landmarks import LandmarkError, VideoLandmarker
from game.pose.tracker import PoseTracker, Status
from game.session import PlaySession


class CameraPlayError(Exception):
    """Video, model or landmarker problem; str() says what to do."""


class VideoPlayer:
    """Predictions from a video's frames, in capture order, plus per-frame figures."""

    def __init__(self, video: Path, tracker: PoseTracker):
        self._frames = video_frames(video)
        self._tracker = tracker
        self._next: Frame | None = self._read()
        self.process_ms: list[float] = []
        self.statuses = {Status.OK: 0, Status.NOBODY: 0, Status.PARTIAL: 0}

    def _read(self) -> Frame | None:
        try:
            return next(self._frames, None)
        except CameraError as err:
            raise CameraPlayError(str(err)) from None

    def predictions_until(self, t: float) -> list[Prediction]:
        out = []
        while self._next is not None and self._next.t <= t:
            tracked = self._tracker.process(self._next)
            self.process_ms.append(tracked.process_ms)
            self.statuses[tracked.status] += 1
            if tracked.prediction is not None:
                out.append(tracked.prediction)
            self._next = self._read()
        return out

    def figures(self) -> dict:
        pct = lambda q: round(float(np.percentile(self.process_ms, q)), 2) if self.process_ms else None  # noqa: E731
        return {"frames": len(self.process_ms), "statuses": self.statuses,
                "process_ms_median": pct(50), "process_ms_p95": pct(95)}


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
    try:
        player = VideoPlayer(Path(video), PoseTracker(landmarker, classifier))
        session = play_headless(chart, player, windows, rule)
    finally:
        landmarker.close()
    stale = classifier.stale
    return session, {**player.figures(), **({"model_stale": stale} if stale else {})}
