"""Who played each chef, moment by moment: a person or a computer cook.

Participation and communication metrics count people only (a computer cook's silence says
nothing about the team). The log says who played: ``round_started.people`` names the chefs a
person played at the start, and ``controller_changed`` records a chef changing hands
mid-round. A log written before these existed (events version 1) had people on every chef.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from kitchen.events import ControllerChanged, Event, RoundStarted


@dataclass(frozen=True)
class PeopleTimeline:
    """Who played each chef over a round.

    Attributes:
        players: every chef of the round, in order.
        changes: per chef, ``(tick, is_person)`` from the round's start on, in tick order;
            each entry holds from its tick until the next one.
    """

    players: tuple[int, ...]
    changes: dict[int, list[tuple[int, bool]]] = field(default_factory=dict)

    def is_person(self, player: int, tick: int) -> bool:
        """Whether a person played ``player`` at ``tick`` (a change at ``tick`` already
        holds)."""
        marks = self.changes.get(player)
        if not marks:
            return False
        at = bisect_right([t for t, _ in marks], tick) - 1
        return marks[max(at, 0)][1]

    def people_ever(self) -> tuple[int, ...]:
        """The chefs a person played at some moment of the round, in order."""
        return tuple(p for p in self.players if any(person for _, person in self.changes[p]))

    def person_ticks(self, player: int, end_tick: int) -> int:
        """How many ticks of ``[0, end_tick)`` a person played ``player``."""
        marks = [*self.changes.get(player, []), (end_tick, False)]
        total = 0
        for (tick, person), (next_tick, _) in zip(marks, marks[1:], strict=False):
            if person:
                total += max(0, min(next_tick, end_tick) - tick)
        return total


def people_by_tick(events: Iterable[Event]) -> PeopleTimeline:
    """Read who played each chef from a round's events (see :class:`PeopleTimeline`).

    Without a ``round_started`` nobody is known to have played; a ``controller_changed``
    for a chef the round does not have is ignored.
    """
    players: tuple[int, ...] = ()
    changes: dict[int, list[tuple[int, bool]]] = {}
    for e in events:
        if isinstance(e, RoundStarted) and not players:
            players = tuple(e.players)
            people = set(e.people)
            changes = {p: [(e.tick, p in people)] for p in players}
        elif isinstance(e, ControllerChanged) and e.player in changes:
            changes[e.player].append((e.tick, e.controller == "person"))
    for marks in changes.values():
        marks.sort(key=lambda m: m[0])
    return PeopleTimeline(players, changes)
