"""Screens shown over the kitchen: the 3-2-1 countdown, the pause menu, and the pause when a
gamepad is unplugged. While one is open the round does not advance."""

from __future__ import annotations

import pygame
from typing_extensions import override

from kitchen.i18n import N_, _
from kitchen.ui.input.gamepads import PAD_ADDED, PAD_BUTTON
from kitchen.ui.input.seats import PAD_INTERACT
from kitchen.ui.names import layout_name
from kitchen.ui.render.shapes import panel
from kitchen.ui.return_point import go_back, return_point
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_HUGE, TEXT_SMALL
from kitchen.ui.widgets import Menu, MenuItem


class CountdownScene(Scene):
    """3, 2, 1, Go! over the kitchen, then the round starts."""

    opaque = False
    STEP = 0.8

    def __init__(self, app) -> None:
        super().__init__(app)
        self.elapsed = 0.0
        self.shown = -1

    @override
    def update(self, dt: float) -> None:
        self.elapsed += min(dt, 0.1)
        step = int(self.elapsed / self.STEP)
        if step != self.shown:
            self.shown = step
            self.app.audio.play("countdown" if step < 3 else "go")
        if self.elapsed >= self.STEP * 3.6:
            self.app.pop()

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()

    @override
    def draw(self, surface: pygame.Surface) -> None:
        self.shade(surface, 170)
        step = int(self.elapsed / self.STEP)
        label = _("GO!") if step >= 3 else str(3 - step)
        self.app.text.draw(
            surface,
            label,
            TEXT_HUGE,
            self.theme.accent,
            (960, 560),
            "center",
            shadow=self.theme.text_dark,
        )


class PauseScene(Scene):
    """Resume, restart, end the round, or quit to the menu."""

    opaque = False

    def __init__(self, app, play) -> None:
        super().__init__(app)
        self.play = play
        self.menu = Menu(
            app,
            [
                MenuItem(N_("Resume"), self.resume),
                MenuItem(N_("Restart the round"), self.restart),
                MenuItem(N_("End the round and see the results"), self.end),
                MenuItem(self.quit_label, self.quit),
            ],
            (960, 600),
            width=1100,
        )

    def resume(self) -> None:
        """Close the pause menu and play on."""
        self.app.pop()

    def restart(self) -> None:
        """Close the pause menu and start the round again."""
        self.app.pop()
        self.play.restart()

    def end(self) -> None:
        """Close the pause menu and end the round now, on to the results."""
        self.app.pop()
        self.play.end_now()

    def quit_label(self) -> str:
        """What quitting does: back to the menu, or to the screen the round came from."""
        back = return_point(self.app)
        if back is None:
            return _("Quit to the menu")
        return _("Quit: {where}").format(where=_(back[0]).lower())

    def quit(self) -> None:
        """Abandon the round and go back to the title screen (or to the level editor, for a
        try-out round started there)."""
        self.play.abandon()
        back = return_point(self.app)
        if back is not None:
            go_back(self.app, back[1])
            return
        self.app.go("title", how="reset")

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F6):
            self.resume()
            return
        if event.type == PAD_BUTTON and event.down and event.button == "start":
            self.resume()
            return
        self.menu.handle_event(event)

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        self.shade(surface)
        # A solid panel: the menu must not be read against the kitchen floor.
        rect = self.menu.rects()[0].union(self.menu.rects()[-1]).inflate(140, 80)
        rect.y -= 150
        rect.height += 150
        panel(surface, rect, t.backdrop, t.accent, radius=24, width=5)
        self.app.text.draw(
            surface, _("Paused"), TEXT_HEADING, t.accent, (960, rect.top + 80), "center"
        )
        self.menu.draw(surface)


class PadLostScene(Scene):
    """A gamepad was unplugged mid-round: pause until it (or another pad) comes back, the
    chef switches to a free keyboard layout, or the facilitator carries on without them
    (F9 or the button): the chef then stands still until a pad presses A to take over."""

    opaque = False

    def __init__(self, app, play, player: int) -> None:
        super().__init__(app)
        self.play = play
        self.player = player
        self.waiting_pad: int | None = None
        self.button = pygame.Rect(0, 0, 1000, 76)
        self.button.center = (960, 745)

    def _free_layout(self) -> int | None:
        used = {s.layout for s in self.play.seats if s.layout is not None}
        return next((i for i in range(len(self.app.layouts)) if i not in used), None)

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == PAD_ADDED:
            self.waiting_pad = event.pad
        elif event.type == PAD_BUTTON and event.down and event.button == PAD_INTERACT:
            if self.play.controls.seat_for_pad(event.pad) is None:
                self.play.controls.reconnect(self.player, event.pad)
                self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            layout = self._free_layout()
            if layout is not None:
                for seat in self.play.seats:
                    if seat.player == self.player:
                        seat.pad, seat.layout, seat.connected = None, layout, True
                self.play.controls.release_all()
                self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.push(PauseScene(self.app, self.play))
        elif (event.type == pygame.KEYDOWN and event.key == pygame.K_F9) or (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and self.button.collidepoint(self.app.to_logical(event.pos))
        ):
            self.carry_on()

    def carry_on(self) -> None:
        """Resume without this chef: they stand still (a pad pressing A takes them over),
        recorded as no longer played by a person."""
        self.play.carry_on_without(self.player)
        self.app.pop()

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        self.shade(surface)
        rect = pygame.Rect(260, 280, 1400, 600)
        panel(surface, rect, t.panel, t.danger, radius=24, width=6)
        self.app.text.draw(
            surface,
            _("Chef {n}'s controller was unplugged").format(n=self.player),
            TEXT_HEADING - 20,
            t.text,
            (960, 390),
            "center",
        )
        self.app.text.draw(
            surface, _("The game is paused."), TEXT_BODY, t.text_dim, (960, 490), "center"
        )
        self.app.text.draw(
            surface,
            _("Plug it back in and press {button} to carry on,").format(
                button=PAD_INTERACT.upper()
            ),
            TEXT_BODY,
            t.text,
            (960, 580),
            "center",
        )
        layout = self._free_layout()
        if layout is not None:
            lay = self.app.layouts[layout]
            self.app.text.draw(
                surface,
                _("or press Enter to play on the keyboard ({layout}).").format(
                    layout=layout_name(lay.title)
                ),
                TEXT_BODY,
                t.text,
                (960, 650),
                "center",
            )
        panel(surface, self.button, t.accent, t.text, radius=18, width=3)
        self.app.text.draw(
            surface,
            _("Carry on without chef {n}  (F9)").format(n=self.player),
            TEXT_BODY,
            t.accent_text,
            self.button.center,
            "center",
        )
        self.app.text.draw(
            surface, _("Esc: pause menu"), TEXT_SMALL, t.text_dim, (960, 835), "center"
        )
