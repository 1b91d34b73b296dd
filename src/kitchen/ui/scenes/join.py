"""Player join: each player presses their pick-up key (or a gamepad button) to take a chef,
and sees their colour and controls. Enter starts the round."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
from typing_extensions import override

from kitchen.content import Level
from kitchen.i18n import N_, _, format_number, ngettext
from kitchen.ui.host import Host
from kitchen.ui.input.bindings import ACTION_TITLES
from kitchen.ui.input.gamepads import PAD_ADDED, PAD_BUTTON
from kitchen.ui.input.seats import PAD_CALLOUT, PAD_INTERACT, PAD_USE, Seat
from kitchen.ui.names import layout_name
from kitchen.ui.render.icons import draw_chef_body
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.base import Scene
from kitchen.ui.talk_capture import recorded_line, talk_button, talk_switch, toggle_talk
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL, readable_on

RECORDED = N_(
    "Recorded for the debrief: team name, moves, presses, call-outs, kitchen events and "
    "who played each chef (person or computer). No sound or video."
)
"""What the join screen says the round's log holds (issue 11: say what is recorded)."""

BUTTONS_Y = 885
BUTTON_GAP = 24
BUTTONS_ROOM = 1800
"""The width the option buttons may take (the screen less its margins)."""
WRAPPED_BUTTONS_Y = 856
"""The top of two-line option buttons (the status line moves up to make room)."""


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
            self.message = ngettext(
                "This kitchen has room for {n} chef",
                "This kitchen has room for {n} chefs",
                self.capacity,
            ).format(n=format_number(self.capacity))
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
                self.toggle_bots()
            elif event.key == pygame.K_F4:
                self.watch_computer_cooks()
            elif event.key == pygame.K_F7:
                toggle_talk(self.app)
            elif event.key == pygame.K_F2 and self.level.spec.roles:
                self.toggle_silos()
            elif event.key == pygame.K_ESCAPE:
                self.app.pop()
            return
        if event.type == PAD_BUTTON and event.down:
            joined = any(s.pad == event.pad for s in self.seats)
            if event.button == PAD_INTERACT:
                self._join(pad=event.pad)
            elif event.button == PAD_USE:
                self._leave(pad=event.pad)
            elif event.button == "start" and (joined or (self.bots and not self.seats)):
                self.start()
            elif event.button == "b" and not joined:
                self.app.pop()
        elif event.type == PAD_ADDED:
            self.message = _("Gamepad connected: press {button} to join").format(
                button=PAD_INTERACT.upper()
            )
        elif event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            pos = self.app.to_logical(event.pos)
            for rect, _label, action in self._buttons():
                if rect.collidepoint(pos):
                    action()
                    return

    def pad_removed(self, pad: int) -> None:
        """An unplugged pad gives up its chef."""
        self._leave(pad=pad)

    def toggle_bots(self) -> None:
        """F3: computer cooks take the places nobody joined, or not."""
        self.bots = not self.bots
        self.message = ""

    def toggle_silos(self) -> None:
        """F2: enforce the level's roles and zones, or not."""
        self.silos = not self.silos

    def watch_computer_cooks(self) -> None:
        """F4: a round played by computer cooks alone, for a facilitator to preview the
        level; whoever had joined is let go, and the log records that nobody played."""
        self.seats = []
        self.bots = True
        self.start()

    def start(self) -> None:
        """Go to the round with the joined chefs (with computer cooks on and nobody joined,
        the computer cooks play alone), or say why it cannot start yet."""
        need = self.level.definition.players.min
        if not self.seats and not self.bots:
            self.message = _("Press your pick-up key to join, or F4 to watch the computer cooks")
            return
        if self.seats and len(self.seats) < need and not self.bots:
            self.message = ngettext(
                "At least {n} chef must join first", "At least {n} chefs must join first", need
            ).format(n=format_number(need))
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
                _("Gamepad: {name}").format(name=self.app.gamepads.name(seat.pad)),
                _("Stick / d-pad: move"),
                self._key_line(PAD_INTERACT.upper(), "interact"),
                self._key_line(PAD_USE.upper(), "use"),
                self._key_line(PAD_CALLOUT.upper(), "callout"),
            ]
        layout = self.app.layouts[seat.layout]
        return [
            _("Keys: {layout}").format(layout=layout_name(layout.title)),
            _("{keys}: move").format(keys=layout.move_label()),
            self._key_line(layout.label("interact"), "interact"),
            self._key_line(layout.label("use"), "use"),
            self._key_line(layout.label("callout"), "callout"),
        ]

    @staticmethod
    def _key_line(key: str, action: str) -> str:
        return _("{key}: {action}").format(key=key, action=_(ACTION_TITLES[action]))

    def _buttons(self) -> list[tuple[pygame.Rect, str, Callable[[], None]]]:
        """The option buttons along the bottom (their keys work too): where, what, action."""
        return [(rect, label, action) for rect, _lines, label, action in self._button_layout()]

    def _button_layout(self) -> list[tuple[pygame.Rect, list[str], str, Callable[[], None]]]:
        """Each option button's place and label lines: one row of one-line buttons as wide
        as their labels when that fits the screen, else (a longer language) the row split
        into equal buttons whose labels wrap onto two lines (the text keeps its size)."""
        text = self.app.text
        options = self._options()
        widths = [text.size(label, TEXT_SMALL)[0] + 48 for label, *_rest in options]
        total = sum(widths) + BUTTON_GAP * (len(widths) - 1)
        out = []
        if total <= BUTTONS_ROOM:
            x = 960 - total // 2
            for (label, action, _on), w in zip(options, widths, strict=True):
                out.append((pygame.Rect(x, BUTTONS_Y, w, 60), [label], label, action))
                x += w + BUTTON_GAP
            return out
        w = (BUTTONS_ROOM - BUTTON_GAP * (len(options) - 1)) // len(options)
        wrapped = [text.wrap(label, TEXT_SMALL, w - 32) for label, *_rest in options]
        step = text.font(TEXT_SMALL).get_linesize()
        height = max(len(lines) for lines in wrapped) * step + 24
        x = 960 - (w * len(options) + BUTTON_GAP * (len(options) - 1)) // 2
        for (label, action, _on), lines in zip(options, wrapped, strict=True):
            out.append((pygame.Rect(x, WRAPPED_BUTTONS_Y, w, height), lines, label, action))
            x += w + BUTTON_GAP
        return out

    def _options(self) -> list[tuple[str, Callable[[], None], bool]]:
        """The option buttons' labels, actions and whether each is lit (on)."""
        bots = (
            _("F3  Computer cooks fill empty places: ON")
            if self.bots
            else _("F3  Computer cooks fill empty places: OFF")
        )
        options: list[tuple[str, Callable[[], None], bool]] = [
            (bots, self.toggle_bots, self.bots),
            (_("F4  Watch the computer cooks"), self.watch_computer_cooks, True),
        ]
        if self.level.spec.roles:
            silos = _("F2  Silos: ON") if self.silos else _("F2  Silos: OFF")
            options.append((silos, self.toggle_silos, self.silos))
        talk = talk_switch(self.app).on
        options.append((talk_button(self.app), lambda: toggle_talk(self.app), talk))
        return options

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        text = self.app.text
        surface.fill(t.backdrop)
        text.draw(surface, self.level.title, TEXT_HEADING, t.accent, (960, 60), "center")
        keys = ",  ".join(
            lay.said_label("interact", layout_name(lay.title)) for lay in self.app.layouts
        )
        hint = _("Press your PICK-UP key to join: {keys},  or gamepad A").format(keys=keys)
        text.draw(surface, hint, TEXT_SMALL, t.text, (960, 140), "center")
        leave = _("Your USE key (gamepad X) leaves.  Esc: back.")
        text.draw(surface, leave, TEXT_SMALL, t.text_dim, (960, 190), "center")
        width = 430
        for i in range(4):
            rect = pygame.Rect(60 + i * (width + 20), 230, width, 560)
            self._seat_panel(surface, rect, i + 1)
        ready = len(self.seats)
        need = self.level.definition.players.min
        if not ready:
            status = (
                _("Nobody joined: ENTER watches the computer cooks play alone")
                if self.bots
                else _("Press your pick-up key to join")
            )
        elif ready >= need or self.bots:
            status = ngettext(
                "{n} joined. Press ENTER (or Start) to begin",
                "{n} joined. Press ENTER (or Start) to begin",
                ready,
            ).format(n=format_number(ready))
        else:
            status = ngettext("{n} joined. Needs {need}", "{n} joined. Needs {need}", ready).format(
                n=format_number(ready), need=format_number(need)
            )
        buttons = self._button_layout()
        wrapped = buttons[0][0].y == WRAPPED_BUTTONS_Y
        text.draw(
            surface,
            self.message or status,
            TEXT_BODY,
            t.accent if not self.message else t.danger_text,
            (960, 820 if wrapped else 840),
            "center",
        )
        lit = [on for _label, _action, on in self._options()]
        step = text.font(TEXT_SMALL).get_linesize()
        for (rect, lines, _label, _action), on in zip(buttons, lit, strict=True):
            panel(surface, rect, t.panel, t.accent if on else t.panel_edge, radius=14, width=4)
            top = rect.centery - (len(lines) * step) // 2
            for k, line in enumerate(lines):
                at = (rect.centerx, top + k * step + step // 2)
                text.draw(surface, line, TEXT_SMALL, t.text, at, "center")
        below = max(rect.bottom for rect, *_rest in buttons) + 32
        for k, line in enumerate(text.wrap(recorded_line(self.app, RECORDED), TEXT_SMALL, 1800)):
            at = (960, max(995, below) + k * 40)
            text.draw(surface, line, TEXT_SMALL, t.text_dim, at, "center")

    def _seat_panel(self, surface: pygame.Surface, rect: pygame.Rect, player: int) -> None:
        """One chef's place: who took it and their controls, or how to take it."""
        t = self.theme
        text = self.app.text
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
            text.draw(surface, _("no place"), TEXT_SMALL, t.text_dim, rect.center, "center")
            return
        draw_chef_body(
            surface,
            (rect.centerx, rect.y + 185),
            80 if seat else 60,
            colour if seat else t.star_empty,
        )
        text.draw(
            surface,
            str(player),
            80,
            readable_on(colour if seat else t.star_empty),
            (rect.centerx, rect.y + 191),
            "center",
        )
        if seat is None:
            label = _("computer cook") if self.bots else _("press to join")
            text.draw(
                surface, label, TEXT_SMALL, t.text_dim, (rect.centerx, rect.y + 325), "center"
            )
            return
        text.draw(
            surface,
            _("Chef {n}").format(n=player),
            TEXT_BODY,
            t.text,
            (rect.centerx, rect.y + 300),
            "center",
        )
        lines = [
            (part, k == 0)
            for k, line in enumerate(self._controls(seat))
            for part in text.wrap(line, TEXT_SMALL, rect.width - 40)
        ]
        room = rect.height - 345 - 16 - text.font(TEXT_SMALL).get_height()
        step = min(42, room // max(len(lines) - 1, 1))  # a wrapped line: rows a little closer
        for k, (line, first) in enumerate(lines):
            text.draw(
                surface,
                line,
                TEXT_SMALL,
                t.accent if first else t.text,
                (rect.x + 24, rect.y + 345 + k * step),
            )
