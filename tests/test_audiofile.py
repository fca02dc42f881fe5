"""game/audiofile.py: what the checker accepts is what pygame's mixer plays; no sound is an error."""
from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.audiofile import MIXER_PLAYS, AudioFileError, playable_audio  # noqa: E402
from songkit import SHARED_DATA  # noqa: E402

RATE = 22050
TONE = (0.3 * np.sin(2 * np.pi * 440 * np.arange(RATE * 2) / RATE)).astype(np.float32)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def mixer():
    pygame.mixer.init()
    yield
    pygame.mixer.quit()


def music_loads(path: Path) -> bool:
    try:
        pygame.mixer.music.load(str(path))
    except pygame.error:
        return False
    pygame.mixer.music.unload()
    return True


def write(path: Path, container: str, codec: str, data: np.ndarray = TONE, rate: int = RATE) -> Path:
    if codec == "OPUS":  # Opus runs at 48 kHz only
        data = np.interp(np.arange(len(data) * 48000 // rate) * rate / 48000, np.arange(len(data)), data).astype(np.float32)
        rate = 48000
    soundfile.write(str(path), data, rate, format=container, subtype=codec)
    return path


@pytest.mark.parametrize("container, codec, suffix", [(f, c, s[0]) for (f, c), s in MIXER_PLAYS.items()
                                                      if f != "MP3" or "MP3" in soundfile.available_formats()])
def test_every_codec_played_as_is_really_loads_in_the_mixer(tmp_path, mixer, container, codec, suffix):
    path = write(tmp_path / f"song{suffix}", container, codec)
    audio = playable_audio(path)
    assert audio.path == path and not audio.converted and audio.duration == pytest.approx(2.0, abs=0.05)
    assert music_loads(path), f"{container}/{codec} is listed as playable but the mixer refuses it"


@pytest.mark.parametrize("container, codec, name", [
    ("WAV", "MS_ADPCM", "adpcm.wav"), ("WAV", "IMA_ADPCM", "ima.wav"), ("OGG", "OPUS", "opus-in.ogg"),
    ("MP3", "MPEG_LAYER_III", "mp3-named.ogg"), ("FLAC", "PCM_16", "flac-named.ogg"), ("OGG", "VORBIS", "vorbis-named.wav"),
])
def test_what_the_mixer_cannot_play_is_converted_once_to_vorbis(tmp_path, mixer, cache, container, codec, name):
    if container == "MP3" and "MP3" not in soundfile.available_formats():
        pytest.skip("this libsndfile cannot write MP3 to build the fixture")
    path = write(tmp_path / name, container, codec)
    assert not music_loads(path), "the fixture is one the mixer cannot play"
    audio = playable_audio(path)
    assert audio.converted and audio.path.parent == cache / "audio" and audio.path.suffix == ".ogg"
    assert soundfile.info(str(audio.path)).subtype == "VORBIS" and music_loads(audio.path)
    assert audio.duration == pytest.approx(2.0, abs=0.05) and codec in audio.codec
    stamp = audio.path.stat().st_mtime_ns
    again = playable_audio(path)
    assert again.path == audio.path and again.path.stat().st_mtime_ns == stamp, "converted once, keyed by the file's hash"


def test_no_samples_is_no_sound(tmp_path):
    empty = write(tmp_path / "empty.wav", "WAV", "PCM_16", np.zeros(0, dtype=np.float32))
    with pytest.raises(AudioFileError, match="no sound in it"):
        playable_audio(empty)
    header_only = tmp_path / "header.wav"  # a RIFF/WAVE header and format chunk, no data chunk at all
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)
    header_only.write_bytes(b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt)) + b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt)
    with pytest.raises(AudioFileError, match="no sound|cannot be read"):
        playable_audio(header_only)


def test_a_blip_is_not_a_song(tmp_path):
    with pytest.raises(AudioFileError, match="only 0.10 s"):
        playable_audio(write(tmp_path / "blip.wav", "WAV", "PCM_16", TONE[: RATE // 10]))


def test_silence_is_measured(tmp_path):
    quiet = write(tmp_path / "quiet.wav", "WAV", "PCM_16", TONE * 0.0005)  # -76 dBFS
    assert playable_audio(quiet).silent and "silent" in playable_audio(quiet).silence_note()
    late = np.concatenate([np.zeros(RATE * 5, dtype=np.float32), TONE])  # music that starts after 5 s is music
    assert not playable_audio(write(tmp_path / "late.wav", "WAV", "PCM_16", late)).silent


def test_not_audio_at_all(tmp_path):
    path = tmp_path / "song.ogg"
    path.write_bytes(b"this is a text file")
    with pytest.raises(AudioFileError, match="cannot be read as audio"):
        playable_audio(path)


@pytest.mark.skipif(not (SHARED_DATA / "bad-inputs" / "audio-mixer-cannot-play").is_dir(), reason="../shared/data not present")
@pytest.mark.parametrize("name", ["adpcm.wav", "opus-in.ogg", "mp3-named.ogg"])
def test_shared_inputs_the_mixer_cannot_play_become_playable(mixer, name):
    audio = playable_audio(SHARED_DATA / "bad-inputs" / "audio-mixer-cannot-play" / name)
    assert audio.converted and music_loads(audio.path)
