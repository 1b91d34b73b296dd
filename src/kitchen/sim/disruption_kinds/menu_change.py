"""Menu change: dishes are added to the menu and others withdrawn while it lasts."""

from __future__ import annotations

from kitchen.events import Event
from kitchen.sim.disruption_kinds.base import (
    ActiveDisruption,
    DisruptionContext,
    DisruptionKind,
    recipe_title,
)


class MenuChange(DisruptionKind):
    """Adds ``spec.recipes`` and withdraws ``spec.remove``; the end puts the menu back."""

    kind = "menu_change"

    def start(
        self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]
    ) -> str | None:
        """Change the menu, remembering what actually changed."""
        kitchen = ctx.kitchen
        menu = kitchen.orders.menu
        added = [r for r in active.spec.recipes if r not in menu]
        removed = [r for r in active.spec.remove if r in menu]
        menu.update(added)
        menu.difference_update(removed)
        active.undo.update(added=added, removed=removed)
        parts = [f"{recipe_title(kitchen, r)} added" for r in added]
        parts += [f"{recipe_title(kitchen, r)} withdrawn" for r in removed]
        return ", ".join(parts) if parts else "the menu is unchanged"

    def end(self, ctx: DisruptionContext, active: ActiveDisruption, events: list[Event]) -> None:
        """Undo what the start changed."""
        menu = ctx.kitchen.orders.menu
        menu.difference_update(active.undo.get("added", ()))
        menu.update(active.undo.get("removed", ()))
