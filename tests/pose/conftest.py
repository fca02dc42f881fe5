"""Shared fixtures for the pose tests: the real test material beside the repository."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"


def data_path(*parts: str) -> Path:
    """A path in ../shared/data, or skip the test saying what is missing."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared test data (../shared/data beside the repository) is absent")
    return path


def skeleton_landmarks(angles, width: int = 640, height: int = 480, scale: float = 120.0, origin=(320.0, 250.0)):
    """Landmarks (camera image, unmirrored) of game.poselib.skeleton_points for some angles."""
    from game.pose.landmarks import INDEX, Landmarks
    from game.poselib import skeleton_points
    pts = skeleton_points(angles)
    arr = np.zeros((33, 4), np.float32)
    arr[:, 3] = 1.0
    for name, (x, y) in pts.items():
        if name in INDEX:
            # card space is mirrored (dancer's left on screen left); the camera image is not
            arr[INDEX[name], 0] = (origin[0] - x * scale) / width
            arr[INDEX[name], 1] = (origin[1] + y * scale) / height
    for i in range(33):  # face, hands and feet: put them on their nearest body joint
        if not arr[i, :2].any():
            arr[i, :2] = arr[INDEX["nose"], :2]
    return Landmarks(arr, width, height)


POINT = {"torso": 0.0, "head": 0.0, "left_upper_arm": 150.0, "left_forearm": 160.0, "right_upper_arm": 40.0,
         "right_forearm": -60.0, "left_thigh": 5.0, "left_shin": 0.0, "right_thigh": 20.0, "right_shin": -10.0}
