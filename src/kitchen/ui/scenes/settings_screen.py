"""Settings: fullscreen, volume, colours, assists and key bindings. Saved at once."""

from __future__ import annotations

import pygame
from pydantic import ValidationError
from typing_extensions import override

from kitchen.content.settings_model import ACTIONS, AZERTY_LAYOUTS, KeyLayoutSettings, Settings
from kitchen.i18n import N_, _, format_percent
from kitchen.ui.input.bindings import ACTION_TITLES, RESERVED_KEYS, key_label, key_name
from kitchen.ui.input.menu_keys import menu_action
from kitchen.ui.names import layout_name
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.scenes.talk_settings import TalkSettingsScene
from kitchen.ui.theme import PALETTE_TITLES, PALETTES, TEXT_HEADING, TEXT_SMALL
from kitchen.ui.widgets import Menu, MenuItem


def on_off(value: bool) -> str:
    """How a setting that is ``value`` reads on screen."""
    return _("on") if value else _("off")


class SettingsScene(Scene):
    """The settings menu."""

    def __init__(self, app) -> None:
        super().__init__(app)
        s = lambda: app.store.settings  # noqa: E731
        self.menu = Menu(
            app,
            [
                MenuItem(
                    lambda: _("Fullscreen: {state}  (F11)").format(state=on_off(app.fullscreen)),
                    app.toggle_fullscreen,
                ),
                MenuItem(
                    lambda: _("Sound volume: {percent}").format(percent=format_percent(s().volume)),
                    adjust=lambda d: self.set(
                        volume=round(min(1, max(0, s().volume + d * 0.1)), 2)
                    ),
                ),
                MenuItem(
                    lambda: _("Music volume: {percent}").format(
                        percent=format_percent(s().music_volume)
                    ),
                    adjust=lambda d: self.set(
                        music_volume=round(min(1, max(0, s().music_volume + d * 0.1)), 2)
                    ),
                ),
                MenuItem(
                    lambda: _("Sound: muted") if s().muted else _("Sound: on"),
                    lambda: self.set(muted=not s().muted),
                ),
                MenuItem(
                    lambda: _("Colours: {palette}").format(palette=_(PALETTE_TITLES[s().palette])),
                    self.next_palette,
                    adjust=lambda d: self.next_palette(),
                ),
                MenuItem(
                    lambda: _("Assist - slower orders: {state}").format(
                        state=on_off(s().assist.slower_orders)
                    ),
                    lambda: self.assist("slower_orders"),
                ),
                MenuItem(
                    lambda: _("Assist - longer rounds: {state}").format(
                        state=on_off(s().assist.longer_rounds)
                    ),
                    lambda: self.assist("longer_rounds"),
                ),
                MenuItem(
                    lambda: _("Assist - no burning: {state}").format(
                        state=on_off(s().assist.no_burning)
                    ),
                    lambda: self.assist("no_burning"),
                ),
                MenuItem(N_("Keyboard controls..."), lambda: app.push(KeyBindingsScene(app))),
                MenuItem(N_("Talk recording..."), lambda: app.push(TalkSettingsScene(app))),
                MenuItem(N_("Back"), app.pop),
            ],
            (960, 560),
            width=1300,
            size=50,
        )

    def set(self, **changes) -> None:
        """Save the setting ``changes`` and apply them at once."""
        self.app.store.update(**changes)
        self.app.apply_settings()

    def next_palette(self) -> None:
        """Switch to the next colour palette."""
        current = PALETTES.index(self.app.store.settings.palette)
        self.set(palette=PALETTES[(current + 1) % len(PALETTES)])

    def assist(self, name: str) -> None:
        """Turn the assist ``name`` on or off."""
        assist = self.app.store.settings.assist.model_copy(
            update={name: not getattr(self.app.store.settings.assist, name)}
        )
        self.set(assist=assist)

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if menu_action(event) == "back":
            self.app.pop()
            return
        self.menu.handle_event(event)

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.backdrop)
        self.app.text.draw(surface, _("Settings"), TEXT_HEADING, t.accent, (960, 60), "center")
        self.menu.draw(surface)
        note = self.app.store.message or _("Saved in {path}").format(path=self.app.store.path)
        self.app.text.draw(surface, note, TEXT_SMALL, t.text_dim, (960, 1050), "center")


