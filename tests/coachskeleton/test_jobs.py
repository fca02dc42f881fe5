"""The game's background skeleton job: found at once when cached, paused between frames while the
player dances (never a second MediaPipe during play), one at a time, a damaged file worked out again,
and a video with nobody in it said on screen, not raised."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from game.coachskeleton import compute as compute_mod
from game.coachskeleton.cache import CoachPoses, cache_path, find, save
from game.coachskeleton.jobs import SkeletonJob, SkeletonJobs


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def video(tmp_path):
    path = tmp_path / "dance.mp4"
    path.write_bytes(b"a dance video")
    return path


class SlowTracker:
    """Stands in for MediaPipe over a 10 s video: a row per progress call, each when `step` allows."""

    def __init__(self):
        self.rows = 0
        self.step = threading.Semaphore(0)

    def __call__(self, video, person, progress=None):
        for i in range(10):
            self.step.acquire()
            self.rows += 1
            progress(float(i + 1))
        return save(cache_path(video, person), CoachPoses(np.arange(10.0), np.full((10, 33, 4), 0.5, np.float32)))


@pytest.fixture
def tracker(monkeypatch):
    slow = SlowTracker()
    monkeypatch.setattr(compute_mod, "compute", slow)
    monkeypatch.setattr(compute_mod, "duration", lambda video: 10.0)
    return slow


def _until(condition, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)
    return condition()


def test_paused_between_frames_and_resumed(video, tracker):
    job = SkeletonJob(video, None)
    for _ in range(3):
        tracker.step.release()
    assert _until(lambda: job.fraction >= 0.3)
    job.pause()
    for _ in range(7):
        tracker.step.release()
    time.sleep(0.2)
    assert tracker.rows == 4 and not job.done  # one more frame at most, then it waits
    job.resume()
    assert job.wait(5) and job.done and job.fraction == 1.0 and tracker.rows == 10
    assert find(video) is not None


def test_a_cached_skeleton_is_found_without_tracking(video, tracker):
    save(cache_path(video), CoachPoses(np.zeros(1), np.zeros((1, 33, 4), np.float32)))
    job = SkeletonJob(video, None)
    assert job.wait(5) and job.done and tracker.rows == 0


def test_a_damaged_file_is_worked_out_again(video, tracker):
    path = cache_path(video)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"broken")
    job = SkeletonJob(video, None)
    for _ in range(10):
        tracker.step.release()
    assert job.wait(5) and job.done and "damaged" in job.note
    assert find(video).times.shape == (10,)


def test_one_job_at_a_time(video, tmp_path, tracker):
    jobs = SkeletonJobs()
    first = jobs.want(video, None)
    assert jobs.want(video, None) is first and jobs.job_for(video, None) is first
    other = jobs.want(video, "left")  # another dancer: the first job stops
    assert other is not first and jobs.job_for(video, None) is None
    jobs.pause()
    assert not other.running
    assert jobs.want(video, "left") is other and other.running
    jobs.stop(wait_s=0.0)
    for _ in range(20):
        tracker.step.release()
    assert not first.wait(5) and not other.wait(5)  # both ended at their next frame, neither finished
    assert not first._thread.is_alive() and not other._thread.is_alive() and tracker.rows <= 2


def test_a_video_without_anyone_is_said(tmp_path):
    import cv2

    path = tmp_path / "empty.avi"  # a second of grey frames: nobody in them
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (160, 120))
    for i in range(10):
        writer.write(np.full((120, 160, 3), 40 + 10 * i, np.uint8))
    writer.release()
    job = SkeletonJob(path, None)
    assert job.wait(60) and not job.done and "nobody found" in job.error


def test_a_missing_video_is_said(tmp_path):
    job = SkeletonJob(tmp_path / "gone.mp4", None)
    assert job.wait(5) and job.error and "gone.mp4" in job.error
