"""A one-line text field (a video file path): typed text, paste, a dropped file, Enter to submit.

Typed characters come from TEXTINPUT events (SDL composes accents and Korean there), editing
keys from KEYDOWN, so nothing is inserted twice."""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import draw, text, theme


@dataclass
class TextInput:
    value: str = ""
    hint_text: str = ""
    max_length: int = 400

    def start(self) -> None:
        pygame.key.start_text_input()

    def stop(self) -> None:
        pygame.key.stop_text_input()

    def handle(self, event: pygame.event.Event) -> str | None:
        """'submit' on Enter, 'cancel' on Esc, 'edit' when the text changed, else None."""
        if event.type == pygame.TEXTINPUT:
            self.value = (self.value + event.text)[: self.max_length]
            return "edit"
        if event.type == pygame.DROPFILE:  # a file dragged onto the window
            self.value = event.file
            return "edit"
        if event.type != pygame.KEYDOWN:
            return None
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return "submit"
        if event.key == pygame.K_ESCAPE:
            return "cancel"
        if event.key == pygame.K_BACKSPACE:
            if event.mod & pygame.KMOD_CTRL:  # a whole path component
                trimmed = self.value.rstrip("/\\")
                cut = max(trimmed.rfind("/"), trimmed.rfind("\\"))
                self.value = trimmed[: cut + 1] if cut >= 0 else ""
            else:
                self.value = self.value[:-1]
            return "edit"
        if event.key == pygame.K_v and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
            pasted = _clipboard()
            if pasted:
                self.value = (self.value + pasted.strip().strip('"'))[: self.max_length]
                return "edit"
        return None

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, colour: theme.Colour, t: float) -> None:
        """The field with its text (the end kept in view) and a blinking caret."""
        draw.glow(surface, rect, colour, 12, 10)
        draw.panel(surface, rect, (12, 8, 26), colour, radius=12, alpha=250, width=2)
        inner = rect.inflate(-28, 0)
        f = text.font(20)
        shown = self.value
        while shown and f.size(shown)[0] > inner.w - 12:
            shown = shown[1:]
        if shown != self.value:
            shown = "…" + shown[1:]
        if self.value:
            r = text.draw(surface, shown, 20, (inner.x, inner.centery), theme.TEXT, anchor="midleft")
            caret_x = r.right + 2
        else:
            text.draw(surface, self.hint_text, 20, (inner.x, inner.centery), theme.TEXT_FAINT, anchor="midleft",
                      max_width=inner.w)
            caret_x = inner.x
        if int(t * 2) % 2 == 0:
            pygame.draw.line(surface, colour, (caret_x, rect.y + 12), (caret_x, rect.bottom - 12), 2)


def _clipboard() -> str:
    try:
        if not pygame.scrap.get_init():
            pygame.scrap.init()
        data = pygame.scrap.get_text() if hasattr(pygame.scrap, "get_text") else pygame.scrap.get(pygame.SCRAP_TEXT)
    except pygame.error:
        return ""
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    return (data or "").replace("\x00", "")
