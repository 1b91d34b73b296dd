"""A Gymnasium single-agent view of the kitchen: one chef learns, the others are played by
computer cooks, stand idle, act at random, or follow a policy you give."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np

from kitchen.content import Level
from kitchen.env.parallel import ENV_NAME, KitchenEnv, find_level
from kitchen.sim import KitchenSpec

Teammate = Callable[[str, Any], int]
"""A teammate policy: ``(agent name, its observation) -> action``."""


class KitchenGymEnv(gym.Env):  # type: ignore[misc]
    """Chef ``chef`` as a Gymnasium environment.

    Args:
        level: as for :class:`~kitchen.env.parallel.KitchenEnv`.
        chef: the learning chef's player number (default: the first start).
        teammates: ``"bots"`` (computer cooks), ``"idle"``, ``"random"`` or a
            :data:`Teammate` policy.
        chefs: the chefs taking part (default: every start on the map).
        **options: ``ticks_per_step``, ``max_steps``, ``shaping``, ``silos``, as for
            :class:`~kitchen.env.parallel.KitchenEnv`.
    """

    metadata = {"name": ENV_NAME, "render_modes": ["rgb_array"], "render_fps": 4}

    def __init__(
        self,
        level: str | Path | Level | KitchenSpec = "tutorial",
        chef: int | None = None,
        teammates: str | Teammate = "bots",
        chefs: list[int] | None = None,
        render_mode: str | None = None,
        **options: Any,
    ) -> None:
        spec = find_level(level)
        players = sorted(spec.starts) if chefs is None else sorted(set(chefs))
        self.chef = players[0] if chef is None else chef
        if self.chef not in players:
            raise ValueError(f"chef {self.chef} is not among the chefs {players}")
        if isinstance(teammates, str) and teammates not in ("bots", "idle", "random"):
            raise ValueError(f"teammates must be bots, idle, random or a policy, not {teammates!r}")
        others = [p for p in players if p != self.chef]
        bots = others if teammates == "bots" else []
        self.env = KitchenEnv(spec, players, bots, render_mode=render_mode, **options)
        self.teammates = teammates
        self.agent = f"chef_{self.chef}"
        self.render_mode = render_mode
        self.observation_space = self.env.observation_space(self.agent)
        self.action_space = self.env.action_space(self.agent)
        self._last: dict[str, Any] = {}

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Any, dict[str, Any]]:
        """Start a new round (seeded from Gymnasium's ``np_random``)."""
        super().reset(seed=seed)
        round_seed = seed if seed is not None else int(self.np_random.integers(0, 2**31 - 1))
        observations, infos = self.env.reset(seed=round_seed)
        self._last = observations
        self.action_space.seed(round_seed)
        return observations[self.agent], infos[self.agent]

    def step(self, action: int) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """One decision step of the learning chef (teammates act as configured)."""
        actions = {self.agent: int(action)}
        for agent in self.env.agents:
            if agent == self.agent:
                continue
            if self.teammates == "random":
                actions[agent] = int(self.np_random.integers(len(self.env.actions)))
            elif callable(self.teammates):
                actions[agent] = int(self.teammates(agent, self._last.get(agent)))
        observations, rewards, terms, truncs, infos = self.env.step(actions)
        self._last = observations
        a = self.agent
        return observations[a], rewards[a], terms[a], truncs[a], infos[a]

    def render(self) -> np.ndarray | None:
        """See :meth:`KitchenEnv.render <kitchen.env.parallel.KitchenEnv.render>`."""
        return self.env.render()

    def close(self) -> None:
        """Release the renderer, if one was made."""
        self.env.close()
