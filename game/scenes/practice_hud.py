"""What a practice draws over the play screen: the chip (speed, mode, pass, section),
step mode's "waiting for the pose", and the panel between passes. Draws only: the figures come from
the scene's run and session (game/scenes/practice_play.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.judge import Grade
from game.practice.passes import PassResult
from game.practice.step_play import StepPlaySession
from game.scenes.practice import section_text, speed_text
from game.ui import draw, hud, text, theme
from game.ui.play_layout import PICTURE
from game.ui.strings import grade_label

if TYPE_CHECKING:
    from game.scenes.practice_play import PracticePlayScene

STEP_BANNER = pygame.Rect(PICTURE.x + 8, PICTURE.y + 2, PICTURE.w - 16, 36)  # "the music waits": over the picture's top;
# a miss's instruction goes below it (PracticePlayScene.tip_from)


def draw_practice(surface: pygame.Surface, scene: "PracticePlayScene") -> None:
    """The practice chip (mode, speed, pass), step mode's wait, the panel between passes. The count-in
    is the play screen's (PracticePlayScene.count_in): one, in the feedback column."""
    colour = scene.member.colour
    label = scene.tr("practice_chip", speed=speed_text(scene.audio_speed))
    parts = [label, scene.tr(f"mode_{scene.run.setup.mode}")]
    if scene.pass_plan is not None:
        n = scene.run.number + (1 if scene.between is None else 0)  # the panel speaks of the pass just played
        total = scene.run.setup.loops
        parts.append(scene.tr("pass_of", n=min(n, total), total=total) if total else scene.tr("pass_n", n=n))
        parts.append(section_text(scene.run, scene.full[1].charts[scene.difficulty], scene.song.tempo.beats_per_bar, scene.app))
    draw.chip(surface, " · ".join(parts), (640, 72), theme.GOLD, 13, "midtop")
    if isinstance(scene.session, StepPlaySession) and scene.session.step.waiting_since is not None:
        box = STEP_BANNER
        draw.panel(surface, box, theme.PANEL_HI, theme.GOLD, radius=18, alpha=235, width=2)
        text.draw(surface, scene.tr("step_waiting"), 17, box.center, theme.GOLD, "bold", "center", max_width=box.w - 20)
    if scene.between is not None:
        draw_between(surface, scene, scene.between[1])


def draw_between(surface: pygame.Surface, scene: "PracticePlayScene", d: PassResult) -> None:
    """The panel after pass `d`: its number, speed, share of Perfect + Great, grade counts and what comes next."""
    draw.dim(surface, 150)
    box = pygame.Rect(640 - 300, 170, 600, 320)
    draw.glow(surface, box, scene.member.colour, 24, 16)
    draw.panel(surface, box, theme.PANEL, scene.member.colour, radius=24, alpha=250, width=3)
    text.draw(surface, scene.tr("pass_n", n=d.number + 1), 40, (640, box.y + 26), theme.TEXT, "display", "midtop", shadow=True)
    text.draw(surface, f"{speed_text(d.speed)} · {scene.tr('pass_share', share=round(d.share * 100))}", 22,
              (640, box.y + 88), theme.TEXT_DIM, "bold", "midtop")
    counts = {g: sum(j.grade is g for j in scene.session.judgements) for g in Grade}
    x = 640 - 2 * 130 + 65
    for g in Grade:
        text.draw(surface, str(counts[g]), 30, (x, box.y + 140), theme.grade_colour(g), "display", "midtop")
        text.draw(surface, grade_label(g, scene.app.language), 13, (x, box.y + 178), theme.TEXT_DIM, "bold", "midtop")
        x += 130
    colour = {"up": theme.GREEN, "mastered": theme.GOLD, "down": theme.PINK}.get(d.verdict, theme.TEXT)
    text.draw(surface, scene.tr(f"verdict_{d.verdict}", speed=speed_text(d.next_speed)), 28, (640, box.y + 214), colour,
              "display", "midtop", max_width=box.w - 40)
    if scene.run.ramp is not None:
        rule = scene.run.rule
        text.draw(surface, scene.tr("mode_ramp_help", up=round(rule.up_at * 100), down=round(rule.down_below * 100)), 13,
                  (640, box.bottom - 34), theme.TEXT_FAINT, anchor="midtop", max_width=box.w - 40)
    cap = draw.keycap(surface, "Enter", (box.right - 190, box.y + 30), 13)
    text.draw(surface, scene.tr("next_pass"), 14, (cap.right + 6, cap.centery), theme.TEXT_DIM, anchor="midleft")
    share = getattr(scene, "render_share", None)
    if share is not None and share < 1.0:
        hud.progress_bar(surface, pygame.Rect(box.x + 60, box.bottom - 12, box.w - 120, 8), share, scene.member.colour)
