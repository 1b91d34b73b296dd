"""Why could nothing be served? Causes a level designer can fix, read from the map.

:func:`find_causes` is what ``kitchen playtest`` asks when the bots scored nothing. It looks
at the kitchen as the chefs in play see it at the start of a round (walls, their roles'
zones, who may serve) and follows every dish from the crates to the serving window:

- each chef's *reach*: the stations beside a floor cell the chef can walk to;
- *hand-offs*: any item crosses a counter two chefs can reach, an ingredient also a board
  or a pot, so each ingredient (raw or chopped) is held by some set of chefs;
- a plated dish travels only across counters, so the chefs linked by shared counters must,
  between them, reach the plates, every part of the dish and the serving window.

It answers in one line per cause. It is a static reading of the map: what the round does
later (layout changes, redeployments, breakdowns) is not taken into account, so an empty
answer means "no cause found in the map", not "the level is fine".
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import Protocol

from kitchen.bots.navigation import NEIGHBOURS
from kitchen.sim.spec import KitchenSpec, RecipeSpec, RoleSpec, Tile


class RunResult(Protocol):
    """What the causes need to know of a playtest run
    (:class:`kitchen.bots.playtest.RunResult`), without importing it back."""

    @property
    def recipes_ordered(self) -> dict[str, int]:
        """How many tickets of each recipe arrived."""

    @property
    def burnt(self) -> int:
        """How many pots burnt."""


NO_CAUSE = "no cause was found in the map — try it by hand"
"""Said when the bots served nothing and the map shows no reason."""


def chef_list(players: Iterable[int]) -> str:
    """``chef 1``, ``chefs 1 and 2``, ``chefs 1, 2 and 3``."""
    names = [str(p) for p in sorted(players)]
    if len(names) == 1:
        return f"chef {names[0]}"
    return "chefs " + ", ".join(names[:-1]) + " and " + names[-1]


def _describe(key: str) -> str:
    """``onion`` -> ``onion``; ``lettuce:chopped`` -> ``chopped lettuce``."""
    name, _, state = key.partition(":")
    return f"{state} {name}" if state else name


class Kitchen:
    """The map as the chefs in play see it at the start of a round.

    Args:
        spec: the level.
        players: the chefs in play.
        silos: whether roles and zones are enforced.
    """

    def __init__(self, spec: KitchenSpec, players: Sequence[int], silos: bool = True) -> None:
        self.spec = spec
        self.players = sorted(players)
        self.roles: dict[int, RoleSpec] = {}
        if silos:
            for role in spec.roles:
                for player in role.players:
                    self.roles[player] = role
        self.users: dict[Tile, frozenset[int]] = {}
        """Station cell -> the chefs in play who can walk to face it."""
        reach = {p: self._region(p) for p in self.players}
        for x, y in spec.stations:
            near = [(x + dx, y + dy) for dx, dy in NEIGHBOURS]
            self.users[(x, y)] = frozenset(
                p for p in self.players if any(c in reach[p] for c in near)
            )
        self._groups = self._counter_groups()

    def _region(self, player: int) -> set[Tile]:
        spec = self.spec
        role = self.roles.get(player)
        allowed = set(role.zones) if role and role.zones else None
        start = spec.starts[player]
        seen = {start}
        queue = deque(seen)
        while queue:
            x, y = queue.popleft()
            for dx, dy in NEIGHBOURS:
                cell = (x + dx, y + dy)
                if cell in seen or cell in spec.solid:
                    continue
                if not (0 <= cell[0] < spec.width and 0 <= cell[1] < spec.height):
                    continue
                zone = spec.zones.get(cell)
                if allowed is not None and zone is not None and zone not in allowed:
                    continue
                seen.add(cell)
                queue.append(cell)
        return seen

    def _counter_groups(self) -> list[frozenset[int]]:
        """Chefs linked by counters they share: a plated dish can travel within a group."""
        group = {p: {p} for p in self.players}
        for tile in self.tiles("counter"):
            linked = (
                set().union(*(group[p] for p in self.users[tile])) if self.users[tile] else set()
            )
            for p in linked:
                group[p] = linked
        out: list[frozenset[int]] = []
        for p in self.players:
            g = frozenset(group[p])
            if g not in out:
                out.append(g)
        return out

    # --- queries ---------------------------------------------------------------------

    def tiles(self, kind: str, ingredient: str | None = None) -> list[Tile]:
        """The cells of every station of ``kind`` (crates: of ``ingredient``), in map order."""
        return [
            t
            for t, st in sorted(self.spec.stations.items(), key=lambda kv: (kv[0][1], kv[0][0]))
            if st.kind == kind and (ingredient is None or st.ingredient == ingredient)
        ]

    def who_uses(self, tiles: Iterable[Tile]) -> set[int]:
        """The chefs in play who can reach any of ``tiles``."""
        return set().union(*(self.users[t] for t in tiles))

    def may_serve(self, player: int) -> bool:
        """Whether the chef's role lets them serve."""
        role = self.roles.get(player)
        return role is None or role.may_serve

    def spread(self, holders: set[int], via: Sequence[Tile]) -> set[int]:
        """Everyone an item can reach from ``holders`` by being put down at ``via`` cells."""
        held = set(holders)
        changed = bool(held)
        while changed:
            changed = False
            for tile in via:
                users = self.users[tile]
                if users & held and not users <= held:
                    held |= users
                    changed = True
        return held

    def holders(self, key: str) -> set[int]:
        """The chefs who can come to hold ingredient ``key`` (``onion``, ``onion:chopped``)."""
        name, _, state = key.partition(":")
        via = self.tiles("counter") + self.tiles("board")
        if any(key in r.cook for r in self.spec.recipes.values()):
            via += self.tiles("stove")  # a pot that has not started gives its last item back
        raw = self.spread(self.who_uses(self.tiles("crate", name)), via)
        if not state:
            return raw
        boards = [b for b in self.tiles("board") if self.users[b] & raw]
        return self.spread(self.who_uses(boards), via)

    def groups(self) -> list[frozenset[int]]:
        """Chefs linked by counters they share (a plated dish travels within a group)."""
        return self._groups


