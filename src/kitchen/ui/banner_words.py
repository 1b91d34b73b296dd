"""What a disruption's banner says, in the language in force.

The simulation writes a disruption's detail in English into its event (the log keeps it
as it is); the banner says it again from the event's own facts and the level's disruption
(found by kind and label), so a French team reads French. A level's own label is its
author's words, shown as the level writes it.
"""

from __future__ import annotations

from kitchen.events import Event
from kitchen.i18n import _, list_text, localize, ngettext
from kitchen.sim.round import Round
from kitchen.sim.spec import DisruptionSpec
from kitchen.ui.render.words import title_words


def station_words(kind: str) -> str:
    """A station kind as a banner names it (``the stove``)."""
    words = {
        "stove": _("the stove"),
        "board": _("the chopping board"),
        "sink": _("the sink"),
        "serve": _("the serving window"),
        "plates": _("the plate rack"),
        "crate": _("the crate"),
        "bin": _("the bin"),
        "counter": _("the counter"),
        "dirty_return": _("the dirty-plate return"),
    }
    return words.get(kind, kind.replace("_", " "))


def _recipe(rnd: Round, name: str | None) -> str:
    found = rnd.spec.recipes.get(name or "")
    return title_words(found.title) if found is not None else str(name)


def _ingredient(rnd: Round, name: str | None) -> str:
    found = rnd.spec.ingredients.get(name or "")
    return title_words(found.title).lower() if found is not None else str(name)


def _spec(rnd: Round, event: Event) -> DisruptionSpec | None:
    kind, label = getattr(event, "kind", ""), getattr(event, "label", "")
    for spec in rnd.spec.disruptions:
        if spec.kind == kind and spec.label == label:
            return spec
    return None


def _chefs(players: tuple[int, ...] | list[int]) -> str:
    return list_text([str(p) for p in players])


def disruption_detail(rnd: Round, event: Event) -> str:
    """The banner's detail line for a ``disruption_started`` event (the event's English
    detail when its disruption cannot be found in the level)."""
    kind = getattr(event, "kind", "")
    players: tuple[int, ...] = getattr(event, "players", ())
    tiles = getattr(event, "tiles", ())
    spec = _spec(rnd, event)
    if kind == "blackout":
        if not players:
            return _("nobody can read the tickets")
        return ngettext(
            "only chef {chefs} can read the tickets",
            "only chefs {chefs} can read the tickets",
            len(players),
        ).format(chefs=_chefs(players))
    if kind == "breakdown" and tiles:
        station = rnd.stations.get(tiles[0])
        if station is not None:
            return _("{station} is broken").format(station=station_words(station.kind))
    if kind == "redeployment" and players and spec is not None:
        n, chefs = len(players), _chefs(players)
        if spec.mode == "move":
            return ngettext(
                "chef {chefs} moved to {zone}", "chefs {chefs} moved to {zone}", n
            ).format(chefs=chefs, zone=spec.zone)
        if spec.mode == "away":
            return ngettext("chef {chefs} called away", "chefs {chefs} called away", n).format(
                chefs=chefs
            )
        return ngettext("chef {chefs} frozen", "chefs {chefs} frozen", n).format(chefs=chefs)
    if spec is None:
        return localize(getattr(event, "detail", ""))
    if kind == "shortage":
        if spec.recipe:
            return _("no {ingredient}; {dish} on the menu instead").format(
                ingredient=_ingredient(rnd, spec.ingredient), dish=_recipe(rnd, spec.recipe)
            )
        return _("no {ingredient}").format(ingredient=_ingredient(rnd, spec.ingredient))
    if kind == "special_order":
        return _("{dish} with no {ingredient}").format(
            dish=_recipe(rnd, spec.recipe), ingredient=_ingredient(rnd, spec.ingredient)
        )
    if kind == "surge":
        return ngettext("{n} order at once", "{n} orders at once", spec.count).format(n=spec.count)
    if kind == "power_cut":
        if spec.light == "stoves":
            return _("lights out; only the stoves give light")
        return _("lights out; only the chefs give light")
    if kind == "layout_change":
        n = len(spec.cells)
        if spec.to == "wall":
            return ngettext("{n} cell becomes wall", "{n} cells become wall", n).format(n=n)
        if spec.to == "counter":
            return ngettext("{n} cell becomes counter", "{n} cells become counter", n).format(n=n)
        return ngettext("{n} cell becomes floor", "{n} cells become floor", n).format(n=n)
    if kind == "menu_change":
        parts = [_("{dish} added").format(dish=_recipe(rnd, r)) for r in spec.recipes]
        parts += [_("{dish} withdrawn").format(dish=_recipe(rnd, r)) for r in spec.remove]
        return ", ".join(parts) if parts else _("the menu is unchanged")
    return localize(getattr(event, "detail", ""))
