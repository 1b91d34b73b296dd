"""The research environment's discrete actions: the commands a player can give.

Action 0 stands still; 1-8 walk (four ways and the diagonals); then ``interact`` (pick up,
put down, serve), ``use`` (chop, wash, repair: held for the whole decision step) and the
quick-chat call-outs a player can make: ``need:ITEM`` for each of the level's ingredients
and for a plate, ``on_it``, ``ready``, ``help``, ``thanks`` and ``warn:HAZARD``.
"""

from __future__ import annotations

from kitchen.sim import DIRECTIONS, Command
from kitchen.sim.commands import WARNINGS

MOVE_NAMES = (
    "stop",
    "up",
    "down",
    "left",
    "right",
    "up_left",
    "up_right",
    "down_left",
    "down_right",
)
"""The first nine actions, in order."""


def action_table(ingredients: list[str]) -> list[tuple[str, Command]]:
    """Every action of a level with these ingredients, as ``(name, command)`` in action
    order."""
    table = [(name, Command(move=DIRECTIONS[name])) for name in MOVE_NAMES]
    table.append(("interact", Command(interact=True)))
    table.append(("use", Command(use=True)))
    calls = [f"need:{name}" for name in sorted(ingredients)] + ["need:plate"]
    calls += ["on_it", "ready", "help", "thanks"] + [f"warn:{w}" for w in WARNINGS]
    table.extend((call, Command(callout=call)) for call in calls)
    return table
