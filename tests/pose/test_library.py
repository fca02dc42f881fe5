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


def test_video_frame_example(tmp_path):
    video = data_path("videos", "group-exercise.avi")
    results = add_pose_from_images(tmp_path, "exercise", [], video=video, at=[6.0])
    assert results[0].found and results[0].source == "group-exercise.avi@6s"
    assert len(load_pose_library(tmp_path)["exercise"].examples) == 1


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
