"""Cheer rules: which message when, as pure functions over the judgement stream.

Rules: combo milestones; a recovery after a run of misses; encouragement during a run of
misses; a nudge when the player stops moving; full combo and personal best at the end.
The same message never shows twice in a row. Only real achievements are celebrated: a score of
0 is no personal best, and a song with every move missed is not cleared."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from game.judge import Judgement
from game.scoring import GRADE_LETTERS, ScoreState
from game.yamlio import load_yaml

COMBO_MILESTONES = (10, 25, 50, 75, 100, 150, 200)
MISSES_FOR_ENCOURAGE = 3  # and every 3 more
HITS_FOR_RECOVERY = 2
STILL_MOTION = 0.15  # torso lengths per second below which the body counts as still
STILL_SECONDS = 3.0
NUDGE_EVERY = 8.0
CLEAR_ACCURACY = next(need for need, letter in GRADE_LETTERS if letter == "C")  # below C (D) the song is not cleared
KEYS = ("combo", "recovery", "encourage", "move", "full_combo", "personal_best")


@dataclass(frozen=True)
class Cheer:
    key: str
    text_en: str
    text_ko: str

    def text(self, language: str = "en") -> str:
        return self.text_ko if language == "ko" and self.text_ko else self.text_en


Messages = Mapping[str, tuple[tuple[str, str], ...]]


def load_messages(path: Path) -> Messages:
    """Messages from YAML: {key: [{en, ko}, ...]}. Keys that are missing just stay silent."""
    data = load_yaml(path) or {}
    return {key: tuple((str(v.get("en", "")), str(v.get("ko", ""))) for v in data.get(key, []) if isinstance(v, dict))
            for key in KEYS}


@dataclass(frozen=True)
class CheerState:
    misses_in_row: int = 0
    hits_since_misses: int = 0
    in_slump: bool = False
    last_text: str = ""
    turn: int = 0  # rotates through variants
    still_since: float | None = None
    last_nudge: float = -1e9


def _pick(state: CheerState, messages: Messages, key: str, n: int = 0) -> tuple[CheerState, Cheer | None]:
    variants = messages.get(key, ())
    for step in range(len(variants)):
        en, ko = variants[(state.turn + step) % len(variants)]
        en, ko = en.replace("{n}", str(n)), ko.replace("{n}", str(n))
        if en != state.last_text:
            return replace(state, last_text=en, turn=state.turn + step + 1), Cheer(key, en, ko)
    return state, None


def on_judgement(state: CheerState, judgement: Judgement, combo: int, messages: Messages) -> tuple[CheerState, Cheer | None]:
    """The cheer (if any) after one judgement; `combo` is the combo after it."""
    if not judgement.grade.builds_combo:
        misses = state.misses_in_row + 1
        state = replace(state, misses_in_row=misses, hits_since_misses=0,
                        in_slump=state.in_slump or misses >= MISSES_FOR_ENCOURAGE)
        if misses % MISSES_FOR_ENCOURAGE == 0:
            return _pick(state, messages, "encourage")
        return state, None
    hits = state.hits_since_misses + 1
    state = replace(state, misses_in_row=0, hits_since_misses=hits)
    if state.in_slump and hits >= HITS_FOR_RECOVERY:
        return _pick(replace(state, in_slump=False), messages, "recovery")
    if combo in COMBO_MILESTONES:
        return _pick(state, messages, "combo", combo)
    return state, None


def on_motion(state: CheerState, t: float, motion: float, messages: Messages) -> tuple[CheerState, Cheer | None]:
    """Nudge a player who has stood still for STILL_SECONDS (at most every NUDGE_EVERY s)."""
    if motion >= STILL_MOTION:
        return replace(state, still_since=None), None
    since = t if state.still_since is None else state.still_since
    state = replace(state, still_since=since)
    if t - since >= STILL_SECONDS and t - state.last_nudge >= NUDGE_EVERY:
        return _pick(replace(state, last_nudge=t), messages, "move")
    return state, None


def is_new_best(score: int, previous_best: int | None) -> bool:
    """A new personal best: more than nothing, and more than the best before (if any)."""
    return score > 0 and (previous_best is None or score > previous_best)


def finish_key(score: ScoreState) -> str:
    """The banner when the song ends: 'full_combo', 'clear' (grade C or better), or plain 'finish'."""
    if score.full_combo:
        return "full_combo"
    return "clear" if score.judged and score.accuracy >= CLEAR_ACCURACY else "finish"


def at_end(state: CheerState, score: ScoreState, previous_best: int | None, messages: Messages) -> tuple[CheerState, list[Cheer]]:
    """Full combo and personal best, when the song is over."""
    cheers = []
    if score.full_combo:
        state, cheer = _pick(state, messages, "full_combo")
        cheers.append(cheer)
    if score.judged and previous_best is not None and is_new_best(score.score, previous_best):
        state, cheer = _pick(state, messages, "personal_best")
        cheers.append(cheer)
    return state, [c for c in cheers if c]
