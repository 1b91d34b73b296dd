"""Seats: which keyboard layout or gamepad drives which chef, and turning their input into
one :class:`~kitchen.sim.Command` per chef per tick.

Input is tracked from events, not polled, so the same events always give the same
commands whatever the frame rate. ``interact`` is a press: a key-down is remembered until
the next tick consumes it, so a tap between two ticks is never lost and never counts
twice. ``use`` is held, but a tap shorter than a tick still counts for one tick.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from kitchen.sim import Command
from kitchen.ui.input.bindings import KeyLayout
from kitchen.ui.input.gamepads import PAD_BUTTON, Gamepads

PAD_INTERACT = "a"
PAD_USE = "x"
PAD_CALLOUT = "y"


@dataclass
class Seat:
    """One chef's controls: a keyboard layout (``layout``) or a gamepad (``pad``)."""

    player: int
    layout: int | None = None
    pad: int | None = None
    connected: bool = True

    @property
    def device(self) -> str:
        """``"keys"`` or ``"pad"``."""
        return "pad" if self.pad is not None else "keys"


@dataclass
class _SeatInput:
    held: set[str] = field(default_factory=set)
    interact: bool = False
    use_tap: bool = False


class Controls:
    """Collects input events for the seated chefs and produces their commands.

    Args:
        seats: the chefs taking part and their devices.
        layouts: the four keyboard layouts.
        gamepads: the pad tracker (for stick and d-pad directions).
    """

    def __init__(self, seats: list[Seat], layouts: list[KeyLayout], gamepads: Gamepads) -> None:
        self.seats = seats
        self.layouts = layouts
        self.gamepads = gamepads
        self._state = {seat.player: _SeatInput() for seat in seats}
        self.callouts: list[int] = []

    def seat_for_pad(self, pad: int) -> Seat | None:
        """The seat driven by gamepad ``pad``, if any."""
        for seat in self.seats:
            if seat.pad == pad:
                return seat
        return None

    def handle_event(self, event: pygame.event.Event) -> None:
        """Update held keys and presses from one event."""
        if event.type in (pygame.KEYDOWN, pygame.KEYUP):
            down = event.type == pygame.KEYDOWN
            key = getattr(event, "key", None)
            for seat in self.seats:
                if seat.layout is None or not seat.connected:
                    continue
                action = self.layouts[seat.layout].action_for(key)
                if action is not None:
                    self._apply(seat.player, action, down)
        elif event.type == PAD_BUTTON:
            seat = self.seat_for_pad(event.pad)
            if seat is None or not seat.connected:
                return
            action = {PAD_INTERACT: "interact", PAD_USE: "use", PAD_CALLOUT: "callout"}.get(
                event.button
            )
            if action is not None:
                self._apply(seat.player, action, event.down)
        elif event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWHIDDEN):
            self.release_all()

    def _apply(self, player: int, action: str, down: bool) -> None:
        state = self._state[player]
        if down:
            if action not in state.held:
                if action == "interact":
                    state.interact = True
                elif action == "use":
                    state.use_tap = True
                elif action == "callout":
                    self.callouts.append(player)
            state.held.add(action)
        else:
            state.held.discard(action)

    def release_all(self) -> None:
        """Forget every held key and button (focus lost, pause)."""
        for state in self._state.values():
            state.held.clear()
            state.interact = False
            state.use_tap = False

    def commands(self) -> dict[int, Command]:
        """This tick's command for every seated chef; consumes pending presses."""
        out: dict[int, Command] = {}
        for seat in self.seats:
            state = self._state[seat.player]
            if not seat.connected:
                state.interact = state.use_tap = False
                continue
            if seat.pad is not None:
                dx, dy = self.gamepads.direction(seat.pad)
            else:
                held = state.held
                dx = int("right" in held) - int("left" in held)
                dy = int("down" in held) - int("up" in held)
            use = "use" in state.held or state.use_tap
            out[seat.player] = Command(move=(dx, dy), interact=state.interact, use=use)
            state.interact = False
            state.use_tap = False
        return out

    def disconnect_pad(self, pad: int) -> Seat | None:
        """Mark the seat of an unplugged pad as disconnected; return that seat."""
        seat = self.seat_for_pad(pad)
        if seat is not None:
            seat.connected = False
            self._state[seat.player] = _SeatInput()
        return seat

    def reconnect(self, player: int, pad: int) -> None:
        """Give ``player``'s seat to gamepad ``pad`` and reconnect it."""
        for seat in self.seats:
            if seat.player == player:
                seat.pad, seat.layout, seat.connected = pad, None, True
                self._state[player] = _SeatInput()

    def disconnected(self) -> list[Seat]:
        """Seats whose gamepad has been unplugged."""
        return [seat for seat in self.seats if not seat.connected]
