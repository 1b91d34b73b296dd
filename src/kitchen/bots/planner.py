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

The planner is split by responsibility: :mod:`~kitchen.bots.planner_base` (what the bot
knows, distances, counters, urgency), :mod:`~kitchen.bots.planner_serving` (serving and
collecting dishes), :mod:`~kitchen.bots.planner_supply` (fetching and chopping for tickets);
this module chooses among the candidates and deals with what the bot holds.
"""

from __future__ import annotations

from collections.abc import Iterator

from kitchen.bots import chores, handoffs
from kitchen.bots import errands as E
from kitchen.bots.errands import Errand
from kitchen.bots.planner_base import (
    BIN,
    COLLECT,
    DOOMED,
    DROP,
    RANK,
    SERVE,
    SUPPLY,
    PlannerBase,
)
from kitchen.bots.planner_serving import Serving
from kitchen.bots.planner_supply import Supplying
from kitchen.sim.items import BURNT, INGREDIENT, Item

__all__ = ["BIN", "COLLECT", "DOOMED", "DROP", "RANK", "SERVE", "SUPPLY", "Planner", "PlannerBase"]


class Planner(Serving, Supplying):
    """Plans for one bot (``me``) given the other bots' ``claims``. A bot that does not
    ``read_tickets`` knows no tickets: it only does what needs no ticket (repairs, burnt
    pots, dishes, tidying, putting down what it holds); calls are answered by the team."""

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
        yield from handoffs.clear_pass(self)

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