def find_causes(
    spec: KitchenSpec,
    chefs: int,
    silos: bool = True,
    results: Sequence[RunResult] = (),
) -> list[str]:
    """Why the bots could not serve this level, one line per cause (``[]``: none found).

    Args:
        spec: the level.
        chefs: how many chefs were in play (the first ``chefs`` starts, as in playtest).
        silos: whether roles and zones were enforced.
        results: the runs, for what the map alone cannot tell (which recipes were ordered,
            whether a pot burnt).
    """
    players = sorted(spec.starts)[:chefs]
    if results and not any(r.recipes_ordered for r in results):
        return ["no order arrived in any run: check the level's orders (start, schedule, weights)"]
    causes = _map_causes(spec, players, silos, results)
    if not causes:
        return causes
    everyone = sorted(spec.starts)
    if silos and spec.roles and not _map_causes(spec, players, False, results):
        causes.append(
            "without the level's roles and zones (--no-silos) the map shows none of these problems"
        )
    elif chefs < len(everyone) and not _map_causes(spec, everyone, silos, results):
        causes.append(
            f"with every chef in play (--chefs {len(everyone)}) the map shows none of these "
            "problems"
        )
    return causes


def _map_causes(
    spec: KitchenSpec, players: list[int], silos: bool, results: Sequence[RunResult]
) -> list[str]:
    k = Kitchen(spec, players, silos)
    causes: list[str] = []

    def add(line: str) -> None:
        if line not in causes:
            causes.append(line)

    allowed = [p for p in players if k.may_serve(p)]
    servers = k.who_uses(k.tiles("serve")) & set(allowed)
    if not allowed:
        roles = sorted({k.roles[p].name for p in players})
        add(
            f"no chef in play may serve: {chef_list(players)} "
            f"{'is' if len(players) == 1 else 'are'} in "
            + ", ".join(f"role '{r}'" for r in roles)
            + " (may_serve: false)"
        )
    elif not servers:
        add(f"no chef who may serve ({chef_list(allowed)}) can reach the serving window")

    ordered = {name for r in results for name in r.recipes_ordered}
    recipes = [r for name, r in spec.recipes.items() if not ordered or name in ordered]
    plate_users = k.who_uses(k.tiles("plates"))
    if not plate_users:
        add("no chef can reach the plates")
    for recipe in recipes:
        for line in _recipe_causes(k, recipe, plate_users, servers):
            add(line)

    burnt = sum(1 for r in results if r.burnt)
    if spec.burn_ticks is not None and burnt:
        bins = k.tiles("bin")
        stove_users = k.who_uses(k.tiles("stove"))
        if not bins:
            add(
                f"a pot burnt in {burnt} of {len(results)} runs and the level has no bin to empty "
                "it"
            )
        elif not stove_users & k.who_uses(bins):
            add(
                f"a pot burnt in {burnt} of {len(results)} runs and no chef who can reach "
                "a stove can reach a bin to empty it"
            )
    if spec.dishwashing:
        for kind, label in (("sink", "a sink"), ("dirty_return", "the dirty-plate return")):
            if not k.who_uses(k.tiles(kind)):
                add(f"dish-washing is on but no chef can reach {label}, so plates are never washed")
    return causes


