"""The coach's skeleton on disk: keyed by the video's bytes, the dancer and the version; read back
as written; blended between rows by video time; a damaged file is said, never a crash."""
from __future__ import annotations

import numpy as np
import pytest

from game.coachskeleton import cache
from game.coachskeleton.cache import CoachPoses, CoachSkeletonError, cache_path, find, load, person_key, save


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _poses(n: int = 5, step: float = 0.1) -> CoachPoses:
    marks = np.zeros((n, 33, 4), np.float32)
    for i in range(n):
        marks[i, :, 0] = 0.1 + 0.1 * i   # x moves right 0.1 a row
        marks[i, :, 1] = 0.5
        marks[i, :, 3] = 0.9
    return CoachPoses(np.arange(n) * step, marks)


def test_written_and_read_back(tmp_path):
    video = tmp_path / "dance.mp4"
    video.write_bytes(b"video bytes")
    poses = _poses()
    poses.landmarks[2] = np.nan  # nobody found in that frame
    path = save(cache_path(video, "left"), poses)
    back = load(path)
    assert back.landmarks.dtype == np.float32 and back.landmarks.shape == (5, 33, 4)
    assert np.allclose(back.times, poses.times)
    assert np.allclose(back.landmarks[[0, 1, 3, 4]], poses.landmarks[[0, 1, 3, 4]], atol=1e-3)  # float16 on disk
    assert np.isnan(back.landmarks[2]).all() and back.found == 4
    assert not list(path.parent.glob("*.partial"))


def test_the_key_follows_the_video_bytes_the_dancer_and_the_version(tmp_path, monkeypatch):
    video = tmp_path / "dance.mp4"
    video.write_bytes(b"one video")
    copy = tmp_path / "song" / "video.mp4"
    copy.parent.mkdir()
    copy.write_bytes(b"one video")
    first = cache_path(video)
    assert cache_path(copy) == first                     # song new copies the video: the same skeleton
    assert cache_path(video, "left") != first != cache_path(video, "2")
    assert cache_path(video, "center") == cache_path(video, "centre") == cache_path(video, "Middle")
    assert cache_path(video, 2) == cache_path(video, "2")
    video.write_bytes(b"another video, edited")          # changed bytes (and size, mtime): a new key
    assert cache_path(video) != first
    monkeypatch.setattr(cache, "VERSION", cache.VERSION + 1)
    assert cache_path(copy) != first
    with pytest.raises(ValueError, match="left, centre, right"):
        person_key("behind")


def test_blended_by_video_time():
    poses = _poses()
    assert poses.at(0.15)[0, 0] == pytest.approx(0.25)        # halfway between rows 1 and 2
    assert poses.at(0.0)[0, 0] == pytest.approx(0.1)
    assert poses.at(0.45)[0, 0] == pytest.approx(0.5)         # just past the last row: still it
    assert poses.at(-0.5) is None and poses.at(1.0) is None   # before the video, after it
    poses.landmarks[1, 15, 3] = 0.2
    assert poses.at(0.15)[15, 3] == pytest.approx(0.2)        # as sure as the less sure row
    poses.landmarks[2] = np.nan
    assert poses.at(0.12)[0, 0] == pytest.approx(0.2)         # next to nobody: the nearest row
    assert poses.at(0.2) is None                               # nobody there


def test_rows_far_apart_are_not_blended():
    poses = CoachPoses(np.array([0.0, 1.0]), _poses(2).landmarks)
    assert poses.at(0.05)[0, 0] == pytest.approx(0.1) and poses.at(0.5) is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other_layout", "empty"])
def test_a_damaged_file_is_said_not_crashed(tmp_path, damage):
    video = tmp_path / "dance.mp4"
    video.write_bytes(b"video")
    path = save(cache_path(video), _poses())
    if damage == "garbage":
        path.write_bytes(b"not a zip at all" * 10)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        np.savez(path.open("wb"), times=np.zeros(3), landmarks=np.zeros((3, 17, 3)), version=np.int32(cache.VERSION))
    with pytest.raises(CoachSkeletonError, match="worked out again") as err:
        find(video)
    assert str(path) in str(err.value)


def test_never_worked_out_is_none(tmp_path):
    video = tmp_path / "dance.mp4"
    video.write_bytes(b"video")
    assert find(video) is None
    with pytest.raises(OSError):
        find(tmp_path / "gone.mp4")
