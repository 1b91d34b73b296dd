"""Whether the ``hub`` extra is installed, asked without importing it."""

from __future__ import annotations

import importlib.util

HUB_MODULES = ("starlette", "uvicorn", "websockets", "zeroconf", "segno")
"""The modules of the ``hub`` extra the hub imports (pyproject.toml names their packages)."""

INSTALL_HINT = "The workshop hub needs: pip install 'systems-kitchen[hub]'"
"""The one line ``kitchen host`` prints when the extra is missing."""


def missing() -> list[str]:
    """The ``hub`` extra's modules that cannot be imported here (empty: all present)."""
    return [name for name in HUB_MODULES if importlib.util.find_spec(name) is None]
