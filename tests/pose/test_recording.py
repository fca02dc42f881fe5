"""The skeleton recording behind the replays: bounded, in capture order, blended between frames,
pictures only near cues and under budget, saved and read back, and a damaged file said to be so."""
from __future__ import annotations

import numpy as np
import pytest

from game.pose.capture import Frame
from game.pose.features import ANGLE_NAMES, limb_angles
from game.pose.recording import (KEEP_PLAYS, PictureKeep, RecordingError, SkeletonRecording, load_for_play, prune,
                                 room_for_next,
                                 replay_path, save_for_play)
from game.pose.tracker import Status, TrackedFrame
from game.judge import Prediction
from tests.pose.conftest import POINT, skeleton_landmarks

REST = {name: 0.0 for name in ANGLE_NAMES}


def _tracked(t: float, angles=POINT, seen: bool = True, image=None) -> TrackedFrame:
    image = np.full((480, 640, 3), 90, np.uint8) if image is None else image
    if not seen:
        return TrackedFrame(Frame(image, t, 0), None, Status.NOBODY, None, 1.0)
    lm = skeleton_landmarks(angles)
    prediction = Prediction(t, {"wave": 0.8, "none": 0.2}, limb_angles(lm), 0.5)
    return TrackedFrame(Frame(image, t, 0), lm, Status.OK, prediction, 1.0)


def test_a_tracked_frame_keeps_its_time_landmarks_angles_and_probabilities() -> None:
    rec = SkeletonRecording(("wave", "none"))
    assert rec.add(_tracked(1.0)) and rec.add(_tracked(1.5, seen=False))
    assert len(rec) == 2 and rec.times.tolist() == [1.0, 1.5] and rec.size == (640, 480)
    lm = skeleton_landmarks(POINT)
    assert np.allclose(rec.points[0], lm.points, atol=2e-3)  # float16: a third of a pixel at 640 px
    assert np.isnan(rec.points[1]).all() and np.isnan(rec.angles[1]).all()  # nobody: nothing made up
    angles = dict(zip(ANGLE_NAMES, rec.angles[0].astype(float)))
    assert angles["left_upper_arm"] == pytest.approx(limb_angles(lm)["left_upper_arm"], abs=0.2)
    assert rec.probs("wave")[0] == pytest.approx(0.8, abs=1e-3) and rec.probs("flex").tolist() == [0.0, 0.0]
    assert rec.pictures == {}, "no camera picture unless the player asks"


def test_labels_come_from_the_first_prediction_when_not_given() -> None:
    rec = SkeletonRecording()
    rec.add(_tracked(0.0))
    assert set(rec.labels) == {"wave", "none"} and rec.probs("wave")[0] == pytest.approx(0.8, abs=1e-3)


def test_the_recording_is_bounded_and_in_capture_order() -> None:
    rec = SkeletonRecording(("wave",), max_frames=300)
    for k in range(400):
        rec.add_frame(k / 30, None, REST, {"wave": 0.5})
    assert len(rec) == 300 and rec.dropped == 100 and rec.times[-1] == pytest.approx(299 / 30)
    assert rec._t.nbytes <= 300 * 8, "the arrays never grow past the cap"
    small = SkeletonRecording(("wave",))
    assert small.add_frame(1.0, None, REST, None) and not small.add_frame(1.0, None, REST, None)
    assert not small.add_frame(0.5, None, REST, None) and len(small) == 1  # an earlier frame is not taken


