"""Loading level files: YAML -> validated :class:`LevelDef` -> :class:`KitchenSpec`.

Every problem is reported as a :class:`~kitchen.content.problems.Problem` with the file,
line and column, the key path, and for mistyped keys the nearest valid key. Nothing here
raises anything but :class:`~kitchen.content.problems.SourceError`.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kitchen.content.compile import compile_level
from kitchen.content.kitchen_map import TextGrid, suggest
from kitchen.content.level_model import LevelDef
from kitchen.content.problems import Problem, SourceError
from kitchen.content.source import KeyPath, SourceDoc, format_path, parse_yaml, read_yaml_file
from kitchen.sim.spec import KitchenSpec

# Tags of the discriminated unions in LevelDef: pydantic puts them in error locations.
_TAGGED_LISTS = {
    "recipes": ("name", "recipe"),
    "legend": ("kind", "tile"),
    "disruptions": (
        "breakdown", "shortage", "surge", "menu_change", "special_order", "redeployment",
        "blackout", "layout_change", "power_cut",
    ),
}


@dataclass(frozen=True)
class Level:
    """A loaded, checked level: its definition, the simulation's spec and its map rows."""

    definition: LevelDef
    spec: KitchenSpec
    grid: TextGrid
    source_name: str
    text: str

    @property
    def title(self) -> str:
        """The level's title, or its name made readable."""
        return self.definition.title or self.definition.name.replace("_", " ").capitalize()


def load_level(path: str | Path) -> Level:
    """Load and check a level file.

    Raises:
        SourceError: with every problem found, positioned in the file.
    """
    doc = read_yaml_file(path)
    return _from_doc(doc)


def load_level_text(text: str, name: str = "<level>") -> Level:
    """Load and check a level from YAML text (``name`` is used in messages)."""
    return _from_doc(parse_yaml(text, name))


def check_level_file(path: str | Path) -> list[Problem]:
    """Every problem in a level file; an empty list means it is valid."""
    try:
        load_level(path)
    except SourceError as err:
        return list(err.problems)
    return []


def _from_doc(doc: SourceDoc) -> Level:
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        raise SourceError(
            doc.problem((), f"a level file is a mapping of keys (name:, map:, recipes:), not {kind}")
        )
    try:
        definition = LevelDef.model_validate(doc.data)
    except ValidationError as err:
        raise SourceError(*_sorted_unique(_all_problems(doc, err))) from None
    spec, grid, problems = compile_level(definition, doc, doc.name)
    if problems or spec is None:
        raise SourceError(*_sorted_unique(problems))
    return Level(definition, spec, grid, doc.name, doc.text)


def _all_problems(doc: SourceDoc, err: ValidationError) -> list[Problem]:
    """The problems of ``err``, plus those hidden behind them: the bad keys are removed and
    the rest validated again (a block's own checks run only once its fields are valid), then
    the whole-level checks run, so a designer sees everything at once."""
    problems = [_problem_from_error(doc, e) for e in err.errors()]
    locs = [_error_loc(e) for e in err.errors()]
    removed: set[KeyPath] = set()
    data: Any = doc.data
    for _ in range(5):
        patched = _without_bad_keys(data, locs)
        if patched is None:
            break
        removed.update(locs)
        data = patched
        try:
            rest = LevelDef.model_validate(patched)
        except ValidationError as again:
            locs = []
            for e in again.errors():
                loc = _error_loc(e)
                if e["type"] == "missing" and loc in removed:
                    loc = loc[:-1]  # a required key already reported: drop its whole block
                else:
                    problems.append(_problem_from_error(doc, e))
                locs.append(loc)
            continue
        # Whole-level problems about a block that lost a bad key would only repeat it.
        cut = [format_path(loc) for loc in removed]
        problems.extend(
            p
            for p in compile_level(rest, doc, doc.name)[2]
            if not any(c == p.path or c.startswith((p.path + ".", p.path + "[")) for c in cut)
        )
        break
    return problems


def _without_bad_keys(data: dict[str, Any], locs: list[KeyPath]) -> dict[str, Any] | None:
    """A copy of ``data`` with each erroneous mapping key removed, or ``None`` when an error
    sits where removing a key would not help (a list item, a required key)."""
    import copy

    patched = copy.deepcopy(data)
    for loc in locs:
        if not loc or loc[0] in ("name", "map") or (loc[0] == "recipes" and len(loc) < 3):
            return None
        parent: Any = patched
        for part in loc[:-1]:
            if isinstance(parent, list) and isinstance(part, int) and part < len(parent):
                parent = parent[part]
            elif isinstance(parent, dict) and part in parent:
                parent = parent[part]
            else:
                return None
            if isinstance(parent, list) and loc[0] != "recipes":
                return None
        if not isinstance(parent, dict):
            return None
        parent.pop(loc[-1], None)
    return patched


def _sorted_unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[str, Problem] = {}
    for p in problems:
        seen.setdefault(str(p), p)
    return sorted(seen.values(), key=lambda p: (p.line, p.col, p.message))


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    loc = tuple(loc)
    if loc[-1:] == ("[key]",):  # the mapping key itself is bad: the path of its entry
        loc = loc[:-1]
    if len(loc) >= 3 and loc[0] in _TAGGED_LISTS and loc[2] in _TAGGED_LISTS[loc[0]]:
        loc = loc[:2] + loc[3:]
    return loc


def _error_loc(error: Any) -> KeyPath:
    """Where in the data an error is (a key that is not text is given as that key)."""
    loc = _clean_loc(error["loc"])
    if error["type"] == "invalid_key" and loc:
        loc = (*loc[:-1], error.get("input"))
    return loc


def _problem_from_error(doc: SourceDoc, error: Any) -> Problem:
    loc = _error_loc(error)
    on_key = tuple(error["loc"])[-1:] == ("[key]",)
    kind = error["type"]
    if kind == "extra_forbidden":
        key = loc[-1]
        allowed = allowed_keys(loc[:-1], doc.data)
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


def allowed_keys(loc: KeyPath, data: Any = None) -> list[str]:
    """The keys a level file allows at ``loc`` (a path to a mapping), for suggestions.
    ``data`` (the file's data) picks the right model where a ``kind`` key decides it."""
    current: Any = LevelDef
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
