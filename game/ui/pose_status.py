"""The title screen's word on pose recognition: loading, ready (with the camera it will use),
a model that is missing or broken (the file and the command that rebuilds it), a model older than
the pose library (with the offer to retrain), and a retrain in progress (its last output line)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pygame

from game.pose import service as ps
from game.ui import draw, text, theme
from game.ui.strings import STRINGS, source_label, tr


def short_paths(message: str) -> str:
    """Paths inside the game's folder, shown relative to it (what the player types commands from)."""
    return message.replace(str(ps.REPO_ROOT) + "/", "")


def webcam_present(source: int | str, dev: Path = Path("/dev")) -> bool | None:
    """Whether webcam `source` exists, without opening it (opening one takes a second): on Linux
    its /dev/videoN node; None where that cannot be told cheaply (other systems, a video file)."""
    if not (isinstance(source, int) or str(source).isdigit()) or not sys.platform.startswith("linux"):
        return None
    return (dev / f"video{int(source)}").exists()


def camera_text(source: int | str, language: str) -> tuple[str, bool]:
    """What the title calls the camera it will use, and whether that camera is there."""
    present = webcam_present(source)
    return source_label(source, language, present), present is not False


def draw_status(surface: pygame.Surface, area: pygame.Rect, service: ps.PoseService, camera: int | str, language: str,
                t: float) -> pygame.Rect | None:
    """Draw the status in `area` (its top-left; a pill or a panel up to area.h tall) for the camera
    source the songs will use. Returns the 'retrain' button's rect when one is offered, for the mouse."""
    if service.retrain is not None:
        _retraining(surface, area, service.retrain, language, t)
        return None
    if service.state == ps.LOADING:
        dots = "." * (1 + int(t * 3) % 3)
        _pill(surface, area.topleft, tr("loading_pose", language).rstrip("…") + dots, theme.TEXT_DIM, spinner=t)
        return None
    if service.state == ps.READY:
        note = f"  ·  {service.retrain_result}" if service.retrain_result else ""
        name, present = camera_text(camera, language)
        _pill(surface, area.topleft, f"{tr('pose_ready', language)}  ·  {name}{note}", theme.GREEN if present else theme.GOLD)
        return None
    if service.state == ps.STALE:
        return _panel(surface, area, tr("pose_stale", language), stale_detail(service.message or "", language), theme.GOLD,
                      tr("retrain", language), service.retrain_result or tr("stale_play", language))
    if service.state == ps.ERROR:
        return _panel(surface, area, tr("pose_error", language), model_detail(service.message or "", language), theme.RED,
                      tr("train_now", language), service.retrain_result)
    return None


# What the classifier's messages say (game/pose/classifier.py), by a phrase in them -> strings key.
MODEL_PROBLEMS = (("pose classifier not found", "model_missing"), ("metadata is damaged", "model_meta_damaged"),
                  ("pose classifier is damaged", "model_damaged"), ("does not match", "model_mismatch"),
                  ("feature version", "model_version"), ("changed since", "model_changed"))


def model_detail(message: str, language: str) -> str:
    """A model message (English, from the classifier, naming its files) in the player's language:
    "file: problem; rebuild it with: command", the file and the command kept as they are."""
    message = short_paths(message)
    command = re.search(r"python main\.py poses train\S*(?: --library \S+)?", message)
    key = next((k for phrase, k in MODEL_PROBLEMS if phrase in message), None)
    if language == "en" or not command or key is None:
        return message
    path = message.split(": ", 1)[0] if ": " in message and " " not in message.split(": ", 1)[0] else ""
    problem = tr(key, language)
    return f"{path + ': ' if path else ''}{problem}; {tr('rebuild_with', language, command=command.group(0))}"


def stale_detail(message: str, language: str) -> str:
    """The stale panel's line under its title: only the command that rebuilds the model. The title
    already says the poses changed; saying it again (in Korean word for word) reads as a stutter."""
    command = re.search(r"python main\.py poses train\S*(?: --library \S+)?", short_paths(message))
    return tr("rebuild_with", language, command=command.group(0)) if command else model_detail(message, language)


