"""Chef movement: smooth motion in integer sub-tile units, colliding with solid cells and
with each other.

A chef is an axis-aligned square of half-size :data:`HALF` centred on ``(x, y)``. Motion is
resolved one axis at a time, clamping against solid cells and other chefs, so two chefs can
never overlap and nobody passes through a counter. When a chef walking straight at a wall
is nearly lined up with an opening, it is nudged into line (corner assist), which is what
makes one-cell passages usable with a keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kitchen.sim.items import Item
from kitchen.sim.spec import UNIT, Tile

HALF = 380
"""Half the side of a chef's square, in sub-tile units (a chef is 0.76 cells wide)."""

GRID_MARGIN = 2
"""Blocked cells around the map in :meth:`Mover.blocked_grid` (a chef looks at most one
cell beyond its own)."""

DIAGONAL = 7071
"""Speed factor per 10,000 for diagonal moves (1/sqrt 2), so diagonals are not faster."""


@dataclass(slots=True, eq=False)
class Chef:
    """A chef in the kitchen: position (centre, in units), facing and what they carry."""

    player: int
    x: int
    y: int
    facing: tuple[int, int] = (0, 1)
    held: Item | None = None
    blocked_by: int | None = None
    blocked_since: int = 0
    status: str = "active"
    """``active``; ``frozen`` (called away: cannot move or act); ``away`` (off the map)."""
    zone: str | None = None

    @property
    def cell(self) -> Tile:
        """The map cell under the chef's centre."""
        return (self.x // UNIT, self.y // UNIT)

    @property
    def target(self) -> Tile:
        """The map cell the chef faces: the one ``interact`` and ``use`` act on."""
        cx, cy = self.cell
        return (cx + self.facing[0], cy + self.facing[1])


def chef_at(tile: Tile, player: int) -> Chef:
    """A chef standing in the middle of ``tile``."""
    return Chef(player=player, x=tile[0] * UNIT + UNIT // 2, y=tile[1] * UNIT + UNIT // 2)


def turn(chef: Chef, dx: int, dy: int) -> None:
    """Face the direction of travel, keeping one of four facings.

    On a diagonal the chef keeps its facing if it is one of the two parts, else faces
    sideways; so sliding along a counter keeps you facing it.
    """
    if dx and dy:
        if chef.facing not in ((dx, 0), (0, dy)):
            chef.facing = (dx, 0)
    elif dx or dy:
        chef.facing = (dx, dy)


class Mover:
    """Moves chefs through one map. Holds the solid cells; stateless otherwise."""

    def __init__(self, width: int, height: int, solid: frozenset[Tile]) -> None:
        self.width = width
        self.height = height
        # A flat list is faster to index than a set of tuples in the hot path.
        self._solid = [(x, y) in solid for y in range(height) for x in range(width)]
        self._forbidden: frozenset[Tile] | None = None
        self._grids: dict[frozenset[Tile] | None, list[bool]] = {}

    def set_solid(self, cell: Tile, solid: bool) -> None:
        """Make a cell solid or walkable (a layout change)."""
        self._solid[cell[1] * self.width + cell[0]] = solid
        self._grids.clear()

    @property
    def grid_stride(self) -> int:
        """Row length of :meth:`blocked_grid`."""
        return self.width + 2 * GRID_MARGIN

    def blocked_grid(self, forbidden: frozenset[Tile] | None) -> list[bool]:
        """Which cells stop a chef kept out of ``forbidden``: a flat list, row after row,
        of the map with a border of :data:`GRID_MARGIN` blocked cells all round; cell
        ``(x, y)`` is at ``(y + GRID_MARGIN) * grid_stride + x + GRID_MARGIN``. Cached
        until the layout changes."""
        grid = self._grids.get(forbidden)
        if grid is None:
            m = GRID_MARGIN
            grid = [
                self._blocked_in(x, y, forbidden)
                for y in range(-m, self.height + m)
                for x in range(-m, self.width + m)
            ]
            self._grids[forbidden] = grid
        return grid

    def _blocked_in(self, x: int, y: int, forbidden: frozenset[Tile] | None) -> bool:
        return self.is_solid(x, y) or (forbidden is not None and (x, y) in forbidden)

    def overlaps(self, chef: Chef, cell: Tile) -> bool:
        """True if the chef's square covers any part of ``cell``."""
        left, top = cell[0] * UNIT, cell[1] * UNIT
        return (
            chef.x + HALF > left
            and chef.x - HALF < left + UNIT
            and chef.y + HALF > top
            and chef.y - HALF < top + UNIT
        )

    def is_solid(self, x: int, y: int) -> bool:
        """True for a solid cell or anything outside the map."""
        if x < 0 or y < 0 or x >= self.width or y >= self.height:
            return True
        return self._solid[y * self.width + x]

    def _blocked(self, col: int, row: int) -> bool:
        return self.is_solid(col, row) or (
            self._forbidden is not None and (col, row) in self._forbidden
        )

    # Plain loops, not any(<generator>): these run for every chef on every tick, and the
    # generator costs a fifth of the simulation's speed.
    def _column_hits(self, col: int, top: int, bottom: int) -> bool:
        for row in range(top // UNIT, (bottom - 1) // UNIT + 1):  # noqa: SIM110
            if self._blocked(col, row):
                return True
        return False

    def _row_hits(self, row: int, left: int, right: int) -> bool:
        for col in range(left // UNIT, (right - 1) // UNIT + 1):  # noqa: SIM110
            if self._blocked(col, row):
                return True
        return False

    def move(
        self,
        chef: Chef,
        dx: int,
        dy: int,
        speed: int,
        chefs: Sequence[Chef],
        forbidden: frozenset[Tile] | None = None,
    ) -> int | None:
        """Move ``chef`` one tick in direction ``(dx, dy)`` at ``speed`` units per tick,
        treating ``forbidden`` cells (outside the chef's zones) like walls.

        Returns:
            The player number of a chef that stopped this one, if any.
        """
        self._forbidden = forbidden
        turn(chef, dx, dy)
        if not dx and not dy:
            return None
        step = speed * DIAGONAL // 10000 if dx and dy else speed
        blocker: int | None = None  # typed for mypyc (tools/compile_fast_path.py)
        wall_x = wall_y = False
        if dx:
            wall_x, who = self._move_x(chef, dx * step, chefs)
            blocker = blocker or who
        if dy:
            wall_y, who = self._move_y(chef, dy * step, chefs)
            blocker = blocker or who
        if wall_x and not dy:
            self._assist_y(chef, dx, step, chefs)
        elif wall_y and not dx:
            self._assist_x(chef, dy, step, chefs)
        return blocker

    def _move_x(self, chef: Chef, delta: int, chefs: Sequence[Chef]) -> tuple[bool, int | None]:
        nx = chef.x + delta
        top, bottom = chef.y - HALF, chef.y + HALF
        wall = False
        if delta > 0:
            col = (nx + HALF - 1) // UNIT
            if col != (chef.x + HALF - 1) // UNIT and self._column_hits(col, top, bottom):
                nx, wall = col * UNIT - HALF, True
        else:
            col = (nx - HALF) // UNIT
            if col != (chef.x - HALF) // UNIT and self._column_hits(col, top, bottom):
                nx, wall = (col + 1) * UNIT + HALF, True
        who = None
        for other in chefs:
            if other is chef or abs(other.y - chef.y) >= 2 * HALF:
                continue
            if delta > 0 and chef.x <= other.x and nx > other.x - 2 * HALF:
                nx, who = other.x - 2 * HALF, other.player
            elif delta < 0 and chef.x >= other.x and nx < other.x + 2 * HALF:
                nx, who = other.x + 2 * HALF, other.player
        chef.x = nx
        return wall, who

    def _move_y(self, chef: Chef, delta: int, chefs: Sequence[Chef]) -> tuple[bool, int | None]:
        ny = chef.y + delta
        left, right = chef.x - HALF, chef.x + HALF
        wall = False
        if delta > 0:
            row = (ny + HALF - 1) // UNIT
            if row != (chef.y + HALF - 1) // UNIT and self._row_hits(row, left, right):
                ny, wall = row * UNIT - HALF, True
        else:
            row = (ny - HALF) // UNIT
            if row != (chef.y - HALF) // UNIT and self._row_hits(row, left, right):
                ny, wall = (row + 1) * UNIT + HALF, True
        who = None
        for other in chefs:
            if other is chef or abs(other.x - chef.x) >= 2 * HALF:
                continue
            if delta > 0 and chef.y <= other.y and ny > other.y - 2 * HALF:
                ny, who = other.y - 2 * HALF, other.player
            elif delta < 0 and chef.y >= other.y and ny < other.y + 2 * HALF:
                ny, who = other.y + 2 * HALF, other.player
        chef.y = ny
        return wall, who

    def _assist_y(self, chef: Chef, dx: int, step: int, chefs: Sequence[Chef]) -> None:
        """Walking sideways into a wall: slide up or down into the open row ahead."""
        col = (chef.x + dx * (HALF + 1)) // UNIT
        row = chef.y // UNIT
        if self._blocked(col, row):
            return
        centre = row * UNIT + UNIT // 2
        delta = max(-step, min(step, centre - chef.y))
        if delta:
            self._move_y(chef, delta, chefs)

    def _assist_x(self, chef: Chef, dy: int, step: int, chefs: Sequence[Chef]) -> None:
        """Walking up or down into a wall: slide sideways into the open column ahead."""
        row = (chef.y + dy * (HALF + 1)) // UNIT
        col = chef.x // UNIT
        if self._blocked(col, row):
            return
        centre = col * UNIT + UNIT // 2
        delta = max(-step, min(step, centre - chef.x))
        if delta:
            self._move_x(chef, delta, chefs)
