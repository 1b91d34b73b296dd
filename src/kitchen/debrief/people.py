"""Who played each chef, moment by moment: a person, a computer cook, or nobody.

Participation and communication metrics count people only (a computer cook's silence says
nothing about the team). The log says who played: ``round_started.people`` names the chefs a
person played at the start (the others were computer cooks), and ``controller_changed``
records a chef changing hands mid-round, to a person, a computer cook, or nobody (the team
carried on without a chef whose gamepad went, and it stood still). A log written before these
existed (events version 1) had people on every chef; one written before ``nobody`` existed
says ``computer`` for a chef left standing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from kitchen.events import ControllerChanged, Event, RoundStarted

PERSON = "person"
COMPUTER = "computer"
NOBODY = "nobody"


@dataclass(frozen=True)
class PeopleTimeline:
    """Who played each chef over a round.

    Attributes:
        players: every chef of the round, in order.
        changes: per chef, ``(tick, controller)`` from the round's start on, in tick order
            (``person``, ``computer`` or ``nobody``); each entry holds from its tick until
            the next one.
    """

    players: tuple[int, ...]
    changes: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    def controller(self, player: int, tick: int) -> str | None:
        """Who played ``player`` at ``tick`` (a change at ``tick`` already holds); ``None``
        for a chef the round does not have."""
        marks = self.changes.get(player)
        if not marks:
            return None
        at = bisect_right([t for t, _ in marks], tick) - 1
        return marks[max(at, 0)][1]

    def is_person(self, player: int, tick: int) -> bool:
        """Whether a person played ``player`` at ``tick`` (a change at ``tick`` already
        holds)."""
        return self.controller(player, tick) == PERSON

    def people_ever(self) -> tuple[int, ...]:
        """The chefs a person played at some moment of the round, in order."""
        return tuple(p for p in self.players if any(c == PERSON for _, c in self.changes[p]))

    def person_ticks(self, player: int, end_tick: int) -> int:
        """How many ticks of ``[0, end_tick)`` a person played ``player``."""
        return sum(e - s for s, e in self.spans(player, PERSON, end_tick))

    def spans(self, player: int, controller: str, end_tick: int) -> list[tuple[int, int]]:
        """The ``(start, end)`` ticks of ``[0, end_tick)`` in which ``controller`` played
        ``player``, in order."""
        marks = [*self.changes.get(player, []), (end_tick, "")]
        out = []
        for (tick, who), (next_tick, _) in zip(marks, marks[1:], strict=False):
            start, end = min(tick, end_tick), min(next_tick, end_tick)
            if who == controller and end > start:
                out.append((start, end))
        return out

    def nobody_spans(self, player: int, end_tick: int) -> list[tuple[int, int]]:
        """When nobody played ``player`` (it stood still): neither a person's idle time nor a
        computer cook's, so not the team's idle time either."""
        return self.spans(player, NOBODY, end_tick)


def people_by_tick(events: Iterable[Event]) -> PeopleTimeline:
    """Read who played each chef from a round's events (see :class:`PeopleTimeline`).

    Without a ``round_started`` nobody is known to have played; a ``controller_changed``
    for a chef the round does not have is ignored.
    """
    players: tuple[int, ...] = ()
    changes: dict[int, list[tuple[int, str]]] = {}
    for e in events:
        if isinstance(e, RoundStarted) and not players:
            players = tuple(e.players)
            people = set(e.people)
            changes = {p: [(e.tick, PERSON if p in people else COMPUTER)] for p in players}
        elif isinstance(e, ControllerChanged) and e.player in changes:
            changes[e.player].append((e.tick, e.controller))
    for marks in changes.values():
        marks.sort(key=lambda m: m[0])
    return PeopleTimeline(players, changes)
