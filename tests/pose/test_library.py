"""Teaching a pose from photos: the YAML written, extension, not-found results, fingerprint."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from game.pose.features import limb_angles
from game.pose.landmarks import CachedPhotoLandmarker
from game.pose.library import add_pose_from_images, example_arrays, fingerprint, pose_id
from game.poselib import load_pose_library
from game.poselib import LIMBS
from tests.pose.conftest import data_path


@pytest.fixture(scope="module")
def marker(tmp_path_factory):
    return CachedPhotoLandmarker(tmp_path_factory.mktemp("cache"))


def test_add_creates_then_extends(tmp_path, marker):
    photo = data_path("mediapipe-reference", "pose.jpg")
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((200, 200, 3), 90, np.uint8))
    lib = tmp_path / "poses"
    results = add_pose_from_images(lib, "Warrior Two", [photo, blank], landmarker=marker)
    assert [r.found for r in results] == [True, False] and "no person" in results[1].message
    pose = load_pose_library(lib)["warrior_two"]
    assert pose.name == "Warrior Two" and len(pose.examples) == 1
    assert set(LIMBS) <= set(pose.angles)
    pts, sizes = example_arrays(pose)
    assert pts.shape == (1, 33, 4) and tuple(sizes[0]) == (1000, 667)
    # warrior II: both arms straight out to the side
    assert 60 < pose.angles["left_upper_arm"] < 120 and 60 < pose.angles["right_upper_arm"] < 120
    before = fingerprint(lib)
    add_pose_from_images(lib, "Warrior Two", [photo], landmarker=marker)
    assert len(load_pose_library(lib)["warrior_two"].examples) == 2
    assert fingerprint(lib) != before


def test_nothing_written_when_nobody_found(tmp_path, marker):
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.zeros((100, 100, 3), np.uint8))
    results = add_pose_from_images(tmp_path / "lib", "empty", [blank, tmp_path / "missing.jpg"], landmarker=marker)
    assert not any(r.found for r in results) and "not found" in results[1].message
    assert not (tmp_path / "lib" / "empty.yaml").exists()


def test_video_frame_example_and_span(tmp_path):
    video = data_path("videos", "group-exercise.avi")  # 10 fps
    results = add_pose_from_images(tmp_path, "exercise", [], video=video, at=[6.0])
    assert results[0].found and results[0].source == "group-exercise.avi@6.00s"
    pose = load_pose_library(tmp_path)["exercise"]
    assert len(pose.examples) == 1 and pose.either_side is False
    results = add_pose_from_images(tmp_path, "exercise", [], video=video, at=[6.0], span=0.3, either_side=True)
    assert [r.source for r in results] == [f"group-exercise.avi@{t}s" for t in ("5.90", "6.00", "6.10")]
    pose = load_pose_library(tmp_path)["exercise"]
    assert len(pose.examples) == 4 and pose.either_side is True


def test_teaching_from_video_sees_what_play_sees(tmp_path):
    """The example taught at a moment has the features and angles play computes for that frame
    (tracking MediaPipe from the start, the tracker's choice of person), not a still image's."""
    from game.pose.capture import video_frames
    from game.pose.features import features
    from game.pose.headless_camera import VideoPlayer
    from game.pose.landmarks import Landmarks, VideoLandmarker
    from game.pose.moments import _NoPoses
    from game.pose.tracker import PoseTracker
    video = data_path("videos", "group-exercise.avi")
    add_pose_from_images(tmp_path, "exercise", [], video=video, at=[7.3])
    ex = load_pose_library(tmp_path)["exercise"].examples[0]
    taught = Landmarks.from_list(ex["landmarks"], *ex["size"])
    with VideoLandmarker() as marker:
        player = VideoPlayer(video, PoseTracker(marker, _NoPoses()))
        seen = [p for p in player.predictions_until(7.35) if abs(p.t - 7.3) < 1e-6]
    assert len(seen) == 1
    angles = limb_angles(taught)
    assert max(abs(angles[s] - seen[0].angles[s]) for s in LIMBS) < 1.0
    with VideoLandmarker() as marker:
        tracker = PoseTracker(marker, _NoPoses())
        played = [tracker.process(f) for f in video_frames(video) if f.t <= 7.3 + 1e-6][-1].landmarks
    assert np.abs(features(played) - features(taught)).max() < 1e-2


def test_pose_id_and_classifier_yaml_ignored(tmp_path):
    assert pose_id("Downward_dog") == "downward_dog" and pose_id("Point Up-Left!") == "point_up_left"
    (tmp_path / "classifier.yaml").write_text("labels: [a]\n")
    lib = load_pose_library(tmp_path)
    assert not lib.problems and not lib.poses


def test_photo_angles_read_the_warrior_pose(tmp_path, marker):
    """The man in pose.jpg: upright, both arms straight out to the sides, legs in a wide stance."""
    angles = limb_angles(marker.from_file(data_path("mediapipe-reference", "pose.jpg")))
    assert abs(angles["torso"]) < 20
    assert all(70 < angles[s] < 115 for s in ("left_upper_arm", "left_forearm", "right_upper_arm", "right_forearm"))
    assert angles["left_thigh"] > 30 and angles["right_thigh"] > 30


def test_fingerprint_ignores_names_and_hints_but_not_limbs(tmp_path):
    lib = tmp_path / "poses"
    lib.mkdir()
    path = lib / "reach.yaml"
    limbs = "limbs: {left_upper_arm: 170, left_forearm: 170, right_upper_arm: 0, right_forearm: 0, " \
            "left_thigh: 0, left_shin: 0, right_thigh: 0, right_shin: 0}\n"
    path.write_text("id: reach\nname: Reach\n" + limbs, encoding="utf-8")
    before = fingerprint(lib)
    path.write_text("id: reach\nname: Reach High\nname_ko: 뻗기\nhint: Up!\nhint_ko: 위로!\n" + limbs, encoding="utf-8")
    assert fingerprint(lib) == before
    path.write_text("id: reach\nname: Reach\n" + limbs.replace("170", "150"), encoding="utf-8")
    assert fingerprint(lib) != before


class _FakeMarker:
    """Stands in for MediaPipe: each 'photo' name maps to landmarks drawn from known angles."""

    def __init__(self, bodies):
        from game.pose.synth import render_landmarks
        rng = np.random.default_rng(0)
        self.found = {}
        for name, angles in bodies.items():
            pts, sizes = render_landmarks([angles], rng, yaw=0, pitch=0, roll=0, depth=0, occlusion=0)
            from game.pose.landmarks import Landmarks
            self.found[name] = Landmarks(pts[0], int(sizes[0][0]), int(sizes[0][1]))

    def from_file(self, path):
        return self.found[path.name]


def test_an_example_far_from_the_existing_pose_is_named_limb_by_limb(tmp_path):
    from game.pose.library import existing_pose
    still = {s: 0.0 for s in LIMBS} | {"torso": 0.0, "head": 0.0}
    arms_up = still | {"left_upper_arm": 135.0, "left_forearm": 135.0, "right_upper_arm": 135.0, "right_forearm": 135.0}
    marker = _FakeMarker({"v.jpg": arms_up, "v2.jpg": arms_up, "down.jpg": still})
    lib = tmp_path / "lib"
    assert existing_pose(lib, "Big V") is None
    first = add_pose_from_images(lib, "Big V", [tmp_path / "v.jpg"], landmarker=marker)
    assert not first[0].warning
    assert len(existing_pose(lib, "Big V").examples) == 1
    same = add_pose_from_images(lib, "big_v", [tmp_path / "v2.jpg"], landmarker=marker)
    assert not same[0].warning, "a close example is simply added"
    far = add_pose_from_images(lib, "Big V", [tmp_path / "down.jpg"], landmarker=marker)
    assert "far from pose 'big_v'" in far[0].warning and "left upper arm" in far[0].warning
    assert "left thigh" not in far[0].warning and "big_v_2" in far[0].warning
    assert len(existing_pose(lib, "Big V").examples) == 3
