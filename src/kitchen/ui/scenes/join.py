"""Player join: each player presses their pick-up key (or a gamepad button) to take a chef,
and sees their colour and controls. Enter starts the round."""

from __future__ import annotations

from pathlib import Path

import pygame
from typing_extensions import override

from kitchen.content import Level
from kitchen.ui.host import Host
from kitchen.ui.input.bindings import ACTION_TITLES
from kitchen.ui.input.gamepads import PAD_ADDED, PAD_BUTTON
from kitchen.ui.input.menu_keys import menu_action
from kitchen.ui.input.seats import PAD_CALLOUT, PAD_INTERACT, PAD_USE, Seat
from kitchen.ui.render.icons import draw_chef_body
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL, readable_on

RECORDED = (
    "Recorded for the debrief: team name, moves, presses, call-outs, kitchen events and "
    "who played each chef (person or computer). No sound or video."
)
"""What the join screen says the round's log holds (issue 11: say what is recorded)."""


class JoinScene(Scene):
    """Seats chefs for one level."""

    def __init__(
        self,
        app: Host,
        level: Level,
        path: Path | None,
        silos: bool = True,
        bots: bool = False,
        watch: bool = False,
    ) -> None:
        super().__init__(app)
        self.level = level
        self.path = path
        self.silos = silos
        self.bots = bots
        self.watch = watch
        self.capacity = (
            len(level.spec.starts)
            if level.definition.players.max is None
            else level.definition.players.max
        )
        self.seats: list[Seat] = []
        self.message = ""

    def _free(self) -> int | None:
        taken = {s.player for s in self.seats}
        return next((p for p in range(1, self.capacity + 1) if p not in taken), None)

    def _join(self, layout: int | None = None, pad: int | None = None) -> None:
        if any(s.layout == layout and layout is not None for s in self.seats):
            return
        if any(s.pad == pad and pad is not None for s in self.seats):
            return
        player = self._free()
        if player is None:
            self.message = f"This kitchen has room for {self.capacity} chefs"
            return
        self.seats.append(Seat(player, layout=layout, pad=pad))
        self.seats.sort(key=lambda s: s.player)
        self.app.audio.play("join")

    def _leave(self, layout: int | None = None, pad: int | None = None) -> None:
        self.seats = [
            s
            for s in self.seats
            if not (
                (layout is not None and s.layout == layout) or (pad is not None and s.pad == pad)
            )
        ]

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            for layout in self.app.layouts:
                action = layout.action_for(event.key)
                if action == "interact":
                    self._join(layout=layout.index)
                    return
                if action == "use":
                    self._leave(layout=layout.index)
                    return
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start()
            elif event.key == pygame.K_F3:
                self.bots = not self.bots
            elif event.key == pygame.K_F2 and self.level.spec.roles:
                self.silos = not self.silos
            elif event.key == pygame.K_ESCAPE:
                self.app.pop()
            return
        if event.type == PAD_BUTTON and event.down:
            joined = any(s.pad == event.pad for s in self.seats)
            if event.button == PAD_INTERACT:
                self._join(pad=event.pad)
            elif event.button == PAD_USE:
                self._leave(pad=event.pad)
            elif event.button == "start" and joined:
                self.start()
            elif event.button == "b" and not joined:
                self.app.pop()
        elif event.type == PAD_ADDED:
            self.message = f"Gamepad connected: press {PAD_INTERACT.upper()} to join"
        elif event.type == pygame.MOUSEBUTTONDOWN and menu_action(event) is None:
            pass

    def pad_removed(self, pad: int) -> None:
        """An unplugged pad gives up its chef."""
        self._leave(pad=pad)

    def start(self) -> None:
        """Go to the round with the joined chefs, or say why it cannot start yet."""
        need = self.level.definition.players.min
        if len(self.seats) < need and not (self.bots and self.seats):
            self.message = f"At least {need} chef{'s' if need > 1 else ''} must join first"
            return
        if not self.seats:
            self.message = "Press your pick-up key to join"
            return
        self.app.go(
            "play",
            how="replace",
            level=self.level,
            path=self.path,
            seats=list(self.seats),
            silos=self.silos,
            bots=self.bots,
            watch=self.watch,
        )

    def _controls(self, seat: Seat) -> list[str]:
        if seat.pad is not None:
            return [
                f"Gamepad: {self.app.gamepads.name(seat.pad)}",
                "Stick / d-pad: move",
                f"{PAD_INTERACT.upper()}: {ACTION_TITLES['interact']}",
                f"{PAD_USE.upper()}: {ACTION_TITLES['use']}",
                f"{PAD_CALLOUT.upper()}: {ACTION_TITLES['callout']}",
            ]
        layout = self.app.layouts[seat.layout]
        return [
            f"Keys: {layout.title}",
            f"{layout.move_label()}: move",
            f"{layout.label('interact')}: {ACTION_TITLES['interact']}",
            f"{layout.label('use')}: {ACTION_TITLES['use']}",
            f"{layout.label('callout')}: {ACTION_TITLES['callout']}",
        ]

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.backdrop)
        self.app.text.draw(surface, self.level.title, TEXT_HEADING, t.accent, (960, 70), "center")
        hint = (
            "Press your PICK-UP key to join: "
            + ",  ".join(f"{lay.title} {lay.label('interact')}" for lay in self.app.layouts)
            + ",  or gamepad A"
        )
        self.app.text.draw(surface, hint, TEXT_SMALL, t.text, (960, 160), "center")
        width = 430
        for i in range(4):
            rect = pygame.Rect(60 + i * (width + 20), 220, width, 640)
            player = i + 1
            seat = next((s for s in self.seats if s.player == player), None)
            usable = player <= self.capacity
            colour = t.player(player)
            panel(
                surface,
                rect,
                t.panel if usable else t.backdrop,
                colour if seat else t.panel_edge,
                radius=20,
                width=8 if seat else 3,
            )
            if not usable:
                self.app.text.draw(
                    surface, "no place", TEXT_SMALL, t.text_dim, rect.center, "center"
                )
                continue
            draw_chef_body(
                surface,
                (rect.centerx, rect.y + 190),
                80 if seat else 60,
                colour if seat else t.star_empty,
            )
            self.app.text.draw(
                surface,
                str(player),
                80,
                readable_on(colour if seat else t.star_empty),
                (rect.centerx, rect.y + 196),
                "center",
            )
            if seat is None:
                label = "computer cook" if self.bots else "press to join"
                self.app.text.draw(
                    surface, label, TEXT_SMALL, t.text_dim, (rect.centerx, rect.y + 340), "center"
                )
                continue
            self.app.text.draw(
                surface, f"Chef {player}", TEXT_BODY, t.text, (rect.centerx, rect.y + 310), "center"
            )
            for k, line in enumerate(self._controls(seat)):
                self.app.text.draw(
                    surface,
                    line,
                    TEXT_SMALL,
                    t.text if k else t.accent,
                    (rect.x + 24, rect.y + 370 + k * 46),
                )
        ready = len(self.seats)
        need = self.level.definition.players.min
        status = f"{ready} joined. " + (
            "Press ENTER (or Start) to begin"
            if ready >= need or (self.bots and ready)
            else f"Needs {need}"
        )
        self.app.text.draw(
            surface,
            self.message or status,
            TEXT_BODY,
            t.accent if not self.message else t.danger_text,
            (960, 920),
            "center",
        )
        options = f"F3 computer cooks fill empty places: {'ON' if self.bots else 'OFF'}"
        if self.level.spec.roles:
            options += f"    F2 silos: {'ON' if self.silos else 'OFF'}"
        self.app.text.draw(
            surface,
            f"Your USE key leaves.  Esc: back.    {options}",
            TEXT_SMALL,
            t.text_dim,
            (960, 1010),
            "center",
        )
        self.app.text.draw(surface, RECORDED, TEXT_SMALL, t.text_dim, (960, 1055), "center")
