"""Small formatting shared by the menus."""
from __future__ import annotations

from game.chart import Song


def bpm_text(song: Song) -> str:
    """'120', '116.5', '120–132': the tempo as a player reads it, at most one decimal (a beat
    tracker's 116.492 is still exact in song.yaml)."""
    lo, hi = (round(b, 1) for b in song.tempo.bpm_range())
    return f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"


def length_text(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def score_text(score: int | None) -> str:
    return "—" if score is None else f"{score:,}"
