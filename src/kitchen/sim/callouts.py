"""Quick-chat call-outs and how acknowledgements link to the calls they answer (TeamSTEPPS
call-out / check-back).

A call may be addressed to one chef (``need:onion@2``) or to everyone. An ``on_it``
acknowledges a ``need`` or ``help`` of another chef that nobody has acknowledged yet: of
those, one addressed to the acknowledging chef first, then one addressed to everyone, then one
addressed to somebody else (stepping in); the latest within each. An ``on_it`` that names a
chef (``on_it@1``) answers that chef's call first. An ``on_it`` that names an item
(``on_it:onion@1``) answers an open ``need`` of that item first, in the same order of
addressees; with no such call open it answers as one that names no item. A ``thanks`` is
the caller's check-back: it answers an ``on_it`` given to the chef who thanks (one that
acknowledged *their* call), or else a ``ready`` of another chef, in the same order of
addressees. It never answers an ``on_it`` given to somebody else's call. A call older than
:data:`ANSWER_WINDOW` can no longer be answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kitchen.events import Callout, Event
from kitchen.sim.commands import callout_addressee
from kitchen.sim.spec import TICKS_PER_SECOND

ANSWERS = {"on_it": ("need", "help"), "thanks": ("on_it", "ready")}
"""Which call kinds each acknowledgement can answer."""

ANSWER_WINDOW = 20 * TICKS_PER_SECOND
"""A call older than this can no longer be answered (the moment has passed)."""


@dataclass(slots=True)
class _OpenCall:
    id: int
    player: int
    kind: str
    tick: int
    to: int | None = None
    """The chef the call is addressed to (``None``: everyone)."""
    item: str = ""
    """What a ``need`` asks for (``""``: no item)."""
    acked: int | None = None
    """For an ``on_it``: the chef whose call it acknowledged."""


class CallBoard:
    """The calls made so far in a round, and which are still waiting for an answer."""

    def __init__(self, chefs: Iterable[int] | None = None) -> None:
        self.chefs = None if chefs is None else frozenset(chefs)
        """The chefs of the round (a call addressed to anyone else is for everyone)."""
        self._open: list[_OpenCall] = []
        self._addressed = 0
        """How many of the open calls are addressed to one chef."""
        self._kinds = {"need": 0, "help": 0, "on_it": 0, "ready": 0}
        """How many open calls there are of each kind."""
        self._next_id = 1
        self.last: dict[int, tuple[str, int]] = {}
        """Each chef's latest call and its tick (for speech bubbles)."""

    def _answered_by(self, player: int, kind: str, to: int | None, item: str) -> int | None:
        """The index in the open calls of the one that ``player``'s ``kind`` (addressed to
        ``to``, naming ``item``) acknowledges: of another chef's calls it can answer, the
        named sender's first, then calls to ``player``, then calls to everyone; the latest
        within each. An ``on_it`` naming an item looks among the ``need`` calls for that
        item first."""
        kinds = self._kinds
        if kind == "on_it":
            if not (kinds["need"] or kinds["help"]):
                return None
            if item and kinds["need"]:
                found = self._best(player, to, lambda c: c.kind == "need" and c.item == item)
                if found is not None:
                    return found
            return self._best(player, to, lambda c: c.kind in ("need", "help"))
        if kind == "thanks":
            if kinds["on_it"] and any(c.kind == "on_it" and c.acked == player for c in self._open):
                return self._best(player, to, lambda c: c.kind == "on_it" and c.acked == player)
            if not kinds["ready"]:
                return None
            return self._best(player, to, lambda c: c.kind == "ready")
        return None

    def _forget(self, call: _OpenCall) -> None:
        """Count a call no longer open."""
        self._kinds[call.kind] -= 1
        if call.to is not None:
            self._addressed -= 1

    def _best(self, player: int, to: int | None, wanted: Callable[[_OpenCall], bool]) -> int | None:
        """The index of the best-ranked wanted call of another chef (the latest of equals)."""
        open_calls = self._open
        # With no call addressed to anybody and none named, every candidate ranks alike:
        # the latest one wins.
        plain = to is None and not self._addressed
        best: int | None = None
        best_rank = (False, False, False)
        for n in range(len(open_calls) - 1, -1, -1):
            c = open_calls[n]
            if c.player == player or not wanted(c):
                continue
            if plain:
                return n
            rank = (c.player == to, c.to == player, c.to is None)
            if best is None or rank > best_rank:
                best, best_rank = n, rank
        return best

    def call(self, tick: int, player: int, callout: str, events: list[Event]) -> None:
        """Record ``player``'s call and link it to the call it answers, if any."""
        kind, _, item = callout.partition("@")[0].partition(":")
        to = callout_addressee(callout)
        if to == player or (self.chefs is not None and to not in self.chefs):
            to = None  # not a teammate: the call is for everyone
        open_calls = self._open
        # calls are kept in the order made: the stale ones are at the front
        stale = 0
        while stale < len(open_calls) and tick - open_calls[stale].tick > ANSWER_WINDOW:
            self._forget(open_calls[stale])
            stale += 1
        if stale:
            del open_calls[:stale]
        found = self._answered_by(player, kind, to, item) if kind in ANSWERS else None
        call_id = self._next_id
        self._next_id += 1
        self.last[player] = (callout, tick)
        answered = None
        if found is not None:
            answered = open_calls.pop(found)
            self._forget(answered)
        events.append(
            Callout(
                tick,
                player,
                call_id,
                kind,
                item or None,
                answered.id if answered else None,
                tick - answered.tick if answered else None,
                to,
            )
        )
        if kind in ("need", "help", "on_it", "ready"):
            acked = answered.player if answered is not None and kind == "on_it" else None
            self._open.append(_OpenCall(call_id, player, kind, tick, to, item, acked))
            self._kinds[kind] += 1
            if to is not None:
                self._addressed += 1
