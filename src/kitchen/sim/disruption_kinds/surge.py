"""Order surge: several tickets arrive at once."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import (
    ActiveDisruption,
    DisruptionContext,
    DisruptionKind,
    default_patience,
)


class Surge(DisruptionKind):
    """``spec.count`` tickets drawn from ``spec.recipes`` (or the whole menu); it ends as
    soon as it starts."""

    kind = "surge"
    instant = True

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Add the tickets."""
        spec, kitchen = active.spec, ctx.kitchen
        names = list(spec.recipes) or sorted(kitchen.orders.menu)
        if not names:
            return None
        patience = spec.patience or default_patience(kitchen)
        for _ in range(spec.count):
            kitchen.orders.arrive(kitchen.tick, ctx.rng.choice(names), patience, events, "surge")
        return f"{spec.count} orders at once"
