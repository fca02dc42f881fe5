"""Octave errors: the tempo prior and metrical support choose the tempo people dance to."""
from __future__ import annotations

import numpy as np
import pytest

from audiokit import drums
from game.songimport import beats as beat_analysis
from game.songimport.metrics import f_measure, tempo_from_beats
from game.songimport.synth import SR
from game.songimport.tempo import PRIOR_CENTRE_BPM, log_normal_prior


def test_prior_prefers_dance_tempi_to_their_octaves():
    assert log_normal_prior(np.array([PRIOR_CENTRE_BPM]))[0] == pytest.approx(1.0)
    for bpm in (90, 100, 128, 150, 175):  # the 90-180 BPM of dance music beats its octaves
        assert log_normal_prior(np.array([bpm]))[0] > log_normal_prior(np.array([bpm / 2]))[0]
        assert log_normal_prior(np.array([bpm]))[0] > log_normal_prior(np.array([bpm * 2]))[0]


@pytest.mark.parametrize("bpm", [96, 112, 145, 165, 174])
def test_no_octave_or_three_two_error_on_drums_with_eighth_note_hats(bpm):
    """Hi-hats on the eighths make double the tempo a real pulse too (and 2/3 of it at 174 BPM,
    where librosa's default prior halves); the tracker must still count the quarter notes."""
    mono, beats = drums(bpm=bpm, seconds=40.0)
    found = beat_analysis.analyse(mono, SR)
    assert abs(tempo_from_beats(found.beats) / bpm - 1) < 0.01
    assert f_measure(beats, found.beats) > 0.95


def test_librosa_default_does_make_the_error_we_avoid():
    """Keeps the test above honest: the material really provokes an octave or 3:2 error."""
    import librosa

    mono, _ = drums(bpm=174, seconds=40.0)
    tempo, _ = librosa.beat.beat_track(y=mono, sr=SR)
    assert abs(float(np.atleast_1d(tempo)[0]) / 174 - 1) > 0.04
