"""Levels from Overcooked-AI layout files (``kitchen import overcooked FILE.layout``).

A layout of HumanCompatibleAI/overcooked_ai (``src/overcooked_ai_py/data/layouts``) is a
Python dict literal: ``grid`` (``X`` counter, ``O`` onion and ``T`` tomato dispensers, ``P``
pot, ``D`` dish dispenser, ``S`` serving location, space floor, digits the players' starts)
and recipe settings: ``start_all_orders`` (soups as lists of ingredients; none means every
soup of 1 to 3 onions and tomatoes), ``start_bonus_orders`` with ``order_bonus``, and the
values and cooking times (``recipe_values`` / ``recipe_times``, ``onion_value`` /
``tomato_value`` / ``onion_time`` / ``tomato_time``, ``delivery_reward``, ``cook_time``).
It is read with :func:`ast.literal_eval`, never evaluated. Our default map characters are
Overcooked-AI's, so the grid is copied as it is.

Times are Overcooked-AI timesteps, in which a player crosses one tile; a chef crosses
``kitchen.chef_speed`` (4) tiles a second, so a timestep is a quarter of a second here.
"""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass
from typing import Any

from kitchen.content.kitchen_map import MAX_MAP_HEIGHT, MAX_MAP_WIDTH
from kitchen.content.problems import Problem, SourceError

STEPS_PER_SECOND = 4
"""Overcooked-AI timesteps per second of our clock (a chef crosses 4 tiles a second)."""
DEFAULT_VALUE = 20
DEFAULT_TIME = 20
"""Overcooked-AI's value and cooking time (in timesteps) of a soup with no settings."""
GRID_CHARS = "XOTPDS 123456789"
MAX_LAYOUT_BYTES = 200_000


@dataclass(frozen=True)
class Soup:
    """One Overcooked-AI recipe: its ingredients, value and cooking time (timesteps)."""

    ingredients: tuple[str, ...]
    value: int
    steps: int

    @property
    def name(self) -> str:
        """Our recipe name: ``onion_soup`` for three onions, ``onion_tomato_soup`` ..."""
        if self.ingredients in (("onion",) * 3, ("tomato",) * 3):
            return f"{self.ingredients[0]}_soup"
        words = {1: "one", 2: "two", 3: "three"}
        counts = [(self.ingredients.count(i), i) for i in ("onion", "tomato")]
        return "_".join(f"{words[n]}_{i}" for n, i in counts if n) + "_soup"

    @property
    def title(self) -> str:
        """Shown on tickets: ``Soup: 2 onion, 1 tomato``."""
        if len(set(self.ingredients)) == 1 and len(self.ingredients) == 3:
            return f"{self.ingredients[0].capitalize()} soup"
        counts = [(self.ingredients.count(i), i) for i in ("onion", "tomato")]
        return "Soup: " + ", ".join(f"{n} {i}" for n, i in counts if n)


