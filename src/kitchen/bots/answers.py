"""Errands that answer a teammate's ``need`` call: fetch the item and put it down where the
caller can take it.

The item comes from a loose one the bot can reach and the caller cannot, else a crate
(a ``plate``: a plate stack or a sink's clean plates). It is put on the free counter that
is quickest for the two of them: the bot's walk there plus the caller's walk from where
they stand. A call names an item, not its state, so the bot chops it first when the caller
cannot reach a board, the level's recipes want it chopped and none cooks it raw in a pot
the caller can reach (``need:lettuce`` from the Pass of level 6 brings chopped lettuce,
``need:onion`` a raw onion).
"""

from __future__ import annotations

from kitchen.bots import errands as E
from kitchen.bots.errands import Errand, Step
from kitchen.bots.planner import Planner
from kitchen.bots.talk import Request
from kitchen.sim.spec import Tile

ANSWER = -2500
"""Weight of answering a call, in ticks: a teammate is waiting (only a finished dish to
serve comes first)."""


def answer(p: Planner, req: Request) -> Errand | None:
    """The errand that brings ``req.item`` to ``req.caller``, or ``None`` if this bot cannot."""
    w = p.w
    if not w.active(req.caller) and req.caller in p.rnd.chefs:
        return None
    fetch = _fetch(p, req)
    if fetch is None:
        return None
    steps, here, items = fetch
    stations: set[Tile] = set()
    if req.item != "plate" and _chop_first(p, req):
        board = _board(p, here)
        if board is not None:
            steps += [E.put_down(board, "board"), E.chop(board), E.take_memo(board)]
            stations.add(board)
            here = board
    counter = _counter_for(p, here, req.caller)
    if counter is None:
        return None
    steps.append(E.put_down(counter, "pass"))
    stations.add(counter)
    return p.errand(f"answer {req.caller}", steps, ANSWER, items=items, stations=stations)


def _fetch(p: Planner, req: Request) -> tuple[list[Step], Tile, set[int]] | None:
    w = p.w
    if req.item == "plate":
        found = p.nearest([s.tile for s in w.plate_sources()], None)
        return None if found is None else ([E.take_plate(found[0])], found[0], set())
    loose = [
        spot
        for spot in w.loose
        if spot.item.name == req.item
        and spot.item.id not in p.claims.items
        and w.reach(p.me, spot.tile) is not None
        and w.reach(req.caller, spot.tile) is None
    ]
    if loose:
        best = min(loose, key=lambda s: (w.reach(p.me, s.tile) or 0, s.tile))
        return [E.take_item(best.tile, best.item)], best.tile, {best.item.id}
    found = p.nearest([c.tile for c in w.crates_of(req.item)], None)
    return None if found is None else ([E.take_from_crate(found[0])], found[0], set())


def _chop_first(p: Planner, req: Request) -> bool:
    w = p.w
    spec = p.rnd.spec.ingredients.get(req.item)
    if spec is None or not spec.choppable:
        return False
    if any(w.can_use(req.caller, b.tile) for b in w.boards):
        return False  # they can chop it themselves
    recipes = p.rnd.spec.recipes.values()
    chopped = f"{req.item}:chopped"
    if not any(chopped in (*r.cook, *r.plate) for r in recipes):
        return False
    raw_in_pot = any(req.item in r.cook for r in recipes)
    return not (raw_in_pot and any(w.can_use(req.caller, s.tile) for s in w.stoves))


def _board(p: Planner, start: Tile) -> Tile | None:
    best: tuple[int, Tile] | None = None
    for board in p.w.free_boards():
        if board.tile in p.claims.stations:
            continue
        d = p.w.between(p.me, start, board.tile)
        if d is not None and (best is None or (d, board.tile) < best):
            best = (d, board.tile)
    return None if best is None else best[1]


def _counter_for(p: Planner, start: Tile, caller: int) -> Tile | None:
    """The free counter quickest for this bot (from ``start``) and the caller together."""
    w = p.w
    best: tuple[int, Tile] | None = None
    for counter in w.free_counters():
        tile = counter.tile
        if tile in p.claims.stations:
            continue
        mine = w.between(p.me, start, tile)
        theirs = w.reach(caller, tile) if caller in p.rnd.chefs else None
        if mine is None or theirs is None:
            continue
        if best is None or (mine + theirs, tile) < best:
            best = (mine + theirs, tile)
    return None if best is None else best[1]
