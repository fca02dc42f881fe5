"""The results screen's "Practise this move": the worst move, looped with the tempo ramp.

Kept out of results.py (two small hooks call it): L or a click on the button drills the move
the player did worst, the first time they missed it, over the bars it spans, from 60% speed up."""
from __future__ import annotations

import pygame

from game.practice.plan import SectionError
from game.practice.run import PracticeSetup, move_section
from game.ui import theme
from game.ui.widgets import key_button

KEY = pygame.K_l


def button_rect(box: pygame.Rect) -> pygame.Rect:
    return pygame.Rect(box.right - 250, box.y + 10, 230, 30)


def draw_practise_button(results, surface: pygame.Surface, box: pygame.Rect) -> None:
    """The button at the top right of the "Practise these moves" panel, with its key."""
    rect = button_rect(box)
    results.practise_rect = rect
    key_button(surface, rect, "L", results.tr("practise_move"), theme.GOLD)


def practise_move(results, event: pygame.event.Event) -> bool:
    """Start the drill on L or a click on the button; True when the event was used."""
    rect = getattr(results, "practise_rect", None)
    pressed = event.type == pygame.KEYDOWN and event.key == KEY
    clicked = event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and rect is not None and rect.collidepoint(event.pos)
    if not (pressed or clicked) or not results.worst:
        return False
    from game.scenes.practice import start_practice

    play = results.play
    song, member = getattr(play, "full", (play.song, play.member))
    chart = member.charts[results.difficulty]
    try:  # judged cues keep their beats at any speed, so a practice's results point at the song's own bars
        section = move_section(chart, song.tempo, results.worst[0].pose, results.session.judgements)
    except SectionError as err:
        print(f"warning: {err}")
        return True
    results.app.audio.sfx("select")
    demo = not getattr(play, "camera_play", False)
    start_practice(results.app, song, member, results.difficulty, PracticeSetup(section=section, ramp=True), demo=demo,
                   replace=True, virtual=getattr(play, "virtual", False))
    return True
