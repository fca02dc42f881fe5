"""Helpers the song-import tests import: audio and video files written on the fly, shared music.

(Not named conftest: tests/conftest.py owns that module name.)"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from game.songimport.synth import SR, drum_track, grid_times

ROOT = Path(__file__).resolve().parents[2]
MUSIC = ROOT.parent / "shared" / "data" / "music"


def write_video(path: Path, seconds: float, audio: np.ndarray | None = None, sample_rate: int = 44100,
                audio_start: float = 0.0) -> Path:
    """An MP4 (MPEG-4 part 2 picture at 10 fps, 160x120) with `audio` (samples, channels) as an
    AAC sound track starting `audio_start` seconds after the picture, or none. Written with PyAV,
    so no ffmpeg program is needed."""
    import av

    with av.open(str(path), "w") as out:
        video = out.add_stream("mpeg4", rate=10)
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        sound = None
        if audio is not None:
            sound = out.add_stream("aac", rate=sample_rate)
            sound.layout = "stereo"
        for i in range(int(seconds * 10)):
            picture = np.full((120, 160, 3), (i * 7) % 255, np.uint8)
            for packet in video.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        if sound is not None:
            stereo = np.ascontiguousarray(np.repeat(audio.reshape(-1, 1), 2, axis=1).T if audio.ndim == 1 else audio.T,
                                          dtype=np.float32)
            block = 1024
            for start in range(0, stereo.shape[1], block):
                frame = av.AudioFrame.from_ndarray(stereo[:, start:start + block], format="fltp", layout="stereo")
                frame.sample_rate = sample_rate
                frame.pts = start + round(audio_start * sample_rate)
                for packet in sound.encode(frame):
                    out.mux(packet)
            for packet in sound.encode():
                out.mux(packet)
    return path


def drums(bpm: float = 120.0, seconds: float = 20.0, start: float = 0.7, sample_rate: int = SR) -> tuple[np.ndarray, np.ndarray]:
    """(mono samples, beat times) of a drum track at `bpm` whose first downbeat is at `start`."""
    beats = grid_times([(bpm, int((seconds - start - 1.0) * bpm / 60))], start)
    return drum_track(beats, seconds=seconds, sample_rate=sample_rate), beats


def music(name: str) -> Path:
    path = MUSIC / name
    if not path.is_file():
        pytest.skip(f"{path} not found: the shared test data (../shared/data beside the repository) is absent")
    return path
