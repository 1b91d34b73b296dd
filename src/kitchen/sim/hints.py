"""What a chef's ``interact`` (pick up) and ``use`` would do right now: a pure query for the
screen's hints, answered by the very rules :meth:`~kitchen.sim.round.Round.step` applies.

The chef's target is :meth:`Round.facing_station`, the same cell the step acts on; a broken
station and a role that may not serve are checked with the step's own predicates; anything
else is answered by running the station's own ``interact`` or ``use`` on a private copy of
the station and the chef, against a stand-in kitchen that hands out throw-away item ids and
judges a served plate with :meth:`~kitchen.sim.orders.OrderBook.judge` without taking the
order. The round itself is never changed, so asking is safe at any frame rate.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from typing import Any, TypeVar

from kitchen.events import Event
from kitchen.sim.cookbook import Cookbook
from kitchen.sim.items import Item
from kitchen.sim.movement import Chef
from kitchen.sim.orders import Verdict
from kitchen.sim.round import Round
from kitchen.sim.spec import KitchenSpec, Tile
from kitchen.sim.stations import Station

_T = TypeVar("_T")
_ATOMS = (int, float, str, bool, type(None))


@dataclass(frozen=True, slots=True)
class Hint:
    """What pressing a button would do.

    Attributes:
        action: ``take``, ``pick_up``, ``put_down``, ``add``, ``cook``, ``plate``,
            ``scrape``, ``bin``, ``serve``, ``wrong_dish``, ``safety_incident``,
            ``refused``, ``repair``, ``chop``, ``wash`` or ``use``.
        label: a few words for the screen (``Take onion``, ``Serve +25``).
        item: the icon key of the item concerned (:meth:`Item.describe`), if any.
        points: the change to the score for a serve, else 0.
        good: false for a refusal or a serve that costs points.
    """

    action: str
    label: str
    item: str | None = None
    points: int = 0
    good: bool = True


def target_tile(state: Round, player: int) -> Tile | None:
    """The cell chef ``player`` would act on now: the station they face, if they are
    active and face one (else ``None``)."""
    chef = state.chefs.get(player)
    if chef is None or state.facing_station(chef) is None:
        return None
    return chef.target


def what_interact_does(state: Round, player: int) -> Hint | None:
    """What pressing ``interact`` (pick up) would do for chef ``player`` now, or ``None``
    when it would do nothing."""
    chef = state.chefs.get(player)
    station = None if chef is None else state.facing_station(chef)
    if chef is None or station is None:
        return None
    if station.broken is not None:
        return Hint("refused", "Broken: hold use to fix", good=False)
    if state.refuses_serving(chef, station):
        return Hint("refused", "Not your role: hand it over", good=False)
    dry = _DryKitchen(state)
    chef, station = private_copy((chef, station))
    events: list[Event] = []
    station.interact(dry, chef, events)
    if dry.verdict is not None:
        return _serve_hint(dry.verdict)
    return _describe(events)


def what_use_does(state: Round, player: int) -> Hint | None:
    """What holding ``use`` would do for chef ``player`` now (chop, wash, repair), or
    ``None`` when it would do nothing."""
    chef = state.chefs.get(player)
    station = None if chef is None else state.facing_station(chef)
    if chef is None or station is None:
        return None
    if station.broken is not None:
        return Hint("repair", "Hold use: repair")
    before = getattr(station, "progress", None)
    chef, station = private_copy((chef, station))
    events: list[Event] = []
    station.use(_DryKitchen(state), chef, events)
    if not events and getattr(station, "progress", None) == before:
        return None
    verb = {"board": "chop", "sink": "wash"}.get(station.kind, "use")
    return Hint(verb, f"Hold use: {verb}")


def item_words(key: str) -> str:
    """An item key in plain words: ``onion:chopped`` is ``chopped onion``."""
    if key.startswith("plate["):
        return "plate"
    if key.startswith("soup:"):
        return "soup"
    if key == "dirty_plate":
        return "dirty plate"
    name, _, state = key.partition(":")
    return f"{state} {name}" if state else name


def private_copy(value: _T) -> _T:
    """A copy of ``value`` sharing nothing mutable with it, as :func:`copy.deepcopy` makes,
    several times as fast for what hints copy: chefs, stations and items (their fields
    copied one by one), lists, dicts and tuples; anything else goes to ``deepcopy``."""
    return _copy(value, {})  # type: ignore[no-any-return]


def _copy(value: Any, memo: dict[int, Any]) -> Any:
    if isinstance(value, _ATOMS):
        return value
    done = memo.get(id(value))
    if done is not None:
        return done
    kind = type(value)
    if kind is tuple:
        new: Any = tuple(_copy(v, memo) for v in value)
    elif kind is list:
        new = memo[id(value)] = []
        new.extend(_copy(v, memo) for v in value)
    elif kind is dict:
        new = memo[id(value)] = {}
        new.update((_copy(k, memo), _copy(v, memo)) for k, v in value.items())
    elif kind is Chef or kind is Item:
        new = memo[id(value)] = object.__new__(kind)
        for name in kind.__slots__:
            setattr(new, name, _copy(getattr(value, name), memo))
    elif isinstance(value, Station) and kind.__dict__.get("__deepcopy__") is None:
        new = memo[id(value)] = object.__new__(kind)
        new.__dict__.update((k, _copy(v, memo)) for k, v in value.__dict__.items())
    else:
        new = copy.deepcopy(value, memo)
    memo[id(value)] = new
    return new


class _DryKitchen:
    """A stand-in for the round that stations can act against without changing it."""

    def __init__(self, state: Round) -> None:
        self._state = state
        self._ids = itertools.count(-1, -1)
        self.verdict: Verdict | None = None

    @property
    def tick(self) -> int:
        return self._state.tick

    @property
    def spec(self) -> KitchenSpec:
        return self._state.spec

    @property
    def cookbook(self) -> Cookbook:
        return self._state.cookbook

    def new_id(self) -> int:
        return next(self._ids)

    def serve(self, chef: Chef, plate: Item, tile: Tile, events: list[Event]) -> None:
        self.verdict = self._state.orders.judge(plate.plate_components(), self._state.tick)


def _serve_hint(verdict: Verdict) -> Hint:
    if verdict.outcome == "served":
        return Hint("serve", f"Serve +{verdict.points}", points=verdict.points)
    if verdict.outcome == "safety_incident":
        return Hint(
            "safety_incident", f"Allergy! {verdict.points}", points=verdict.points, good=False
        )
    return Hint("wrong_dish", f"No order! {verdict.points}", points=verdict.points, good=False)


def _describe(events: list[Event]) -> Hint | None:
    """Turn what a station did on the private copy into a hint."""
    by_type = {e.type: e for e in events}
    spawned = by_type.get("item_spawned")
    combined = by_type.get("item_combined")
    if spawned is not None:
        item = str(getattr(spawned, "item", ""))
        source = getattr(spawned, "source", "")
        if item == "burnt":
            return Hint("scrape", "Take out burnt food", item)
        if source == "pot":
            return Hint("plate", "Plate the soup", item)
        if combined is not None:
            return Hint("add", f"Add {item_words(item)} to plate", item)
        return Hint("take", f"Take {item_words(item)}", item)
    if "cook_started" in by_type and combined is not None:
        return Hint("cook", "Put in pot: cook!", str(getattr(combined, "item", "")))
    for kind, action, words in (
        ("item_picked", "pick_up", "Pick up {}"),
        ("item_put_down", "put_down", "Put down {}"),
        ("item_binned", "bin", "Throw away {}"),
    ):
        event = by_type.get(kind)
        if event is not None:
            item = str(getattr(event, "item", ""))
            return Hint(action, words.format(item_words(item)), item)
    if combined is not None:
        item = str(getattr(combined, "item", ""))
        into = "pot" if getattr(combined, "into_id", 0) is None else "plate"
        return Hint("add", f"Put {item_words(item)} {'in' if into == 'pot' else 'on'} {into}", item)
    return None
