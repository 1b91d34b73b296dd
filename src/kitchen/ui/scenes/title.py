"""The title screen and main menu."""

from __future__ import annotations

import pygame
from typing_extensions import override

from kitchen import i18n
from kitchen.i18n import N_, _
from kitchen.session.store import shown_team
from kitchen.ui.host import Host
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_BODY, TEXT_LARGE, TEXT_SMALL, TEXT_TITLE
from kitchen.ui.widgets import Menu, MenuItem

FOODS = (
    "onion",
    "tomato",
    "lettuce",
    "mushroom",
    "cucumber",
    "bread",
    "plate[soup:onion+onion+onion]",
)


NOTICE_WIDTH = 1840
"""The settings notice's panel: nearly the screen's width, so fewer lines are needed."""
MENU_TOP = 392
"""The highest the menu's first row may start: below the subtitle."""


class TitleScene(Scene):
    """Play, the team's name (for the session's records), settings, quit."""

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.editing = False
        self.draft = ""
        from kitchen.ui.workshop_join import title_menu_item  # None without the hub extra

        workshop = title_menu_item(app)
        self.menu = Menu(
            app,
            [
                MenuItem(N_("Play"), self.play),
                MenuItem(
                    lambda: _("Team: {name}").format(
                        name=self.draft + "_" if self.editing else shown_team(app.team)
                    ),
                    self.edit_team,
                ),
                *([workshop] if workshop else []),
                MenuItem(self.language_label, self.next_language, self.next_language),
                MenuItem(N_("Settings"), self.settings),
                MenuItem(N_("Quit"), self.quit),
            ],
            # six choices with the workshop's: a little smaller, so they fit between the
            # subtitle and the hint line
            (960, 692 if workshop else 680),
            width=860,
            size=TEXT_LARGE - 8 if workshop else TEXT_LARGE,
        )
        self._menu_shape = (self.menu.center, self.menu.size, self.menu.row_h)

    def play(self) -> None:
        """Go to the level list."""
        self.app.go("levels")

    def language_label(self) -> str:
        """The language choice: the language in force by its own name (never a flag)."""
        name = i18n.language_name(i18n.current_language())
        return i18n._("Language: {name}").format(name=name)

    def next_language(self, step: int = 1) -> None:
        """Show the game in the next (or previous) language and keep it in the settings."""
        codes = i18n.available_languages()
        now = i18n.current_language()
        code = codes[(codes.index(now) + step) % len(codes)] if now in codes else codes[0]
        i18n.set_language(code)
        self.app.store.update(language=code)

    def settings(self) -> None:
        """Go to the settings screen."""
        self.app.go("settings")

    def quit(self) -> None:
        """Close the game."""
        self.app.running = False

    def edit_team(self) -> None:
        """Start typing a new team name."""
        self.editing = True
        self.draft = shown_team(self.app.team)
        pygame.key.start_text_input()

    def _finish_edit(self, keep: bool) -> None:
        if keep and self.draft.strip() and self.draft.strip() != shown_team(self.app.team):
            self.app.new_session(self.draft)
        self.editing = False
        pygame.key.stop_text_input()

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.editing:
            if event.type == pygame.TEXTINPUT:
                self.draft = (self.draft + event.text)[:40]
            elif event.type == pygame.KEYDOWN:
                if event.key == pygame.K_BACKSPACE:
                    self.draft = self.draft[:-1]
                elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                    self._finish_edit(True)
                elif event.key == pygame.K_ESCAPE:
                    self._finish_edit(False)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return  # Esc on the title does nothing: quitting is a menu choice
        self.menu.handle_event(event)

    def _notice_rect(self, notice: str) -> pygame.Rect:
        """The notice's panel along the bottom, as tall as its lines (a long problem, in a
        longer language, is shown whole)."""
        text = self.app.text
        font = text.font(TEXT_SMALL)
        lines = len(text.wrap(notice, TEXT_SMALL, NOTICE_WIDTH - 40))
        height = (lines - 1) * int(font.get_linesize() * 1.15) + font.get_height() + 26
        return pygame.Rect((1920 - NOTICE_WIDTH) // 2, 1070 - height, NOTICE_WIDTH, height)

    def _fit_menu(self) -> None:
        """Lift the menu clear of a tall notice, and make its rows smaller when lifting is
        not enough (they stay at least ``TEXT_SMALL``); without a notice, as it was made."""
        menu = self.menu
        menu.center, menu.size, menu.row_h = self._menu_shape
        if self.editing or not self.app.notice:
            return
        limit = self._notice_rect(self.app.notice).top - 12
        n = len(menu.items)
        if menu.rects()[-1].bottom <= limit:
            return
        room = limit + 12 - MENU_TOP
        if room < n * menu.row_h:
            menu.row_h = room // n
            menu.size = max(TEXT_SMALL, int(menu.row_h / 1.55))
        menu.center = (menu.center[0], limit + 12 - n * menu.row_h + n * menu.row_h // 2)

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.backdrop)
        self._fit_menu()
        for i, x in enumerate(range(120, 1920, 180)):  # a shelf of ingredients
            self.app.icons.blit_item(surface, FOODS[i % len(FOODS)], (x, 90), 110)
        self.app.text.draw(
            surface,
            "Systems Kitchen",
            TEXT_TITLE,
            t.accent,
            (960, 240),
            "center",
            shadow=t.text_dark,
        )
        self.app.text.draw(
            surface,
            _("Cook together. Talk to each other. Learn how the system works."),
            TEXT_BODY,
            t.text,
            (960, 360),
            "center",
        )
        self.menu.draw(surface)
        if self.editing:
            self.app.text.draw(
                surface,
                _("Type the team's name, then press Enter"),
                TEXT_SMALL,
                t.text_dim,
                (960, 1020),
                "center",
            )
        elif self.app.notice:
            rect = self._notice_rect(self.app.notice)
            panel(surface, rect, t.panel, t.danger, radius=14)
            box = rect.inflate(-40, -20)
            self.app.text.draw_wrapped(surface, self.app.notice, TEXT_SMALL, t.text, box)
        else:
            self.app.text.draw(
                surface,
                _("Arrows/WASD or a gamepad to choose, Enter to confirm, F11 fullscreen"),
                TEXT_SMALL,
                t.text_dim,
                (960, 1020),
                "center",
            )
