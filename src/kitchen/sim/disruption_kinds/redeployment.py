"""Staff redeployment: chefs are called away, frozen in place, or moved to another zone."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import (
    ActiveDisruption,
    DisruptionContext,
    DisruptionKind,
    free_cell,
    place,
)


class Redeployment(DisruptionKind):
    """Takes ``spec.players`` (or one free chef at random) out of play in ``spec.mode``:
    ``away`` (gone from the floor), ``frozen`` (stands still) or ``move`` (confined to
    ``spec.zone``). A chef already redeployed is not taken twice."""

    kind = "redeployment"

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Redeploy the chefs."""
        spec, kitchen = active.spec, ctx.kitchen
        busy = {
            p for a in ctx.active if a.kind == "redeployment" and a is not active for p in a.players
        }
        free = [p for p in sorted(kitchen.chefs) if p not in busy]
        if spec.players:
            players = [p for p in spec.players if p in free]
        else:
            players = [ctx.rng.choice(free)] if free else []
        if not players:
            return None
        for player in players:
            chef = kitchen.chefs[player]
            if spec.mode == "move" and spec.zone:
                kitchen.silos.confine(player, spec.zone)
                spot = free_cell(kitchen, kitchen.silos.cells_of(spec.zone), chef)
                if spot is not None:
                    place(chef, spot)
            else:
                kitchen.track_block(chef, None, events)  # a called-away chef is blocked by nobody
                chef.status = "away" if spec.mode == "away" else "frozen"
        active.players = tuple(players)
        where = f" to {spec.zone}" if spec.mode == "move" else ""
        return f"chef {', '.join(map(str, players))} {spec.mode}{where}"

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Bring the chefs back, each to a free cell near where they belong."""
        kitchen = ctx.kitchen
        for player in active.players:
            chef = kitchen.chefs[player]
            if active.spec.mode == "move":
                kitchen.silos.confine(player, None)
                forbidden = kitchen.silos.forbidden(player) or frozenset()
                if chef.cell in forbidden:
                    start = kitchen.spec.starts[player]
                    spot = free_cell(kitchen, {start}, chef, spread=True)
                    if spot is not None:
                        place(chef, spot)
            else:
                if chef.status == "away":
                    spot = free_cell(kitchen, {chef.cell}, chef, spread=True)
                    if spot is not None:
                        place(chef, spot)
                chef.status = "active"
