"""Equipment breakdown: a station stops working until a chef repairs it (or time runs out)."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import ActiveDisruption, DisruptionContext, DisruptionKind


class Breakdown(DisruptionKind):
    """Breaks one of the listed stations that is not already broken (picked at random when
    several are)."""

    kind = "breakdown"

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Break a station."""
        stations = ctx.kitchen.stations
        candidates = [
            t for t in active.spec.stations if t in stations and stations[t].broken is None
        ]
        if not candidates:
            return None
        tile = candidates[0] if len(candidates) == 1 else ctx.rng.choice(candidates)
        station = stations[tile]
        station.broken, station.repair = active.id, 0
        active.tiles = (tile,)
        return f"{station.kind} broken"

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Mend the station, if it is still the one this breakdown broke."""
        for tile in active.tiles:
            station = ctx.kitchen.stations.get(tile)
            if station is not None and station.broken == active.id:
                station.broken, station.repair = None, 0
