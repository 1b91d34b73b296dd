"""A level being edited: its data, the map as a grid of cells, undo and redo, live checks
and saving (the model behind ``kitchen edit``; no drawing here).

A :class:`LevelDraft` holds the level as plain data (what the loader reads from the file)
and the text the file had when it was opened. Every edit changes the data; the text to save
is made by :func:`kitchen.content.roundtrip_save.save_text`, so the parts the designer did
not touch keep their exact bytes. Checking runs the loader itself on that text
(:func:`kitchen.content.load_level_text`), so the problems are ``kitchen validate``'s own,
with the line and column they would have in the saved file; :meth:`LevelDraft.check` also
says which map cell or which field each one is about.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Final

from kitchen.content.builtins import BUILTIN_RECIPES
from kitchen.content.draft_check import Check
from kitchen.content.draft_map import NO_ZONE, DraftMap
from kitchen.content.edit_palette import Tool, palette
from kitchen.content.kitchen_map import read_grid
from kitchen.content.loader import load_level_text
from kitchen.content.problems import SourceError
from kitchen.content.roundtrip_save import same, save_text
from kitchen.content.source import KeyPath, format_path, parse_yaml
from kitchen.i18n import _
from kitchen.paths import WontOverwrite, data_dir, levels_dir, write_atomically

__all__ = [
    "NO_ZONE",
    "TEMPLATE",
    "Check",
    "LevelDraft",
    "Tool",
    "is_shipped",
    "palette",
    "user_levels_dir",
]

TEMPLATE: Final = """\
version: 1
name: my_kitchen
title: My kitchen
description: A new kitchen.
map: |
  XXXPXPXXX
  O       S
  X 1   2 X
  T       D
  XXCXXBXXX
recipes: [onion_soup]
round: {seconds: 180}
orders:
  patience: 60
  generator: {start: 2, every: [18, 28], max_active: 4}
scoring: {stars: [20, 60, 100]}
"""
"""A new level: a small kitchen for two that validates as it is."""


def user_levels_dir() -> Path:
    """Where the editor saves levels of the user's own (and copies of shipped levels)."""
    return data_dir() / "levels"


def is_shipped(path: Path | None) -> bool:
    """Whether ``path`` is one of the shipped level files (never overwritten)."""
    if path is None:
        return False
    try:
        return path.resolve().parent == levels_dir().resolve()
    except OSError:
        return False


