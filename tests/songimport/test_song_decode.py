"""Decoding any audio or video file to the source's timeline, loudness, OGG output, and the errors."""
from __future__ import annotations

import numpy as np
import pytest
import soundfile

from audiokit import drums, write_video
from game.songimport.decode import (MIN_SECONDS, PEAK_CEILING_DBFS, TARGET_LUFS, DecodedAudio, SongImportError,
                                    decode, normalise_loudness, write_ogg)


def test_wav_decodes_to_its_samples(drum_wav):
    path, _ = drum_wav
    audio = decode(path)
    original, rate = soundfile.read(path, dtype="float32")
    assert audio.sample_rate == rate == 44100
    assert audio.samples.shape == original.shape
    assert np.allclose(audio.samples, original, atol=1e-4)


def test_video_sound_track_keeps_the_timeline(tmp_path):
    mono, _ = drums(seconds=12.0, sample_rate=44100)
    path = write_video(tmp_path / "dance.mp4", 12.0, mono)
    audio = decode(path)
    assert audio.samples.shape[1] == 2
    assert abs(audio.duration - 12.0) < 0.1
    # the first kick (0.7 s in the source) is at 0.7 s in the decoded sound, not shifted by codec priming
    envelope = np.abs(audio.mono())
    first_hit = np.argmax(envelope > 0.2 * envelope.max()) / audio.sample_rate
    assert abs(first_hit - 0.7) < 0.02


@pytest.mark.parametrize("make, words", [
    (lambda p: write_video(p.with_suffix(".mp4"), 12.0), "no sound track"),
    (lambda p: _wav(p, np.zeros(44100 * 12)), "silent"),
    (lambda p: _wav(p, 0.3 * np.sin(np.arange(44100 * 3) / 10)), "a song needs at least"),
    (lambda p: (p.with_suffix(".mp3").write_bytes(b"ID3 this is not an mp3 at all" * 40), p.with_suffix(".mp3"))[1],
     "cannot read this file"),
    (lambda p: p.with_suffix(".flac"), "no such file"),
])
def test_errors_name_the_file_and_the_remedy(tmp_path, make, words):
    path = make(tmp_path / "input")
    with pytest.raises(SongImportError) as err:
        decode(path)
    message = str(err.value)
    assert str(path) in message and words in message
    assert ";" in message  # a remedy follows the diagnosis


def _wav(path, samples):
    path = path.with_suffix(".wav")
    soundfile.write(path, samples.astype(np.float32), 44100)
    return path


def test_too_short_threshold_is_what_the_message_says(tmp_path):
    path = _wav(tmp_path / "short", 0.3 * np.sin(np.arange(int(44100 * (MIN_SECONDS - 1))) / 10))
    with pytest.raises(SongImportError, match=f"at least {MIN_SECONDS:g} s"):
        decode(path)


def test_loudness_is_normalised_to_the_target():
    import pyloudnorm

    rate = 44100
    t = np.arange(rate * 12) / rate
    quiet = (0.02 * np.sin(2 * np.pi * 440 * t) * (1 + 0.5 * np.sin(2 * np.pi * 2 * t))).astype(np.float32)
    out, gain_db = normalise_loudness(DecodedAudio(np.stack([quiet, quiet], axis=1), rate))
    assert gain_db > 10
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(out.samples.astype(np.float64)) - TARGET_LUFS) < 0.5


def test_loud_song_is_turned_down_and_peaky_song_is_not_clipped():
    rate = 44100
    t = np.arange(rate * 12) / rate
    loud = np.sign(np.sin(2 * np.pi * 220 * t)).astype(np.float32) * 0.99
    out, gain_db = normalise_loudness(DecodedAudio(loud[:, None], rate))
    assert gain_db < 0
    clicks = np.zeros(rate * 12, np.float32)
    clicks[::rate // 2] = 0.9  # sparse peaks, low loudness: raising it to the target would clip
    out, _ = normalise_loudness(DecodedAudio(clicks[:, None], rate))
    assert 20 * np.log10(np.max(np.abs(out.samples))) <= PEAK_CEILING_DBFS + 0.01


def test_ogg_round_trip_keeps_length_and_channels(tmp_path, drum_wav):
    audio = decode(drum_wav[0])
    path = write_ogg(audio, tmp_path / "song" / "audio.ogg")
    info = soundfile.info(path)
    assert info.format == "OGG" and info.subtype == "VORBIS"
    assert info.channels == 2 and abs(info.duration - audio.duration) < 0.01


def test_sound_track_starting_after_the_picture_keeps_the_video_timeline(tmp_path):
    """A video whose sound starts 1 s after its first picture: the song starts with 1 s of silence,
    so a time in the video is the same time in the song (the chart from the video lines up)."""
    mono, _ = drums(seconds=12.0, sample_rate=44100)
    path = write_video(tmp_path / "late-sound.mp4", 13.0, mono, audio_start=1.0)
    audio = decode(path)
    envelope = np.abs(audio.mono())
    first_hit = np.argmax(envelope > 0.2 * envelope.max()) / audio.sample_rate
    assert abs(first_hit - 1.7) < 0.03
