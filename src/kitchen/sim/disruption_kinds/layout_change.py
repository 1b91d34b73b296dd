"""Layout change: cells become floor, counter or wall, and change back when it ends."""

from __future__ import annotations

from kitchen.events import Event, ItemLost
from kitchen.sim.disruption_kinds.base import (
    ActiveDisruption,
    DisruptionContext,
    DisruptionKind,
    walkable,
)
from kitchen.sim.stations import Counter, Station


class LayoutChange(DisruptionKind):
    """Turns ``spec.cells`` into ``spec.to``. A cell that must become solid waits while a
    chef stands on it (at the start and when changing back), so the change may take
    several ticks to complete; whatever a removed station held is lost."""

    kind = "layout_change"

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Remember the cells as they are and change what can change now."""
        kitchen, spec = ctx.kitchen, active.spec
        active.tiles = spec.cells
        active.undo["original"] = {
            cell: (kitchen.stations.get(cell), not walkable(kitchen, cell)) for cell in spec.cells
        }
        active.undo["target"] = spec.to
        active.pending = list(spec.cells)
        _apply_layout(ctx, active, events)
        return f"{len(spec.cells)} cell(s) become {spec.to}"

    def tick(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Change the cells a chef was standing on, once they are free."""
        if active.pending:
            _apply_layout(ctx, active, events)

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Restore the original cells (a chef standing where a wall must come back delays
        that cell until they step away)."""
        active.undo["target"] = None  # restore the originals
        active.pending = list(active.tiles)
        _apply_layout(ctx, active, events)

    def settled(self, active: ActiveDisruption) -> bool:
        """Whether every cell is back as it was."""
        return not active.pending


def _apply_layout(ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
    """Turn each pending cell into the target kind (``None``: back to the original)."""
    kitchen = ctx.kitchen
    target = active.undo["target"]
    still: list[tuple[int, int]] = []
    for cell in active.pending:
        original, was_solid = active.undo["original"][cell]
        becomes_solid = target in ("counter", "wall") if target else was_solid
        if becomes_solid and any(
            c.status != "away" and kitchen.mover.overlaps(c, cell) for c in kitchen.chefs.values()
        ):
            still.append(cell)
            continue
        new: Station | None = Counter(cell) if target == "counter" else None
        if target is None:
            new = original
        current = kitchen.stations.pop(cell, None)
        if current is not None:
            for item in current.clear():
                events.append(
                    ItemLost(kitchen.tick, item.id, item.describe(), cell, "layout_change")
                )
        if new is not None:
            kitchen.stations[cell] = new
        kitchen.mover.set_solid(cell, becomes_solid)
    active.pending = still
    kitchen.refresh_stations()
