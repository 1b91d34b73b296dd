"""Order tickets: arrival (schedule and seeded generator), patience, serving and expiry."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kitchen.events import Event, OrderArrived, OrderExpired
from kitchen.sim.spec import KitchenSpec, RecipeSpec

QUIET_FOREVER = 1 << 62
"""What :meth:`OrderBook.quiet_until` answers when no order will ever come or go."""


@dataclass(slots=True)
class Order:
    """An open ticket for one dish.

    Attributes:
        components: what the plate must hold exactly (the recipe, minus what ``exclude``
            rules out for a special-requirement ticket).
        exclude: an ingredient this customer must not get (an allergy), or ``None``.
        source: ``regular``, ``surge`` or ``special``.
    """

    id: int
    recipe: str
    arrived: int
    patience: int
    components: tuple[str, ...] = ()
    exclude: str | None = None
    source: str = "regular"

    @property
    def expires(self) -> int:
        """The tick at which this ticket expires if not served."""
        return self.arrived + self.patience

    def remaining(self, tick: int) -> int:
        """Ticks of patience left at ``tick``."""
        return max(0, self.expires - tick)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What serving a plate would do.

    Attributes:
        outcome: ``served``, ``wrong_dish`` or ``safety_incident``.
        order: the order served or harmed (``None`` for a wrong dish).
        points: the change to the score (value plus tip, or minus the penalty).
        tip: the tip part of ``points`` when served.
    """

    outcome: str
    order: Order | None
    points: int
    tip: int = 0


class OrderBook:
    """The open tickets and where the next ones come from.

    All randomness comes from the ``rng`` passed in, which the round owns.
    """

    def __init__(self, spec: KitchenSpec, rng: random.Random) -> None:
        self._spec = spec
        self._rng = rng
        self._schedule = sorted(spec.schedule, key=lambda s: s.tick)
        self._next_scheduled = 0
        self._generator = spec.generator
        self._next_generated = spec.generator.start_tick if spec.generator else None
        self._next_id = 1
        self.open: list[Order] = []
        self._next_expiry = QUIET_FOREVER  # the earliest expiry among the open orders
        weights = dict(spec.generator.weights) if spec.generator else {}
        self._weights = {name: weights.get(name, 0) for name in spec.recipes}
        self.menu: set[str] = {n for n, w in self._weights.items() if w > 0} or set(spec.recipes)
        """Recipes that random orders are drawn from now (menu changes alter it)."""

    def arrive(
        self,
        tick: int,
        recipe: str,
        patience: int,
        events: list[Event],
        source: str = "regular",
        exclude: str | None = None,
    ) -> Order:
        """Open a ticket for ``recipe`` now."""
        spec = self._spec.recipes[recipe]
        components = spec.components
        if exclude is not None:
            components = tuple(k for k in components if k.split(":")[0] != exclude)
        order = Order(self._next_id, recipe, tick, patience, components, exclude, source)
        self._next_id += 1
        self.open.append(order)
        self._next_expiry = min(self._next_expiry, order.arrived + order.patience)
        events.append(OrderArrived(tick, order.id, recipe, patience, source, exclude))
        return order

    def update(self, tick: int, events: list[Event]) -> list[Order]:
        """Bring in due tickets and expire stale ones; return the orders that expired."""
        expired: list[Order] = []
        if tick >= self._next_expiry:  # the list is only scanned when something expires
            expired = [o for o in self.open if o.expires <= tick]
            for order in expired:
                self.open.remove(order)
                events.append(
                    OrderExpired(tick, order.id, order.recipe, self._spec.scoring.expired_penalty)
                )
            self._reset_expiry()
        schedule = self._schedule
        while self._next_scheduled < len(schedule) and schedule[self._next_scheduled].tick <= tick:
            entry = schedule[self._next_scheduled]
            self.arrive(tick, entry.recipe, entry.patience_ticks, events)
            self._next_scheduled += 1
        gen = self._generator
        if (
            gen is not None
            and self._next_generated is not None
            and tick >= self._next_generated
            and len(self.open) < gen.max_active
        ):
            names = sorted(self.menu)
            if names:
                weights = [self._weights.get(n) or 1 for n in names]
                recipe = self._rng.choices(names, weights=weights)[0]
                self.arrive(tick, recipe, gen.patience_ticks, events)
            self._next_generated = tick + self._rng.randint(gen.min_gap, gen.max_gap)
        return expired

    def quiet_until(self, tick: int) -> int:
        """The first tick from ``tick`` on at which :meth:`update` may do anything (an
        order expiring or due), as things stand."""
        due = self._next_expiry
        if self._next_scheduled < len(self._schedule):
            due = min(due, self._schedule[self._next_scheduled].tick)
        gen = self._generator
        if gen is not None and self._next_generated is not None and len(self.open) < gen.max_active:
            due = min(due, self._next_generated)
        return max(due, tick)

    def match(self, components: tuple[str, ...]) -> Order | None:
        """The most urgent open order that wants exactly ``components``, if any."""
        best: Order | None = None
        for order in self.open:
            if order.components == components and (best is None or order.expires < best.expires):
                best = order
        return best

    def endangered(self, components: tuple[str, ...]) -> Order | None:
        """The most urgent special-requirement order this plate would harm: its dish, but
        with the excluded ingredient still in it."""
        best: Order | None = None
        for order in self.open:
            if order.exclude is None:
                continue
            recipe: RecipeSpec = self._spec.recipes[order.recipe]
            if recipe.components == components and (best is None or order.expires < best.expires):
                best = order
        return best

    def judge(self, components: tuple[str, ...], tick: int) -> Verdict:
        """What serving a plate of ``components`` at ``tick`` would do (changes nothing):
        harm a special-requirement order, match none, or serve the most urgent match."""
        scoring = self._spec.scoring
        order = self.match(components)
        harmed = self.endangered(components) if order is None else None
        if harmed is not None:
            return Verdict("safety_incident", harmed, -scoring.safety_penalty)
        if order is None:
            return Verdict("wrong_dish", None, -scoring.wrong_dish_penalty)
        tip = scoring.tip_max * order.remaining(tick) // order.patience
        return Verdict("served", order, self._spec.recipes[order.recipe].value + tip, tip)

    def take(self, order: Order) -> None:
        """Close ``order`` (it was served)."""
        self.open.remove(order)
        self._reset_expiry()

    def _reset_expiry(self) -> None:
        self._next_expiry = min((o.arrived + o.patience for o in self.open), default=QUIET_FOREVER)
