"""Built-in map characters, ingredients and recipes every level can use.

The default characters follow the Overcooked-AI research convention (``X`` counter, space
floor, ``O`` onion crate, ``T`` tomato crate, ``P`` stove with pot, ``D`` plate stack, ``S``
serving window, ``1``-``4`` chef starts) so its published layouts port directly.
"""

from __future__ import annotations

from typing import Any

TILE_KINDS = (
    "floor",
    "wall",
    "counter",
    "crate",
    "stove",
    "board",
    "plates",
    "serve",
    "bin",
    "sink",
    "dirty_return",
    "start",
)
"""Every kind a map character can stand for (``start`` is floor with a chef start)."""

DEFAULT_TILES: dict[str, dict[str, Any]] = {
    " ": {"kind": "floor"},
    ".": {"kind": "floor"},
    "#": {"kind": "wall"},
    "X": {"kind": "counter"},
    "O": {"kind": "crate", "ingredient": "onion"},
    "T": {"kind": "crate", "ingredient": "tomato"},
    "L": {"kind": "crate", "ingredient": "lettuce"},
    "M": {"kind": "crate", "ingredient": "mushroom"},
    "N": {"kind": "crate", "ingredient": "bread"},
    "U": {"kind": "crate", "ingredient": "cucumber"},
    "P": {"kind": "stove"},
    "C": {"kind": "board"},
    "D": {"kind": "plates"},
    "S": {"kind": "serve"},
    "B": {"kind": "bin"},
    "W": {"kind": "sink"},
    "R": {"kind": "dirty_return"},
    "1": {"kind": "start", "player": 1},
    "2": {"kind": "start", "player": 2},
    "3": {"kind": "start", "player": 3},
    "4": {"kind": "start", "player": 4},
}
"""Map characters every level understands; a level's ``legend`` adds or overrides."""

BUILTIN_INGREDIENTS: dict[str, dict[str, Any]] = {
    "onion": {"title": "Onion", "choppable": True},
    "tomato": {"title": "Tomato", "choppable": True},
    "lettuce": {"title": "Lettuce", "choppable": True},
    "mushroom": {"title": "Mushroom", "choppable": True},
    "cucumber": {"title": "Cucumber", "choppable": True},
    "bread": {"title": "Bread", "choppable": False},
}

BUILTIN_RECIPES: dict[str, dict[str, Any]] = {
    "onion_soup": {
        "title": "Onion soup",
        "cook": ["onion", "onion", "onion"],
        "cook_seconds": 12,
        "value": 20,
    },
    "tomato_soup": {
        "title": "Tomato soup",
        "cook": ["tomato", "tomato", "tomato"],
        "cook_seconds": 12,
        "value": 20,
    },
    "mushroom_soup": {
        "title": "Mushroom soup",
        "cook": ["mushroom:chopped", "mushroom:chopped"],
        "cook_seconds": 10,
        "value": 24,
    },
    "salad": {
        "title": "Salad",
        "plate": ["lettuce:chopped", "tomato:chopped"],
        "value": 16,
    },
    "cucumber_salad": {
        "title": "Cucumber salad",
        "plate": ["lettuce:chopped", "cucumber:chopped"],
        "value": 16,
    },
    "tomato_toast": {
        "title": "Tomato toast",
        "plate": ["bread", "tomato:chopped"],
        "value": 14,
    },
}
"""Recipes a level can list by name. Overcooked-AI's onion soup is three onions cooked in a
pot and served on a plate."""
