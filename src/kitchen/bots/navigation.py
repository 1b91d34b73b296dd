"""Finding a way across the kitchen and steering a chef along it, through commands only."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from kitchen.sim.movement import HALF, Chef
from kitchen.sim.spec import UNIT, KitchenSpec, Tile

if TYPE_CHECKING:
    from kitchen.sim.round import Round

NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1))

PATH_CACHE = 20_000
"""Paths kept per map version before the cache starts again."""

PathKey = tuple[Tile, tuple[Tile, ...], frozenset[Tile], frozenset[Tile] | None]

ARRIVE = 90
"""How close (in units) to a cell's centre counts as being there."""


def approach_cells(spec: KitchenSpec, station: Tile) -> list[Tile]:
    """The floor cells from which a chef can face ``station``."""
    x, y = station
    return [
        (x + dx, y + dy)
        for dx, dy in NEIGHBOURS
        if 0 <= x + dx < spec.width
        and 0 <= y + dy < spec.height
        and (x + dx, y + dy) not in spec.solid
    ]


def plan_path(
    spec: KitchenSpec, start: Tile, goals: Iterable[Tile], avoid: Iterable[Tile] = ()
) -> list[Tile] | None:
    """The shortest list of cells from ``start`` (excluded) to the nearest goal, by
    breadth-first search over floor cells; ``[]`` if already there, ``None`` if unreachable."""
    width, height, solid = spec.width, spec.height, spec.solid
    return shortest_path(
        start,
        goals,
        avoid,
        lambda x, y: 0 <= x < width and 0 <= y < height and (x, y) not in solid,
    )


def shortest_path(
    start: Tile,
    goals: Iterable[Tile],
    avoid: Iterable[Tile],
    open_cell: Callable[[int, int], bool],
) -> list[Tile] | None:
    """Breadth-first search from ``start`` to the nearest of ``goals`` over the cells for
    which ``open_cell(x, y)`` holds, never through ``avoid`` (unless it is a goal).

    Returns the cells after ``start`` up to the goal; ``[]`` if ``start`` is a goal;
    ``None`` if no goal can be reached.
    """
    goal_set = set(goals)
    if start in goal_set:
        return []
    blocked = set(avoid) - goal_set
    came: dict[Tile, Tile | None] = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        cx, cy = cell
        for dx, dy in NEIGHBOURS:
            nx, ny = cx + dx, cy + dy
            nxt = (nx, ny)
            if nxt in came or nxt in blocked or not open_cell(nx, ny):
                continue
            came[nxt] = cell
            if nxt in goal_set:
                path = [nxt]
                while came[path[-1]] != start:
                    prev = came[path[-1]]
                    assert prev is not None
                    path.append(prev)
                return path[::-1]
            queue.append(nxt)
    return None


def steer(chef: Chef, cell: Tile) -> tuple[int, int]:
    """The move that brings ``chef`` towards the centre of ``cell``; ``(0, 0)`` once there."""
    tx, ty = cell[0] * UNIT + UNIT // 2, cell[1] * UNIT + UNIT // 2
    dx = 0 if abs(tx - chef.x) <= ARRIVE else (1 if tx > chef.x else -1)
    dy = 0 if abs(ty - chef.y) <= ARRIVE else (1 if ty > chef.y else -1)
    return dx, dy


def facing_towards(cell: Tile, station: Tile) -> tuple[int, int]:
    """The unit direction from ``cell`` to the adjacent ``station``."""
    return (station[0] - cell[0], station[1] - cell[1])


