"""Beats, downbeats, offset and tempo map of whole tracks: generated ones with a known grid, and
real recordings from ../shared/data/music when present."""
from __future__ import annotations

import numpy as np
import pytest

from audiokit import drums, music
from game.songimport import beats as beat_analysis
from game.songimport.decode import decode
from game.songimport.metrics import f_measure
from game.songimport.synth import SR, drum_track, grid_times


def test_click_track_with_a_tempo_change():
    truth = grid_times([(100, 64), (128, 96)], start=1.3)
    found = beat_analysis.analyse(drum_track(truth, seconds=float(truth[-1]) + 2.0), SR)
    assert found.offset == pytest.approx(1.3, abs=0.03)
    assert found.bpm == pytest.approx(100, abs=0.3)
    assert len(found.tempo.changes) == 1
    change = found.tempo.changes[0]
    assert change.beat == 64 and change.bpm == pytest.approx(128, abs=0.3)
    assert f_measure(truth, found.beats) > 0.97
    assert f_measure(truth[::4], found.downbeats) > 0.95
    # the printed beats are the written tempo map's beats
    assert found.beats[64] == pytest.approx(found.tempo.seconds_at(64, found.offset))


def test_steady_track_has_no_tempo_change_and_offset_on_the_first_downbeat():
    mono, truth = drums(bpm=123, seconds=30.0, start=0.9)
    found = beat_analysis.analyse(mono, SR)
    assert found.tempo.changes == ()
    assert found.offset == pytest.approx(0.9, abs=0.03)
    assert found.downbeats[0] == pytest.approx(found.offset)
    assert np.all(np.diff(found.downbeats) == pytest.approx(4 * 60 / found.bpm, abs=0.01))


def test_author_bpm_and_offset_override_the_analysis():
    mono, _ = drums(bpm=120, seconds=20.0, start=0.7)
    found = beat_analysis.analyse(mono, SR, bpm=60.0, offset=2.7)
    assert found.bpm == 60.0 and found.offset == pytest.approx(2.7, abs=1e-3)
    assert found.tempo.changes == ()
    assert 2.7 in np.round(found.downbeats, 3)


@pytest.mark.parametrize("signal", ["tone", "noise"])
def test_no_beat_in_a_held_tone_or_noise(signal):
    t = np.arange(SR * 15) / SR
    y = 0.3 * np.sin(2 * np.pi * 220 * t) if signal == "tone" else 0.1 * np.random.default_rng(0).standard_normal(t.size)
    with pytest.raises(ValueError, match="no steady beat"):
        beat_analysis.analyse(y.astype(np.float32), SR)


def test_beats_stay_inside_the_file():
    mono, _ = drums(bpm=128, seconds=15.0, start=0.05)
    found = beat_analysis.analyse(mono, SR)
    assert found.beats.min() >= 0 and found.beats.max() <= 15.0


def test_real_recording_with_human_tapped_beats():
    path = music("gtzan_disco_00000.wav")
    reference = np.loadtxt(path.with_suffix(".beats.txt"))
    audio = decode(path)
    found = beat_analysis.analyse(audio.mono(), audio.sample_rate)
    assert f_measure(reference[:, 0], found.beats) > 0.9
    assert f_measure(reference[reference[:, 1] == 1, 0], found.downbeats) > 0.7
