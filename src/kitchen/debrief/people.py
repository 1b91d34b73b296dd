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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from kitchen.events import ControllerChanged, Event, RoundEnded, RoundStarted
from kitchen.i18n import _, pgettext

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
        for (tick, who), (next_tick, _next) in pairwise(marks):
            start, end = min(tick, end_tick), min(next_tick, end_tick)
            if who == controller and end > start:
                out.append((start, end))
        return out

    def hands(self, player: int, end_tick: int) -> tuple[str, ...]:
        """Who played ``player`` over ``[0, end_tick)``, in order, each change of hands once:
        ``("person",)`` for a chef a person played all round, ``("person", "computer")`` for
        one a computer cook took over; a hand that held for no time at all is left out."""
        marks = [*self.changes.get(player, []), (end_tick, "")]
        out: list[str] = []
        for (tick, who), (next_tick, _next) in pairwise(marks):
            if min(next_tick, end_tick) > min(tick, end_tick) and (not out or out[-1] != who):
                out.append(who)
        return tuple(out)

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


def _hand_word(controller: str) -> str:
    """One hand in the language in force: ``person``, ``computer``, ``standing still``."""
    if controller == PERSON:
        return pgettext("who played a chef", "person")
    if controller == COMPUTER:
        return pgettext("who played a chef", "computer")
    return pgettext("who played a chef", "standing still")


def hands_words(hands: Sequence[str], brief: bool = False) -> str:
    """Who played a chef (:meth:`PeopleTimeline.hands`) in a few words, or ``""`` when a
    person played it all round (or nothing is known): ``computer``, ``standing still``,
    ``person, then computer``, and for more changes of hands than one ``partly computer``
    (``partly standing still`` when no computer cook ever played it). ``brief`` says
    ``partly ...`` for any change of hands (for a narrow table)."""
    if not hands or all(h == PERSON for h in hands):
        return ""
    if len(hands) == 1:
        return _hand_word(hands[0])
    if len(hands) == 2 and not brief:
        return pgettext("who played a chef", "{first}, then {then}").format(
            first=_hand_word(hands[0]), then=_hand_word(hands[1])
        )
    if COMPUTER in hands:
        return pgettext("who played a chef", "partly computer")
    return pgettext("who played a chef", "partly standing still")


def chef_name(player: int, hands: Sequence[str] = (), brief: bool = False) -> str:
    """A chef as the results screen, the debrief and the report name them: ``Chef 2`` when a
    person played it all round, else who played it too: ``Chef 2 (computer)``, ``Chef 2
    (person, then computer)`` (:func:`hands_words`)."""
    who = hands_words(hands, brief)
    if not who:
        return _("Chef {n}").format(n=player)
    return _("Chef {n} ({who})").format(n=player, who=who)


def hands_by_chef(events: Sequence[Event]) -> dict[int, tuple[str, ...]]:
    """For each chef of a round, who played it (:meth:`PeopleTimeline.hands`) up to the
    round's end (its ``round_ended``, or its last event in a log cut short)."""
    people = people_by_tick(events)
    end_tick = next(
        (e.tick for e in events if isinstance(e, RoundEnded)), events[-1].tick if events else 0
    )
    return {p: people.hands(p, end_tick) for p in people.players}
