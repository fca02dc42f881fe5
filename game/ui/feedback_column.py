"""What the game says about the player, in the camera panel's right column where it never covers
their picture: the combo, the judgement pop-up, cheers, the countdown; and the finish banner.

It draws what the session decided (game.scoring, game.cheers); it decides nothing."""
from __future__ import annotations

import pygame

from game.cheers import Cheer, finish_key
from game.scoring import ScoreState
from game.ui import hud, text, theme
from game.ui.play_layout import CAMERA, FEEDBACK_W, FEEDBACK_X, PICTURE
from game.ui.strings import tr

COUNTDOWN_UNTIL = 0.6  # song time (s) until which the countdown has the column (GO! is over)
READY_UNTIL = -3.0  # song time (s) until which "Ready?" shows, before the count of 3
BUMP_S = 0.15  # seconds the combo swells after a hit
CHEER_S = 2.6  # seconds a cheer stays up
FINISH_GROW_S = 0.25  # seconds the finish banner takes to grow to full size


def draw_column(surface: pygame.Surface, now: float, *, score: ScoreState, bump_at: float, colour: theme.Colour,
                popup: hud.Popup | None, cheer: tuple[float, Cheer] | None,
                language: str) -> tuple[hud.Popup | None, tuple[float, Cheer] | None]:
    """The combo (swelling just after the hit at song time `bump_at`, s), the judgement `popup` and the
    `cheer` (born at song time, s), at song time `now` (s). Returns (popup, cheer), each None once it is over."""
    combo = score.combo
    bump = max(0.0, 1 - (now - bump_at) / BUMP_S)
    if now >= COUNTDOWN_UNTIL or combo:  # the countdown has the column until GO! is over
        hud.combo_panel(surface, (FEEDBACK_X, CAMERA.y + 70), combo, score.multiplier, colour, tr("combo", language).upper(),
                        bump)
    if popup and not popup.draw(surface, (FEEDBACK_X, CAMERA.y + 170), now):
        popup = None
    if cheer:
        born, said = cheer
        age = now - born
        if age > CHEER_S:
            cheer = None
        else:
            hud.cheer_toast(surface, said.text(language), (FEEDBACK_X, CAMERA.bottom - 52), FEEDBACK_W - 20, age)
    return popup, cheer


def draw_countdown(surface: pygame.Surface, now: float, colour: theme.Colour, language: str) -> None:
    """Before the song (song time `now` < 0.6 s): 3, 2, 1, GO! beside the picture, where the player can see
    themselves step in, and "Ready?" over the picture before the count."""
    if now >= COUNTDOWN_UNTIL:
        return
    hud.countdown(surface, (FEEDBACK_X, CAMERA.centery + 20), -now, colour, tr("go", language))
    if now < READY_UNTIL:
        text.draw(surface, tr("ready", language), 44, (PICTURE.centerx, CAMERA.centery), theme.TEXT, "display", "center",
                  shadow=True)


def draw_finish(surface: pygame.Surface, now: float, finish_at: float, score: ScoreState, language: str) -> None:
    """The finish banner over the camera panel from song time `finish_at` (s): full combo, clear, or just
    the finish (only real achievements: a song of misses is not a clear)."""
    key = finish_key(score)
    grow = min(1.0, (now - finish_at) / FINISH_GROW_S)
    colour = {"full_combo": theme.GOLD, "clear": theme.TEXT}.get(key, theme.TEXT_DIM)
    text.draw(surface, tr(f"finish_{key}", language), int(40 + 40 * grow), (CAMERA.centerx, CAMERA.centery), colour,
              "display", "center", shadow=True)
