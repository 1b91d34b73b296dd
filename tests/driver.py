"""A test driver: plays a round by walking chefs to stations and pressing buttons, using
only the public simulation interface (``Round.step`` with ``Command``s)."""

from __future__ import annotations

from kitchen.bots.navigation import approach_cells, facing_towards, plan_path, steer
from kitchen.events import Event
from kitchen.sim import Command, Round
from kitchen.sim.spec import Tile


class Driver:
    """Steps a :class:`Round` while recording every event."""

    def __init__(self, rnd: Round) -> None:
        self.rnd = rnd
        self.events: list[Event] = []

    def step(self, commands: dict[int, Command] | None = None) -> list[Event]:
        out = self.rnd.step(commands or {})
        self.events.extend(out)
        return out

    def wait(self, ticks: int) -> None:
        for _ in range(ticks):
            self.step()

    def station(self, kind: str, ingredient: str | None = None) -> Tile:
        for tile, st in sorted(self.rnd.spec.stations.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if st.kind == kind and (ingredient is None or st.ingredient == ingredient):
                return tile
        raise LookupError(f"no {kind} {ingredient or ''} on this map")

    def go(self, player: int, station: Tile, limit: int = 1200) -> None:
        """Walk ``player`` next to ``station`` and face it."""
        spec = self.rnd.spec
        goals = approach_cells(spec, station)
        for _ in range(limit):
            chef = self.rnd.chefs[player]
            others = [c.cell for p, c in self.rnd.chefs.items() if p != player]
            path = plan_path(spec, chef.cell, goals, avoid=others)
            assert path is not None, f"chef {player} cannot reach {station}"
            target = path[0] if path else chef.cell
            move = steer(chef, target)
            if not path and move == (0, 0):
                face = facing_towards(chef.cell, station)
                self.step({player: Command(move=face)})
                assert self.rnd.chefs[player].target == station
                return
            self.step({player: Command(move=move)})
        raise AssertionError(f"chef {player} did not reach {station} in {limit} ticks")

    def interact(self, player: int) -> list[Event]:
        return self.step({player: Command(interact=True)})

    def use(self, player: int, ticks: int) -> None:
        for _ in range(ticks):
            self.step({player: Command(use=True)})

    def of_type(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.type == kind]
