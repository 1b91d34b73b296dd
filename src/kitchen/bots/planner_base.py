"""The planner's groundwork: what one bot knows (the world, the other bots' claims, the
tickets as jobs) and the helpers every kind of errand uses: distances, the nearest of some
tiles, free counters, hand-over counters, a ticket's urgency and building an errand.

:class:`~kitchen.bots.planner.Planner` adds the candidates themselves
(:mod:`~kitchen.bots.planner_serving`, :mod:`~kitchen.bots.planner_supply`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kitchen.bots import errands as E
from kitchen.bots.errands import Claims, Errand, Step
from kitchen.bots.jobs import Job, build_jobs
from kitchen.bots.world import World
from kitchen.sim.spec import Tile

SERVE = -3000
"""Weights by kind, in ticks (lower is sooner); chores have theirs in ``chores``."""
COLLECT = -1500
SUPPLY = 0
BIN = -100
RANK = 120
"""Added per place a ticket is behind the most urgent one."""
DOOMED = 4000
"""Added for a ticket that cannot be made before it expires."""
DROP = 5000


class PlannerBase:
    """Plans for one bot (``me``) given the other bots' ``claims``. A bot that does not
    ``read_tickets`` knows no tickets: it only does what needs no ticket (repairs, burnt
    pots, dishes, tidying, putting down what it holds); calls are answered by the team."""

    def __init__(self, world: World, claims: Claims, me: int, read_tickets: bool = True) -> None:
        self.w = world
        self.rnd = world.rnd
        self.claims = claims
        self.me = me
        self.chef = world.rnd.chefs[me]
        self.read_tickets = read_tickets
        self.jobs = build_jobs(world, claims, me) if read_tickets else []
        self.board_short = False
        self._reserved: set[Tile] = set(claims.stations)

    def nearest(self, tiles: list[Tile], start: Tile | None) -> tuple[Tile, int] | None:
        """The tile reachable soonest from ``start`` (a station; ``None``: the bot's cell)."""
        best: tuple[int, Tile] | None = None
        for tile in tiles:
            d = self._dist_or_none(start, tile)
            if d is not None and (best is None or (d, tile) < best):
                best = (d, tile)
        return None if best is None else (best[1], best[0])

    def handover(self, start: Tile | None, target: Tile, serve: bool = False) -> Tile | None:
        """A free counter the bot can reach from which another chef can reach ``target``."""
        return self._handover(start, target, serve)

    def job_weight(self, job: Job) -> float:
        """How urgent a ticket is, in ticks (its place in the queue; doomed ones last)."""
        return self._job_weight(job)

    def _job_weight(self, job: Job) -> float:
        remaining = job.order.expires - self.w.tick
        need = 600
        if job.soup and (job.pot is None or job.pot.state == "idle"):
            need += self.rnd.cookbook.cook_ticks(job.soup) or 0
        progress = job.plate is not None or (job.pot is not None and job.pot.state != "idle")
        if remaining < need and not progress:
            return DOOMED + job.rank * RANK
        return job.rank * RANK

    def _open_counters(self, start: Tile | None) -> Iterator[tuple[Tile, int]]:
        """Each free counter nobody has reserved that the bot can reach, with its distance."""
        for counter in self.w.free_counters():
            tile = counter.tile
            if tile in self._reserved:
                continue
            d = self._dist_or_none(start, tile)
            if d is not None:
                yield tile, d

    def free_counter_near(self, start: Tile | None, goal: Tile | None) -> Tile | None:
        """A free, unreserved counter the bot can reach, close to it and to ``goal``."""
        best: tuple[int, Tile] | None = None
        for tile, d in self._open_counters(start):
            if goal is not None:
                g = self.w.between(self.me, tile, goal)
                d += g if g is not None else 50
            if best is None or (d, tile) < best:
                best = (d, tile)
        return None if best is None else best[1]

    def _handover(self, start: Tile | None, target: Tile, serve: bool = False) -> Tile | None:
        """A free counter the bot can reach from which another chef can reach ``target``."""
        receivers = [
            p
            for p in sorted(self.rnd.chefs)
            if p != self.me and self.w.active(p) and (not serve or self.w.may_serve(p))
        ]
        best: tuple[int, Tile] | None = None
        for tile, d in self._open_counters(start):
            onward = [
                x
                for p in receivers
                if (x := self.w.live.station_distance(tile, target, self.w.forbidden(p)))
                is not None
            ]
            if not onward:
                continue
            cost = d + min(onward)
            if best is None or (cost, tile) < best:
                best = (cost, tile)
        return None if best is None else best[1]

    def _serve_tail(self, start: Tile) -> tuple[list[Step], set[Tile]] | None:
        """Steps that take the held finished plate from ``start`` to a serving window (or
        to a pass counter for a chef who may serve)."""
        if self.w.may_serve(self.me):
            found = self.nearest([s.tile for s in self.w.serves], start)
            if found is not None:
                return [E.serve(found[0])], set()
        serves = [s.tile for s in self.w.serves]
        if not serves:
            return None
        counter = self._handover(start, serves[0], serve=True)
        if counter is None:
            return None
        return [E.put_down(counter, "pass")], {counter}

    def errand(
        self,
        kind: str,
        steps: list[Step],
        extra: float,
        items: Iterable[int] = (),
        slots: Iterable[tuple[tuple[Any, ...], str]] = (),
        stations: Iterable[Tile] = (),
        orders: Iterable[int] = (),
        wait: int = 0,
    ) -> Errand | None:
        """An errand of ``steps`` for this bot, costed as its walking and pressing time
        plus ``wait`` plus the weight ``extra``; ``None`` if the bot cannot walk the route.
        The other arguments are what it reserves (see :class:`Errand`)."""
        ticks = self.w.route(self.me, [s.tile for s in steps])
        if ticks is None:
            return None
        for step in steps:
            step.limit = max(step.limit, ticks + wait + 600)
        return Errand(
            kind,
            steps,
            ticks + wait + extra,
            frozenset(items),
            tuple(slots),
            frozenset(stations),
            frozenset(orders),
        )

    def _others_reach(self, tile: Tile, target: Tile) -> bool:
        """True if another active chef can go from facing ``tile`` to facing ``target``."""
        return any(
            self.w.live.station_distance(tile, target, self.w.forbidden(p)) is not None
            for p in sorted(self.rnd.chefs)
            if p != self.me and self.w.active(p)
        )

    def _collectors_reach(self, tile: Tile) -> bool:
        return any(
            self.w.live.station_distance(tile, s.tile, self.w.forbidden(p)) is not None
            for p in self.w.collectors()
            for s in self.w.serves
        )

    def _dist_or_none(self, a: Tile | None, b: Tile) -> int | None:
        """Steps from facing ``a`` (``None``: where the bot stands) to facing ``b``."""
        return self.w.reach(self.me, b) if a is None else self.w.between(self.me, a, b)

    def _dist(self, a: Tile | None, b: Tile) -> int:
        d = self.w.reach(self.me, b) if a is None else self.w.between(self.me, a, b)
        return 999 if d is None else d

    def _plate_source(self, near: Tile | None) -> tuple[Step, int | None] | None:
        """The quickest clean empty plate: one lying on a counter, a stack or a sink."""
        options: list[tuple[int, Tile, Step, int | None]] = []
        for spot in self.w.plates:
            if spot.tile is None or spot.item.contents or spot.item.id in self.claims.items:
                continue
            d = self.w.reach(self.me, spot.tile)
            if d is not None:
                step = E.take_item(spot.tile, spot.item, "plate")
                options.append((d, spot.tile, step, spot.item.id))
        for station in self.w.plate_sources():
            d = self.w.reach(self.me, station.tile)
            if d is not None:
                if near is not None:
                    d += self._dist(station.tile, near)
                options.append((d, station.tile, E.take_plate(station.tile), None))
        if not options:
            return None
        best = min(options, key=lambda o: (o[0], o[1]))
        return best[2], best[3]
