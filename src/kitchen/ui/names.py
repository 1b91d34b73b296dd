"""Names kept in English in data, shown in the language in force: the shipped food, the
default facilitator tags, the default keyboard layouts and the shipped zones and roles.

The simulation and the level files name food by id (``onion``, ``plate``); the settings
hold the tags and layout names a facilitator may rename, and the logs record tags as they
were. None of them changes with the language, so the screens look the names up here when
they show them; a name not shipped with the game (a level's own ingredient, a facilitator's
own tag) is shown as it is.
"""

from __future__ import annotations

from kitchen.content.shown_names import TAG_WORDS, place_name, tag_name
from kitchen.i18n import N_, _

_NAMES = {
    "onion": N_("onion"),
    "tomato": N_("tomato"),
    "lettuce": N_("lettuce"),
    "mushroom": N_("mushroom"),
    "cucumber": N_("cucumber"),
    "bread": N_("bread"),
    "plate": N_("plate"),
}
"""Shipped food ids, as a call-out names them, marked for the catalogue (titles of dishes
and ingredients: :func:`kitchen.ui.render.words.title_words`)."""


def food_name(name: str) -> str:
    """``name`` (a shipped food id such as ``onion``) in the language in force; any other
    name as it is, with ``_`` shown as a space."""
    known = _NAMES.get(name)
    return _(known) if known is not None else name.replace("_", " ")


_TAGS = TAG_WORDS
"""The default tags and their catalogue words (kept in ``content/shown_names.py``, which the
report also reads)."""

_LAYOUTS = {"Arrows": N_("Arrows"), "Numpad": N_("Numpad")}
"""The default keyboard layouts' names that are words (``WASD`` and ``IJKL`` are keys)."""


def layout_name(name: str) -> str:
    """A keyboard layout's name in the language in force (``Arrows``: ``Flèches``)."""
    known = _LAYOUTS.get(name)
    return _(known) if known is not None else name


def zone_name(name: str) -> str:
    """A zone's or a role's name in the language in force (the shipped ``prep`` and
    ``pass``: ``préparation`` and ``passe``); a level's own name as written."""
    return place_name(name)


__all__ = ["food_name", "layout_name", "tag_name", "zone_name"]
