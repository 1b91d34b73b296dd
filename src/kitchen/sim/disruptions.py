"""Disruptions: the kitchen going wrong the way a health system does.

Each disruption in a level is scheduled (``at``), random (``chance`` per minute) or left
for the facilitator to trigger. Random start times are drawn up front from a generator
seeded from the round's seed but separate from the orders' one, so adding a disruption to
a level does not change which orders arrive. Every start and end is an event.

:class:`Disruptions` only keeps the clock and the books; what each kind does to the
kitchen is its handler's business, one module per kind in :mod:`kitchen.sim.disruption_kinds`.
"""

from __future__ import annotations

import random

from kitchen.events import DisruptionEnded, DisruptionStarted, Event
from kitchen.sim.disruption_kinds import KINDS
from kitchen.sim.disruption_kinds.base import ActiveDisruption, DisruptedKitchen, DisruptionContext
from kitchen.sim.spec import TICKS_PER_SECOND
from kitchen.sim.stations import Station

__all__ = ["MAX_RANDOM_FIRINGS", "ActiveDisruption", "Disruptions"]

MAX_RANDOM_FIRINGS = 12
"""At most this many random firings of one disruption in a round."""


class Disruptions:
    """Starts, runs and ends a round's disruptions, handing each kind's work to its
    handler in :data:`kitchen.sim.disruption_kinds.KINDS`.

    Args:
        rnd: the round, seen as a
            :class:`~kitchen.sim.disruption_kinds.base.DisruptedKitchen`.
        seed: the round's seed (the disruptions draw from their own generator).
    """

    def __init__(self, rnd: DisruptedKitchen, seed: int) -> None:
        self.rnd = rnd
        self.specs = rnd.spec.disruptions
        self._rng = random.Random(f"disruptions:{seed}")
        self.active: list[ActiveDisruption] = []
        self._context = DisruptionContext(rnd, self._rng, self.active)
        self._next_id = 1
        self._timeline: list[tuple[int, int, str]] = []
        for index, spec in enumerate(self.specs):
            if spec.at is not None:
                self._timeline.append((spec.at, index, "scheduled"))
            if spec.chance:
                rate = spec.chance / (60 * TICKS_PER_SECOND)
                t = 0.0
                for _ in range(MAX_RANDOM_FIRINGS):
                    t += self._rng.expovariate(rate)
                    if t >= rnd.spec.round_ticks:
                        break
                    self._timeline.append((int(t), index, "random"))
        self._timeline.sort()
        self._cursor = 0
        self._settling: list[ActiveDisruption] = []
        """Ended disruptions whose undoing is not complete yet (see ``settled``)."""

    # --- the clock ---------------------------------------------------------------------

    def update(self, tick: int, events: list[Event]) -> None:
        """Start what is due, end what has run its time, then give every running
        disruption (and every ended one still settling) its tick."""
        while self._cursor < len(self._timeline) and self._timeline[self._cursor][0] <= tick:
            _, index, source = self._timeline[self._cursor]
            self._cursor += 1
            self.start(index, source, events)
        ctx = self._context
        for active in list(self.active):
            if active.ends is not None and tick >= active.ends:
                self.end(active, "time", events)
            else:
                KINDS[active.kind].tick(ctx, active, events)
        for active in list(self._settling):
            handler = KINDS[active.kind]
            handler.tick(ctx, active, events)
            if handler.settled(active):
                self._settling.remove(active)

    def quiet_until(self, tick: int) -> int:
        """The first tick from ``tick`` on at which :meth:`update` may do anything: now
        while a disruption runs or settles, else when the next one is due."""
        if self.active or self._settling:
            return tick
        if self._cursor < len(self._timeline):
            return max(tick, self._timeline[self._cursor][0])
        return 1 << 62

    def start(self, index: int, source: str, events: list[Event]) -> ActiveDisruption | None:
        """Start the level's disruption ``index``; ``None`` if it has nothing to act on."""
        spec = self.specs[index]
        rnd = self.rnd
        active = ActiveDisruption(
            id=self._next_id,
            index=index,
            spec=spec,
            source=source,
            started=rnd.tick,
            ends=rnd.tick + spec.duration if spec.duration is not None else None,
        )
        effects: list[Event] = []  # what the disruption causes, reported after it starts
        self.active.append(active)  # before it acts, so recomputed views include it
        handler = KINDS[spec.kind]
        detail = handler.start(self._context, active, effects)
        if detail is None:
            self.active.remove(active)
            return None
        self._next_id += 1
        events.append(
            DisruptionStarted(
                rnd.tick,
                active.id,
                spec.kind,
                spec.label,
                source,
                spec.duration,
                active.tiles,
                active.players,
                detail,
            )
        )
        events.extend(effects)
        if handler.instant:
            self.end(active, "instant", events)
        return active

    def end(
        self, active: ActiveDisruption, reason: str, events: list[Event], player: int | None = None
    ) -> None:
        """End a running disruption and undo its effect."""
        if active not in self.active:
            return
        self.active.remove(active)
        handler = KINDS[active.kind]
        handler.end(self._context, active, events)
        if not handler.settled(active):
            self._settling.append(active)
        events.append(DisruptionEnded(self.rnd.tick, active.id, active.kind, reason, player))

    def end_by_id(self, disruption_id: int, reason: str, events: list[Event]) -> None:
        """End the running disruption with this id, if there is one."""
        for active in self.active:
            if active.id == disruption_id:
                self.end(active, reason, events)
                return

    def end_all(self, events: list[Event]) -> None:
        """The round is over: close every running disruption."""
        for active in list(self.active):
            self.end(active, "round_over", events)

    def repaired(self, station: Station, player: int, events: list[Event]) -> None:
        """A chef finished repairing a broken station."""
        for active in self.active:
            if active.id == station.broken:
                self.end(active, "repaired", events, player)
                return

    def by_id(self, disruption_id: int | None) -> ActiveDisruption | None:
        """The running disruption with this id."""
        return next((a for a in self.active if a.id == disruption_id), None)
