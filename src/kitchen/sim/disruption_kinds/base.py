"""The interface every disruption kind implements, and what a kind may see and change.

A kind is a small stateless object (:class:`DisruptionKind`) with hooks the dispatcher
(:class:`~kitchen.sim.disruptions.Disruptions`) calls: ``start`` when a disruption of the
kind begins, ``tick`` on each later tick while it runs (and after it ended until it is
``settled``), and ``end`` when it stops. Whatever a running disruption must remember
lives on its :class:`ActiveDisruption`, not on the kind.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from kitchen.events import Event
from kitchen.sim.kitchen_ports import StationKitchen
from kitchen.sim.movement import Chef, Mover
from kitchen.sim.orders import OrderBook
from kitchen.sim.spec import TICKS_PER_SECOND, UNIT, DisruptionSpec, Tile
from kitchen.sim.stations import Station
from kitchen.sim.zones import Silos


class DisruptedKitchen(StationKitchen, Protocol):
    """What a disruption sees of the kitchen (the round satisfies it): a station's view
    plus the stations, orders, chefs, zones and floor it may change, and the two things
    the front end shows differently during a disruption."""

    ticket_viewers: frozenset[int] | None
    """During an information blackout, the chefs who may still read the tickets."""
    darkness: str | None
    """During a power cut, what still gives light."""

    @property
    def stations(self) -> dict[Tile, Station]:
        """Every interactive cell; a layout change adds and removes entries."""
        ...

    @property
    def orders(self) -> OrderBook:
        """The menu and the open tickets."""
        ...

    @property
    def chefs(self) -> Mapping[int, Chef]:
        """The chefs by player number."""
        ...

    @property
    def silos(self) -> Silos:
        """Zones and roles."""
        ...

    @property
    def mover(self) -> Mover:
        """Which cells are solid, and who stands where."""
        ...

    def track_block(self, chef: Chef, blocker: int | None, events: list[Event]) -> None:
        """Record that ``chef`` is now blocked by ``blocker`` (or by nobody)."""
        ...

    def refresh_stations(self) -> None:
        """Re-read the stations after the layout changed."""
        ...


@dataclass(slots=True)
class ActiveDisruption:
    """A disruption that has started and not yet ended."""

    id: int
    index: int | None
    spec: DisruptionSpec
    source: str
    started: int
    ends: int | None
    tiles: tuple[Tile, ...] = ()
    players: tuple[int, ...] = ()
    undo: dict[str, Any] = field(default_factory=dict)
    pending: list[Tile] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """The disruption's kind."""
        return self.spec.kind


@dataclass(slots=True)
class DisruptionContext:
    """What the dispatcher hands every hook.

    Attributes:
        kitchen: the round, seen as a :class:`DisruptedKitchen`.
        rng: the disruptions' own random number generator (shared by every kind, so
            draws happen in the same order as the disruptions do).
        active: the running disruptions, oldest first (the dispatcher's own list).
    """

    kitchen: DisruptedKitchen
    rng: random.Random
    active: list[ActiveDisruption]


class DisruptionKind:
    """One kind of disruption. Subclasses set :attr:`kind` and override :meth:`start`;
    the other hooks do nothing unless overridden."""

    kind: ClassVar[str]
    """The ``kind`` a level file names."""
    instant: ClassVar[bool] = False
    """True for kinds that act once and end the moment they start."""

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Act on the kitchen as ``active`` starts (it is already in ``ctx.active``).

        Set ``active.tiles`` and ``active.players`` to what it affects, and append the
        events it causes (they are reported after its ``disruption_started``).

        Returns:
            The detail shown with the start, or ``None`` when there is nothing to act on
            (then the disruption does not start).
        """
        raise NotImplementedError

    def tick(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Called each tick while ``active`` runs, and after it ended until settled."""

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Undo the effect (``active`` is no longer in ``ctx.active``)."""

    def settled(self, active: ActiveDisruption) -> bool:
        """After :meth:`end`: whether the undoing is complete (if not, :meth:`tick` is
        called on later ticks until it is)."""
        return True


# --- helpers several kinds share -----------------------------------------------------


def recipe_title(kitchen: DisruptedKitchen, recipe: str) -> str:
    """A recipe's title as players see it (its name if the level does not know it)."""
    found = kitchen.spec.recipes.get(recipe)
    return found.title if found else recipe


def ingredient_title(kitchen: DisruptedKitchen, name: str | None) -> str:
    """An ingredient's title in lower case, as it reads in a sentence."""
    found = kitchen.spec.ingredients.get(name or "")
    return found.title.lower() if found else str(name)


def default_patience(kitchen: DisruptedKitchen) -> int:
    """How long an extra ticket waits when the disruption does not say."""
    gen = kitchen.spec.generator
    if gen is not None:
        return gen.patience_ticks
    return 60 * TICKS_PER_SECOND


def walkable(kitchen: DisruptedKitchen, cell: Tile) -> bool:
    """Whether chefs may stand on ``cell`` now."""
    return not kitchen.mover.is_solid(*cell)


def free_cell(
    kitchen: DisruptedKitchen, cells: set[Tile], chef: Chef, spread: bool = False
) -> Tile | None:
    """A walkable cell in ``cells`` (or, with ``spread``, the nearest to them) that no
    other chef covers."""
    others = [c for c in kitchen.chefs.values() if c is not chef and c.status != "away"]
    mover, spec = kitchen.mover, kitchen.spec
    queue = deque(sorted(cells, key=lambda c: (c[1], c[0])))
    seen = set(queue)
    while queue:
        cell = queue.popleft()
        if walkable(kitchen, cell) and not any(mover.overlaps(o, cell) for o in others):
            return cell
        if spread:
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                nxt = (cell[0] + dx, cell[1] + dy)
                if nxt not in seen and 0 <= nxt[0] < spec.width and 0 <= nxt[1] < spec.height:
                    seen.add(nxt)
                    queue.append(nxt)
    return None


def place(chef: Chef, cell: Tile) -> None:
    """Put ``chef`` in the middle of ``cell``."""
    chef.x, chef.y = cell[0] * UNIT + UNIT // 2, cell[1] * UNIT + UNIT // 2
