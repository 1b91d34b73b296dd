"""Power cut: the kitchen goes dark except for what still gives light."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import ActiveDisruption, DisruptionContext, DisruptionKind


class PowerCut(DisruptionKind):
    """Darkness; only ``spec.light`` (``chefs`` or ``stoves``) still gives light. Nothing
    in the rules changes: the front end draws the dark."""

    kind = "power_cut"

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Turn the lights off."""
        ctx.kitchen.darkness = active.spec.light
        return f"lights out; only the {active.spec.light} give light"

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Back to the light of the latest power cut still running, or full light."""
        lit = [a for a in ctx.active if a.kind == "power_cut"]
        ctx.kitchen.darkness = lit[-1].spec.light if lit else None
