"""What computer cooks hear and say: the players' own call-outs (``need:onion@2``,
``on_it:onion@1``, ``ready``, ``thanks@3``), sent through their commands like anyone's.

A :class:`Talk` is kept by a :class:`~kitchen.bots.team.BotTeam` made with ``talk=True``.
Each tick it reads the calls made on the last tick (``rnd.calls.last``, anyone's) and what
every chef holds, and it queues the bots' own calls, one per chef per tick:

- a ``need`` from anyone becomes a :class:`Request` on the book; a free bot that can bring
  the item takes it on with ``on_it:item@caller``, naming the item so the log links the
  acknowledgement to that call (see :mod:`kitchen.bots.answers`); a person's ``on_it``
  takes on the latest open call they could answer (of the item it names, if it names one),
  so the bots leave it to them;
- a bot that picks up something another chef held last says ``thanks@giver``, and the
  open requests of the chef who receives an item of that name are settled;
- a bot that puts a finished dish down on a counter for a teammate to serve says
  ``ready``;
- a bot that needs what only a person or a bot whose role cannot read the tickets can
  fetch asks for it (:func:`kitchen.bots.asking.wants`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kitchen.sim.callouts import ANSWER_WINDOW
from kitchen.sim.commands import callout_addressee
from kitchen.sim.items import PLATE, Item
from kitchen.sim.spec import TICKS_PER_SECOND

if TYPE_CHECKING:
    from kitchen.sim.round import Round

DELIVER_WITHIN = 60 * TICKS_PER_SECOND
"""A request taken on but not brought within this long is given up."""

HOLDERS_KEPT = 4096
"""Item ids remembered with the chef who held them last."""


def item_name(item: Item) -> str:
    """What a call names this item by: ``plate`` for any plate, else the ingredient."""
    return "plate" if item.kind == PLATE else item.name


@dataclass(eq=False)
class Request:
    """One ``need`` call and what became of it.

    Attributes:
        caller: the chef who asked.
        item: an ingredient's name, or ``plate``.
        to: the chef asked (``None``: everyone).
        taker: the chef who said "On it!" (a bot or a person), if anyone did.
        done: brought, or given up.
        said: the call has been made out loud (a bot's own call is queued first).
    """

    caller: int
    item: str
    to: int | None
    tick: int
    taker: int | None = None
    taken_at: int = 0
    done: bool = False
    said: bool = True

    def open_to(self, player: int) -> bool:
        """Whether ``player`` could still take this call on."""
        return (
            not self.done
            and self.taker is None
            and self.caller != player
            and (self.to is None or self.to == player)
        )


class Talk:
    """The call-outs a team of computer cooks hears and says.

    Args:
        rnd: the round.
        bots: the chefs the team plays.
    """

    def __init__(self, rnd: Round, bots: frozenset[int]) -> None:
        self.rnd = rnd
        self.bots = bots
        self.requests: list[Request] = []
        self._heard: dict[int, int] = {}
        self._out: dict[int, deque[str]] = {p: deque() for p in bots}
        self._held: dict[int, Item | None] = {}
        self._holder: dict[int, int] = {}
        self._held_back: list[tuple[int, Request]] = []
        """A bot's "On it!" for a bot's call not yet made out loud: said once it is, so the
        acknowledgement never comes before the call in the log."""
        self.unanswered: dict[int, int] = {}
        """Chef -> when a call addressed to them last went unanswered."""

    # --- hearing -----------------------------------------------------------------------

    def listen(self) -> None:
        """Read the calls made since the last tick, and who now holds what."""
        rnd = self.rnd
        for player, (callout, tick) in sorted(rnd.calls.last.items()):
            if self._heard.get(player) != tick:
                self._heard[player] = tick
                self._hear(player, callout, tick)
        if self._held_back:
            self._release()
        now = rnd.tick
        for req in self.requests:
            if req.done:
                continue
            if req.taker is None and now - req.tick > ANSWER_WINDOW:
                req.done = True  # nobody took it on: the moment has passed
                if req.to is not None:
                    self.unanswered[req.to] = now
            elif req.taker is not None and now - req.taken_at > DELIVER_WITHIN:
                req.done = True
        if len(self.requests) > 64:
            self.requests = [r for r in self.requests if not r.done]
        self._watch_hands()

    def _hear(self, player: int, callout: str, tick: int) -> None:
        call = callout.partition("@")[0]
        kind, _, item = call.partition(":")
        to = callout_addressee(callout)
        if to == player or to not in (None, *self.rnd.chefs):
            to = None
        if kind == "need" and item and player not in self.bots:
            self.requests.append(Request(player, item, to, tick))
        elif kind == "need" and item:
            for req in self.requests:  # a call said once stands for each queued alike
                if not req.said and req.caller == player and req.item == item and req.to == to:
                    req.said = True
        elif kind == "on_it" and player not in self.bots:
            options = [r for r in self.requests if r.open_to(player)]
            if item:
                options = [r for r in options if r.item == item] or options
            if to is not None:
                options = [r for r in options if r.caller == to] or options
            options.sort(key=lambda r: (r.to == player, r.tick))
            if options:
                options[-1].taker = player
                options[-1].taken_at = tick

    def _release(self) -> None:
        """Say the held-back "On it!"s whose call has now been made (drop the others' once
        the call is met, given up or taken by somebody else)."""
        kept: list[tuple[int, Request]] = []
        for player, req in self._held_back:
            if req.done or req.taker != player:
                continue
            if req.said:
                self.say(player, f"on_it:{req.item}@{req.caller}")
            else:
                kept.append((player, req))
        self._held_back = kept

    def _watch_hands(self) -> None:
        rnd = self.rnd
        for chef in rnd.chefs.values():
            player = chef.player
            held = chef.held
            before = self._held.get(player)
            if held is before:
                continue
            self._held[player] = held
            if before is not None and held is None and player in self.bots:
                self._maybe_ready(player, before)
            if held is None:
                continue
            giver = self._holder.get(held.id)
            if len(self._holder) > HOLDERS_KEPT:
                self._holder.clear()
            self._holder[held.id] = player
            if giver is None or giver == player:
                continue
            self._settle(player, item_name(held))
            if player in self.bots:
                self.say(player, f"thanks@{giver}")

    def _maybe_ready(self, player: int, put: Item) -> None:
        """A finished dish put down on a counter for a teammate to serve: "Ready!"."""
        rnd = self.rnd
        if not (put.is_clean_plate and put.contents):
            return
        station = rnd.stations.get(rnd.chefs[player].target)
        if (
            station is None
            or station.kind != "counter"
            or getattr(station, "item", None) is not put
        ):
            return
        if rnd.orders.match(put.plate_components()) is not None:
            self.say(player, "ready")

    def _settle(self, player: int, name: str) -> None:
        """``player`` received an item called ``name``: their oldest open call for it is met."""
        for req in self.requests:
            if not req.done and req.caller == player and req.item == name:
                req.done = True
                return

    # --- saying ------------------------------------------------------------------------

    def say(self, player: int, callout: str) -> None:
        """Queue a call for bot ``player`` (said on one of the next ticks, in order)."""
        if callout_addressee(callout) == player:
            callout = callout.partition("@")[0]
        queue = self._out.setdefault(player, deque())
        if callout not in queue:
            queue.append(callout)

    def next_call(self, player: int) -> str | None:
        """The call bot ``player`` makes this tick, if any (taken off the queue)."""
        queue = self._out.get(player)
        return queue.popleft() if queue else None

    def ask(self, caller: int, item: str, to: int | None) -> Request:
        """Bot ``caller`` asks for ``item`` (``need:item@to``): queued and on the book."""
        req = Request(caller, item, to, self.rnd.tick, said=False)
        self.requests.append(req)
        self.say(caller, f"need:{item}" + (f"@{to}" if to is not None else ""))
        return req

    def take(self, player: int, req: Request) -> None:
        """Bot ``player`` takes ``req`` on: "On it!" to the caller, naming the item."""
        req.taker = player
        req.taken_at = self.rnd.tick
        if req.said:
            self.say(player, f"on_it:{req.item}@{req.caller}")
        else:
            self._held_back.append((player, req))

    def open_for(self, player: int) -> list[Request]:
        """Calls bot ``player`` could take on now: addressed to it first, then the oldest."""
        found = [r for r in self.requests if r.open_to(player)]
        found.sort(key=lambda r: (r.to != player, r.tick))
        return found

    def asked(self, caller: int, item: str) -> int:
        """How many of ``caller``'s calls for ``item`` are still open."""
        return sum(1 for r in self.requests if not r.done and r.caller == caller and r.item == item)

    def waiting_on(self, player: int) -> int:
        """How many open calls are addressed to ``player``."""
        return sum(1 for r in self.requests if not r.done and r.to == player)
