"""Computer cooks that play through the same commands as people. No pygame, no I/O.

- :class:`BotTeam` fills chef slots in a round (``team.commands()`` once per tick).
- :mod:`kitchen.bots.playtest` runs many headless rounds with bots and sums them up.

Modules: ``navigation`` (paths on the live map), ``world`` (read-only queries over a
round), ``jobs`` (open tickets and what each still needs), ``errands`` (steps and claims),
``planner`` (choosing a bot's next errand), ``chores`` and ``handoffs`` (repairs, burnt
pots, dishes, plates passed across a counter), ``pilot`` (carrying it out tick by tick),
``team`` (sharing out work), ``jams`` (untangling jams), and the talk: ``talk`` (hearing and
saying call-outs), ``answers`` (bringing what was asked for), ``asking`` (what to ask for),
``conversation`` (the glue). See docs/bots.md.
"""

from kitchen.bots.team import BotTeam

__all__ = ["BotTeam"]
