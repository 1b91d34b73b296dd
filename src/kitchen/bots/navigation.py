"""Finding a way across the kitchen and steering a chef along it, through commands only."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from kitchen.sim.movement import Chef
from kitchen.sim.spec import UNIT, KitchenSpec, Tile

NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1))

ARRIVE = 90
"""How close (in units) to a cell's centre counts as being there."""


def floor_cells(spec: KitchenSpec) -> set[Tile]:
    """Every walkable cell of the map."""
    return {
        (x, y)
        for y in range(spec.height)
        for x in range(spec.width)
        if (x, y) not in spec.solid
    }


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
    goal_set = set(goals)
    if start in goal_set:
        return []
    blocked = set(avoid) - goal_set
    came: dict[Tile, Tile | None] = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        for dx, dy in NEIGHBOURS:
            nxt = (cell[0] + dx, cell[1] + dy)
            if nxt in came or nxt in spec.solid or nxt in blocked:
                continue
            if not (0 <= nxt[0] < spec.width and 0 <= nxt[1] < spec.height):
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
