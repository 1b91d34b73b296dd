"""Field types shared by the file formats people write (levels, lesson packs), with the
words used to explain them in messages.

A type may carry :class:`Words` in its ``Annotated`` metadata: what a designer should write
there, e.g. ``"an [x, y] cell"``. Pydantic ignores it; :func:`describe` uses it to say, in one
line, what a key that takes several shapes accepts.
"""

from __future__ import annotations

import re
import types
import typing
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from kitchen.i18n import DEFAULT_LANGUAGE, N_, _, current_language


class Words(str):
    """How to describe a type to a designer (``Annotated`` metadata; pydantic ignores it)."""


NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
NAME_MAX = 40
NAME_RULE = N_("use lower-case letters, digits and _ only, starting with a letter")

Name = Annotated[
    str,
    Field(
        pattern=NAME_PATTERN,
        max_length=NAME_MAX,
        description="lower-case letters, digits and underscores, starting with a letter",
    ),
    Words(N_("a name")),
]
"""An id: a level, recipe, ingredient, zone or role name."""

Seconds = Annotated[float, Field(ge=0, le=3600)]
PositiveSeconds = Annotated[float, Field(gt=0, le=3600)]
Cell = Annotated[
    tuple[Annotated[int, Field(ge=0, le=200)], Annotated[int, Field(ge=0, le=200)]],
    Words(N_("an [x, y] cell")),
]
Player = Annotated[int, Field(ge=1, le=4), Words(N_("a chef number (1-4)"))]


