"""Texts the screens share: the tempo as a player reads it."""
from types import SimpleNamespace

import pytest

from game.scenes.common import bpm_text


@pytest.mark.parametrize("bpm_range, text", [((116.492, 116.492), "116.5"), ((120.0, 120.0), "120"),
                                             ((119.96, 132.04), "120–132")])
def test_bpm_is_shown_with_at_most_one_decimal(bpm_range, text):
    song = SimpleNamespace(tempo=SimpleNamespace(bpm_range=lambda: bpm_range))
    assert bpm_text(song) == text
