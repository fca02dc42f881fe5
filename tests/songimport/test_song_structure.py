"""The preview lands on the chorus: the stretch that comes back most and plays loudest."""
from __future__ import annotations

import numpy as np

from game.songimport.structure import chorus_bar


def _song(form: str, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Bar vectors and levels for a form like 'IVVCVVCBC' (8 bars a letter): every C is the same
    music (plus noise) and loud; every other section is its own music and quieter."""
    rng = np.random.default_rng(seed)
    chorus = rng.standard_normal((8, 25))
    vectors, levels = [], []
    for letter in form:
        base = chorus if letter == "C" else rng.standard_normal((8, 25))
        for bar in base + 0.3 * rng.standard_normal((8, 25)):
            vectors.append(bar / np.linalg.norm(bar))
        levels += [-6.0 if letter == "C" else -12.0] * 8
    return np.array(vectors), np.array(levels)


def test_chorus_is_found_wherever_it_comes():
    for form in ("IVVCVVCBC", "VCVCBCC", "ICVVCVVC"):
        vectors, levels = _song(form)
        first = chorus_bar(vectors, levels)
        assert form[first // 8] == "C" and first % 8 == 0, form


def test_a_loud_one_off_section_is_not_the_chorus():
    vectors, levels = _song("IVCVCBVC")
    levels[40:48] = 0.0  # the bridge is the loudest part but never comes back
    assert "IVCVCBVC"[chorus_bar(vectors, levels) // 8] == "C"


def test_too_short_for_two_stretches_starts_at_the_top():
    vectors, levels = _song("C")
    assert chorus_bar(vectors[:6], levels[:6]) == 0