class LiveMap:
    """The walkable cells of a round's kitchen *now*, with cached distance maps.

    Plans are always made on the live state: a layout change alters which cells are solid,
    so :meth:`refresh` re-reads ``rnd.mover`` (cheaply skipped for levels that have no
    layout changes). ``forbidden`` arguments are a chef's no-go cells
    (``rnd.silos.forbidden(player)``), treated like walls.
    """

    def __init__(self, rnd: Round) -> None:
        self.rnd = rnd
        self.width = rnd.spec.width
        self.height = rnd.spec.height
        self._changes = any(d.kind == "layout_change" for d in rnd.spec.disruptions)
        self._open: list[bool] = []
        self.version = 0
        """Goes up by one whenever the walkable cells change."""
        self._dist: dict[tuple[object, frozenset[Tile] | None], dict[Tile, int]] = {}
        self._approach: dict[tuple[Tile, frozenset[Tile] | None], list[Tile]] = {}
        self._between: dict[tuple[Tile, Tile, frozenset[Tile] | None], int | None] = {}
        self._adjacent: dict[frozenset[Tile] | None, dict[Tile, tuple[Tile, ...]]] = {}
        self._paths: dict[PathKey, list[Tile] | None] = {}
        self._read()

    def _read(self) -> None:
        solid = self.rnd.mover.is_solid
        fresh = [not solid(x, y) for y in range(self.height) for x in range(self.width)]
        if fresh != self._open:
            self._open = fresh
            self._dist.clear()
            self._approach.clear()
            self._between.clear()
            self._adjacent.clear()
            self._paths.clear()
            self.version += 1

    def refresh(self) -> None:
        """Re-read solidity from the round (only needed on levels with layout changes)."""
        if self._changes:
            self._read()

    def walkable(self, cell: Tile, forbidden: frozenset[Tile] | None = None) -> bool:
        """True for a floor cell inside the map that the chef may enter."""
        x, y = cell
        if not (0 <= x < self.width and 0 <= y < self.height):
            return False
        return self._open[y * self.width + x] and not (forbidden and cell in forbidden)

    def approach(self, station: Tile, forbidden: frozenset[Tile] | None = None) -> list[Tile]:
        """The walkable cells from which a chef can face ``station`` (cached; do not
        change the list)."""
        key = (station, forbidden)
        found = self._approach.get(key)
        if found is None:
            x, y = station
            found = [
                (x + dx, y + dy)
                for dx, dy in NEIGHBOURS
                if self.walkable((x + dx, y + dy), forbidden)
            ]
            self._approach[key] = found
        return found

    def distances(
        self, starts: Iterable[Tile], forbidden: frozenset[Tile] | None = None
    ) -> dict[Tile, int]:
        """Steps from the nearest of ``starts`` to every reachable cell (cached)."""
        starts = tuple(sorted(set(starts)))
        key = (starts, forbidden)
        found = self._dist.get(key)
        if found is not None:
            return found
        dist = {s: 0 for s in starts}
        queue = deque(dist)
        width, height, open_ = self.width, self.height, self._open
        while queue:
            cell = queue.popleft()
            d = dist[cell] + 1
            cx, cy = cell
            for dx, dy in NEIGHBOURS:
                nx, ny = cx + dx, cy + dy
                if not (0 <= nx < width and 0 <= ny < height) or not open_[ny * width + nx]:
                    continue
                nxt = (nx, ny)
                if nxt in dist or (forbidden and nxt in forbidden):
                    continue
                dist[nxt] = d
                queue.append(nxt)
        if len(self._dist) > 4096:
            self._dist.clear()
        self._dist[key] = dist
        return dist

    def station_distance(
        self, a: Tile, b: Tile, forbidden: frozenset[Tile] | None = None
    ) -> int | None:
        """Steps from facing station (or standing on cell) ``a`` to facing station ``b``."""
        key = (a, b, forbidden)
        if key in self._between:
            return self._between[key]
        found = self._station_distance(a, b, forbidden)
        self._between[key] = found
        return found

    def _station_distance(self, a: Tile, b: Tile, forbidden: frozenset[Tile] | None) -> int | None:
        starts = [a] if self.walkable(a, forbidden) else self.approach(a, forbidden)
        if not starts:
            return None
        dist = self.distances(starts, forbidden)
        ends = [b] if self.walkable(b, forbidden) else self.approach(b, forbidden)
        found = [dist[c] for c in ends if c in dist]
        return min(found) if found else None

    def path(
        self,
        start: Tile,
        goals: Iterable[Tile],
        avoid: Iterable[Tile] = (),
        forbidden: frozenset[Tile] | None = None,
    ) -> list[Tile] | None:
        """Like :func:`plan_path` on the live map: the cells from ``start`` (excluded) to the
        nearest goal, never through ``avoid`` or ``forbidden`` cells; ``None`` if none.

        The same search as :func:`shortest_path` (so the same path), cached per map version:
        bots ask the same question many times while they walk, wait and queue. The caller
        owns the list it gets."""
        goal_key = tuple(goals)
        goal_set = set(goal_key)
        if start in goal_set:
            return []
        blocked = frozenset(avoid).difference(goal_set)
        key = (start, goal_key, blocked, forbidden)
        if key in self._paths:
            found = self._paths[key]
        else:
            found = self._search(start, goal_set, blocked, forbidden)
            if len(self._paths) > PATH_CACHE:
                self._paths.clear()
            self._paths[key] = found
        return None if found is None else list(found)

    def _neighbours(self, forbidden: frozenset[Tile] | None) -> dict[Tile, tuple[Tile, ...]]:
        """Each walkable cell's walkable neighbours, in :data:`NEIGHBOURS` order."""
        found = self._adjacent.get(forbidden)
        if found is None:
            found = {}
            for y in range(self.height):
                for x in range(self.width):
                    cell = (x, y)
                    if self.walkable(cell, forbidden):
                        found[cell] = self._open_around(cell, forbidden)
            self._adjacent[forbidden] = found
        return found

    def _open_around(self, cell: Tile, forbidden: frozenset[Tile] | None) -> tuple[Tile, ...]:
        x, y = cell
        around = ((x + dx, y + dy) for dx, dy in NEIGHBOURS)
        return tuple(c for c in around if self.walkable(c, forbidden))

    def _search(
        self,
        start: Tile,
        goal_set: set[Tile],
        blocked: frozenset[Tile],
        forbidden: frozenset[Tile] | None,
    ) -> list[Tile] | None:
        """:func:`shortest_path`'s breadth-first search over the precomputed neighbours."""
        adjacent = self._neighbours(forbidden)
        came: dict[Tile, Tile | None] = {start: None}
        queue = deque([start])
        first = adjacent.get(start)
        if first is None:  # standing somewhere not walkable (pushed, or a no-go cell)
            first = self._open_around(start, forbidden)
        around = first
        while True:
            cell = queue.popleft()
            if cell is not start:
                around = adjacent[cell]
            for nxt in around:
                if nxt in came or nxt in blocked:
                    continue
                came[nxt] = cell
                if nxt in goal_set:
                    path = [nxt]
                    while (prev := came[path[-1]]) != start:
                        assert prev is not None
                        path.append(prev)
                    return path[::-1]
                queue.append(nxt)
            if not queue:
                return None


def covered_cells(chef: Chef) -> list[Tile]:
    """The cells a chef's square overlaps (one to four)."""
    cols = range((chef.x - HALF) // UNIT, (chef.x + HALF - 1) // UNIT + 1)
    rows = range((chef.y - HALF) // UNIT, (chef.y + HALF - 1) // UNIT + 1)
    return [(c, r) for r in rows for c in cols]
