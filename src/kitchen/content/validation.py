"""Pydantic validation errors as positioned problems (``file:line:col: path: message``),
with the nearest valid key for typos. Shared by every kind of file people write."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Discriminator, Field, Tag, ValidationError
from pydantic.fields import FieldInfo

from kitchen.content.error_words import error_words
from kitchen.content.fields import (
    PATTERNS,
    Words,
    describe,
    join_or,
    pattern_message,
    strip_annotated,
    union_members,
)
from kitchen.content.problems import Problem, SourceError, printable
from kitchen.content.source import KeyPath, SourceDoc, format_path
from kitchen.content.suggest import suggest
from kitchen.i18n import _, ngettext


def sorted_unique(problems: list[Problem]) -> list[Problem]:
    """``problems`` with duplicates removed, in order of line, column and message."""
    seen: dict[str, Problem] = {}
    for p in problems:
        seen.setdefault(str(p), p)
    return sorted(seen.values(), key=lambda p: (p.line, p.col, p.message))


class Schema:
    """Turns pydantic errors for one kind of file into positioned problems.

    Union members and discriminator tags that pydantic puts into error locations are found
    by walking the model's types, so key paths are the file's own. Where a value may take
    several shapes (``target: stove`` or ``[x, y]``), the errors of every shape become one
    line saying what is accepted there.

    Args:
        root: the model of the whole file.
    """

    def __init__(self, root: type[BaseModel]) -> None:
        self.root = root

    def validate(self, doc: SourceDoc) -> BaseModel:
        """Validate ``doc``'s data against the root model.

        Raises:
            SourceError: with every problem, positioned and sorted.
        """
        try:
            return self.root.model_validate(doc.data)
        except ValidationError as err:
            raise SourceError(*sorted_unique(self.problems(doc, err.errors()))) from None

    def clean_loc(self, loc: tuple[Any, ...]) -> KeyPath:
        """An error location as a key path (without union members or tags)."""
        return _walk(self.root, tuple(loc)).clean

    def error_loc(self, error: Any) -> KeyPath:
        """Where in the data an error is (a key that is not text is given as that key)."""
        loc = self.clean_loc(error["loc"])
        if error["type"] == "invalid_key" and loc:
            loc = (*loc[:-1], error.get("input"))
        return loc

    def problems(self, doc: SourceDoc, errors: list[Any]) -> list[Problem]:
        """The pydantic ``errors`` of one validation as problems: one per error, except that
        the errors of a value that fits none of a union's shapes become one problem."""
        walked = [(e, _walk(self.root, tuple(e["loc"]))) for e in errors]
        return [
            item if isinstance(item, Problem) else self.problem(doc, item)
            for item in _collapse(doc, walked, 0)
        ]

    def problem(self, doc: SourceDoc, error: Any) -> Problem:
        """One pydantic error as a positioned :class:`Problem`."""
        return _problem_from_error(self, doc, error)


@dataclass(frozen=True)
class _Walked:
    clean: KeyPath
    """The location without union members and tags."""
    unions: tuple[tuple[int, Any, Any], ...]
    """Each undiscriminated union passed: (length of ``clean`` there, the union type, the
    member pydantic tried, as given in the location)."""
    tagged: tuple[tuple[int, Any], ...] = ()
    """Each discriminated union passed: (length of ``clean`` there, the union type)."""
    type: Any = None
    """The type expected where the error is, when known."""


def _walk(root: Any, loc: tuple[Any, ...]) -> _Walked:
    """Follow ``loc`` through the types under ``root``, dropping the parts that name a union
    member or a discriminator tag rather than a key or an index."""
    tp: Any = root
    clean: list[Any] = []
    unions: list[tuple[int, Any, Any]] = []
    tagged: list[tuple[int, Any]] = []
    for part in loc:
        tp = _not_optional(tp)
        members = union_members(tp) if tp is not None else None
        if members is not None:
            chosen = _tagged_member(tp, members, part)
            if chosen is not None:
                tagged.append((len(clean), tp))
                tp = chosen
                continue
            if _discriminator(tp) is None:
                member = _matching_member(part, members)
                if member is not None:
                    unions.append((len(clean), tp, part))
                    tp = member
                    continue
        tp = _step(tp, part)
        if part != "[key]":
            clean.append(part)
    if tp is not None and union_members(tp) is not None and _discriminator(tp) is not None:
        tagged.append((len(clean), tp))  # an error about the union's value as a whole
    return _Walked(tuple(clean), tuple(unions), tuple(tagged), tp)


