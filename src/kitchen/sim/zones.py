"""Zones (named areas of the map) and roles (who may stand where, see tickets, serve)."""

from __future__ import annotations

from kitchen.sim.spec import KitchenSpec, RoleSpec, Tile


class Silos:
    """The zone and role rules of one round.

    Args:
        spec: the kitchen.
        enforced: when false (a "redesigned" round) nobody is restricted, but zone changes
            are still tracked for the debrief.
    """

    def __init__(self, spec: KitchenSpec, enforced: bool = True) -> None:
        self.zones = spec.zones
        self.enforced = enforced
        self._roles: dict[int, RoleSpec] = {}
        for role in spec.roles:
            for player in role.players:
                self._roles[player] = role
        self._cells_by_zone: dict[str, set[Tile]] = {}
        for cell, zone in spec.zones.items():
            self._cells_by_zone.setdefault(zone, set()).add(cell)
        self._forbidden: dict[int, frozenset[Tile]] = {}
        for player in self._roles:
            self._forbidden[player] = self._forbidden_for(player, None)
        self.walls: dict[int, frozenset[Tile]] = {}
        """What :meth:`forbidden` answers, by player (absent: unrestricted), for the step's
        hot loop."""
        self._refresh()

    def _refresh(self) -> None:
        self.walls = (
            {p: cells for p, cells in self._forbidden.items() if cells} if self.enforced else {}
        )

    def _forbidden_for(self, player: int, only_zone: str | None) -> frozenset[Tile]:
        allowed = (
            (only_zone,)
            if only_zone
            else self._roles[player].zones
            if player in self._roles
            else ()
        )
        if not allowed:
            return frozenset()
        return frozenset(cell for cell, zone in self.zones.items() if zone not in allowed)

    def forbidden(self, player: int) -> frozenset[Tile] | None:
        """Cells this chef may not enter now, or ``None`` when unrestricted."""
        return self.walls.get(player)

    def confine(self, player: int, zone: str | None) -> None:
        """Restrict a chef to ``zone`` (a redeployment), or back to their role with None."""
        if zone is None:
            if player in self._roles:
                self._forbidden[player] = self._forbidden_for(player, None)
            else:
                self._forbidden.pop(player, None)
        else:
            self._forbidden[player] = self._forbidden_for(player, zone)
        self._refresh()

    def may_serve(self, player: int) -> bool:
        """Whether the chef's role lets them serve."""
        role = self._roles.get(player)
        return not self.enforced or role is None or role.may_serve

    def sees_tickets(self, player: int) -> bool:
        """Whether the chef's role lets them read the order tickets."""
        role = self._roles.get(player)
        return not self.enforced or role is None or role.sees_tickets

    def cells_of(self, zone: str) -> set[Tile]:
        """Every cell of a zone."""
        return self._cells_by_zone.get(zone, set())

    def zone_at(self, cell: Tile) -> str | None:
        """The zone a cell belongs to, if any."""
        return self.zones.get(cell)
