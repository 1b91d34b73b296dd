"""Information blackout: only some chefs can read the order tickets."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import ActiveDisruption, DisruptionContext, DisruptionKind


class Blackout(DisruptionKind):
    """Only ``spec.players`` may read the tickets; overlapping blackouts leave only the
    chefs every one of them allows."""

    kind = "blackout"

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Narrow who may read the tickets."""
        viewers = tuple(p for p in active.spec.players if p in ctx.kitchen.chefs)
        active.players = viewers
        _recompute_views(ctx)
        who = ", ".join(f"chef {p}" for p in viewers) or "nobody"
        return f"only {who} can read the tickets"

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Widen the view again to what the blackouts still running allow."""
        _recompute_views(ctx)


def _recompute_views(ctx: DisruptionContext) -> None:
    viewers: set[int] | None = None
    for a in ctx.active:
        if a.kind == "blackout":
            viewers = set(a.players) if viewers is None else viewers & set(a.players)
    ctx.kitchen.ticket_viewers = None if viewers is None else frozenset(viewers)