def fix_name(text: str) -> str:
    """The nearest valid :data:`Name` to ``text`` (``open-divider_tl`` -> ``open_divider_tl``),
    or ``""`` when nothing is left of it."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    out = re.sub(r"^[0-9_]+", "", out)
    return out[:NAME_MAX].rstrip("_")


def _fix_component(text: str) -> str:
    base, sep, rest = str(text).partition(":")
    fixed = fix_name(base)
    return f"{fixed}:chopped" if fixed and sep and "chop" in rest.lower() else fixed


def _fix_metric(text: str) -> str:
    group, sep, rest = str(text).partition(".")
    if not sep:
        return ""
    group, rest = fix_name(group), re.sub(r"[^a-z0-9_]+", "_", rest.lower()).strip("_")
    return f"{group}.{rest}" if group and rest else ""


PATTERNS: dict[str, tuple[str, Callable[[str], str]]] = {
    NAME_PATTERN: (NAME_RULE, fix_name),
    r"^[a-z][a-z0-9_]*(:chopped)?$": (
        N_(
            "write an ingredient name (lower-case letters, digits and _, starting with a letter), "
            "with ':chopped' after it for a chopped one"
        ),
        _fix_component,
    ),
    r"^[a-z_]+\.[a-z0-9_]+$": (
        N_("write a metric's dotted name, e.g. communication.closed_loop_ratio"),
        _fix_metric,
    ),
}
"""Each pattern used in the file formats: the rule in words, and how to fix a value."""


def pattern_message(pattern: str, value: Any) -> str | None:
    """``"'x-y' is not a valid name: use ...; e.g. 'x_y'"`` for a value that breaks a known
    pattern, else ``None``."""
    known = PATTERNS.get(pattern)
    if known is None:
        return None
    rule, fix = known
    fixed = fix(str(value))
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    if fixed and re.match(pattern, fixed):
        said = _("{shown} is not allowed here: {rule}; e.g. '{fixed}'")
    else:
        said = _("{shown} is not allowed here: {rule}")
    return said.format(shown=shown, rule=_(rule), fixed=fixed)


# --- describing a type in words -------------------------------------------------------


def strip_annotated(tp: Any) -> tuple[Any, list[Any]]:
    """The type inside any ``Annotated`` layers, and all their metadata."""
    meta: list[Any] = []
    while typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        tp, meta = args[0], [*meta, *args[1:]]
    return tp, meta


def union_members(tp: Any) -> list[Any] | None:
    """The members of a union type (``None`` left out), or ``None`` if ``tp`` is no union
    of two or more."""
    inner, _meta = strip_annotated(tp)
    if typing.get_origin(inner) not in (typing.Union, types.UnionType):
        return None
    members = [a for a in typing.get_args(inner) if a is not type(None)]
    return members if len(members) > 1 else None


def describe(tp: Any) -> str:
    """What a value of type ``tp`` looks like, in words (``"a list of [x, y] cells"``)."""
    inner, meta = strip_annotated(tp)
    words = [m for m in meta if isinstance(m, Words)]
    if words:
        return _(str(words[-1]))
    members = union_members(inner)
    if members is not None:
        return join_or([describe(m) for m in members])
    origin = typing.get_origin(inner)
    if origin in (typing.Union, types.UnionType):  # X | None
        return describe(next(a for a in typing.get_args(inner) if a is not type(None)))
    if origin is typing.Literal:
        return _("one of {options}").format(
            options=join_or([str(a) for a in typing.get_args(inner)])
        )
    if origin in (list, tuple, set, frozenset):
        args = [a for a in typing.get_args(inner) if a is not Ellipsis]
        if origin is tuple and len(args) > 1:
            return _("a list of {n} values").format(n=len(args))
        element = describe(args[0]) if args else _("values")
        # English makes the element plural ("a list of names"); other languages are given
        # the element as it is ("une liste dont chaque élément est un nom").
        english = current_language() == DEFAULT_LANGUAGE
        # TRANSLATORS: {things} is one element's description, singular outside English.
        return _("a list of {things}").format(things=_plural(element) if english else element)
    if (
        origin is dict
        or inner is dict
        or (isinstance(inner, type) and issubclass(inner, BaseModel))
    ):
        return _("a mapping of keys")
    simple = {
        str: N_("text"),
        int: N_("a whole number"),
        float: N_("a number"),
        bool: N_("true or false"),
    }
    return _(simple.get(inner, N_("a value")))


def join_or(parts: list[str]) -> str:
    """``a, b or c``."""
    parts = list(dict.fromkeys(parts))
    if len(parts) == 1:
        return parts[0]
    return _("{items} or {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def _plural(phrase: str) -> str:
    for article in ("an ", "a "):
        if phrase.startswith(article):
            head, _sep, tail = phrase[len(article) :].partition(" (")
            # The head noun comes before any "of": "a mapping of keys" -> "mappings of keys".
            noun, of, rest = head.partition(" of ")
            words = noun.split(" ")
            words[-1] += "es" if words[-1].endswith(("s", "x", "ch")) else "s"
            return " ".join(words) + (f" of {rest}" if of else "") + (f" ({tail}" if tail else "")
    return phrase


# --- limits, for the documentation ----------------------------------------------------


def model_limits(model: type[BaseModel]) -> dict[str, str]:
    """Every numeric range and length limit in ``model`` and the blocks under it, by key
    path (``recipes[].cook``, ``roles.*.players[]``; every name is ``name``),
    in the words ``docs/levels.md`` uses (``1 to 12``, ``at most 40 characters``)."""
    out: dict[str, str] = {}
    _limits_of_model(model, "", out, set())
    return out


def _limits_of_model(
    model: type[BaseModel], prefix: str, out: dict[str, str], seen: set[Any]
) -> None:
    if (model, prefix) in seen:
        return
    seen.add((model, prefix))
    for name, field in model.model_fields.items():
        _limits_of_type(field.annotation, field.metadata, f"{prefix}{name}", out, seen)


def _limits_of_type(
    tp: Any, meta: list[Any], path: str, out: dict[str, str], seen: set[Any]
) -> None:
    inner, more = strip_annotated(tp)
    meta = [*meta, *more]
    meta = [*meta, *(c for m in meta if isinstance(m, FieldInfo) for c in m.metadata)]
    if typing.get_origin(inner) in (typing.Union, types.UnionType) and union_members(inner) is None:
        (arg,) = (a for a in typing.get_args(inner) if a is not type(None))  # X | None
        _limits_of_type(arg, meta, path, out, seen)
        return
    if any(getattr(m, "pattern", None) == NAME_PATTERN for m in meta):
        path = "name"
    text = _limit_text(inner, meta)
    if text:
        if out.get(path, text) != text:
            raise ValueError(f"{path} has two different limits: {out[path]!r} and {text!r}")
        out[path] = text
    for member in union_members(inner) or []:
        _limits_of_type(member, [], path, out, seen)
    origin = typing.get_origin(inner)
    if origin in (list, tuple):
        for arg in dict.fromkeys(a for a in typing.get_args(inner) if a is not Ellipsis):
            _limits_of_type(arg, [], f"{path}[]", out, seen)
    elif origin is dict:
        key, value = typing.get_args(inner)
        _limits_of_type(key, [], f"{path} keys", out, seen)
        _limits_of_type(value, [], f"{path}.*", out, seen)
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        _limits_of_model(inner, f"{path}.", out, seen)


def _limit_text(tp: Any, meta: list[Any]) -> str:
    def first(attr: str) -> Any:
        return next((getattr(m, attr) for m in meta if getattr(m, attr, None) is not None), None)

    ge, gt, le, lt = first("ge"), first("gt"), first("le"), first("lt")
    lo = f"{_num(ge)}" if ge is not None else (f"more than {_num(gt)}" if gt is not None else None)
    hi = f"{_num(le)}" if le is not None else (f"less than {_num(lt)}" if lt is not None else None)
    if lo is not None and hi is not None:
        return f"{lo} to {hi}" if ge is not None else f"{lo}, up to {hi}"
    if hi is not None:
        return f"at most {hi}"
    if lo is not None:
        return f"at least {lo}" if ge is not None else lo
    short, long = first("min_length"), first("max_length")
    if short is None and long is None:
        return ""
    unit = "characters" if tp is str else "items"
    if short is not None and long is not None:
        return f"{short} to {long} {unit}"
    return f"at most {long} {unit}" if long is not None else f"at least {short} {unit}"


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
