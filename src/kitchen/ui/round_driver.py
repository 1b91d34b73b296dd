"""One round being driven: the recorded simulation, the computer cooks, the fixed-rate clock,
and the commands of each tick.

The play screen hands :meth:`RoundDriver.tick` the human chefs' commands; the driver adds
the call-outs chosen on the quick-chat, the computer cooks' commands and the facilitator's
actions, steps the simulation (which writes the round's log) and keeps every event.
Nothing here draws or plays sounds.
"""

from __future__ import annotations

import dataclasses
import os

from kitchen.content import Level
from kitchen.events import Event
from kitchen.session import RecordedRound, Session
from kitchen.sim import Command
from kitchen.sim.actions import Action, SetController
from kitchen.sim.assists import Assists
from kitchen.ui.loop import FixedStepLoop

Position = tuple[int, int]


def random_seed() -> int:
    """A seed for a round nobody asked a seed for."""
    return int.from_bytes(os.urandom(4), "big") % 1_000_000


class RoundDriver:
    """A fresh round of ``level``, recorded into ``session`` (if any).

    Args:
        level: the level to play.
        humans: the chefs people play (their seats); computer cooks, if any, play the rest.
        silos: enforce the level's roles and zones.
        bots: computer cooks take the chefs nobody joined as.
        seed: the round's seed (default: a random one).
        assists: the accessibility assists in use.
        session: the workshop session the round's log is filed under.
        idle: seated chefs nobody plays at the start (their gamepad is unplugged and the
            facilitator carried on without them): recorded as not played by a person.
    """

    def __init__(
        self,
        level: Level,
        humans: list[int],
        silos: bool,
        bots: bool,
        seed: int | None,
        assists: Assists,
        session: Session | None,
        idle: list[int] | None = None,
    ) -> None:
        spec = level.spec
        humans = sorted(humans)
        players = sorted(spec.starts) if bots else humans
        players = [p for p in players if p in spec.starts]
        seed = random_seed() if seed is None else seed
        people = [p for p in humans if p in players and p not in (idle or ())]
        self.recorded = RecordedRound(
            level, seed, players, silos, assists, session=session, people=people
        )
        self.round = self.recorded.round
        self.bot_team = None
        bot_players = [p for p in players if p not in humans]
        if bot_players:
            from kitchen.bots import BotTeam

            self.bot_team = BotTeam(self.round, bot_players, talk=True)  # teammates
        self.loop = FixedStepLoop()
        self.previous: dict[int, Position] = self.positions()
        self.events: list[Event] = []
        self.pending: list[Action] = []
        """Facilitator actions (a disruption, the end of the round) for the next tick."""
        self.calls: dict[int, str] = {}
        """Call-outs chosen on a quick-chat, made on the next tick."""

    @property
    def log_error(self) -> str | None:
        """Why the round is not being recorded, if it is not."""
        return self.recorded.log_error

    def positions(self) -> dict[int, Position]:
        """Where each chef stands now."""
        return {p: (c.x, c.y) for p, c in self.round.chefs.items()}

    def ticks_due(self, dt: float) -> int:
        """How many ticks to run after ``dt`` seconds of real time."""
        return self.loop.advance(dt)

    def tick(self, commands: dict[int, Command]) -> tuple[dict[int, Command], list[Event]]:
        """One simulation tick. ``commands`` are the human chefs'; the call-outs, the
        computer cooks and the facilitator's actions are added to them. Returns every
        chef's command and the tick's events."""
        self.previous = self.positions()
        for player, call in self.calls.items():
            commands[player] = dataclasses.replace(commands.get(player, Command()), callout=call)
        self.calls.clear()
        if self.bot_team is not None:
            commands.update(self.bot_team.commands())
        actions, self.pending[:] = list(self.pending), []
        events = self.recorded.step(commands, actions)
        self.events.extend(events)
        return commands, events

    def set_controller(self, player: int, controller: str) -> None:
        """Chef ``player`` changes hands on the next tick (``person`` or ``computer``): the
        simulation records it as ``controller_changed`` so the debrief knows who played."""
        self.pending.append(SetController(player, controller))

    def close(self) -> None:
        """Stop recording (an unfinished round's log keeps everything up to now)."""
        self.recorded.close()
