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

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kitchen.bots.conversation import ASK_EVERY, Conversation
from kitchen.bots.errands import Claims
from kitchen.bots.jams import IDLE_REPLAN, Jams
from kitchen.bots.navigation import LiveMap, covered_cells
from kitchen.bots.pilot import Pilot
from kitchen.bots.planner import Planner
from kitchen.bots.world import World
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.movement import HALF, Mover
from kitchen.sim.spec import UNIT, Tile

if TYPE_CHECKING:
    from kitchen.sim.round import Round

INF = float("inf")


class BotTeam(Jams):
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
