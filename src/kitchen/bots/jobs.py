"""Jobs: the open tickets, each matched to the pot and plate that will make it, and what
is still missing and where each missing piece will come from.

Tickets are taken most urgent first. Work already in progress is reused: a pot cooking or
holding part of the right soup, a plate already holding part of the dish (``order.components``
is the exact plate wanted, so a special ticket without an allergen is respected). Missing
components are matched to loose ingredients lying about (ready ones first, then raw ones
that still need chopping), else to a crate that still hands out. A job whose missing
ingredient has no source at all (a shortage) is *blocked*: bots leave it and work on the
tickets they can make, which is how they switch recipe when something runs out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from kitchen.bots.errands import Claims
from kitchen.bots.world import Loose, PlateSpot, World
from kitchen.sim.items import Item, is_sub_multiset
from kitchen.sim.orders import Order
from kitchen.sim.stations import Stove

if TYPE_CHECKING:
    from kitchen.sim.round import Round

POT = "pot"
PLATE = "plate"


@dataclass(eq=False)
class Source:
    """Where one missing component comes from: a loose item (``item`` at ``tile``), the
    bot's own hands, or any crate of ``ingredient``; ``chop`` if it must be chopped first."""

    kind: str  # "loose", "hand" or "crate"
    ingredient: str
    chop: bool = False
    item: Item | None = None
    tile: tuple[int, int] | None = None
    on_board: bool = False


@dataclass(eq=False)
class Need:
    """One component missing from a container: ``("pot", tile)`` or ``("plate", order_id)``."""

    container: tuple[Any, ...]
    key: str
    source: Source


@dataclass(eq=False)
class Job:
    """One open ticket and how it is being made."""

    order: Order
    rank: int
    soup: str | None
    cook: Counter[str]
    plate_keys: Counter[str]
    pot: Stove | None = None
    plate: PlateSpot | None = None
    needs: list[Need] = field(default_factory=list)
    blocked: bool = False
    collecting: bool = False
    waiting_for_pot: bool = False
    inflight: dict[tuple[Any, ...], int] = field(default_factory=dict)
    """Components other bots are bringing, by container."""

    @property
    def soup_missing(self) -> bool:
        """True while the plate still lacks its soup."""
        if self.soup is None:
            return False
        return self.plate is None or self.soup not in self.plate.item.plate_components()

    def plate_needs(self) -> list[Need]:
        """Missing components of the plate (the soup excluded)."""
        return [n for n in self.needs if n.container[0] == PLATE]

    @property
    def complete(self) -> bool:
        """True when the job's plate holds exactly what the ticket wants."""
        plate = self.plate
        return plate is not None and plate.item.plate_components() == self.order.components


@lru_cache(maxsize=4096)
def tally(keys: tuple[str, ...]) -> Counter[str]:
    """``Counter(keys)``, shared between callers: never change it."""
    return Counter(keys)


def _cook_of(world: World, soup: str) -> tuple[str, ...]:
    for recipe in world.rnd.spec.recipes.values():
        if recipe.cook and recipe.soup_key == soup:
            return recipe.cook
    return ()


Dish = tuple[str | None, Counter[str], Counter[str]]
_DISHES: WeakKeyDictionary[Round, dict[tuple[str, ...], Dish]] = WeakKeyDictionary()
_LAST: tuple[Round, dict[tuple[str, ...], Dish]] | None = None


def _dish(world: World, components: tuple[str, ...]) -> Dish:
    """A ticket's soup, what goes into its pot and what else onto its plate (remembered
    per round: the recipes do not change)."""
    global _LAST
    rnd = world.rnd
    if _LAST is not None and _LAST[0] is rnd:
        known = _LAST[1]  # the same round as last time: no weak-dictionary look-up
    else:
        found_round = _DISHES.get(rnd)
        known = _DISHES[rnd] = {} if found_round is None else found_round
        _LAST = (rnd, known)
    found = known.get(components)
    if found is None:
        soup = next((k for k in components if k.startswith("soup:")), None)
        cook = tally(_cook_of(world, soup) if soup else ())
        found = known[components] = (soup, cook, tally(tuple(k for k in components if k != soup)))
    return found


