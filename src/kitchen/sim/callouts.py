"""Quick-chat call-outs and how acknowledgements link to the calls they answer (TeamSTEPPS
call-out / check-back).

An ``on_it`` acknowledges a ``need`` or ``help`` of another chef that nobody has
acknowledged yet (the latest such call). A ``thanks`` is the caller's check-back: it answers
the latest ``on_it`` addressed to the chef who thanks (one that acknowledged *their* call),
or else the latest ``ready`` of another chef. It never answers an ``on_it`` given to somebody
else's call. A call older than :data:`ANSWER_WINDOW` can no longer be answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from kitchen.events import Callout, Event
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
    """For an ``on_it``: the chef whose call it acknowledged."""


class CallBoard:
    """The calls made so far in a round, and which are still waiting for an answer."""

    def __init__(self) -> None:
        self._open: list[_OpenCall] = []
        self._next_id = 1
        self.last: dict[int, tuple[str, int]] = {}
        """Each chef's latest call and its tick (for speech bubbles)."""

    def _answered_by(self, player: int, kind: str) -> _OpenCall | None:
        """The open call that ``player``'s ``kind`` acknowledges, if any."""
        others = [c for c in reversed(self._open) if c.player != player]
        if kind == "on_it":
            return next((c for c in others if c.kind in ("need", "help")), None)
        if kind == "thanks":
            mine = next((c for c in others if c.kind == "on_it" and c.to == player), None)
            return mine or next((c for c in others if c.kind == "ready"), None)
        return None

    def call(self, tick: int, player: int, callout: str, events: list[Event]) -> None:
        """Record ``player``'s call and link it to the call it answers, if any."""
        kind, _, item = callout.partition(":")
        self._open = [c for c in self._open if tick - c.tick <= ANSWER_WINDOW]
        answered = self._answered_by(player, kind)
        call_id = self._next_id
        self._next_id += 1
        self.last[player] = (callout, tick)
        if answered is not None:
            self._open.remove(answered)
        events.append(
            Callout(
                tick,
                player,
                call_id,
                kind,
                item or None,
                answered.id if answered else None,
                tick - answered.tick if answered else None,
            )
        )
        if kind in ("need", "help", "on_it", "ready"):
            to = answered.player if answered is not None and kind == "on_it" else None
            self._open.append(_OpenCall(call_id, player, kind, tick, to))
