"""What a JSON syntax error says in the language in force.

Python's :mod:`json` and pydantic's JSON parser (serde_json) both explain a syntax error in
English. :func:`json_problem` words a :class:`json.JSONDecodeError` from its public
``msg`` and :func:`json_reason` words pydantic's ``json_invalid`` text, each through the
catalogue: in English they keep the parser's own words; in another language a known message
is the catalogue's phrase and any other one a generic "not valid JSON".
"""

from __future__ import annotations

import re

from kitchen.i18n import DEFAULT_LANGUAGE, N_, _, current_language

PYTHON_WORDS: dict[str, str] = {
    "Expecting value": N_("Expecting value"),
    "Expecting ',' delimiter": N_("Expecting ',' delimiter"),
    "Expecting ':' delimiter": N_("Expecting ':' delimiter"),
    "Expecting property name enclosed in double quotes": N_(
        "Expecting property name enclosed in double quotes"
    ),
    "Unterminated string starting at": N_("Unterminated string starting at"),
    "Invalid control character": N_("Invalid control character at"),
    "Invalid \\uXXXX escape": N_("Invalid \\uXXXX escape"),
    "Invalid \\escape": N_("Invalid \\escape"),
    "Extra data": N_("Extra data"),
    "Illegal trailing comma before end of object": N_(
        "Illegal trailing comma before end of object"
    ),
    "Illegal trailing comma before end of array": N_("Illegal trailing comma before end of array"),
}
"""The :mod:`json` module's messages (the start of ``JSONDecodeError.msg``: the pure-Python
decoder adds the offending character to some) and their catalogue words."""

SERDE_WORDS: dict[str, str] = {
    "EOF while parsing a value": N_("EOF while parsing a value"),
    "EOF while parsing an object": N_("EOF while parsing an object"),
    "EOF while parsing a list": N_("EOF while parsing a list"),
    "EOF while parsing a string": N_("EOF while parsing a string"),
    "EOF while parsing": N_("EOF while parsing"),
    "expected value": N_("expected value"),
    "expected ident": N_("expected ident"),
    "expected `:`": N_("expected `:`"),
    "expected `,` or `}`": N_("expected `,` or `}`"),
    "expected `,` or `]`": N_("expected `,` or `]`"),
    "trailing comma": N_("trailing comma"),
    "trailing characters": N_("trailing characters"),
    "key must be a string": N_("key must be a string"),
    "control character (\\u0000-\\u001F) found while parsing a string": N_(
        "control character (\\u0000-\\u001F) found while parsing a string"
    ),
    "invalid escape": N_("invalid escape"),
    "invalid number": N_("invalid number"),
    "number out of range": N_("number out of range"),
    "invalid unicode code point": N_("invalid unicode code point"),
    "unexpected end of hex escape": N_("unexpected end of hex escape"),
    "lone leading surrogate in hex escape": N_("lone leading surrogate in hex escape"),
    "recursion limit exceeded": N_("recursion limit exceeded"),
}
"""pydantic's JSON parser's messages (before `` at line L column C``) and their catalogue
words."""

_SERDE_POSITION = re.compile(r"^(?:Invalid JSON: )?(.*?) at line (\d+) column (\d+)$", re.S)


def _english() -> bool:
    return current_language().split("_")[0] == DEFAULT_LANGUAGE


def json_words(message: str) -> str | None:
    """The catalogue's words for a :mod:`json` error message, or ``None`` if unknown."""
    for start, words in PYTHON_WORDS.items():
        if message.startswith(start):
            return _(words)
    return None


def json_problem(message: str) -> str:
    """A problem's text for JSON that :mod:`json` refused with ``message`` (its
    ``JSONDecodeError.msg``, or any other error's text): ``not JSON: <why>`` in the
    language in force; in English the parser's own message, elsewhere the catalogue's words
    or, for a message not known here, a plain "not valid JSON"."""
    if _english():
        return _("not JSON: {why}").format(why=message)
    words = json_words(message)
    if words is None:
        return _("not valid JSON")
    return _("not JSON: {why}").format(why=words)


def json_reason(error: str) -> str:
    """pydantic's ``json_invalid`` text (``ctx["error"]`` or its message) in the language in
    force: unchanged in English; elsewhere the catalogue's words with the line and column,
    or a plain "not valid JSON" for a message not known here."""
    if _english():
        return error
    found = _SERDE_POSITION.match(error.strip())
    what = found.group(1) if found else error.strip().removeprefix("Invalid JSON: ")
    words = SERDE_WORDS.get(what)
    if words is None:
        return _("not valid JSON")
    if found is None:
        return _(words)
    return _("{why} at line {line} column {column}").format(
        why=_(words), line=found.group(2), column=found.group(3)
    )


def is_json_problem(message: str) -> bool:
    """Whether a problem's ``message`` is one :func:`json_problem` made (in the language in
    force)."""
    return message == _("not valid JSON") or message.startswith(_("not JSON: {why}").format(why=""))
