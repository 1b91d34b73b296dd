"""Things a chef can carry: ingredients, plates, soups and burnt food.

Every item has an ``id`` that stays the same for its whole life, so the event log can
follow it from crate to plate to serving window (and spot hand-offs between chefs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

INGREDIENT = "ingredient"
PLATE = "plate"
SOUP = "soup"
BURNT = "burnt"


@dataclass(slots=True, eq=False)
class Item:
    """A carried thing. Plates, soups and burnt food hold other items in ``contents``.

    Attributes:
        id: identity, unique within a round.
        kind: ``ingredient``, ``plate``, ``soup`` or ``burnt``.
        name: the ingredient name; for a soup its component key.
        chopped: an ingredient that has been chopped.
        dirty: a plate that needs washing before it can hold food.
        contents: what a plate, soup or burnt mess holds.
        put_by: the chef who last put this item down on a station, for hand-off detection.
        put_tick: when that happened.
    """

    id: int
    kind: str
    name: str = ""
    chopped: bool = False
    dirty: bool = False
    contents: list[Item] = field(default_factory=list)
    put_by: int | None = None
    put_tick: int = 0

    @property
    def component(self) -> str:
        """The key used to match recipes: ``onion``, ``onion:chopped``, ``soup:...``."""
        if self.kind == INGREDIENT:
            return f"{self.name}:chopped" if self.chopped else self.name
        if self.kind == SOUP:
            return self.name
        return self.kind

    def describe(self) -> str:
        """A short, stable description used in events (see ``docs/events.md``)."""
        if self.kind == PLATE:
            if self.dirty:
                return "dirty_plate"
            if not self.contents:
                return "plate"
            return "plate[" + ",".join(self.plate_components()) + "]"
        return self.component

    def plate_components(self) -> tuple[str, ...]:
        """The sorted component keys on a plate."""
        return tuple(sorted(c.component for c in self.contents))

    def walk(self) -> Iterator[Item]:
        """Yield this item and everything inside it, depth first."""
        yield self
        for inner in self.contents:
            yield from inner.walk()

    @property
    def is_clean_plate(self) -> bool:
        """True for a plate that can take food."""
        return self.kind == PLATE and not self.dirty


def is_sub_multiset(part: Counter[str], whole: Counter[str]) -> bool:
    """True if every key of ``part`` appears in ``whole`` at least as many times."""
    return all(whole[key] >= n for key, n in part.items())
