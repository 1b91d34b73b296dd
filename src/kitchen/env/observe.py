"""What each chef observes: a stack of map layers (in the spirit of Overcooked-AI's lossless
state encoding) and a flat vector.

The grid is ``(height, width, channels)`` of small whole numbers (``uint8``), ego-centred:
the observing chef's own layers come before their teammates'. :func:`grid_channels` names
the channels. The vector (``float32`` in -1..1) holds the chef's own state, their
teammates', the clock and score, the open tickets (zeros for a chef whose role, or a
blackout, keeps them from reading tickets), every pot, and the call-outs heard lately.
"""

from __future__ import annotations

import numpy as np

from kitchen.sim import TICKS_PER_SECOND, UNIT, KitchenSpec, Round
from kitchen.sim.commands import CALLOUT_KINDS
from kitchen.sim.items import BURNT, INGREDIENT, PLATE, SOUP, Item
from kitchen.sim.movement import Chef

FACINGS = ((0, -1), (0, 1), (-1, 0), (1, 0))
"""Up, down, left, right: the order of the facing layers and one-hots."""
STATION_LAYERS = ("counter", "stove", "board", "plates", "serve", "bin", "sink", "dirty_return")
HELD_KINDS = ("none", "ingredient", "plate", "dish", "dirty_plate", "burnt", "soup")
POT_STATES = ("idle", "cooking", "ready", "burnt")
MAX_ORDERS = 5
"""Tickets shown in the vector (the most urgent first)."""
HEARD_TICKS = 3 * TICKS_PER_SECOND
"""A call-out stays in the vector this long."""
URGENT_TICKS = 10 * TICKS_PER_SECOND
"""The urgency layer is all ones when less time than this is left."""
SCORE_SCALE = 200.0


def level_ingredients(spec: KitchenSpec) -> list[str]:
    """The ingredients a level uses (its crates' and its recipes'), sorted."""
    used = {s.ingredient for s in spec.stations.values() if s.ingredient}
    for recipe in spec.recipes.values():
        used.update(recipe.ingredients_needed())
    return sorted(n for n in used if n is not None)


def grid_channels(ingredients: list[str]) -> list[str]:
    """The names of the grid's channels, in order, for a level with these ingredients."""
    names = ["self", "teammates"]
    names += [f"self_facing_{f}" for f in ("up", "down", "left", "right")]
    names += [f"teammates_facing_{f}" for f in ("up", "down", "left", "right")]
    names += ["wall", *STATION_LAYERS]
    names += [f"crate_{i}" for i in ingredients]
    names += ["forbidden", "broken", "urgency"]
    names += [f"raw_{i}" for i in ingredients] + [f"chopped_{i}" for i in ingredients]
    names += ["clean_plates", "dirty_plates", "dishes", "burnt"]
    names += [f"plated_{i}" for i in ingredients] + [f"in_pot_{i}" for i in ingredients]
    names += ["pot_cooking_steps_left", "pot_ready", "pot_burnt", "chop_progress", "wash_progress"]
    return names


