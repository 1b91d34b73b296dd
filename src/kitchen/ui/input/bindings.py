"""Keyboard layouts: up to four chefs share one keyboard.

Each layout binds seven actions to keys: four directions, ``interact`` (pick up, put
down, serve: a press), ``use`` (chop, wash: held) and ``callout`` (a spare key that shows
a call-out bubble over the chef; the simulation does not use it). Keys are stored by
SDL's key name (``"W"``, ``"Right Shift"``, ``"Keypad 8"``) so the settings file is
readable and survives keyboard-layout changes. The actions and the default layouts are
part of the settings file (:mod:`kitchen.content.settings_model`); this module knows SDL's
key names (:data:`SDL_KEY_NAMES`, against which the settings' key names are checked).
"""

from __future__ import annotations

import warnings

import pygame

from kitchen.content.settings_model import ACTIONS
from kitchen.i18n import N_, _

ACTION_TITLES = {
    "up": N_("Up"),
    "down": N_("Down"),
    "left": N_("Left"),
    "right": N_("Right"),
    "interact": N_("Pick up / put down"),
    "use": N_("Chop / wash (hold)"),
    "callout": N_("Call-out"),
}
"""Each action's name, in English (look it up with ``_()`` when shown)."""

RESERVED_KEYS = frozenset(
    [pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB, pygame.K_BACKSPACE]
    + [getattr(pygame, f"K_F{n}") for n in range(1, 13)]
)
"""Keys players may not bind: Esc pauses, Enter starts, F-keys belong to the facilitator."""

_SHORT = {
    "Right Shift": N_("R-Shift"),
    "Left Shift": N_("L-Shift"),
    "Right Ctrl": N_("R-Ctrl"),
    "Left Ctrl": N_("L-Ctrl"),
    "Right Alt": N_("R-Alt"),
    "Left Alt": N_("L-Alt"),
    "Space": N_("Space"),
    "Up": N_("Up"),
    "Down": N_("Down"),
    "Left": N_("Left"),
    "Right": N_("Right"),
    "Delete": N_("Del"),
    "Insert": N_("Ins"),
    "Home": N_("Home"),
    "End": N_("End"),
    "PageUp": N_("PgUp"),
    "PageDown": N_("PgDn"),
    "CapsLock": N_("Caps Lock"),
}
"""SDL's names of the keys whose shown name is a word, shortened for hints and marked for
the catalogue (looked up with ``_()`` when shown; the settings keep SDL's names)."""

ARROWS = ("Up", "Left", "Down", "Right")
"""SDL's names of the arrow keys, in :meth:`KeyLayout.move_label`'s order."""


def key_code(name: str) -> int | None:
    """The pygame key code for an SDL key name, or ``None`` if there is no such key."""
    if not isinstance(name, str) or not name:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            code = pygame.key.key_code(name)
        except (ValueError, pygame.error):
            return None
    return code or None


def key_name(code: int) -> str:
    """The SDL key name for a key code (``"Keypad 8"``, ``"Right Shift"``, ``"W"``)."""
    try:
        name = pygame.key.name(code, use_compat=False)
    except pygame.error:
        name = ""
    return name or f"Key {code}"


def key_label(name: str) -> str:
    """A short label for an SDL key name, for on-screen hints, in the language in force
    (``"Num 8"``, ``"R-Shift"``; French ``"Pavé 8"``, ``"Maj D"``)."""
    if name in _SHORT:
        return _(_SHORT[name])
    if name.startswith("Keypad "):
        return _("Num {key}").format(key=key_label(name[len("Keypad ") :]))
    return name.upper() if len(name) == 1 else name


class SdlKeyNames:
    """SDL's key names and the reserved keys: the key table the settings are checked
    against (a :class:`kitchen.content.settings_model.KeyNames`)."""

    reserved: frozenset[int] = RESERVED_KEYS

    def code(self, name: str) -> int | None:
        """The key code for an SDL key name, or ``None`` (see :func:`key_code`)."""
        return key_code(name)


SDL_KEY_NAMES = SdlKeyNames()
"""The key table the front end checks the settings file with."""


class KeyLayout:
    """One keyboard layout as key codes, ready for event handling.

    Args:
        index: 0-3, which of the four layouts this is.
        names: action -> SDL key name (plus a ``name`` for the layout).
    """

    def __init__(self, index: int, names: dict[str, str]) -> None:
        self.index = index
        self.title = names.get("name", f"Keys {index + 1}")
        self.names = {a: names[a] for a in ACTIONS}
        self.codes: dict[str, int] = {}
        for action in ACTIONS:
            code = key_code(self.names[action])
            if code is not None:
                self.codes[action] = code
        self._action_of = {code: action for action, code in self.codes.items()}

    def action_for(self, key: int) -> str | None:
        """The action bound to ``key`` in this layout, if any."""
        return self._action_of.get(key)

    def label(self, action: str) -> str:
        """The key label for ``action``."""
        return key_label(self.names[action])

    def said_label(self, action: str, title: str) -> str:
        """``action``'s key with the layout's ``title`` before it (``WASD E``), or alone when
        the label already says where the key is (``Num 9``, not ``Numpad Num 9``)."""
        key = self.label(action)
        return key if self.names[action].startswith("Keypad ") else f"{title} {key}"

    def move_label(self) -> str:
        """The four direction keys, e.g. ``"W A S D"``; the arrow keys as ``"Arrows"`` and
        four keypad keys as ``"Num 8 4 5 6"`` (short enough for a chef's place)."""
        names = [self.names[a] for a in ("up", "left", "down", "right")]
        if tuple(names) == ARROWS:
            return _("Arrows")
        pad = "Keypad "
        if all(n.startswith(pad) for n in names):
            return _("Num {key}").format(key=" ".join(key_label(n[len(pad) :]) for n in names))
        return " ".join(key_label(n) for n in names)


def layouts_from(named: list[dict[str, str]]) -> list[KeyLayout]:
    """Build :class:`KeyLayout` objects from the settings' list of named layouts."""
    return [KeyLayout(i, names) for i, names in enumerate(named)]
