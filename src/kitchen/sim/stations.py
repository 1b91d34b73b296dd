"""Stations: the interactive cells of the kitchen and what ``interact`` and ``use`` do there.

Each station class answers three questions: what happens when a chef facing it presses
interact, what happens while a chef holds use, and what it does by itself each tick.
The kitchen passed in as ``rnd`` (a :class:`~kitchen.sim.kitchen_ports.StationKitchen`,
which the round satisfies) supplies the clock, new item ids, the cookbook and the pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import override

from kitchen.events import (
    BurnWarning,
    CookStarted,
    Event,
    Handoff,
    ItemBinned,
    ItemBurnt,
    ItemCombined,
    ItemPicked,
    ItemProcessed,
    ItemPutDown,
    ItemSpawned,
)
from kitchen.sim.items import BURNT, INGREDIENT, PLATE, SOUP, Item
from kitchen.sim.kitchen_ports import StationKitchen
from kitchen.sim.movement import Chef
from kitchen.sim.spec import Tile, soup_key

QUIET_FOREVER = 1 << 62
"""What :meth:`Station.quiet_ticks` answers for a station that does nothing by itself."""


def give(
    rnd: StationKitchen, chef: Chef, item: Item, station: Station, events: list[Event]
) -> None:
    """Hand ``item`` from ``station`` to ``chef``, recording a hand-off if someone else put
    it there."""
    chef.held = item
    events.append(
        ItemPicked(rnd.tick, chef.player, item.id, item.describe(), station.tile, station.kind)
    )
    _note_handoff(rnd, chef, item, station.tile, events)


def _note_handoff(
    rnd: StationKitchen, chef: Chef, item: Item, tile: Tile, events: list[Event]
) -> None:
    if item.put_by is not None and item.put_by != chef.player:
        events.append(
            Handoff(
                rnd.tick,
                item.id,
                item.describe(),
                item.put_by,
                chef.player,
                tile,
                rnd.tick - item.put_tick,
            )
        )
    item.put_by = None


def take_from(rnd: StationKitchen, chef: Chef, station: Station, events: list[Event]) -> Item:
    """Take the item the chef holds and record that it was put down on ``station``."""
    item = chef.held
    assert item is not None
    chef.held = None
    item.put_by, item.put_tick = chef.player, rnd.tick
    events.append(
        ItemPutDown(rnd.tick, chef.player, item.id, item.describe(), station.tile, station.kind)
    )
    return item


def combine(
    rnd: StationKitchen, chef: Chef, item: Item, plate: Item, tile: Tile, events: list[Event]
) -> None:
    """Put ``item`` onto ``plate`` (either may be the one in the chef's hands)."""
    if chef.held is not plate and chef.held is not item:
        raise AssertionError("combine needs the chef to hold the item or the plate")
    if chef.held is item:
        chef.held = None
    else:
        _note_handoff(rnd, chef, item, tile, events)
    plate.contents.append(item)
    events.append(
        ItemCombined(
            rnd.tick, chef.player, item.id, item.describe(), plate.id, plate.describe(), tile
        )
    )


class Station:
    """Base class: a station that does nothing."""

    kind = "station"

    def __init__(self, tile: Tile) -> None:
        self.tile = tile
        self.broken: int | None = None
        """The id of the breakdown disruption that stopped this station, if any."""
        self.repair = 0
        """Ticks of repair work done on a broken station."""

    def clear(self) -> list[Item]:
        """Remove and return everything held here (the station is being taken away)."""
        return []

    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        """The chef facing this station pressed interact."""

    def use(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        """The chef facing this station holds use (called at most once a tick per station)."""

    def update(self, rnd: StationKitchen, events: list[Event]) -> None:
        """Advance by one tick (only stations listed as ``ticking`` are called)."""

    ticking = False

    def quiet_ticks(self, rnd: StationKitchen) -> int:
        """How many coming :meth:`update` calls surely record nothing and only count
        (:meth:`skip` plays them at once); 0 for a ticking station that cannot tell."""
        return 0 if self.ticking else QUIET_FOREVER

    def skip(self, rnd: StationKitchen, ticks: int) -> None:
        """Play ``ticks`` quiet :meth:`update` calls at once (see :meth:`quiet_ticks`)."""

    def items(self) -> Iterator[Item]:
        """Every item held here, top level only."""
        return iter(())


class Counter(Station):
    """Holds one item: the hand-off point between people. Food can be plated on it."""

    kind = "counter"

    def __init__(self, tile: Tile) -> None:
        super().__init__(tile)
        self.item: Item | None = None

    def accepts(self, item: Item) -> bool:
        """True if ``item`` may be put down here."""
        return True

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held, here = chef.held, self.item
        if held is None and here is not None:
            self.item = None
            give(rnd, chef, here, self, events)
            self.after_pick()
        elif held is not None and here is None:
            if self.accepts(held):
                self.item = take_from(rnd, chef, self, events)
        elif held is not None and here is not None:
            if rnd.cookbook.can_plate(held, here) and self.ready_to_plate(here):
                self.item = None
                combine(rnd, chef, here, held, self.tile, events)
                self.after_pick()
            elif rnd.cookbook.can_plate(here, held):
                combine(rnd, chef, held, here, self.tile, events)

    def ready_to_plate(self, item: Item) -> bool:
        """Whether an item here may be scooped onto a plate right now."""
        return True

    @override
    def clear(self) -> list[Item]:
        items = [self.item] if self.item is not None else []
        self.item = None
        self.after_pick()
        return items

    def after_pick(self) -> None:
        """Called when the item here has been taken."""

    @override
    def items(self) -> Iterator[Item]:
        if self.item is not None:
            yield self.item


class Board(Counter):
    """A chopping board: holds one ingredient; holding use chops a raw one."""

    kind = "board"

    def __init__(self, tile: Tile) -> None:
        super().__init__(tile)
        self.progress = 0

    @override
    def accepts(self, item: Item) -> bool:
        return item.kind == INGREDIENT

    @override
    def ready_to_plate(self, item: Item) -> bool:
        return self.progress == 0 or item.chopped

    @override
    def after_pick(self) -> None:
        self.progress = 0

    def choppable(self, rnd: StationKitchen) -> bool:
        """True while the board holds a raw ingredient that can be chopped."""
        item = self.item
        return item is not None and not item.chopped and rnd.spec.ingredients[item.name].choppable

    @override
    def use(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        if not self.choppable(rnd):
            return
        self.progress += 1
        if self.progress >= rnd.spec.chop_ticks:
            item = self.item
            assert item is not None
            item.chopped = True
            self.progress = 0
            events.append(
                ItemProcessed(rnd.tick, "chop", item.id, item.describe(), self.tile, chef.player)
            )


class Crate(Station):
    """Hands out a fresh ingredient to an empty-handed chef (or straight onto a plate)."""

    kind = "crate"

    def __init__(self, tile: Tile, ingredient: str) -> None:
        super().__init__(tile)
        self.ingredient = ingredient
        self.empty = 0
        """How many shortages are emptying this crate now (0: it hands out)."""

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held = chef.held
        if self.empty:
            return
        if held is not None and not held.is_clean_plate:
            return
        item = Item(0, INGREDIENT, self.ingredient)
        if held is not None and not rnd.cookbook.can_plate(held, item):
            return
        item.id = rnd.new_id()
        events.append(
            ItemSpawned(rnd.tick, item.id, item.describe(), "crate", self.tile, chef.player)
        )
        if held is None:
            chef.held = item
        else:
            held.contents.append(item)
            events.append(
                ItemCombined(
                    rnd.tick,
                    chef.player,
                    item.id,
                    item.describe(),
                    held.id,
                    held.describe(),
                    self.tile,
                )
            )


class Stove(Station):
    """A stove with a fixed pot. Cooking starts when the pot holds exactly a soup's
    ingredients; cooked food burns if left too long (with a warning first)."""

    kind = "stove"
    ticking = True

    def __init__(self, tile: Tile) -> None:
        super().__init__(tile)
        self.contents: list[Item] = []
        self.state = "idle"  # idle -> cooking -> ready -> burnt
        self.timer = 0
        self.cook_ticks = 0

    @property
    def soup_key(self) -> str:
        """The component key of what is in the pot."""
        return soup_key([c.component for c in self.contents])

    def describe(self) -> str:
        """The pot, for events: ``pot[onion,onion]``."""
        return "pot[" + ",".join(sorted(c.component for c in self.contents)) + "]"

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held = chef.held
        if self.state == "idle":
            if held is not None and rnd.cookbook.pot_accepts(self.contents, held):
                chef.held = None
                self.contents.append(held)
                _note_handoff(rnd, chef, held, self.tile, events)
                events.append(
                    ItemCombined(
                        rnd.tick,
                        chef.player,
                        held.id,
                        held.describe(),
                        None,
                        self.describe(),
                        self.tile,
                    )
                )
                cook = rnd.cookbook.cook_ticks(self.soup_key)
                if cook is not None:
                    self.state, self.timer, self.cook_ticks = "cooking", 0, cook
                    events.append(
                        CookStarted(rnd.tick, self.tile, self.soup_key, cook, chef.player)
                    )
            elif held is None and self.contents:
                item = self.contents.pop()
                give(rnd, chef, item, self, events)
        elif self.state == "ready" and held is not None and held.is_clean_plate:
            soup = Item(0, SOUP, self.soup_key, contents=self.contents)
            if not rnd.cookbook.can_plate(held, soup):
                return
            soup.id = rnd.new_id()
            events.append(
                ItemSpawned(rnd.tick, soup.id, soup.describe(), "pot", self.tile, chef.player)
            )
            held.contents.append(soup)
            events.append(
                ItemCombined(
                    rnd.tick,
                    chef.player,
                    soup.id,
                    soup.describe(),
                    held.id,
                    held.describe(),
                    self.tile,
                )
            )
            self._empty()
        elif self.state == "burnt" and held is None:
            mess = Item(rnd.new_id(), BURNT, "burnt", contents=self.contents)
            events.append(
                ItemSpawned(rnd.tick, mess.id, mess.describe(), "pot", self.tile, chef.player)
            )
            chef.held = mess
            self._empty()

    def _empty(self) -> None:
        self.contents, self.state, self.timer, self.cook_ticks = [], "idle", 0, 0

    @override
    def clear(self) -> list[Item]:
        items = self.contents
        self._empty()
        return items

    @override
    def update(self, rnd: StationKitchen, events: list[Event]) -> None:
        if self.broken is not None:
            return  # no heat: cooking pauses and nothing burns
        if self.state == "cooking":
            self.timer += 1
            if self.timer >= self.cook_ticks:
                self.state, self.timer = "ready", 0
                events.append(ItemProcessed(rnd.tick, "cook", None, self.soup_key, self.tile))
        elif self.state == "ready":
            burn = rnd.spec.burn_ticks
            if burn is None:
                return
            self.timer += 1
            if self.timer == max(1, burn - rnd.spec.burn_warning_ticks):
                events.append(BurnWarning(rnd.tick, self.tile, self.soup_key, burn - self.timer))
            if self.timer >= burn:
                self.state = "burnt"
                events.append(
                    ItemBurnt(
                        rnd.tick, self.tile, self.soup_key, tuple(c.id for c in self.contents)
                    )
                )

    @override
    def quiet_ticks(self, rnd: StationKitchen) -> int:
        if self.broken is not None:
            return QUIET_FOREVER
        if self.state == "cooking":
            return self.cook_ticks - self.timer - 1
        burn = rnd.spec.burn_ticks
        if self.state != "ready" or burn is None:
            return QUIET_FOREVER
        due = burn - self.timer  # the update that burns it
        warn = max(1, burn - rnd.spec.burn_warning_ticks)
        if self.timer < warn:
            due = min(due, warn - self.timer)
        return due - 1

    @override
    def skip(self, rnd: StationKitchen, ticks: int) -> None:
        if self.broken is None and (
            self.state == "cooking" or (self.state == "ready" and rnd.spec.burn_ticks is not None)
        ):
            self.timer += ticks

    @property
    def progress(self) -> float:
        """0..1 through cooking, or through the time left before burning once ready."""
        if self.state == "cooking" and self.cook_ticks:
            return self.timer / self.cook_ticks
        return 0.0

    @override
    def items(self) -> Iterator[Item]:
        yield from self.contents


class PlateStack(Station):
    """Clean plates. Endless, unless the level has dish-washing (then a fixed number)."""

    kind = "plates"

    def __init__(self, tile: Tile, finite: bool) -> None:
        super().__init__(tile)
        self.finite = finite
        self.plates: list[Item] = []

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held = chef.held
        if held is None:
            if not self.finite:
                plate = Item(rnd.new_id(), PLATE)
                events.append(
                    ItemSpawned(rnd.tick, plate.id, "plate", "plate_stack", self.tile, chef.player)
                )
                chef.held = plate
            elif self.plates:
                give(rnd, chef, self.plates.pop(), self, events)
        elif self.finite and held.is_clean_plate and not held.contents:
            self.plates.append(take_from(rnd, chef, self, events))

    @override
    def items(self) -> Iterator[Item]:
        yield from self.plates

    @override
    def clear(self) -> list[Item]:
        items, self.plates = self.plates, []
        return items


class ServingWindow(Station):
    """Plated food goes out here to the customers."""

    kind = "serve"

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held = chef.held
        if held is not None and held.is_clean_plate and held.contents:
            chef.held = None
            rnd.serve(chef, held, self.tile, events)


class Bin(Station):
    """Throws food away. A plate's food is binned and the plate kept."""

    kind = "bin"

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held = chef.held
        if held is None:
            return
        if held.kind == PLATE:
            for item in held.contents:
                events.append(
                    ItemBinned(rnd.tick, chef.player, item.id, item.describe(), self.tile)
                )
            held.contents = []
        else:
            chef.held = None
            events.append(ItemBinned(rnd.tick, chef.player, held.id, held.describe(), self.tile))


class Sink(Station):
    """Takes dirty plates; holding use washes them; clean ones are picked up from here."""

    kind = "sink"

    def __init__(self, tile: Tile) -> None:
        super().__init__(tile)
        self.dirty: list[Item] = []
        self.clean: list[Item] = []
        self.progress = 0

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held = chef.held
        if held is not None and held.kind == PLATE and held.dirty:
            self.dirty.append(take_from(rnd, chef, self, events))
        elif held is None and self.clean:
            give(rnd, chef, self.clean.pop(), self, events)

    @override
    def use(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        if not self.dirty:
            return
        self.progress += 1
        if self.progress >= rnd.spec.wash_ticks:
            plate = self.dirty.pop()
            plate.dirty = False
            self.clean.append(plate)
            self.progress = 0
            events.append(
                ItemProcessed(rnd.tick, "wash", plate.id, plate.describe(), self.tile, chef.player)
            )

    @override
    def items(self) -> Iterator[Item]:
        yield from self.dirty
        yield from self.clean

    @override
    def clear(self) -> list[Item]:
        items = self.dirty + self.clean
        self.dirty, self.clean, self.progress = [], [], 0
        return items


class DirtyReturn(Station):
    """Where used plates come back from the dining room, dirty."""

    kind = "dirty_return"
    ticking = True

    def __init__(self, tile: Tile) -> None:
        super().__init__(tile)
        self.plates: list[Item] = []
        self.due: list[int] = []

    @override
    def interact(self, rnd: StationKitchen, chef: Chef, events: list[Event]) -> None:
        held = chef.held
        if held is None and self.plates:
            give(rnd, chef, self.plates.pop(), self, events)
        elif held is not None and held.kind == PLATE and held.dirty:
            self.plates.append(take_from(rnd, chef, self, events))

    @override
    def update(self, rnd: StationKitchen, events: list[Event]) -> None:
        while self.due and self.due[0] <= rnd.tick:
            self.due.pop(0)
            plate = Item(rnd.new_id(), PLATE, dirty=True)
            self.plates.append(plate)
            events.append(
                ItemSpawned(rnd.tick, plate.id, plate.describe(), "dirty_return", self.tile)
            )

    @override
    def quiet_ticks(self, rnd: StationKitchen) -> int:
        return self.due[0] - rnd.tick if self.due else QUIET_FOREVER

    @override
    def items(self) -> Iterator[Item]:
        yield from self.plates

    @override
    def clear(self) -> list[Item]:
        items, self.plates = self.plates, []
        return items
