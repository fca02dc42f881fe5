"""Where things go on the play screen (pixels on the 1280x720 canvas), and the part of it that
never changes during a song (background, panels, chips, titles, keys), drawn once per size.

The regions are shared by the pieces that draw into them (game.ui.guide_panel, camera_panel,
feedback_column, card_lane, coach_panel) and by the scenes built on play (practice)."""
from __future__ import annotations

import pygame

from game.chart import Member, Song
from game.ui import draw, hud, text, theme
from game.ui.strings import difficulty_label, tr
from game.ui.widgets import instruction_bar

TIMELINE = pygame.Rect(20, 452, 1240, 222)  # the card lane
GUIDE = pygame.Rect(20, 100, 340, 340)  # the target pose (or the coach video)
CAMERA = pygame.Rect(376, 100, 884, 340)  # the player, and what the game says about them
FEEDBACK_W = 290  # the camera panel's right column: combo, judgement pop-up, cheers (never over the player)
PICTURE = pygame.Rect(CAMERA.x + 8, CAMERA.y + 46, CAMERA.w - 16 - FEEDBACK_W, CAMERA.h - 54)
FEEDBACK_X = CAMERA.right - FEEDBACK_W // 2 - 6  # the column's centre
PROGRESS = pygame.Rect(20, 10, 1240, 8)  # the song's progress, gold moves marked
SCORE = pygame.Rect(1010, 26, 250, 64)
PAUSE_BUTTON = pygame.Rect(CAMERA.right - 54, CAMERA.bottom - 46, 40, 34)


def static_frame(size: tuple[int, int], song: Song, member: Member, difficulty: str, language: str,
                 keys: list[tuple[str, str]], camera: str | None, demo_reason: str | None) -> pygame.Surface:
    """Everything on the play screen that never changes during the song, as a surface of `size` (pixels).

    `keys` are the instruction bar's (key, what it does); `camera` is the live source's description
    ("" if it has none), or None when the demo plays, which then says why (`demo_reason`, or the demo's
    own line when the player chose it)."""
    s = pygame.Surface(size)
    s.blit(draw.background(size, member.colour), (0, 0))
    draw.panel(s, GUIDE, theme.PANEL, theme.PANEL_EDGE, radius=18, alpha=225)
    draw.panel(s, CAMERA, (12, 8, 26), theme.PANEL_EDGE, radius=18, alpha=240)
    for gx in range(CAMERA.x + 40, CAMERA.right, 40):
        pygame.draw.line(s, (26, 20, 48), (gx, CAMERA.y + 8), (gx, CAMERA.bottom - 8))
    for gy in range(CAMERA.y + 40, CAMERA.bottom, 40):
        pygame.draw.line(s, (26, 20, 48), (CAMERA.x + 8, gy), (CAMERA.right - 8, gy))
    draw.panel(s, TIMELINE, theme.PANEL, theme.PANEL_EDGE, radius=18, alpha=200)
    text.draw(s, tr("target", language), 14, (GUIDE.x + 18, GUIDE.y + 14), theme.TEXT_DIM, "bold")
    you = draw.chip(s, tr("you", language), (CAMERA.x + 16, CAMERA.y + 14), member.colour, 13)
    if camera is not None:
        name = camera
        if name.startswith("webcam ") and name[7:].isdigit():  # the pose service's English name for it
            name = tr("webcam_n", language, n=int(name[7:]))
        name = text.fit(name, 13, 260, "bold")  # room for "others in view" beside it
        draw.chip(s, f"● {tr('camera_chip', language)}" + (f" · {name}" if name else ""), (you.right + 8, CAMERA.y + 14),
                  theme.GREEN, 13, filled=False)
    else:
        draw.chip(s, tr("autoplay", language), (you.right + 8, CAMERA.y + 14), theme.GOLD, 13, filled=False)
        if demo_reason:
            hud.demo_reason_lines(s, demo_reason, pygame.Rect(CAMERA.x + 16, CAMERA.bottom - 74, 290, 62))
        else:
            for i, line in enumerate(reversed(text.wrap(tr("demo_mode", language), 14, 290, max_lines=2))):
                text.draw(s, line, 14, (CAMERA.x + 16, CAMERA.bottom - 28 - 18 * i), theme.TEXT_FAINT)
    chip = draw.chip(s, member.display_name(language), (20, 28), member.colour, 16)
    diff = theme.DIFFICULTY_COLOURS.get(difficulty, theme.CYAN)
    draw.chip(s, difficulty_label(difficulty, language).upper(), (chip.right + 8, 28), diff, 13, "topleft", filled=False)
    text.draw(s, f"{song.title}  ·  {song.artist}", 20, (20, 62), theme.TEXT, "bold", max_width=560)
    instruction_bar(s, keys, f"{song.title} — {member.display_name(language)} · {difficulty_label(difficulty, language)}")
    pb = PAUSE_BUTTON
    draw.panel(s, pb, theme.PANEL_HI, theme.PANEL_EDGE, radius=8, alpha=255)
    pygame.draw.rect(s, theme.TEXT_DIM, (pb.x + 13, pb.y + 9, 5, 16))
    pygame.draw.rect(s, theme.TEXT_DIM, (pb.x + 22, pb.y + 9, 5, 16))
    return s.convert() if pygame.display.get_surface() else s
