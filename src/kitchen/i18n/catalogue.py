"""The catalogues and the language in force (see :mod:`kitchen.i18n`)."""

from __future__ import annotations

import gettext as _gettext
import locale
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "kitchen"
"""The catalogues' gettext domain: ``<lang>/LC_MESSAGES/kitchen.po``."""

DEFAULT_LANGUAGE = "en"
"""The language the code is written in, and the one used for anything else."""

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
"""Where the catalogues live (inside the package, so they ship in the wheel)."""

_OWN_NAMES = {"en": "English", "fr": "Français"}
"""Each language's name in itself, for the language choice (others come from Babel's CLDR)."""

_CODE = re.compile(r"^[A-Za-z]{2,3}")

_language = DEFAULT_LANGUAGE


@cache
def available_languages() -> tuple[str, ...]:
    """The languages the game can be played in: English, then every language with a
    compiled catalogue, in code order."""
    found = sorted(
        p.parent.parent.name
        for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
        if p.parent.parent.name != DEFAULT_LANGUAGE
    )
    return (DEFAULT_LANGUAGE, *found)


def language_name(code: str) -> str:
    """A language's name in that language (``"Français"`` for ``fr``): how the language
    choice shows it. Never a flag: a flag is a country, not a language."""
    if code in _OWN_NAMES:
        return _OWN_NAMES[code]
    try:
        from babel import Locale

        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:]


def resolve_language(code: str | None) -> str:
    """The available language nearest ``code`` (``fr_CA.UTF-8`` -> ``fr``), English for
    ``None``, ``C``, ``POSIX`` or a language without a catalogue."""
    if not code:
        return DEFAULT_LANGUAGE
    match = _CODE.match(code.strip())
    if match is None:
        return DEFAULT_LANGUAGE
    lang = match.group().lower()
    return lang if lang in available_languages() else DEFAULT_LANGUAGE


def system_language() -> str:
    """The language the system's locale asks for, as :func:`resolve_language` gives it:
    ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (gettext's order), then
    :func:`locale.getlocale`; English when none names an available language."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            if part and part not in ("C", "POSIX") and not part.startswith("C."):
                return resolve_language(part)
    try:
        code = locale.getlocale()[0]
    except ValueError:
        code = None
    return resolve_language(code)


def set_language(code: str | None) -> str:
    """Make ``code`` the language in force (resolved as :func:`resolve_language` does) and
    return the language now in force."""
    global _language
    _language = resolve_language(code)
    return _language


def current_language() -> str:
    """The language in force (a code from :func:`available_languages`)."""
    return _language


@contextmanager
def using_language(code: str | None) -> Iterator[str]:
    """Use ``code`` inside a ``with`` block, then the language in force before it."""
    before = _language
    try:
        yield set_language(code)
    finally:
        set_language(before)


@cache
def _translations(lang: str) -> _gettext.NullTranslations:
    if lang == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALES_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` in the language in force (itself when the catalogue lacks it)."""
    return _translations(_language).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (look it up with
    :func:`_` when it is shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or a plural form for ``n``, by the catalogue's plural rule (French says
    *0 plat*, English *0 dishes*). The text may hold ``{n}`` or other fields to format."""
    return _translations(_language).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (one English word, two meanings)."""
    return _translations(_language).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` in ``context``."""
    return _translations(_language).npgettext(context, singular, plural, n)
