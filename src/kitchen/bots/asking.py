"""What computer cooks ask their teammates for.

The bots that read the tickets work out what the open tickets still need (the planner's
jobs). A piece that no such bot can fetch itself, but a person or a bot whose role cannot
read the tickets can, is asked for out loud: ``need:ITEM@N``, from a bot who can take it on
from there (one who can reach the pot, or the serving window for what goes on a plate), to
the teammate who can reach the item. The same goes for plates when the bots at the pots
cannot reach any. A bot does not ask again while its earlier calls for the item are open
(see :class:`~kitchen.bots.talk.Talk`), so each piece is asked for once.
"""

from __future__ import annotations

from collections import Counter

from kitchen.bots.errands import Claims
from kitchen.bots.jobs import PLATE, build_jobs
from kitchen.bots.world import World
from kitchen.sim.spec import Tile


def wants(
    world: World, claims: Claims, sighted: list[int], fetchers: dict[int, int]
) -> list[tuple[int, str, int]]:
    """The calls to make now: ``(caller, item, to)``.

    Args:
        world: the kitchen now.
        claims: what every bot has under way.
        sighted: the bots that read the tickets (the callers).
        fetchers: the teammates who fetch on request (people, and bots that cannot read
            the tickets), each with steps added to their walk when choosing whom to ask
            (for calls already waiting on them, or left unanswered lately).
    """
    if not sighted or not fetchers:
        return []
    wanted: Counter[tuple[str, Tile | None]] = Counter()
    for job in build_jobs(world, claims):
        if job.blocked or job.collecting:
            continue
        for need in job.needs:
            src = need.source
            if src.kind == "hand":
                continue
            target = need.container[1] if need.container[0] != PLATE else None
            if src.kind == "loose" and src.tile is not None:
                if any(world.can_use(b, src.tile) for b in sighted):
                    continue
            elif any(
                world.can_use(b, c.tile) for b in sighted for c in world.crates_of(src.ingredient)
            ):
                continue
            wanted[(src.ingredient, target)] += 1
        pot = job.pot
        if (
            pot is not None
            and job.plate is None
            and (pot.contents or pot.state in ("cooking", "ready"))
            and not any(world.can_use(b, s.tile) for b in sighted for s in world.plate_sources())
            and not any(s.tile is not None and not s.item.contents for s in world.plates)
        ):
            wanted[("plate", pot.tile)] += 1
    calls = []
    for (item, target), count in sorted(
        wanted.items(), key=lambda kv: (kv[0][0], kv[0][1] or (-1, -1))
    ):
        caller = _caller(world, sighted, target)
        to = _fetcher(world, fetchers, item)
        if caller is not None and to is not None:
            calls.extend([(caller, item, to)] * count)
    return calls


def _order(entry: tuple[tuple[str, Tile | None], int]) -> tuple[str, Tile]:
    (item, target), _ = entry
    return (item, target or (-1, -1))


def _caller(world: World, sighted: list[int], target: Tile | None) -> int | None:
    """The bot who takes the piece on: one who can reach ``target`` (a pot), or serve."""
    for bot in sighted:
        if target is not None and world.can_use(bot, target):
            return bot
        if (
            target is None
            and world.may_serve(bot)
            and any(world.can_use(bot, s.tile) for s in world.serves)
        ):
            return bot
    return sighted[0] if target is None else None


def _fetcher(world: World, fetchers: dict[int, int], item: str) -> int | None:
    """The teammate nearest an ``item`` they can fetch (counting their extra steps)."""
    tiles = (
        [s.tile for s in world.plate_sources()]
        if item == "plate"
        else [c.tile for c in world.crates_of(item)]
        + [s.tile for s in world.loose if s.item.name == item]
    )
    best: tuple[int, int] | None = None
    for player, extra in sorted(fetchers.items()):
        if not world.active(player):
            continue
        for tile in tiles:
            d = world.reach(player, tile)
            if d is not None and (best is None or (d + extra, player) < best):
                best = (d + extra, player)
    return None if best is None else best[1]
