"""The import as the game runs it: on a worker thread, progress for a bar, a dance video kept with
the song, and every failure a player can cause named by its reason (game/songimport/job.py)."""
from __future__ import annotations

import shutil

import numpy as np
import pytest
import soundfile
import yaml

from audiokit import write_video
from game.poselib import load_pose_library
from game.songfolder import load_song
from game.songimport.cli import STAGES
from game.songimport.job import ImportJob, stage_at
from tests.pose.media import numbered_frames, write_clip


def finished(job: ImportJob) -> ImportJob:
    assert job.wait(120), "the import did not end"
    return job


def test_a_song_and_its_dance_video_become_a_song_folder_with_progress(tmp_path, drum_wav):
    source, _ = drum_wav
    video = write_clip(tmp_path / "Dance Practice.MP4", numbered_frames(6))
    seen: list[tuple[float, str]] = []
    job = ImportJob(source, tmp_path / "songs", video)
    while not job.wait(0.01):
        seen.append((job.fraction, job.stage))
    assert job.error is None and job.result["song"] == "drums" and job.result["video"] == "video.mp4"
    assert job.fraction == 1.0 and all(a[0] <= b[0] for a, b in zip(seen, seen[1:])), "the bar never goes back"
    folder = tmp_path / "songs" / "drums"
    assert (folder / "video.mp4").read_bytes() == video.read_bytes()
    song = load_song(folder, load_pose_library(tmp_path / "no-poses"))
    assert song.video.path == folder / "video.mp4" and song.video.offset == 0.0 and song.members == ()
    assert yaml.safe_load((folder / "song.yaml").read_text(encoding="utf-8"))["video"] == "video.mp4"


def test_stages_follow_the_bar_in_order():
    total = sum(STAGES.values())
    assert stage_at(0.0) == "decode" and stage_at(STAGES["decode"] / total - 0.01) == "decode"
    assert stage_at(STAGES["decode"] / total + 0.01) == "loudness" and stage_at(1.0) == "write"
    assert [stage_at(f / 100) for f in range(101)] == sorted((stage_at(f / 100) for f in range(101)), key=list(STAGES).index)


def _audio(path, seconds: float, level: float = 0.3):
    t = np.arange(int(22050 * seconds)) / 22050
    soundfile.write(path, (level * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 22050)
    return path


@pytest.mark.parametrize("make, reason, fields", [
    (lambda d: d / "nowhere.mp3", "missing", {}),
    (lambda d: _write(d / "noise.mp3", b"\x13\x37" * 500), "unreadable", {}),
    (lambda d: write_video(d / "muted.mp4", 12.0), "no_sound", {}),
    (lambda d: _audio(d / "clip.wav", 3.0), "too_short", {"seconds": "3.0", "minimum": "10"}),
    (lambda d: _audio(d / "quiet.wav", 12.0, level=0.0), "silent", {}),
])
def test_every_bad_source_fails_with_its_reason_and_leaves_nothing(tmp_path, make, reason, fields):
    source = make(tmp_path)
    job = finished(ImportJob(source, tmp_path / "songs"))
    assert job.result is None and job.error.reason == reason and job.error.file == source
    assert job.error.fields == fields and source.name in job.error.message
    assert not (tmp_path / "songs").exists() or not any((tmp_path / "songs").iterdir())


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_a_bad_dance_video_is_said_before_the_import_runs(tmp_path, drum_wav):
    source, _ = drum_wav
    ran = []
    job = finished(ImportJob(source, tmp_path / "songs", tmp_path / "gone.mp4", run=lambda *a, **k: ran.append(1)))
    assert job.error.reason == "video_missing" and job.error.file.name == "gone.mp4" and not ran
    broken = _write(tmp_path / "broken.mp4", b"\x00" * 4000)
    job = finished(ImportJob(source, tmp_path / "songs", broken, run=lambda *a, **k: ran.append(1)))
    assert job.error.reason == "video_bad" and "broken.mp4" in job.error.message and not ran


def test_a_video_that_cannot_be_copied_takes_the_new_song_back_out(tmp_path, monkeypatch):
    video = write_clip(tmp_path / "dance.mp4", numbered_frames(4))

    def fake_import(source, songs_dir, show_progress, progress):
        folder = songs_dir / "new-song"
        folder.mkdir(parents=True)
        (folder / "song.yaml").write_text("title: x\n", encoding="utf-8")
        progress(1.0)
        return {"song": "new-song", "folder": str(folder)}

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full_disk)
    job = finished(ImportJob(tmp_path / "song.wav", tmp_path / "songs", video, run=fake_import))
    assert job.error.reason == "video_copy" and job.error.file == video
    assert job.error.fields == {"error": "No space left on device"}
    assert not (tmp_path / "songs" / "new-song").exists(), "no song is left half-made"


def test_a_bug_in_the_import_is_a_message_not_a_frozen_bar(tmp_path):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("oops")

    job = finished(ImportJob(tmp_path / "a.wav", tmp_path / "songs", run=broken))
    assert job.error.reason == "" and "ZeroDivisionError" in job.error.message

