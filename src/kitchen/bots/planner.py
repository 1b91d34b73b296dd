"""Choosing one bot's next errand from the jobs, the claims of the other bots and what it
holds.

Candidates are scored in ticks: walking and working time, plus a weight by kind (serving a
finished plate and plating a ready soup come first, then urgent repairs and scraping a
burnt pot, then fetching and chopping for the most urgent tickets) and by the ticket's
urgency. The cheapest candidate wins. An empty-handed bot considers everything; a bot
holding something only considers what to do with it.

Silos: when a bot cannot reach where its item must go (a prep chef and the pots), it puts
the item on a *pass* counter that it and a chef who can reach the target can both reach;
that chef then finds it as a loose ingredient and carries it on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kitchen.bots import chores, handoffs
from kitchen.bots import errands as E
from kitchen.bots.errands import Claims, Errand, Step
from kitchen.bots.jobs import PLATE, Job, Need, build_jobs
from kitchen.bots.world import World
from kitchen.sim.items import BURNT, INGREDIENT, Item
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


class Planner:
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

    def best(self) -> Errand | None:
        """The cheapest errand for this bot now, or ``None`` when there is nothing to do."""
        found = min(self.candidates(), key=lambda e: e.cost, default=None)
        return found

    def candidates(self) -> Iterator[Errand]:
        """Every errand this bot could start now."""
        held = self.chef.held
        if held is not None:
            yield from self._deliver(held)
            return
        if self.read_tickets:
            yield from self._serve_finished()
        for job in self.jobs:
            found = self._collect(job, None)
            if found is not None:
                yield found
        for job in self.jobs:
            yield from self._supply(job)
        yield from handoffs.plates(self)
        yield from chores.repairs(self)
        yield from chores.scrapes(self)
        yield from handoffs.scrape_without_bin(self, any(j.waiting_for_pot for j in self.jobs))
        yield from chores.dishes(self)
        yield from chores.tidy(self)

    # --- helpers ---------------------------------------------------------------------

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

    def free_counter_near(self, start: Tile | None, goal: Tile | None) -> Tile | None:
        """A free, unreserved counter the bot can reach, close to it and to ``goal``."""
        best: tuple[int, Tile] | None = None
        for counter in self.w.free_counters():
            tile = counter.tile
            if tile in self._reserved:
                continue
            d = self._dist_or_none(start, tile)
            if d is None:
                continue
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
        for counter in self.w.free_counters():
            tile = counter.tile
            if tile in self._reserved:
                continue
            d = self._dist_or_none(start, tile)
            if d is None:
                continue
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

    # --- finished plates and plating ------------------------------------------------

    def _serve_finished(self) -> Iterator[Errand]:
        can_serve: bool | None = None
        for spot in self.w.plates:
            if spot.tile is None or spot.item.id in self.claims.items or not spot.item.contents:
                continue
            if self.rnd.orders.match(spot.item.plate_components()) is None:
                continue
            if can_serve is None:
                can_serve = self.w.may_serve(self.me) and any(
                    self.w.reach(self.me, s.tile) is not None for s in self.w.serves
                )
            if not can_serve and self._collectors_reach(spot.tile):
                continue  # already where a chef who may serve can take it
            tail = self._serve_tail(spot.tile)
            if tail is None:
                continue
            steps, stations = tail
            found = self.errand(
                "serve",
                [E.take_item(spot.tile, spot.item), *steps],
                SERVE,
                items={spot.item.id},
                stations=stations,
            )
            if found is not None:
                yield found

    def _collect(self, job: Job, held_plate: Item | None) -> Errand | None:
        """Take a plate round every ready source of the job and serve it."""
        if job.blocked or job.collecting or job.complete:
            return None
        if job.plate is not None and job.plate.holder is not None and job.plate.holder != self.me:
            return None
        if job.inflight.get((PLATE, job.order.id)):
            return None  # someone is still bringing a piece
        pot = job.pot
        if job.soup_missing:  # the soup must be on its way (checked first: it is quick)
            if pot is None or pot.state not in ("cooking", "ready") or pot.soup_key != job.soup:
                return None
            if pot.tile in self.claims.stations or self.w.reach(self.me, pot.tile) is None:
                return None
        visits: list[tuple[Tile, Step, int | None]] = []
        for need in job.plate_needs():
            src = need.source
            if src.kind == "loose" and not src.chop and src.tile is not None:
                if self.w.reach(self.me, src.tile) is None:
                    return None
                assert src.item is not None
                visits.append((src.tile, E.collect_item(src.tile, src.item), src.item.id))
            elif src.kind == "crate" and not src.chop:
                found = self.nearest([c.tile for c in self.w.crates_of(src.ingredient)], None)
                if found is None:
                    return None
                visits.append((found[0], E.collect_crate(found[0], src.ingredient), None))
            else:
                return None
        wait = 0
        steps: list[Step] = []
        items: set[int] = set()
        start: Tile | None = None
        if held_plate is None:
            if job.plate is not None and job.plate.tile is not None:
                if job.plate.item.id in self.claims.items:
                    return None
                steps.append(E.take_item(job.plate.tile, job.plate.item, "plate"))
                items.add(job.plate.item.id)
                start = job.plate.tile
            else:
                plate_step = self._plate_source(pot.tile if job.soup_missing and pot else None)
                if plate_step is None:
                    return None
                step, plate_id = plate_step
                steps.append(step)
                if plate_id is not None:
                    items.add(plate_id)
                start = step.tile
        # visit the sources, nearest first
        todo = list(visits)
        while todo:
            here = start
            todo.sort(key=lambda v: (self._dist(here, v[0]), v[0]))
            tile, step, item_id = todo.pop(0)
            steps.append(step)
            if item_id is not None:
                items.add(item_id)
            start = tile
        stations: set[Tile] = set()
        extra = COLLECT + self._job_weight(job)
        if job.soup_missing:
            assert pot is not None
            assert job.soup is not None
            so_far = (self.w.route(self.me, [s.tile for s in steps]) or 0) if steps else 0
            to_pot = so_far + self._dist(start, pot.tile) * self.w.ticks_per_cell
            if pot.state == "cooking":
                left = pot.cook_ticks - pot.timer + (240 if pot.broken is not None else 0)
                wait = max(0, left - to_pot)
                if wait > 150:
                    return None
                steps.append(E.wait_soup(pot.tile, job.soup, limit=left + to_pot + 900))
            else:
                burn = self.rnd.spec.burn_ticks
                if burn is not None:
                    extra -= max(0, 900 - (burn - pot.timer))
            steps.append(E.ladle(pot.tile, job.soup))
            stations.add(pot.tile)
            start = pot.tile
        if start is None:
            return None
        tail = self._serve_tail(start)
        if tail is None:
            return None
        steps.extend(tail[0])
        stations |= tail[1]
        return self.errand(
            "collect",
            steps,
            extra,
            items=items,
            stations=stations,
            orders={job.order.id},
            wait=wait,
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

    # --- fetching and chopping --------------------------------------------------------

    def _supply(self, job: Job) -> Iterator[Errand]:
        if job.blocked or job.collecting:
            return
        seen: set[tuple[object, ...]] = set()
        for need in job.needs:
            src = need.source
            key = (need.container, need.key, src.kind, id(src.item) if src.item else src.ingredient)
            if key in seen:
                continue
            seen.add(key)
            found = self._supply_one(job, need)
            if found is not None:
                yield found

    def _fetch(self, need: Need) -> tuple[list[Step], Tile | None, set[int]] | None:
        """Steps that get the need's source into the bot's hands (none if already held),
        and where the bot then stands."""
        src = need.source
        if src.kind == "hand":
            return [], None, set()
        if src.kind == "loose":
            assert src.item is not None
            assert src.tile is not None
            if self.w.reach(self.me, src.tile) is None:
                return None
            return [E.take_item(src.tile, src.item)], src.tile, {src.item.id}
        found = self.nearest([c.tile for c in self.w.crates_of(src.ingredient)], None)
        if found is None:
            return None
        return [E.take_from_crate(found[0])], found[0], set()

    def _board(self, start: Tile | None, goal: Tile | None) -> Tile | None:
        best: tuple[int, Tile] | None = None
        for board in self.w.free_boards():
            if board.tile in self._reserved:
                continue
            d = self._dist(start, board.tile)
            if d >= 999:
                continue
            if goal is not None:
                d += self._dist(board.tile, goal)
            if best is None or (d, board.tile) < best:
                best = (d, board.tile)
        if best is None:
            self.board_short = True
            return None
        return best[1]

    def _supply_one(self, job: Job, need: Need) -> Errand | None:
        src = need.source
        to_pot = need.container[0] != PLATE
        target: Tile | None = need.container[1] if to_pot else None
        plate = job.plate if job.plate is not None and job.plate.tile is not None else None
        if not to_pot and not src.chop:
            # Ready for the plate already: only move it if no collector can reach it.
            if src.kind == "loose" and src.tile is not None and self._collectors_reach(src.tile):
                return None
            crates = self.w.crates_of(src.ingredient)
            if src.kind == "crate" and any(self._collectors_reach(c.tile) for c in crates):
                return None
        if (
            to_pot
            and not src.chop
            and src.kind == "loose"
            and src.tile is not None
            and target is not None
            and self.w.reach(self.me, target) is None
            and self._others_reach(src.tile, target)
        ):
            return None  # already handed over: whoever can reach the pot takes it on
        fetch = self._fetch(need)
        if fetch is None:
            return None
        steps, here, items = fetch
        stations: set[Tile] = set()
        chop_ticks = 0
        if src.chop:
            chop_ticks = self.rnd.spec.chop_ticks
            on_board = src.kind == "loose" and src.on_board
            if on_board and src.tile is not None and src.item is not None:
                steps = [E.chop_item(src.tile, src.item)]
                board = src.tile
                if to_pot or plate is not None or not self._collectors_reach(board):
                    steps.append(E.take_item(board, src.item, "take back"))
            else:
                free_board = self._board(here, target)
                if free_board is None:
                    return None
                board = free_board
                steps += [E.put_down(board, "board"), E.chop(board)]
                if to_pot or plate is not None or not self._collectors_reach(board):
                    steps.append(E.take_memo(board))
            stations.add(board)
            here = board
            if not to_pot and plate is None and self._collectors_reach(board):
                return self.errand(
                    "prep",
                    steps,
                    SUPPLY + chop_ticks + self._job_weight(job),
                    items=items,
                    slots=((need.container, need.key),),
                    stations=stations,
                )
        if to_pot:
            assert target is not None
            if self._dist(here, target) < 999:
                steps.append(E.into_pot(target))
            else:
                counter = self._handover(here, target)
                if counter is None:
                    return None
                steps.append(E.put_down(counter, "pass"))
                stations.add(counter)
        elif plate is not None and plate.tile is not None and self._dist(here, plate.tile) < 999:
            steps.append(E.onto_plate(plate.tile, plate.item))
        else:
            serves = [s.tile for s in self.w.serves]
            if not serves:
                return None
            counter = self._handover(here, serves[0], serve=True)
            if counter is None:
                return None
            steps.append(E.put_down(counter, "pass"))
            stations.add(counter)
        if not steps:
            return None
        return self.errand(
            "supply" if to_pot else "prep",
            steps,
            SUPPLY + chop_ticks + self._job_weight(job),
            items=items,
            slots=((need.container, need.key),),
            stations=stations,
        )

    # --- disruptions and chores -------------------------------------------------------

    # --- holding something -----------------------------------------------------------

    def _deliver(self, held: Item) -> Iterator[Errand]:
        if held.kind == BURNT:
            found = self.nearest([b.tile for b in self.w.bins], None)
            if found is not None:
                errand = self.errand("bin", [E.throw_away(found[0])], BIN)
                if errand is not None:
                    yield errand
                    return
        elif held.kind == "plate" and held.dirty:
            for sink in self.w.sinks:
                errand = self.errand("dishes", [E.to_sink(sink.tile), E.wash(sink.tile)], BIN)
                if errand is not None:
                    yield errand
        elif held.is_clean_plate:
            yield from self._deliver_plate(held)
        elif held.kind == INGREDIENT:
            for job in self.jobs:
                for need in job.needs:
                    if need.source.kind == "hand":
                        supply = self._supply_one(job, need)
                        if supply is not None:
                            yield supply
        yield from self._drop(held)

    def _deliver_plate(self, plate: Item) -> Iterator[Errand]:
        if plate.contents and self.rnd.orders.match(plate.plate_components()) is not None:
            tail = self._serve_tail_from_hand()
            if tail is not None:
                yield tail
        for job in self.jobs:
            mine = job.plate is not None and job.plate.item is plate
            if mine or (job.plate is None and not plate.contents):
                found = self._collect(job, plate)
                if found is not None:
                    yield found

    def _serve_tail_from_hand(self) -> Errand | None:
        if self.w.may_serve(self.me):
            found = self.nearest([s.tile for s in self.w.serves], None)
            if found is not None:
                return self.errand("serve", [E.serve(found[0])], SERVE)
        serves = [s.tile for s in self.w.serves]
        if not serves:
            return None
        counter = self._handover(None, serves[0], serve=True)
        if counter is None:
            return None
        return self.errand("serve", [E.put_down(counter, "pass")], SERVE, stations={counter})

    def _drop(self, held: Item) -> Iterator[Errand]:
        """Put the held thing down somewhere sensible (a last resort, always possible)."""
        goal = self.w.serves[0].tile if held.is_clean_plate and self.w.serves else None
        counter = self.free_counter_near(None, goal)
        if counter is not None:
            errand = self.errand("put down", [E.put_down(counter)], DROP, stations={counter})
            if errand is not None:
                yield errand
                return
        if held.kind == INGREDIENT:
            found = self.nearest([b.tile for b in self.w.free_boards()], None)
            if found is not None:
                errand = self.errand("put down", [E.put_down(found[0])], DROP, stations={found[0]})
                if errand is not None:
                    yield errand
                    return
        found = self.nearest([b.tile for b in self.w.bins], None)
        if found is not None and not (held.kind == "plate" and not held.contents):
            errand = self.errand("bin", [E.throw_away(found[0])], DROP * 2)
            if errand is not None:
                yield errand
