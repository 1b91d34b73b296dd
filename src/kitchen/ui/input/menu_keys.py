"""Menu navigation from keys and gamepads: up, down, left, right, confirm and back.

Every menu reads input through :func:`menu_action`, so arrows, WASD, Enter/Space, Esc and
any gamepad's d-pad, stick, A, B and Start all work the same on every screen.
"""

from __future__ import annotations

import pygame

from kitchen.ui.input.gamepads import PAD_BUTTON

_KEYS = {
    pygame.K_UP: "up",
    pygame.K_w: "up",
    pygame.K_DOWN: "down",
    pygame.K_s: "down",
    pygame.K_LEFT: "left",
    pygame.K_a: "left",
    pygame.K_RIGHT: "right",
    pygame.K_d: "right",
    pygame.K_RETURN: "confirm",
    pygame.K_KP_ENTER: "confirm",
    pygame.K_SPACE: "confirm",
    pygame.K_ESCAPE: "back",
    pygame.K_BACKSPACE: "back",
}

_PAD = {
    "up": "up",
    "down": "down",
    "left": "left",
    "right": "right",
    "a": "confirm",
    "start": "confirm",
    "b": "back",
    "back": "back",
}


def menu_action(event: pygame.event.Event) -> str | None:
    """The menu action an event stands for, or ``None``."""
    if event.type == pygame.KEYDOWN:
        return _KEYS.get(getattr(event, "key", None))
    if event.type == PAD_BUTTON and event.down:
        return _PAD.get(event.button)
    return None
