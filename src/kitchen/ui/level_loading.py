"""Reading a level file for the screens: the level, or the message that says why not."""

from __future__ import annotations

from pathlib import Path

from kitchen.content import Level, SourceError, load_level


def load_level_or_message(path: Path) -> tuple[Level | None, str | None]:
    """A level, or the message that says why it cannot be played (its first six problems,
    one ``file:line:col: ...`` line each)."""
    try:
        return load_level(path), None
    except SourceError as err:
        return None, "\n".join(str(p) for p in err.problems[:6])