def test_the_moment_between_two_frames_is_blended_and_a_gap_shows_nothing() -> None:
    rec = SkeletonRecording()
    a, b = dict(REST, left_upper_arm=0.0), dict(REST, left_upper_arm=90.0)
    pa, pb = skeleton_landmarks(a).points, skeleton_landmarks(b).points
    rec.add_frame(1.0, pa, a, None)
    rec.add_frame(1.1, pb, b, None)
    rec.add_frame(2.0, pb, b, None)  # 0.9 s later: lost tracking in between
    mid = rec.at(1.05)
    assert mid.angles["left_upper_arm"] == pytest.approx(45.0, abs=0.5)
    assert np.allclose(mid.points[15, :2], (pa[15, :2] + pb[15, :2]) / 2, atol=3e-3)  # the left wrist half way
    assert rec.at(1.5) is None, "no body is made up across a gap longer than the judge's max_gap"
    assert rec.at(1.2).frame == 1 and rec.at(0.5) is None
    wrap = SkeletonRecording()
    wrap.add_frame(0.0, None, dict(REST, left_upper_arm=170.0), None)
    wrap.add_frame(0.1, None, dict(REST, left_upper_arm=-170.0), None)
    assert abs(wrap.at(0.05).angles["left_upper_arm"]) == pytest.approx(180.0, abs=0.5)  # the short way round


def test_pictures_are_kept_only_near_cues_and_within_the_budget() -> None:
    keep = PictureKeep([(10.0, 10.0), (20.0, 22.0)], margin_s=1.5)
    assert [keep.wants(t) for t in (8.4, 8.6, 11.4, 12.0, 19.0, 23.4, 23.6)] == [False, True, True, False, True, True, False]
    rec = SkeletonRecording(pictures=keep)
    rng = np.random.default_rng(0)
    for k in range(60):
        rec.add(_tracked(7.0 + k * 0.1, image=rng.integers(0, 255, (480, 640, 3), np.uint8)))
    kept = sorted(rec.pictures)
    assert kept and all(abs(rec.times[k] - 10.0) <= 1.5 + 1e-9 for k in kept)
    assert len(kept) == 31 and max(len(b) for b in rec.pictures.values()) < 40_000  # small JPEGs, not frames
    tight = PictureKeep([(0.0, 0.0)], max_bytes=20_000)
    rec2 = SkeletonRecording(pictures=tight)
    for k in range(10):
        rec2.add(_tracked(k * 0.1, image=rng.integers(0, 255, (480, 640, 3), np.uint8)))
    assert tight.used <= 20_000 and tight.refused > 0 and len(rec2) == 10  # skeletons go on when pictures stop


def test_a_recording_saved_reads_back_the_same(tmp_path) -> None:
    rec = SkeletonRecording(("wave", "none"), pictures=PictureKeep([(0.5, 0.5)]))
    for k in range(20):
        rec.add(_tracked(k / 30, seen=k % 7 != 3))
    path = rec.save(tmp_path / "r.npz")
    back = SkeletonRecording.load(path)
    assert back.labels == rec.labels and back.size == rec.size and back.source == "camera"
    assert np.array_equal(back.times, rec.times)
    assert np.array_equal(back.points, rec.points, equal_nan=True) and np.array_equal(back.angles, rec.angles, equal_nan=True)
    assert np.array_equal(back.probs("wave"), rec.probs("wave")) and back.pictures == rec.pictures and rec.pictures
    assert not list(tmp_path.glob("*.part")), "written whole, then renamed"


def _frames(n: int, start: float = 0.0) -> SkeletonRecording:
    rec = SkeletonRecording(("a",))
    for k in range(n):
        rec.add_frame(start + k / 30, None, {"torso": 10.0}, {"a": 1.0})
    return rec


