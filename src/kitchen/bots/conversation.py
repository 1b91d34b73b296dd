"""A team of computer cooks talking: the glue between :class:`~kitchen.bots.talk.Talk`
(hearing and saying), :mod:`kitchen.bots.answers` (bringing what was asked for) and
:mod:`kitchen.bots.asking` (asking for what only a teammate can fetch).

Used by :class:`~kitchen.bots.team.BotTeam` when it is made with ``talk=True``; without it
the cooks are silent and a role's ``sees_tickets`` does not hold them back (they read the
tickets as if the team passed them round perfectly).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from kitchen.bots import answers
from kitchen.bots.asking import wants
from kitchen.bots.errands import Claims, Errand
from kitchen.bots.pilot import Pilot
from kitchen.bots.planner import Planner
from kitchen.bots.talk import Request, Talk
from kitchen.bots.world import World
from kitchen.sim.commands import Command
from kitchen.sim.spec import TICKS_PER_SECOND

if TYPE_CHECKING:
    from kitchen.sim.round import Round

ASK_EVERY = 15
"""Ticks between two looks at what the team should ask for."""

OPEN_CALLS = 2
"""A bot asks for one item again only while fewer than this many of its calls for it are
open (two onions on the way, not six)."""

BUSY = 8
"""Steps added to a teammate's walk, when choosing whom to ask, per call waiting on them."""

IGNORED = 60
IGNORED_FOR = 30 * TICKS_PER_SECOND
"""Steps added for a teammate who let a call to them go unanswered in the last 30 s."""


class Conversation:
    """What the bots of one team say and whom they answer.

    Args:
        rnd: the round.
        bots: the chefs the team plays.
    """

    def __init__(self, rnd: Round, bots: frozenset[int]) -> None:
        self.rnd = rnd
        self.bots = bots
        self.talk = Talk(rnd, bots)
        self.answering: dict[int, tuple[Errand, Request]] = {}

    def reads_tickets(self, player: int) -> bool:
        """Whether bot ``player``'s role reads the tickets (else it works from calls)."""
        return self.rnd.silos.sees_tickets(player)

    def hear(self) -> None:
        """Start of a tick: read the calls and hands of the last one."""
        self.talk.listen()

    def plan(self, pilot: Pilot, world: World, claims: Claims) -> Errand | None:
        """An errand answering a call ``pilot``'s bot could take on now (it says "On it!")."""
        player = pilot.player
        # Settle the call it was answering first: a bot that finishes one errand and takes
        # on the next call in the same tick would otherwise leave the first call open for
        # good, and the caller would not ask for that item again.
        self.check(pilot)
        found = self.talk.open_for(player)
        if not found:
            return None
        planner = Planner(world, claims, player, self.reads_tickets(player))
        for req in found:
            errand = answers.answer(planner, req)
            if errand is not None:
                self.talk.take(player, req)
                self.answering[player] = (errand, req)
                return errand
        return None

    def check(self, pilot: Pilot) -> None:
        """After a bot's tick: a call it answered is met once the errand is done, and open
        again (for anyone) if the errand was dropped."""
        under_way = self.answering.get(pilot.player)
        if under_way is None or pilot.errand is under_way[0]:
            return
        errand, req = self.answering.pop(pilot.player)
        if pilot.completed is errand:
            req.done = True
        elif not req.done and req.taker == pilot.player:
            req.taker = None

    def ask(self, world: World, claims: Claims) -> None:
        """Ask out loud for what only a teammate can fetch (the team does it every
        :data:`ASK_EVERY` ticks)."""
        rnd = self.rnd
        sighted = [p for p in sorted(self.bots) if self.reads_tickets(p) and world.active(p)]
        talk = self.talk
        fetchers = {
            p: BUSY * talk.waiting_on(p)
            + (IGNORED if rnd.tick - talk.unanswered.get(p, -IGNORED_FOR) < IGNORED_FOR else 0)
            for p in sorted(rnd.chefs)
            if world.active(p) and (p not in self.bots or not self.reads_tickets(p))
        }
        if not sighted or not fetchers:
            return
        calls = wants(world, claims, sighted, fetchers)
        todo = Counter((caller, item) for caller, item, _ in calls)
        to_of = {(caller, item): to for caller, item, to in calls}
        for (caller, item), count in sorted(todo.items()):
            if min(count, OPEN_CALLS) > talk.asked(caller, item):
                talk.ask(caller, item, to_of[(caller, item)])

    def say(self, out: dict[int, Command]) -> dict[int, Command]:
        """The commands with this tick's call of each bot added."""
        for player, command in out.items():
            call = self.talk.next_call(player)
            if call is not None:
                out[player] = dataclasses.replace(command, callout=call)
        return out