def _pill(surface: pygame.Surface, pos: tuple[int, int], label: str, colour: theme.Colour, spinner: float | None = None) -> None:
    f = text.font(15, "bold")
    rect = pygame.Rect(pos[0], pos[1], f.size(label)[0] + 44, 30)
    draw.panel(surface, rect, theme.PANEL, theme.scale(colour, 0.7), radius=15, alpha=220)
    dot = (rect.x + 16, rect.centery)
    if spinner is None:
        pygame.draw.circle(surface, colour, dot, 5)
    else:
        a = spinner * 6
        pygame.draw.arc(surface, colour, (dot[0] - 7, dot[1] - 7, 14, 14), a, a + 4.2, 3)
    text.draw(surface, label, 15, (rect.x + 30, rect.centery), colour if spinner is None else theme.TEXT_DIM, "bold", "midleft")


def _panel(surface: pygame.Surface, area: pygame.Rect, title: str, message: str, colour: theme.Colour, action: str,
           note: str | None) -> pygame.Rect:
    """A message panel with a key-cap button ([R] Retrain). The message's parts ("file: problem; do
    this") go on lines of their own, so the command to run is never split."""
    draw.panel(surface, area, theme.lerp(theme.PANEL, colour, 0.12), colour, radius=14, alpha=235)
    pygame.draw.rect(surface, colour, (area.x, area.y + 10, 5, area.h - 20), border_radius=3)
    btn = pygame.Rect(0, 0, text.font(15, "bold").size(action)[0] + 58, 32)
    btn.topright = (area.right - 12, area.y + 8)
    text.draw(surface, title, 16, (area.x + 20, area.y + 10), colour, "bold", max_width=btn.x - area.x - 30)
    lines: list[tuple[str, bool]] = []
    for k, part in enumerate(p.strip() for p in message.split("; ") if p.strip()):
        if "/" not in part.split(" ")[0]:  # a sentence, not a path: capitalise it
            part = part[:1].upper() + part[1:]
        lines += [(line, "python main.py" in part) for line in text.wrap(part, 14, area.w - 40, max_lines=2)]
    y = area.y + 36
    for line, is_command in lines[:3]:
        text.draw(surface, line, 14, (area.x + 20, y), theme.CYAN if is_command else theme.TEXT, "bold" if is_command else "regular")
        y += 17
    if note and y + 15 <= area.bottom - 3:
        text.draw(surface, note, 13, (area.x + 20, y + 1), theme.TEXT_DIM, max_width=area.w - 40)
    draw.panel(surface, btn, theme.lerp(theme.PANEL_HI, colour, 0.3), colour, radius=16, alpha=255)
    cap = draw.keycap(surface, "R", (btn.x + 8, btn.centery), 12)
    text.draw(surface, action, 15, (cap.right + 8, btn.centery), theme.TEXT, "bold", "midleft")
    return btn


def retrain_text(job: ps.Retrain, language: str) -> str:
    """Which step training is at, in the player's words ("Step 4 of 5: training the model · epoch 18 of 40")."""
    step = getattr(job, "step", None)
    if step is None:
        return tr("train_starting", language)
    k, n, name = step
    what = tr(f"train_{name}", language) if f"train_{name}" in STRINGS else name
    line = tr("train_stage", language, step=k, steps=n, what=what)
    epochs = getattr(job, "epochs", None)
    if epochs:
        line += "  ·  " + tr("train_epoch", language, done=epochs[0], total=epochs[1])
    return line


def _retraining(surface: pygame.Surface, area: pygame.Rect, job: ps.Retrain, language: str, t: float) -> None:
    colour = theme.CYAN
    draw.panel(surface, area, theme.lerp(theme.PANEL, colour, 0.1), colour, radius=14, alpha=235)
    title = f"{tr('retraining', language)} · {tr('seconds', language, n=int(job.seconds))}"
    text.draw(surface, title, 16, (area.x + 20, area.y + 10), colour, "bold")
    if job.progress is not None:
        text.draw(surface, f"{round(job.progress * 100)}%", 16, (area.right - 20, area.y + 10), theme.TEXT, "bold", "topright")
    bar = pygame.Rect(area.x + 20, area.y + 38, area.w - 40, 10)
    pygame.draw.rect(surface, theme.PANEL_HI, bar, border_radius=5)
    if job.progress is not None:
        fill = bar.copy()
        fill.w = max(10, int(bar.w * job.progress))
        pygame.draw.rect(surface, colour, fill, border_radius=5)
    else:  # nothing reported yet (Python starting): a sweeping highlight
        x = bar.x + int((t * 0.6 % 1.0) * (bar.w - 80))
        pygame.draw.rect(surface, colour, (x, bar.y, 80, bar.h), border_radius=5)
    text.draw(surface, retrain_text(job, language), 13, (area.x + 20, bar.bottom + 8), theme.TEXT_DIM, max_width=area.w - 40)
