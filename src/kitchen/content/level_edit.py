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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from kitchen.content.builtins import BUILTIN_RECIPES, DEFAULT_TILES
from kitchen.content.kitchen_map import MAX_MAP_HEIGHT, MAX_MAP_WIDTH, read_grid
from kitchen.content.loader import Level, load_level_text
from kitchen.content.problems import Problem, SourceError
from kitchen.content.roundtrip_save import same, save_text
from kitchen.content.source import KeyPath, format_path, parse_yaml
from kitchen.i18n import _
from kitchen.paths import WontOverwrite, data_dir, levels_dir, write_atomically

MAX_UNDO: Final = 200
"""Most edits that can be undone."""

NO_ZONE: Final = "."

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


@dataclass(frozen=True)
class Tool:
    """One entry of the palette: what painting with it puts in a map cell."""

    char: str
    label: str
    kind: str
    ingredient: str | None = None


def palette(data: dict[str, Any]) -> list[Tool]:
    """The map characters a designer can paint with: the built-in ones (less those the
    level's legend changes) and the legend's own."""
    legend = data.get("legend") if isinstance(data.get("legend"), dict) else {}
    assert isinstance(legend, dict)
    tools: list[Tool] = []
    for char, tile in DEFAULT_TILES.items():
        if char in legend or char == ".":
            continue
        tools.append(_tool(char, tile))
    for char, entry in legend.items():
        if isinstance(char, str) and len(char) == 1:
            tile = {"kind": entry} if isinstance(entry, str) else entry
            if isinstance(tile, dict) and isinstance(tile.get("kind"), str):
                tools.append(_tool(char, tile))
    order = ["floor", "counter", "wall", "crate", "stove", "board", "plates", "serve", "bin"]
    order += ["sink", "dirty_return", "start"]
    return sorted(
        tools, key=lambda t: (order.index(t.kind) if t.kind in order else 99, tools.index(t))
    )


_TITLES = {
    "floor": "Floor",
    "counter": "Counter",
    "wall": "Wall",
    "stove": "Stove",
    "board": "Board",
    "plates": "Plates",
    "serve": "Serving",
    "bin": "Bin",
    "sink": "Sink",
    "dirty_return": "Dirty return",
}


def _tool(char: str, tile: dict[str, Any]) -> Tool:
    kind = str(tile["kind"])
    ingredient = tile.get("ingredient")
    if kind == "crate":
        label = f"{str(ingredient).replace('_', ' ').capitalize()} crate"
    elif kind == "start":
        label = f"Chef {tile.get('player')}"
    else:
        label = _TITLES.get(kind, kind)
    return Tool(char, label, kind, ingredient if isinstance(ingredient, str) else None)


@dataclass
class Check:
    """The problems of the level as it is now, and what each one is about."""

    problems: list[Problem] = field(default_factory=list)
    cells: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    """Map cell ``(x, y)`` -> the messages about it."""
    zone_cells: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    fields: dict[str, list[str]] = field(default_factory=dict)
    """Key path (``round.seconds``, ``disruptions[0]``) -> the messages about it."""
    level: Level | None = None
    """The loaded level when it has no problems (what "Try it" plays)."""

    @property
    def ok(self) -> bool:
        """Whether the level is valid."""
        return not self.problems

    def about(self, prefix: str) -> list[str]:
        """Messages about the key path ``prefix`` or anything inside it."""
        out: list[str] = []
        for path, messages in self.fields.items():
            if path == prefix or path.startswith((prefix + ".", prefix + "[")):
                out.extend(messages)
        return out


