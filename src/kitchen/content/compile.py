"""Turning a validated :class:`LevelDef` into the simulation's :class:`KitchenSpec`, with
the checks that need the whole level: is every recipe makeable with what is on the map,
are there enough chef starts, can some chef reach every station.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from kitchen.content.builtins import BUILTIN_INGREDIENTS, BUILTIN_RECIPES, DEFAULT_TILES
from kitchen.content.check_context import CheckContext
from kitchen.content.disruption_checks import compile_disruptions
from kitchen.content.kitchen_map import TextGrid, check_map_size, problem_at, read_grid
from kitchen.content.level_model import LevelDef, RecipeDef, TileDef
from kitchen.content.problems import Problem
from kitchen.content.source import KeyPath, SourceDoc
from kitchen.content.suggest import suggest
from kitchen.content.zone_checks import compile_zones_roles
from kitchen.i18n import _, ngettext
from kitchen.sim.spec import (
    TICKS_PER_SECOND,
    UNIT,
    IngredientSpec,
    KitchenSpec,
    OrderGenerator,
    RecipeSpec,
    ScheduledOrder,
    Scoring,
    StationSpec,
    Tile,
    seconds_to_ticks,
)

DEFAULT_RECIPE_VALUE = 20
DEFAULT_COOK_SECONDS = 12.0


def compile_level(
    level: LevelDef, doc: SourceDoc | None = None, name: str = "<level>"
) -> tuple[KitchenSpec | None, TextGrid, list[Problem]]:
    """Check ``level`` as a whole and build its :class:`KitchenSpec`.

    Returns:
        The spec (``None`` if there were problems), the map grid, and the problems found.
    """
    ctx = CheckContext(level, doc, name)
    grid = read_grid(doc, ("map",), level.map, _("map"), ctx.problems, name)
    if not check_map_size(doc, grid, ("map",), ctx.problems, name):
        return (
            None,
            grid,
            ctx.problems,
        )  # a cell-by-cell check of a map this size would only add noise
    tiles = _resolve_tiles(ctx, grid)
    ingredients = _ingredients(ctx)
    recipes = _recipes(ctx, ingredients)
    if ctx.problems or tiles is None:
        return None, grid, ctx.problems
    solid, stations, starts = tiles
    _check_starts(ctx, grid, starts)
    _check_makeable(ctx, stations, recipes)
    if starts:  # with no starts every station would be reported unreachable
        _check_reachable(ctx, grid, solid, stations, starts)
    schedule, generator = _orders(ctx, recipes)
    zones, roles = compile_zones_roles(ctx, grid, starts)
    disruptions = compile_disruptions(ctx, grid, stations, starts, recipes, zones, roles)
    if ctx.problems:
        return None, grid, ctx.problems
    k = level.kitchen
    s = level.scoring
    spec = KitchenSpec(
        name=level.name,
        width=grid.width,
        height=grid.height,
        solid=frozenset(solid),
        stations=stations,
        starts=starts,
        ingredients=ingredients,
        recipes=recipes,
        round_ticks=seconds_to_ticks(level.round.seconds),
        schedule=schedule,
        generator=generator,
        scoring=Scoring(
            s.tip_max, s.expired_penalty, s.wrong_dish_penalty, s.stars, s.safety_penalty
        ),
        chop_ticks=max(1, seconds_to_ticks(k.chop_seconds)),
        wash_ticks=max(1, seconds_to_ticks(k.wash_seconds)),
        burn_ticks=None if k.burn_seconds is None else max(1, seconds_to_ticks(k.burn_seconds)),
        burn_warning_ticks=seconds_to_ticks(k.burn_warning_seconds),
        chef_speed=max(1, round(k.chef_speed * UNIT / TICKS_PER_SECOND)),
        dishwashing=k.dishwashing,
        plates=k.plates,
        dirty_plate_ticks=seconds_to_ticks(k.dirty_plate_seconds),
        zones=zones,
        roles=roles,
        disruptions=disruptions,
    )
    return spec, grid, ctx.problems


def _resolve_tiles(
    ctx: CheckContext, grid: TextGrid
) -> tuple[set[Tile], dict[Tile, StationSpec], dict[int, Tile]] | None:
    legend: dict[str, TileDef] = {c: TileDef(**d) for c, d in DEFAULT_TILES.items()}
    for char, entry in ctx.level.legend.items():
        legend[char] = TileDef(kind=entry) if isinstance(entry, str) else entry
    known = "".join(sorted(c for c in legend if c.strip()))
    solid: set[Tile] = set()
    stations: dict[Tile, StationSpec] = {}
    starts: dict[int, Tile] = {}
    ok = True
    for y, row in enumerate(grid.rows):
        for x, char in enumerate(row):
            tile = legend.get(char)
            if char == "\t":  # read_grid has already reported the tab
                ok = False
                continue
            if tile is None:
                ok = False
                ctx.problems.append(
                    problem_at(
                        ctx.doc,
                        grid,
                        ("map",),
                        (y, x),
                        _(
                            "unknown map character {char!r}; known: '{known}', space or '.' "
                            "for floor; add it to 'legend' to define it"
                        ).format(char=char, known=known),
                        ctx.name,
                    )
                )
                continue
            if tile.kind == "start":
                assert tile.player is not None
                if tile.player in starts:
                    ok = False
                    ctx.problems.append(
                        problem_at(
                            ctx.doc,
                            grid,
                            ("map",),
                            (y, x),
                            _("chef {player} has two starts").format(player=tile.player),
                            ctx.name,
                        )
                    )
                starts[tile.player] = (x, y)
            elif tile.kind != "floor":
                solid.add((x, y))
                if tile.kind != "wall":
                    stations[(x, y)] = StationSpec(tile.kind, tile.ingredient)
    return (solid, stations, starts) if ok else None


def _ingredients(ctx: CheckContext) -> dict[str, IngredientSpec]:
    out = {
        name: IngredientSpec(name, data["title"], data["choppable"])
        for name, data in BUILTIN_INGREDIENTS.items()
    }
    for name, d in ctx.level.ingredients.items():
        base = out.get(name)
        title = d.title or (base.title if base else name.replace("_", " ").capitalize())
        out[name] = IngredientSpec(name, title, d.choppable)
    for char, entry in ctx.level.legend.items():
        if isinstance(entry, TileDef) and entry.ingredient and entry.ingredient not in out:
            ctx.add(
                ("legend", char, "ingredient"),
                _(
                    "unknown ingredient '{ingredient}'{suggest}; define new ones "
                    "under 'ingredients'"
                ).format(ingredient=entry.ingredient, suggest=suggest(entry.ingredient, list(out))),
            )
    return out


def _recipes(ctx: CheckContext, ingredients: dict[str, IngredientSpec]) -> dict[str, RecipeSpec]:
    out: dict[str, RecipeSpec] = {}
    for i, entry in enumerate(ctx.level.recipes):
        path: KeyPath = ("recipes", i)
        if isinstance(entry, str):
            if entry not in BUILTIN_RECIPES:
                ctx.add(
                    path,
                    _(
                        "unknown recipe '{entry}'{suggest}; built-in recipes are "
                        "{items}, or write one out in full"
                    ).format(
                        entry=entry,
                        suggest=suggest(entry, list(BUILTIN_RECIPES)),
                        items=", ".join(BUILTIN_RECIPES),
                    ),
                )
                continue
            entry = RecipeDef(name=entry)
        recipe = _recipe(ctx, path, entry, ingredients)
        if recipe is None:
            continue
        if recipe.name in out:
            ctx.add(path, _("recipe '{name}' is listed twice").format(name=recipe.name))
            continue
        out[recipe.name] = recipe
    soups: dict[str, str] = {}
    for recipe in out.values():
        key = recipe.soup_key
        if key and key in soups and out[soups[key]].cook_ticks != recipe.cook_ticks:
            ctx.add(
                ("recipes",),
                _("recipes '{soups}' and '{name}' cook the same pot for different times").format(
                    soups=soups[key], name=recipe.name
                ),
            )
        if key:
            soups.setdefault(key, recipe.name)
    return out


def _recipe(
    ctx: CheckContext, path: KeyPath, d: RecipeDef, ingredients: dict[str, IngredientSpec]
) -> RecipeSpec | None:
    base: dict[str, Any] = dict(BUILTIN_RECIPES.get(d.name, {}))
    given = d.model_dump(exclude_none=True)
    merged = {**base, **given}
    cook = tuple(merged.get("cook") or ())
    plate = tuple(merged.get("plate") or ())
    if not cook and not plate:
        ctx.add(
            path,
            _("recipe '{name}' needs 'cook' (pot ingredients) and/or 'plate' items").format(
                name=d.name
            ),
        )
        return None
    ok = True
    for field, keys in (("cook", cook), ("plate", plate)):
        for j, key in enumerate(keys):
            name, _sep, state = key.partition(":")
            spot = (*path, field, j) if field in given else path
            if name not in ingredients:
                ctx.add(
                    spot,
                    _("unknown ingredient '{name}'{suggest}").format(
                        name=name, suggest=suggest(name, list(ingredients))
                    ),
                )
                ok = False
            elif state and not ingredients[name].choppable:
                ctx.add(spot, _("'{name}' cannot be chopped (choppable: false)").format(name=name))
                ok = False
    if not ok:
        return None
    title = merged.get("title") or d.name.replace("_", " ").capitalize()
    cook_seconds = merged.get("cook_seconds", DEFAULT_COOK_SECONDS)
    return RecipeSpec(
        name=d.name,
        title=title,
        value=int(merged.get("value", DEFAULT_RECIPE_VALUE)),
        cook=cook,
        cook_ticks=max(1, seconds_to_ticks(cook_seconds)) if cook else 0,
        plate=plate,
    )


def _check_starts(ctx: CheckContext, grid: TextGrid, starts: dict[int, Tile]) -> None:
    players = ctx.level.players
    count = len(starts)
    if count == 0:
        ctx.add(("map",), _("the map has no chef starts; put 1, 2, 3 or 4 on floor cells"))
        return
    expected = list(range(1, count + 1))
    if sorted(starts) != expected:
        ctx.add(
            ("map",),
            _("chef starts must be numbered 1 to {count} without gaps, found {starts}").format(
                count=count, starts=sorted(starts)
            ),
        )
    if count < players.min:
        ctx.add(
            ("players", "min"),
            _("players.min is {min} but the map has {starts}").format(
                min=players.min, starts=_starts(count)
            ),
        )
    if players.max is not None and players.max > count:
        ctx.add(
            ("players", "max"),
            _("players.max is {max} but the map has {starts}").format(
                max=players.max, starts=_starts(count)
            ),
        )
    if players.max is not None and players.max < players.min:
        ctx.add(("players",), _("players.max is less than players.min"))


def _starts(count: int) -> str:
    return ngettext("{n} chef start", "{n} chef starts", count).format(n=count)


def _check_makeable(
    ctx: CheckContext, stations: dict[Tile, StationSpec], recipes: dict[str, RecipeSpec]
) -> None:
    kinds = {s.kind for s in stations.values()}
    crates = {s.ingredient for s in stations.values() if s.kind == "crate"}
    for i, (name, recipe) in enumerate(recipes.items()):
        needs = []
        for ingredient in sorted(recipe.ingredients_needed()):
            if ingredient not in crates:
                needs.append(_("a crate of {ingredient}").format(ingredient=ingredient))
        if any(":chopped" in k for k in (*recipe.cook, *recipe.plate)) and "board" not in kinds:
            needs.append(_("a chopping board (C)"))
        if recipe.cook and "stove" not in kinds:
            needs.append(_("a stove (P)"))
        if "plates" not in kinds:
            needs.append(_("a plate stack (D)"))
        if "serve" not in kinds:
            needs.append(_("a serving window (S)"))
        if needs:
            ctx.add(
                ("recipes", i),
                _("recipe '{name}' cannot be made on this map: it needs {items}").format(
                    name=name, items=", ".join(needs)
                ),
            )
    if ctx.level.kitchen.dishwashing:
        for kind, label in (
            ("sink", _("a sink (W)")),
            ("dirty_return", _("a dirty-plate return (R)")),
        ):
            if kind not in kinds:
                ctx.add(
                    ("kitchen", "dishwashing"),
                    _("dish-washing needs {label} on the map").format(label=label),
                )


def _check_reachable(
    ctx: CheckContext,
    grid: TextGrid,
    solid: set[Tile],
    stations: dict[Tile, StationSpec],
    starts: dict[int, Tile],
) -> None:
    seen: set[Tile] = set(starts.values())
    queue = deque(seen)
    while queue:
        x, y = queue.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if (
                0 <= nx < grid.width
                and 0 <= ny < grid.height
                and (nx, ny) not in solid
                and (nx, ny) not in seen
            ):
                seen.add((nx, ny))
                queue.append((nx, ny))
    for (x, y), station in sorted(stations.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if station.kind == "counter":
            continue
        if not any(n in seen for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1))):
            label = (
                _("{kind} of {ingredient}").format(kind=station.kind, ingredient=station.ingredient)
                if station.ingredient
                else station.kind
            )
            ctx.problems.append(
                problem_at(
                    ctx.doc,
                    grid,
                    ("map",),
                    (y, x),
                    _(
                        "no chef can reach this {label}: it needs a floor cell beside it "
                        "that a chef can walk to"
                    ).format(label=label),
                    ctx.name,
                )
            )


def _orders(
    ctx: CheckContext, recipes: dict[str, RecipeSpec]
) -> tuple[tuple[ScheduledOrder, ...], OrderGenerator | None]:
    orders = ctx.level.orders
    names = list(recipes)
    patience = seconds_to_ticks(orders.patience)
    schedule = []
    for i, entry in enumerate(orders.schedule):
        if entry.recipe not in recipes:
            ctx.add(
                ("orders", "schedule", i, "recipe"),
                _("'{recipe}' is not one of this level's recipes{suggest}").format(
                    recipe=entry.recipe, suggest=suggest(entry.recipe, names)
                ),
            )
            continue
        if entry.at >= ctx.level.round.seconds:
            ctx.add(
                ("orders", "schedule", i, "at"),
                _("arrives at {at:g}s, after the round ends").format(at=entry.at),
            )
        ticks = seconds_to_ticks(entry.patience) if entry.patience else patience
        schedule.append(ScheduledOrder(seconds_to_ticks(entry.at), entry.recipe, ticks))
    gen_def = orders.generator
    if gen_def is None and not orders.schedule and "generator" not in orders.model_fields_set:
        from kitchen.content.level_model import GeneratorDef

        gen_def = GeneratorDef()
    generator = None
    if gen_def is not None:
        weights = dict.fromkeys(names, 1)
        if gen_def.weights is not None:
            for key in gen_def.weights:
                if key not in recipes:
                    ctx.add(
                        ("orders", "generator", "weights", key),
                        _("'{key}' is not one of this level's recipes{suggest}").format(
                            key=key, suggest=suggest(key, names)
                        ),
                    )
            weights = {n: gen_def.weights.get(n, 0) for n in names}
            if not any(weights.values()):
                ctx.add(
                    ("orders", "generator", "weights"),
                    _("every weight is zero: no order could arrive"),
                )
        generator = OrderGenerator(
            start_tick=seconds_to_ticks(gen_def.start),
            min_gap=max(1, seconds_to_ticks(gen_def.every[0])),
            max_gap=max(1, seconds_to_ticks(gen_def.every[1])),
            max_active=gen_def.max_active,
            patience_ticks=patience,
            weights=tuple((n, w) for n, w in weights.items() if w > 0),
        )
    return tuple(schedule), generator
