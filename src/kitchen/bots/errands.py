"""Errands: short sequences of steps a bot carries out, and the claims that keep bots from
doing the same thing twice.

A :class:`Step` is "walk to this station, face it, then press interact once / hold use
until a condition / wait until a condition". Each step carries a precondition that is
re-checked every tick on the live round: when it no longer holds (someone took the item,
the pot started cooking something else, the counter was filled) the errand is dropped and
the bot plans again. Every step also has a time limit, so nothing ever hangs.

Checks are called as ``check(rnd, chef, memo)``; ``memo["item"]`` is the ingredient the
errand is working on (set when the bot picks it up or puts it down), so later steps can
refer to an item that did not exist when the errand was planned (one from a crate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from kitchen.bots.world import raw_probe, soup_probe
from kitchen.sim.items import PLATE, Item
from kitchen.sim.spec import Tile
from kitchen.sim.stations import Board, Crate, DirtyReturn, PlateStack, Sink, Stove
from kitchen.sim.stations import Counter as CounterStation

if TYPE_CHECKING:
    from kitchen.sim.cookbook import Cookbook
    from kitchen.sim.movement import Chef
    from kitchen.sim.round import Round

Check = Callable[["Round", "Chef", dict[str, Any]], bool]

INTERACT = "interact"
USE = "use"
WAIT = "wait"


def _always(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
    return True


@dataclass(eq=False)
class Step:
    """Walk to face ``tile``, then do ``action``.

    Attributes:
        valid: must hold every tick, else the errand is dropped.
        done: for ``use`` and ``wait``: the step is over when this holds. An ``interact``
            step is over when what the chef holds changes.
        limit: ticks allowed for the step, walking included.
    """

    tile: Tile
    action: str
    label: str
    valid: Check = _always
    done: Check | None = None
    limit: int = 900


@dataclass(eq=False)
class Errand:
    """What one bot is doing now, and what it has reserved.

    Attributes:
        cost: how much it is worth (lower is more urgent); also used to decide who gives
            way in a narrow passage.
        items: ids of items it will take.
        slots: ``(container, component)`` pairs it is filling (a pot's tile or a ticket).
        stations: stations it occupies (a board to chop on, a pot to ladle from...).
        orders: tickets whose plate it is finishing.
    """

    kind: str
    steps: list[Step]
    cost: float
    items: frozenset[int] = frozenset()
    slots: tuple[tuple[tuple[Any, ...], str], ...] = ()
    stations: frozenset[Tile] = frozenset()
    orders: frozenset[int] = frozenset()
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """A short human-readable description, e.g. ``supply: crate (0, 1) -> pot (2, 0)``."""
        return f"{self.kind}: " + " -> ".join(f"{s.label} {s.tile}" for s in self.steps)


@dataclass
class Claims:
    """Everything reserved by a set of errands."""

    items: set[int] = field(default_factory=set)
    slots: dict[tuple[tuple[Any, ...], str], int] = field(default_factory=dict)
    """How many errands fill each ``(container, component)``."""
    stations: set[Tile] = field(default_factory=set)
    orders: set[int] = field(default_factory=set)

    def add(self, errand: Errand) -> None:
        """Add an errand's reservations."""
        self.items |= errand.items
        slots = self.slots
        for slot in errand.slots:
            slots[slot] = slots.get(slot, 0) + 1
        self.stations |= errand.stations
        self.orders |= errand.orders


# --- the cookbook's answers, remembered ------------------------------------------------

_ANSWERS: WeakKeyDictionary[Cookbook, dict[tuple[object, ...], bool]] = WeakKeyDictionary()
_LAST: tuple[Cookbook, dict[tuple[object, ...], bool]] | None = None


def _answers(rnd: Round) -> dict[tuple[object, ...], bool]:
    global _LAST
    cookbook = rnd.cookbook
    if _LAST is not None and _LAST[0] is cookbook:
        return _LAST[1]  # the same cookbook as last time: no weak-dictionary look-up
    found = _ANSWERS.get(cookbook)
    if found is None:
        found = _ANSWERS[cookbook] = {}
    _LAST = (cookbook, found)
    return found


def _keys(items: list[Item]) -> tuple[str, ...]:
    return tuple(sorted(c.component for c in items))


def pot_accepts(rnd: Round, contents: list[Item], item: Item) -> bool:
    """``rnd.cookbook.pot_accepts(contents, item)``, remembered (checks run every tick)."""
    key = ("pot", item.kind, item.component, _keys(contents))
    answers = _answers(rnd)
    found = answers.get(key)
    if found is None:
        found = answers[key] = rnd.cookbook.pot_accepts(contents, item)
    return found


def can_plate(rnd: Round, plate: Item, item: Item) -> bool:
    """``rnd.cookbook.can_plate(plate, item)``, remembered (checks run every tick)."""
    if not plate.is_clean_plate:
        return False
    key = ("plate", item.kind, item.component, _keys(plate.contents))
    answers = _answers(rnd)
    found = answers.get(key)
    if found is None:
        found = answers[key] = rnd.cookbook.can_plate(plate, item)
    return found


# --- step builders: every check reads only the live round -------------------------------


def _here(rnd: Round, tile: Tile) -> Any:
    return rnd.stations.get(tile)


def take_item(tile: Tile, item: Item, label: str = "take") -> Step:
    """Pick up ``item`` from the counter or board at ``tile`` (empty-handed)."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return chef.held is None and isinstance(st, CounterStation) and st.item is item

    return Step(tile, INTERACT, label, valid)


def take_memo(tile: Tile, label: str = "take back") -> Step:
    """Pick up the errand's item (``memo["item"]``) from the board or counter at ``tile``."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return (
            chef.held is None
            and isinstance(st, CounterStation)
            and st.item is not None
            and st.item is memo.get("item")
        )

    return Step(tile, INTERACT, label, valid)


