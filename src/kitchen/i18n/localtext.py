"""Content text in several languages: a level's or a lesson pack's ``title: {en: ..., fr: ...}``.

A :class:`LocalText` *is* its English text (a ``str``: compared, hashed, sorted and written
to logs as English, as before) and carries its translations; :func:`localize` gives the text
in the language in force, resolved when it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kitchen.i18n.catalogue import DEFAULT_LANGUAGE, current_language


class LocalText(str):
    """English text with its translations (``translations`` includes ``en``)."""

    translations: Mapping[str, str]

    def __new__(cls, text: str, translations: Mapping[str, str] | None = None) -> LocalText:
        """``text`` (English) with its ``translations`` by language code."""
        made = super().__new__(cls, text)
        given = dict(translations or {})
        given.setdefault(DEFAULT_LANGUAGE, str(text))
        made.translations = MappingProxyType(given)
        return made

    @classmethod
    def of(cls, value: str | Mapping[str, str]) -> LocalText:
        """From plain text or a mapping of language code to text (``en`` required)."""
        if isinstance(value, LocalText):
            return value
        if isinstance(value, str):
            return cls(value)
        return cls(value[DEFAULT_LANGUAGE], value)

    @classmethod
    def empty(cls) -> LocalText:
        """No text (a field's default)."""
        return cls("")

    def in_language(self, lang: str) -> str:
        """The text in ``lang``, or in English when it has none in ``lang``."""
        return self.translations.get(lang) or str(self)

    @property
    def as_data(self) -> str | dict[str, str]:
        """How a file writes it: the text alone, or ``{en: ..., fr: ...}``."""
        if set(self.translations) == {DEFAULT_LANGUAGE}:
            return str(self)
        return dict(self.translations)

    def __reduce__(self) -> tuple[object, ...]:
        return (LocalText, (str(self), dict(self.translations)))


def localize(text: str | None) -> str:
    """``text`` in the language in force: a :class:`LocalText`'s translation, or the text
    itself (``""`` for ``None``)."""
    if text is None:
        return ""
    if isinstance(text, LocalText):
        return text.in_language(current_language())
    return text
