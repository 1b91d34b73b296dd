"""The level editor's palette: the map characters a designer can paint with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kitchen.content.builtins import DEFAULT_TILES


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
