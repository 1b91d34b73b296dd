"""Carrying out one bot's errand, one tick at a time, through ordinary commands.

Each tick the pilot checks the current step's precondition on the live round, walks
towards a free cell beside the step's station (planning round other chefs, through them
only if there is no other way), turns to face the station and presses interact, holds use
or waits. A press counts as done when what the chef holds changes; a broken station on
the way is repaired first by holding use on it. The pilot also keeps the small state the
team needs to untangle jams: how long the chef has not moved, and a cell to step aside to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kitchen.bots.errands import INTERACT, USE, WAIT, Errand, Step
from kitchen.bots.navigation import LiveMap, facing_towards, steer
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.items import Item
from kitchen.sim.spec import Tile

if TYPE_CHECKING:
    from kitchen.sim.movement import Chef
    from kitchen.sim.round import Round

MAX_PRESSES = 3
"""Presses that change nothing before a step is given up."""

Occupied = set[Tile] | Callable[[], set[Tile]]
"""Cells other chefs cover now, or a function that tells (see :meth:`Pilot.drive`)."""

REPATH_TICKS = 12
"""Re-plan the route at least this often while walking."""


def signature(held: Item | None) -> tuple[int, str] | None:
    """What the chef holds, in a form that changes whenever a press did something."""
    return None if held is None else (id(held), held.describe())


@dataclass
class Outcome:
    """What :meth:`Pilot.drive` decided this tick."""

    command: Command
    finished: bool = False
    """The errand is over (done, or dropped because a step no longer made sense)."""
    walking: bool = False
    """The bot is trying to move this tick."""


_FINISHED = Outcome(IDLE, finished=True)
_NOTHING = Outcome(IDLE)
_OUTCOMES: dict[tuple[tuple[int, int], bool, bool, bool], Outcome] = {}


def _outcome(
    move: tuple[int, int], walking: bool = False, interact: bool = False, use: bool = False
) -> Outcome:
    """The (shared, never changed) outcome that sends this command."""
    key = (move, walking, interact, use)
    found = _OUTCOMES.get(key)
    if found is None:
        command = Command(move=move, interact=interact, use=use)
        found = _OUTCOMES[key] = Outcome(command, walking=walking)
    return found


class Pilot:
    """One bot's hands and feet."""

    def __init__(self, player: int) -> None:
        self.player = player
        self.errand: Errand | None = None
        self.index = 0
        self.step_began = 0
        self.pressed: tuple[int, str] | None | bool = False
        self.presses = 0
        self.path: list[Tile] = []
        self._path_key: tuple[object, ...] | None = None
        self._path_tick = -1
        self.last_pos: tuple[int, int] | None = None
        self.still = 0
        self.aside: Tile | None = None
        self.aside_until = 0
        self.last_yield = -1000
        self.forced: tuple[int, int] = (0, 0)
        self.forced_until = -1
        self.next_plan = 0
        self.walking = False
        self.avoid_extra: set[Tile] = set()
        self.failures = 0
        self.completed: Errand | None = None
        """The last errand carried out to its end."""

    @property
    def step(self) -> Step | None:
        """The step being carried out, if any."""
        if self.errand is None or self.index >= len(self.errand.steps):
            return None
        return self.errand.steps[self.index]

    @property
    def busy_in_place(self) -> bool:
        """True while the bot works at a station (holding use or waiting) and should stay."""
        step = self.step
        return step is not None and step.action in (USE, WAIT) and not self.walking

    def start(self, errand: Errand | None, tick: int) -> None:
        """Begin a new errand (or none)."""
        self.errand = errand
        self.index = 0
        self.step_began = tick
        self.pressed = False
        self.presses = 0
        self._path_key = None
        self.avoid_extra = set()

    def drop(self) -> None:
        """Forget the current errand."""
        self.errand = None
        self.pressed = False

    def push(self, move: tuple[int, int], until: int) -> None:
        """Hold ``move`` until tick ``until`` (to shake loose from a jam)."""
        self.forced = move
        self.forced_until = until
        self._path_key = None

    def move_aside(self, cell: Tile, until: int) -> None:
        """Step to ``cell`` and stay there until tick ``until`` to let someone pass."""
        self.aside = cell
        self.aside_until = until
        self._path_key = None

    # --- the tick --------------------------------------------------------------------

    def drive(self, rnd: Round, live: LiveMap, occupied: Occupied) -> Outcome:
        """The command for this tick. ``occupied``: cells other chefs cover now (or a
        function that tells, asked only when the bot has to walk)."""
        chef = rnd.chefs[self.player]
        tick = rnd.tick
        self.walking = False
        if tick < self.forced_until:
            self.walking = True
            return _outcome(self.forced, walking=True)
        if self.aside is None and self.errand is None:
            return _FINISHED
        forbidden = rnd.silos.forbidden(self.player)
        if self.aside is not None:
            if tick < self.aside_until:
                if chef.cell == self.aside:
                    move = steer(chef, self.aside)
                    self.walking = move != (0, 0)
                    return _outcome(move, walking=self.walking)
                walk = self._walk_to(chef, live, [self.aside], occupied, forbidden, tick)
                if walk is not None:
                    self.walking = True
                    return _outcome(walk, walking=True)
            self.aside = None
            self.step_began = tick  # the detour does not count against the step
            self._path_key = None
        if self.errand is None:
            return _FINISHED
        for _ in range(4):  # a few steps may complete in one tick
            step = self.step
            if step is None:
                return self._finish(done=True)
            if self.pressed is not False:
                if signature(chef.held) != self.pressed:
                    self._advance(chef, tick)
                    continue
                self.pressed = False
                self.presses += 1
                if self.presses >= MAX_PRESSES:
                    return self._finish(done=False)
            if tick - self.step_began > step.limit:
                return self._finish(done=False)
            memo = self.errand.memo if self.errand else {}
            if not step.valid(rnd, chef, memo):
                return self._finish(done=False)
            station = rnd.stations.get(step.tile)
            if station is None:
                return self._finish(done=False)
            goals = live.approach(step.tile, forbidden)
            if not goals:
                return self._finish(done=False)
            cell = chef.cell
            if cell not in goals:
                walk = self._walk_to(chef, live, goals, occupied, forbidden, tick, cell)
                if walk is None:
                    return self._finish(done=False)
                self.walking = True
                return _outcome(walk, walking=True)
            face = facing_towards(cell, step.tile)
            turn = face if chef.facing != face else (0, 0)
            if station.broken is not None:
                return _outcome(turn, use=True)
            if step.action == INTERACT:
                self.pressed = signature(chef.held)
                return _outcome(turn, interact=True)
            assert step.done is not None
            if step.done(rnd, chef, memo):
                self._advance(chef, tick)
                continue
            return _outcome(turn, use=step.action == USE)
        return _NOTHING

    def _advance(self, chef: Chef, tick: int) -> None:
        assert self.errand is not None
        step = self.step
        memo = self.errand.memo
        if step is not None and step.action == INTERACT and chef.held is not None:
            memo["item"] = chef.held
            # else: what was held is now on the station; memo["item"] still names it
        self.index += 1
        self.step_began = tick
        self.pressed = False
        self.presses = 0
        self._path_key = None
        self.failures = 0

    def _finish(self, done: bool) -> Outcome:
        if done:
            self.completed = self.errand
        else:
            self.failures += 1
        self.errand = None
        self.pressed = False
        return _FINISHED

    def _walk_to(
        self,
        chef: Chef,
        live: LiveMap,
        goals: list[Tile],
        occupied: Occupied,
        forbidden: frozenset[Tile] | None,
        tick: int,
        cell: Tile | None = None,
    ) -> tuple[int, int] | None:
        """The move towards the nearest free goal cell; ``None`` if none can be reached
        (``cell``: where the chef stands, if already known)."""
        if cell is None:
            cell = chef.cell
        if callable(occupied):
            occupied = occupied()
        blocked = occupied | self.avoid_extra if self.avoid_extra else occupied
        free = []
        for goal in goals:  # a plain loop: this runs for every walking bot every tick
            if goal not in blocked:
                free.append(goal)
        key = (cell, tuple(free or goals))
        path: list[Tile] | None = self.path
        if (
            key != self._path_key
            or tick - self._path_tick >= REPATH_TICKS
            or (path and path[0] in blocked)
        ):
            path = live.path(cell, free, blocked, forbidden) if free else None
            if path is None:
                path = live.path(cell, goals, (), forbidden)  # through the others: queue up
            if path is None:
                return None
            self.path = path
            self._path_key = key
            self._path_tick = tick
        assert path is not None
        if not path:
            return steer(chef, cell)
        if path[0] == cell:
            path.pop(0)
            if not path:
                return steer(chef, cell)
        return steer(chef, path[0])
