"""Quirks: whole-round changes to how a team of computer cooks plays, for the lesson bench.

Each quirk sits between the cooks' plan and the round: given the commands the cooks
(:class:`~kitchen.bots.team.BotTeam`) planned for a tick, it returns the commands to send,
all of them ordinary commands a person could give. ``bench/cooking_profiles.py`` names
them and says which lesson card each one's behaviour is about. Quirks read the live round
(never the log) and draw from their own seeded generator, so rounds stay reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from kitchen.bots.errands import Step, chop, put_down, take_from_crate, take_memo, throw_away
from kitchen.bots.habits import Hands, IgnoredRequirements, RoundView, ZoneRules, chokepoints
from kitchen.bots.navigation import LiveMap
from kitchen.bots.team import BotTeam
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.spec import TICKS_PER_SECOND, Tile
from kitchen.sim.stations import Board, Counter, Crate

if TYPE_CHECKING:
    from kitchen.sim.round import Round

S = TICKS_PER_SECOND


class Quirk:
    """A change to the cooks' play (this base class changes nothing)."""

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """Given the cooks' planned commands for this tick, the commands to send."""
        return planned


def _nearest(
    live: LiveMap, rnd: Round, player: int, start: Tile | None, tiles: list[Tile]
) -> Tile | None:
    """Of the stations ``tiles``, the one the chef reaches in fewest steps from facing
    station ``start`` (or from where it stands), if any can be reached."""
    forbidden = rnd.silos.forbidden(player)
    origin = start if start is not None else rnd.chefs[player].cell
    best: tuple[int, Tile] | None = None
    for tile in tiles:
        d = live.station_distance(origin, tile, forbidden)
        if d is not None and (best is None or (d, tile) < best):
            best = (d, tile)
    return None if best is None else best[1]


# --- one chef's own errands ----------------------------------------------------------------


class Chores(Quirk):
    """One chef (chosen by the seed among those who can do it) does an errand of its own
    every ``every`` ticks from ``first`` on, when its hands are free, until 40 s before
    the end; the rest of the time everyone cooks as planned.

    Args:
        rnd: the live round.
        players: the chefs in the round.
        seed: seeds the choice of the chef.
        plan: the errand's steps for a chef now, or ``None`` if it cannot do it now.
    """

    def __init__(
        self,
        rnd: Round,
        players: list[int],
        seed: int,
        every: int,
        first: int,
        plan: Callable[[Hands], list[Step] | None],
    ) -> None:
        self.rnd = rnd
        self.plan = plan
        live = LiveMap(rnd)
        order = sorted(players)
        random.Random(f"quirk:{seed}").shuffle(order)
        able = [p for p in order if plan(Hands(rnd, p, live)) is not None]
        self.actor = (able or order)[0]
        self.hands = Hands(rnd, self.actor, live)
        self.every = every
        self.next = first
        self.last = rnd.round_ticks - 40 * S
        self.done = 0
        """Errands started so far."""

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """The actor's own errand when one is under way, else the plan."""
        chef = self.rnd.chefs[self.actor]
        if (
            not self.hands.busy
            and self.next <= tick < self.last
            and chef.held is None
            and chef.status == "active"
        ):
            steps = self.plan(self.hands)
            if steps is not None:
                self.hands.run("quirk", steps)
                self.next = tick + self.every
                self.done += 1
        own = self.hands.command()
        if own is None:
            return planned
        return {**planned, self.actor: own}


def waste_plan(hands: Hands) -> list[Step] | None:
    """Take an ingredient from the nearest crate that hands one out and bin it."""
    rnd, live, me = hands.rnd, hands.live, hands.player
    crates = sorted(t for t, s in rnd.stations.items() if isinstance(s, Crate) and not s.empty)
    bins = sorted(t for t, s in rnd.stations.items() if s.kind == "bin")
    crate = _nearest(live, rnd, me, None, crates)
    bin_ = _nearest(live, rnd, me, crate, bins) if crate is not None else None
    if crate is None or bin_ is None:
        return None
    return [take_from_crate(crate), throw_away(bin_)]


def hoard_plan(ingredient: str) -> Callable[[Hands], list[Step] | None]:
    """Chop ``ingredient`` (which no recipe wants chopped) and leave it on a free counter."""

    def plan(hands: Hands) -> list[Step] | None:
        rnd, live, me = hands.rnd, hands.live, hands.player
        stations = rnd.stations.items()
        crates = sorted(
            t for t, s in stations if isinstance(s, Crate) and s.ingredient == ingredient
        )
        boards = sorted(t for t, s in stations if isinstance(s, Board) and s.item is None)
        counters = sorted(t for t, s in stations if type(s) is Counter and s.item is None)
        crate = _nearest(live, rnd, me, None, crates)
        board = _nearest(live, rnd, me, crate, boards) if crate is not None else None
        counter = _nearest(live, rnd, me, board, counters) if board is not None else None
        if crate is None or board is None or counter is None:
            return None
        return [
            take_from_crate(crate),
            put_down(board),
            chop(board),
            take_memo(board),
            put_down(counter, "leave"),
        ]

    return plan


