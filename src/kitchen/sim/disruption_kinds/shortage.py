"""Ingredient shortage: the crates of one ingredient run empty; a substitute dish may
go on the menu meanwhile."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import (
    ActiveDisruption,
    DisruptionContext,
    DisruptionKind,
    ingredient_title,
    recipe_title,
)
from kitchen.sim.stations import Crate


class Shortage(DisruptionKind):
    """Empties every crate of ``spec.ingredient``; adds ``spec.recipe`` to the menu."""

    kind = "shortage"

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Empty the crates and put the substitute on the menu."""
        spec, kitchen = active.spec, ctx.kitchen
        crates = [
            s
            for s in kitchen.stations.values()
            if isinstance(s, Crate) and s.ingredient == spec.ingredient
        ]
        if not crates:
            return None
        for crate in crates:
            crate.empty += 1
        active.tiles = tuple(c.tile for c in crates)
        detail = f"no {ingredient_title(kitchen, spec.ingredient)}"
        if spec.recipe and spec.recipe not in kitchen.orders.menu:
            kitchen.orders.menu.add(spec.recipe)
            active.undo["added"] = [spec.recipe]
            detail += f"; {recipe_title(kitchen, spec.recipe)} on the menu instead"
        return detail

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Refill the crates and take the substitute off the menu."""
        for tile in active.tiles:
            crate = ctx.kitchen.stations.get(tile)
            if isinstance(crate, Crate) and crate.empty:
                crate.empty -= 1
        for name in active.undo.get("added", ()):
            ctx.kitchen.orders.menu.discard(name)
