"""What may be combined with what, derived once from a level's recipes."""

from __future__ import annotations

from collections import Counter

from kitchen.sim.items import Item, is_sub_multiset
from kitchen.sim.spec import RecipeSpec


class Cookbook:
    """Answers the kitchen's combination questions for one set of recipes.

    A plate may only hold a combination that is part of some recipe, and a pot only what
    is part of some soup, so chefs cannot build dead-end dishes by accident.
    """

    def __init__(self, recipes: dict[str, RecipeSpec]) -> None:
        self._plates = [Counter(r.components) for r in recipes.values()]
        self._pots = [Counter(r.cook) for r in recipes.values() if r.cook]
        self._cook_ticks: dict[str, int] = {}
        for recipe in recipes.values():
            if recipe.cook:
                key = recipe.soup_key
                assert key is not None
                self._cook_ticks.setdefault(key, recipe.cook_ticks)

    def can_plate(self, plate: Item, item: Item) -> bool:
        """True if ``item`` may go onto the clean ``plate``."""
        if not plate.is_clean_plate or item.kind not in ("ingredient", "soup"):
            return False
        wanted = Counter(c.component for c in plate.contents)
        wanted[item.component] += 1
        return any(is_sub_multiset(wanted, whole) for whole in self._plates)

    def pot_accepts(self, contents: list[Item], item: Item) -> bool:
        """True if ``item`` may be added to a pot already holding ``contents``."""
        if item.kind != "ingredient":
            return False
        wanted = Counter(c.component for c in contents)
        wanted[item.component] += 1
        return any(is_sub_multiset(wanted, whole) for whole in self._pots)

    def cook_ticks(self, soup_key: str) -> int | None:
        """How long the soup with this key cooks, or ``None`` if no recipe makes it."""
        return self._cook_ticks.get(soup_key)
