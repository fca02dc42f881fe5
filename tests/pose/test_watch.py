"""`poses watch`: one JSON line per moment through play's tracking path, and a contact sheet."""
from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from game.judge import Prediction
from game.pose.capture import Frame
from game.pose.tracker import Status, TrackedFrame
from game.pose.watch import SETTLE_S, sample
from game.paths import POSES_DIR
from tests.pose.conftest import data_path
from tests.pose.test_cli import run


def fake_frames(fps: float, seconds: float):
    return [Frame(np.zeros((4, 4, 3), np.uint8), k / fps, k) for k in range(int(seconds * fps))]


def fake_process(seen: list):
    def process(frame: Frame) -> TrackedFrame:
        seen.append(frame.t)
        return TrackedFrame(frame, None, Status.NOBODY, Prediction(frame.t, {"none": 1.0}), 1.0)
    return process


def test_moments_are_sampled_on_frame_times_after_tracking_has_settled():
    seen: list[float] = []
    moments = list(sample(fake_frames(30, 10), fake_process(seen), start=5.0, end=6.0, step=0.25))
    assert [m.wanted for m in moments] == [5.0, 5.25, 5.5, 5.75, 6.0]
    assert all(0 <= m.tracked.frame.t - m.wanted < 1 / 30 for m in moments)
    assert min(seen) == pytest.approx(5.0 - SETTLE_S, abs=1 / 30) and max(seen) <= 6.0 + 1e-9
    assert all(b - a < 0.05 for a, b in zip(seen, seen[1:]))  # every frame in between goes through the tracker


def test_frames_sparser_than_the_step_give_one_moment_each():
    moments = list(sample(fake_frames(2, 5), fake_process([]), start=0.0, end=2.0, step=0.1))
    assert [(m.wanted, m.tracked.frame.t) for m in moments] == [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0), (1.5, 1.5), (2.0, 2.0)]


@pytest.mark.parametrize("kwargs, message", [({"step": 0.0}, "--step"), ({"start": 3.0, "end": 1.0}, "--to")])
def test_bad_ranges_say_which_option(kwargs, message):
    args = {"start": 0.0, "end": 2.0, "step": 0.5, **kwargs}
    with pytest.raises(ValueError, match=message):
        list(sample(fake_frames(30, 3), fake_process([]), **args))


def test_watch_a_real_dance_clip(tmp_path, capsys):
    video = data_path("videos", "romp_cardio_dance.mp4")
    png = tmp_path / "sheet.png"
    assert run(["watch", str(video), "--from", "3", "--to", "5", "--step", "0.5", "--png", str(png),
                "--library", str(POSES_DIR)]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.strip().splitlines()]
    assert [line["t"] for line in lines] == [3.0, 3.5, 4.0, 4.5, 5.0]
    assert all(line["status"] == "ok" and len(line["top"]) == 3 and line["pose"] == line["top"][0][0] for line in lines)
    assert all(abs(line["frame_t"] - line["t"]) < 0.04 for line in lines)
    assert f"contact sheet: {png}" in captured.err
    sheet = cv2.imread(str(png))
    assert sheet is not None and sheet.shape[1] > 5 * 200
    green = (sheet[..., 1] > 200) & (sheet[..., 0] < 120) & (sheet[..., 2] < 120)
    assert green.sum() > 500  # the skeletons are drawn


def test_nobody_in_view_is_a_status_not_an_error(tmp_path, capsys, monkeypatch):
    video = tmp_path / "empty.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (320, 240))
    for _ in range(15):
        writer.write(np.full((240, 320, 3), 90, np.uint8))
    writer.release()
    png = tmp_path / "empty.png"
    assert run(["watch", str(video), "--step", "0.5", "--png", str(png), "--library", str(POSES_DIR)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert [line["status"] for line in lines] == ["nobody found"] * 3 and all(line["pose"] is None for line in lines)
    assert png.is_file()
    # without --png: the player's data folder, said as an absolute path; nothing lands where the command ran
    monkeypatch.setenv("KPOP_TRAINER_DATA", str(tmp_path / "data"))
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert run(["watch", str(video), "--step", "0.5", "--library", str(POSES_DIR)]) == 0
    sheet = tmp_path / "data" / "watch" / "empty-watch.png"
    assert sheet.is_file() and f"contact sheet: {sheet}" in capsys.readouterr().err
    assert not any((tmp_path / "here").iterdir())


def test_a_missing_video_is_one_clear_line(tmp_path, capsys):
    assert run(["watch", str(tmp_path / "nope.mp4"), "--png", str(tmp_path / "x.png")]) == 1
    assert "nope.mp4' not found" in capsys.readouterr().err
