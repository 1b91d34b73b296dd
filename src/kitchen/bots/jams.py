"""Untangling jams: computer cooks making way for each other and for people, backing off,
shaking loose, and parking out of the way when idle (a mixin of
:class:`~kitchen.bots.team.BotTeam`, kept apart to keep each module small)."""

from __future__ import annotations

import random
from collections import deque
from typing import TYPE_CHECKING

from kitchen.bots.navigation import NEIGHBOURS, LiveMap, steer
from kitchen.bots.pilot import Pilot
from kitchen.sim.movement import Chef, Mover
from kitchen.sim.spec import UNIT, Tile

if TYPE_CHECKING:
    from kitchen.sim.round import Round

STUCK = 18
"""Ticks without moving (while trying to) before a jam is untangled."""

IDLE_REPLAN = 10
"""Ticks an idle bot waits before looking for work again."""

MOVES = tuple((dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy)


class Jams:
    """How a team's bots get out of each other's way (see :class:`BotTeam`)."""

    rnd: Round
    players: list[int]
    pilots: dict[int, Pilot]
    live: LiveMap
    _others: dict[int, set[Tile]]
    _parking_key: tuple[int, int] | None
    _parking: set[Tile]
    _mover_key: int
    _mover_cache: Mover | None

    def _rank(self, player: int) -> tuple[float, int]:
        errand = self.pilots[player].errand
        return (errand.cost if errand is not None else float("inf"), player)

    def _untangle(self, covered: dict[int, list[Tile]]) -> None:
        rnd = self.rnd
        tick = rnd.tick
        self._parkable((0, 0))  # the parking cells of this map version, once a tick
        parking = self._parking
        blocking = set()
        for chef in rnd.chefs.values():
            if chef.blocked_by is not None:
                blocking.add(chef.blocked_by)
        for player in self.players:
            pilot = self.pilots[player]
            chef = rnd.chefs[player]
            if chef.status != "active":
                continue
            if not pilot.walking:
                if pilot.errand is None and pilot.aside is None and player not in blocking:
                    if chef.cell not in parking:  # idle and in nobody's way: the usual case
                        self._park(player, covered)
                else:
                    self._when_still(player, covered)
                continue
            if pilot.still < STUCK:
                continue
            blocker = chef.blocked_by
            if pilot.aside is not None and tick - pilot.last_yield < 120:
                self._jiggle(player, covered)  # making way is itself stuck: shake loose
                continue
            if blocker is None:
                pilot.move_aside(chef.cell, tick + 6)  # a snag on a corner: re-centre
                pilot.still = 0
                continue
            other = self.pilots.get(blocker)
            if other is None:
                # a person: let them pass
                if pilot.still >= 2 * STUCK and not self._give_way(player, blocker, covered):
                    self._give_way(player, blocker, covered, 2, strict=False)
                continue
            if other.aside is not None and pilot.still < 3 * STUCK:
                continue
            if other.walking:
                loser = max(player, blocker, key=self._rank)
                winner = blocker if loser == player else player
                if not self._give_way(loser, winner, covered):
                    self._give_way(winner, loser, covered)
            elif other.busy_in_place and other.step is not None and other.step.action == "use":
                pilot.avoid_extra = set(covered.get(blocker, ()))
                if pilot.still >= 4 * STUCK:
                    self._give_way(player, blocker, covered, 2, strict=False)
            elif not self._give_way(blocker, player, covered):
                self._give_way(player, blocker, covered, 2, strict=False)  # back off: give it room

    def _when_still(self, player: int, covered: dict[int, list[Tile]]) -> None:
        """A bot standing still: make way for anyone it blocks; park if idle in the way."""
        rnd = self.rnd
        pilot = self.pilots[player]
        step = pilot.step
        chopping = pilot.aside is None and step is not None and step.action == "use"
        patience = 6 if pilot.errand is None or pilot.aside is not None else 60
        blocking = False
        if not chopping:
            for other in rnd.chefs.values():
                if other.blocked_by == player:
                    blocking = True
                    break
        if blocking:
            for other in rnd.chefs.values():
                if (
                    other.blocked_by == player
                    and rnd.tick - other.blocked_since >= patience
                    and self._give_way(player, other.player, covered)
                ):
                    return
        idle = pilot.errand is None and pilot.aside is None
        if idle and not self._parkable(rnd.chefs[player].cell):
            spot = self._aside_cell(player, set(), self._occupied(player, covered), parking=True)
            if spot is not None:
                pilot.move_aside(spot, rnd.tick + IDLE_REPLAN)

    def _park(self, player: int, covered: dict[int, list[Tile]]) -> None:
        """An idle bot blocking nobody: park out of the way if it stands in it."""
        if not self._parkable(self.rnd.chefs[player].cell):
            occupied = self._occupied(player, covered)
            spot = self._aside_cell(player, set(), occupied, parking=True)
            if spot is not None:
                self.pilots[player].move_aside(spot, self.rnd.tick + IDLE_REPLAN)

    def _give_way(
        self,
        player: int,
        to: int,
        covered: dict[int, list[Tile]],
        min_dist: int = 1,
        strict: bool = True,
    ) -> bool:
        """Move ``player`` off the way of chef ``to`` for a moment; False if boxed in.
        With ``strict`` off, any free cell ``min_dist`` away will do (backing off)."""
        rnd = self.rnd
        pilot = self.pilots[player]
        keep = set(covered.get(to, ()))
        other = self.pilots.get(to)
        if strict and other is not None:
            keep.update(other.path)
            step = other.step
            if step is not None:
                keep.update(self.live.approach(step.tile, rnd.silos.forbidden(to)))
        elif strict:
            keep.update(pilot.path)
            chef = rnd.chefs[to]
            fx, fy = chef.facing
            cx, cy = chef.cell
            keep.update((cx + fx * k, cy + fy * k) for k in range(1, 5))
        occupied = self._occupied(player, covered)
        cell = self._aside_cell(player, keep, occupied, min_dist=min_dist)
        if cell is None:  # boxed in: push past bots that stand still (they make way)
            still = {
                c
                for p, cells in covered.items()
                if p in self.pilots and p != player and not self.pilots[p].walking
                for c in cells
            }
            cell = self._aside_cell(player, keep, occupied - still, min_dist=min_dist)
            occupied = occupied - still
        if cell is None or not self._feasible(player, cell, occupied):
            return False
        length = len(other.path) if other is not None else 4
        pilot.move_aside(cell, rnd.tick + min(150, max(40, 15 * length + 30)))
        pilot.last_yield = rnd.tick
        pilot.still = 0
        if other is not None:
            other.still = 0
        return True

    def _jiggle(self, player: int, covered: dict[int, list[Tile]]) -> None:
        """Move for a moment in a random direction that really moves the chef (seeded by
        the round's seed, the chef and the tick, so rounds stay reproducible)."""
        rnd = self.rnd
        pilot = self.pilots[player]
        options = [d for d in MOVES if self._moves(player, d, 4) >= 40]
        if options:
            pick = random.Random(f"{rnd.seed}:{player}:{rnd.tick}").choice(options)
            pilot.push(pick, rnd.tick + 12)
        pilot.last_yield = rnd.tick
        pilot.still = 0

    def _mover(self) -> Mover:
        if self._mover_key != self.live.version:
            live = self.live
            solid = frozenset(
                (x, y)
                for y in range(live.height)
                for x in range(live.width)
                if not live.walkable((x, y))
            )
            self._mover_cache = Mover(live.width, live.height, solid)
            self._mover_key = live.version
        assert self._mover_cache is not None
        return self._mover_cache

    def _moves(
        self, player: int, move: tuple[int, int], ticks: int, toward: Tile | None = None
    ) -> int:
        """How far (in units) the chef would get in ``ticks`` ticks moving ``move`` (or
        steering towards cell ``toward``) with everyone else standing still."""
        rnd = self.rnd
        chef = rnd.chefs[player]
        ghost = Chef(player, chef.x, chef.y, chef.facing)
        others = [c for c in rnd.chefs.values() if c is not chef and c.status != "away"]
        forbidden = rnd.silos.forbidden(player)
        mover = self._mover()
        for _ in range(ticks):
            step = steer(ghost, toward) if toward is not None else move
            if step == (0, 0):
                break
            mover.move(ghost, step[0], step[1], rnd.spec.chef_speed, others, forbidden)
        if toward is not None:
            tx, ty = toward[0] * UNIT + UNIT // 2, toward[1] * UNIT + UNIT // 2
            return (abs(tx - chef.x) + abs(ty - chef.y)) - (abs(tx - ghost.x) + abs(ty - ghost.y))
        return abs(ghost.x - chef.x) + abs(ghost.y - chef.y)

    def _feasible(self, player: int, cell: Tile, occupied: set[Tile]) -> bool:
        """True if the chef can actually start moving towards ``cell``."""
        chef = self.rnd.chefs[player]
        path = self.live.path(chef.cell, [cell], occupied, self.rnd.silos.forbidden(player))
        if not path:
            return path is not None
        return self._moves(player, (0, 0), 4, toward=path[0]) >= 40

    def _aside_cell(
        self,
        player: int,
        keep: set[Tile],
        occupied: set[Tile],
        min_dist: int = 1,
        parking: bool = False,
    ) -> Tile | None:
        """The nearest free cell at least ``min_dist`` steps away that is not in ``keep``
        (with ``parking``: out of everyone's way)."""
        rnd = self.rnd
        chef = rnd.chefs[player]
        forbidden = rnd.silos.forbidden(player)
        start = chef.cell
        seen = {start: 0}
        queue = deque([start])
        best: tuple[int, int, int] | None = None
        while queue:
            cell = queue.popleft()
            d = seen[cell]
            if best is not None and d > best[0]:
                break
            if d >= min_dist and cell not in keep:
                parkable = self._parkable(cell)
                if parking and not parkable:
                    pass
                else:
                    cand = (d + (0 if parkable else 3), cell[1], cell[0])
                    if best is None or cand < best:
                        best = cand
                    if parkable:
                        continue
            for dx, dy in NEIGHBOURS:
                nxt = (cell[0] + dx, cell[1] + dy)
                if nxt in seen or nxt in occupied or not self.live.walkable(nxt, forbidden):
                    continue
                seen[nxt] = d + 1
                queue.append(nxt)
        return None if best is None else (best[2], best[1])

    def _parkable(self, cell: Tile) -> bool:
        """True for a cell where an idle bot is out of the way: not a chokepoint (a cell
        whose removal cuts the kitchen in two) and not in front of a working station."""
        key = (self.live.version, len(self.rnd.stations))
        if self._parking_key != key:
            self._parking_key = key
            self._parking = self._compute_parking()
        return cell in self._parking

    def _compute_parking(self) -> set[Tile]:
        live = self.live
        cells = [
            (x, y) for y in range(live.height) for x in range(live.width) if live.walkable((x, y))
        ]
        fronts: set[Tile] = set()
        for tile, station in self.rnd.stations.items():
            if station.kind != "counter":
                fronts.update(live.approach(tile))
        open_ = {c for c in cells if not self._chokepoint(c, cells)}
        return (open_ - fronts) or open_

    def _chokepoint(self, cell: Tile, cells: list[Tile]) -> bool:
        """True if taking ``cell`` away splits the walkable cells."""
        rest = [c for c in cells if c != cell]
        if not rest:
            return False
        seen = {rest[0], cell}
        queue = deque([rest[0]])
        while queue:
            cx, cy = queue.popleft()
            for dx, dy in NEIGHBOURS:
                nxt = (cx + dx, cy + dy)
                if nxt not in seen and self.live.walkable(nxt):
                    seen.add(nxt)
                    queue.append(nxt)
        return len(seen) - 1 < len(rest)

    def _occupied(self, player: int, covered: dict[int, list[Tile]]) -> set[Tile]:
        """The cells the other chefs cover this tick (shared within a tick: do not change)."""
        found = self._others.get(player)
        if found is None:
            found = set()
            for p, cells in covered.items():
                if p != player:
                    found.update(cells)
            self._others[player] = found
        return found
