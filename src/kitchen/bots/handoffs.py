"""Passing things across a counter when the chef who needs them cannot reach them.

Ingredients already cross counters through the planner's *pass* counters. This module adds
what else must cross:

- **plates**: when the chefs who can reach a pot cannot reach any plates (Overcooked-AI's
  forced_coordination: plates on one side, pots and the serving window on the other), a bot
  that can reach the plates puts a clean plate on a counter both can reach, one per pot
  that is filling or cooking, before the soup is ready;
- **a burnt pot with no bin**: the mess is scraped out and set aside on a counter nobody
  else needs (one the other chefs cannot reach, else the one furthest from the pots), so
  the pot cooks again. The mess stays there: a level without a bin has nowhere else for it;
- **room on a full hand-over counter** (:func:`clear_pass`): when every counter this bot
  shares with a chef on the other side is taken, it moves an ingredient the other side
  left waiting there onto a counter of its own, so the other side can hand over again. Without it
  the silos of level 6 deadlocked: the counter wall held two spare onions and a chopped
  lettuce waiting for its tomato, so the tomato could not cross and nobody moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol
from weakref import WeakKeyDictionary

from kitchen.bots import errands as E
from kitchen.bots.chores import Planner as ChoresPlanner
from kitchen.bots.errands import Errand
from kitchen.bots.jobs import Job
from kitchen.bots.navigation import LiveMap
from kitchen.bots.world import World
from kitchen.sim.items import INGREDIENT
from kitchen.sim.spec import TICKS_PER_SECOND, Tile

PLATE_PASS = "plate pass"
"""The slot a bot claims while it brings a plate across (one per plate in flight)."""

PASS_PLATE = 150
"""Added to a plate pass's cost: the pot's ingredients come first."""

SET_ASIDE = -800
"""Weight of scraping a burnt pot onto a counter (only done when a ticket needs the pot)."""

CLEAR_PASS = 300
"""Weight of making room on a full hand-over counter (after any work for a ticket)."""

CLEARING = ((("clear pass",), "counter"),)
"""The slot a bot claims while it makes room (one bot at a time does)."""

LEFT_WAITING = 5 * TICKS_PER_SECOND
"""How long a handed-over ingredient lies on a full hand-over counter before it is moved
(one about to be taken on is left where it is)."""


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


def clear_pass(p: Planner) -> Iterator[Errand]:
    """Make room on the hand-over counters this bot shares with a chef on another side,
    when all of them are taken (or claimed): move an ingredient a chef of that side put
    there and left waiting (:data:`LEFT_WAITING`) onto a free counter only this side
    reaches. Ingredients no ticket is waiting for go first, then the nearest."""
    w = p.w
    if p.claims.slots.get(CLEARING[0], 0):
        return
    mine = counters_reached(w, p.me)
    taken = p.claims.stations
    stations = p.rnd.stations
    if not any(getattr(stations[t], "item", None) is not None for t in mine):
        return  # nothing lies on any counter it reaches (quick: planning asks often)
    others = _others(p)
    reach = {q: counters_reached(w, q) for q in others}
    across = [q for q in others if reach[q] != mine]
    full: set[Tile] = set()
    shared_any: set[Tile] = set()
    for q in across:
        shared = mine & reach[q]
        shared_any |= shared
        if shared and all(getattr(stations[t], "item", None) or t in taken for t in shared):
            full |= shared
    if not full:
        return
    spots = [
        c.tile
        for c in w.free_counters()
        if c.tile in mine and c.tile not in shared_any and c.tile not in taken
    ]
    if not spots:
        return
    wanted = {id(n.source.item) for j in p.jobs for n in j.needs if n.source.item is not None}
    options: list[tuple[bool, int, Tile, Tile]] = []
    for tile in sorted(full):
        item = getattr(stations[tile], "item", None)
        if item is None or item.kind != INGREDIENT or item.id in p.claims.items:
            continue
        if item.put_by not in across or p.rnd.tick - item.put_tick < LEFT_WAITING:
            continue
        if not _usable(p, item.name, item.chopped):
            continue
        best = min(
            ((d, s) for s in spots if (d := w.between(p.me, tile, s)) is not None), default=None
        )
        if best is not None:
            options.append((id(item) in wanted, best[0], tile, best[1]))
    if not options:
        return
    _, _, tile, spot = min(options)
    item = getattr(stations[tile], "item", None)
    assert item is not None
    errand = p.errand(
        "clear pass",
        [E.take_item(tile, item), E.put_down(spot, "set aside")],
        CLEAR_PASS,
        items={item.id},
        slots=CLEARING,
        stations={spot},
    )
    if errand is not None:
        yield errand


_REACHED: WeakKeyDictionary[LiveMap, dict[tuple[object, ...], frozenset[Tile]]] = (
    WeakKeyDictionary()
)


def counters_reached(w: World, player: int) -> frozenset[Tile]:
    """The plain counters chef ``player`` can walk to face from where it stands
    (remembered per map version, no-go cells and cell: planning asks this often)."""
    memo = _REACHED.get(w.live)
    if memo is None:
        memo = _REACHED[w.live] = {}
    key = (w.live.version, w.rnd.layout_version, w.forbidden(player), w.rnd.chefs[player].cell)
    found = memo.get(key)
    if found is None:
        if len(memo) > 4096:
            memo.clear()
        found = memo[key] = frozenset(c.tile for c in w.counters if w.can_use(player, c.tile))
    return found


def _usable(p: Planner, name: str, chopped: bool) -> bool:
    """Whether this bot's side can use an ingredient ``name`` as it is (it needs no board
    the bot cannot reach)."""
    w = p.w
    spec = p.rnd.spec.ingredients.get(name)
    if chopped or spec is None or not spec.choppable:
        return True
    used_raw = any(name in (*r.cook, *r.plate) for r in p.rnd.spec.recipes.values())
    return used_raw or any(w.can_use(p.me, b.tile) for b in w.boards)
