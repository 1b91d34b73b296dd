"""The order tickets along the top: each shows the finished dish, its name, how to make it
(the ingredients, a knife for those to chop, a pot for what is cooked) and its patience.

Tickets slide along the rail when one leaves. A served ticket flashes green with its points
and flies up; an expired one turns red, shakes and shows its penalty (the visual twins of
the serve and expiry sounds, from :class:`~kitchen.ui.round_feedback.RoundFeedback`).
"""

from __future__ import annotations

import math

import pygame

from kitchen.i18n import _, current_language
from kitchen.sim import Round
from kitchen.sim.orders import Order
from kitchen.ui.render.icons import Icons
from kitchen.ui.render.shapes import bar, panel
from kitchen.ui.render.words import signed, title_words
from kitchen.ui.round_feedback import TICKET_SECONDS, LeavingTicket, RoundFeedback
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_BODY, TEXT_LARGE, TEXT_SMALL, Theme

TICKET_W, TICKET_H = 300, 176
TITLE_PX = 42
STEP_ICON = 42
SLIDE_PER_SECOND = 9.0
"""How quickly tickets close a gap on the rail (exponential approach, per second)."""
EXPIRED_FILL = (120, 22, 18)
SERVED_FILL = (72, 181, 92)
_MAX_FACES = 64
"""The most ticket faces a rail keeps drawn (a round has a handful of kinds of order)."""


def recipe_icon_key(rnd: Round, recipe: str, exclude: str | None = None) -> str:
    """The icon key of a finished dish: a plate with its components."""
    spec = rnd.spec.recipes[recipe]
    parts = [k for k in spec.components if exclude is None or k.split(":")[0] != exclude]
    return "plate[" + ",".join(parts) + "]"


def recipe_steps(rnd: Round, recipe: str) -> list[tuple[str, bool]]:
    """How a dish is made, as icon keys: each ingredient (raw, whole) with whether it is
    chopped first, then ``tool:pot`` after the ingredients that are cooked."""
    spec = rnd.spec.recipes[recipe]
    steps: list[tuple[str, bool]] = []
    for key in sorted(spec.cook):
        name, _, state = key.partition(":")
        steps.append((name, state == "chopped"))
    if spec.cook:
        steps.append(("tool:pot", False))
    for key in sorted(spec.plate):
        name, _, state = key.partition(":")
        steps.append((name, state == "chopped"))
    return steps


