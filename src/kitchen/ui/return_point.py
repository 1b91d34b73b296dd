"""Coming back to the screen a round was started from (the level editor's "Try it").

A screen that wants the round's screens to offer a way back to it sets ``return_label``
(the words on that button); :func:`return_point` finds it under the top screen and
:func:`go_back` closes every screen above it.
"""

from __future__ import annotations

from typing import Any

from kitchen.ui.host import Host


def return_point(app: Host) -> tuple[str, Any] | None:
    """The words and the screen to go back to, if a screen below the top one asks for it."""
    scenes = list(getattr(app, "scenes", []))
    for scene in reversed(scenes[:-1]):
        label = getattr(scene, "return_label", None)
        if isinstance(label, str) and label:
            return label, scene
    return None


def go_back(app: Host, scene: Any) -> None:
    """Close the screens above ``scene`` so it is on top again."""
    while app.scene is not None and app.scene is not scene:
        app.pop()
