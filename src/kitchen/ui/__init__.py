"""The pygame front end of Systems Kitchen: screens, drawing, input, sound and settings.

This is the only package that imports pygame. Game rules live in :mod:`kitchen.sim`; the
front end turns key presses and gamepad buttons into :class:`~kitchen.sim.Command` objects
and draws the round's state. Start it with :func:`kitchen.ui.app.run_app`.
"""

import os as _os

_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no banner on the facilitator's terminal
