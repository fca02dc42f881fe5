"""Fixtures for the song-import tests (helpers live in audiokit.py)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from audiokit import drums


@pytest.fixture
def drum_wav(tmp_path) -> tuple[Path, np.ndarray]:
    """A 20 s, 120 BPM stereo WAV at 44.1 kHz with its first downbeat at 0.7 s, and its beats."""
    mono, beats = drums(sample_rate=44100)
    path = tmp_path / "drums.wav"
    soundfile.write(path, np.stack([mono, mono], axis=1), 44100)
    return path, beats
