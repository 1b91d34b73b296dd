"""Typing a one-line note (a tag's note, a TEAM rating's note): the keys every note box
shares, so each box only says what finishing, cancelling and its own extra keys do."""

from __future__ import annotations

import pygame

from kitchen.session.log_model import MAX_NOTE

DONE = "done"
"""Enter: keep the note."""

CANCEL = "cancel"
"""Esc: drop the note."""


def type_into(draft: str, event: pygame.event.Event) -> tuple[str, str | None]:
    """``draft`` after ``event``, and ``DONE``, ``CANCEL`` or ``None`` (still typing, or a
    key the box may handle itself). Text is cut at the log's :data:`MAX_NOTE`."""
    if event.type == pygame.TEXTINPUT:
        return (draft + event.text)[:MAX_NOTE], None
    if event.type == pygame.KEYDOWN:
        if event.key == pygame.K_BACKSPACE:
            return draft[:-1], None
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return draft, DONE
        if event.key == pygame.K_ESCAPE:
            return draft, CANCEL
    return draft, None