def _recipe_causes(
    k: Kitchen, recipe: RecipeSpec, plate_users: set[int], servers: set[int]
) -> list[str]:
    """What stops ``recipe`` reaching the window: missing parts first, then routes."""
    causes: list[str] = []
    needs: list[tuple[str, set[int]]] = [
        ("can reach the plates", k.spread(plate_users, k.tiles("counter")))
    ]
    keys = sorted(set(recipe.cook) | set(recipe.plate))
    holders = {key: k.holders(key) for key in keys}
    for key in keys:
        name, _, state = key.partition(":")
        if not k.tiles("crate", name):
            causes.append(f"there is no crate of {name} on the map, and {recipe.name} needs it")
        elif not k.holders(name):
            causes.append(f"no chef can reach a crate of {name}, and {recipe.name} needs it")
        elif state and not holders[key]:
            if not k.who_uses(k.tiles("board")):
                causes.append(f"no chef can reach a chopping board, and {recipe.name} needs one")
            else:
                causes.append(
                    f"no chef who can get {name} can reach a chopping board, "
                    f"and {recipe.name} needs it chopped"
                )
    for key in sorted(set(recipe.plate)):
        needs.append((f"can get {_describe(key)}", holders[key]))
    if recipe.cook:
        stoves = k.tiles("stove")
        if not k.who_uses(stoves):
            causes.append(f"no chef can reach a stove, and {recipe.name} needs one")
        elif not causes:
            cooks = [s for s in stoves if all(k.users[s] & holders[c] for c in recipe.cook)]
            stranded = [c for c in sorted(set(recipe.cook)) if not k.who_uses(stoves) & holders[c]]
            for c in stranded:
                causes.append(
                    f"no chef who can get {_describe(c)} can reach a stove, "
                    f"and {recipe.name} cooks it"
                )
            if not cooks and not stranded:
                causes.append(
                    f"the ingredients of {recipe.name} cannot all be brought to one stove"
                )
            needs.append((f"can take {recipe.name} from a stove", k.who_uses(cooks)))
    if causes or not plate_users or not servers:
        return causes
    needs.append(("may serve at the window", servers))
    if any(all(g & chefs for _, chefs in needs) for g in k.groups()):
        return []
    plating = [g for g in k.groups() if all(g & chefs for _, chefs in needs[:-1])]
    if plating:
        platers = set().union(*plating)
        return [
            (
                f"no route for plates from where {recipe.name} is plated ({chef_list(platers)}) "
                f"to the serving window ({chef_list(servers)} may serve there): "
                "no counter is reachable from both sides"
            )
        ]
    for i, (what_a, a) in enumerate(needs):
        for what_b, b in needs[i + 1 :]:
            if not any(g & a and g & b for g in k.groups()):
                return [
                    (
                        f"no route for plates of {recipe.name}: the chefs who {what_a} "
                        f"({chef_list(a)}) and those who {what_b} ({chef_list(b)}) "
                        "share no counter to pass a plate across"
                    )
                ]
    return [
        (
            f"no route for plates of {recipe.name}: no chefs linked by counters can reach "
            "the plates, the food and the serving window between them"
        )
    ]
