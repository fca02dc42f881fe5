"""Working out a coach's skeleton inside the game: one job at a time, on a low-priority thread,
and only while the player is choosing (never a second MediaPipe during play on a 2-core machine).

The member screen asks `want(video, person)` for the member in focus and `pause()` when it is
covered (camera check, play, practice) or left; `resume()` when it is on top again. A paused job
keeps its place in the video and its MediaPipe graph (idle: no CPU), so the work done is never
lost between songs played. Asking for another video or dancer stops the old job (one at a time).
The play screen reads `job_for(...)` to say how far along the skeleton is."""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path


NICE = 15  # the worker thread's niceness on Linux (MediaPipe's own threads inherit it): the menus stay smooth


def _key(video: Path, person: str | None) -> tuple[str, str]:
    from game.coachskeleton.cache import person_key  # here, not at import: the App makes a SkeletonJobs before the title

    return str(Path(video).resolve()), person_key(person)


class Stopped(Exception):
    """The job was stopped (another video asked for, the game closing)."""


class SkeletonJob:
    """Find or work out the skeleton of `video`'s dancer `person` on a daemon thread.

    Read once per frame: `fraction` (0..1), `done` (the cache file is there), `error` (the player's
    words for why there will be none), `note` (a damaged cache file found and replaced). Starts
    running unless `paused`."""

    def __init__(self, video: Path, person: str | None, paused: bool = False):
        self.video, self.person = Path(video), person
        self.key = _key(self.video, person)
        self.fraction = 0.0
        self.done = False
        self.error: str | None = None
        self.note: str | None = None
        self._go = threading.Event()
        if not paused:
            self._go.set()
        self._stop = False
        self._thread = threading.Thread(target=self._work, name="coach-skeleton", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._go.is_set() and not self.finished

    @property
    def finished(self) -> bool:
        return self.done or self.error is not None

    def pause(self) -> None:
        self._go.clear()

    def resume(self) -> None:
        self._go.set()

    def stop(self, wait_s: float = 2.0) -> None:
        self._stop = True
        self._go.set()
        self._thread.join(wait_s)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests, tools); returns whether it did."""
        self._thread.join(timeout)
        return self.finished

    def _checkpoint(self, seconds_done: float, total: float) -> None:
        """Between two frames: report progress, then wait while paused; raise Stopped when stopped."""
        if total > 0:
            self.fraction = min(seconds_done / total, 0.99)
        self._go.wait()
        if self._stop:
            raise Stopped

    def _work(self) -> None:
        from game.coachskeleton.cache import CoachSkeletonError, cache_path, load
        from game.coachskeleton.compute import ComputeError, compute, duration

        _lower_priority()
        try:
            self._go.wait()
            if self._stop:
                return
            path = cache_path(self.video, self.person)  # hashing a long video: on this thread, not the screen's
            try:
                load(path)
                self.fraction, self.done = 1.0, True
                return
            except FileNotFoundError:
                pass
            except CoachSkeletonError as err:
                self.note = str(err)
            total = duration(self.video)
            compute(self.video, self.person, progress=lambda t: self._checkpoint(t, total))
            self.fraction, self.done = 1.0, True
        except Stopped:
            return
        except (ComputeError, OSError, ValueError) as err:
            self.error = str(err)
        except Exception as exc:  # a bug must not kill the game: said on screen, as ImportJob does
            self.error = f"{self.video}: the coach's skeleton could not be worked out ({exc!r})"


def failure_reason(job: "SkeletonJob") -> str:
    """The job's error without the video's path in front ("--person 7: 1 dancer seen; give 1 to 1
    (song.yaml's video_person)"): the screen names the video by its file name itself."""
    error = job.error or ""
    return error.split(f"{job.video}: ", 1)[-1]


def _lower_priority() -> None:
    """Nice this thread (Linux: per thread; threads it starts, MediaPipe's among them, inherit it).
    Elsewhere it runs at normal priority, still only while the player is choosing."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
        except (OSError, AttributeError):
            pass


class SkeletonJobs:
    """The game's one background skeleton job (App.coach_skeletons)."""

    def __init__(self) -> None:
        self.job: SkeletonJob | None = None

    def want(self, video: Path, person: str | None) -> SkeletonJob:
        """The job for this video and dancer, running (started, resumed, or the finished one)."""
        key = _key(video, person)
        if self.job is not None and self.job.key == key and self.job.error is None:
            self.job.resume()
            return self.job
        self.stop(wait_s=0.0)  # it ends at its next frame; the screen does not wait for that
        self.job = SkeletonJob(video, person)
        return self.job

    def job_for(self, video: Path, person: str | None) -> SkeletonJob | None:
        try:
            key = _key(video, person)
        except ValueError:
            return None
        return self.job if self.job is not None and self.job.key == key else None

    def pause(self) -> None:
        if self.job is not None:
            self.job.pause()

    def stop(self, wait_s: float = 2.0) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.stop(wait_s)