class LevelDraft(DraftMap):
    """A level being edited.

    Args:
        text: the file's text as opened (or a template's).
        name: the file name shown in problems (as ``kitchen validate`` shows it).
        path: where it is saved (``None``: not yet chosen).
    """

    def __init__(self, text: str, name: str, path: Path | None = None) -> None:
        doc = parse_yaml(text, name)
        if not isinstance(doc.data, dict):
            raise SourceError(
                doc.problem((), _("a level file is a mapping of keys (name:, map:, recipes:)"))
            )
        super().__init__(doc.data)
        self.original = text
        self.name = name
        self.path = path

    @classmethod
    def open(cls, path: Path) -> LevelDraft:
        """Open a level file for editing (the loader's reading: size, encoding, YAML).

        Raises:
            SourceError: the file cannot be read as YAML.
        """
        from kitchen.content.source import read_yaml_file

        doc = read_yaml_file(path)
        return cls(doc.text, str(path), path)

    @classmethod
    def new(cls, path: Path | None = None, text: str = TEMPLATE) -> LevelDraft:
        """A new level from the template (or from ``text``, e.g. an imported layout)."""
        draft = cls(text, str(path) if path else "new_level.yaml", path)
        if path is not None:
            stem = "".join(c if c.isalnum() else "_" for c in path.stem.lower()).strip("_")
            if stem and stem[0].isalpha() and text == TEMPLATE:
                draft.data["name"] = stem
                draft.data["title"] = stem.replace("_", " ").capitalize()
                draft.saved = copy.deepcopy(draft.data)
        return draft

    # --- fields -----------------------------------------------------------------------

    def value(self, path: KeyPath, default: Any = None) -> Any:
        """The value at a key path (``("round", "seconds")``), or ``default``."""
        node: Any = self.data
        for part in path:
            inside = isinstance(node, dict) and part in node
            inside |= isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not inside:
                return default
            node = node[part]
        return node

    def set_value(self, path: KeyPath, value: Any) -> bool:
        """Set the value at a key path, making the mappings on the way (``None`` removes a
        mapping key). Returns whether anything changed."""
        if same(self.value(path, _MISSING), value):
            return False
        self._edit()
        node: Any = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
        last = path[-1]
        if value is None and isinstance(node, dict):
            node.pop(last, None)
        else:
            node[last] = value
        return True

    def nudge(self, path: KeyPath, step: float, default: float, low: float, high: float) -> bool:
        """Add ``step`` to a number (``default`` if unset), kept within ``low``-``high``."""
        current = self.value(path, default)
        if not isinstance(current, (int, float)) or isinstance(current, bool):
            current = default
        new = max(low, min(high, current + step))
        if float(new).is_integer():
            new = int(new)
        return self.set_value(path, new)

    def recipe_names(self) -> list[str]:
        """The level's recipes by name."""
        recipes = self.data.get("recipes")
        out = []
        for entry in recipes if isinstance(recipes, list) else []:
            name = (
                entry
                if isinstance(entry, str)
                else entry.get("name")
                if isinstance(entry, dict)
                else None
            )
            if isinstance(name, str):
                out.append(name)
        return out

    def toggle_recipe(self, name: str) -> None:
        """Put a built-in recipe on the menu, or take a recipe off it."""
        recipes = self.data.get("recipes")
        recipes = list(recipes) if isinstance(recipes, list) else []
        names = self.recipe_names()
        self._edit()
        if name in names:
            recipes = [
                r
                for r in recipes
                if r != name and not (isinstance(r, dict) and r.get("name") == name)
            ]
        elif name in BUILTIN_RECIPES:
            recipes.append(name)
        self.data["recipes"] = recipes

    def recipe_field(self, name: str, key: str) -> Any:
        """A recipe's ``value`` or ``cook_seconds`` (the built-in's when not changed)."""
        for entry in self.data.get("recipes") or []:
            if isinstance(entry, dict) and entry.get("name") == name and key in entry:
                return entry[key]
        base = BUILTIN_RECIPES.get(name, {})
        return base.get(key, {"value": 20, "cook_seconds": 12}.get(key))

    def set_recipe_field(self, name: str, key: str, value: Any) -> None:
        """Change a recipe's field (a built-in listed by name becomes ``{name, key}``)."""
        recipes = self.data.get("recipes")
        if not isinstance(recipes, list):
            return
        for i, entry in enumerate(recipes):
            if entry == name:
                self.set_value(("recipes", i), {"name": name, key: value})
                return
            if isinstance(entry, dict) and entry.get("name") == name:
                self.set_value(("recipes", i, key), value)
                return

    def add_disruption(self, entry: dict[str, Any]) -> None:
        """Add a disruption at the end of the schedule."""
        self._edit()
        disruptions = self.data.get("disruptions")
        if not isinstance(disruptions, list):
            disruptions = self.data["disruptions"] = []
        disruptions.append(entry)

    def remove_disruption(self, index: int) -> None:
        """Take disruption ``index`` out of the schedule."""
        disruptions = self.data.get("disruptions")
        if isinstance(disruptions, list) and 0 <= index < len(disruptions):
            self._edit()
            del disruptions[index]
            if not disruptions:
                del self.data["disruptions"]

    # --- checking and saving ----------------------------------------------------------

    def text(self) -> str:
        """The file's text with the edits (unchanged parts byte for byte as opened)."""
        return save_text(self.original, self.data)

    def check(self) -> Check:
        """Check the level as it would be saved (cached until the next edit)."""
        if self._check is None:
            self._check = self._run_check()
        return self._check

    def _run_check(self) -> Check:
        check = Check()
        text = self.text()
        try:
            check.level = load_level_text(text, self.name)
            return check
        except SourceError as err:
            check.problems = list(err.problems)
        try:
            doc = parse_yaml(text, self.name)
        except SourceError:
            return check
        grids = {}
        for key, path in (("map", ("map",)), ("zones", ("zones", "map"))):
            value = doc.data.get("map") if key == "map" else self.value(("zones", "map"))
            if isinstance(value, str):
                grids[format_path(path)] = (
                    read_grid(doc, path, value, _("map"), [], self.name),
                    check.cells if key == "map" else check.zone_cells,
                )
        for problem in check.problems:
            found = grids.get(problem.path)
            origin = found[0].origin if found is not None else None
            if found is not None and origin is not None and problem.line:
                grid, cells = found
                y = problem.line - origin[0]
                x = problem.col - origin[1]
                if 0 <= y < grid.height and 0 <= x < max(grid.width, 1):
                    cells.setdefault((x, y), []).append(problem.message)
                    continue
            check.fields.setdefault(problem.path, []).append(problem.message)
        return check

    def save(self, path: Path | None = None) -> Path:
        """Write the level to ``path`` (default: where it was opened) atomically. A shipped
        level is never overwritten.

        Raises:
            WontOverwrite: ``path`` is a shipped level, or its folder cannot be written.
        """
        target = path or self.path
        if target is None:
            raise WontOverwrite(Path(self.name), _("choose where to save the new level"))
        if is_shipped(target):
            raise WontOverwrite(
                target, _("is a shipped level and is never overwritten; save a copy instead")
            )
        text = self.text()
        try:
            write_atomically(target, text)
        except OSError as err:
            raise WontOverwrite(
                target, _("cannot write: {why}").format(why=err.strerror or err)
            ) from None
        self.original = text
        self.saved = copy.deepcopy(self.data)
        self.path = target
        self.name = str(target)
        self._check = None
        return target

    def copy_path(self) -> Path:
        """Where a copy of this level goes in the user's levels folder (a new name)."""
        folder = user_levels_dir()
        stem = (self.path.stem if self.path else str(self.data.get("name") or "level"))[:60]
        candidate = folder / f"{stem}.yaml"
        n = 2
        while candidate.exists():
            candidate = folder / f"{stem}_{n}.yaml"
            n += 1
        return candidate


_MISSING = object()