def take_from_crate(tile: Tile) -> Step:
    """Take a fresh ingredient from the crate at ``tile`` (empty-handed)."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return chef.held is None and isinstance(st, Crate) and not st.empty

    return Step(tile, INTERACT, "crate", valid)


def take_plate(tile: Tile) -> Step:
    """Take a clean plate from a plate stack or sink (empty-handed)."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        if chef.held is not None:
            return False
        if isinstance(st, PlateStack):
            return not st.finite or bool(st.plates)
        return isinstance(st, Sink) and bool(st.clean)

    return Step(tile, INTERACT, "plate", valid)


def put_down(tile: Tile, label: str = "put down") -> Step:
    """Put what the chef holds on the empty counter or board at ``tile``."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        held = chef.held
        return (
            held is not None
            and isinstance(st, CounterStation)
            and st.item is None
            and st.accepts(held)
        )

    return Step(tile, INTERACT, label, valid)


def chop(tile: Tile) -> Step:
    """Hold use on the board at ``tile`` until the errand's item is chopped."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return isinstance(st, Board) and st.item is not None and st.item is memo.get("item")

    def done(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        item = memo.get("item")
        return item is not None and item.chopped

    return Step(tile, USE, "chop", valid, done)


def chop_item(tile: Tile, item: Item) -> Step:
    """Hold use on the board at ``tile`` until ``item`` (already lying there) is chopped."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return isinstance(st, Board) and st.item is item

    def done(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        return item.chopped

    return Step(tile, USE, "chop", valid, done)


def into_pot(tile: Tile) -> Step:
    """Put the held ingredient into the idle pot at ``tile``."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        held = chef.held
        return (
            held is not None
            and isinstance(st, Stove)
            and st.state == "idle"
            and pot_accepts(rnd, st.contents, held)
        )

    return Step(tile, INTERACT, "pot", valid)


def onto_plate(tile: Tile, plate: Item) -> Step:
    """Put the held ingredient onto ``plate`` lying on the counter at ``tile``."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        held = chef.held
        return (
            held is not None
            and isinstance(st, CounterStation)
            and st.item is plate
            and can_plate(rnd, plate, held)
        )

    return Step(tile, INTERACT, "onto plate", valid)


def collect_item(tile: Tile, item: Item) -> Step:
    """Scoop ``item`` from the counter or board at ``tile`` onto the held plate."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        held = chef.held
        return (
            held is not None
            and isinstance(st, CounterStation)
            and st.item is item
            and st.ready_to_plate(item)
            and can_plate(rnd, held, item)
        )

    return Step(tile, INTERACT, "collect", valid)


def collect_crate(tile: Tile, ingredient: str) -> Step:
    """Take ``ingredient`` from the crate at ``tile`` straight onto the held plate."""
    probe = raw_probe(ingredient)

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        held = chef.held
        return (
            held is not None
            and isinstance(st, Crate)
            and not st.empty
            and can_plate(rnd, held, probe)
        )

    return Step(tile, INTERACT, "collect", valid)


def wait_soup(tile: Tile, soup: str, limit: int) -> Step:
    """Wait at the pot at ``tile`` until the soup ``soup`` is ready."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return (
            isinstance(st, Stove)
            and st.state in ("cooking", "ready")
            and (st.state == "ready" or bool(st.contents))
            and st.soup_key == soup
        )

    def done(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return isinstance(st, Stove) and st.state == "ready"

    return Step(tile, WAIT, "wait", valid, done, limit=limit)


def ladle(tile: Tile, soup: str) -> Step:
    """Ladle the ready soup at ``tile`` onto the held plate."""
    probe = soup_probe(soup)

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        held = chef.held
        return (
            held is not None
            and isinstance(st, Stove)
            and st.state == "ready"
            and st.soup_key == soup
            and can_plate(rnd, held, probe)
        )

    return Step(tile, INTERACT, "ladle", valid)


def serve(tile: Tile) -> Step:
    """Serve the held plate at the window at ``tile``, only if an open ticket wants it."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        held = chef.held
        return (
            held is not None
            and held.is_clean_plate
            and bool(held.contents)
            and rnd.orders.match(held.plate_components()) is not None
            and _here(rnd, tile) is not None
        )

    return Step(tile, INTERACT, "serve", valid)


def scrape(tile: Tile) -> Step:
    """Scrape burnt food out of the pot at ``tile`` (empty-handed)."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return chef.held is None and isinstance(st, Stove) and st.state == "burnt"

    return Step(tile, INTERACT, "scrape", valid)


def throw_away(tile: Tile) -> Step:
    """Bin what the chef holds (a plate keeps the plate and loses its food)."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        held = chef.held
        st = _here(rnd, tile)
        return (
            held is not None
            and st is not None
            and st.kind == "bin"
            and not (held.kind == PLATE and not held.contents)
        )

    return Step(tile, INTERACT, "bin", valid)


def to_sink(tile: Tile) -> Step:
    """Put the held dirty plate in the sink at ``tile``."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        held = chef.held
        return (
            held is not None
            and held.kind == PLATE
            and held.dirty
            and isinstance(_here(rnd, tile), Sink)
        )

    return Step(tile, INTERACT, "sink", valid)


def wash(tile: Tile) -> Step:
    """Hold use on the sink at ``tile`` until no dirty plate is left in it."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        return isinstance(_here(rnd, tile), Sink)

    def done(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return not isinstance(st, Sink) or not st.dirty

    return Step(tile, USE, "wash", valid, done)


def take_dirty(tile: Tile) -> Step:
    """Take a dirty plate from the return hatch at ``tile`` (empty-handed)."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return chef.held is None and isinstance(st, DirtyReturn) and bool(st.plates)

    return Step(tile, INTERACT, "dirty plate", valid)


def repair(tile: Tile) -> Step:
    """Hold use on the broken station at ``tile`` until it works again."""

    def valid(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        return _here(rnd, tile) is not None

    def done(rnd: Round, chef: Chef, memo: dict[str, Any]) -> bool:
        st = _here(rnd, tile)
        return st is None or st.broken is None

    return Step(tile, USE, "repair", valid, done)
