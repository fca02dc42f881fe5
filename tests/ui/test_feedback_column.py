"""The feedback column (game/ui/feedback_column.py): pop-ups and cheers go when their time is up; the
countdown has the column before the song, the combo after."""
from __future__ import annotations

import pygame

from game.chart import Chart, Cue
from game.cheers import Cheer
from game.scoring import initial
from game.ui import hud, theme
from game.ui.feedback_column import CHEER_S, COUNTDOWN_UNTIL, draw_column, draw_countdown
from game.ui.play_layout import CAMERA, FEEDBACK_W

SCORE = initial(Chart("song", "ari", "normal", (Cue(0, 0.0, 1.0, "t_pose", end_time=1.0),)))
CHEER = Cheer("combo", "10 in a row!", "10연속!")


def _column(surface: pygame.Surface) -> bytes:
    right = pygame.Rect(CAMERA.right - FEEDBACK_W, CAMERA.y, FEEDBACK_W, CAMERA.h)
    return pygame.image.tobytes(surface.subsurface(right), "RGB")


def test_pop_ups_and_cheers_are_kept_while_they_show_and_dropped_after():
    surface = pygame.Surface((1280, 720))
    popup = hud.Popup(10.0, "PERFECT", theme.GOLD, "+35 ms late")
    kept = draw_column(surface, 10.2, score=SCORE, bump_at=-10.0, colour=theme.PINK, popup=popup, cheer=(10.0, CHEER),
                       language="en")
    assert kept == (popup, (10.0, CHEER))
    gone = draw_column(surface, 10.0 + CHEER_S + 0.01, score=SCORE, bump_at=-10.0, colour=theme.PINK, popup=popup,
                       cheer=(10.0, CHEER), language="ko")
    assert gone == (None, None)


def test_the_countdown_has_the_column_until_go_is_over():
    blank = pygame.Surface((1280, 720))
    before, after = blank.copy(), blank.copy()
    draw_countdown(before, -1.5, theme.PINK, "en")
    draw_countdown(after, COUNTDOWN_UNTIL, theme.PINK, "en")
    assert _column(before) != _column(blank) and _column(after) == _column(blank)
    combo = blank.copy()
    draw_column(combo, -1.5, score=SCORE, bump_at=-10.0, colour=theme.PINK, popup=None, cheer=None, language="en")
    assert _column(combo) == _column(blank), "no combo of 0 over the countdown"
