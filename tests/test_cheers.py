from dataclasses import replace

import pytest

from game.cheers import CheerState, at_end, finish_key, is_new_best, load_messages, on_judgement, on_motion
from game.chart import Cue
from game.judge import Grade, Judgement
from game.paths import MESSAGES_FILE
from game.scoring import ScoreState

MESSAGES = load_messages(MESSAGES_FILE)
CUE = Cue(0, 0, 0.0, "p")


def run(grades):
    state, combo, out = CheerState(), 0, []
    for g in grades:
        combo = combo + 1 if g.builds_combo else 0
        state, cheer = on_judgement(state, Judgement(CUE, g, 0.0), combo, MESSAGES)
        out.append(cheer.key if cheer else None)
    return out, state


def test_messages_exist_in_both_languages():
    for key, variants in MESSAGES.items():
        assert variants, key
        assert all(en and ko for en, ko in variants)


def test_combo_milestones():
    keys, _ = run([Grade.PERFECT] * 25)
    assert [i + 1 for i, k in enumerate(keys) if k] == [10, 25] and keys[9] == "combo"


def test_encouragement_then_recovery():
    keys, _ = run([Grade.MISS] * 6 + [Grade.GOOD, Grade.GREAT, Grade.PERFECT])
    assert keys == [None, None, "encourage", None, None, "encourage", None, "recovery", None]


def test_no_message_repeats_back_to_back():
    state, texts = CheerState(), []
    for _ in range(10):
        state, cheer = on_judgement(state, Judgement(CUE, Grade.MISS, None), 0, MESSAGES)
        state, cheer = on_judgement(state, Judgement(CUE, Grade.MISS, None), 0, MESSAGES)
        state, cheer = on_judgement(state, Judgement(CUE, Grade.MISS, None), 0, MESSAGES)
        texts.append(cheer.text_en)
    assert all(a != b for a, b in zip(texts, texts[1:]))
    single = {"encourage": (("Only one", "하나"),)}
    state, first = on_judgement(CheerState(misses_in_row=2), Judgement(CUE, Grade.MISS, None), 0, single)
    state, again = on_judgement(replace(state, misses_in_row=5), Judgement(CUE, Grade.MISS, None), 0, single)
    assert first and again is None


def test_nudge_when_still_for_three_seconds_not_more_often_than_every_eight():
    state, nudges = CheerState(), []
    for i in range(200):  # 20 s at 10 Hz, standing still
        state, cheer = on_motion(state, i / 10, 0.01, MESSAGES)
        if cheer:
            nudges.append(i / 10)
    assert nudges == [3.0, 11.0, 19.0]
    state, cheer = on_motion(state, 20.0, 2.0, MESSAGES)
    assert cheer is None and state.still_since is None


def test_end_of_song():
    full = ScoreState(total_cues=2, raw_max=3.0, raw=3.0, judged=2, accuracy_points=2.0,
                      counts={Grade.PERFECT: 2, Grade.GREAT: 0, Grade.GOOD: 0, Grade.MISS: 0})
    _, cheers = at_end(CheerState(), full, previous_best=900_000, messages=MESSAGES)
    assert [c.key for c in cheers] == ["full_combo", "personal_best"]
    _, cheers = at_end(CheerState(), full, previous_best=1_000_000, messages=MESSAGES)
    assert [c.key for c in cheers] == ["full_combo"]


@pytest.mark.parametrize("score, previous, new_best", [(0, None, False), (0, 0, False), (1, None, True),
                                                       (500, 400, True), (400, 400, False), (300, 400, False)])
def test_only_a_real_achievement_is_a_new_best(score, previous, new_best):
    assert is_new_best(score, previous) is new_best


def _state(perfect: int, miss: int) -> ScoreState:
    n = perfect + miss
    return ScoreState(total_cues=n, raw_max=float(n), raw=float(perfect), judged=n, accuracy_points=float(perfect),
                      counts={Grade.PERFECT: perfect, Grade.GREAT: 0, Grade.GOOD: 0, Grade.MISS: miss})


@pytest.mark.parametrize("perfect, miss, key", [(10, 0, "full_combo"), (7, 3, "clear"), (6, 4, "finish"),
                                                (0, 10, "finish")])
def test_the_finish_banner_celebrates_only_a_clear(perfect, miss, key):
    assert finish_key(_state(perfect, miss)) == key  # clear: grade C (70%) or better; every move missed is no clear


def test_a_first_play_or_a_zero_is_never_cheered_as_a_personal_best():
    _, cheers = at_end(CheerState(), _state(0, 10), previous_best=None, messages=MESSAGES)
    assert cheers == []
    _, cheers = at_end(CheerState(), _state(5, 5), previous_best=None, messages=MESSAGES)
    assert "personal_best" not in [c.key for c in cheers]  # nothing to beat yet: the results screen says "new best"
