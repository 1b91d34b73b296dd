"""The level editor's map: the kitchen drawn as it plays (the game's own station bodies),
the chefs' starts, the zones, and the problems marked on the cells they are about."""

from __future__ import annotations

from typing import Any

import pygame

from kitchen.content.builtins import DEFAULT_TILES
from kitchen.content.level_edit import NO_ZONE, Check, LevelDraft, Tool
from kitchen.sim.spec import KitchenSpec, StationSpec
from kitchen.ui.render.grid import Pens
from kitchen.ui.render.station_bodies import ZONE_TINTS, draw_background
from kitchen.ui.theme import readable_on

MAX_CELL = 140
"""Largest cell in the editor (a small map is not drawn huge)."""


def tile_of(char: str, legend: dict[str, Any]) -> dict[str, Any] | None:
    """What a map character stands for in this level (``None``: unknown)."""
    entry = legend.get(char, DEFAULT_TILES.get(char))
    if isinstance(entry, str):
        return {"kind": entry}
    return entry if isinstance(entry, dict) and isinstance(entry.get("kind"), str) else None


def sketch_spec(rows: list[str], legend: dict[str, Any]) -> KitchenSpec:
    """A kitchen with only the map's cells, for drawing a level that may not be valid yet
    (an unknown character is drawn as a wall and marked by its problem)."""
    width = max((len(r) for r in rows), default=1) or 1
    solid: set[tuple[int, int]] = set()
    stations: dict[tuple[int, int], StationSpec] = {}
    for y, row in enumerate(rows):
        for x, char in enumerate(row.ljust(width)):
            tile = tile_of(char, legend)
            kind = tile["kind"] if tile else "wall"
            if kind in ("floor", "start"):
                continue
            solid.add((x, y))
            if kind != "wall":
                ingredient = tile.get("ingredient") if tile else None
                stations[(x, y)] = StationSpec(
                    kind, ingredient if isinstance(ingredient, str) else None
                )
    return KitchenSpec(
        name="sketch",
        width=width,
        height=max(1, len(rows)),
        solid=frozenset(solid),
        stations=stations,
        starts={},
        ingredients={},
        recipes={},
        round_ticks=1,
    )


def zone_tint(letter: str, letters: list[str]) -> tuple[int, int, int, int]:
    """The see-through colour of a zone on the map."""
    index = letters.index(letter) if letter in letters else 0
    return ZONE_TINTS[index % len(ZONE_TINTS)]


