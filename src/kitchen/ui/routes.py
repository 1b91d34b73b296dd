"""The screens a screen can open by name: ``host.go("join", level=..., path=...)``.

This is the only module that knows every screen class; the screens themselves know only
:class:`kitchen.ui.host.Host`, so none of them imports another to open it. The options
given to :meth:`~kitchen.ui.host.Host.go` are passed on to the screen's constructor after
the host.
"""

from __future__ import annotations

from kitchen.ui.host import ScreenFactory
from kitchen.ui.scenes.debrief import DebriefScene
from kitchen.ui.scenes.editor import EditorScene
from kitchen.ui.scenes.improve import ImproveScene
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.level_select import LevelSelectScene
from kitchen.ui.scenes.observe import ObserveScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.redesign_editor import RedesignScene
from kitchen.ui.scenes.replay import ReplayScene
from kitchen.ui.scenes.round_end import RoundEndScene
from kitchen.ui.scenes.settings_screen import SettingsScene
from kitchen.ui.scenes.title import TitleScene

ROUTES: dict[str, ScreenFactory] = {
    "title": TitleScene,
    "levels": LevelSelectScene,
    "settings": SettingsScene,
    "join": JoinScene,
    "play": PlayScene,
    "round_end": RoundEndScene,
    "debrief": DebriefScene,
    "observe": ObserveScene,
    "replay": ReplayScene,
    "editor": EditorScene,
    "improve": ImproveScene,
    "redesign": RedesignScene,
}
"""Screen name to the class that makes it."""
