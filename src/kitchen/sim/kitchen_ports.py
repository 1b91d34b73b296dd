"""What a station sees of the kitchen it stands in.

Stations do not know the :class:`~kitchen.sim.round.Round`; they are handed a
:class:`StationKitchen`, which the round satisfies. Keeping this view narrow keeps the
round, the stations and the disruptions from importing each other. Disruptions see a
wider view, :class:`~kitchen.sim.disruption_kinds.base.DisruptedKitchen`, which adds the
stations themselves and lives beside them.
"""

from __future__ import annotations

from typing import Protocol

from kitchen.events import Event
from kitchen.sim.cookbook import Cookbook
from kitchen.sim.items import Item
from kitchen.sim.movement import Chef
from kitchen.sim.spec import KitchenSpec, Tile


class StationKitchen(Protocol):
    """The services a station uses: the clock, the level's numbers, the cookbook, fresh
    item ids and the pass. Stations report what happens by appending events to the list
    they are given."""

    @property
    def tick(self) -> int:
        """The tick being simulated."""
        ...

    @property
    def spec(self) -> KitchenSpec:
        """The level: chop, wash and burn times, ingredients."""
        ...

    @property
    def cookbook(self) -> Cookbook:
        """What may go into a pot or onto a plate, and how long soups cook."""
        ...

    def new_id(self) -> int:
        """A fresh item id (for an item a station makes)."""
        ...

    def serve(self, chef: Chef, plate: Item, tile: Tile, events: list[Event]) -> None:
        """Send ``plate`` out through the serving window at ``tile``."""
        ...
