"""Disruptions: the kitchen going wrong the way a health system does.

Each disruption in a level is scheduled (``at``), random (``chance`` per minute) or left
for the facilitator to trigger. Random start times are drawn up front from a generator
seeded from the round's seed but separate from the orders' one, so adding a disruption to
a level does not change which orders arrive. Every start and end is an event.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kitchen.events import DisruptionEnded, DisruptionStarted, Event, ItemLost
from kitchen.sim.movement import Chef
from kitchen.sim.spec import TICKS_PER_SECOND, UNIT, DisruptionSpec, Tile
from kitchen.sim.stations import Counter, Crate, Station

if TYPE_CHECKING:
    from kitchen.sim.round import Round

MAX_RANDOM_FIRINGS = 12
"""At most this many random firings of one disruption in a round."""


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


class Disruptions:
    """Starts, runs and ends a round's disruptions."""

    def __init__(self, rnd: Round, seed: int) -> None:
        self.rnd = rnd
        self.specs = rnd.spec.disruptions
        self._rng = random.Random(f"disruptions:{seed}")
        self.active: list[ActiveDisruption] = []
        self._next_id = 1
        self._timeline: list[tuple[int, int, str]] = []
        for index, spec in enumerate(self.specs):
            if spec.at is not None:
                self._timeline.append((spec.at, index, "scheduled"))
            if spec.chance:
                rate = spec.chance / (60 * TICKS_PER_SECOND)
                t = 0.0
                for _ in range(MAX_RANDOM_FIRINGS):
                    t += self._rng.expovariate(rate)
                    if t >= rnd.spec.round_ticks:
                        break
                    self._timeline.append((int(t), index, "random"))
        self._timeline.sort()
        self._cursor = 0
        self._restoring: list[ActiveDisruption] = []

    # --- the clock ---------------------------------------------------------------------

    def update(self, tick: int, events: list[Event]) -> None:
        """Start what is due, end what has run its time, finish pending layout changes."""
        while self._cursor < len(self._timeline) and self._timeline[self._cursor][0] <= tick:
            _, index, source = self._timeline[self._cursor]
            self._cursor += 1
            self.start(index, source, events)
        for active in list(self.active):
            if active.ends is not None and tick >= active.ends:
                self.end(active, "time", events)
            elif active.pending:
                self._apply_layout(active, events)
        for active in list(self._restoring):
            self._apply_layout(active, events)
            if not active.pending:
                self._restoring.remove(active)

    def start(self, index: int, source: str, events: list[Event]) -> ActiveDisruption | None:
        """Start the level's disruption ``index``; ``None`` if it has nothing to act on."""
        spec = self.specs[index]
        rnd = self.rnd
        active = ActiveDisruption(
            id=self._next_id,
            index=index,
            spec=spec,
            source=source,
            started=rnd.tick,
            ends=rnd.tick + spec.duration if spec.duration is not None else None,
        )
        effects: list[Event] = []  # what the disruption causes, reported after it starts
        self.active.append(active)  # before it acts, so recomputed views include it
        detail = getattr(self, f"_start_{spec.kind}")(active, effects)
        if detail is None:
            self.active.remove(active)
            return None
        self._next_id += 1
        events.append(
            DisruptionStarted(
                rnd.tick,
                active.id,
                spec.kind,
                spec.label,
                source,
                spec.duration,
                active.tiles,
                active.players,
                detail,
            )
        )
        events.extend(effects)
        if spec.kind in ("surge", "special_order"):
            self.end(active, "instant", events)
        return active

    def end(
        self, active: ActiveDisruption, reason: str, events: list[Event], player: int | None = None
    ) -> None:
        """End a running disruption and undo its effect."""
        if active not in self.active:
            return
        self.active.remove(active)
        getattr(self, f"_end_{active.kind}")(active, events)
        events.append(DisruptionEnded(self.rnd.tick, active.id, active.kind, reason, player))

    def end_by_id(self, disruption_id: int, reason: str, events: list[Event]) -> None:
        """End the running disruption with this id, if there is one."""
        for active in self.active:
            if active.id == disruption_id:
                self.end(active, reason, events)
                return

    def end_all(self, events: list[Event]) -> None:
        """The round is over: close every running disruption."""
        for active in list(self.active):
            self.end(active, "round_over", events)

    def repaired(self, station: Station, player: int, events: list[Event]) -> None:
        """A chef finished repairing a broken station."""
        for active in self.active:
            if active.id == station.broken:
                self.end(active, "repaired", events, player)
                return

    def by_id(self, disruption_id: int | None) -> ActiveDisruption | None:
        """The running disruption with this id."""
        return next((a for a in self.active if a.id == disruption_id), None)

    # --- breakdown ---------------------------------------------------------------------

    def _start_breakdown(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        stations = self.rnd.stations
        candidates = [t for t in active.spec.stations if t in stations and stations[t].broken is None]
        if not candidates:
            return None
        tile = candidates[0] if len(candidates) == 1 else self._rng.choice(candidates)
        station = stations[tile]
        station.broken, station.repair = active.id, 0
        active.tiles = (tile,)
        return f"{station.kind} broken"

    def _end_breakdown(self, active: ActiveDisruption, events: list[Event]) -> None:
        for tile in active.tiles:
            station = self.rnd.stations.get(tile)
            if station is not None and station.broken == active.id:
                station.broken, station.repair = None, 0

    # --- shortage ----------------------------------------------------------------------

    def _start_shortage(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        spec = active.spec
        crates = [
            s for s in self.rnd.stations.values()
            if s.kind == "crate" and getattr(s, "ingredient", None) == spec.ingredient
        ]
        if not crates:
            return None
        for crate in crates:
            crate.empty += 1  # type: ignore[attr-defined]
        active.tiles = tuple(c.tile for c in crates)
        detail = f"no {self._ingredient(spec.ingredient)}"
        if spec.recipe and spec.recipe not in self.rnd.orders.menu:
            self.rnd.orders.menu.add(spec.recipe)
            active.undo["added"] = [spec.recipe]
            detail += f"; {self._title(spec.recipe)} on the menu instead"
        return detail

    def _end_shortage(self, active: ActiveDisruption, events: list[Event]) -> None:
        for tile in active.tiles:
            crate = self.rnd.stations.get(tile)
            if isinstance(crate, Crate) and crate.empty:
                crate.empty -= 1
        for name in active.undo.get("added", ()):
            self.rnd.orders.menu.discard(name)

    # --- orders: surge, menu change, special-requirement order --------------------------

    def _start_surge(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        spec, rnd = active.spec, self.rnd
        names = list(spec.recipes) or sorted(rnd.orders.menu)
        if not names:
            return None
        patience = spec.patience or _default_patience(rnd)
        for _ in range(spec.count):
            rnd.orders.arrive(rnd.tick, self._rng.choice(names), patience, events, "surge")
        return f"{spec.count} orders at once"

    def _end_surge(self, active: ActiveDisruption, events: list[Event]) -> None:
        pass

    def _start_menu_change(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        menu = self.rnd.orders.menu
        added = [r for r in active.spec.recipes if r not in menu]
        removed = [r for r in active.spec.remove if r in menu]
        menu.update(added)
        menu.difference_update(removed)
        active.undo.update(added=added, removed=removed)
        parts = [f"{self._title(r)} added" for r in added] + [f"{self._title(r)} withdrawn" for r in removed]
        return ", ".join(parts) if parts else "the menu is unchanged"

    def _end_menu_change(self, active: ActiveDisruption, events: list[Event]) -> None:
        menu = self.rnd.orders.menu
        menu.difference_update(active.undo.get("added", ()))
        menu.update(active.undo.get("removed", ()))

    def _start_special_order(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        spec, rnd = active.spec, self.rnd
        assert spec.recipe is not None and spec.ingredient is not None
        rnd.orders.arrive(
            rnd.tick, spec.recipe, spec.patience or _default_patience(rnd), events, "special", spec.ingredient
        )
        return f"{self._title(spec.recipe)} with no {self._ingredient(spec.ingredient)}"

    def _end_special_order(self, active: ActiveDisruption, events: list[Event]) -> None:
        pass

    # --- people: redeployment, blackout ------------------------------------------------

    def _start_redeployment(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        spec, rnd = active.spec, self.rnd
        busy = {p for a in self.active if a.kind == "redeployment" and a is not active for p in a.players}
        free = [p for p in sorted(rnd.chefs) if p not in busy]
        if spec.players:
            players = [p for p in spec.players if p in free]
        else:
            players = [self._rng.choice(free)] if free else []
        if not players:
            return None
        for player in players:
            chef = rnd.chefs[player]
            if spec.mode == "move" and spec.zone:
                rnd.silos.confine(player, spec.zone)
                spot = self._free_cell(rnd.silos.cells_of(spec.zone), chef)
                if spot is not None:
                    _place(chef, spot)
            else:
                rnd.track_block(chef, None, events)  # a called-away chef is blocked by nobody
                chef.status = "away" if spec.mode == "away" else "frozen"
        active.players = tuple(players)
        where = f" to {spec.zone}" if spec.mode == "move" else ""
        return f"chef {', '.join(map(str, players))} {spec.mode}{where}"

    def _end_redeployment(self, active: ActiveDisruption, events: list[Event]) -> None:
        rnd = self.rnd
        for player in active.players:
            chef = rnd.chefs[player]
            if active.spec.mode == "move":
                rnd.silos.confine(player, None)
                forbidden = rnd.silos.forbidden(player) or frozenset()
                if chef.cell in forbidden:
                    start = rnd.spec.starts[player]
                    spot = self._free_cell({start}, chef, spread=True)
                    if spot is not None:
                        _place(chef, spot)
            else:
                if chef.status == "away":
                    spot = self._free_cell({chef.cell}, chef, spread=True)
                    if spot is not None:
                        _place(chef, spot)
                chef.status = "active"

    def _start_blackout(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        viewers = tuple(p for p in active.spec.players if p in self.rnd.chefs)
        active.players = viewers
        self._recompute_views()
        who = ", ".join(f"chef {p}" for p in viewers) or "nobody"
        return f"only {who} can read the tickets"

    def _end_blackout(self, active: ActiveDisruption, events: list[Event]) -> None:
        self._recompute_views()

    def _recompute_views(self) -> None:
        viewers: set[int] | None = None
        for a in self.active:
            if a.kind == "blackout":
                viewers = set(a.players) if viewers is None else viewers & set(a.players)
        self.rnd.ticket_viewers = None if viewers is None else frozenset(viewers)

    # --- the room: layout change, power cut -------------------------------------------

    def _start_layout_change(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        rnd = self.rnd
        active.tiles = active.spec.cells
        active.undo["original"] = {
            cell: (rnd.stations.get(cell), not self._walkable(cell))
            for cell in active.spec.cells
        }
        active.undo["target"] = active.spec.to
        active.pending = list(active.spec.cells)
        self._apply_layout(active, events)
        return f"{len(active.spec.cells)} cell(s) become {active.spec.to}"

    def _end_layout_change(self, active: ActiveDisruption, events: list[Event]) -> None:
        active.undo["target"] = None  # restore the originals
        active.pending = list(active.tiles)
        self._apply_layout(active, events)
        if active.pending:
            # A chef stands where a wall must come back: finish when they step away.
            self._restoring.append(active)

    def _walkable(self, cell: Tile) -> bool:
        return not self.rnd.mover.is_solid(*cell)

    def _apply_layout(self, active: ActiveDisruption, events: list[Event]) -> None:
        """Turn each pending cell into the target kind (``None``: back to the original).
        A cell that must become solid waits while a chef stands on it; whatever a removed
        station held is lost."""
        rnd = self.rnd
        target = active.undo["target"]
        still: list[Tile] = []
        for cell in active.pending:
            original, was_solid = active.undo["original"][cell]
            becomes_solid = target in ("counter", "wall") if target else was_solid
            if becomes_solid and any(
                c.status != "away" and rnd.mover.overlaps(c, cell) for c in rnd.chefs.values()
            ):
                still.append(cell)
                continue
            new: Station | None = Counter(cell) if target == "counter" else None
            if target is None:
                new = original
            current = rnd.stations.pop(cell, None)
            if current is not None:
                for item in current.clear():
                    events.append(ItemLost(rnd.tick, item.id, item.describe(), cell, "layout_change"))
            if new is not None:
                rnd.stations[cell] = new
            rnd.mover.set_solid(cell, becomes_solid)
        active.pending = still
        rnd.refresh_stations()

    def _start_power_cut(self, active: ActiveDisruption, events: list[Event]) -> str | None:
        self.rnd.darkness = active.spec.light
        return f"lights out; only the {active.spec.light} give light"

    def _end_power_cut(self, active: ActiveDisruption, events: list[Event]) -> None:
        lit = [a for a in self.active if a.kind == "power_cut"]
        self.rnd.darkness = lit[-1].spec.light if lit else None

    # --- helpers -----------------------------------------------------------------------

    def _title(self, recipe: str) -> str:
        found = self.rnd.spec.recipes.get(recipe)
        return found.title if found else recipe

    def _ingredient(self, name: str | None) -> str:
        found = self.rnd.spec.ingredients.get(name or "")
        return found.title.lower() if found else str(name)

    def _free_cell(self, cells: set[Tile], chef: Chef, spread: bool = False) -> Tile | None:
        """A walkable cell in ``cells`` (or, with ``spread``, the nearest to them) that no
        other chef covers."""
        rnd = self.rnd
        others = [c for c in rnd.chefs.values() if c is not chef and c.status != "away"]
        queue = deque(sorted(cells, key=lambda c: (c[1], c[0])))
        seen = set(queue)
        while queue:
            cell = queue.popleft()
            if self._walkable(cell) and not any(rnd.mover.overlaps(o, cell) for o in others):
                return cell
            if spread:
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    nxt = (cell[0] + dx, cell[1] + dy)
                    if nxt not in seen and 0 <= nxt[0] < rnd.spec.width and 0 <= nxt[1] < rnd.spec.height:
                        seen.add(nxt)
                        queue.append(nxt)
        return None


def _place(chef: Chef, cell: Tile) -> None:
    chef.x, chef.y = cell[0] * UNIT + UNIT // 2, cell[1] * UNIT + UNIT // 2


def _default_patience(rnd: Round) -> int:
    gen = rnd.spec.generator
    if gen is not None:
        return gen.patience_ticks
    return 60 * TICKS_PER_SECOND
