"""The pose worker judges where the result is made: each prediction goes to the session on the
worker thread, so a cue is decided before the next drawn frame asks for anything."""
from __future__ import annotations

import threading
import time

import numpy as np

from game.chart import Chart, Cue
from game.judge import Grade, Prediction, TimingWindows
from game.pose.capture import Frame
from game.pose.service import LivePlayer
from game.pose.tracker import PoseWorker, Status, TrackedFrame
from game.session import PlaySession


class FakeCamera:
    """Frames 1/30 s apart, captured at 9.9 s onwards; only the newest is ever handed out."""

    def __init__(self, n: int):
        self._frames = [Frame(np.zeros((2, 2, 3), np.uint8), 9.9 + k / 30, k) for k in range(n)]

    def latest(self):
        return self._frames.pop(0) if self._frames else None

    def lost(self) -> bool:
        return False

    def stop(self) -> None:
        pass


class PoseTracker:
    def __init__(self):
        self.threads = set()

    def process(self, frame: Frame) -> TrackedFrame:
        self.threads.add(threading.current_thread().name)
        return TrackedFrame(frame, None, Status.OK, Prediction(frame.t, {"heart": 0.9}), 1.0)

    def close(self) -> None:
        pass


def test_the_session_is_fed_and_judged_on_the_worker_thread():
    cue = Cue(index=0, beat=4, time=10.0, pose="heart", end_time=10.0)
    session = PlaySession(Chart("s", "ari", "normal", (cue,)), TimingWindows())
    tracker = PoseTracker()
    worker = PoseWorker(FakeCamera(12), tracker)
    player = LivePlayer(worker, None, "fake")
    seen_on = []
    take = session.take

    def recording_take(predictions, now):
        seen_on.append(threading.current_thread().name)
        take(predictions, now)

    session.take = recording_take
    player.judge_on_worker(session, lambda: 10.5)
    worker.start()
    deadline = time.monotonic() + 5
    while not session.judgements and time.monotonic() < deadline:
        time.sleep(0.005)
    player.stop()
    assert [j.grade for j in session.judgements] == [Grade.PERFECT]  # decided with no scene update at all
    assert set(seen_on) == {"pose-worker"} == tracker.threads
    events = session.update(10.6)  # the scene's next frame gets the judgement once
    assert [e.grade for e in events if hasattr(e, "grade")] == [Grade.PERFECT]
    session.feed(player.predictions_until(10.6))  # the same frames from the scene add nothing
    assert not [e for e in session.update(10.7) if hasattr(e, "grade")]
