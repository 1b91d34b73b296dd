"""Loading level files: YAML -> validated :class:`LevelDef` -> :class:`KitchenSpec`.

Every problem is reported as a :class:`~kitchen.content.problems.Problem` with the file,
line and column, the key path, and for mistyped keys the nearest valid key. Nothing here
raises anything but :class:`~kitchen.content.problems.SourceError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kitchen.content.compile import compile_level
from kitchen.content.kitchen_map import TextGrid
from kitchen.content.level_model import LevelDef
from kitchen.content.problems import Problem, SourceError
from kitchen.content.source import KeyPath, SourceDoc, format_path, parse_yaml, read_yaml_file
from kitchen.content.validation import Schema, sorted_unique
from kitchen.i18n import _, localize
from kitchen.sim.spec import KitchenSpec

LEVEL_SCHEMA = Schema(LevelDef)


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
        """The level's title in the language in force, or its name made readable."""
        title = localize(self.definition.title)
        return title or self.definition.name.replace("_", " ").capitalize()


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
            doc.problem(
                (),
                _("a level file is a mapping of keys (name:, map:, recipes:), not {kind}").format(
                    kind=kind
                ),
            )
        )
    try:
        definition = LevelDef.model_validate(doc.data)
    except ValidationError as err:
        raise SourceError(*sorted_unique(_all_problems(doc, err))) from None
    spec, grid, problems = compile_level(definition, doc, doc.name)
    if problems or spec is None:
        raise SourceError(*sorted_unique(problems))
    return Level(definition, spec, grid, doc.name, doc.text)


def _all_problems(doc: SourceDoc, err: ValidationError) -> list[Problem]:
    """The problems of ``err``, plus those hidden behind them: the bad keys are removed and
    the rest validated again (a block's own checks run only once its fields are valid), then
    the whole-level checks run, so a designer sees everything at once."""
    problems = LEVEL_SCHEMA.problems(doc, err.errors())
    locs = [LEVEL_SCHEMA.error_loc(e) for e in err.errors()]
    removed: set[KeyPath] = set()
    data: Any = doc.data
    for _attempt in range(5):
        patched = _without_bad_keys(data, locs)
        if patched is None:
            break
        removed.update(locs)
        data = patched
        try:
            rest = LevelDef.model_validate(patched)
        except ValidationError as again:
            locs, fresh = [], []
            for e in again.errors():
                loc = LEVEL_SCHEMA.error_loc(e)
                if e["type"] == "missing" and loc in removed:
                    loc = loc[:-1]  # a required key already reported: drop its whole block
                elif e["type"] in ("value_error", "assertion_error") and any(
                    r[: len(loc)] == loc and len(r) > len(loc) for r in removed
                ):
                    pass  # a block's own check that misses a key removed for being bad
                else:
                    fresh.append(e)
                locs.append(loc)
            problems.extend(LEVEL_SCHEMA.problems(doc, fresh))
            continue
        # Whole-level problems about a block that lost a bad key would only repeat it.
        cut = [format_path(loc) for loc in removed]
        # A zone letter whose bad name was removed is not also "not in zones.names".
        letters = tuple(
            _("zone letter {value!r} ").format(value=loc[2])
            for loc in removed
            if loc[:2] == ("zones", "names") and len(loc) == 3
        )
        problems.extend(
            p
            for p in compile_level(rest, doc, doc.name)[2]
            if not any(c == p.path or c.startswith((p.path + ".", p.path + "[")) for c in cut)
            and not (p.path == "zones.map" and letters and p.message.startswith(letters))
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
            if (
                isinstance(parent, list)
                and isinstance(part, int)
                and part < len(parent)
                or isinstance(parent, dict)
                and part in parent
            ):
                parent = parent[part]
            else:
                return None
            if isinstance(parent, list) and loc[0] != "recipes":
                return None
        if not isinstance(parent, dict):
            return None
        parent.pop(loc[-1], None)
    return patched
