"""The quick-chats open over the chefs during a round: which chefs have one open, which keys
and buttons go to them, and where they are drawn.

A chef's call-out key opens their quick-chat; while it is open the chef stands still, their
up/down move the highlight, left/right choose who the call is for (everyone or a teammate),
pick-up chooses and call-out, use or B close it. A chosen
call-out is handed to ``on_call`` (the round driver makes it on the next tick).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pygame

from kitchen.sim.round import Round
from kitchen.ui.input.bindings import KeyLayout
from kitchen.ui.input.gamepads import PAD_BUTTON
from kitchen.ui.input.seats import PAD_CALLOUT, PAD_INTERACT, PAD_USE, Controls, Seat
from kitchen.ui.quickchat import QuickChat
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

CHAT_BUTTONS = {PAD_INTERACT: "interact", PAD_USE: "use", PAD_CALLOUT: "callout"}
"""What a gamepad's buttons do on an open quick-chat (others keep their own names)."""


class OpenChats:
    """The open quick-chats of one round, by chef.

    Args:
        items: what a chef can ask for with "Need ...".
        on_call: called with the chef and the call-out they chose.
        chefs: the chefs of the round (a call can be addressed to any of them but oneself).
    """

    def __init__(
        self,
        items: list[str],
        on_call: Callable[[int, str], None],
        chefs: Iterable[int] = (),
    ) -> None:
        self.items = items
        self.on_call = on_call
        self.chefs = sorted(chefs)
        self.open: dict[int, QuickChat] = {}

    def open_for(self, players: Iterable[int]) -> None:
        """Open a quick-chat for each of ``players`` that has none open."""
        for player in players:
            if player not in self.open:
                self.open[player] = QuickChat(player, self.items, self.chefs)

    def close(self, player: int) -> None:
        """Close ``player``'s quick-chat, if open."""
        self.open.pop(player, None)

    def handle_event(
        self,
        event: pygame.event.Event,
        seats: list[Seat],
        layouts: list[KeyLayout],
        controls: Controls,
    ) -> bool:
        """Keys and buttons of a chef whose quick-chat is open go to the quick-chat; True
        when the event was used up here."""
        action, player = None, None
        if event.type == pygame.KEYDOWN:
            for seat in seats:
                if seat.layout is not None and seat.player in self.open:
                    action = layouts[seat.layout].action_for(event.key)
                    if action is not None:
                        player = seat.player
                        break
        elif event.type == PAD_BUTTON and event.down:
            pad_seat = controls.seat_for_pad(event.pad)
            if pad_seat is not None and pad_seat.player in self.open:
                player = pad_seat.player
                action = CHAT_BUTTONS.get(event.button, event.button)
        if player is None or action is None:
            return False
        chat = self.open[player]
        if action in ("up", "down", "left", "right"):
            # The chef stands still while choosing, but the controls still learn which
            # direction keys are held, so walking resumes as soon as the chat closes.
            if action in ("up", "down"):
                chat.move(-1 if action == "up" else 1)
            else:
                chat.aim(-1 if action == "left" else 1)
            return False
        if action == "interact":
            call = chat.choose()
            if call is not None:
                self.on_call(player, call)
                del self.open[player]
        elif action in ("callout", "use", "b"):
            del self.open[player]
        return True

    def draw(
        self,
        surface: pygame.Surface,
        rnd: Round,
        view: KitchenView,
        theme: Theme,
        text: TextCache,
        bounds: pygame.Rect | None = None,
    ) -> None:
        """Each open quick-chat above its chef's head, or below the chef when there is no
        room above within ``bounds``."""
        for player, chat in self.open.items():
            chef = rnd.chefs.get(player)
            if chef is not None:
                x, y = view.to_screen(chef.x, chef.y)
                head, feet = (x, y - view.cell * 0.7), (x, y + view.cell * 0.5)
                chat.draw(surface, head, theme.player(player), theme, text, feet, bounds)
