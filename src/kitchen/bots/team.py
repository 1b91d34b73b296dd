"""A team of computer cooks sharing a round with each other and with people.

Use it from any front end, once per tick::

    team = BotTeam(rnd, players=[3, 4])
    ...
    commands.update(team.commands())
    rnd.step(commands)

Bots only ever send :class:`~kitchen.sim.commands.Command`s, exactly like people. They
never assume they control every chef: chefs that are not theirs are planned around (their
cells are avoided), plates that people carry are left to them, and when a person takes the
item a bot was going for, the bot's step fails its check and the bot plans again.

Bots read the live state of the round: they ignore the information disruptions
(``rnd.ticket_viewers`` during a blackout, ``rnd.darkness`` during a power cut) and, unless
they talk, a role's ``sees_tickets``, as if the team passed the tickets round perfectly.
They respect the silos: a role's forbidden zones and whether it may serve. Decisions are
deterministic: no clock and no shared random generator.

With ``talk=True`` they talk like teammates through the players' own call-outs (see
:mod:`kitchen.bots.conversation`): they answer anyone's ``need`` call, ask for what only a
teammate can fetch, say "On it!", "Ready!" and thanks, and a bot whose role cannot read the
tickets works from what is called out, like a person.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kitchen.bots.conversation import ASK_EVERY, Conversation
from kitchen.bots.errands import Claims
from kitchen.bots.navigation import NEIGHBOURS, LiveMap, covered_cells, steer
from kitchen.bots.pilot import Pilot
from kitchen.bots.planner import Planner
from kitchen.bots.world import World
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.movement import HALF, Chef, Mover
from kitchen.sim.spec import UNIT, Tile

if TYPE_CHECKING:
    from kitchen.sim.round import Round

INF = float("inf")

STUCK = 18
"""Ticks without moving (while trying to) before a jam is untangled."""

IDLE_REPLAN = 10
"""Ticks an idle bot waits before looking for work again."""

MOVES = tuple((dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy)


class BotTeam:
    """Computer cooks for some (or all) chefs of a round.

    Args:
        rnd: the round, stepped by the caller.
        players: the chefs the bots play (default: every chef in the round).
        talk: the bots talk through call-outs (and a role that cannot read the tickets
            works from calls); off, they are silent and all read the tickets.
    """

    def __init__(
        self, rnd: Round, players: Iterable[int] | None = None, talk: bool = False
    ) -> None:
        chosen = sorted(rnd.chefs) if players is None else sorted(set(players))
        unknown = [p for p in chosen if p not in rnd.chefs]
        if unknown:
            raise ValueError(f"no chef {unknown} in this round (chefs: {sorted(rnd.chefs)})")
        self.rnd = rnd
        self.players = chosen
        self.bots = frozenset(chosen)
        self.pilots = {p: Pilot(p) for p in chosen}
        self.live = LiveMap(rnd)
        self._tick = -1
        self._last: dict[int, Command] = {}
        self._world: World | None = None
        self._parking_key: tuple[int, int] | None = None
        self._mover_key = -1
        self._mover_cache: Mover | None = None
        self._parking: set[Tile] = set()
        self._cells_at: dict[tuple[int, int, int, int], list[Tile]] = {}
        self._seen_at: dict[int, tuple[int, int, list[Tile]]] = {}
        self._others: dict[int, set[Tile]] = {}
        self._asking: tuple[int, dict[int, list[Tile]], set[Tile]] = (0, {}, set())
        self._occupied_now = self._occupied_for_driver
        self.conversation = Conversation(rnd, self.bots) if talk else None

    # --- the public tick -------------------------------------------------------------

    def commands(self) -> dict[int, Command]:
        """This tick's commands for the bots' chefs (call once per tick, before ``step``)."""
        rnd = self.rnd
        if rnd.finished:
            return {}
        if rnd.tick == self._tick:
            return dict(self._last)
        self._tick = rnd.tick
        self._world = None
        self.live.refresh()
        covered = self._covered()
        self._others = {}
        talking = self.conversation
        if talking is not None:
            talking.hear()
            if rnd.tick % ASK_EVERY == 0:
                talking.ask(self._world_now(), self._claims(None))
        out: dict[int, Command] = dict.fromkeys(self.players, IDLE)  # in player order
        reserved: set[Tile] = set()
        pilots = self.pilots
        ranked = []
        for p in self.players:  # most urgent errand first (as _rank says)
            errand = pilots[p].errand
            ranked.append((INF if errand is None else errand.cost, p))
        ranked.sort()
        for _, player in ranked:
            out[player] = self._command(player, covered, reserved)
            pilot = self.pilots[player]
            if talking is not None:
                talking.check(pilot)
            if pilot.walking:
                reserved.update(pilot.path[:2])  # lower-priority bots plan round these
        self._untangle(covered)
        self._last = out
        if talking is not None:
            self._last = talking.say(self._last)
        return dict(self._last)

    def status(self) -> dict[int, str]:
        """What each bot is doing, for display: ``{player: "supply: crate (0, 1) -> ..."}``."""
        out = {}
        for player, pilot in self.pilots.items():
            if pilot.aside is not None:
                out[player] = f"making way at {pilot.aside}"
            elif pilot.errand is not None:
                out[player] = pilot.errand.label
            else:
                out[player] = "idle"
        return out

    # --- one bot ---------------------------------------------------------------------

    def _command(self, player: int, covered: dict[int, list[Tile]], reserved: set[Tile]) -> Command:
        rnd = self.rnd
        chef = rnd.chefs[player]
        pilot = self.pilots[player]
        pos = (chef.x, chef.y)
        if pilot.walking and pos == pilot.last_pos:
            pilot.still += 1
        else:
            pilot.still = 0
        pilot.last_pos = pos
        if chef.status != "active":
            pilot.drop()
            pilot.aside = None
            pilot.walking = False
            return IDLE
        tick = rnd.tick
        if (
            pilot.errand is None
            and pilot.aside is None
            and tick < pilot.next_plan
            and tick >= pilot.forced_until
        ):
            pilot.walking = False  # idle, not due to look for work: what drive would say
            return IDLE

        self._asking = (player, covered, reserved)
        occupied = self._occupied_now
        if pilot.errand is None and pilot.aside is None and rnd.tick >= pilot.next_plan:
            self._plan(pilot)
        outcome = pilot.drive(rnd, self.live, occupied)
        if outcome.finished and pilot.aside is None and rnd.tick >= pilot.next_plan:
            self._plan(pilot)
            outcome = pilot.drive(rnd, self.live, occupied)
        return outcome.command

    def _world_now(self) -> World:
        if self._world is None:
            self._world = World(self.rnd, self.live)
        return self._world

    def _claims(self, pilot: Pilot | None) -> Claims:
        """What the other bots' errands reserve (every bot's, for ``None``)."""
        claims = Claims()
        for other in self.pilots.values():
            if other is not pilot and other.errand is not None:
                claims.add(other.errand)
        return claims

    def _plan(self, pilot: Pilot) -> None:
        claims = self._claims(pilot)
        talking = self.conversation
        errand = None
        if talking is not None:
            errand = talking.plan(pilot, self._world_now(), claims)
        if errand is None:
            reads = talking is None or talking.reads_tickets(pilot.player)
            errand = Planner(self._world_now(), claims, pilot.player, reads).best()
        pilot.start(errand, self.rnd.tick)
        if errand is None:
            pilot.next_plan = self.rnd.tick + IDLE_REPLAN
        elif pilot.failures >= 3:
            pilot.next_plan = self.rnd.tick + IDLE_REPLAN  # keep failing: slow down

    # --- jams ------------------------------------------------------------------------

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

    def _covered(self) -> dict[int, list[Tile]]:
        """The cells each chef on the floor covers now (remembered by position)."""
        out = {}
        memo = self._cells_at
        seen = self._seen_at
        for chef in self.rnd.chefs.values():
            if chef.status == "away":
                continue
            x, y = chef.x, chef.y
            before = seen.get(chef.player)
            if before is not None and before[0] == x and before[1] == y:
                out[chef.player] = before[2]  # has not moved
                continue
            # the cells depend only on which cells the square's edges are in
            key = (
                (x - HALF) // UNIT,
                (x + HALF - 1) // UNIT,
                (y - HALF) // UNIT,
                (y + HALF - 1) // UNIT,
            )
            cells = memo.get(key)
            if cells is None:
                cells = memo[key] = covered_cells(chef)
            seen[chef.player] = (x, y, cells)
            out[chef.player] = cells
        return out

    def _occupied_for_driver(self) -> set[Tile]:
        """What the bot being driven must walk round: the cells other chefs cover, and the
        next cells of the bots that moved before it this tick."""
        player, covered, reserved = self._asking
        others = self._occupied(player, covered)
        return others | (reserved - set(covered.get(player, ()))) if reserved else others

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
