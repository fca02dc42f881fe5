"""Audio: works with the dummy driver and with no mixer at all; position tracks the start offset."""
from __future__ import annotations

import os
import wave
from pathlib import Path

import pytest

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


from game.audio import Audio  # noqa: E402


class FakeWall:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def _wav(path: Path, seconds: float = 2.0) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(b"\x00\x00" * int(22050 * seconds))
    return path


def test_silent_mode_follows_the_wall_clock(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    wall = FakeWall()
    audio = Audio(enabled=False, wall=wall, sounds_dir=tmp_path)
    assert "silently" in capsys.readouterr().out
    assert audio.position() is None
    assert audio.load(tmp_path / "song.wav", length=10.0)
    audio.play(start=3.0)
    wall.t += 1.5
    assert audio.position() == pytest.approx(4.5)
    audio.pause()
    wall.t += 5
    assert audio.position() == pytest.approx(4.5) and audio.paused
    audio.resume()
    wall.t += 0.5
    assert audio.position() == pytest.approx(5.0)
    wall.t += 20
    assert audio.position() is None, "past the end of the track nothing plays"
    audio.stop()
    assert audio.position() is None


def test_missing_sound_effects_are_silent(tmp_path: Path) -> None:
    audio = Audio(enabled=True, sounds_dir=tmp_path)
    assert audio.sfx("perfect") is False
    assert audio.sfx("no_such_sound") is False


def test_dummy_driver_plays_and_reports_position_with_start_offset(tmp_path: Path) -> None:
    audio = Audio(enabled=True, sounds_dir=tmp_path)
    if not audio.available:
        pytest.skip("no mixer at all here")
    path = _wav(tmp_path / "a.wav", 3.0)
    _wav(tmp_path / "perfect.wav", 0.1)
    assert audio.load(path)
    audio.play(start=1.0)
    pos = audio.position()
    assert pos is not None and pos >= 1.0, "the start offset is added to pygame's get_pos()"
    assert audio.sfx("perfect") is True
    audio.set_volumes(music=2.0, sfx=-1)
    assert audio.music_volume == 1.0 and audio.sfx_volume == 0.0
    audio.stop()
    assert audio.position() is None
    audio.close()


def test_preview_loops_its_range(tmp_path: Path) -> None:
    wall = FakeWall()
    audio = Audio(enabled=False, wall=wall)
    audio.preview(tmp_path / "x.ogg", start=10.0, length=2.0)
    wall.t += 1.0
    audio.update()
    assert audio.position() == pytest.approx(11.0)
    wall.t += 1.5
    audio.update()
    assert audio.position() == pytest.approx(10.0), "back to the start of the preview"
