"""Text a level file or lesson pack may give in several languages.

``title: Two recipes`` is English only; ``title: {en: Two recipes, fr: Deux recettes}`` gives
each language its text. Either way the model holds a :class:`~kitchen.i18n.LocalText` (the
English text, carrying the translations), shown with :func:`~kitchen.i18n.localize` in the
language in force. A mapping must give ``en`` (shown in any language it lacks), and its keys
must be language codes CLDR knows (``fr``, ``de``, ``pt_BR``), so a typo such as ``fre`` is
a problem at its file:line:col.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, Discriminator, Field, PlainSerializer, Tag

from kitchen.content.fields import Words
from kitchen.i18n import DEFAULT_LANGUAGE, N_, LocalText, _

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|[0-9]{3}))?$")


@cache
def _canonical(code: str) -> str | None:
    """The code as CLDR writes it (``fre`` -> ``fr``), or ``None`` for an unknown one."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None
    return str(locale) if "_" in code else locale.language


def _language_code(code: str) -> str:
    canonical = _canonical(code) if LANGUAGE_CODE.fullmatch(code) else None
    if canonical != code:
        if canonical:
            said = _("{code!r} is not a language code: write {canonical}")
        else:
            said = _("{code!r} is not a language code: write a code such as en, fr, de or pt_BR")
        raise ValueError(said.format(code=code, canonical=canonical))
    return code


LanguageCode = Annotated[str, AfterValidator(_language_code), Words(N_("a language code"))]
"""A language code CLDR knows: ``en``, ``fr``, ``pt_BR``."""


def _with_english(value: dict[str, str]) -> dict[str, str]:
    if DEFAULT_LANGUAGE not in value:
        given = ", ".join(sorted(value)) or "none"
        raise ValueError(
            _(
                "gives no English text (en:), which is shown in every language "
                "without its own text (languages given: {given})"
            ).format(given=given)
        )
    return value


def _shape(value: Any) -> str:
    return "translations" if isinstance(value, dict) else "text"


def _serialize(value: LocalText | str) -> str | dict[str, str]:
    return value.as_data if isinstance(value, LocalText) else value


def _local_text(value: str | dict[str, str]) -> LocalText:
    return LocalText.of(value)


def localized(max_length: int, *extra: Any) -> Any:
    """The type of a text field at most ``max_length`` characters long in every language,
    given as text or as ``{en: ..., fr: ...}``; ``extra`` is more metadata for each text
    (validators such as "one line")."""
    one: Any = Annotated.__class_getitem__((str, Field(max_length=max_length), *extra))  # type: ignore[attr-defined]
    return Annotated[
        Annotated[one, Tag("text")]
        | Annotated[
            dict[LanguageCode, one],
            AfterValidator(_with_english),
            Tag("translations"),
        ],
        Discriminator(_shape),
        AfterValidator(_local_text),
        PlainSerializer(_serialize),
        Words(N_("text, or the text in each language ({en: ..., fr: ...})")),
    ]
