"""Assist options for mixed-ability groups (as Overcooked: All You Can Eat offers):
slower order timers, longer rounds, no burning. They change the kitchen's numbers, not its
rules, and are recorded in session logs so replays re-apply them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from kitchen.sim.spec import KitchenSpec

SLOWER_ORDERS = 3, 2
"""Order patience is multiplied by 3/2."""

LONGER_ROUNDS = 3, 2
"""Round length is multiplied by 3/2."""


@dataclass(frozen=True, slots=True)
class Assists:
    """Which assists are on."""

    slower_orders: bool = False
    longer_rounds: bool = False
    no_burning: bool = False

    @property
    def any(self) -> bool:
        """True if at least one assist is on."""
        return self.slower_orders or self.longer_rounds or self.no_burning


def _scale(value: int, factor: tuple[int, int]) -> int:
    return value * factor[0] // factor[1]


def apply_assists(spec: KitchenSpec, assists: Assists) -> KitchenSpec:
    """The kitchen with ``assists`` applied (the same object when none are on)."""
    if not assists.any:
        return spec
    changes: dict[str, Any] = {}
    if assists.slower_orders:
        changes["schedule"] = tuple(
            dataclasses.replace(s, patience_ticks=_scale(s.patience_ticks, SLOWER_ORDERS))
            for s in spec.schedule
        )
        if spec.generator is not None:
            changes["generator"] = dataclasses.replace(
                spec.generator, patience_ticks=_scale(spec.generator.patience_ticks, SLOWER_ORDERS)
            )
        changes["disruptions"] = tuple(
            dataclasses.replace(d, patience=_scale(d.patience, SLOWER_ORDERS)) if d.patience else d
            for d in spec.disruptions
        )
    if assists.longer_rounds:
        changes["round_ticks"] = _scale(spec.round_ticks, LONGER_ROUNDS)
    if assists.no_burning:
        changes["burn_ticks"] = None
    return dataclasses.replace(spec, **changes)