def test_recordings_sharing_one_cap_let_the_oldest_go_to_make_room_for_the_next() -> None:
    """A looped practice records each pass on its own; all of them together stay under one cap."""
    passes = [_frames(40), _frames(30), _frames(20)]
    assert room_for_next(passes, 20, max_frames=200, max_bytes=1000) == (0, 110, 1000)  # all fit: the rest is left
    assert room_for_next(passes, 50, max_frames=120, max_bytes=1000) == (1, 70, 1000)  # the oldest goes
    assert room_for_next(passes, 200, max_frames=120, max_bytes=1000) == (3, 120, 1000)  # a pass longer than the cap
    with_pictures = _frames(5)
    with_pictures.pictures = {0: b"x" * 300, 3: b"y" * 200}
    assert room_for_next([with_pictures], 5, max_frames=120, max_bytes=1000) == (0, 115, 500)
    full = SkeletonRecording(("a",), max_frames=0)  # no room left: every frame is dropped, and counted
    assert not full.add_frame(1.0, None, {"torso": 1.0}, {"a": 1.0}) and len(full) == 0 and full.dropped == 1


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong_arrays"])
def test_a_damaged_replay_file_is_a_clear_error_not_a_crash(tmp_path, damage) -> None:
    rec = SkeletonRecording()
    for k in range(30):
        rec.add_frame(k / 30, None, REST, None)
    path = rec.save(tmp_path / "play-0000001.npz")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "garbage":
        path.write_bytes(b"not a replay at all")
    else:
        with np.load(path) as data:
            arrays = dict(data)
        arrays["points"] = arrays["points"][:5]
        np.savez_compressed(path, **arrays)
    with pytest.raises(RecordingError, match="play-0000001.npz"):
        SkeletonRecording.load(path)
    with pytest.raises(RecordingError, match="not found"):
        load_for_play(tmp_path, 2)


def test_the_replay_folder_keeps_the_newest_plays(tmp_path) -> None:
    rec = SkeletonRecording()
    rec.add_frame(0.0, None, REST, None)
    for play_id in range(1, KEEP_PLAYS + 4):
        save_for_play(rec, tmp_path, play_id)
    (tmp_path / "notes.txt").write_text("mine")
    kept = sorted(p.name for p in tmp_path.glob("play-*.npz"))
    assert kept == [replay_path(tmp_path, i).name for i in range(4, KEEP_PLAYS + 4)]
    assert len(load_for_play(tmp_path, KEEP_PLAYS + 3)) == 1
    assert prune(tmp_path, KEEP_PLAYS) == [] and (tmp_path / "notes.txt").exists()


def test_a_live_camera_play_records_the_skeleton_of_each_processed_frame(tmp_path) -> None:
    """A video file as the webcam, through the game's own path: PoseService.open_live (Camera,
    PoseWorker, real MediaPipe; a stand-in classifier), the session judged on the worker."""
    import time
    from types import SimpleNamespace

    from game.pose import service as ps
    from game.scenes.camera_shots import FakeClassifier
    from tests.pose.conftest import data_path

    video = data_path("videos", "musepose_dance.mp4")
    service = ps.PoseService(load_classifier=lambda lib: FakeClassifier(["wave", "none"], probs={"wave": 0.3, "none": 0.7}))
    service.start().wait(120)
    assert service.usable, service.message
    now = [0.0]
    taken: list = []
    session = SimpleNamespace(chart=SimpleNamespace(cues=[SimpleNamespace(time=1.0, end_time=1.0)]),
                              take=lambda predictions, t: taken.extend(predictions))
    live = service.open_live(video, lambda: now[0], keep_pictures=True)
    try:
        live.judge_on_worker(session, lambda: now[0])
        while now[0] < 2.0:
            now[0] += 1 / 24
            time.sleep(0.05)
        time.sleep(0.5)
    finally:
        live.stop()
        service.close()
    rec = live.recording_for(session)
    assert rec is not None and live.recording_for(object()) is None
    assert len(rec) >= 15, f"only {len(rec)} frames recorded in 2 s of video"
    assert len(rec) == len(taken) + int((rec._status[:len(rec)] == 1).sum())  # every processed frame, once
    assert np.all(np.diff(rec.times) > 0) and rec.times[-1] <= 2.0 + 1e-6
    seen = rec.points[np.isfinite(rec.points[:, 0, 0])]
    assert len(seen) >= 0.8 * len(rec), "the dancer is in view in nearly every frame"
    assert 0.0 <= float(seen[:, 0, 1].min()) and float(seen[:, 0, 1].max()) < 0.5  # the nose in the top half
    assert rec.size == (360, 640) and rec.labels == ("wave", "none")  # the shrunk portrait frame; the model's poses
    assert rec.pictures and all(abs(rec.times[k] - 1.0) <= 1.5 for k in rec.pictures)
