"""Working out the coach's skeleton: the chosen dancer of a video through play's tracking path.

The same path as `chart from-video` (game.chartmaker.keyposes.track: capture.video_frames ->
tracker.PoseTracker, MediaPipe Pose model_complexity=1, TRACK_EVERY_S), so the skeleton the
player sees is the one the chart was made from, and `chart from-video` writes the cache from the
pass it already makes (game.chartmaker.make). A group video's dancer is chosen as there
(game.chartmaker.dancers: left, centre, right or N)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from game.coachskeleton.cache import CoachPoses, cache_path, person_key, save

from game.chartmaker.make import TRACK_EVERY_S as EVERY_S  # 15 rows a second, blended between on screen


class ComputeError(Exception):
    """The video or the dancer choice cannot give a skeleton; str() names the file and the remedy."""


def track_dancer(video: Path, person: str | int | None = None,
                 progress: Callable[[float], None] | None = None) -> CoachPoses:
    """The dancer's landmarks over `video` (rows every EVERY_S of video time). `progress(seconds
    of video done)` is called per row (a job pauses or stops there). Raises ComputeError (missing
    or undecodable video, no such dancer)."""
    from game.chartmaker.keyposes import track
    from game.pose.capture import CameraError

    video = Path(video)
    try:
        person_key(person)
    except ValueError as err:
        raise ComputeError(f"{video}: {err}") from None
    try:
        region = None
        if person is not None:
            from game.chartmaker.dancers import PersonError, choose, find_dancers
            try:
                region = choose(find_dancers(video), str(person))
            except PersonError as err:
                raise ComputeError(f"{video}: {err} (song.yaml's video_person)") from None
        times, marks = track(video, region, EVERY_S, progress=progress)
    except CameraError as err:
        raise ComputeError(str(err)) from None
    return CoachPoses.from_tracked(times, marks)


def compute(video: Path, person: str | int | None = None, progress: Callable[[float], None] | None = None) -> Path:
    """Work out and cache the skeleton of `video`'s dancer; returns the cache file. Raises
    ComputeError (see track_dancer; also when nobody is found or the cache cannot be written)."""
    video = Path(video)
    if not video.is_file():
        raise ComputeError(f"{video}: no such video; put the dance video next to song.yaml")
    poses = track_dancer(video, person, progress)
    if not poses.found:
        raise ComputeError(f"{video}: nobody found in the video, so there is no skeleton to draw")
    try:
        return save(cache_path(video, person), poses)
    except OSError as exc:
        raise ComputeError(f"cannot write the coach's skeleton to the cache folder ({exc}); check there is space") from None


def duration(video: Path) -> float:
    """The video's length in seconds (0 when unknown), for a progress bar. Raises ComputeError."""
    from game.pose.capture import CameraError, VideoFile
    try:
        opened = VideoFile(Path(video))
    except CameraError as err:
        raise ComputeError(str(err)) from None
    try:
        return float(opened.duration or 0.0)
    finally:
        opened.close()