class Observer:
    """Builds the observations of one level (its layers and vector layout are fixed).

    Args:
        rnd: a round of the level (only its spec and chefs are read here).
        agents: the chefs observed, by player number.
        ticks_per_step: ticks in a decision step (cook times are counted in steps).
    """

    def __init__(self, rnd: Round, agents: list[int], ticks_per_step: int) -> None:
        spec = rnd.spec
        self.ingredients = level_ingredients(spec)
        self.recipes = sorted(spec.recipes)
        self.players = sorted(rnd.chefs)
        self.ticks_per_step = ticks_per_step
        self.names = grid_channels(self.ingredients)
        self.channel = {name: n for n, name in enumerate(self.names)}
        self.shape = (spec.height, spec.width, len(self.names))
        self.stoves = sorted(t for t, s in spec.stations.items() if s.kind == "stove")
        self._static_round: Round | None = None
        self._static_version = -1
        self._static = np.zeros(self.shape, dtype=np.uint8)
        self._shared_round: Round | None = None
        self._shared_key = (-1, -1)
        self._shared_layers = self._static
        self._forbidden_layers: dict[frozenset[tuple[int, int]], np.ndarray] = {}
        self._world_round: Round | None = None
        self._world_key: tuple[int, int, bool] = (-1, -1, False)
        self._world_cache: dict[bool, np.ndarray] = {}
        self.vector_size = len(self._vector(rnd, agents[0]))

    # --- the grid ----------------------------------------------------------------------

    def grid(self, rnd: Round, player: int) -> np.ndarray:
        """The layers seen by chef ``player``."""
        out = self._shared(rnd).copy()
        ch = self.channel
        forbidden = rnd.silos.forbidden(player)
        if forbidden:
            out[:, :, ch["forbidden"]] = self._forbidden_layer(forbidden)
        for chef in rnd.chefs_in_order:
            if chef.status == "away":
                continue
            x, y = chef.cell
            who = "self" if chef.player == player else "teammates"
            out[y, x, ch[who]] += 1
            out[y, x, ch[f"{who}_facing_up"] + FACINGS.index(chef.facing)] = 1
            if chef.held is not None:
                self._item(out, x, y, chef.held)
        return out

    def _shared(self, rnd: Round) -> np.ndarray:
        """The layers every chef sees alike at this tick (built once a tick): the fixed
        map, kept until the layout changes, and what is on the stations."""
        key = (rnd.tick, rnd.layout_version)
        if self._shared_round is rnd and self._shared_key == key:
            return self._shared_layers
        if self._static_round is not rnd or self._static_version != rnd.layout_version:
            self._static = self._fixed(rnd)
            self._static_round, self._static_version = rnd, rnd.layout_version
        out = self._static.copy()
        ch = self.channel
        chop, wash = rnd.spec.chop_ticks, rnd.spec.wash_ticks
        for tile, station in rnd.stations.items():
            x, y = tile
            if station.broken is not None:
                out[y, x, ch["broken"]] = 1
            for item in station.items():
                self._item(out, x, y, item)
            kind = station.kind
            if kind == "stove":
                self._pot(out, x, y, station)
            elif kind == "board":
                out[y, x, ch["chop_progress"]] = _scaled(station.progress, chop)  # type: ignore[attr-defined]
            elif kind == "sink":
                out[y, x, ch["wash_progress"]] = _scaled(station.progress, wash)  # type: ignore[attr-defined]
        if rnd.round_ticks - rnd.tick < URGENT_TICKS:
            out[:, :, ch["urgency"]] = 1
        self._shared_round, self._shared_key, self._shared_layers = rnd, key, out
        return out

    def _fixed(self, rnd: Round) -> np.ndarray:
        """The layers that change only with the layout: walls and what station is where."""
        out = np.zeros(self.shape, dtype=np.uint8)
        ch = self.channel
        for tile, station in rnd.stations.items():
            x, y = tile
            kind = station.kind
            out[y, x, ch[f"crate_{station.ingredient}" if kind == "crate" else kind]] = 1  # type: ignore[attr-defined]
        for y in range(rnd.spec.height):
            for x in range(rnd.spec.width):
                if rnd.mover.is_solid(x, y) and (x, y) not in rnd.stations:
                    out[y, x, ch["wall"]] = 1
        return out

    def _forbidden_layer(self, forbidden: frozenset[tuple[int, int]]) -> np.ndarray:
        layer = self._forbidden_layers.get(forbidden)
        if layer is None:
            layer = np.zeros(self.shape[:2], dtype=np.uint8)
            for x, y in forbidden:
                layer[y, x] = 1
            self._forbidden_layers[forbidden] = layer
        return layer

    def _item(self, out: np.ndarray, x: int, y: int, item: Item) -> None:
        ch = self.channel
        if item.kind == INGREDIENT:
            _add(out, y, x, ch[f"{'chopped' if item.chopped else 'raw'}_{item.name}"])
        elif item.kind == BURNT:
            _add(out, y, x, ch["burnt"])
        elif item.kind == PLATE:
            if item.dirty:
                _add(out, y, x, ch["dirty_plates"])
            elif not item.contents:
                _add(out, y, x, ch["clean_plates"])
            else:
                _add(out, y, x, ch["dishes"])
                for inner in item.walk():
                    if inner.kind == INGREDIENT:
                        _add(out, y, x, ch[f"plated_{inner.name}"])

    def _pot(self, out: np.ndarray, x: int, y: int, stove: object) -> None:
        ch = self.channel
        for item in getattr(stove, "contents", ()):
            if item.kind == INGREDIENT:
                _add(out, y, x, ch[f"in_pot_{item.name}"])
        state = getattr(stove, "state", "idle")
        if state == "cooking":
            left = getattr(stove, "cook_ticks", 0) - getattr(stove, "timer", 0)
            out[y, x, ch["pot_cooking_steps_left"]] = min(255, -(-left // self.ticks_per_step))
        out[y, x, ch["pot_ready"]] = state == "ready"
        out[y, x, ch["pot_burnt"]] = state == "burnt"

    # --- the vector --------------------------------------------------------------------

    def vector(self, rnd: Round, player: int) -> np.ndarray:
        """The flat vector seen by chef ``player``."""
        head = [-1.0 if v < -1.0 else 1.0 if v > 1.0 else v for v in self._chefs_part(rnd, player)]
        out = np.empty(self.vector_size, dtype=np.float32)
        out[: len(head)] = head
        out[len(head) :] = self._world_vector(rnd, rnd.can_read_tickets(player))
        return out

    def _vector(self, rnd: Round, player: int) -> list[float]:
        return self._chefs_part(rnd, player) + self._world_part(rnd, rnd.can_read_tickets(player))

    def _chefs_part(self, rnd: Round, player: int) -> list[float]:
        """The chef's own state, then its teammates' (relative to it)."""
        spec = rnd.spec
        me = rnd.chefs[player]
        out = [me.x / (spec.width * UNIT), me.y / (spec.height * UNIT)]
        out += _facing(me) + self._held(me) + [float(me.status == "active")]
        for other in self.players:
            if other == player:
                continue
            chef = rnd.chefs[other]
            out += [(chef.x - me.x) / (spec.width * UNIT), (chef.y - me.y) / (spec.height * UNIT)]
            out += _facing(chef) + self._held(chef) + [float(chef.status == "active")]
        return out

    def _world_vector(self, rnd: Round, readable: bool) -> np.ndarray:
        """:meth:`_world_part` as ``float32``, built once a tick for readers and once for
        those who cannot read the tickets."""
        key = (rnd.tick, rnd.layout_version, readable)
        if self._world_round is not rnd or self._world_key[:2] != key[:2]:
            self._world_round, self._world_cache = rnd, {}
        self._world_key = key
        part = self._world_cache.get(readable)
        if part is None:
            part = np.clip(np.asarray(self._world_part(rnd, readable), dtype=np.float32), -1, 1)
            self._world_cache[readable] = part
        return part

    def _world_part(self, rnd: Round, readable: bool) -> list[float]:
        """The clock and score, the tickets (zeros when not ``readable``), every pot, and
        the call-outs heard lately."""
        spec = rnd.spec
        out = [max(0, rnd.round_ticks - rnd.tick) / max(1, spec.round_ticks)]
        out += [min(1.0, rnd.score / SCORE_SCALE)]
        orders = sorted(rnd.orders.open, key=lambda o: (o.expires, o.id))[:MAX_ORDERS]
        for n in range(MAX_ORDERS):
            slot = [0.0] * (len(self.recipes) + 2)
            if readable and n < len(orders):
                order = orders[n]
                slot[self.recipes.index(order.recipe)] = 1.0
                slot[-2] = order.remaining(rnd.tick) / max(1, order.patience)
                slot[-1] = float(order.exclude is not None)
            out += slot
        for tile in self.stoves:
            stove = rnd.stations.get(tile)
            state = getattr(stove, "state", "idle")
            out += [float(state == s) for s in POT_STATES]
            out += [getattr(stove, "progress", 0.0), len(getattr(stove, "contents", ())) / 3]
        for other in self.players:
            heard = [0.0] * len(CALLOUT_KINDS)
            last = rnd.calls.last.get(other)
            if last is not None and rnd.tick - last[1] <= HEARD_TICKS:
                kind = last[0].partition("@")[0].partition(":")[0]
                heard[CALLOUT_KINDS.index(kind)] = 1.0
            out += heard
        return out

    def _held(self, chef: Chef) -> list[float]:
        item = chef.held
        kinds = [0.0] * len(HELD_KINDS)
        names = [0.0] * len(self.ingredients)
        chopped = 0.0
        if item is None:
            kinds[0] = 1.0
        elif item.kind == PLATE:
            kind = "dirty_plate" if item.dirty else "dish" if item.contents else "plate"
            kinds[HELD_KINDS.index(kind)] = 1.0
        elif item.kind in (INGREDIENT, BURNT, SOUP):
            kinds[HELD_KINDS.index(item.kind)] = 1.0
            if item.kind == INGREDIENT:
                names[self.ingredients.index(item.name)] = 1.0
                chopped = float(item.chopped)
        return kinds + names + [chopped]


def _facing(chef: Chef) -> list[float]:
    return [float(chef.facing == f) for f in FACINGS]


def _scaled(value: int, full: int) -> int:
    return min(255, value * 255 // max(1, full))


def _add(out: np.ndarray, y: int, x: int, channel: int) -> None:
    out[y, x, channel] = min(255, int(out[y, x, channel]) + 1)