# --- hand-overs collected late -------------------------------------------------------------


class SlowPickup(Quirk):
    """Nobody picks up an item another chef put down until it has waited ``wait`` ticks
    on its counter (they press to take it only then)."""

    def __init__(self, rnd: Round, wait: int) -> None:
        self.rnd = rnd
        self.wait = wait
        self.held: dict[int, int] = {}
        """Item id each chef held last tick."""
        self.put: dict[int, tuple[int, int]] = {}
        """Item id on a counter: (who put it down, when)."""

    def _watch(self, tick: int) -> None:
        rnd = self.rnd
        holder = {item: p for p, item in self.held.items()}
        for station in rnd.stations.values():
            if isinstance(station, Counter) and station.item is not None:
                item = station.item.id
                if item not in self.put and item in holder:
                    self.put[item] = (holder[item], tick)
        self.held = {p: c.held.id for p, c in rnd.chefs.items() if c.held is not None}

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """Hold back presses that would take another chef's item too soon."""
        self._watch(tick)
        out = dict(planned)
        for player, command in planned.items():
            if not command.interact:
                continue
            chef = self.rnd.chefs[player]
            dx, dy = command.move
            facing = command.move if (dx == 0) != (dy == 0) else chef.facing
            cx, cy = chef.cell
            station = self.rnd.stations.get((cx + facing[0], cy + facing[1]))
            if not isinstance(station, Counter) or station.item is None:
                continue
            put = self.put.get(station.item.id)
            if put is not None and put[0] != player and tick - put[1] < self.wait:
                out[player] = Command(move=(0, 0), callout=command.callout)
        return out


# --- keeping to a zone, or roaming across them -----------------------------------------------


class Departments(Quirk):
    """The team plans with zone rules of its own: ``zone_of(player, tick)`` is the zone a
    chef works in at that moment (it never enters the others). A chef found outside its
    zone first walks into it. The cooks' plan is not used: this team plans for itself.
    """

    def __init__(self, rnd: Round, zone_of: Callable[[int, int], str]) -> None:
        self.rnd = rnd
        self.zone_of = zone_of
        spec = rnd.spec
        everywhere = frozenset((x, y) for y in range(spec.height) for x in range(spec.width))
        names = sorted(set(spec.zones.values()))
        self.cells = {z: frozenset(c for c, n in spec.zones.items() if n == z) for z in names}
        self.outside = {z: everywhere - self.cells[z] for z in names}
        self.tick = 0
        rules = ZoneRules(rnd.silos, lambda p: self.outside[self.zone_of(p, self.tick)])
        self.team = BotTeam(cast("Round", RoundView(rnd, silos=rules)))
        live = LiveMap(rnd)
        self.hands = {p: Hands(rnd, p, live) for p in rnd.chefs}

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """The team's own plan; a chef outside its zone walks into it first."""
        self.tick = tick
        out = dict(self.team.commands())
        for player, hands in self.hands.items():
            chef = self.rnd.chefs[player]
            zone = self.zone_of(player, tick)
            if chef.cell in self.cells[zone] or chef.status != "active":
                hands.stop()
                continue
            if not hands.busy:
                path = hands.live.path(chef.cell, self.cells[zone])
                if path:
                    hands.park(path[-1], 3 * S)
            own = hands.command()
            if own is not None:
                out[player] = own
        return {p: out.get(p, IDLE) for p in planned}


def home_zones(rnd: Round) -> dict[int, str]:
    """The zone each chef starts in (chefs starting in no zone are left out)."""
    out = {}
    for player, chef in rnd.chefs.items():
        zone = rnd.spec.zones.get(chef.cell)
        if zone is not None:
            out[player] = zone
    return out


