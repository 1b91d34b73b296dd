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
BUTTON_PAD = 24
"""Room on each side of an option button's label."""
SEAT_W, SEAT_GAP, SEAT_TOP, SEAT_H = 450, 16, 230, 560
"""The four chefs' places: wide enough for a French key line on one line
(``Pavé 7 : Couper / laver (tenir)``)."""
SEAT_PAD = 20
"""Room on each side of a place's key lines."""
SEATED_LINES_TOP = 292
"""Where a taken place's key lines start, below its chef and name."""


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
        self.message = ""  # the status line says who joined
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
            elif event.key == pygame.K_F2:
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
        """F2: enforce the level's roles and zones, or not (a level without roles says it
        has none)."""
        if not self.level.spec.roles:
            self.message = _("This level has no roles: there are no silos to switch")
            return
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
        as their labels when that fits the screen, else (a longer language) the longest
        labels, one by one, set on two balanced lines (never a word or ``: OFF`` alone on
        the second) until the row fits; the text keeps its size."""
        text = self.app.text
        options = self._options()
        lines = [[label] for label, *_rest in options]

        def widths() -> list[int]:
            return [
                max(text.size(line, TEXT_SMALL)[0] for line in ls) + 2 * BUTTON_PAD for ls in lines
            ]

        def total() -> int:
            return sum(widths()) + BUTTON_GAP * (len(options) - 1)

        while total() > BUTTONS_ROOM:
            one_line = [i for i, ls in enumerate(lines) if len(ls) == 1]
            if not one_line:
                break
            longest = max(one_line, key=lambda i: widths()[i])
            lines[longest] = self._balanced(options[longest][0])
        room = BUTTONS_ROOM - BUTTON_GAP * (len(options) - 1)
        sized = widths()
        if sum(sized) > room:  # too long even on two lines each: equal shares, wrapped
            share = room // len(options)
            lines = [text.wrap(label, TEXT_SMALL, share - 2 * BUTTON_PAD) for label, *_ in options]
            sized = [share] * len(options)
        step = text.font(TEXT_SMALL).get_linesize()
        rows = max(len(ls) for ls in lines)
        top, height = (BUTTONS_Y, 60) if rows == 1 else (WRAPPED_BUTTONS_Y, rows * step + 24)
        x = 960 - (sum(sized) + BUTTON_GAP * (len(options) - 1)) // 2
        out = []
        for (label, action, _on), ls, w in zip(options, lines, sized, strict=True):
            out.append((pygame.Rect(x, top, w, height), ls, label, action))
            x += w + BUTTON_GAP
        return out

    def _balanced(self, label: str) -> list[str]:
        """``label`` split at the space that makes its two lines the most equal in width
        (the label's own spacing kept: ``F3  Computer cooks``)."""
        text = self.app.text
        best = [label]
        widest = text.size(label, TEXT_SMALL)[0]
        for i, char in enumerate(label):
            if char != " " or label[i - 1] == " ":
                continue
            lines = [label[:i].rstrip(), label[i:].lstrip()]
            width = max(text.size(line, TEXT_SMALL)[0] for line in lines)
            if all(lines) and width < widest:
                best, widest = lines, width
        return best

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
        for i in range(4):
            self._seat_panel(surface, self.seat_rect(i + 1), i + 1)
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

    @staticmethod
    def seat_rect(player: int) -> pygame.Rect:
        """Where chef ``player``'s place is drawn (1-4, left to right)."""
        left = 960 - (4 * SEAT_W + 3 * SEAT_GAP) // 2
        return pygame.Rect(left + (player - 1) * (SEAT_W + SEAT_GAP), SEAT_TOP, SEAT_W, SEAT_H)

    def seat_lines(self, seat: Seat) -> list[tuple[str, bool]]:
        """A taken place's key lines as drawn, each wrapped to the place's width: the text
        and whether it is the first (the layout or gamepad, in the accent colour)."""
        text = self.app.text
        return [
            (part, k == 0)
            for k, line in enumerate(self._controls(seat))
            for part in text.wrap(line, TEXT_SMALL, SEAT_W - 2 * SEAT_PAD)
        ]

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
        # A taken place's chef stands a little higher, to leave room for six key lines
        # (a line wrapped in a longer language) above the place's edge.
        centre = rect.y + (160 if seat else 175)
        draw_chef_body(
            surface, (rect.centerx, centre), 68 if seat else 60, colour if seat else t.star_empty
        )
        text.draw(
            surface,
            str(player),
            80,
            readable_on(colour if seat else t.star_empty),
            (rect.centerx, centre + 6),
            "center",
        )
        if seat is None:
            label = _("computer cook") if self.bots else _("press to join")
            text.draw(
                surface, label, TEXT_SMALL, t.text_dim, (rect.centerx, rect.y + 300), "center"
            )
            return
        text.draw(
            surface,
            _("Chef {n}").format(n=player),
            TEXT_BODY,
            t.text,
            (rect.centerx, rect.y + 258),
            "center",
        )
        lines = self.seat_lines(seat)
        bottom = rect.height - 8 - 14  # inside the taken place's 8 px edge
        room = bottom - SEATED_LINES_TOP - text.font(TEXT_SMALL).get_height()
        step = min(42, room // max(len(lines) - 1, 1))  # many lines: rows a little closer
        for k, (line, first) in enumerate(lines):
            text.draw(
                surface,
                line,
                TEXT_SMALL,
                t.accent if first else t.text,
                (rect.x + SEAT_PAD, rect.y + SEATED_LINES_TOP + k * step),
            )
