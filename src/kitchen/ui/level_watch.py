"""Watching a level file while it is played (``kitchen play LEVEL --watch``): when the file
is saved, the new version is loaded; when it has problems, they are kept to be shown and the
last good version stays in play.
"""

from __future__ import annotations

from pathlib import Path

from kitchen.content import Level
from kitchen.ui.level_loading import load_level_or_message

WATCH_EVERY = 0.5
"""Seconds between looks at the file's modification time."""


class LevelWatcher:
    """Looks at ``path`` every :data:`WATCH_EVERY` seconds of play."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.error: str | None = None
        """The problems of the last saved version, while it cannot be played."""
        self._mtime = self._file_time()
        self._clock = 0.0

    def _file_time(self) -> float | None:
        try:
            return self.path.stat().st_mtime if self.path else None
        except OSError:
            return None

    def check(self, dt: float) -> Level | None:
        """After ``dt`` more seconds: the newly saved level, if the file changed and loads
        (``None`` otherwise; a version with problems sets :attr:`error`)."""
        self._clock += dt
        if self._clock < WATCH_EVERY:
            return None
        self._clock = 0.0
        mtime = self._file_time()
        if mtime is None or mtime == self._mtime:
            return None
        self._mtime = mtime
        assert self.path is not None
        level, message = load_level_or_message(self.path)
        if level is None:
            self.error = message
            return None
        self.error = None
        return level
