"""The card lane (game/ui/card_lane.py): cards far enough apart to read, on the hit line on their beat."""
from __future__ import annotations

from types import SimpleNamespace

import pygame
import pytest

from game.chart import Chart, Cue
from game.judge import Grade, Judgement
from game.timing import TempoMap
from game.ui import card_lane, cards
from game.ui.card_lane import CARD, HIT_X, PASSED_S, card_speed, draw_lane
from game.ui.play_layout import TIMELINE

SONG = SimpleNamespace(tempo=TempoMap(120.0), offset=0.0)


def _chart(times: list[float], pose: str = "t_pose") -> Chart:
    return Chart("song", "ari", "normal", tuple(Cue(i, t * 2, t, pose, end_time=t) for i, t in enumerate(times)))


@pytest.mark.parametrize("gap", [0.25, 0.3, 0.4])
def test_close_cues_get_cards_that_do_not_overlap(gap):
    speed = card_speed(_chart([1 + gap * i for i in range(20)]))
    assert speed * gap == pytest.approx(CARD[0] + 12), "the tightest gap is one card and a margin wide"


def test_the_speed_stays_readable():
    assert card_speed(_chart([1 + 0.05 * i for i in range(20)])) == 700.0, "capped: faster is unreadable"
    assert card_speed(_chart([1 + 4.0 * i for i in range(20)])) == 240.0, "floored: slower looks stuck"
    assert card_speed(_chart([1.0])) == 320.0


def _drawn(monkeypatch, poses, chart: Chart, now: float, judged: dict | None = None) -> list[tuple[int, int]]:
    """(card centre x, alpha) of each card drawn at song time `now`."""
    shown: list[tuple[int, int]] = []
    monkeypatch.setattr(cards, "draw_card", lambda s, pose, rect, *a, alpha=255, **k: shown.append((rect.centerx, alpha)))
    surface = pygame.Surface((1280, 720))
    draw_lane(surface, TIMELINE, now, 0.0, chart=chart, song=SONG, speed=400.0, judged=judged or {},
              poses=poses.poses, colour=(255, 95, 162), language="en")
    return shown


def test_a_card_slides_onto_the_hit_line_on_its_beat(monkeypatch, poses):
    chart = _chart([5.0])
    assert _drawn(monkeypatch, poses, chart, 4.0) == [(HIT_X + 400, 255)], "one second away: 400 px right of the line"
    assert _drawn(monkeypatch, poses, chart, 5.0) == [(HIT_X, 255)]
    assert _drawn(monkeypatch, poses, chart, 5.0 + PASSED_S + 0.01) == [], "gone once it has faded"


def test_a_hit_card_fades_on_the_line_and_a_missed_one_slides_on(monkeypatch, poses):
    chart = _chart([5.0])
    cue = chart.cues[0]
    (hit,) = _drawn(monkeypatch, poses, chart, 5.2, {0: Judgement(cue, Grade.GREAT, 0.05)})
    (missed,) = _drawn(monkeypatch, poses, chart, 5.2, {0: Judgement(cue, Grade.MISS, None)})
    assert hit[0] == HIT_X and abs(missed[0] - (HIT_X - 80)) <= 1, "0.2 s past at 400 px/s"
    assert hit[1] == missed[1] < 255, "both fade after the beat"


def test_a_pose_missing_from_the_library_is_drawn_as_a_missing_card(monkeypatch, poses):
    missing: list[str] = []
    monkeypatch.setattr(card_lane.cards, "missing_card", lambda s, pose_id, rect: missing.append(pose_id))
    _drawn(monkeypatch, poses, _chart([5.0], pose="not_a_pose"), 5.0)
    assert missing == ["not_a_pose"]