def _pot_score(pot: Stove, soup: str, cook: Counter[str]) -> float | None:
    """How good a pot is for a soup (lower is better), ``None`` if it cannot make it."""
    if pot.state in ("cooking", "ready"):
        if pot.soup_key != soup or not pot.contents:
            return None
        progress = pot.timer / pot.cook_ticks if pot.state == "cooking" and pot.cook_ticks else 1.0
        return (0.0 if pot.state == "ready" else 1.0 - progress) + (0.5 if pot.broken else 0.0)
    if pot.state != "idle":
        return None
    if not pot.contents:
        return 2.0 + sum(cook.values()) + (3.0 if pot.broken is not None else 0.0)
    have = tally(tuple(sorted(c.component for c in pot.contents)))
    if not is_sub_multiset(have, cook):
        return None
    missing = sum((cook - have).values())
    return 2.0 + missing + (3.0 if pot.broken is not None else 0.0)


def build_jobs(world: World, claims: Claims, me: int | None = None) -> list[Job]:
    """The open tickets as jobs, most urgent first, with their missing pieces and sources.

    Args:
        world: the kitchen now.
        claims: what other bots have reserved (their in-flight items count as supplied).
        me: the bot planning; the ingredient it holds is offered as a source first.
    """
    rnd = world.rnd
    orders = sorted(rnd.orders.open, key=lambda o: (o.expires, o.id))
    jobs: list[Job] = []
    for rank, order in enumerate(orders):
        soup, cook, plate_keys = _dish(world, order.components)
        jobs.append(Job(order, rank, soup, cook, plate_keys))

    free_pots = list(world.stoves)
    for job in jobs:
        if job.soup is None:
            continue
        scored = [
            (s, i)
            for i, p in enumerate(free_pots)
            if (s := _pot_score(p, job.soup, job.cook)) is not None
        ]
        if scored:
            _, index = min(scored)
            job.pot = free_pots.pop(index)
        else:
            job.waiting_for_pot = True

    free_plates = [p for p in world.plates if p.item.contents]
    for job in jobs:
        wanted = tally(job.order.components)
        fits = [
            (-len(p.item.contents), i)
            for i, p in enumerate(free_plates)
            if is_sub_multiset(tally(p.item.plate_components()), wanted)
        ]
        if fits:
            _, index = min(fits)
            job.plate = free_plates.pop(index)

    pool = _loose_pool(world, claims, me)
    for job in jobs:
        if job.order.id in claims.orders:
            job.collecting = True
            continue
        if job.plate is not None and job.plate.holder is not None and job.plate.holder != me:
            job.collecting = True  # someone else carries its plate
            continue
        if job.soup is not None and job.pot is not None and job.pot.state == "idle":
            container = (POT, job.pot.tile)
            have = tally(tuple(sorted(c.component for c in job.pot.contents)))
            _add_needs(world, job, container, job.cook - have, claims, pool)
        on_plate = tally(job.plate.item.plate_components() if job.plate else ())
        _add_needs(world, job, (PLATE, job.order.id), job.plate_keys - on_plate, claims, pool)
    return jobs


def _loose_pool(world: World, claims: Claims, me: int | None) -> list[Source]:
    pool: list[Source] = []
    if me is not None:
        held = world.rnd.chefs[me].held
        if held is not None and held.kind == "ingredient":
            pool.append(Source("hand", held.name, item=held))
    for loose in world.loose:
        if loose.item.id not in claims.items:
            pool.append(_from_loose(loose))
    return pool


def _from_loose(loose: Loose) -> Source:
    item = loose.item
    return Source("loose", item.name, item=item, tile=loose.tile, on_board=loose.on_board)


def _add_needs(
    world: World,
    job: Job,
    container: tuple[Any, ...],
    missing: Counter[str],
    claims: Claims,
    pool: list[Source],
) -> None:
    specs = world.rnd.spec.ingredients
    for key in sorted(missing):
        coming = min(missing[key], claims.slots.get((container, key), 0))
        job.inflight[container] = job.inflight.get(container, 0) + coming
        count = missing[key] - coming
        name, _, state = key.partition(":")
        wants_chop = state == "chopped"
        for _ in range(max(0, count)):
            source = _take_ready(pool, key)
            if source is None and wants_chop and name in specs and specs[name].choppable:
                source = _take_raw(pool, name)
            if source is None:
                if world.crates_of(name):
                    source = Source("crate", name, chop=wants_chop)
                else:
                    job.blocked = True
                    continue
            job.needs.append(Need(container, key, source))


def _take_ready(pool: list[Source], key: str) -> Source | None:
    for i, source in enumerate(pool):
        assert source.item is not None
        if source.item.component == key:
            return pool.pop(i)
    return None


def _take_raw(pool: list[Source], name: str) -> Source | None:
    for i, source in enumerate(pool):
        item = source.item
        assert item is not None
        if item.name == name and not item.chopped:
            pool.pop(i)
            source.chop = True
            return source
    return None
