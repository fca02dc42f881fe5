"""The tracker on real video: stays on one player among three, says when the body is cut off,
and when others are in view."""

import time

import numpy as np
import pytest

from game.pose.capture import Frame, video_frames
from game.pose.landmarks import Landmarks, VideoLandmarker
from game.pose.tracker import OthersWatch, PoseTracker, Status, _centre_and_torso, someone_else
from tests.pose.conftest import DATA

GROUP = DATA / "videos" / "group-exercise.avi"
SQUATS = DATA / "mediapipe-reference" / "pose_squats.mp4"
pytestmark = pytest.mark.skipif(not GROUP.exists(), reason=f"{GROUP} not found: the shared test data is absent")


class ConstantClassifier:
    def predict(self, features):
        return {"none": 1.0}


def centre_x(landmarks) -> float | None:
    return None if landmarks is None else float(_centre_and_torso(landmarks.pixels())[0][0] / landmarks.width)


def test_stays_on_the_player_when_hidden_and_a_bystander_is_in_view():
    """Hide the middle dancer for 1.5 s: plain MediaPipe jumps to a neighbour and stays there;
    the tracker waits, then finds the middle dancer again."""
    tracker, plain = PoseTracker(VideoLandmarker(), ConstantClassifier()), VideoLandmarker()
    ours, theirs = [], []
    for frame in video_frames(GROUP):
        if frame.index > 140:
            break
        image = frame.image.copy()
        if 100 <= frame.index < 115:
            w = image.shape[1]
            image[:, int(0.36 * w):int(0.64 * w)] = 120
        ours.append(centre_x(tracker.process(Frame(image, frame.t, frame.index)).landmarks))
        theirs.append(centre_x(plain.process(image)))
    found = [x for x in ours[20:] if x is not None]
    assert all(0.4 < x < 0.6 for x in found) and len(found) > 90
    assert ours[120] is not None
    assert theirs[120] is not None and not 0.4 < theirs[120] < 0.6  # the problem this solves is real


def test_nobody_and_partly_visible():
    tracker = PoseTracker(VideoLandmarker(), ConstantClassifier())
    frame = next(video_frames(SQUATS))
    assert tracker.process(Frame(np.full_like(frame.image, 200), 0.0, 0)).status == Status.NOBODY
    full = tracker.process(Frame(frame.image, 0.2, 1))
    assert full.status == Status.OK and full.prediction is not None
    top_half = frame.image[: frame.image.shape[0] // 2]
    tracker = PoseTracker(VideoLandmarker(), ConstantClassifier())
    assert tracker.process(Frame(top_half, 0.0, 0)).status == Status.PARTIAL


def test_motion_is_measured_from_timestamps():
    tracker = PoseTracker(VideoLandmarker(), ConstantClassifier())
    motion = [t.prediction.motion for t in map(tracker.process, video_frames(SQUATS)) if t.prediction]
    moving = [m for m in motion if m is not None]
    assert len(moving) > 50 and max(moving) > 0.5  # squatting moves the joints half a torso length a second and more
    still = PoseTracker(VideoLandmarker(), ConstantClassifier())
    frame = next(video_frames(SQUATS))
    values = [still.process(Frame(frame.image, i * 0.2, i)).prediction.motion for i in range(5)]
    assert all(v < 0.1 for v in values[1:])  # the same frame again and again: standing still


def test_others_beside_the_player_are_seen_and_greyed_out_ones_are_not():
    """The three dancers of group-exercise: the two beside the player are found in the strips
    left and right of the player's place; with them greyed out, nobody is."""
    tracker, detector = PoseTracker(VideoLandmarker(), ConstantClassifier()), VideoLandmarker(tracking=False)
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


def test_others_watch_failure_only_loses_the_prompt():
    watch = OthersWatch(lambda: FakeDetector(RuntimeError("graph broke")), every_s=0.01).start()
    watch.offer(np.zeros((100, 300, 3), np.uint8), (100, 200))
    assert _wait(lambda: watch.error is not None)
    assert "graph broke" in watch.error and not watch.in_view
    watch.stop()


def test_tracked_frames_say_when_others_are_in_view():
    frame = next(video_frames(SQUATS)).image
    h, w = frame.shape[:2]
    wide = np.full((h, 4 * w, 3), 127, np.uint8)  # room beside her for someone else
    wide[:, 2 * w:3 * w] = frame
    watch = OthersWatch(lambda: FakeDetector(Landmarks(np.ones((33, 4), np.float32), 10, 10)), every_s=0.01)
    tracker = PoseTracker(VideoLandmarker(), ConstantClassifier(), watch.start())
    tracker.process(Frame(wide, 0.0, 0))
    assert _wait(lambda: watch.in_view)
    assert tracker.process(Frame(wide, 0.2, 1)).others
    tracker.close()
    assert not watch._thread.is_alive()