class LevelDraft:
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
        self.original = text
        self.name = name
        self.path = path
        self.data: dict[str, Any] = doc.data
        self.saved: dict[str, Any] = copy.deepcopy(self.data)
        self.undo_stack: list[dict[str, Any]] = []
        self.redo_stack: list[dict[str, Any]] = []
        self._stroke: dict[str, Any] | None = None
        self._check: Check | None = None

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

    # --- edits and history ------------------------------------------------------------

    @property
    def changed(self) -> bool:
        """Whether there are edits not yet saved."""
        return not same(self.data, self.saved)

    def begin(self) -> None:
        """Start a stroke: every edit until :meth:`end` is undone in one step."""
        if self._stroke is None:
            self._stroke = copy.deepcopy(self.data)

    def end(self) -> None:
        """Finish a stroke (nothing happens if it changed nothing)."""
        before, self._stroke = self._stroke, None
        if before is not None and not same(before, self.data):
            self._remember(before)

    def _edit(self) -> None:
        """Note an edit about to happen (outside a stroke, it is one undo step)."""
        self._check = None
        if self._stroke is None:
            self._remember(copy.deepcopy(self.data))

    def _remember(self, before: dict[str, Any]) -> None:
        self.undo_stack.append(before)
        del self.undo_stack[:-MAX_UNDO]
        self.redo_stack.clear()
        self._check = None

    def undo(self) -> bool:
        """Undo the last edit; False when there is none."""
        self.end()
        if not self.undo_stack:
            return False
        self.redo_stack.append(self.data)
        self.data = self.undo_stack.pop()
        self._check = None
        return True

    def redo(self) -> bool:
        """Redo the last undone edit; False when there is none."""
        if not self.redo_stack:
            return False
        self.undo_stack.append(self.data)
        self.data = self.redo_stack.pop()
        self._check = None
        return True

    # --- the map ----------------------------------------------------------------------

    def rows(self, key: str = "map") -> list[str]:
        """The rows of the map (``key="zones"``: of the zone map), blank lines dropped."""
        text = self._block_text(key)
        lines = text.split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        return lines

    def _block_text(self, key: str) -> str:
        if key == "map":
            value = self.data.get("map")
        else:
            zones = self.data.get("zones")
            value = zones.get("map") if isinstance(zones, dict) else None
        return value if isinstance(value, str) else ""

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of the map in cells (the longest row's width)."""
        rows = self.rows()
        return (max((len(r) for r in rows), default=0), len(rows))

    def cell(self, x: int, y: int) -> str:
        """The map character at ``(x, y)`` (``""`` outside a short row)."""
        rows = self.rows()
        return rows[y][x] if 0 <= y < len(rows) and 0 <= x < len(rows[y]) else ""

    def floor_char(self) -> str:
        """The floor character this map uses inside rows (space, unless it uses only '.')."""
        inner = "".join(r[1:-1] for r in self.rows())
        return "." if "." in inner and " " not in inner else " "

    def _set_rows(self, rows: list[str], key: str = "map") -> None:
        old = self._block_text(key)
        text = "\n".join(rows) + ("\n" if old.endswith("\n") or not old else "")
        if key == "map":
            self.data["map"] = text
        else:
            zones = self.data.setdefault("zones", {})
            zones["map"] = text

    def paint(self, cells: Iterable[tuple[int, int]], char: str) -> bool:
        """Put ``char`` in each map cell; a chef's start moves (one start per chef).
        Returns whether anything changed."""
        rows = [list(r) for r in self.rows()]
        width, height = self.size
        targets = [(x, y) for x, y in cells if 0 <= x < width and 0 <= y < height]
        if not targets:
            return False
        tools = {t.char: t for t in palette(self.data)}
        tool = tools.get(char)
        if tool is not None and tool.kind == "start":
            targets = targets[-1:]
            for row in rows:
                for i, c in enumerate(row):
                    if c == char:
                        row[i] = " "
        for row in rows:
            row.extend(" " * (width - len(row)))
        for x, y in targets:
            rows[y][x] = char
        new = [self._edges("".join(r)) for r in rows]
        if new == self.rows():
            return False
        self._edit()
        self._set_rows(new)
        return True

    def _edges(self, row: str) -> str:
        """A row with floor written as the map's floor character inside and '.' at either
        end (editors strip trailing spaces; YAML would need a marker for a leading one)."""
        floor = self.floor_char()
        inner = row.replace(" ", floor) if floor == "." else row
        if inner.startswith(" "):
            inner = "." + inner[1:]
        if inner.endswith(" "):
            inner = inner[:-1] + "."
        return inner

    def resize(self, width: int, height: int) -> bool:
        """Grow or shrink the map (and its zone map) to ``width`` x ``height``, adding
        counters around a new edge and floor inside. Returns whether anything changed."""
        width = max(3, min(MAX_MAP_WIDTH, width))
        height = max(3, min(MAX_MAP_HEIGHT, height))
        old_w, old_h = self.size
        if (width, height) == (old_w, old_h):
            return False
        self._edit()
        # New columns and rows go in before the last ones, so the edge stays as it was.
        rows = [r.ljust(old_w, ".") for r in self.rows()]
        rows = [_fit(r, width, "X" if y in (0, len(rows) - 1) else " ") for y, r in enumerate(rows)]
        inner = "X" + " " * (width - 2) + "X"
        rows = _fit(rows, height, inner)
        self._set_rows([self._edges(r) for r in rows])
        if self.zone_names() or self.rows("zones"):
            zones = [_fit(r.ljust(old_w, NO_ZONE), width, NO_ZONE) for r in self.rows("zones")]
            zones = [r[:width] for r in zones] + [NO_ZONE * width] * (old_h - len(zones))
            self._set_rows(_fit(zones, height, NO_ZONE * width), "zones")
        return True

    # --- zones and roles --------------------------------------------------------------

    def zone_names(self) -> dict[str, str]:
        """Zone letter -> zone name."""
        zones = self.data.get("zones")
        names = zones.get("names") if isinstance(zones, dict) else None
        return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}

    def zone_at(self, x: int, y: int) -> str:
        """The zone letter of a cell (``"."`` for none)."""
        rows = self.rows("zones")
        return rows[y][x] if 0 <= y < len(rows) and 0 <= x < len(rows[y]) else NO_ZONE

    def add_zone(self, name: str | None = None) -> str:
        """A new zone (its letter is returned), named ``name`` or ``zone_N``."""
        names = self.zone_names()
        letter = next(c for c in "abcdefghijklmnopqrstuvwxyz" if c not in names)
        self._edit()
        zones = self.data.setdefault("zones", {})
        width, height = self.size
        if not self.rows("zones"):
            zones["map"] = "\n".join([NO_ZONE * width] * height) + "\n"
        taken = set(names.values())
        n = len(names) + 1
        while name is None or name in taken:
            name, n = f"zone_{n}", n + 1
        zones.setdefault("names", {})[letter] = name
        return letter

    def paint_zone(self, cells: Iterable[tuple[int, int]], letter: str) -> bool:
        """Put cells in zone ``letter`` (``"."``: in no zone). Returns whether anything
        changed."""
        width, height = self.size
        rows = [list(r.ljust(width, NO_ZONE)[:width]) for r in self.rows("zones")]
        rows += [list(NO_ZONE * width) for _ in range(height - len(rows))]
        before = ["".join(r) for r in rows]
        for x, y in cells:
            if 0 <= x < width and 0 <= y < height:
                rows[y][x] = letter
        after = ["".join(r) for r in rows]
        if after == before and self.rows("zones"):
            return False
        self._edit()
        self._set_rows(after, "zones")
        return True

    def rename_zone(self, letter: str, name: str) -> None:
        """Give zone ``letter`` a new name (roles that named the old one follow)."""
        old = self.zone_names().get(letter)
        if old is None or old == name:
            return
        self._edit()
        self.data["zones"]["names"][letter] = name
        for role in self.roles().values():
            zones = role.get("zones")
            if isinstance(zones, list):
                role["zones"] = [name if z == old else z for z in zones]

    def remove_zone(self, letter: str) -> None:
        """Take a zone away: its cells belong to no zone and roles forget it."""
        names = self.zone_names()
        if letter not in names:
            return
        self._edit()
        rows = [r.replace(letter, NO_ZONE) for r in self.rows("zones")]
        self._set_rows(rows, "zones")
        del self.data["zones"]["names"][letter]
        for role in self.roles().values():
            if isinstance(role.get("zones"), list):
                role["zones"] = [z for z in role["zones"] if z != names[letter]]
                if not role["zones"]:
                    del role["zones"]  # an empty list would keep the role's chefs nowhere
        if not self.data["zones"]["names"]:
            del self.data["zones"]

    def roles(self) -> dict[str, dict[str, Any]]:
        """Role name -> its settings (the level's own dictionaries: edit through methods)."""
        roles = self.data.get("roles")
        if not isinstance(roles, dict):
            return {}
        return {str(k): v for k, v in roles.items() if isinstance(v, dict)}

    def add_role(self) -> str:
        """A new role with no chefs, allowed everywhere; its name is returned."""
        taken = set(self.roles())
        n = len(taken) + 1
        while f"role_{n}" in taken:
            n += 1
        self._edit()
        self.data.setdefault("roles", {})[f"role_{n}"] = {"players": []}
        return f"role_{n}"

    def remove_role(self, name: str) -> None:
        """Take a role away."""
        if name in self.roles():
            self._edit()
            del self.data["roles"][name]
            if not self.data["roles"]:
                del self.data["roles"]

    def toggle_role_zone(self, role: str, zone: str) -> None:
        """Let the chefs of ``role`` stand in ``zone``, or not (no list: anywhere)."""
        settings = self.roles().get(role)
        if settings is None:
            return
        self._edit()
        zones = list(settings.get("zones") or [])
        settings["zones"] = [z for z in zones if z != zone] if zone in zones else zones + [zone]
        if not settings["zones"]:
            del settings["zones"]

    def toggle_role_player(self, role: str, player: int) -> None:
        """Put chef ``player`` in ``role``, or take them out (a chef is in one role)."""
        if role not in self.roles():
            return
        self._edit()
        for name, settings in self.roles().items():
            players = [p for p in settings.get("players") or [] if p != player]
            if name == role and player not in (settings.get("players") or []):
                players = sorted(players + [player])
            settings["players"] = players

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


def _fit(items: Any, size: int, fill: Any) -> Any:
    """``items`` (a row or a list of rows) made ``size`` long by adding ``fill`` before the
    last one, or taking away those before it."""
    if len(items) == size or len(items) < 2:
        return items
    if len(items) > size:
        return items[: size - 1] + items[-1:]
    extra = fill * (size - len(items)) if isinstance(items, str) else [fill] * (size - len(items))
    return items[:-1] + extra + items[-1:]
