"""The deterministic kitchen simulation. No pygame, no I/O, no wall clock.

Build a :class:`Round` from a :class:`KitchenSpec` (see :func:`kitchen.content.load_level`)
and a seed, then call :meth:`Round.step` once per tick with each player's :class:`Command`.
"""

from kitchen.sim.commands import DIRECTIONS, IDLE, Command, CommandScript, ScriptLine
from kitchen.sim.round import Round
from kitchen.sim.spec import TICKS_PER_SECOND, UNIT, KitchenSpec, RecipeSpec

__all__ = [
    "DIRECTIONS",
    "IDLE",
    "TICKS_PER_SECOND",
    "UNIT",
    "Command",
    "CommandScript",
    "KitchenSpec",
    "RecipeSpec",
    "Round",
    "ScriptLine",
]
