"""Names kept as written in levels, settings and logs, shown in the language in force: the
shipped levels' zones and roles, and the default facilitator tags.

A level names its zones and roles with ids (``prep``, ``pass``) that its roles, the log and
the microphones' labels refer to; the settings hold the tags a facilitator may rename and
the log records a tag as it was. None of them changes with the language, so the screens,
the debrief and the report show them through :func:`place_name` and :func:`tag_name`: a
shipped name in the language in force, anyone's own name as written.
"""

from __future__ import annotations

from kitchen.i18n import N_, _, pgettext

SHIPPED_PLACES = frozenset({"prep", "pass"})
"""Every zone or role name used by a shipped level (levels/*.yaml)."""

TAG_WORDS = {
    "good closed loop": N_("good closed loop"),
    "silo": N_("silo"),
    "leadership moment": N_("leadership moment"),
    "missed hand-over": N_("missed hand-over"),
    "conflict": N_("conflict"),
    "helping out": N_("helping out"),
    "speaking up": N_("speaking up"),
}
"""The default tags (``content/settings_model.py``'s ``DEFAULT_TAGS``), marked."""


def place_name(name: str) -> str:
    """A zone's or a role's name in the language in force (``pass``: ``passe`` in French);
    a name no shipped level uses is shown as written."""
    if name == "prep":
        return pgettext("zone or role", "prep")
    if name == "pass":
        return pgettext("zone or role", "pass")
    return name.replace("_", " ")


def place_names(names: str) -> str:
    """Several zone names joined by ``", "`` (a chef's home zones), each as
    :func:`place_name` shows it."""
    return ", ".join(place_name(n) for n in names.split(", ")) if names else names


def tag_name(tag: str) -> str:
    """A facilitator's tag in the language in force (a default tag translated; the
    facilitator's own tags as written)."""
    known = TAG_WORDS.get(tag)
    return _(known) if known is not None else tag
