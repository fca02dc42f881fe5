"""Time-stretch with the pitch kept: beats land on the scaled grid, pitch stays, renders are cached."""
import numpy as np
import pytest
import soundfile

from game.practice import stretch
from game.practice.stretch import StretchError, cached_path, render, stretch_samples

SR = 22050


def click_track(seconds: float = 12.0, every: float = 0.5, channels: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """(channels, frames) audio with a 5 ms click every `every` s (from 0.1 s), and the click times."""
    x = np.zeros((channels, int(seconds * SR)), np.float32)
    times = np.arange(0.1, seconds - 0.5, every)
    for t in times:
        i = int(round(t * SR))
        x[:, i:i + int(0.005 * SR)] = 0.8
    return x, times


def click_onsets(y: np.ndarray) -> np.ndarray:
    env = np.abs(y[0])
    above = np.flatnonzero(env > 0.3 * env.max())
    starts = above[np.r_[True, np.diff(above) > SR // 10]]
    return starts / SR


@pytest.mark.parametrize("speed", [0.5, 0.6, 0.75, 0.9])
def test_clicks_land_on_the_scaled_grid_and_the_length_scales(speed):
    x, times = click_track()
    y = stretch_samples(x, SR, speed)
    assert y.shape == (2, round(x.shape[1] / speed))
    found = click_onsets(y)
    assert len(found) == len(times)
    assert np.max(np.abs(found - times / speed)) < 0.003  # within 3 ms, across the chunk seams too


def test_pitch_is_kept_and_seams_do_not_click():
    t = np.arange(int(12 * SR)) / SR
    x = np.tile((0.5 * np.sin(2 * np.pi * 440.0 * t)).astype(np.float32), (2, 1))
    y = stretch_samples(x, SR, 0.75)[0]
    mid = y[len(y) // 2: len(y) // 2 + 8192]
    peak_hz = np.argmax(np.abs(np.fft.rfft(mid * np.hanning(len(mid))))) * SR / len(mid)
    assert abs(peak_hz - 440.0) < 5.0
    steps = np.abs(np.diff(y[SR: -SR]))
    assert steps.max() < 1.5 * (2 * np.pi * 440.0 / SR * 0.5)  # never a jump bigger than the sine's own slope


def test_each_channel_keeps_its_own_sound():
    """The binding reads buffers as contiguous: a slice handed over as it is gave both channels the left one."""
    t = np.arange(int(20 * SR)) / SR
    x = np.stack([0.5 * np.sin(2 * np.pi * 440.0 * t), 0.3 * np.sin(2 * np.pi * 660.0 * t)]).astype(np.float32)
    y = stretch_samples(x, SR, 0.6)
    for at in (2, 15):  # inside the first and the second of three chunks
        for channel, hz, level in ((0, 440.0, 0.5), (1, 660.0, 0.3)):
            seg = y[channel, at * SR: at * SR + 8192]
            assert abs(np.argmax(np.abs(np.fft.rfft(seg * np.hanning(len(seg))))) * SR / len(seg) - hz) < 5.0
            assert np.abs(seg).max() == pytest.approx(level, rel=0.1)


def test_full_speed_is_the_original_and_speeds_outside_half_to_one_are_refused():
    x, _ = click_track(2.0)
    assert np.array_equal(stretch_samples(x, SR, 1.0), x)
    for bad in (0.3, 1.2):
        with pytest.raises(StretchError, match="50% to 100%"):
            stretch_samples(x, SR, bad)


def test_progress_rises_to_one():
    x, _ = click_track(17.0)
    seen = []
    stretch_samples(x, SR, 0.75, seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 3


@pytest.fixture
def song_audio(tmp_path):
    x, _ = click_track(4.0)
    path = tmp_path / "audio.ogg"
    soundfile.write(str(path), x.T, SR)
    return path


def test_render_once_per_speed_then_from_the_cache(tmp_path, song_audio, monkeypatch):
    cache = tmp_path / "cache"
    first = render(song_audio, 0.75, folder=cache)
    assert first.is_file() and first.parent.parent == cache
    assert soundfile.info(str(first)).duration == pytest.approx(4.0 / 0.75, abs=0.01)
    monkeypatch.setattr(stretch, "stretch_samples", lambda *a, **k: pytest.fail("rendered twice"))
    seen = []
    assert render(song_audio, 0.75, folder=cache, progress=seen.append) == first and seen == [1.0]
    assert cached_path(song_audio, 0.5, cache) != first
    assert render(song_audio, 1.0, folder=cache) == song_audio  # full speed plays the song itself
    assert not list(cache.rglob("*.partial"))


def test_cache_is_keyed_by_the_audio_not_its_name(tmp_path, song_audio):
    before = cached_path(song_audio, 0.75, tmp_path)
    x, _ = click_track(4.0, every=0.4)
    soundfile.write(str(song_audio), x.T, SR)
    assert cached_path(song_audio, 0.75, tmp_path) != before


def test_default_cache_folder_can_be_moved_for_tests(tmp_path, song_audio, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "elsewhere"))
    assert render(song_audio, 0.9).is_relative_to(tmp_path / "elsewhere")


def test_unreadable_audio_is_named(tmp_path):
    broken = tmp_path / "audio.ogg"
    broken.write_bytes(b"not audio at all")
    with pytest.raises(StretchError, match="audio.ogg"):
        render(broken, 0.75, folder=tmp_path / "cache")
    with pytest.raises(StretchError, match="missing.ogg"):
        render(tmp_path / "missing.ogg", 0.75, folder=tmp_path / "cache")
