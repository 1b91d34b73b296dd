"""Habits: ways of playing that differ from the computer cooks' own, through commands only.

The computer cooks (:class:`~kitchen.bots.team.BotTeam`) play a level as well as they can.
To check that the debrief notices a team that plays differently (wastes food, leaves
hand-overs on counters, stays in its own area, freezes after a disruption...), the lesson
bench needs chefs with such habits. This module holds the reusable pieces; the profiles
themselves are in ``bench/cooking_profiles.py``:

- :class:`Hands`: drives one chef through an errand of its own (fetch, bin, chop, put
  down) or parks it on a cell for a while, through ordinary commands;
- :class:`RoundView`: the round as a team of cooks with a habit sees it: its own zone
  rules (:class:`ZoneRules`: "this is my department") or tickets read without their
  special requirement (:class:`IgnoredRequirements`), everything else the live round;
- :func:`chokepoints`: floor cells whose loss splits the kitchen in two (a narrow passage).

Nothing here changes the round: a view only changes what the cooks *believe*; the round
still enforces its own rules on every command.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kitchen.bots.errands import Errand, Step
from kitchen.bots.navigation import NEIGHBOURS, LiveMap, covered_cells
from kitchen.bots.pilot import Pilot
from kitchen.sim.commands import Command
from kitchen.sim.spec import Tile

if TYPE_CHECKING:
    from kitchen.sim.orders import Order, OrderBook
    from kitchen.sim.round import Round
    from kitchen.sim.zones import Silos


class Hands:
    """One chef's own errands and pauses, carried out by a :class:`Pilot`.

    Args:
        rnd: the live round.
        player: the chef.
        live: a live map to share (one is made if not given).
    """

    def __init__(self, rnd: Round, player: int, live: LiveMap | None = None) -> None:
        self.rnd = rnd
        self.player = player
        self.live = live or LiveMap(rnd)
        self.pilot = Pilot(player)

    @property
    def busy(self) -> bool:
        """True while an errand or a pause is under way."""
        return self.pilot.errand is not None or self.pilot.aside is not None

    def run(self, kind: str, steps: list[Step]) -> None:
        """Start an errand made of ``steps`` (dropping any errand under way)."""
        self.pilot.aside = None
        self.pilot.start(Errand(kind, steps, 0.0), self.rnd.tick)

    def park(self, cell: Tile, ticks: int) -> None:
        """Walk to ``cell`` and stand there for ``ticks`` ticks from now."""
        self.pilot.drop()
        self.pilot.move_aside(cell, self.rnd.tick + ticks)

    def stop(self) -> None:
        """Give up whatever is under way."""
        self.pilot.drop()
        self.pilot.aside = None

    def command(self) -> Command | None:
        """This tick's command, or ``None`` once nothing is under way (the chef is free)."""
        if not self.busy:
            return None
        rnd = self.rnd
        chef = rnd.chefs[self.player]
        if chef.status != "active":
            return None
        self.live.refresh()
        occupied = {
            cell
            for other in rnd.chefs.values()
            if other.player != self.player and other.status != "away"
            for cell in covered_cells(other)
        }
        outcome = self.pilot.drive(rnd, self.live, occupied)
        if outcome.finished and not self.busy:
            return None
        return outcome.command


class ZoneRules:
    """Zone rules a team sets itself: the cells each chef will not enter.

    Only the cooks' planning reads these (through a :class:`RoundView`); the round keeps
    its own rules.

    Args:
        silos: the round's own zones and roles (everything else is read from them).
        forbidden: the cells a chef will not enter now, or ``None`` for none.
    """

    def __init__(self, silos: Silos, forbidden: Callable[[int], frozenset[Tile] | None]) -> None:
        self._silos = silos
        self._forbidden = forbidden

    def forbidden(self, player: int) -> frozenset[Tile] | None:
        """Cells this chef will not enter now."""
        own = self._forbidden(player)
        level = self._silos.forbidden(player)
        if own is None or level is None:
            return own or level
        return own | level

    def __getattr__(self, name: str) -> Any:
        return getattr(self._silos, name)


class IgnoredRequirements:
    """The open tickets read without their special requirement ("no tomato" unseen): each
    ticket wants its recipe's full dish. Only the cooks' planning reads this view."""

    def __init__(self, rnd: Round) -> None:
        self._rnd = rnd
        self._book: OrderBook = rnd.orders

    @property
    def open(self) -> list[Order]:
        """The open tickets, each as its plain recipe."""
        recipes = self._rnd.spec.recipes
        return [
            dataclasses.replace(o, components=recipes[o.recipe].components, exclude=None)
            if o.exclude is not None
            else o
            for o in self._book.open
        ]

    def match(self, components: tuple[str, ...]) -> Order | None:
        """The most urgent ticket (as read) that wants exactly ``components``."""
        wanted = [o for o in self.open if o.components == components]
        return min(wanted, key=lambda o: o.expires) if wanted else None

    def endangered(self, components: tuple[str, ...]) -> Order | None:
        """Nothing looks dangerous to a team that did not read the requirement."""
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._book, name)


class RoundView:
    """A live round as a team with a habit sees it.

    Args:
        rnd: the live round.
        silos: zone rules to plan with instead of the round's.
        orders: tickets to plan with instead of the round's.
    """

    def __init__(self, rnd: Round, silos: Any = None, orders: Any = None) -> None:
        self._rnd = rnd
        self.silos = silos if silos is not None else rnd.silos
        self.orders = orders if orders is not None else rnd.orders

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rnd, name)


def chokepoints(live: LiveMap, least: int = 4) -> list[Tile]:
    """Floor cells whose loss splits the kitchen into two parts of at least ``least``
    cells each (the middle of a narrow passage), sorted by how evenly they split it."""
    cells = [(x, y) for y in range(live.height) for x in range(live.width) if live.walkable((x, y))]
    found: list[tuple[int, Tile]] = []
    for cell in cells:
        rest = [c for c in cells if c != cell]
        if not rest:
            continue
        seen = {rest[0]}
        queue = deque([rest[0]])
        while queue:
            cx, cy = queue.popleft()
            for dx, dy in NEIGHBOURS:
                nxt = (cx + dx, cy + dy)
                if nxt != cell and nxt not in seen and live.walkable(nxt):
                    seen.add(nxt)
                    queue.append(nxt)
        small = min(len(seen), len(rest) - len(seen))
        if small >= least:
            found.append((-small, cell))
    return [cell for _, cell in sorted(found)]
