"""The kitchen as a PettingZoo ``ParallelEnv``: every chef acts at once, each decision step.

A decision step is :attr:`KitchenEnv.ticks_per_step` ticks of the simulation: by default the
ticks a chef needs to cross one tile at the level's speed (15 at the usual 4 tiles a second,
a quarter of a second). A move or ``use`` is held for the whole step; ``interact`` and a
call-out happen on its first tick. Every chef gets the team's reward: the change in score
over the step, plus any shaping. The episode ends (terminates) when the round ends, and is
truncated after ``max_steps`` if given.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import ParallelEnv

from kitchen.content import Level, load_level
from kitchen.env import fast_path
from kitchen.env.actions import action_table
from kitchen.env.observe import Observer, level_ingredients
from kitchen.events import Event
from kitchen.paths import shipped_levels
from kitchen.sim import UNIT, Command, KitchenSpec

ENV_NAME = "systems_kitchen_v0"


def find_level(level: str | Path | Level | KitchenSpec) -> KitchenSpec:
    """A level's kitchen from a loaded level, a file, or a shipped level's name
    (``tutorial``, ``03_narrow_passage``).

    Raises:
        ValueError: no such shipped level and no such file.
    """
    if isinstance(level, KitchenSpec):
        return level
    if isinstance(level, Level):
        return level.spec
    path = Path(level)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_level(path).spec
    for candidate in shipped_levels():
        if level in (candidate.stem, candidate.stem.partition("_")[2]):
            return load_level(candidate).spec
        spec = load_level(candidate).spec
        if spec.name == level:
            return spec
    names = ", ".join(p.stem for p in shipped_levels())
    raise ValueError(f"no level {str(level)!r}: give a level file or one of {names}")


class KitchenEnv(ParallelEnv):  # type: ignore[misc]
    """Chefs of one level as PettingZoo agents ``chef_1``, ``chef_2``...

    Args:
        level: a shipped level's name, a level file, a loaded level or a kitchen spec.
        chefs: the chefs taking part (default: every start on the map).
        bots: chefs among them played by computer cooks (not agents).
        ticks_per_step: simulation ticks per decision step (default: one tile's walk).
        max_steps: truncate an episode after this many decision steps (default: the round
            runs to its end).
        shaping: extra reward per event type (``{"cook_started": 3.0}``), credited to the
            chef the event names, or to every chef for an event that names none.
        silos: enforce the level's roles and zones.
        render_mode: ``"rgb_array"`` or ``None``.
        compiled: run the compiled simulation (:mod:`kitchen.env.fast_path`): ``None``
            when it is built and ``KITCHEN_PURE`` is not set, ``False`` never, ``True``
            always (an error when it is not built). Computer cooks and pictures read the
            reference simulation's classes, so with ``bots`` or a ``render_mode`` the
            reference always runs.
    """

    metadata = {"name": ENV_NAME, "render_modes": ["rgb_array"], "render_fps": 4}

    def __init__(
        self,
        level: str | Path | Level | KitchenSpec = "tutorial",
        chefs: Iterable[int] | None = None,
        bots: Iterable[int] = (),
        ticks_per_step: int | None = None,
        max_steps: int | None = None,
        shaping: Mapping[str, float] | None = None,
        silos: bool = True,
        render_mode: str | None = None,
        compiled: bool | None = None,
    ) -> None:
        self.spec_ = find_level(level)
        spec = self.spec_
        self.players = sorted(spec.starts) if chefs is None else sorted(set(chefs))
        self.bots = sorted(set(bots))
        if not set(self.bots) <= set(self.players):
            raise ValueError(f"bots {self.bots} must be among the chefs {self.players}")
        learners = [p for p in self.players if p not in self.bots]
        if not learners:
            raise ValueError("every chef is a computer cook: leave at least one to the agents")
        self.ticks_per_step = ticks_per_step or max(1, round(UNIT / spec.chef_speed))
        if self.ticks_per_step < 1:
            raise ValueError("ticks_per_step must be at least 1")
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"render_mode must be 'rgb_array' or None, not {render_mode!r}")
        self.render_mode = render_mode
        if compiled and (self.bots or render_mode):
            raise ValueError("computer cooks and render_mode need the reference simulation")
        self.sim = fast_path.choose(False if self.bots or render_mode else compiled)
        """The simulation in use (``self.sim.compiled``: the compiled one)."""
        self.max_steps = max_steps
        self.shaping = dict(shaping or {})
        self.silos = silos
        self.possible_agents = [f"chef_{p}" for p in learners]
        self.agent_player = {f"chef_{p}": p for p in learners}
        self.actions = action_table(level_ingredients(spec))
        self.action_names = [name for name, _ in self.actions]
        self._rng = random.Random()
        self.round = self.sim.Round(spec, players=self.players, silos=silos)
        self.observer = Observer(self.round, learners, self.ticks_per_step)
        self.agents: list[str] = []
        self.steps = 0
        self._team: Any = None
        self._renderer: Any = None

    # --- spaces ------------------------------------------------------------------------

    @functools.cache  # noqa: B019 - PettingZoo's recommended pattern
    def observation_space(self, agent: str) -> spaces.Dict:
        """Each agent sees ``{"grid": uint8 layers, "vector": float32 -1..1}``."""
        obs = self.observer
        return spaces.Dict(
            {
                "grid": spaces.Box(0, 255, obs.shape, dtype=np.uint8),
                "vector": spaces.Box(-1.0, 1.0, (obs.vector_size,), dtype=np.float32),
            }
        )

    @functools.cache  # noqa: B019
    def action_space(self, agent: str) -> spaces.Discrete:
        """One of :attr:`action_names`."""
        return spaces.Discrete(len(self.actions))

    # --- the episode -------------------------------------------------------------------

    def reset(
        self, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """Start a new round; ``seed`` fixes its orders and disruptions (and, once given,
        the seeds of the rounds that follow)."""
        if seed is not None:
            self._rng.seed(seed)
        round_seed = seed if seed is not None else self._rng.randrange(2**31)
        self.round = self.sim.Round(
            self.spec_, seed=round_seed, players=self.players, silos=self.silos
        )
        if self.bots:
            from kitchen.bots import BotTeam

            self._team = BotTeam(self.round, self.bots)
        self.round.step()  # tick 0: the round starts, plates and first orders come out
        self.agents = list(self.possible_agents)
        self.steps = 0
        return self._observations(), self._infos([])

    def step(
        self, actions: Mapping[str, int]
    ) -> tuple[
        dict[str, Any],
        dict[str, float],
        dict[str, bool],
        dict[str, bool],
        dict[str, dict[str, Any]],
    ]:
        """One decision step with each agent's action (a missing agent stands still)."""
        if not self.agents:
            raise RuntimeError("the episode is over: call reset()")
        commands: dict[int, Command] = {}
        for agent, action in actions.items():
            commands[self.agent_player[agent]] = self.actions[int(action)][1]
        before = self.round.score
        events = self._play(commands)
        self.steps += 1
        shared = float(self.round.score - before)
        rewards = {agent: shared for agent in self.agents}
        if self.shaping:
            self._shape(events, rewards)
        done = self.round.finished
        cut = not done and self.max_steps is not None and self.steps >= self.max_steps
        terminations = {agent: done for agent in self.agents}
        truncations = {agent: cut for agent in self.agents}
        observations = self._observations()
        infos = self._infos(events)
        if done or cut:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def _play(self, commands: dict[int, Command]) -> list[Event]:
        rnd = self.round
        if self._team is None:
            return self.sim.advance(rnd, commands, self.ticks_per_step)
        events: list[Event] = []
        held = {p: Command(move=c.move, use=c.use) for p, c in commands.items()}
        for n in range(self.ticks_per_step):
            if rnd.finished:
                break
            tick_commands = dict(commands if n == 0 else held)
            tick_commands.update(self._team.commands())
            events.extend(rnd.step(tick_commands))
        return events

    def _shape(self, events: list[Event], rewards: dict[str, float]) -> None:
        for event in events:
            bonus = self.shaping.get(event.type)
            if not bonus:
                continue
            player = getattr(event, "player", None)
            agent = f"chef_{player}"
            if player is None:
                for name in rewards:
                    rewards[name] += bonus
            elif agent in rewards:
                rewards[agent] += bonus

    def _observations(self) -> dict[str, Any]:
        obs = self.observer
        return {
            agent: {
                "grid": obs.grid(self.round, player),
                "vector": obs.vector(self.round, player),
            }
            for agent, player in self.agent_player.items()
        }

    def _infos(self, events: list[Event]) -> dict[str, dict[str, Any]]:
        rnd = self.round
        info = {"tick": rnd.tick, "score": rnd.score, "served": rnd.served, "events": events}
        return {agent: dict(info) for agent in self.possible_agents}

    # --- pictures ----------------------------------------------------------------------

    def render(self) -> np.ndarray | None:
        """The kitchen as an ``(height, width, 3)`` picture (``render_mode="rgb_array"``),
        drawn off-screen by the game's own renderer; ``None`` without a render mode."""
        if self.render_mode is None:
            return None
        if self._renderer is None:
            from kitchen.env.picture import Picture

            self._renderer = Picture(self.spec_)
        return self._renderer.draw(self.round)

    def close(self) -> None:
        """Release the renderer, if one was made."""
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None