class KeyBindingsScene(Scene):
    """Four keyboard layouts; choose a cell and press the new key."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.row = 0
        self.col = 0
        self.waiting = False
        self.message = _("Arrows or a click choose, then press the new key. Esc goes back")
        self.reset_button = pygame.Rect(0, 0, 700, 64)
        self.reset_button.center = (560, 930)
        self.azerty_button = pygame.Rect(0, 0, 700, 64)
        self.azerty_button.center = (1360, 930)

    def cell_rect(self, row: int, col: int) -> pygame.Rect:
        """Where the key of action ``row`` in layout ``col`` is drawn."""
        return pygame.Rect(400 + col * 340, 270 + row * 90, 320, 70)

    def reset(self) -> None:
        """Put every layout back to the defaults (WASD, arrows, IJKL, numpad)."""
        self.waiting = False
        self.app.store.update(layouts=Settings().layouts)
        self.app.apply_settings()
        self.message = _("All four layouts are back to the defaults")

    def azerty(self) -> None:
        """Set the layouts for a French (AZERTY) keyboard: ZQSD, and ``!`` for the arrows
        player's call-out."""
        self.waiting = False
        self.app.store.update(layouts=[KeyLayoutSettings(**lay) for lay in AZERTY_LAYOUTS])
        self.app.apply_settings()
        self.message = _("Keys set for a French (AZERTY) keyboard: Z Q S D, and ! for call-outs")

    def _click(self, pos: tuple[int, int]) -> None:
        point = self.app.to_logical(pos)
        if self.reset_button.collidepoint(point):
            self.reset()
            return
        if self.azerty_button.collidepoint(point):
            self.azerty()
            return
        for row in range(len(ACTIONS)):
            for col in range(len(self.app.store.settings.layouts)):
                if self.cell_rect(row, col).collidepoint(point):
                    self.row, self.col = row, col
                    self.waiting = True
                    layout = self.app.store.settings.layouts[col]
                    self.message = self._press_for(ACTIONS[row], layout.name)
                    return

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(event.pos)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F8:
            self.reset()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F9:
            self.azerty()
            return
        if self.waiting and event.type == pygame.KEYDOWN:
            self.waiting = False
            if event.key == pygame.K_ESCAPE:
                self.message = _("Unchanged")
                return
            self.bind(event.key)
            return
        action = menu_action(event)
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_w,
            pygame.K_a,
            pygame.K_s,
            pygame.K_d,
        ):
            action = None  # letters may be what someone wants to bind: arrows move here
        layouts = self.app.store.settings.layouts
        if action == "up":
            self.row = (self.row - 1) % len(ACTIONS)
        elif action == "down":
            self.row = (self.row + 1) % len(ACTIONS)
        elif action == "left":
            self.col = (self.col - 1) % len(layouts)
        elif action == "right":
            self.col = (self.col + 1) % len(layouts)
        elif action == "confirm":
            self.waiting = True
            self.message = self._press_for(ACTIONS[self.row], layouts[self.col].name)
        elif action == "back":
            self.app.pop()

    @staticmethod
    def _press_for(action: str, layout: str) -> str:
        return _("Press the new key for {action} ({layout})").format(
            action=_(ACTION_TITLES[action]), layout=layout_name(layout)
        )

    def bind(self, key: int) -> None:
        """Bind ``key`` to the selected action and layout, or say why it cannot be."""
        if key in RESERVED_KEYS:
            self.message = _("That key belongs to the menus and the facilitator")
            return
        name = key_name(key)
        layouts = [layout.model_copy() for layout in self.app.store.settings.layouts]
        action = ACTIONS[self.row]
        for i, layout in enumerate(layouts):
            for other in ACTIONS:
                if getattr(layout, other).lower() == name.lower() and (i, other) != (
                    self.col,
                    action,
                ):
                    self.message = _("{key} is already {action} for {layout}").format(
                        key=key_label(name),
                        action=_(ACTION_TITLES[other]),
                        layout=layout_name(layout.name),
                    )
                    return
        layouts[self.col] = layouts[self.col].model_copy(update={action: name})
        try:
            self.app.store.update(layouts=layouts)
        except (ValidationError, ValueError) as err:
            self.message = _("Not changed: {reason}").format(reason=err)
            return
        self.app.apply_settings()
        self.message = _("{layout}: {action} is now {key}").format(
            layout=layout_name(layouts[self.col].name),
            action=_(ACTION_TITLES[action]),
            key=key_label(name),
        )

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.backdrop)
        self.app.text.draw(
            surface, _("Keyboard controls"), TEXT_HEADING, t.accent, (960, 60), "center"
        )
        layouts = self.app.store.settings.layouts
        col_w = 340
        for c, layout in enumerate(layouts):
            name = layout_name(layout.name)
            self.app.text.draw(surface, name, 48, t.accent, (560 + c * col_w, 200), "center")
        for r, action in enumerate(ACTIONS):
            y = 270 + r * 90
            self.app.text.draw(surface, _(ACTION_TITLES[action]), 42, t.text, (60, y + 20))
            for c, layout in enumerate(layouts):
                rect = self.cell_rect(r, c)
                chosen = (r, c) == (self.row, self.col)
                panel(
                    surface, rect, t.accent if chosen else t.panel, t.panel_edge, radius=12, width=2
                )
                label = (
                    _("press a key...")
                    if chosen and self.waiting
                    else key_label(getattr(layout, action))
                )
                self.app.text.draw(
                    surface, label, 42, t.accent_text if chosen else t.text, rect.center, "center"
                )
        for button, words in (
            (self.reset_button, _("Reset all to defaults  (F8)")),
            (self.azerty_button, _("French keyboard (AZERTY)  (F9)")),
        ):
            panel(surface, button, t.panel, t.panel_edge, radius=14, width=3)
            self.app.text.draw(surface, words, 42, t.text, button.center, "center")
        self.app.text.draw(surface, self.message, TEXT_SMALL, t.text, (960, 1025), "center")
