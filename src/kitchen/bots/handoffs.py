"""Passing things across a counter when the chef who needs them cannot reach them.

Ingredients already cross counters through the planner's *pass* counters. This module adds
what else must cross:

- **plates**: when the chefs who can reach a pot cannot reach any plates (Overcooked-AI's
  forced_coordination: plates on one side, pots and the serving window on the other), a bot
  that can reach the plates puts a clean plate on a counter both can reach, one per pot
  that is filling or cooking, before the soup is ready;
- **a burnt pot with no bin**: the mess is scraped out and set aside on a counter nobody
  else needs (one the other chefs cannot reach, else the one furthest from the pots), so
  the pot cooks again. The mess stays there: a level without a bin has nowhere else for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from kitchen.bots import errands as E
from kitchen.bots.chores import Planner as ChoresPlanner
from kitchen.bots.errands import Errand
from kitchen.bots.jobs import Job
from kitchen.sim.spec import Tile

PLATE_PASS = "plate pass"
"""The slot a bot claims while it brings a plate across (one per plate in flight)."""

PASS_PLATE = 150
"""Added to a plate pass's cost: the pot's ingredients come first."""

SET_ASIDE = -800
"""Weight of scraping a burnt pot onto a counter (only done when a ticket needs the pot)."""


class Planner(ChoresPlanner, Protocol):
    """What these errands need of :class:`kitchen.bots.planner.Planner`: what the chores
    need, and the bot's own number and its hand-over counters."""

    me: int

    def handover(self, start: Tile | None, target: Tile, serve: bool = False) -> Tile | None:
        """A free counter the bot can reach from which another chef can reach ``target``."""

    def job_weight(self, job: Job) -> float:
        """How urgent a ticket is, in ticks."""


def _others(p: Planner) -> list[int]:
    return [q for q in sorted(p.rnd.chefs) if q != p.me and p.w.active(q)]


def plates(p: Planner) -> Iterator[Errand]:
    """Bring a clean plate across to the chefs who can reach a pot but no plates."""
    w = p.w
    waiting = [
        j
        for j in p.jobs
        if j.pot is not None
        and j.plate is None
        and not j.collecting
        and not j.blocked
        and (j.pot.contents or j.pot.state in ("cooking", "ready"))
        and w.reach(p.me, j.pot.tile) is None
    ]
    if not waiting:
        return
    sources = [s.tile for s in w.plate_sources()]
    mine = p.nearest(sources, None)
    if mine is None:
        return
    others = _others(p)
    cooks = [
        q
        for q in others
        if not any(w.can_use(q, s) for s in sources)
        and any(w.can_use(q, j.pot.tile) for j in waiting if j.pot is not None)
    ]
    if not cooks:
        return
    lying = sum(
        1
        for spot in w.plates
        if spot.tile is not None
        and not spot.item.contents
        and any(w.can_use(q, spot.tile) for q in cooks)
    )
    coming = p.claims.slots.get(((PLATE_PASS,), "plate"), 0)
    if lying + coming >= len(waiting):
        return
    job = waiting[0]
    assert job.pot is not None
    counter = p.handover(mine[0], job.pot.tile)
    if counter is None:
        return
    errand = p.errand(
        "pass plate",
        [E.take_plate(mine[0]), E.put_down(counter, "pass")],
        PASS_PLATE + p.job_weight(job),
        slots=(((PLATE_PASS,), "plate"),),
        stations={counter},
    )
    if errand is not None:
        yield errand


def set_aside_counter(p: Planner, start: Tile) -> Tile | None:
    """A free counter for something nobody needs: one only this bot can reach, else the
    one furthest from the pots; ``None`` if there is none."""
    w = p.w
    others = _others(p)
    best: tuple[int, int, int, Tile] | None = None
    for counter in w.free_counters():
        tile = counter.tile
        if tile in p.claims.stations:
            continue
        d = w.between(p.me, start, tile)
        if d is None:
            continue
        shared = any(w.can_use(q, tile) for q in others)
        near_pot = min(
            (abs(tile[0] - s.tile[0]) + abs(tile[1] - s.tile[1]) for s in w.stoves), default=0
        )
        key = (1 if shared else 0, -near_pot, d, tile)
        if best is None or key < best:
            best = key
    return None if best is None else best[3]


def scrape_without_bin(p: Planner, needed: bool) -> Iterator[Errand]:
    """Scrape burnt pots onto a counter set aside (levels without a bin), when a ticket
    waits for a pot."""
    if p.w.bins or not needed:
        return
    for stove in p.w.stoves:
        if stove.state != "burnt" or stove.tile in p.claims.stations:
            continue
        counter = set_aside_counter(p, stove.tile)
        if counter is None:
            continue
        errand = p.errand(
            "scrape",
            [E.scrape(stove.tile), E.put_down(counter, "set aside")],
            SET_ASIDE,
            stations={stove.tile, counter},
        )
        if errand is not None:
            yield errand