def roaming_zone(rnd: Round, home_share: float, period: int) -> Callable[[int, int], str]:
    """A schedule for :class:`Departments`: each chef works in its own zone for
    ``home_share`` of every ``period`` ticks and in the next zone the rest of the time
    (chefs out of step with each other)."""
    homes = home_zones(rnd)
    names = sorted(set(rnd.spec.zones.values()))

    def zone_of(player: int, tick: int) -> str:
        home = homes.get(player, names[0])
        phase = (tick + player * period // 4) % period
        if phase < home_share * period:
            return home
        return names[(names.index(home) + 1) % len(names)]

    return zone_of


# --- stopping after a disruption -----------------------------------------------------------


class DisruptionWatch:
    """Notices disruptions as they start: a disruption, a surge of tickets or a special
    ticket (an open order not from the regular stream)."""

    def __init__(self, rnd: Round) -> None:
        self.rnd = rnd
        self.seen: set[tuple[str, int]] = set()

    def started(self) -> bool:
        """Whether one started since the last call."""
        rnd = self.rnd
        found = {("d", a.id) for a in rnd.disruptions.active}
        found |= {("o", o.id) for o in rnd.orders.open if o.source != "regular"}
        new = found - self.seen
        self.seen |= found
        return bool(new)


class Freeze(Quirk):
    """Everyone stands still for ``ticks`` after each disruption starts (a disruption, a
    surge of tickets or a special ticket); with ``ticks`` ``None``, from the first
    disruption starting at ``after`` or later until the end."""

    def __init__(self, rnd: Round, ticks: int | None, after: int = 0) -> None:
        self.rnd = rnd
        self.ticks = ticks
        self.after = after
        self.watch = DisruptionWatch(rnd)
        self.until = -1
        self.starts: list[int] = []
        """Ticks at which a freeze began."""

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """Idle commands while frozen, else the plan."""
        if self.watch.started() and tick >= self.after and tick >= self.until:
            self.starts.append(tick)
            self.until = self.rnd.round_ticks if self.ticks is None else tick + self.ticks
        if tick < self.until:
            return {p: IDLE for p in planned}
        return planned


class HoldPass(Quirk):
    """No dish is handed in at the pass for ``ticks`` after one disruption (a disruption, a
    surge of tickets or a special ticket); everything else goes on as planned, so the
    cooking carries on and the dishes kept back go out together when the hold ends: service
    pauses, then is back at its pace at once.

    The hold is at the first disruption that starts at ``after`` or later, with at least two
    dishes served in the ``clear`` ticks before it and no other disruption started in them
    (so its effect is measured against service as usual, and no earlier disruption's window
    takes it); :attr:`starts` says whether and when it came.
    """

    def __init__(self, rnd: Round, ticks: int, after: int, clear: int) -> None:
        self.rnd = rnd
        self.ticks = ticks
        self.after = after
        self.clear = clear
        self.watch = DisruptionWatch(rnd)
        self.passes = {tile for tile, st in rnd.stations.items() if st.kind == "serve"}
        self.served: list[int] = []
        self.count = rnd.served
        self.others: list[int] = []
        self.until: int | None = None
        self.starts: list[int] = []
        """Ticks at which a hold began (one at most)."""

    def _note(self, tick: int) -> None:
        if self.rnd.served != self.count:
            self.served.extend([tick] * (self.rnd.served - self.count))
            self.count = self.rnd.served
        if self.watch.started():
            recent = [t for t in self.served if t >= tick - self.clear]
            quiet = not any(t >= tick - self.clear for t in self.others)
            if self.until is None and tick >= self.after and len(recent) >= 2 and quiet:
                self.starts.append(tick)
                self.until = tick + self.ticks
            self.others.append(tick)

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """The plan, less any hand-in at the pass while the hold lasts."""
        self._note(tick)
        if self.until is None or tick >= self.until:
            return planned
        out = dict(planned)
        for player, command in planned.items():
            chef = self.rnd.chefs[player]
            if chef.held is None or not (command.interact or command.use):
                continue
            # the chef may turn to the pass in the same tick it presses, so any press next
            # to the pass with something in hand is held back
            x, y = chef.cell
            near = ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1))
            if any(tile in self.passes for tile in near):
                out[player] = Command(command.move, False, False, command.callout)
        return out


# --- a chef stopping in a narrow passage ---------------------------------------------------


class CorridorBlocker(Quirk):
    """One chef (chosen by the seed) walks into the middle of the kitchen's narrowest
    passage and stands there for ``park`` ticks, every ``every`` ticks."""

    def __init__(self, rnd: Round, players: list[int], seed: int, park: int, every: int) -> None:
        self.rnd = rnd
        self.actor = random.Random(f"quirk:{seed}").choice(sorted(players))
        live = LiveMap(rnd)
        self.hands = Hands(rnd, self.actor, live)
        cells = chokepoints(live)
        self.cell = cells[0] if cells else None
        self.park = park
        self.every = every
        self.next = 10 * S
        self.parked = 0
        """Times the chef went to stand in the passage."""

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """The blocker's walk and wait, else the plan."""
        if self.cell is not None and tick >= self.next and not self.hands.busy:
            self.hands.park(self.cell, self.park)
            self.next = tick + self.every
            self.parked += 1
        own = self.hands.command()
        if own is None:
            return planned
        return {**planned, self.actor: own}


# --- special requirements not read -----------------------------------------------------------


class IgnoreRequirements(Quirk):
    """The team plans with every ticket read as its plain recipe: an allergy ticket gets
    the ordinary dish, allergen included. The cooks' plan is not used."""

    def __init__(self, rnd: Round) -> None:
        self.team = BotTeam(cast("Round", RoundView(rnd, orders=IgnoredRequirements(rnd))))

    def commands(self, tick: int, planned: dict[int, Command]) -> dict[int, Command]:
        """This team's own plan."""
        out = self.team.commands()
        return {p: out.get(p, IDLE) for p in planned}
