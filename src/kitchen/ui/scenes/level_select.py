"""Choosing a level: a list on the left; on the right the level's picture, its facts, its
description (in the language in force, whole) and the facilitator's options for the round
(F2 silos on a level with roles, F3 computer cooks), each a button naming its key."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pygame
from typing_extensions import override

from kitchen.content import Level
from kitchen.i18n import _, format_number, localize, ngettext
from kitchen.paths import shipped_levels
from kitchen.ui.host import Host
from kitchen.ui.input.menu_keys import menu_action
from kitchen.ui.level_loading import load_level_or_message
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.words import title_words
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL, Colour, readable_on

ROW_TOP, ROW_STEP, ROW_HEIGHT = 180, 86, 76
VISIBLE_ROWS = 9
"""Rows shown at once; a longer pack scrolls so the chosen level is always on screen."""
PREVIEW_SIZE = (1000, 520)
"""The level's picture on the right, at most; every valid map is scaled to fit it whole, and
it is drawn smaller when the description needs the room (never below :data:`PREVIEW_LEAST`)."""
PREVIEW_LEAST = 240
"""The shortest picture: a description too long to show whole beside it is cut instead."""
INFO = pygame.Rect(820, 170, 1040, 880)
"""The panel on the right: the picture, the facts, the description and the options."""
PAD = 30
"""The panel's inner margin."""
GAP = 16
"""Room between the blocks of the panel."""
LINE_GAP = 1.15
"""Wrapped text's line spacing (``TextCache.draw_wrapped``'s default)."""
OPTION_GAP = 10
"""Room between two option buttons."""
KEY_W = 84
"""The width of the key cap (F2, F3) at the start of an option button."""


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
        self.notice = ""
        """Said under the options until the next key: why F2 did nothing."""
        self._previews: dict[tuple[int, tuple[int, int]], tuple[pygame.Surface, pygame.Rect]] = {}
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
        if action is not None or event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.notice = ""  # said once, until the next key or click
        if action == "up":
            self.index = (self.index - 1) % len(self.entries)
        elif action == "down":
            self.index = (self.index + 1) % len(self.entries)
        elif action == "back":
            self.app.pop()
        elif action == "confirm":
            self.start()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            self.toggle_silos()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.toggle_bots()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_e and self.app.can_go("editor"):
            self.app.go("editor", path=self.entries[self.index][0])  # the level editor
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            x, y = self.app.to_logical(event.pos)
            for rect, _key, _label, _on, toggle in self.option_buttons():
                if rect.collidepoint(x, y):
                    toggle()
                    return
            for i in self.visible():
                if self.row_rect(i).collidepoint(x, y):
                    if i == self.index:
                        self.start()
                    self.index = i

    def toggle_silos(self) -> None:
        """F2: the level's roles and zones enforced, or lifted for a redesign round; a level
        without roles has none to lift, and says so."""
        if self.level is not None and self.level.spec.roles:
            self.silos = not self.silos
        elif self.level is not None:
            self.notice = _("This level has no roles: there are no silos to switch")
            self.app.audio.play("wrong")

    def toggle_bots(self) -> None:
        """F3: computer cooks take the places nobody joins, or not."""
        self.bots = not self.bots

    def start(self) -> None:
        """Go to the join screen for the selected level (a level that failed to load stays)."""
        path, level, message = self.entries[self.index]
        if level is None:
            self.app.audio.play("wrong")  # the problem is on screen; stay here
            return
        self.app.go("join", level=level, path=path, silos=self.silos, bots=self.bots)

    def preview_view(self, index: int, size: tuple[int, int] = PREVIEW_SIZE) -> KitchenView | None:
        """The view that draws level ``index`` whole into a picture of ``size`` (at most
        :data:`PREVIEW_SIZE`; ``None`` for a level that failed to load)."""
        level = self.entries[index][1]
        if level is None:
            return None
        return KitchenView(
            level.spec, pygame.Rect((0, 0), size), self.theme, self.app.icons, self.app.text
        )

    def preview(self, index: int, size: tuple[int, int] = PREVIEW_SIZE) -> pygame.Surface | None:
        """The picture of level ``index``'s kitchen at the start of a round, ``size`` big
        with the kitchen whole in its middle (cached)."""
        made = self._picture(index, size)
        return made[0] if made else None

    def _picture(
        self, index: int, size: tuple[int, int]
    ) -> tuple[pygame.Surface, pygame.Rect] | None:
        """:meth:`preview` and where in it the kitchen is drawn (cached)."""
        level = self.entries[index][1]
        if level is None:
            return None
        if (index, size) not in self._previews:
            surf = pygame.Surface(size, pygame.SRCALPHA)
            view = self.preview_view(index, size)
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
            self._previews[index, size] = (surf, view.rect.copy())
        return self._previews[index, size]

    def options(self) -> list[tuple[str, str, bool | None, Callable[[], None]]]:
        """The option rows, top to bottom: key, label, lit (``None``: does not apply to this
        level, shown dim), action. F2 has a row on every level so that its key is never a
        secret; on a level without roles it says there are no silos to switch."""
        level = self.level
        if level is not None and level.spec.roles:
            silos = (
                _("Silos: ON (roles enforced)") if self.silos else _("Silos: OFF (redesign round)")
            )
            rows = [("F2", silos, self.silos, self.toggle_silos)]
        elif self.notice:
            rows = [("F2", self.notice, None, self.toggle_silos)]
        else:
            rows = [("F2", _("Silos: this level has no roles"), None, self.toggle_silos)]
        bots = (
            _("Computer cooks fill empty places: ON")
            if self.bots
            else _("Computer cooks fill empty places: OFF")
        )
        rows.append(("F3", bots, self.bots, self.toggle_bots))
        return rows

    def option_buttons(
        self,
    ) -> list[tuple[pygame.Rect, list[str], bool | None, str, Callable[[], None]]]:
        """Where each option row is drawn (one below the other at the foot of the panel, a
        long label wrapping inside its button), its label's lines, lit, key and action."""
        text = self.app.text
        if self.level is None:
            return []
        step = text.font(TEXT_SMALL).get_linesize()
        width = INFO.width - 2 * PAD
        label_w = width - KEY_W - 3 * 16
        laid = [
            (key, text.wrap(label, TEXT_SMALL, label_w), on, action)
            for key, label, on, action in self.options()
        ]
        out = []
        bottom = INFO.bottom - 24
        for key, lines, on, action in reversed(laid):
            height = len(lines) * step + 24
            rect = pygame.Rect(INFO.x + PAD, bottom - height, width, height)
            out.append((rect, lines, on, key, action))
            bottom = rect.top - OPTION_GAP
        return out[::-1]

    def _draw_options(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        step = text.font(TEXT_SMALL).get_linesize()
        for rect, lines, on, key, _action in self.option_buttons():
            applies = on is not None
            said = not applies and bool(self.notice)
            edge: Colour = t.accent if on else (t.danger_text if said else t.panel_edge)
            panel(surface, rect, t.backdrop, edge, radius=12, width=3)
            cap = pygame.Rect(rect.x + 12, rect.y + 8, KEY_W, step + 8)
            panel(surface, cap, t.panel, t.accent if applies else t.panel_edge, radius=8, width=2)
            text.draw(
                surface, key, TEXT_SMALL, t.accent if applies else t.text_dim, cap.center, "center"
            )
            colour = t.text if applies else (t.danger_text if said else t.text_dim)
            for k, line in enumerate(lines):
                at = (cap.right + 20, rect.y + 12 + k * step)
                text.draw(surface, line, TEXT_SMALL, colour, at)

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        surface.fill(t.backdrop)
        text.draw(surface, _("Choose a level"), TEXT_HEADING, t.accent, (60, 40))
        shown = self.visible()
        for i in shown:
            path, level, message = self.entries[i]
            rect = self.row_rect(i)
            chosen = i == self.index
            panel(surface, rect, t.accent if chosen else t.panel, t.panel_edge, radius=14, width=3)
            title = level.title if level else path.stem
            colour = t.accent_text if chosen else (t.text if level else t.danger_text)
            text.draw(
                surface, f"{i + 1}. {title}", 50, colour, (rect.x + 24, rect.centery), "midleft"
            )
        if shown.start > 0:
            text.draw(
                surface, _("more above"), TEXT_SMALL, t.text_dim, (410, ROW_TOP - 22), "center"
            )
        if shown.stop < len(self.entries):
            text.draw(
                surface,
                _("more below"),
                TEXT_SMALL,
                t.text_dim,
                (410, ROW_TOP + VISIBLE_ROWS * ROW_STEP + 6),
                "center",
            )
        text.draw(
            surface,
            _("Enter: choose   E: edit   Esc: back"),
            TEXT_SMALL,
            t.text_dim,
            (60, 1030),
            "midleft",
        )
        path, level, message = self.entries[self.index]
        info = INFO
        panel(surface, info, t.panel, t.panel_edge, radius=18)
        if level is None:
            text.draw(
                surface,
                _("This level cannot be played:"),
                TEXT_BODY,
                t.danger,
                (info.x + 30, info.y + 30),
            )
            text.draw_wrapped(
                surface, message or "", TEXT_SMALL, t.text, info.inflate(-60, -160).move(0, 60)
            )
            return
        self._draw_details(surface, level)
        self._draw_options(surface)

    def _wrap_list(self, facts: str, width: int) -> list[str]:
        """``facts`` on as few lines as fit ``width``, broken after a ``|`` or a comma (a
        recipe's name kept whole) and keeping its own spacing; a piece too long alone
        wraps at words."""
        text = self.app.text
        pieces = [p for p in re.split(r"(?<=\|  )|(?<=, )", facts) if p]
        lines: list[str] = []
        for piece in pieces:
            trial = (lines[-1] if lines else "") + piece
            if lines and text.size(trial.rstrip(), TEXT_SMALL)[0] <= width:
                lines[-1] = trial
            elif text.size(piece.rstrip(), TEXT_SMALL)[0] <= width:
                lines.append(piece)
            else:
                lines.extend(w + " " for w in text.wrap(piece, TEXT_SMALL, width))
        last = len(lines) - 1
        return [line.rstrip(" |,") if k < last else line.rstrip() for k, line in enumerate(lines)]

    def _draw_details(self, surface: pygame.Surface, level: Level) -> None:
        """The level's picture, facts and description, between the panel's top and its
        options: the picture gives up height (down to :data:`PREVIEW_LEAST`) so that the
        description is shown whole."""
        t = self.theme
        text = self.app.text
        spec = level.spec
        recipes = ", ".join(title_words(r.title) for r in spec.recipes.values())
        chefs = ngettext("{n} chef max", "{n} chefs max", len(spec.starts))
        facts = _("{chefs}  |  {time} min  |  {recipes}").format(
            chefs=chefs.format(n=format_number(len(spec.starts))),
            time=f"{spec.round_ticks // 3600}:{spec.round_ticks // 60 % 60:02d}",
            recipes=recipes,
        )
        width = INFO.width - 2 * PAD
        font = text.font(TEXT_SMALL)
        step = int(font.get_linesize() * LINE_GAP)
        facts_lines = self._wrap_list(facts, width)
        description = localize(level.definition.description).strip()
        lines = text.wrap(description, TEXT_SMALL, width) if description else []
        buttons = self.option_buttons()
        top = INFO.y + 20
        bottom = (buttons[0][0].top if buttons else INFO.bottom - 24) - GAP

        def tall(n: int) -> int:  # wrapped text of n lines, as draw_wrapped sets it
            return (n - 1) * step + font.get_height() if n else 0

        words_h = tall(len(facts_lines)) + (GAP + tall(len(lines)) if lines else 0)
        room = bottom - top - GAP - words_h
        shown = len(lines)
        if room < PREVIEW_LEAST:  # a very long description: cut (the picture stays)
            spare = bottom - top - GAP - PREVIEW_LEAST - tall(len(facts_lines)) - GAP
            shown = max(1, (spare - font.get_height()) // step + 1)
            room = PREVIEW_LEAST
        size = (PREVIEW_SIZE[0], min(PREVIEW_SIZE[1], room))
        made = self._picture(self.index, size)
        assert made is not None
        picture, kitchen = made
        y = top
        surface.blit(picture, kitchen.move(INFO.centerx - kitchen.centerx, y - kitchen.y), kitchen)
        y += kitchen.height + GAP
        for line in facts_lines:
            text.draw(surface, line, TEXT_SMALL, t.accent, (INFO.x + PAD, y))
            y += step
        y += GAP - step + font.get_height()
        if lines:
            text.draw_wrapped(
                surface,
                description,
                TEXT_SMALL,
                t.text,
                pygame.Rect(INFO.x + PAD, y, width, tall(shown)),
                LINE_GAP,
                max_lines=shown,
            )