class TicketRail:
    """Draws the tickets and remembers where each one sits, so they can slide and leave."""

    def __init__(self, theme: Theme, icons: Icons, text: TextCache) -> None:
        self.theme = theme
        self.icons = icons
        self.text = text
        self._x: dict[int, float] = {}
        self._clock: float | None = None
        self._faces: dict[tuple, pygame.Surface] = {}
        self._faces_of: object = None

    def draw(
        self,
        surface: pygame.Surface,
        rnd: Round,
        area: pygame.Rect,
        feedback: RoundFeedback | None = None,
    ) -> None:
        """The open tickets, soonest to expire first, and any ticket just leaving."""
        t = self.theme
        orders = sorted(rnd.orders.open, key=lambda o: o.expires)
        readers = [p for p in sorted(rnd.chefs) if rnd.can_read_tickets(p)]
        hidden = len(readers) < len(rnd.chefs)
        step = self._step(feedback)
        leaving = [] if feedback is None else feedback.leaving
        if not orders and not leaving:
            self.text.draw(
                surface,
                _("No orders yet"),
                TEXT_BODY,
                t.text_dim,
                (area.x + 20, area.centery),
                "midleft",
            )
        places: dict[int, float] = {}
        for i, order in enumerate(orders):
            x = area.x + i * (TICKET_W + 10)
            if x + TICKET_W > area.right:
                more = f"+{len(orders) - i}"
                self.text.draw(surface, more, TEXT_LARGE, t.text, (x + 10, area.centery), "midleft")
                break
            shown = self._x.get(order.id, x)
            shown = x + (shown - x) * math.exp(-SLIDE_PER_SECOND * step) if step else x
            places[order.id] = shown
            rect = pygame.Rect(round(shown), area.y, TICKET_W, TICKET_H)
            face = self._face(rnd, order, readers, hidden)
            if face is None:
                self._ticket(surface, rnd, order, rect, readers, hidden)
            else:
                surface.blit(face, rect)
            frac = order.remaining(rnd.tick) / order.patience if order.patience else 0
            bar_rect = pygame.Rect(rect.x + 10, rect.bottom - 24, rect.width - 20, 16)
            bar(surface, bar_rect, frac, t.patience(frac), t)
        if feedback is not None:
            for ticket in leaving:
                x = self._x.get(ticket.order.id)
                if x is not None:
                    places.setdefault(ticket.order.id, x)
                    self._leaving(surface, rnd, ticket, x, area, feedback.clock, readers, hidden)
        self._x = places

    def _step(self, feedback: RoundFeedback | None) -> float:
        """Seconds since the last frame on the feedback clock (0 without one: no sliding)."""
        if feedback is None:
            return 0.0
        last, self._clock = self._clock, feedback.clock
        return 0.0 if last is None else max(0.0, min(0.5, feedback.clock - last))

    def _face(
        self, rnd: Round, order: Order, readers: list[int], hidden: bool
    ) -> pygame.Surface | None:
        """The ticket as :meth:`_ticket` draws it (transparent round its corners), drawn once
        per kind of order and kept; ``None`` while :attr:`TextCache.on_draw` listens, so
        the listener is told of every string drawn on the screen."""
        if self.text.on_draw is not None:
            return None
        if self._faces_of is not rnd.spec or len(self._faces) >= _MAX_FACES:
            self._faces, self._faces_of = {}, rnd.spec
        who = tuple(readers) if hidden else ()
        key = (order.recipe, order.exclude, hidden, who, current_language())
        face = self._faces.get(key)
        if face is None:
            face = pygame.Surface((TICKET_W, TICKET_H), pygame.SRCALPHA)
            self._ticket(face, rnd, order, face.get_rect(), readers, hidden)
            self._faces[key] = face
        return face

    def _ticket(
        self,
        surface: pygame.Surface,
        rnd: Round,
        order: Order,
        rect: pygame.Rect,
        readers: list[int],
        hidden: bool,
    ) -> None:
        t = self.theme
        special = order.exclude is not None
        edge = t.danger if special else t.ticket_edge
        panel(surface, rect, t.ticket, edge, radius=14, width=6 if special else 4)
        if hidden and not readers:
            self.text.draw(surface, "?", 120, t.ticket_edge, (rect.centerx, rect.y + 70), "center")
            return
        if hidden:
            self.text.draw(surface, "?", 100, t.ticket_edge, (rect.centerx, rect.y + 62), "center")
            ask = _("Ask chef {chefs}").format(chefs=", ".join(map(str, readers)))
            self.text.draw(
                surface, ask, TEXT_SMALL, t.text_dark, (rect.centerx, rect.y + 124), "center"
            )
            return
        key = recipe_icon_key(rnd, order.recipe, order.exclude)
        self.icons.blit_item(surface, key, (rect.x + 50, rect.y + 50), 84)
        title = title_words(rnd.spec.recipes[order.recipe].title)
        lines = self.text.wrap(title, TITLE_PX, TICKET_W - 104)[: 1 if special else 2]
        for i, line in enumerate(lines):
            self.text.draw(surface, line, TITLE_PX, t.text_dark, (rect.x + 96, rect.y + 4 + i * 42))
        if special:
            assert order.exclude is not None
            tag = pygame.Rect(rect.x + 94, rect.y + 50, rect.width - 102, 44)
            pygame.draw.rect(surface, t.danger, tag, border_radius=8)
            words = _("NO {ingredient}").format(ingredient=self._ingredient(rnd, order.exclude))
            size = TITLE_PX if self.text.size(words, TITLE_PX)[0] <= tag.width - 8 else 30
            self.text.draw(surface, words, size, t.text, tag.center, "center")
        self._steps(surface, rnd, order, pygame.Rect(rect.x + 8, rect.y + 100, rect.width - 16, 48))

    @staticmethod
    def _ingredient(rnd: Round, name: str) -> str:
        """An ingredient's title in capitals, in the language in force (``ONION``)."""
        spec = rnd.spec.ingredients.get(name)
        return title_words(spec.title if spec is not None else name).upper()

    def _steps(self, surface: pygame.Surface, rnd: Round, order: Order, row: pygame.Rect) -> None:
        """The recipe as a row of icons: ingredients (a knife badge on those to chop), a pot
        after those to cook; an ingredient this customer must not have is struck through."""
        steps = recipe_steps(rnd, order.recipe)
        if not steps:
            return
        gap = min(STEP_ICON + 4, (row.width - STEP_ICON) / max(1, len(steps) - 1))
        x = row.x + STEP_ICON / 2
        y = row.centery
        for key, chopped in steps:
            self.icons.blit_item(surface, key, (x, y), STEP_ICON)
            if chopped:
                self.icons.blit_item(surface, "tool:knife", (x + 12, y + 12), 26)
            if order.exclude is not None and key == order.exclude:
                danger = self.theme.danger
                half = STEP_ICON * 0.45
                pygame.draw.line(surface, danger, (x - half, y + half), (x + half, y - half), 6)
            x += gap

    def _leaving(
        self,
        surface: pygame.Surface,
        rnd: Round,
        ticket: LeavingTicket,
        x: float,
        area: pygame.Rect,
        clock: float,
        readers: list[int],
        hidden: bool,
    ) -> None:
        """A ticket that has just left: served ones flash and fly up, expired ones shake red."""
        t = self.theme
        age = min(1.0, max(0.0, (clock - ticket.start) / TICKET_SECONDS))
        rect = pygame.Rect(round(x), area.y, TICKET_W, TICKET_H)
        served = ticket.outcome == "served"
        if served:
            rect.y -= round(max(0.0, age - 0.55) / 0.45 * (TICKET_H + 20))
        else:
            rect.x += round(math.sin(age * math.pi * 8) * 12 * (1 - age))
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        local = layer.get_rect()
        self._ticket(layer, rnd, ticket.order, local, readers, hidden)
        fill = SERVED_FILL if served else EXPIRED_FILL
        wash = pygame.Surface(rect.size, pygame.SRCALPHA)
        strength = 235 if served and age < 0.18 else 215
        pygame.draw.rect(wash, (*fill, strength), local, border_radius=14)
        layer.blit(wash, (0, 0))
        points = signed(ticket.points)
        ink = t.text_dark if served else t.text
        self.text.draw(layer, points, TEXT_LARGE, ink, (local.centerx, local.y + 62), "center")
        word = _("Served!") if served else _("Expired")
        self.text.draw(layer, word, TEXT_SMALL, ink, (local.centerx, local.y + 128), "center")
        if age > 0.75:
            layer.set_alpha(round(255 * (1 - age) / 0.25))
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(0, 0, surface.get_width(), area.bottom + 12))
        surface.blit(layer, rect)
        surface.set_clip(clip)
