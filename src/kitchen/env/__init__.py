"""The kitchen as a research environment (``pip install systems-kitchen[research]``).

:class:`KitchenEnv` is a PettingZoo ``ParallelEnv`` (every chef acts each decision step) and
:class:`KitchenGymEnv` a Gymnasium single-agent view of one chef. See docs/research.md.
Importing this package without the ``research`` extra raises ``ImportError`` with the
command that installs it; the game itself never imports it.
"""

from __future__ import annotations

try:
    import gymnasium  # noqa: F401
    import numpy  # noqa: F401
    import pettingzoo  # noqa: F401
except ImportError as err:  # pragma: no cover - depends on what is installed
    raise ImportError(
        f"kitchen.env needs the research extra ({err.name} is missing): "
        "pip install 'systems-kitchen[research]'"
    ) from None

from kitchen.env.actions import action_table
from kitchen.env.observe import grid_channels
from kitchen.env.parallel import KitchenEnv, find_level
from kitchen.env.single import KitchenGymEnv

__all__ = ["KitchenEnv", "KitchenGymEnv", "action_table", "find_level", "grid_channels"]
