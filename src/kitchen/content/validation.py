"""Pydantic validation errors as positioned problems (``file:line:col: path: message``),
with the nearest valid key for typos. Shared by every kind of file people write."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from kitchen.content.kitchen_map import suggest
from kitchen.content.problems import Problem, SourceError
from kitchen.content.source import KeyPath, SourceDoc, format_path


def sorted_unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[str, Problem] = {}
    for p in problems:
        seen.setdefault(str(p), p)
    return sorted(seen.values(), key=lambda p: (p.line, p.col, p.message))


class Schema:
    """Turns pydantic errors for one kind of file into positioned problems.

    Args:
        root: the model of the whole file.
        tagged: for lists or mappings of discriminated unions, by top-level key, the union
            tags pydantic puts into error locations (they are removed from key paths).
    """

    def __init__(self, root: type[BaseModel], tagged: dict[str, tuple[str, ...]] | None = None) -> None:
        self.root = root
        self.tagged = tagged or {}

    def validate(self, doc: SourceDoc) -> BaseModel:
        """Validate ``doc``'s data against the root model.

        Raises:
            SourceError: with every problem, positioned and sorted.
        """
        try:
            return self.root.model_validate(doc.data)
        except ValidationError as err:
            raise SourceError(*sorted_unique([self.problem(doc, e) for e in err.errors()])) from None

    def clean_loc(self, loc: tuple[Any, ...]) -> KeyPath:
        """An error location as a key path (without union tags)."""
        loc = tuple(loc)
        if loc[-1:] == ("[key]",):  # the mapping key itself is bad: the path of its entry
            loc = loc[:-1]
        if len(loc) >= 3 and loc[0] in self.tagged and loc[2] in self.tagged[loc[0]]:
            loc = loc[:2] + loc[3:]
        return loc

    def error_loc(self, error: Any) -> KeyPath:
        """Where in the data an error is (a key that is not text is given as that key)."""
        loc = self.clean_loc(error["loc"])
        if error["type"] == "invalid_key" and loc:
            loc = (*loc[:-1], error.get("input"))
        return loc

    def problem(self, doc: SourceDoc, error: Any) -> Problem:
        """One pydantic error as a positioned :class:`Problem`."""
        return _problem_from_error(self, doc, error)


def _problem_from_error(schema: Schema, doc: SourceDoc, error: Any) -> Problem:
    loc = schema.error_loc(error)
    on_key = tuple(error["loc"])[-1:] == ("[key]",)
    kind = error["type"]
    if kind == "extra_forbidden":
        key = loc[-1]
        allowed = allowed_keys(schema.root, loc[:-1], doc.data)
        hint = suggest(str(key), allowed) if allowed else ""
        if not hint and allowed:
            hint = f"; allowed here: {', '.join(allowed)}"
        return Problem(
            doc.name, *_pos(doc, loc, key=True), f"unknown key '{key}'{hint}", format_path(loc[:-1])
        )
    if kind == "invalid_key" or (on_key and kind == "string_type"):
        # `0:` or `yes:` as a key: YAML reads it as a number or true, not as text.
        key = error.get("input")
        return Problem(
            doc.name,
            *_pos(doc, loc, key=True),
            f"this key is read as {key!r}, not as text; put it in quotes",
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
            f"unknown {field} '{tag}'{suggest(tag, options)}; one of: {', '.join(options)}",
            format_path(where),
        )
    if kind == "missing":
        what = f"item {loc[-1] + 1}" if isinstance(loc[-1], int) else f"required key '{loc[-1]}'"
        return Problem(doc.name, *_pos(doc, loc[:-1]), f"missing {what}", format_path(loc[:-1]))
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    value = error.get("input")
    if kind not in ("value_error", "assertion_error") and isinstance(value, (str, int, float, bool)):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        message = f"{message} (got {shown})"
    return Problem(doc.name, *_pos(doc, loc, key=on_key), message, format_path(loc))


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
            models = [a for a in map(_strip_annotated, args) if isinstance(a, type) and issubclass(a, BaseModel)]
            kind = node.get("kind") if isinstance(node, dict) else None
            chosen = [
                m for m in models
                if "kind" in m.model_fields and kind in typing.get_args(m.model_fields["kind"].annotation)
            ]
            models = chosen or models
            tp = models[0] if models else (args[0] if len(args) == 1 else Any)
        else:
            return tp


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp
