"""A round's events indexed the ways the metrics need them, and the per-chef tally that the
metric sections fill in (shared by :mod:`kitchen.debrief.metrics` and its sections)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from kitchen.debrief.people import PeopleTimeline, people_by_tick
from kitchen.debrief.stats import rounded
from kitchen.events import (
    Event,
    RoundEnded,
    RoundStarted,
)

_E = TypeVar("_E", bound=Event)


class RoundEvents:
    """The events of a round, indexed the ways the metrics need."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = list(events)
        self.by_type: dict[str, list[Event]] = defaultdict(list)
        for e in self.events:
            self.by_type[e.type].append(e)
        start = self.first(RoundStarted)
        self.tps = start.ticks_per_second if start else 60
        self.players: tuple[int, ...] = tuple(start.players) if start else ()
        self.level = start.level if start else ""
        self.seed = start.seed if start else None
        end = self.first(RoundEnded)
        self.complete = end is not None
        self.end_tick = end.tick if end else (self.events[-1].tick + 1 if self.events else 0)
        self.people: PeopleTimeline = people_by_tick(self.events)

    def by_person(self, player: int | None, tick: int) -> bool:
        """Whether ``player`` was played by a person at ``tick``."""
        return player is not None and self.people.is_person(player, tick)

    def first(self, kind: type[_E]) -> _E | None:
        """The round's first event of ``kind``, or ``None``."""
        found = self.of(kind)
        return found[0] if found else None

    def of(self, kind: type[_E]) -> list[_E]:
        """Every event of ``kind``, in order."""
        # by_type files each event under its class's type name
        return cast("list[_E]", self.by_type.get(kind.type, []))

    def seconds(self, ticks: float) -> float:
        """``ticks`` in seconds."""
        return ticks / self.tps

    @property
    def duration_s(self) -> float:
        """How long the round lasted (to its end, or its last event), in seconds."""
        return self.seconds(self.end_tick)


PREPARED_TYPES = ("item_processed", "cook_started")
"""Events that count as a chef preparing something: chopping or washing done, a pot started."""


@dataclass
class ChefTally:
    """One chef's running counts, filled in by the metric sections."""

    player: int
    person: bool = True
    actions: int = 0
    actions_as_person: int = 0
    action_ticks: list[int] = field(default_factory=list)
    callouts: int = 0
    handoffs_given: int = 0
    handoffs_received: int = 0
    served: int = 0
    prepared: int = 0
    idle_s: float = 0.0
    idle_while_open_s: float = 0.0
    blocked_s: float = 0.0
    zone_crossings: int = 0
    home_zone: str | None = None
    home_share: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The tally as the metrics report it (one entry of ``RoundMetrics.chefs``)."""
        return {
            "player": self.player,
            "person": self.person,
            "actions": self.actions,
            "callouts": self.callouts,
            "handoffs_given": self.handoffs_given,
            "handoffs_received": self.handoffs_received,
            "served": self.served,
            "prepared": self.prepared,
            "idle_s": rounded(self.idle_s, 1),
            "idle_while_open_s": rounded(self.idle_while_open_s, 1),
            "blocked_s": rounded(self.blocked_s, 1),
            "zone_crossings": self.zone_crossings,
            "home_zone": self.home_zone,
            "home_share": rounded(self.home_share, 3),
        }
