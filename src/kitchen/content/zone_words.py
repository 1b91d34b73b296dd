"""The names of the shipped levels' zones and roles as people read them.

A level names its zones and roles with ids (``prep``, ``pass``): the roles, the log and the
microphones' labels refer to them, so they stay as written in every language. The screens,
the debrief and the report show them through :func:`place_name`: a shipped name in the
language in force, a level's own name as the level writes it (``_`` shown as a space).
"""

from __future__ import annotations

from kitchen.i18n import pgettext

SHIPPED_PLACES = frozenset({"prep", "pass"})
"""Every zone or role name used by a shipped level (levels/*.yaml)."""


def place_name(name: str) -> str:
    """A zone's or a role's name in the language in force (``pass``: ``passe`` in French);
    a name no shipped level uses is shown as written."""
    if name == "prep":
        return pgettext("zone or role", "prep")
    if name == "pass":
        return pgettext("zone or role", "pass")
    return name.replace("_", " ")
