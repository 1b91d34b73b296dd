"""Messages about the records of a round log or ``session.json``, and where they point.

Every problem with a record read from disk becomes one line a facilitator can act on
(``file:line:col: key.path: message``): :func:`describe_error` words a pydantic error,
:func:`key_path` writes where it is, :func:`locate` finds that place in the line's JSON text,
and :func:`problems_of` puts the three together. Whatever a damaged file held is quoted through
:func:`printable` and :func:`shown`, so no message carries invisible characters or runs on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from kitchen.content.error_words import error_words
from kitchen.content.problems import Problem
from kitchen.content.reading import position_of
from kitchen.i18n import N_, _, ngettext

_KINDS = {
    "dict_type": N_("an object {...}"),
    "model_type": N_("an object {...}"),
    "model_attributes_type": N_("an object {...}"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "string_type": N_("text in quotes"),
    "list_type": N_("a list [...]"),
    "tuple_type": N_("a list [...]"),
    "float_type": N_("a number"),
}


UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
MAX_MESSAGE = 200
"""Longest message text (it may quote a file's content, which can be anything)."""


def printable(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` on one line, with invisible characters written as ``\\uXXXX``, cut to
    ``limit`` characters: safe to print whatever a damaged file held."""
    text = UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: Any) -> str:
    """A short JSON rendering of ``value`` for messages."""
    if isinstance(value, dict):
        return _("an object {...}")
    if isinstance(value, (list, tuple)):
        return _("a list [...]")
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return printable(text, 40)


def key_path(loc: Sequence[str | int]) -> str:
    """``("rounds", 0, "log")`` -> ``rounds[0].log``; odd keys are quoted:
    ``event["p\\ufefflayer"]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(part):
            out += f"[{shown(part)}]"
        else:
            out += f".{part}" if out else part
    return out


def describe_error(error: Any) -> str:
    """One pydantic error as a sentence a facilitator can act on."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind in _KINDS:
        return _("must be {kind}, not {given}").format(kind=_(_KINDS[kind]), given=shown(given))
    if kind == "missing":
        return _("is missing")
    if kind == "extra_forbidden":
        return _("is not a field of this record")
    if kind == "greater_than_equal":
        return _("must be {limit} or more, not {given}").format(
            limit=ctx.get("ge"), given=shown(given)
        )
    if kind == "less_than_equal":
        return _("must be at most {limit}, not {given}").format(
            limit=ctx.get("le"), given=shown(given)
        )
    if kind == "literal_error":
        # pydantic words the accepted values itself ('a' or 'b'): shown as it gives them
        return _("must be {expected}, not {given}").format(
            expected=ctx.get("expected"), given=shown(given)
        )
    if kind == "too_short":
        n = int(ctx.get("min_length", 0))
        return ngettext(
            "must hold at least {n} item(s)", "must hold at least {n} item(s)", n
        ).format(n=n)
    if kind == "too_long":
        n = int(ctx.get("max_length", 0))
        return ngettext("must hold at most {n} item(s)", "must hold at most {n} item(s)", n).format(
            n=n
        )
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return printable(str(ctx["error"]))
    # a rare case the kinds above do not cover: pydantic's own wording in English
    english = str(error.get("msg", "is not valid")).replace("Input should be", "must be")
    return printable(error_words(kind, ctx, english))


# --- finding a key in JSON text, for positions --------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, i: int) -> int:
    return _WHITESPACE.match(text, i).end()  # type: ignore[union-attr]


def _child(text: str, i: int, key: str | int) -> int | None:
    """Index of the value under ``key`` in the object or list starting at ``text[i]``."""
    found = None
    if text.startswith("{", i) and isinstance(key, str):
        j = _skip(text, i + 1)
        while text.startswith('"', j):
            name, j = json.decoder.scanstring(text, j + 1)  # type: ignore[attr-defined]
            j = _skip(text, j)
            if not text.startswith(":", j):
                return found
            j = _skip(text, j + 1)
            if name == key:
                found = j  # the last one wins, as in json.loads
            _, j = _DECODER.raw_decode(text, j)
            j = _skip(text, j)
            if not text.startswith(",", j):
                break
            j = _skip(text, j + 1)
    elif text.startswith("[", i) and isinstance(key, int):
        j, n = _skip(text, i + 1), 0
        while j < len(text) and not text.startswith("]", j):
            if n == key:
                return j
            _, j = _DECODER.raw_decode(text, j)
            j = _skip(text, j)
            if not text.startswith(",", j):
                break
            j, n = _skip(text, j + 1), n + 1
    return found


def locate(text: str, loc: Sequence[str | int]) -> int:
    """Where the value at ``loc`` starts in JSON ``text`` (or the deepest part of the path
    that is there: a missing key points at its object)."""
    i = _skip(text, 0)
    for key in loc:
        try:
            found = _child(text, i, key)
        except (ValueError, IndexError):
            found = None
        if found is None:
            break
        i = found
    return i


def problems_of(
    err: ValidationError,
    name: str,
    text: str,
    *,
    first_line: int = 1,
    prefix: Sequence[str | int] = (),
    skip: int = 0,
) -> list[Problem]:
    """Positioned problems for a validation error of the JSON value in ``text``.

    ``prefix`` is where the validated value sits in ``text``; ``skip`` drops that many
    leading parts of each error's location (a model's own tag)."""
    out = []
    for error in err.errors():
        loc = (*prefix, *error["loc"][skip:])
        line, col = position_of(text, locate(text, loc), first_line=first_line)
        out.append(Problem(name, line, col, describe_error(error), key_path(loc)))
    return out
