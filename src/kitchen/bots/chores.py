"""Chores that keep the kitchen running: repairs, burnt pots, dish-washing and tidying.

Each function yields candidate errands for the bot a :class:`~kitchen.bots.planner.Planner`
plans for, weighted like the planner's own candidates (urgent when service depends on it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from kitchen.bots import errands as E
from kitchen.bots.errands import Claims, Errand, Step
from kitchen.bots.jobs import Job
from kitchen.bots.world import World
from kitchen.sim.items import BURNT
from kitchen.sim.round import Round
from kitchen.sim.spec import Tile


class Planner(Protocol):
    """What the chores need of the planner that asks for them
    (:class:`kitchen.bots.planner.Planner`), without importing it back."""

    w: World
    rnd: Round
    claims: Claims
    jobs: list[Job]
    board_short: bool

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
        """An errand of ``steps`` for this bot, or ``None`` if it cannot walk the route."""

    def nearest(self, tiles: list[Tile], start: Tile | None) -> tuple[Tile, int] | None:
        """The tile of ``tiles`` nearest ``start`` and its distance."""

    def free_counter_near(self, start: Tile | None, goal: Tile | None) -> Tile | None:
        """A free counter on the way from ``start`` to ``goal``."""


URGENT_REPAIR = -1200
SCRAPE_NEEDED = -800
DISHES_SHORT = -700
REPAIR = -100
TIDY = 300


def repairs(p: Planner) -> Iterator[Errand]:
    """Repair broken stations: urgently when service needs them."""
    if not p.rnd.disruptions.active:
        return  # a station is broken only while its breakdown runs
    broken = [(t, s) for t, s in p.rnd.stations.items() if s.broken is not None]
    if not broken:
        return
    chopping = any(n.source.chop for j in p.jobs for n in j.needs)
    pots_short = any(j.waiting_for_pot for j in p.jobs)
    for tile, station in broken:
        if tile in p.claims.stations:
            continue
        urgent = (
            station.kind == "serve"
            or (station.kind == "stove" and (any(True for _ in station.items()) or pots_short))
            or (station.kind == "board" and chopping)
            or station.kind in ("plates", "crate", "sink")
        )
        found = p.errand(
            "repair", [E.repair(tile)], URGENT_REPAIR if urgent else REPAIR, stations={tile}
        )
        if found is not None:
            yield found


def scrapes(p: Planner) -> Iterator[Errand]:
    """Scrape burnt pots and bin the mess."""
    needed = any(j.waiting_for_pot for j in p.jobs)
    bins = [b.tile for b in p.w.bins]
    for stove in p.w.stoves:
        if stove.state != "burnt" or stove.tile in p.claims.stations:
            continue
        found = p.nearest(bins, stove.tile)
        if found is None:
            continue
        errand = p.errand(
            "scrape",
            [E.scrape(stove.tile), E.throw_away(found[0])],
            SCRAPE_NEEDED if needed else REPAIR,
            stations={stove.tile},
        )
        if errand is not None:
            yield errand


def dishes(p: Planner) -> Iterator[Errand]:
    """Take dirty plates to the sink and wash them (levels with dish-washing)."""
    if not p.w.sinks:
        return
    short = p.w.clean_plates_available() < 2
    weight = DISHES_SHORT if short else TIDY
    for sink in p.w.sinks:
        if sink.dirty and sink.tile not in p.claims.stations:
            wash = p.errand("wash", [E.wash(sink.tile)], weight, stations={sink.tile})
            if wash is not None:
                yield wash
    sinks = [s.tile for s in p.w.sinks if s.tile not in p.claims.stations]
    for ret in p.w.returns:
        if not ret.plates or ret.tile in p.claims.stations:
            continue
        found = p.nearest(sinks, ret.tile)
        if found is None:
            continue
        errand = p.errand(
            "dishes",
            [E.take_dirty(ret.tile), E.to_sink(found[0]), E.wash(found[0])],
            weight,
            stations={ret.tile, found[0]},
        )
        if errand is not None:
            yield errand


def tidy(p: Planner) -> Iterator[Errand]:
    """Bin burnt food and sink dirty plates left on counters; free a board when one is needed."""
    bins = [b.tile for b in p.w.bins]
    sinks = [s.tile for s in p.w.sinks]
    for item, tile in p.w.junk:
        if item.id in p.claims.items:
            continue
        found = p.nearest(bins if item.kind == BURNT else sinks, tile)
        if found is None:
            continue
        last = E.throw_away(found[0]) if item.kind == BURNT else E.to_sink(found[0])
        errand = p.errand("tidy", [E.take_item(tile, item), last], TIDY, items={item.id})
        if errand is not None:
            yield errand
    if not p.board_short:
        return
    for board in p.w.boards:
        on_board = board.item
        if on_board is None or on_board.id in p.claims.items or board.tile in p.claims.stations:
            continue
        if not on_board.chopped and p.rnd.spec.ingredients[on_board.name].choppable:
            continue
        counter = p.free_counter_near(board.tile, None)
        if counter is None:
            continue
        errand = p.errand(
            "clear board",
            [E.take_item(board.tile, on_board), E.put_down(counter)],
            TIDY - 250,
            items={on_board.id},
            stations={counter},
        )
        if errand is not None:
            yield errand
