"""The game's languages: gettext catalogues (managed with Babel), the language in force,
numbers and dates as the language writes them, and content text in several languages.

Every string people read is written in English in the code and looked up in the current
language's catalogue: :func:`_` (``gettext``), :func:`ngettext` for plurals (the
catalogue's own plural rule), :func:`pgettext` when one English word needs two
translations, and :func:`N_` to mark a string that is translated later (a table built at
import time, looked up with :func:`_` when shown).

The catalogues live in ``kitchen/locales/<lang>/LC_MESSAGES/kitchen.po`` and their compiled
``kitchen.mo`` beside them (committed, shipped in the wheel; docs/translating.md). A language
is offered when its ``.mo`` is there, so a third language is one more catalogue.

The language in force is English until :func:`set_language` is called: the command line and
the game call it with the ``--lang`` option, the settings' ``language`` or
:func:`system_language`, so a library user or a test gets the same text whatever the
machine's locale.

This module is one of the lowest layers: it imports nothing from the rest of ``kitchen``.
"""

from __future__ import annotations

from kitchen.i18n.catalogue import (
    DEFAULT_LANGUAGE,
    LOCALES_DIR,
    N_,
    _,
    available_languages,
    current_language,
    language_name,
    ngettext,
    npgettext,
    pgettext,
    resolve_language,
    set_language,
    system_language,
    using_language,
)
from kitchen.i18n.formatting import (
    format_date,
    format_datetime,
    format_number,
    format_percent,
    list_text,
)
from kitchen.i18n.localtext import LocalText, localize

__all__ = [
    "DEFAULT_LANGUAGE",
    "LOCALES_DIR",
    "N_",
    "LocalText",
    "_",
    "available_languages",
    "current_language",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "language_name",
    "list_text",
    "localize",
    "ngettext",
    "npgettext",
    "pgettext",
    "resolve_language",
    "set_language",
    "system_language",
    "using_language",
]
