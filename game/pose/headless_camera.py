"""Headless play from a video file: the video is the player, its own timestamps are the song time.

`VideoPlayer` is a PredictionSource like the autoplayer: asked for predictions up to song time
t, it runs every video frame captured by then through MediaPipe and the classifier. So the same
`play_headless` loop (virtual clock) drives both, and the judge sees each prediction at its
frame's capture time.

A video that ends before the song does not stop the song: the rest is judged as nobody there, and
the figures say when it ended (`camera_ended_at`) with a warning on stderr, as does a picture too
dark to see anyone in."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from game.chart import Chart
from game.headless import play_headless
from game.judge import HitRule, Prediction, TimingWindows
from game.pose.capture import DARK_BELOW, CameraError, Frame, VideoFile, brightness, camera_video, video_frames
from game.pose.classifier import ModelError, PoseClassifier
from game.pose.landmarks import LandmarkError, VideoLandmarker
from game.pose.tracker import PoseTracker, Status
from game.practice.calibration import camera_delay_from_play
from game.session import PlaySession


class CameraPlayError(Exception):
    """Video, model or landmarker problem; str() says what to do."""


class VideoPlayer:
    """Predictions from a video's frames, in capture order, plus per-frame figures."""

    def __init__(self, video: Path | VideoFile, tracker: PoseTracker, shift: float = 0.0):
        """`shift` (s) is added to every frame's time: minus the player's camera delay (the setting), plus
        a test lag (--camera-shift: a camera whose picture arrives that late)."""
        self.shift = shift
        self.seen: list[Prediction] = []  # every prediction handed out, for the camera-delay suggestion
        self.video = video if isinstance(video, VideoFile) else _open(Path(video))
        self._frames = video_frames(self.video)
        self._tracker = tracker
        self._next: Frame | None = self._read()
        self.process_ms: list[float] = []
        self.statuses = {Status.OK: 0, Status.NOBODY: 0, Status.PARTIAL: 0}
        self.dark_frames: list[float] = []  # brightness of each frame where nobody was found in the dark
        self.ended_at: float | None = None  # song time the video ended, when it ended before the song was judged

    def _read(self) -> Frame | None:
        try:
            frame = next(self._frames, None)
        except CameraError as err:
            raise CameraPlayError(str(err)) from None
        if frame is None and self.ended_at is None:
            self.ended_at = self.video.ended_at
        return frame

    def predictions_until(self, t: float) -> list[Prediction]:
        out = []
        while self._next is not None and self._next.t + self.shift <= t:
            frame = self._next if not self.shift else replace(self._next, t=self._next.t + self.shift)
            tracked = self._tracker.process(frame)
            self.process_ms.append(tracked.process_ms)
            self.statuses[tracked.status] += 1
            if tracked.status == Status.NOBODY:
                level = brightness(self._next.image)
                if level < DARK_BELOW:
                    self.dark_frames.append(level)
            if tracked.prediction is not None:
                out.append(tracked.prediction)
            self._next = self._read()
        self.seen.extend(out)
        return out

    def too_dark(self) -> bool:
        """Nobody was seen in most frames, and those frames were dark: the room, not the player, is the problem."""
        return bool(self.process_ms) and len(self.dark_frames) >= 0.5 * len(self.process_ms)

    def warnings(self, song_end: float, said_ends_at: float | None = None) -> list[str]:
        """What the player should know about the video, in words (also printed to stderr).
        `said_ends_at`: the end (s) the player was already warned of before play; an end within
        half a second of it is not said twice."""
        name = self.video.path.name
        out = []
        already = said_ends_at is not None and self.ended_at is not None and abs(self.ended_at - said_ends_at) < 0.5
        if self.ended_at is not None and self.ended_at < song_end and not already:
            out.append(f"the video '{name}' ended at {self.ended_at:.1f} s, before the song's last move "
                       f"({song_end:.1f} s): every move after that is a miss. Use a clip as long as the song.")
        if self.too_dark():
            level = float(np.median(self.dark_frames))
            out.append(f"the picture in '{name}' is too dark to see anyone in {len(self.dark_frames)} of "
                       f"{len(self.process_ms)} frames (brightness {level:.0f} of 255): turn on a light or face a "
                       f"window, and keep bright light behind the camera, not behind you.")
        return out

    def figures(self) -> dict:
        pct = lambda q: round(float(np.percentile(self.process_ms, q)), 2) if self.process_ms else None  # noqa: E731
        return {"frames": len(self.process_ms), "statuses": self.statuses,
                "process_ms_median": pct(50), "process_ms_p95": pct(95),
                "too_dark_frames": len(self.dark_frames), "camera_ended_at": self.ended_at,
                "video": self.video.describe()}


def _open(video: Path) -> VideoFile:
    try:
        return camera_video(video)
    except CameraError as err:
        raise CameraPlayError(str(err)) from None


def last_move_end(chart: Chart) -> float:
    """Song time (s) of the end of the chart's last move: a camera must last at least this long."""
    return max((c.end_time for c in chart.cues), default=0.0)


def play_from_video(chart: Chart, video: Path, library: Path, windows: TimingWindows,
                    rule: HitRule = HitRule(), camera_delay: float = 0.0, camera_shift: float = 0.0) -> tuple[PlaySession, dict]:
    """Play `chart` with the person in `video` as the player. Returns the session and pipeline figures
    (with "warnings": what was wrong with the video, also printed to stderr, and "camera_delay": the
    delay suggested from the hits, as after a song in the window). `camera_delay` (s, the setting) is
    subtracted from frame times; `camera_shift` (s, a test option) stamps them that late.
    Raises CameraPlayError (missing or undecodable video, no model) before any frame is judged."""
    opened = _open(Path(video))  # say so before spending seconds loading the models
    song_end = last_move_end(chart)
    early = []
    if opened.duration is not None and opened.duration < song_end:
        early.append(f"the video '{opened.path.name}' lasts {opened.duration:.1f} s but the song's last move "
                     f"ends at {song_end:.1f} s: moves after the video ends will be misses.")
        print(f"warning: {early[-1]}", file=sys.stderr)
    try:
        classifier = PoseClassifier(library)
        landmarker = VideoLandmarker()
    except (ModelError, LandmarkError) as err:
        opened.close()
        raise CameraPlayError(str(err)) from None
    try:
        player = VideoPlayer(opened, PoseTracker(landmarker, classifier), camera_shift - camera_delay)
        session = play_headless(chart, player, windows, rule)
    finally:
        landmarker.close()
        opened.close()
    later = player.warnings(song_end, opened.duration if early else None)
    for line in later:
        print(f"warning: {line}", file=sys.stderr)
    stale = classifier.stale
    suggestion = camera_delay_from_play(session.judgements, player.seen, rule, camera_delay)
    return session, {**player.figures(), "warnings": early + later, "camera_delay": suggestion.as_dict(),
                     **({"model_stale": stale} if stale else {})}
