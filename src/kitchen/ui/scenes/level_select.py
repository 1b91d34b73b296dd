"""Choosing a level: a list on the left, a drawn preview and description on the right."""

from __future__ import annotations

from pathlib import Path

import pygame
from typing_extensions import override

from kitchen.content import Level
from kitchen.i18n import _, format_number, ngettext
from kitchen.paths import shipped_levels
from kitchen.ui.host import Host
from kitchen.ui.input.menu_keys import menu_action
from kitchen.ui.level_loading import load_level_or_message
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.words import title_words
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL, readable_on

ROW_TOP, ROW_STEP, ROW_HEIGHT = 180, 86, 76
VISIBLE_ROWS = 9
"""Rows shown at once; a longer pack scrolls so the chosen level is always on screen."""
PREVIEW_SIZE = (1000, 520)
"""The level's picture on the right; every valid map is scaled to fit it whole."""


class LevelSelectScene(Scene):
    """The shipped level pack (a level that fails to load shows its problem instead)."""

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.entries: list[tuple[Path, Level | None, str | None]] = []
        for path in shipped_levels():
            level, message = load_level_or_message(path)
            self.entries.append((path, level, message))
        self.index = 0
        self.silos = True
        self.bots = False
        self._previews: dict[int, pygame.Surface] = {}
        self.first = 0
        """The first level shown in the list (it scrolls with the choice)."""

    def visible(self) -> range:
        """The indices of the levels shown in the list, scrolled to keep the choice in view."""
        if self.index < self.first:
            self.first = self.index
        elif self.index >= self.first + VISIBLE_ROWS:
            self.first = self.index - VISIBLE_ROWS + 1
        self.first = max(0, min(self.first, len(self.entries) - VISIBLE_ROWS))
        return range(self.first, min(len(self.entries), self.first + VISIBLE_ROWS))

    def row_rect(self, index: int) -> pygame.Rect:
        """Where the list row of level ``index`` is drawn (if it is visible)."""
        return pygame.Rect(60, ROW_TOP + (index - self.first) * ROW_STEP, 700, ROW_HEIGHT)

    @property
    def level(self) -> Level | None:
        """The selected level (``None`` for one that failed to load)."""
        return self.entries[self.index][1]

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        action = menu_action(event)
        if action == "up":
            self.index = (self.index - 1) % len(self.entries)
        elif action == "down":
            self.index = (self.index + 1) % len(self.entries)
        elif action == "back":
            self.app.pop()
        elif action == "confirm":
            self.start()
        elif (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_F2
            and self.level
            and self.level.spec.roles
        ):
            self.silos = not self.silos
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.bots = not self.bots
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_e and self.app.can_go("editor"):
            self.app.go("editor", path=self.entries[self.index][0])  # the level editor
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            x, y = self.app.to_logical(event.pos)
            for i in self.visible():
                if self.row_rect(i).collidepoint(x, y):
                    if i == self.index:
                        self.start()
                    self.index = i

    def start(self) -> None:
        """Go to the join screen for the selected level (a level that failed to load stays)."""
        path, level, message = self.entries[self.index]
        if level is None:
            self.app.audio.play("wrong")  # the problem is on screen; stay here
            return
        self.app.go("join", level=level, path=path, silos=self.silos, bots=self.bots)

    def preview_view(self, index: int) -> KitchenView | None:
        """The view that draws level ``index`` whole into a :data:`PREVIEW_SIZE` picture
        (``None`` for a level that failed to load)."""
        level = self.entries[index][1]
        if level is None:
            return None
        return KitchenView(
            level.spec, pygame.Rect((0, 0), PREVIEW_SIZE), self.theme, self.app.icons, self.app.text
        )

    def preview(self, index: int) -> pygame.Surface | None:
        """The picture of level ``index``'s kitchen at the start of a round (cached)."""
        level = self.entries[index][1]
        if level is None:
            return None
        if index not in self._previews:
            surf = pygame.Surface(PREVIEW_SIZE, pygame.SRCALPHA)
            view = self.preview_view(index)
            assert view is not None
            surf.blit(view.background(), view.origin)
            for start_player, tile in level.spec.starts.items():
                r = view.cell_rect(tile)
                pygame.draw.circle(surf, self.theme.player(start_player), r.center, r.width * 0.3)
                self.app.text.draw(
                    surf,
                    str(start_player),
                    max(TEXT_SMALL, int(r.width * 0.34)),
                    readable_on(self.theme.player(start_player)),
                    r.center,
                    "center",
                )
            self._previews[index] = surf
        return self._previews[index]

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.backdrop)
        self.app.text.draw(surface, _("Choose a level"), TEXT_HEADING, t.accent, (60, 40))
        shown = self.visible()
        for i in shown:
            path, level, message = self.entries[i]
            rect = self.row_rect(i)
            chosen = i == self.index
            panel(surface, rect, t.accent if chosen else t.panel, t.panel_edge, radius=14, width=3)
            title = level.title if level else path.stem
            colour = t.accent_text if chosen else (t.text if level else t.danger_text)
            self.app.text.draw(
                surface, f"{i + 1}. {title}", 50, colour, (rect.x + 24, rect.centery), "midleft"
            )
        if shown.start > 0:
            self.app.text.draw(
                surface, _("more above"), TEXT_SMALL, t.text_dim, (410, ROW_TOP - 22), "center"
            )
        if shown.stop < len(self.entries):
            self.app.text.draw(
                surface,
                _("more below"),
                TEXT_SMALL,
                t.text_dim,
                (410, ROW_TOP + VISIBLE_ROWS * ROW_STEP + 6),
                "center",
            )
        path, level, message = self.entries[self.index]
        info = pygame.Rect(820, 170, 1040, 880)
        panel(surface, info, t.panel, t.panel_edge, radius=18)
        if level is None:
            self.app.text.draw(
                surface,
                _("This level cannot be played:"),
                TEXT_BODY,
                t.danger,
                (info.x + 30, info.y + 30),
            )
            self.app.text.draw_wrapped(
                surface, message or "", TEXT_SMALL, t.text, info.inflate(-60, -160).move(0, 60)
            )
            return
        preview = self.preview(self.index)
        if preview is not None:
            surface.blit(preview, preview.get_rect(midtop=(info.centerx, info.y + 20)))
        spec = level.spec
        recipes = ", ".join(title_words(r.title) for r in spec.recipes.values())
        chefs = ngettext("{n} chef max", "{n} chefs max", len(spec.starts))
        facts = _("{chefs}  |  {time} min  |  {recipes}").format(
            chefs=chefs.format(n=format_number(len(spec.starts))),
            time=f"{spec.round_ticks // 3600}:{spec.round_ticks // 60 % 60:02d}",
            recipes=recipes,
        )
        self.app.text.draw(surface, facts, TEXT_SMALL, t.accent, (info.x + 30, info.y + 560))
        self.app.text.draw_wrapped(
            surface,
            level.definition.description.strip(),
            TEXT_SMALL,
            t.text,
            pygame.Rect(info.x + 30, info.y + 610, info.width - 60, 170),
            max_lines=4,
        )
        options = []
        if spec.roles:
            options.append(
                _("F2 silos: ON (roles enforced)")
                if self.silos
                else _("F2 silos: OFF (redesign round)")
            )
        options.append(
            _("F3 computer cooks fill empty places: ON")
            if self.bots
            else _("F3 computer cooks fill empty places: OFF")
        )
        self.app.text.draw(
            surface,
            "   ".join(options),
            TEXT_SMALL,
            t.text_dim,
            (info.x + 30, info.bottom - 60),
        )
        self.app.text.draw(
            surface,
            _("Enter: choose   E: edit   Esc: back"),
            TEXT_SMALL,
            t.text_dim,
            (60, 1030),
            "midleft",
        )
