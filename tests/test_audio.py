"""Audio: works with the dummy driver and with no mixer at all; position tracks the start offset."""
from __future__ import annotations

import os
import re
import wave
from pathlib import Path

import pytest

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


from game.audio import Audio  # noqa: E402
from game.judge import Grade  # noqa: E402
from game.paths import SOUNDS_DIR  # noqa: E402

GAME_DIR = Path(__file__).resolve().parent.parent / "game"


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


def test_sound_effects_are_silent_without_a_mixer_or_without_a_file(tmp_path: Path) -> None:
    _wav(tmp_path / "perfect.wav", 0.1)
    assert Audio(enabled=False, sounds_dir=tmp_path).sfx("perfect") is False, "no mixer: the file is there, nothing plays"
    audio = Audio(enabled=True, sounds_dir=tmp_path)
    if not audio.available:
        pytest.skip("no mixer at all here")
    assert audio.sfx("perfect") is True, "the same file plays once there is a mixer"
    assert audio.sfx("no_such_sound") is False, "a missing file is silent, not an error"
    audio.close()


SFX_CALL = re.compile(r"\.sfx\((.*)")  # a call; its first argument follows
SFX_NAMES = re.compile(r"""\s*"(\w+)"(?:\s+if\s.*?\selse\s+"(\w+)")?""")  # "name" or "a" if ... else "b"
DYNAMIC_SFX = {"j.grade.key"}  # calls whose name is a variable; their values are checked below


def sfx_names_in_source() -> dict[str, set[str]]:
    """Every sound name passed to `.sfx(...)` under game/, with the files that pass it."""
    names: dict[str, set[str]] = {}
    for path in sorted(GAME_DIR.rglob("*.py")):
        where = path.relative_to(GAME_DIR.parent).as_posix()
        for line in path.read_text(encoding="utf-8").splitlines():
            call = SFX_CALL.search(line)
            if call is None or line.lstrip().startswith("def "):
                continue
            literal = SFX_NAMES.match(call.group(1))
            if literal is None:
                arg = call.group(1).split(",")[0].rstrip(")").strip()
                assert arg in DYNAMIC_SFX, f"{where}: sfx({arg}) is not a literal name; add its values to this test"
                continue
            for name in filter(None, literal.groups()):
                names.setdefault(name, set()).add(where)
    return names


def test_every_sound_effect_the_game_plays_has_a_file() -> None:
    names = sfx_names_in_source()
    assert {"select", "back", "go", "combo", "full_combo", "move"} <= set(names), "the scan finds the calls"
    assert "personal_best" not in names, "only the names passed, not other strings on the line"
    for grade in Grade:  # play.py: sfx(j.grade.key)
        names.setdefault(grade.key, set()).add("game/scenes/play.py")
    missing = {n: sorted(where) for n, where in names.items()
               if not any((SOUNDS_DIR / f"{n}{ext}").is_file() for ext in (".ogg", ".wav"))}
    assert not missing, f"no .ogg or .wav in {SOUNDS_DIR} for: {missing}"
    audio = Audio(enabled=True)  # and audio.py resolves each one the same way
    if audio.available:
        unloadable = [n for n in names if audio.sound(n) is None]
        audio.close()
        assert not unloadable, f"audio.py cannot load: {unloadable}"


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


def test_a_track_the_mixer_refuses_stops_the_previous_one_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Previewing song A, then choosing song B whose file the mixer cannot play: A must not keep
    playing under B's chart. B's time runs silently on the wall clock, and the reason is kept."""
    import numpy as np
    import pygame
    import soundfile

    good = tmp_path / "a.wav"
    tone = (0.3 * np.sin(np.arange(22050 * 3) / 5)).astype(np.float32)
    soundfile.write(str(good), tone, 22050)
    bad = tmp_path / "b.ogg"  # Opus in an Ogg file: libsndfile reads it, SDL_mixer's music does not
    soundfile.write(str(bad), np.zeros(48000, dtype=np.float32) + 0.1, 48000, format="OGG", subtype="OPUS")
    wall = FakeWall()
    audio = Audio(enabled=True, sounds_dir=tmp_path, wall=wall)
    if not audio.available:
        pytest.skip("no mixer at all here")
    audio.preview(good, start=0.5, length=2.0)
    assert pygame.mixer.music.get_busy()
    assert audio.load(bad, length=1.0) is False
    assert not pygame.mixer.music.get_busy(), "the previous track stopped"
    assert audio.error and "b.ogg" in audio.error and "b.ogg" in capsys.readouterr().out
    audio.play(0.0)
    assert not pygame.mixer.music.get_busy(), "play() after a failed load does not bring back the old track"
    wall.t += 0.5
    assert audio.position() == pytest.approx(0.5), "the song's time still runs, silently"
    assert audio.load(good) is True and audio.error is None
    audio.close()
