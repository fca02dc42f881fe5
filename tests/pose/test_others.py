"""Others in view: found beside the player on real video, never when they are greyed out; the
watch runs on its own thread, forgets, survives a broken detector and tells the tracker."""

import time

import numpy as np
import pytest

from game.pose.capture import Frame, video_frames
from game.pose.landmarks import Landmarks, VideoLandmarker
from game.pose.others import OthersWatch, someone_else
from game.pose.tracker import PoseTracker
from tests.pose.conftest import DATA

GROUP = DATA / "videos" / "group-exercise.avi"
SQUATS = DATA / "mediapipe-reference" / "pose_squats.mp4"
needs_videos = pytest.mark.skipif(not GROUP.exists(), reason=f"{GROUP} not found: the shared test data is absent")


@needs_videos
def test_others_beside_the_player_are_seen_and_greyed_out_ones_are_not():
    """The three dancers of group-exercise: the two beside the player are found in the strips
    left and right of the player's place; with them greyed out, nobody is."""
    tracker, detector = PoseTracker(VideoLandmarker(), NoPose()), VideoLandmarker(tracking=False)
    seen, alone = [], []
    for frame in video_frames(GROUP):
        if frame.index > 100:
            break
        if tracker.process(frame).landmarks is None or frame.index % 5:
            continue
        lo, hi = tracker._region
        seen.append(someone_else(detector, frame.image, (lo, hi)))
        empty = np.full_like(frame.image, 127)
        empty[:, max(lo, 0):hi] = frame.image[:, max(lo, 0):hi]
        alone.append(someone_else(detector, empty, (lo, hi)))
    detector.close()
    assert len(seen) >= 15 and sum(seen) >= len(seen) // 4  # MediaPipe's detector misses these small people often
    assert not any(alone)


class NoPose:
    def predict(self, features):
        return {"none": 1.0}


class FakeDetector:
    def __init__(self, found):
        self.found, self.closed, self.calls = found, False, 0

    def process(self, image):
        self.calls += 1
        if isinstance(self.found, Exception):
            raise self.found
        return self.found

    def close(self):
        self.closed = True


def _wait(condition, seconds=3.0):
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)
    return condition()


def test_others_watch_runs_beside_the_tracker_and_forgets():
    person = Landmarks(np.ones((33, 4), np.float32), 100, 100)
    detector = FakeDetector(person)
    watch = OthersWatch(lambda: detector, every_s=0.01, memory_s=0.3).start()
    assert not watch.in_view
    watch.offer(np.zeros((100, 300, 3), np.uint8), (100, 200))
    assert _wait(lambda: watch.in_view)
    detector.found = None
    assert _wait(lambda: not watch.in_view)  # nobody beside the player any more: the prompt goes
    watch.stop()
    assert detector.closed


def test_others_watch_failure_only_loses_the_prompt(capsys):
    detector = FakeDetector(RuntimeError("graph broke"))
    watch = OthersWatch(lambda: detector, every_s=0.01).start()
    watch.offer(np.zeros((100, 300, 3), np.uint8), (100, 200))
    assert _wait(lambda: not watch._thread.is_alive())
    assert "graph broke" in capsys.readouterr().err and not watch.in_view and detector.closed
    watch.stop()


@needs_videos
def test_tracked_frames_say_when_others_are_in_view():
    frame = next(video_frames(SQUATS)).image
    h, w = frame.shape[:2]
    wide = np.full((h, 4 * w, 3), 127, np.uint8)  # room beside her for someone else
    wide[:, 2 * w:3 * w] = frame
    watch = OthersWatch(lambda: FakeDetector(Landmarks(np.ones((33, 4), np.float32), 10, 10)), every_s=0.01)
    tracker = PoseTracker(VideoLandmarker(), NoPose(), watch.start())
    tracker.process(Frame(wide, 0.0, 0))
    assert _wait(lambda: watch.in_view)
    assert tracker.process(Frame(wide, 0.2, 1)).others
    tracker.close()
    assert not watch._thread.is_alive()
