"""Test helpers that write small songs and pose libraries into a temporary folder."""
from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import soundfile

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"

POSE_TEMPLATE = """\
id: {id}
name: {name}
name_ko: 포즈
hint: test pose
limbs:
  left_upper_arm: {left}
  left_forearm: {left}
  right_upper_arm: {right}
  right_forearm: {right}
  left_thigh: 0
  left_shin: 0
  right_thigh: 0
  right_shin: 0
"""


def write_poses(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for pid, left, right in (("arms_up", 180, 180), ("t_pose", 90, 90), ("point_left", 135, 0), ("point_right", 0, 135)):
        (folder / f"{pid}.yaml").write_text(POSE_TEMPLATE.format(id=pid, name=pid.replace("_", " ").title(), left=left, right=right),
                                            encoding="utf-8")
    return folder


def write_song(folder: Path, chart: str, song_extra: str = "", seconds: float = 20.0, bpm: float = 120) -> Path:
    """A song folder with a quiet 440 Hz WAV of `seconds`, one member 'ari' whose chart is `chart`."""
    folder.mkdir(parents=True, exist_ok=True)
    tone = 0.1 * np.sin(2 * np.pi * 440 * np.arange(int(8000 * seconds)) / 8000)
    soundfile.write(str(folder / "audio.wav"), tone.astype(np.float32), 8000)
    (folder / "song.yaml").write_text(textwrap.dedent(f"""\
        title: Test Song
        artist: Test Artist
        audio: audio.wav
        offset: 1.0
        tempo:
          bpm: {bpm}
        {song_extra}
        members:
          - id: ari
            name: Ari
            colour: "#ff5fa2"
            part: the test part
            chart: chart-ari.yaml
        """), encoding="utf-8")
    (folder / "chart-ari.yaml").write_text(textwrap.dedent(chart), encoding="utf-8")
    return folder


GOOD_CHART = """\
member: ari
cues:
  - {at: "1:1", pose: arms_up}
  - {at: "1:3", pose: t_pose, hold: 1}
  - {beat: 4, pose: point_left, gold: true}
"""


def problems_of(folder: Path, poses) -> list[str]:
    """Every problem of a song: those that stop it loading, or those that leave a chart out."""
    from game.problems import ProblemsError
    from game.songfolder import load_song

    try:
        song = load_song(folder, poses)
    except ProblemsError as err:
        return [str(p) for p in err.problems]
    assert song.chart_problems, "a problem was expected"
    assert all(not m.charts for m in song.members if m.problems), "a broken chart is left out"
    return [str(p) for p in song.chart_problems + song.warnings]


def colour_count(surface, rect) -> int:
    """How many distinct colours a region of a pygame surface holds (blank or flat: very few)."""
    import pygame

    arr = pygame.surfarray.array2d(surface.subsurface(rect))
    return len(set(arr[::2, ::2].ravel().tolist()))


def share_unlike(surface, reference, tolerance: int = 8) -> float:
    """Share of pixels of `surface` that differ from `reference` (same size) by more than `tolerance`
    in some channel: how much a scene drew over its background."""
    import pygame

    a = pygame.surfarray.array3d(surface).astype(np.int16)
    b = pygame.surfarray.array3d(reference).astype(np.int16)
    return float((np.abs(a - b).max(axis=2) > tolerance).mean())


INSTRUCTION_BAR_H = 40  # every scene draws the bar; it alone must not count as a drawn screen


def drawn_share(surface, background) -> float:
    """Share of the screen above the instruction bar that differs from the bare background."""
    import pygame

    above = pygame.Rect(0, 0, surface.get_width(), surface.get_height() - INSTRUCTION_BAR_H)
    return share_unlike(surface.subsurface(above), background.subsurface(above))