def _not_optional(tp: Any) -> Any:
    """``X`` for ``X | None`` (so a union inside an optional field is followed too)."""
    inner, _ = strip_annotated(tp)
    if typing.get_origin(inner) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(inner) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(inner)) == 2:
            return args[0]
    return tp


def _step(tp: Any, part: Any) -> Any:
    """The type found at ``part`` (a field, index, key or ``[key]``) inside ``tp``."""
    inner, _ = strip_annotated(tp)
    members = union_members(inner)
    if members is not None:  # a union whose member is not named here: the first that fits
        for member in members:
            found = _step(member, part)
            if found is not None:
                return found
        return None
    if typing.get_origin(inner) in (typing.Union, types.UnionType):  # X | None
        inner = strip_annotated(next(a for a in typing.get_args(inner) if a is not type(None)))[0]
    origin = typing.get_origin(inner)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        field = inner.model_fields.get(str(part))
        if field is None:
            return None
        if field.discriminator is not None:
            return typing.Annotated[field.annotation, Field(discriminator=field.discriminator)]
        kept = [m for m in field.metadata if isinstance(m, (Discriminator, Words))]
        if kept:  # a discriminated union written in the field's own Annotated (localized text)
            return typing.Annotated.__class_getitem__((field.annotation, *kept))  # type: ignore[attr-defined]
        return field.annotation
    if origin is list and isinstance(part, int):
        return typing.get_args(inner)[0]
    if origin is tuple and isinstance(part, int):
        args = [a for a in typing.get_args(inner) if a is not Ellipsis]
        return (
            args[part] if part < len(args) and len(typing.get_args(inner)) == len(args) else args[0]
        )
    if origin is dict:
        key_type, value_type = typing.get_args(inner)
        return key_type if part == "[key]" else value_type
    return None


def _discriminator(tp: Any) -> Any:
    _, meta = strip_annotated(tp)
    for m in meta:
        if isinstance(m, Discriminator):
            return m
        if isinstance(m, FieldInfo) and m.discriminator is not None:
            return m.discriminator
    return None


def _tagged_member(tp: Any, members: list[Any], part: Any) -> Any:
    """The member of a discriminated union that the location part ``part`` names."""
    disc = _discriminator(tp)
    if disc is None:
        return None
    for member in members:
        inner, meta = strip_annotated(member)
        if any(isinstance(m, Tag) and m.tag == part for m in meta):
            return member
        if isinstance(disc, str) and isinstance(inner, type) and issubclass(inner, BaseModel):
            field = inner.model_fields.get(disc)
            if field is not None and part in typing.get_args(field.annotation):
                return member
    return None


def _matching_member(part: Any, members: list[Any]) -> Any:
    """The member of a plain union that pydantic names ``part`` in an error location
    (``literal[...]``, ``list[...]``, ``constrained-str``, a model's name)."""
    if not isinstance(part, str):
        return None
    name = part
    if name.startswith("function-"):  # function-after[f(), str]
        name = name.rsplit(", ", 1)[-1].rstrip("]")
    head = name.split("[", 1)[0].removeprefix("constrained-").lower()
    for member in members:
        if _member_kind(member) == head:
            return member
    return None


def _member_kind(member: Any) -> str:
    inner, _ = strip_annotated(member)
    origin = typing.get_origin(inner)
    if origin is typing.Literal:
        return "literal"
    if origin is not None:
        return getattr(origin, "__name__", str(origin)).lower()
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner.__name__.lower()
    return getattr(inner, "__name__", str(inner)).lower()


_SHAPE_ERRORS = {"literal_error", "union_tag_invalid", "union_tag_not_found", "is_instance_of"}


def _is_shape_error(error: Any) -> bool:
    """The value is not of the member's shape at all (not: of the shape, but out of range)."""
    kind = str(error["type"])
    return kind in _SHAPE_ERRORS or kind.endswith(("_type", "_parsing"))


def _collapse(doc: SourceDoc, walked: list[tuple[Any, _Walked]], level: int) -> list[Any]:
    """Errors (and union problems) to report: where a value fits none of a union's
    members, one problem for the union; where it fits exactly one member's shape, that
    member's own errors; errors under unions further in are handled the same way."""
    out: list[Any] = []
    groups: dict[KeyPath, list[tuple[Any, _Walked]]] = {}
    for error, w in walked:
        if len(w.unions) <= level:
            out.append(error)
        else:
            depth = w.unions[level][0]
            groups.setdefault(w.clean[:depth], []).append((error, w))
    for where, group in groups.items():
        union_type = group[0][1].unions[level][1]
        by_member: dict[Any, list[tuple[Any, _Walked]]] = {}
        for error, w in group:
            by_member.setdefault(w.unions[level][2], []).append((error, w))
        fitting = [
            errs
            for errs in by_member.values()
            if all(len(w.clean) > len(where) and not _is_shape_error(e) for e, w in errs)
        ]
        if len(fitting) == 1:
            out.extend(_collapse(doc, fitting[0], level + 1))
        else:
            out.append(_union_problem(doc, where, union_type, [e for e, _ in group]))
    return out


