"""Zones (an overlay map of named areas) and roles: checked and turned into the sim's form."""

from __future__ import annotations

from kitchen.content.check_context import CheckContext
from kitchen.content.kitchen_map import TextGrid, problem_at, read_grid
from kitchen.content.suggest import suggest
from kitchen.i18n import _
from kitchen.sim.spec import RoleSpec, Tile


def compile_zones_roles(
    ctx: CheckContext, grid: TextGrid, starts: dict[int, Tile]
) -> tuple[dict[Tile, str], tuple[RoleSpec, ...]]:
    """Check ``zones`` and ``roles``; return cell -> zone name and the roles."""
    zones = ctx.level.zones
    cells: dict[Tile, str] = {}
    zone_names: set[str] = set()
    if zones is not None:
        zgrid = read_grid(
            ctx.doc, ("zones", "map"), zones.map, _("zone map"), ctx.problems, ctx.name
        )
        if zgrid.rows and (zgrid.width, zgrid.height) != (grid.width, grid.height):
            ctx.add(
                ("zones", "map"),
                _("the zone map is {width}x{height} but the map is {width2}x{height2}").format(
                    width=zgrid.width, height=zgrid.height, width2=grid.width, height2=grid.height
                ),
            )
        zone_names = set(zones.names.values())
        unknown: dict[str, list[tuple[int, int]]] = {}
        for y, row in enumerate(zgrid.rows):
            for x, char in enumerate(row):
                if char in ". ":
                    continue
                if char not in zones.names:
                    unknown.setdefault(char, []).append((y, x))
                else:
                    cells[(x, y)] = zones.names[char]
        for char, where in unknown.items():  # once per letter, at its first cell
            count = (
                _(" (it marks {n} cells; this is the first)").format(n=len(where))
                if len(where) > 1
                else ""
            )
            ctx.problems.append(
                problem_at(
                    ctx.doc,
                    zgrid,
                    ("zones", "map"),
                    where[0],
                    _("zone letter {char!r} is not in zones.names{count}").format(
                        char=char, count=count
                    ),
                    ctx.name,
                )
            )
    roles: list[RoleSpec] = []
    seated: dict[int, str] = {}
    for role_name, role in ctx.level.roles.items():
        path = ("roles", role_name)
        zones_known = all(z in zone_names for z in role.zones or ())
        for zone in role.zones or ():
            if zone not in zone_names:
                hint = (
                    suggest(zone, sorted(zone_names)) if zone_names else _("; define zones first")
                )
                ctx.add(
                    (*path, "zones"), _("unknown zone '{zone}'{hint}").format(zone=zone, hint=hint)
                )
        for player in role.players:
            if player not in starts:
                ctx.add(
                    (*path, "players"),
                    _("chef {player} has no start on the map").format(player=player),
                )
                continue
            if player in seated:
                ctx.add(
                    (*path, "players"),
                    _("chef {player} is also in role '{seated}'").format(
                        player=player, seated=seated[player]
                    ),
                )
            seated[player] = role_name
            start_zone = cells.get(starts[player])
            if (
                zones_known
                and role.zones
                and start_zone is not None
                and start_zone not in role.zones
            ):
                ctx.add(
                    (*path, "players"),
                    _(
                        "chef {player} starts in zone '{start_zone}', outside this role's zones"
                    ).format(player=player, start_zone=start_zone),
                )
        roles.append(
            RoleSpec(
                role_name,
                tuple(role.players),
                tuple(role.zones or ()),
                role.sees_tickets,
                role.may_serve,
            )
        )
    return cells, tuple(roles)
