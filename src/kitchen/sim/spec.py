"""The simulation's own description of a kitchen, in ticks and map cells.

:mod:`kitchen.content` turns a validated level file into a :class:`KitchenSpec`; the
simulation never reads files itself. Times here are already in ticks and speeds in
sub-tile units per tick, so the simulation does integer arithmetic only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

TICKS_PER_SECOND: Final = 60
"""The fixed simulation rate. Every level runs at this rate."""

UNIT = 1000
"""Sub-tile units per map cell: positions are integers in these units."""

Tile = tuple[int, int]

STATION_KINDS = (
    "counter",
    "crate",
    "stove",
    "board",
    "plates",
    "serve",
    "bin",
    "sink",
    "dirty_return",
)
"""Every kind of interactive cell. Walls are solid but not stations; floor is walkable."""


def seconds_to_ticks(seconds: float) -> int:
    """Convert seconds to whole ticks (rounded), never below zero."""
    return max(0, round(seconds * TICKS_PER_SECOND))


@dataclass(frozen=True, slots=True)
class IngredientSpec:
    """An ingredient: its name, display title, and whether it can be chopped."""

    name: str
    title: str
    choppable: bool = True


@dataclass(frozen=True, slots=True)
class RecipeSpec:
    """A dish. ``cook`` is what goes into a pot (empty if not a soup); ``plate`` is what else
    goes on the plate. Entries are component keys: ``onion`` (raw) or ``onion:chopped``."""

    name: str
    title: str
    value: int
    cook: tuple[str, ...] = ()
    cook_ticks: int = 0
    plate: tuple[str, ...] = ()

    @property
    def soup_key(self) -> str | None:
        """The component key of this recipe's soup, or ``None`` if nothing is cooked."""
        return soup_key(self.cook) if self.cook else None

    @property
    def components(self) -> tuple[str, ...]:
        """What the finished plate holds, sorted: the soup (if any) plus the plate items."""
        keys = list(self.plate)
        if self.cook:
            keys.append(soup_key(self.cook))
        return tuple(sorted(keys))

    def ingredients_needed(self) -> Counter[str]:
        """Raw ingredient names and counts needed for one dish."""
        return Counter(key.split(":")[0] for key in (*self.cook, *self.plate))


def soup_key(cook: tuple[str, ...] | list[str]) -> str:
    """The component key of a soup cooked from ``cook`` (order does not matter)."""
    return "soup:" + "+".join(sorted(cook))


@dataclass(frozen=True, slots=True)
class StationSpec:
    """One interactive cell: its kind and, for a crate, the ingredient it hands out."""

    kind: str
    ingredient: str | None = None


@dataclass(frozen=True, slots=True)
class ScheduledOrder:
    """An order that arrives at a fixed tick."""

    tick: int
    recipe: str
    patience_ticks: int


@dataclass(frozen=True, slots=True)
class OrderGenerator:
    """Seeded random orders: one every ``min_gap``..``max_gap`` ticks while fewer than
    ``max_active`` are open, recipes drawn by ``weights``."""

    start_tick: int
    min_gap: int
    max_gap: int
    max_active: int
    patience_ticks: int
    weights: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Scoring:
    """Points rules. ``stars`` are the scores needed for 1, 2 and 3 stars."""

    tip_max: int = 8
    expired_penalty: int = 10
    wrong_dish_penalty: int = 5
    stars: tuple[int, int, int] = (20, 60, 100)
    safety_penalty: int = 40


@dataclass(frozen=True, slots=True)
class DisruptionSpec:
    """Something that goes wrong during a round, in ticks and cells.

    ``at`` schedules it; ``chance`` (per minute) fires it at random; with neither it is only
    there for the facilitator to trigger. Fields a kind does not use are left at defaults.

    Attributes:
        kind: one of :data:`kitchen.sim.disruption_kinds.DISRUPTION_KINDS`.
        label: how the facilitator's menu and the banner name it.
        at: tick to start at, if scheduled.
        duration: ticks it lasts; ``None`` means until repaired (breakdown) or for good.
        chance: chance per minute of firing at random.
        stations: breakdown: the cells that break.
        repair_ticks: breakdown: how long a chef must hold use to repair.
        ingredient: shortage: the ingredient that runs out; special_order: the one excluded.
        recipe: special_order: the dish; shortage: a substitute recipe put on the menu.
        count: surge: how many tickets arrive at once.
        recipes: surge: the recipes to draw from; menu_change: recipes added.
        remove: menu_change: recipes withdrawn.
        players: redeployment: who is called away (empty: one chef at random);
            blackout: who can still see the tickets.
        mode: redeployment: ``frozen``, ``away`` or ``move``.
        zone: redeployment with ``move``: where to.
        cells: layout_change: the cells that change.
        to: layout_change: what they become (``floor``, ``counter`` or ``wall``).
        light: power_cut: ``chefs`` or ``stoves`` stay lit.
        patience: special_order: ticks the ticket waits.
    """

    kind: str
    label: str
    at: int | None = None
    duration: int | None = None
    chance: float | None = None
    stations: tuple[Tile, ...] = ()
    repair_ticks: int = 3 * TICKS_PER_SECOND
    ingredient: str | None = None
    recipe: str | None = None
    count: int = 3
    recipes: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    players: tuple[int, ...] = ()
    mode: str = "frozen"
    zone: str | None = None
    cells: tuple[Tile, ...] = ()
    to: str = "counter"
    light: str = "chefs"
    patience: int | None = None


@dataclass(frozen=True, slots=True)
class RoleSpec:
    """What chefs in a role may do. ``zones`` empty means anywhere."""

    name: str
    players: tuple[int, ...]
    zones: tuple[str, ...] = ()
    sees_tickets: bool = True
    may_serve: bool = True


@dataclass(frozen=True, slots=True)
class KitchenSpec:
    """Everything the simulation needs to run a level, in ticks and cells."""

    name: str
    width: int
    height: int
    solid: frozenset[Tile]
    stations: dict[Tile, StationSpec]
    starts: dict[int, Tile]
    ingredients: dict[str, IngredientSpec]
    recipes: dict[str, RecipeSpec]
    round_ticks: int
    schedule: tuple[ScheduledOrder, ...] = ()
    generator: OrderGenerator | None = None
    scoring: Scoring = field(default_factory=Scoring)
    chop_ticks: int = 2 * TICKS_PER_SECOND
    wash_ticks: int = 2 * TICKS_PER_SECOND
    burn_ticks: int | None = 10 * TICKS_PER_SECOND
    burn_warning_ticks: int = 4 * TICKS_PER_SECOND
    chef_speed: int = 4 * UNIT // TICKS_PER_SECOND
    dishwashing: bool = False
    plates: int = 4
    dirty_plate_ticks: int = 8 * TICKS_PER_SECOND
    zones: dict[Tile, str] = field(default_factory=dict)
    """Map cell -> zone name, for cells inside a named zone."""
    roles: tuple[RoleSpec, ...] = ()
    disruptions: tuple[DisruptionSpec, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)
    """Level data the simulation does not use."""
