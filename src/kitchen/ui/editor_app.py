"""Opening the game's window straight onto the level editor (``kitchen edit LEVEL``)."""

from __future__ import annotations

import sys

from kitchen.content.level_edit import LevelDraft
from kitchen.i18n import _


def run_editor(draft: LevelDraft, size: str | None = None) -> int:
    """Open a window with the editor on ``draft``; closing the editor closes the window."""
    from kitchen.ui.app import App, window_shows

    window = (1600, 900)
    if size:
        try:
            w, h = (int(v) for v in size.lower().split("x"))
            window = (max(640, w), max(360, h))
        except ValueError:
            words = _("kitchen: --size must look like 1280x720, not {size}")
            print(words.format(size=repr(size)), file=sys.stderr)
            return 2
    if not window_shows():
        return 1
    app = App(size=window, fullscreen=False)
    app.go("editor", draft=draft)
    app.run()
    return 0
