"""Quick-chat call-outs and how acknowledgements close the loop (TeamSTEPPS call-out /
check-back): an ``on_it`` answers a ``need`` or ``help``; a ``thanks`` answers an ``on_it``
or ``ready``."""

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


class CallBoard:
    """The calls made so far in a round, and which are still waiting for an answer."""

    def __init__(self) -> None:
        self._open: list[_OpenCall] = []
        self._next_id = 1
        self.last: dict[int, tuple[str, int]] = {}
        """Each chef's latest call and its tick (for speech bubbles)."""

    def call(self, tick: int, player: int, callout: str, events: list[Event]) -> None:
        """Record ``player``'s call and link it to the call it answers, if any."""
        kind, _, item = callout.partition(":")
        self._open = [c for c in self._open if tick - c.tick <= ANSWER_WINDOW]
        answered: _OpenCall | None = None
        for candidate in reversed(self._open):
            if candidate.player != player and candidate.kind in ANSWERS.get(kind, ()):
                answered = candidate
                break
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
            self._open.append(_OpenCall(call_id, player, kind, tick))
