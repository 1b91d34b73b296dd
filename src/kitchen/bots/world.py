"""Read-only queries over a live :class:`~kitchen.sim.round.Round`, for planning.

A :class:`World` is a snapshot taken when a bot needs a new errand: where the stations,
loose ingredients and plates are, and how far each chef has to walk to face a station.
It never changes the round. Bots plan on the live state (``rnd.stations`` and the live
solidity in :class:`~kitchen.bots.navigation.LiveMap`), so layout changes, broken
stations and items taken by other chefs are always seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from kitchen.bots.navigation import LiveMap
from kitchen.sim.items import BURNT, INGREDIENT, PLATE, SOUP, Item
from kitchen.sim.spec import UNIT, Tile
from kitchen.sim.stations import (
    Board,
    Counter,
    Crate,
    DirtyReturn,
    PlateStack,
    ServingWindow,
    Sink,
    Station,
    Stove,
)

if TYPE_CHECKING:
    from kitchen.sim.round import Round

ACT_TICKS = 8
"""Rough cost of one press (turning, pressing, checking), in ticks."""


@dataclass(frozen=True, slots=True)
class Loose:
    """An ingredient lying on a counter or board, free to be picked up."""

    item: Item
    tile: Tile
    on_board: bool


@dataclass(frozen=True, slots=True)
class PlateSpot:
    """A clean plate and where it is: on a counter (``tile``) or in a chef's hands."""

    item: Item
    tile: Tile | None = None
    holder: int | None = None


def soup_probe(key: str) -> Item:
    """A throw-away soup item with component ``key``, to ask the cookbook about plating."""
    return Item(0, SOUP, key)


def raw_probe(name: str) -> Item:
    """A throw-away raw ingredient, to ask the cookbook questions."""
    return Item(0, INGREDIENT, name)


@dataclass
class StationKinds:
    """A round's stations sorted by kind, each list in ``rnd.stations`` order."""

    stoves: list[Stove] = field(default_factory=list)
    boards: list[Board] = field(default_factory=list)
    counters: list[Counter] = field(default_factory=list)
    surfaces: list[Counter] = field(default_factory=list)
    """Counters and boards together."""
    crates: list[Crate] = field(default_factory=list)
    stacks: list[PlateStack] = field(default_factory=list)
    serves: list[ServingWindow] = field(default_factory=list)
    bins: list[Station] = field(default_factory=list)
    sinks: list[Sink] = field(default_factory=list)
    returns: list[DirtyReturn] = field(default_factory=list)


_KINDS: WeakKeyDictionary[Round, tuple[tuple[int, int], StationKinds]] = WeakKeyDictionary()
_LAST: tuple[Round, tuple[int, int], StationKinds] | None = None


def _station_kinds(rnd: Round) -> StationKinds:
    """The round's stations by kind, sorted again only when the layout changed."""
    global _LAST
    key = (rnd.layout_version, len(rnd.stations))
    last = _LAST
    if last is not None and last[0] is rnd and last[1] == key:
        return last[2]  # the same round as last time: no weak-dictionary look-up
    known = _KINDS.get(rnd)
    if known is not None and known[0] == key:
        _LAST = (rnd, key, known[1])
        return known[1]
    kinds = StationKinds()
    for station in rnd.stations.values():
        if isinstance(station, Stove):
            kinds.stoves.append(station)
        elif isinstance(station, Counter):
            kinds.surfaces.append(station)
            if isinstance(station, Board):
                kinds.boards.append(station)
            else:
                kinds.counters.append(station)
        elif isinstance(station, Crate):
            kinds.crates.append(station)
        elif isinstance(station, PlateStack):
            kinds.stacks.append(station)
        elif isinstance(station, ServingWindow):
            kinds.serves.append(station)
        elif isinstance(station, Sink):
            kinds.sinks.append(station)
        elif isinstance(station, DirtyReturn):
            kinds.returns.append(station)
        elif station.kind == "bin":
            kinds.bins.append(station)
    _KINDS[rnd] = (key, kinds)
    _LAST = (rnd, key, kinds)
    return kinds