def read_layout(text: str, name: str) -> dict[str, Any]:
    """The dict of an Overcooked-AI layout file.

    Raises:
        SourceError: the text is not a Python dict literal with a ``grid``.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_LAYOUT_BYTES:
        raise SourceError(Problem(name, 0, 0, "is too large to be an Overcooked-AI layout"))
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as err:
        line = getattr(err, "lineno", None) or 0
        col = getattr(err, "offset", None) or 0
        raise SourceError(
            Problem(
                name,
                line,
                col if line else 0,
                "not an Overcooked-AI layout: a layout file is a Python dict literal "
                '({"grid": """...""", ...})',
            )
        ) from None
    if not isinstance(value, dict) or not isinstance(value.get("grid"), str):
        raise SourceError(Problem(name, 0, 0, 'not an Overcooked-AI layout: it has no "grid" text'))
    return value


def _grid(layout: dict[str, Any], name: str) -> list[str]:
    rows = [row.strip() for row in str(layout["grid"]).split("\n")]
    rows = [r for r in rows if r]
    if not rows:
        raise SourceError(Problem(name, 0, 0, "the layout's grid is empty"))
    for y, row in enumerate(rows):
        for x, char in enumerate(row):
            if char not in GRID_CHARS:
                raise SourceError(
                    Problem(
                        name,
                        0,
                        0,
                        f"grid row {y + 1}, column {x + 1}: unknown layout character {char!r}; "
                        "Overcooked-AI layouts use X O T P D S, space and the digits 1-9",
                    )
                )
    width = max(len(r) for r in rows)
    if len(rows) > MAX_MAP_HEIGHT or width > MAX_MAP_WIDTH:
        raise SourceError(
            Problem(
                name,
                0,
                0,
                f"the grid is {width} x {len(rows)}; a level's map is at most "
                f"{MAX_MAP_WIDTH} x {MAX_MAP_HEIGHT}",
            )
        )
    digits = sorted(c for row in rows for c in row if c.isdigit())
    if any(int(d) > 4 for d in digits):
        raise SourceError(
            Problem(name, 0, 0, f"the layout has {len(digits)} players; a kitchen has at most 4")
        )
    return [r.ljust(width) for r in rows]


def _number(layout: dict[str, Any], key: str, name: str) -> float | None:
    value = layout.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise SourceError(Problem(name, 0, 0, f"{key!r} must be a number, not {value!r}"))
    return value


def soups(layout: dict[str, Any], name: str, crates: set[str]) -> list[Soup]:
    """The layout's recipes with their values and times (Overcooked-AI's rules), and
    whether each is a bonus order."""
    orders = _orders(layout.get("start_all_orders"), name, "start_all_orders")
    if not orders:
        usable = sorted(crates & {"onion", "tomato"})
        orders = [
            combo
            for size in (1, 2, 3)
            for combo in itertools.combinations_with_replacement(usable, size)
        ]
    values = layout.get("recipe_values")
    times = layout.get("recipe_times")
    for key, given in (("recipe_values", values), ("recipe_times", times)):
        if given is not None and (not isinstance(given, list) or len(given) != len(orders)):
            raise SourceError(
                Problem(name, 0, 0, f"{key!r} must list one number per order in start_all_orders")
            )
    reward = _number(layout, "delivery_reward", name)
    cook = _number(layout, "cook_time", name)
    per = {k: _number(layout, k, name) for k in ("onion_value", "tomato_value")}
    per_time = {k: _number(layout, k, name) for k in ("onion_time", "tomato_time")}
    out = []
    for i, ingredients in enumerate(orders):
        value: float = DEFAULT_VALUE
        steps: float = DEFAULT_TIME
        if reward is not None:
            value = reward
        elif isinstance(values, list):
            value = _checked(values[i], "recipe_values", name)
        elif per["onion_value"] is not None and per["tomato_value"] is not None:
            value = sum(per[f"{g}_value"] or 0 for g in ingredients)
        if cook is not None:
            steps = cook
        elif isinstance(times, list):
            steps = _checked(times[i], "recipe_times", name)
        elif per_time["onion_time"] is not None and per_time["tomato_time"] is not None:
            steps = sum(per_time[f"{g}_time"] or 0 for g in ingredients)
        out.append(Soup(tuple(sorted(ingredients)), round(value), max(1, round(steps))))
    bonus = {tuple(sorted(o)) for o in _orders(layout.get("start_bonus_orders"), name, "x")}
    factor = _number(layout, "order_bonus", name) or 2
    return [
        Soup(s.ingredients, round(s.value * factor), s.steps) if s.ingredients in bonus else s
        for s in out
    ]


def _checked(value: Any, key: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise SourceError(Problem(name, 0, 0, f"{key!r} holds {value!r}, not a number"))
    return value


def _orders(value: Any, name: str, key: str) -> list[tuple[str, ...]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SourceError(Problem(name, 0, 0, f"{key!r} must be a list of orders"))
    out = []
    for order in value:
        ingredients = order.get("ingredients") if isinstance(order, dict) else None
        if (
            not isinstance(ingredients, list)
            or not 1 <= len(ingredients) <= 3
            or any(i not in ("onion", "tomato") for i in ingredients)
        ):
            raise SourceError(
                Problem(
                    name,
                    0,
                    0,
                    f"an order in {key!r} is not 1 to 3 onions and tomatoes: {order!r}"[:200],
                )
            )
        out.append(tuple(sorted(ingredients)))
    return out


def _yaml_row(row: str) -> str:
    """A map row as written in the level: '.' for floor at either end (see docs/levels.md)."""
    if row.startswith(" "):
        row = "." + row[1:]
    if row.endswith(" "):
        row = row[:-1] + "."
    return row


def level_text(layout: dict[str, Any], name: str, level_name: str, source: str) -> str:
    """The YAML text of a level made from an Overcooked-AI layout.

    Raises:
        SourceError: the layout has something a level cannot have (with the reason).
    """
    rows = _grid(layout, name)
    crates = {"onion" for r in rows if "O" in r} | {"tomato" for r in rows if "T" in r}
    recipes = soups(layout, name, crates)
    if not recipes:
        raise SourceError(
            Problem(
                name,
                0,
                0,
                "the layout has no onion (O) or tomato (T) dispenser and no "
                "orders: nothing could be cooked",
            )
        )
    seen: dict[str, Soup] = {}
    for soup in recipes:
        seen.setdefault(soup.name, soup)
    lines = [
        f"# Imported from the Overcooked-AI layout {source} (HumanCompatibleAI/overcooked_ai,",
        "# MIT licence). Times: one Overcooked-AI timestep is 1/4 s (a chef crosses 4 tiles a",
        "# second); the grid's characters are this game's own.",
        "version: 1",
        f"name: {level_name}",
        f"title: {_quoted(level_name.replace('_', ' ').capitalize())}",
        f"description: {_quoted(f'The Overcooked-AI layout {source}.')}",
        "map: |",
        *(f"  {_yaml_row(r)}" for r in rows),
        "recipes:",
    ]
    for soup in seen.values():
        cook = ", ".join(soup.ingredients)
        seconds = soup.steps / STEPS_PER_SECOND
        shown = f"{seconds:g}"
        lines.append(
            f"  - {{name: {soup.name}, title: {_quoted(soup.title)}, cook: [{cook}], "
            f"cook_seconds: {shown}, value: {soup.value}}}"
        )
    # Overcooked-AI's soups never burn.
    lines += ["round: {seconds: 180}", "kitchen: {burn_seconds: null}", ""]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
