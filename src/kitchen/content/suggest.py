""" "Did you mean" hints for a misspelt name, shared by every message that names the
options (level files, lesson packs)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from kitchen.i18n import _


def suggest(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or ``""``."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return _(" (did you mean '{name}'?)").format(name=close[0]) if close else ""