class World:
    """The kitchen as bots see it at one tick.

    Args:
        rnd: the live round.
        live: the live map (walkable cells, cached distances).
    """

    def __init__(self, rnd: Round, live: LiveMap) -> None:
        self.rnd = rnd
        self.live = live
        self.tick = rnd.tick
        self.cookbook = rnd.cookbook
        self.ticks_per_cell = max(1, UNIT // max(1, rnd.spec.chef_speed))
        kinds = _station_kinds(rnd)
        # shared with every World of this layout: read them, never change them
        self.stoves: list[Stove] = kinds.stoves
        self.boards: list[Board] = kinds.boards
        self.counters: list[Counter] = kinds.counters
        self.crates: list[Crate] = kinds.crates
        self.stacks: list[PlateStack] = kinds.stacks
        self.serves: list[ServingWindow] = kinds.serves
        self.bins: list[Station] = kinds.bins
        self.sinks: list[Sink] = kinds.sinks
        self.returns: list[DirtyReturn] = kinds.returns
        self.loose: list[Loose] = []
        self.plates: list[PlateSpot] = []
        self.junk: list[tuple[Item, Tile]] = []
        for station in kinds.surfaces:
            item = station.item
            if item is None:
                continue
            tile = station.tile
            if item.kind == INGREDIENT:
                self.loose.append(Loose(item, tile, isinstance(station, Board)))
            elif item.is_clean_plate:
                self.plates.append(PlateSpot(item, tile=tile))
            elif item.kind == BURNT or (item.kind == PLATE and item.dirty):
                self.junk.append((item, tile))
        for chef in rnd.chefs.values():
            held = chef.held
            if held is not None and held.is_clean_plate and chef.status != "away":
                self.plates.append(PlateSpot(held, holder=chef.player))
        self._from: dict[int, dict[Tile, int]] = {}

    # --- chefs -------------------------------------------------------------------------

    def active(self, player: int) -> bool:
        """True if the chef is on the floor and can act."""
        chef = self.rnd.chefs.get(player)
        return chef is not None and chef.status == "active"

    def forbidden(self, player: int) -> frozenset[Tile] | None:
        """Cells this chef may not enter now."""
        return self.rnd.silos.forbidden(player)

    def may_serve(self, player: int) -> bool:
        """Whether this chef may use the serving window."""
        return self.rnd.silos.may_serve(player)

    # --- distances ---------------------------------------------------------------------

    def _dist_from_chef(self, player: int) -> dict[Tile, int]:
        found = self._from.get(player)
        if found is None:
            chef = self.rnd.chefs[player]
            found = self.live.distances([chef.cell], self.forbidden(player))
            self._from[player] = found
        return found

    def reach(self, player: int, tile: Tile) -> int | None:
        """Steps for the chef to stand facing ``tile`` (a station), or ``None`` if it can't."""
        dist = self._dist_from_chef(player)
        found = [dist[c] for c in self.live.approach(tile, self.forbidden(player)) if c in dist]
        return min(found) if found else None

    def between(self, player: int, a: Tile, b: Tile) -> int | None:
        """Steps for the chef from facing station ``a`` to facing station ``b``."""
        if a == b:
            return 0
        return self.live.station_distance(a, b, self.forbidden(player))

    def can_use(self, player: int, tile: Tile) -> bool:
        """True if the chef can walk to face ``tile`` from where it stands."""
        return self.reach(player, tile) is not None

    def route(self, player: int, tiles: list[Tile]) -> int | None:
        """Ticks for the chef to visit ``tiles`` in order (walking and pressing)."""
        if not tiles:
            return 0
        first = self.reach(player, tiles[0])
        if first is None:
            return None
        steps = first
        for a, b in zip(tiles, tiles[1:], strict=False):
            d = self.between(player, a, b)
            if d is None:
                return None
            steps += d
        return steps * self.ticks_per_cell + ACT_TICKS * len(tiles)

    # --- stations ----------------------------------------------------------------------

    def crates_of(self, ingredient: str) -> list[Crate]:
        """Crates of ``ingredient`` that hand something out now (not empty)."""
        return [c for c in self.crates if c.ingredient == ingredient and not c.empty]

    def plate_sources(self) -> list[Station]:
        """Stations that give a clean empty plate now: plate stacks and sinks."""
        out: list[Station] = [s for s in self.stacks if not s.finite or s.plates]
        out.extend(s for s in self.sinks if s.clean)
        return out

    def clean_plates_available(self) -> int:
        """Clean plates ready to use: on stacks, at sinks and empty on counters."""
        n = 0
        for stack in self.stacks:
            n += 99 if not stack.finite else len(stack.plates)
        n += sum(len(s.clean) for s in self.sinks)
        n += sum(1 for p in self.plates if p.tile is not None and not p.item.contents)
        return n

    def free_counters(self) -> list[Counter]:
        """Plain counters with nothing on them."""
        return [c for c in self.counters if c.item is None]

    def free_boards(self) -> list[Board]:
        """Boards with nothing on them."""
        return [b for b in self.boards if b.item is None]

    def collectors(self) -> list[int]:
        """Active chefs who may serve and can reach a serving window."""
        return [
            p
            for p in sorted(self.rnd.chefs)
            if self.active(p)
            and self.may_serve(p)
            and any(self.can_use(p, s.tile) for s in self.serves)
        ]
