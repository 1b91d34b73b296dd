"""Where the shipped data (levels, assets) lives, resolved from the package, never the
current directory.

In an installed wheel the data sits inside the package (``kitchen/_shipped``); in a source
checkout or an editable install it is the top-level ``levels/`` and ``assets/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / "_shipped" / name
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    return inside


def levels_dir() -> Path:
    """The folder of shipped level files."""
    return _shipped("levels")


def assets_dir() -> Path:
    """The folder of shipped art, sound and fonts."""
    return _shipped("assets")


def shipped_levels() -> list[Path]:
    """Every shipped level file, in curriculum order (by file name)."""
    return sorted(levels_dir().glob("*.yaml"))
