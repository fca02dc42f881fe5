"""The steady grid through tracked beats: one tempo unless the music really changes it."""
from __future__ import annotations

import numpy as np

from game.songimport.grid import fit_grid, tempo_changes


def _jitter(times: np.ndarray, ms: float = 12.0, seed: int = 0) -> np.ndarray:
    return times + np.random.default_rng(seed).uniform(-ms, ms, times.size) / 1000


def test_steady_song_gets_its_exact_tempo_despite_jitter_and_skipped_beats():
    truth = 0.9 + np.arange(300) * 60 / 128
    tracked = np.delete(_jitter(truth), [10, 11, 50, 200])  # the tracker missed four beats
    grid = fit_grid(tracked)
    assert grid.knots == ()
    assert abs(grid.bpms[0] - 128) < 0.05
    index = np.round([grid.index_at(t) for t in truth])
    assert np.max(np.abs(grid.seconds(index) - truth)) < 0.01


def test_off_beat_stretch_is_not_a_tempo_change():
    """A quiet part where the tracker slid onto the off-beats keeps the song's one tempo."""
    truth = 0.5 + np.arange(240) * 0.5
    tracked = truth.copy()
    tracked[80:130] += 0.25
    assert not tempo_changes(tracked, 0.5)
    grid = fit_grid(tracked)
    assert grid.knots == () and abs(grid.bpms[0] - 120) < 0.05
    assert abs(float(grid.seconds(round(grid.index_at(100.5)))) - 100.5) < 0.01


def test_tempo_change_is_put_on_the_beat_where_it_happens():
    first = 1.0 + np.arange(65) * 0.6               # 100 BPM for 64 beats
    second = first[-1] + np.arange(1, 97) * 60 / 128  # then 128 BPM
    tracked = _jitter(np.concatenate([first, second]), 8.0)
    # the tracker smears the change: three beats around it land between the two grids
    tracked[62:66] += np.array([-0.04, -0.06, -0.05, -0.02])
    grid = fit_grid(tracked)
    assert len(grid.knots) == 1
    assert abs(grid.bpms[0] - 100) < 0.3 and abs(grid.bpms[1] - 128) < 0.3
    change_time = float(grid.seconds(grid.knots[0]))
    assert abs(change_time - first[-1]) < 0.05


def test_given_period_fits_the_phase_only():
    truth = 0.3 + np.arange(100) * 0.5
    grid = fit_grid(_jitter(truth), period=0.5)
    assert grid.periods == (0.5,)
    assert abs(grid.start_seconds % 0.5 - 0.3) < 0.01
