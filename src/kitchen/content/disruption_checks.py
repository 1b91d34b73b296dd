"""The ``disruptions:`` block checked against the rest of the level and turned into the
simulation's :class:`~kitchen.sim.spec.DisruptionSpec`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kitchen.content.check_context import CheckContext
from kitchen.content.disruption_model import (
    BlackoutDef,
    BreakdownDef,
    LayoutChangeDef,
    MenuChangeDef,
    PowerCutDef,
    RedeploymentDef,
    ShortageDef,
    SpecialOrderDef,
    SurgeDef,
    default_label,
)
from kitchen.content.kitchen_map import TextGrid
from kitchen.content.source import KeyPath
from kitchen.content.suggest import suggest
from kitchen.i18n import _
from kitchen.sim.spec import (
    DisruptionSpec,
    RecipeSpec,
    RoleSpec,
    StationSpec,
    Tile,
    seconds_to_ticks,
)


def compile_disruptions(
    ctx: CheckContext,
    grid: TextGrid,
    stations: dict[Tile, StationSpec],
    starts: dict[int, Tile],
    recipes: dict[str, RecipeSpec],
    zones: dict[Tile, str],
    roles: tuple[RoleSpec, ...],
) -> tuple[DisruptionSpec, ...]:
    """Check each disruption and build its spec (problems go to ``ctx``)."""
    out: list[DisruptionSpec] = []
    round_seconds = ctx.level.round.seconds
    zone_names = sorted(set(zones.values()))
    role_players = {r.name: r.players for r in roles}

    def known_recipe(path: KeyPath, name: str) -> bool:
        if name in recipes:
            return True
        ctx.add(
            path,
            _("'{name}' is not one of this level's recipes{suggest}").format(
                name=name, suggest=suggest(name, list(recipes))
            ),
        )
        return False

    for i, d in enumerate(ctx.level.disruptions):
        path: KeyPath = ("disruptions", i)
        if d.at is not None and d.at >= round_seconds:
            ctx.add(
                (*path, "at"),
                _("starts at {at:g}s, after the round ends ({round_seconds:g}s)").format(
                    at=d.at, round_seconds=round_seconds
                ),
            )
        base: dict[str, Any] = dict(
            kind=d.kind,
            label=d.label or default_label(d.kind),
            at=seconds_to_ticks(d.at) if d.at is not None else None,
            duration=max(1, seconds_to_ticks(d.duration)) if d.duration is not None else None,
            chance=d.chance,
        )
        extra: dict[str, Any] | None = {}
        if isinstance(d, BreakdownDef):
            extra = _breakdown(ctx, path, d, stations, grid)
        elif isinstance(d, ShortageDef):
            crates = [
                t for t, s in stations.items() if s.kind == "crate" and s.ingredient == d.ingredient
            ]
            if not crates:
                ctx.add(
                    (*path, "ingredient"),
                    _("there is no crate of '{ingredient}' on the map to run short").format(
                        ingredient=d.ingredient
                    ),
                )
            if (
                d.substitute
                and known_recipe((*path, "substitute"), d.substitute)
                and d.ingredient in recipes[d.substitute].ingredients_needed()
            ):
                ctx.add(
                    (*path, "substitute"),
                    _("'{substitute}' needs {ingredient} too: no substitute").format(
                        substitute=d.substitute, ingredient=d.ingredient
                    ),
                )
            extra = {"ingredient": d.ingredient, "recipe": d.substitute}
        elif isinstance(d, SurgeDef):
            for j, name in enumerate(d.recipes):
                known_recipe((*path, "recipes", j), name)
            extra = {
                "count": d.count,
                "recipes": tuple(d.recipes),
                "patience": seconds_to_ticks(d.patience) if d.patience else None,
            }
        elif isinstance(d, MenuChangeDef):
            for key in ("add", "remove"):
                for j, name in enumerate(getattr(d, key)):
                    known_recipe((*path, key, j), name)
            extra = {"recipes": tuple(d.add), "remove": tuple(d.remove)}
        elif isinstance(d, SpecialOrderDef):
            extra = _special_order(ctx, path, d, recipes, known_recipe)
        elif isinstance(d, RedeploymentDef):
            for j, player in enumerate(d.players):
                if player not in starts:
                    ctx.add(
                        (*path, "players", j),
                        _("chef {player} has no start on the map").format(player=player),
                    )
            if d.zone and d.zone not in zone_names:
                hint = suggest(d.zone, zone_names) if zone_names else _("; this level has no zones")
                ctx.add(
                    (*path, "zone"), _("unknown zone '{zone}'{hint}").format(zone=d.zone, hint=hint)
                )
            extra = {"players": tuple(d.players), "mode": d.mode, "zone": d.zone}
        elif isinstance(d, BlackoutDef):
            if isinstance(d.viewers, str):
                players = role_players.get(d.viewers)
                if players is None:
                    ctx.add(
                        (*path, "viewers"),
                        _("unknown role '{viewers}'{suggest}").format(
                            viewers=d.viewers, suggest=suggest(d.viewers, list(role_players))
                        ),
                    )
                    players = ()
            else:
                players = tuple(d.viewers)
                for j, player in enumerate(players):
                    if player not in starts:
                        ctx.add(
                            (*path, "viewers", j),
                            _("chef {player} has no start on the map").format(player=player),
                        )
            extra = {"players": tuple(players)}
        elif isinstance(d, LayoutChangeDef):
            for j, (x, y) in enumerate(d.cells):
                if not (0 <= x < grid.width and 0 <= y < grid.height):
                    ctx.add(
                        (*path, "cells", j),
                        _("[{x}, {y}] is outside the {width}x{height} map").format(
                            x=x, y=y, width=grid.width, height=grid.height
                        ),
                    )
            extra = {"cells": tuple((x, y) for x, y in d.cells), "to": d.to}
        elif isinstance(d, PowerCutDef):
            extra = {"light": d.light}
        if extra is not None:
            out.append(DisruptionSpec(**base, **extra))
    return tuple(out)


def _breakdown(
    ctx: CheckContext,
    path: KeyPath,
    d: BreakdownDef,
    stations: dict[Tile, StationSpec],
    grid: TextGrid,
) -> dict[str, Any] | None:
    target = d.target
    if isinstance(target, str):
        cells = tuple(
            sorted((t for t, s in stations.items() if s.kind == target), key=lambda c: (c[1], c[0]))
        )
        if not cells:
            ctx.add(
                (*path, "target"),
                _("there is no {target} on the map to break").format(target=target),
            )
    else:
        cells = (target,) if isinstance(target, tuple) else tuple(tuple(c) for c in target)
        for j, cell in enumerate(cells):
            if cell not in stations:
                where = (*path, "target") if isinstance(target, tuple) else (*path, "target", j)
                ctx.add(
                    where,
                    _(
                        "cell [{cell}, {cell2}] is not a station (x is the column, y the "
                        "row, from 0)"
                    ).format(cell=cell[0], cell2=cell[1]),
                )
    return {"stations": cells, "repair_ticks": max(1, seconds_to_ticks(d.repair_seconds))}


def _special_order(
    ctx: CheckContext,
    path: KeyPath,
    d: SpecialOrderDef,
    recipes: dict[str, RecipeSpec],
    known_recipe: Callable[[KeyPath, str], bool],
) -> dict[str, Any] | None:
    if known_recipe((*path, "recipe"), d.recipe):
        recipe = recipes[d.recipe]
        in_pot = any(k.split(":")[0] == d.exclude for k in recipe.cook)
        on_plate = [k for k in recipe.plate if k.split(":")[0] == d.exclude]
        if in_pot:
            ctx.add(
                (*path, "exclude"),
                _("{exclude} is cooked into {recipe}: it cannot be left out").format(
                    exclude=d.exclude, recipe=d.recipe
                ),
            )
        elif not on_plate:
            ctx.add(
                (*path, "exclude"),
                _("{recipe} has no {exclude} to leave out").format(
                    recipe=d.recipe, exclude=d.exclude
                ),
            )
        elif len(on_plate) == len(recipe.plate) and not recipe.cook:
            ctx.add(
                (*path, "exclude"),
                _("without {exclude}, {recipe} would be an empty plate").format(
                    exclude=d.exclude, recipe=d.recipe
                ),
            )
    return {
        "recipe": d.recipe,
        "ingredient": d.exclude,
        "patience": seconds_to_ticks(d.patience) if d.patience else None,
    }
