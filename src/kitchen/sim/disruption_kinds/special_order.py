"""Special-requirement order: one ticket for a dish that must not contain an ingredient."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import (
    ActiveDisruption,
    DisruptionContext,
    DisruptionKind,
    default_patience,
    ingredient_title,
    recipe_title,
)


class SpecialOrder(DisruptionKind):
    """A ticket for ``spec.recipe`` without ``spec.ingredient``; it ends as soon as it
    starts (serving the excluded ingredient is a safety incident)."""

    kind = "special_order"
    instant = True

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Add the ticket."""
        spec, kitchen = active.spec, ctx.kitchen
        assert spec.recipe is not None
        assert spec.ingredient is not None
        patience = spec.patience or default_patience(kitchen)
        kitchen.orders.arrive(
            kitchen.tick, spec.recipe, patience, events, "special", spec.ingredient
        )
        recipe = recipe_title(kitchen, spec.recipe)
        return f"{recipe} with no {ingredient_title(kitchen, spec.ingredient)}"
