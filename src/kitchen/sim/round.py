"""A round of service: the deterministic heart of the game.

A :class:`Round` is built from a :class:`~kitchen.sim.spec.KitchenSpec`, a seed and the
players taking part. :meth:`Round.step` advances exactly one tick and returns that tick's
events. The round owns its only random number generator, reads no clock and does no I/O,
so the same level, seed and commands always give the same events.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Iterator, Mapping

from kitchen.events import (
    ActionRefused,
    ChefBlocked,
    ChefUnblocked,
    ConditionsSet,
    ControllerChanged,
    Event,
    FacilitatorTag,
    ItemSpawned,
    MicrophoneChanged,
    OrderServed,
    RoundEnded,
    RoundExtended,
    RoundStarted,
    SafetyIncident,
    ScoreChanged,
    TalkFrames,
    WrongDish,
    ZoneChanged,
)
from kitchen.sim.actions import (
    Action,
    EndDisruption,
    EndRound,
    ExtendRound,
    MicrophoneState,
    SetController,
    Tag,
    TalkHeard,
    TriggerDisruption,
)
from kitchen.sim.assists import Assists
from kitchen.sim.callouts import CallBoard
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.cookbook import Cookbook
from kitchen.sim.disruptions import Disruptions
from kitchen.sim.items import PLATE, Item
from kitchen.sim.movement import Chef, Mover, chef_at
from kitchen.sim.orders import OrderBook
from kitchen.sim.spec import TICKS_PER_SECOND, KitchenSpec, Tile
from kitchen.sim.stations import (
    Bin,
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
from kitchen.sim.zones import Silos


class Round:
    """One round of service in one kitchen.

    Stations see the round only as a :class:`~kitchen.sim.kitchen_ports.StationKitchen`
    and disruptions as a :class:`~kitchen.sim.disruption_kinds.base.DisruptedKitchen`;
    the round satisfies both (mypy checks it where the round hands itself over).

    Args:
        spec: the kitchen, as built by :func:`kitchen.content.load_level`.
        seed: seeds the round's own random number generators.
        players: chef numbers taking part (each needs a start cell); default all starts.
        silos: enforce the level's roles and zones (a workshop may lift them in a later
            round to compare); zone changes are recorded either way.
        people: the chefs a person plays at the start (the others are computer cooks);
            default every player. Recorded in ``round_started``; a
            :class:`~kitchen.sim.actions.SetController` action changes it mid-round.
        assists: the assists already applied to ``spec`` (see
            :func:`~kitchen.sim.assists.apply_assists`), recorded in ``conditions_set``.

    Attributes:
        tick: the next tick to be simulated (0 before the first :meth:`step`).
        score: the team's score so far.
        chefs: the chefs by player number.
        stations: every interactive cell by ``(x, y)``.
        orders: the open tickets (:class:`~kitchen.sim.orders.OrderBook`).
        finished: true once the round has ended; :meth:`step` then does nothing.
        round_ticks: the round's length (the facilitator can extend it).
        layout_version: goes up whenever a layout change alters cells or stations (for
            drawing code that caches the static kitchen).
        ticket_viewers: during an information blackout, the chefs who may still read the
            tickets; ``None`` when everyone can.
        darkness: during a power cut, what still gives light (``chefs`` or ``stoves``).
        calls: the call-outs made so far (:class:`~kitchen.sim.callouts.CallBoard`).
        disruptions: the running disruptions (:class:`~kitchen.sim.disruptions.Disruptions`).
        silos: zones and roles (:class:`~kitchen.sim.zones.Silos`).
        controllers: who plays each chef now, ``person`` or ``computer``.
    """

    def __init__(
        self,
        spec: KitchenSpec,
        seed: int = 0,
        players: Iterable[int] | None = None,
        silos: bool = True,
        people: Iterable[int] | None = None,
        assists: Assists | None = None,
    ) -> None:
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")
        chosen = sorted(spec.starts) if players is None else sorted(set(players))
        missing = [p for p in chosen if p not in spec.starts]
        if missing or not chosen:
            raise ValueError(
                f"level {spec.name!r} has starts for players {sorted(spec.starts)}; "
                f"cannot seat {missing or 'nobody'}"
            )
        humans = chosen if people is None else sorted(set(people))
        strangers = [p for p in humans if p not in chosen]
        if strangers:
            raise ValueError(f"people {strangers} are not among the chefs {chosen}")
        self.spec = spec
        self.seed = seed
        self.assists = assists or Assists()
        self.controllers: dict[int, str] = {
            p: "person" if p in humans else "computer" for p in chosen
        }
        self.rng = random.Random(seed)
        self.cookbook = Cookbook(spec.recipes)
        self.mover = Mover(spec.width, spec.height, spec.solid)
        self.chefs: dict[int, Chef] = {p: chef_at(spec.starts[p], p) for p in chosen}
        self._chef_list = list(self.chefs.values())
        self.stations: dict[Tile, Station] = {
            tile: _build_station(tile, s.kind, s.ingredient, spec.dishwashing)
            for tile, s in spec.stations.items()
        }
        self.refresh_stations()
        self.orders = OrderBook(spec, self.rng)
        self.silos = Silos(spec, enforced=silos)
        self.calls = CallBoard(chosen)
        self.ticket_viewers: frozenset[int] | None = None
        self.darkness: str | None = None
        self.round_ticks = spec.round_ticks
        for chef in self._chef_list:
            chef.zone = self.silos.zone_at(chef.cell)
        self.tick = 0
        self.score = 0
        self.served = 0
        self.expired = 0
        self.wrong = 0
        self.finished = False
        self._next_id = 1
        self.disruptions = Disruptions(self, seed)
        self.quiet_memo = (-1, 0)
        """``(tick, until)``: :func:`~kitchen.sim.fast_forward.world_quiet_until` as
        :func:`~kitchen.sim.fast_forward.advance` last left it at ``tick`` (only ticks
        change the world, so it still holds while the tick is the same)."""

    @property
    def chefs_in_order(self) -> list[Chef]:
        """The chefs in player order (the order they move in each tick)."""
        return self._chef_list

    @property
    def ticking_stations(self) -> list[Station]:
        """The stations that tick by themselves (stoves, dirty-plate returns)."""
        return self._ticking

    def refresh_stations(self) -> None:
        """Re-read which stations tick by themselves (after the layout changed)."""
        self.layout_version = getattr(self, "layout_version", -1) + 1
        self._ticking = [s for s in self.stations.values() if s.ticking]
        self._returns = [s for s in self.stations.values() if isinstance(s, DirtyReturn)]

    # --- services for stations ---------------------------------------------------------

    def new_id(self) -> int:
        """A fresh item id."""
        item_id = self._next_id
        self._next_id += 1
        return item_id

    def change_score(self, delta: int, reason: str, events: list[Event]) -> None:
        """Add ``delta`` to the score (which never goes below zero) and record it."""
        new = max(0, self.score + delta)
        if new != self.score:
            events.append(ScoreChanged(self.tick, new - self.score, new, reason))
            self.score = new

    def serve(self, chef: Chef, plate: Item, tile: Tile, events: list[Event]) -> None:
        """Send ``plate`` out: score it against the open orders."""
        verdict = self.orders.judge(plate.plate_components(), self.tick)
        order = verdict.order
        if verdict.outcome == "safety_incident":
            assert order is not None
            assert order.exclude is not None
            self.orders.take(order)
            self.wrong += 1
            events.append(
                SafetyIncident(
                    self.tick,
                    order.id,
                    order.recipe,
                    order.exclude,
                    chef.player,
                    plate.id,
                    tile,
                    -verdict.points,
                )
            )
            self.change_score(verdict.points, "safety_incident", events)
        elif order is None:
            self.wrong += 1
            events.append(
                WrongDish(self.tick, chef.player, plate.id, plate.describe(), tile, -verdict.points)
            )
            self.change_score(verdict.points, "wrong_dish", events)
        else:
            self.orders.take(order)
            recipe = self.spec.recipes[order.recipe]
            self.served += 1
            events.append(
                OrderServed(
                    self.tick,
                    order.id,
                    order.recipe,
                    chef.player,
                    plate.id,
                    tile,
                    recipe.value,
                    verdict.tip,
                    self.tick - order.arrived,
                )
            )
            self.change_score(verdict.points, "served", events)
        if self.spec.dishwashing and self._returns:
            self._returns[0].due.append(self.tick + self.spec.dirty_plate_ticks)

    # --- the step ----------------------------------------------------------------------

    def step(
        self, commands: Mapping[int, Command] | None = None, actions: Iterable[Action] = ()
    ) -> list[Event]:
        """Advance one tick with each player's command (missing players stand idle) and
        the facilitator's actions, if any.

        Returns:
            The events of this tick, in the order they happened.
        """
        if self.finished:
            return []
        events: list[Event] = []
        tick = self.tick
        if tick == 0:
            self._start(events)
        for action in actions:
            self._act(action, events)
        if self.finished:
            return events
        self.disruptions.update(tick, events)
        acting = self.move_chefs(commands or {}, events)
        used: set[Tile] = set()
        for chef, command in acting:
            station = self.stations.get(chef.target)
            if station is None:
                continue
            if station.broken is not None:
                self._repair(chef, station, command, used, events)
                continue
            if command.interact:
                if self.refuses_serving(chef, station):
                    events.append(ActionRefused(tick, chef.player, "serve", station.tile, "role"))
                else:
                    station.interact(self, chef, events)
            if command.use and station.tile not in used:
                used.add(station.tile)
                station.use(self, chef, events)
        for station in self._ticking:
            station.update(self, events)
        for _order in self.orders.update(tick, events):
            self.expired += 1
            self.change_score(-self.spec.scoring.expired_penalty, "expired", events)
        self.tick += 1
        if self.tick >= self.round_ticks:
            self.end(events)
        return events

    def move_chefs(
        self, commands: Mapping[int, Command], events: list[Event]
    ) -> list[tuple[Chef, Command]]:
        """The chefs' part of a tick: each chef in turn calls out and moves as commanded.

        Returns:
            The chefs pressing interact or holding use, with their commands.
        """
        tick = self.tick
        chefs = self._chef_list
        present = [c for c in chefs if c.status != "away"]
        speed = self.spec.chef_speed
        silos = self.silos
        zones = silos.zones
        walls = silos.walls
        move = self.mover.move
        acting: list[tuple[Chef, Command]] = []
        for chef in chefs:
            command = commands.get(chef.player, IDLE)
            if command.callout is not None:
                self.calls.call(tick, chef.player, command.callout, events)
            if chef.status != "active":
                continue
            dx, dy = command.move
            blocker = move(chef, dx, dy, speed, present, walls.get(chef.player))
            if blocker != chef.blocked_by:
                self.track_block(chef, blocker, events)
            if zones:
                zone = zones.get(chef.cell)
                if zone != chef.zone:
                    events.append(ZoneChanged(tick, chef.player, zone, chef.zone))
                    chef.zone = zone
            if command.interact or command.use:
                acting.append((chef, command))
        return acting

    def facing_station(self, chef: Chef) -> Station | None:
        """The station an active chef's ``interact`` and ``use`` act on now, if any."""
        if chef.status != "active":
            return None
        return self.stations.get(chef.target)

    def refuses_serving(self, chef: Chef, station: Station) -> bool:
        """Whether the chef's role forbids handing in what they hold at ``station``."""
        return (
            station.kind == "serve"
            and chef.held is not None
            and not self.silos.may_serve(chef.player)
        )

    def _repair(
        self, chef: Chef, station: Station, command: Command, used: set[Tile], events: list[Event]
    ) -> None:
        if command.interact:
            events.append(ActionRefused(self.tick, chef.player, "interact", station.tile, "broken"))
        if not command.use or station.tile in used:
            return
        used.add(station.tile)
        active = self.disruptions.by_id(station.broken)
        station.repair += 1
        if active is None or station.repair >= active.spec.repair_ticks:
            self.disruptions.repaired(station, chef.player, events)

    def _act(self, action: Action, events: list[Event]) -> None:
        """Carry out a facilitator action at the start of this tick."""
        if isinstance(action, TriggerDisruption):
            if 0 <= action.index < len(self.spec.disruptions):
                self.disruptions.start(action.index, "facilitator", events)
        elif isinstance(action, EndDisruption):
            self.disruptions.end_by_id(action.disruption_id, "facilitator", events)
        elif isinstance(action, ExtendRound):
            self.round_ticks += action.seconds * TICKS_PER_SECOND
            events.append(RoundExtended(self.tick, action.seconds, self.round_ticks))
        elif isinstance(action, Tag):
            events.append(FacilitatorTag(self.tick, action.label, action.note))
        elif isinstance(action, EndRound):
            self.end(events, action.reason)
        elif isinstance(action, SetController):
            self._hand_over(action.player, action.controller, events)
        elif isinstance(action, TalkHeard):
            events.append(
                TalkFrames(self.tick, action.mic, action.first_index, action.talk, action.levels)
            )
        elif isinstance(action, MicrophoneState):
            events.append(MicrophoneChanged(self.tick, action.mic, action.state, action.label))

    def _hand_over(self, player: int, controller: str, events: list[Event]) -> None:
        """A chef changes hands (nothing happens for an unknown chef or no change)."""
        if self.controllers.get(player, controller) != controller:
            self.controllers[player] = controller
            events.append(ControllerChanged(self.tick, player, controller))

    def can_read_tickets(self, player: int) -> bool:
        """Whether this chef may read the order tickets now (role and blackout)."""
        viewers = self.ticket_viewers
        return self.silos.sees_tickets(player) and (viewers is None or player in viewers)

    def end(self, events: list[Event] | None = None, reason: str = "time") -> list[Event]:
        """End the round now (the clock ran out, or a facilitator ended it early)."""
        events = [] if events is None else events
        if self.finished:
            return events
        for chef in self._chef_list:
            self.track_block(chef, None, events)
        self.disruptions.end_all(events)
        events.append(
            RoundEnded(
                self.tick, self.score, self.stars, self.served, self.expired, self.wrong, reason
            )
        )
        self.finished = True
        return events

    def _start(self, events: list[Event]) -> None:
        spec = self.spec
        events.append(
            RoundStarted(
                0,
                spec.name,
                self.seed,
                tuple(self.chefs),
                TICKS_PER_SECOND,
                self.round_ticks,
                people=tuple(p for p, c in self.controllers.items() if c == "person"),
            )
        )
        events.append(ConditionsSet(0, self.silos_apply, self._assist_names(), bool(spec.zones)))
        if spec.dishwashing:
            stacks = [s for s in self.stations.values() if isinstance(s, PlateStack)]
            for n in range(spec.plates if stacks else 0):
                stack = stacks[n % len(stacks)]
                plate = Item(self.new_id(), PLATE)
                stack.plates.append(plate)
                events.append(ItemSpawned(0, plate.id, "plate", "plate_stack", stack.tile))

    def track_block(self, chef: Chef, blocker: int | None, events: list[Event]) -> None:
        """Record that ``chef`` is now blocked by ``blocker`` (or by nobody), closing any
        earlier block with a ``chef_unblocked`` event."""
        if blocker == chef.blocked_by:
            return
        if chef.blocked_by is not None:
            events.append(
                ChefUnblocked(
                    self.tick, chef.player, chef.blocked_by, self.tick - chef.blocked_since
                )
            )
        if blocker is not None:
            events.append(ChefBlocked(self.tick, chef.player, blocker, chef.cell))
            chef.blocked_since = self.tick
        chef.blocked_by = blocker

    # --- reading the state -------------------------------------------------------------

    @property
    def silos_apply(self) -> bool:
        """Whether the silos restrict anyone: enforced, and some role limits where its
        chefs may go, whether they read the tickets or whether they serve."""
        return self.silos.enforced and any(
            role.zones or not role.sees_tickets or not role.may_serve for role in self.spec.roles
        )

    def _assist_names(self) -> tuple[str, ...]:
        return tuple(
            f.name for f in dataclasses.fields(self.assists) if getattr(self.assists, f.name)
        )

    @property
    def stars(self) -> int:
        """Stars earned by the current score (0-3)."""
        return sum(1 for need in self.spec.scoring.stars if self.score >= need)

    @property
    def seconds_left(self) -> float:
        """Time left in the round, in seconds."""
        return max(0, self.round_ticks - self.tick) / TICKS_PER_SECOND

    def items(self) -> Iterator[Item]:
        """Every item in the kitchen, top level and nested (hands, stations, plates, pots)."""
        for chef in self._chef_list:
            if chef.held is not None:
                yield from chef.held.walk()
        for station in self.stations.values():
            for item in station.items():
                yield from item.walk()

    def run(self, commands: Iterable[Mapping[int, Command]] | None = None) -> list[Event]:
        """Play the round to the end with per-tick ``commands`` (idle once they run out)."""
        events: list[Event] = []
        feed = iter(commands or ())
        while not self.finished:
            events.extend(self.step(next(feed, None)))
        return events


def _build_station(tile: Tile, kind: str, ingredient: str | None, dishwashing: bool) -> Station:
    if kind == "counter":
        return Counter(tile)
    if kind == "board":
        return Board(tile)
    if kind == "crate":
        assert ingredient is not None
        return Crate(tile, ingredient)
    if kind == "stove":
        return Stove(tile)
    if kind == "plates":
        return PlateStack(tile, finite=dishwashing)
    if kind == "serve":
        return ServingWindow(tile)
    if kind == "bin":
        return Bin(tile)
    if kind == "sink":
        return Sink(tile)
    if kind == "dirty_return":
        return DirtyReturn(tile)
    raise ValueError(f"unknown station kind {kind!r}")