def _union_problem(doc: SourceDoc, where: KeyPath, union_type: Any, errors: list[Any]) -> Problem:
    """One line for a value that fits none of the shapes a key accepts."""
    value = _value_at(doc.data, where)
    hint = ""
    for error in errors:
        kind, ctx = error["type"], error.get("ctx") or {}
        if not isinstance(value, str) or error.get("input") is not value:
            continue
        if kind == "literal_error":
            hint = hint or suggest(value, re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        elif kind == "string_pattern_mismatch" and str(ctx.get("pattern")) in PATTERNS:
            rule, fix = PATTERNS[str(ctx["pattern"])]
            fixed = fix(value)
            hint = f"; {_(rule)}" + (_("; e.g. '{fixed}'").format(fixed=fixed) if fixed else "")
    return Problem(
        doc.name,
        *_pos(doc, where),
        _("expected {what}, got {value}{hint}").format(
            what=describe(union_type), value=_shown(value), hint=hint
        ),
        format_path(where),
    )


def _value_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _shown(value: Any) -> str:
    text = _("nothing") if value is None else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _problem_from_error(schema: Schema, doc: SourceDoc, error: Any) -> Problem:
    loc = schema.error_loc(error)
    on_key = tuple(error["loc"])[-1:] == ("[key]",)
    kind = error["type"]
    if kind == "extra_forbidden":
        key = loc[-1]
        allowed = allowed_keys(schema.root, loc[:-1], doc.data)
        hint = suggest(str(key), allowed) if allowed else ""
        if not hint and allowed:
            hint = _("; allowed here: {keys}").format(keys=", ".join(allowed))
        return Problem(
            doc.name,
            *_pos(doc, loc, key=True),
            _("unknown key '{key}'{hint}").format(key=printable(str(key), 60), hint=hint),
            format_path(loc[:-1]),
        )
    if kind == "invalid_key" or (on_key and kind == "string_type"):
        # `0:` or `yes:` as a key: YAML reads it as a number or true, not as text.
        key = error.get("input")
        return Problem(
            doc.name,
            *_pos(doc, loc, key=True),
            _("this key is read as {key!r}, not as text; put it in quotes").format(key=key),
            format_path(loc[:-1]),
        )
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        tag, expected = str(ctx.get("tag", "")), str(ctx.get("expected_tags", ""))
        options = [t.strip(" '") for t in expected.split(",")]
        field = str(ctx.get("discriminator", "kind")).strip("'")
        where = (*loc, field)
        return Problem(
            doc.name,
            *_pos(doc, where),
            _("unknown {field} '{tag}'{hint}; one of: {options}").format(
                field=field, tag=tag, hint=suggest(tag, options), options=", ".join(options)
            ),
            format_path(where),
        )
    if kind == "missing":
        if isinstance(loc[-1], int):
            missing = _("missing item {n}").format(n=loc[-1] + 1)
        else:
            missing = _("missing required key '{key}'").format(key=loc[-1])
        return Problem(doc.name, *_pos(doc, loc[:-1]), missing, format_path(loc[:-1]))
    value = error.get("input")
    walked = _walk(schema.root, tuple(error["loc"]))
    whole = [t for depth, t in walked.tagged if depth == len(walked.clean)]
    if kind == "union_tag_not_found":
        field = str((error.get("ctx") or {}).get("discriminator", "kind")).strip("'")
        return Problem(
            doc.name,
            *_pos(doc, loc),
            _("missing required key '{key}'").format(key=field),
            format_path(loc),
        )
    if whole and _is_shape_error(error) and kind != "literal_error":
        return Problem(
            doc.name,
            *_pos(doc, loc),
            _("expected {what}, got {value}").format(what=describe(whole[-1]), value=_shown(value)),
            format_path(loc),
        )
    if kind == "literal_error":
        expected = str((error.get("ctx") or {}).get("expected", ""))
        options = re.findall(r"'([^']*)'", expected) or re.split(r", | or ", expected)
        if isinstance(value, str) and len(options) > 1:
            refused = _("{value} is not one of: {options}{hint}").format(
                value=_shown(value), options=", ".join(options), hint=suggest(value, options)
            )
        else:
            refused = _("must be {options} (got {value})").format(
                options=join_or(options), value=_shown(value)
            )
        return Problem(doc.name, *_pos(doc, loc, key=on_key), refused, format_path(loc))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(
            doc.name,
            *_pos(doc, loc),
            _("expected a mapping of keys (key: value), got {value}").format(value=_shown(value)),
            format_path(loc),
        )
    if _is_shape_error(error) and not on_key and walked.type is not None:
        return Problem(
            doc.name,
            *_pos(doc, loc),
            _("expected {what}, got {value}").format(
                what=describe(walked.type), value=_shown(value)
            ),
            format_path(loc),
        )
    message = _limit_message(kind, error.get("ctx") or {}, value)
    if message is None and kind == "string_pattern_mismatch":
        message = pattern_message(str((error.get("ctx") or {}).get("pattern")), value)
    if message is None:
        message = str(error["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            if message.startswith(prefix):
                message = message[len(prefix) :]
        if kind not in ("value_error", "assertion_error"):  # those are the project's words
            message = error_words(kind, error.get("ctx"), message)
        if kind not in ("value_error", "assertion_error") and isinstance(
            value, (str, int, float, bool)
        ):
            message = _("{message} (got {value})").format(message=message, value=_shown(value))
    return Problem(doc.name, *_pos(doc, loc, key=on_key), message, format_path(loc))


def _limit_message(kind: str, ctx: dict[str, Any], value: Any) -> str | None:
    """A plain message for a value beyond a limit, or ``None``."""
    got = (
        _(" (got {value})").format(value=_shown(value))
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else ""
    )
    bounds = {
        "less_than_equal": ("le", _("must be at most {limit}{got}")),
        "less_than": ("lt", _("must be less than {limit}{got}")),
        "greater_than_equal": ("ge", _("must be at least {limit}{got}")),
        "greater_than": ("gt", _("must be more than {limit}{got}")),
    }
    if kind in bounds:
        key, words = bounds[kind]
        limit = ctx.get(key)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return words.format(limit=limit, got=got)
    if kind in ("too_long", "too_short"):
        n, limit = (
            ctx.get("actual_length"),
            ctx.get("max_length" if kind == "too_long" else "min_length"),
        )
        count = n if isinstance(n, int) else 0
        if kind == "too_long":
            said = ngettext(
                "has {n} item; at most {limit} allowed",
                "has {n} items; at most {limit} allowed",
                count,
            )
        else:
            said = ngettext(
                "has {n} item; at least {limit} needed",
                "has {n} items; at least {limit} needed",
                count,
            )
        return said.format(n=n, limit=limit)
    if kind in ("string_too_long", "string_too_short"):
        n = len(value) if isinstance(value, str) else "?"
        if kind == "string_too_long":
            said = _("is {n} characters long; at most {limit} allowed")
            return said.format(n=n, limit=ctx.get("max_length"))
        said = _("is {n} characters long; at least {limit} needed")
        return said.format(n=n, limit=ctx.get("min_length"))
    return None


def _pos(doc: SourceDoc, loc: KeyPath, *, key: bool = False) -> tuple[int, int]:
    pos = doc.position(loc, key=key)
    return pos.line, pos.col


def allowed_keys(root: type[BaseModel], loc: KeyPath, data: Any = None) -> list[str]:
    """The keys the model ``root`` allows at ``loc`` (a path to a mapping), for suggestions.
    ``data`` (the file's data) picks the right model where a ``kind`` key decides it."""
    current: Any = root
    node = data
    for part in loc:
        current = _unwrap(current, node)
        try:
            node = node[part] if node is not None else None
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, tuple):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = _unwrap(current, node)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any, node: Any = None) -> Any:
    """Strip Annotated and Optional, and pick the model out of a union (by the data's
    ``kind`` when the models differ by it)."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [
                a
                for a in map(_strip_annotated, args)
                if isinstance(a, type) and issubclass(a, BaseModel)
            ]
            kind = node.get("kind") if isinstance(node, dict) else None
            chosen = [
                m
                for m in models
                if "kind" in m.model_fields
                and kind in typing.get_args(m.model_fields["kind"].annotation)
            ]
            models = chosen or models
            tp = models[0] if models else (args[0] if len(args) == 1 else Any)
        else:
            return tp


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp
