"""What the game says about the player, in the camera panel's right column where it never covers
their picture: the combo, the judgement pop-up, cheers, the countdown; and the finish banner.

It draws what the session decided (game.scoring, game.cheers); it decides nothing."""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.cheers import Cheer, finish_key
from game.scoring import ScoreState
from game.ui import hud, text, theme
from game.ui.play_layout import CAMERA, FEEDBACK_W, FEEDBACK_X
from game.ui.strings import tr

GO_BEATS = 0.6  # GO! shows for this share of a count-in beat after the last click's beat


@dataclass(frozen=True)
class CountIn:
    """The one count-in of a play (song time, s): its clicks (n, ..., 2, 1 on screen) and GO! at `go_at`.
    The play counts 3, 2, 1 a second apart before the song; a practice pass counts a bar on the
    slowed song's own beats (game.scenes.practice_play). Whoever clicks and whoever draws reads this."""

    clicks: tuple[float, ...]
    go_at: float

    @property
    def beat_s(self) -> float:
        return (self.go_at - self.clicks[0]) / len(self.clicks) if self.clicks else 1.0

    @property
    def over_at(self) -> float:
        """Song time (s) when GO! is gone and the column is the combo's again."""
        return self.go_at + GO_BEATS * self.beat_s

    def showing(self, now: float) -> tuple[str, float] | None:
        """What shows at song time `now`: ("3", share of its beat gone) from each click, ("go", share)
        after `go_at`, None before the first click or once GO! is over."""
        if not self.clicks or now < self.clicks[0] or now >= self.over_at:
            return None
        if now >= self.go_at:
            return "go", (now - self.go_at) / (GO_BEATS * self.beat_s)
        done = sum(c <= now for c in self.clicks)
        nxt = self.clicks[done] if done < len(self.clicks) else self.go_at
        prev = self.clicks[done - 1]
        return str(len(self.clicks) - done + 1), (now - prev) / max(nxt - prev, 1e-6)


PLAY_COUNT_IN = CountIn((-3.0, -2.0, -1.0), 0.0)
COUNTDOWN_UNTIL = PLAY_COUNT_IN.over_at  # song time (s) until which the play's countdown has the column
BUMP_S = 0.15  # seconds the combo swells after a hit
CHEER_S = 2.6  # seconds a cheer stays up
FINISH_GROW_S = 0.25  # seconds the finish banner takes to grow to full size


def draw_column(surface: pygame.Surface, now: float, *, score: ScoreState, bump_at: float, colour: theme.Colour,
                popup: hud.Popup | None, cheer: tuple[float, Cheer] | None,
                language: str, count_in: CountIn = PLAY_COUNT_IN) -> tuple[hud.Popup | None, tuple[float, Cheer] | None]:
    """The combo (swelling just after the hit at song time `bump_at`, s), the judgement `popup` and the
    `cheer` (born at song time, s), at song time `now` (s). Returns (popup, cheer), each None once it is over."""
    combo = score.combo
    bump = max(0.0, 1 - (now - bump_at) / BUMP_S)
    if now >= count_in.over_at or combo:  # the countdown has the column until GO! is over
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


def draw_countdown(surface: pygame.Surface, now: float, colour: theme.Colour, language: str,
                   count_in: CountIn = PLAY_COUNT_IN) -> None:
    """The count-in at song time `now` (s): its numbers and GO! beside the picture, where the player
    can see themselves step in, and "Ready?" there before the first click. Never over the picture."""
    if now >= count_in.over_at:
        return
    shown = count_in.showing(now)
    if shown is None:
        text.draw(surface, tr("ready", language), 44, (FEEDBACK_X, CAMERA.centery + 20), theme.TEXT, "display", "center",
                  shadow=True)
        return
    label, frac = shown
    hud.countdown(surface, (FEEDBACK_X, CAMERA.centery + 20), tr("go", language) if label == "go" else label, frac, colour,
                  label == "go")


def draw_finish(surface: pygame.Surface, now: float, finish_at: float, score: ScoreState, language: str) -> None:
    """The finish banner over the camera panel from song time `finish_at` (s): full combo, clear, or just
    the finish (only real achievements: a song of misses is not a clear)."""
    key = finish_key(score)
    grow = min(1.0, (now - finish_at) / FINISH_GROW_S)
    colour = {"full_combo": theme.GOLD, "clear": theme.TEXT}.get(key, theme.TEXT_DIM)
    text.draw(surface, tr(f"finish_{key}", language), int(40 + 40 * grow), (CAMERA.centerx, CAMERA.centery), colour,
              "display", "center", shadow=True)