class EditorCanvas:
    """The map of the level being edited, scaled to fit ``area``."""

    def __init__(self, area: pygame.Rect, pens: Pens) -> None:
        self.area = area
        self.pens = pens
        self.cell = 40
        self.rect = pygame.Rect(area)
        self._key: tuple[Any, ...] | None = None
        self._background: pygame.Surface | None = None
        self._swatches: dict[tuple[str, int], pygame.Surface] = {}

    def fit(self, size: tuple[int, int]) -> None:
        """Scale the cells so a ``size`` map fits the area whole, centred."""
        w, h = max(1, size[0]), max(1, size[1])
        self.cell = max(8, min(MAX_CELL, self.area.width // w, self.area.height // h))
        self.rect = pygame.Rect(0, 0, self.cell * w, self.cell * h)
        self.rect.center = self.area.center

    def cell_at(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        """The map cell under a point of the screen, if any."""
        if not self.rect.collidepoint(pos):
            return None
        return ((pos[0] - self.rect.x) // self.cell, (pos[1] - self.rect.y) // self.cell)

    def cell_rect(self, x: int, y: int) -> pygame.Rect:
        """Where map cell ``(x, y)`` is on the screen."""
        return pygame.Rect(
            self.rect.x + x * self.cell, self.rect.y + y * self.cell, self.cell, self.cell
        )

    def swatch(self, tool: Tool, legend: dict[str, Any], size: int) -> pygame.Surface:
        """A palette button's picture: the tile as the kitchen draws it (a start's disc is
        drawn over it by :meth:`draw_start`)."""
        key = (tool.char + repr(sorted(legend.items(), key=str)), size)
        if key not in self._swatches:
            char = " " if tool.kind == "start" else tool.char
            spec = sketch_spec([char], legend)
            surf = draw_background(spec, None, (size, size), size, self.pens)
            self._swatches[key] = surf
        return self._swatches[key]

    def draw_start(self, surface: pygame.Surface, r: pygame.Rect, player: int) -> None:
        """Chef ``player``'s start: a disc in their colour with their number."""
        theme = self.pens.theme
        colour = theme.player(player)
        pygame.draw.circle(surface, colour, r.center, r.width * 0.36)
        pygame.draw.circle(surface, theme.text_dark, r.center, r.width * 0.36, 2)
        self.pens.text.draw(
            surface,
            str(player),
            max(36, int(r.width * 0.5)),
            readable_on(colour),
            r.center,
            "center",
        )

    def draw(
        self,
        surface: pygame.Surface,
        draft: LevelDraft,
        check: Check,
        hover: tuple[int, int] | None,
        zones_shown: bool,
    ) -> None:
        """The map, its starts, zones (tinted; lettered when ``zones_shown``) and problems."""
        rows = draft.rows()
        legend = draft.data.get("legend") if isinstance(draft.data.get("legend"), dict) else {}
        assert isinstance(legend, dict)
        self.fit(draft.size)
        key = (tuple(rows), repr(legend), self.cell)
        if key != self._key or self._background is None:
            spec = sketch_spec(rows, legend)
            self._background = draw_background(spec, None, self.rect.size, self.cell, self.pens)
            self._key = key
        surface.blit(self._background, self.rect.topleft)
        theme = self.pens.theme
        letters = list(draft.zone_names())
        zone_rows = draft.rows("zones")
        if zone_rows:
            layer = pygame.Surface(self.rect.size, pygame.SRCALPHA)
            for y, row in enumerate(zone_rows):
                for x, letter in enumerate(row):
                    if letter != NO_ZONE and (x, y) in self._cells(draft):
                        tint = zone_tint(letter, letters)
                        alpha = 110 if zones_shown else tint[3]
                        c = self.cell
                        layer.fill((*tint[:3], alpha), pygame.Rect(x * c, y * c, c, c))
            surface.blit(layer, self.rect.topleft)
        for y, row in enumerate(rows):
            for x, char in enumerate(row):
                tile = tile_of(char, legend)
                if tile and tile["kind"] == "start" and isinstance(tile.get("player"), int):
                    self.draw_start(surface, self.cell_rect(x, y), tile["player"])
        if zones_shown and zone_rows:
            self._zone_letters(surface, zone_rows, letters)
        for x, y in {**check.cells, **check.zone_cells}:
            r = self.cell_rect(x, y)
            pygame.draw.rect(surface, theme.danger, r, max(4, self.cell // 12))
            pygame.draw.rect(surface, theme.text, r.inflate(-2 * max(4, self.cell // 12), 0), 1)
        if hover is not None and 0 <= hover[0] < draft.size[0] and 0 <= hover[1] < draft.size[1]:
            pygame.draw.rect(surface, theme.accent, self.cell_rect(*hover), 4)
        pygame.draw.rect(surface, theme.panel_edge, self.rect.inflate(8, 8), 4)

    def _cells(self, draft: LevelDraft) -> set[tuple[int, int]]:
        w, h = draft.size
        return {(x, y) for y in range(h) for x in range(w)}

    def _zone_letters(
        self, surface: pygame.Surface, zone_rows: list[str], letters: list[str]
    ) -> None:
        """In zone painting, each zoned cell shows its zone's letter on a dark badge."""
        theme = self.pens.theme
        size = 36
        if self.cell < 44:
            return
        for y, row in enumerate(zone_rows):
            for x, letter in enumerate(row):
                if letter == NO_ZONE:
                    continue
                r = self.cell_rect(x, y)
                badge = pygame.Rect(0, 0, 30, 30)
                badge.bottomright = (r.right - 3, r.bottom - 3)
                pygame.draw.rect(surface, theme.text_dark, badge, border_radius=6)
                self.pens.text.draw(surface, letter, size, theme.text, badge.center, "center")
