"""Every kind of disruption, one module each, and the registry the round dispatches on.

To add a kind a level designer can use: write a module here with a subclass of
:class:`~kitchen.sim.disruption_kinds.base.DisruptionKind` (its ``start`` hook, plus
``end``, ``tick`` and ``settled`` if it needs them), list it in :data:`KINDS` below, and
give it a model in ``kitchen.content.disruption_model`` so level files can name it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kitchen.sim.disruption_kinds.base import ActiveDisruption, DisruptionContext, DisruptionKind
from kitchen.sim.disruption_kinds.blackout import Blackout
from kitchen.sim.disruption_kinds.breakdown import Breakdown
from kitchen.sim.disruption_kinds.layout_change import LayoutChange
from kitchen.sim.disruption_kinds.menu_change import MenuChange
from kitchen.sim.disruption_kinds.power_cut import PowerCut
from kitchen.sim.disruption_kinds.redeployment import Redeployment
from kitchen.sim.disruption_kinds.shortage import Shortage
from kitchen.sim.disruption_kinds.special_order import SpecialOrder
from kitchen.sim.disruption_kinds.surge import Surge

KINDS: Mapping[str, DisruptionKind] = MappingProxyType(
    {
        handler.kind: handler
        for handler in (
            Breakdown(),
            Shortage(),
            Surge(),
            MenuChange(),
            SpecialOrder(),
            Redeployment(),
            Blackout(),
            LayoutChange(),
            PowerCut(),
        )
    }
)
"""Each kind's handler by the name level files use."""

DISRUPTION_KINDS = tuple(KINDS)
"""The kinds the simulation knows, in the order they are documented."""

__all__ = [
    "DISRUPTION_KINDS",
    "KINDS",
    "ActiveDisruption",
    "DisruptionContext",
    "DisruptionKind",
]
