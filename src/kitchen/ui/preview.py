"""Drawing a level to a PNG without a window (``kitchen preview LEVEL -o level.png``)."""

from __future__ import annotations

import os
from pathlib import Path

from kitchen.content import Level
from kitchen.i18n import localize


def render_level_png(level: Level, output: Path, palette: str = "warm") -> Path:
    """Draw ``level`` as it looks at the start of a round, with its title and description,
    into a 1920x1080 PNG."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from kitchen.sim import Round
    from kitchen.ui.png_output import save_png
    from kitchen.ui.render.hud import HUD_HEIGHT
    from kitchen.ui.render.icons import Icons
    from kitchen.ui.render.kitchen_view import KitchenView
    from kitchen.ui.text import TextCache
    from kitchen.ui.theme import LOGICAL_SIZE, theme_for

    pygame.display.init()  # not the mixer: a preview makes no sound
    pygame.font.init()
    try:
        theme = theme_for(palette)
        text = TextCache()
        surface = pygame.Surface(LOGICAL_SIZE)
        surface.fill(theme.backdrop)
        view = KitchenView(
            level.spec,
            pygame.Rect(0, HUD_HEIGHT, 1920, 1080 - HUD_HEIGHT - 20),
            theme,
            Icons(theme),
            text,
        )
        rnd = Round(level.spec, seed=0)
        rnd.step()  # tick 0 puts out the plates and the first orders
        view.draw(surface, rnd)
        text.draw(surface, localize(level.title), 90, theme.accent, (40, 20))
        description = localize(level.definition.description).strip() or level.spec.name
        text.draw_wrapped(
            surface, description, 36, theme.text, pygame.Rect(40, 120, 1840, 80), max_lines=2
        )
        save_png(surface, output)
    finally:
        pygame.quit()
    return output
