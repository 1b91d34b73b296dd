"""The order clipboard carried by the chefs who can read the tickets.

When not everyone may read the tickets (a blackout, or a role that cannot see them), the
chefs who can read them carry them on a clipboard next to their chef.
"""

from __future__ import annotations

import pygame

from kitchen.i18n import _
from kitchen.sim.round import Round
from kitchen.ui.render.kitchen_view import KitchenView
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.words import title_words
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

CLIPBOARD_ORDERS = 4
"""The most orders a clipboard lists (the soonest to expire)."""


def draw_ticket_clipboards(
    surface: pygame.Surface, rnd: Round, view: KitchenView, theme: Theme, text: TextCache
) -> None:
    """Draw a clipboard beside each chef who can read the tickets, when some cannot."""
    readers = [p for p in sorted(rnd.chefs) if rnd.can_read_tickets(p)]
    if len(readers) == len(rnd.chefs) or not rnd.orders.open:
        return
    soonest = sorted(rnd.orders.open, key=lambda o: o.expires)
    titles = [_title(rnd, o.recipe, o.exclude) for o in soonest][:CLIPBOARD_ORDERS]
    for player in readers:
        chef = rnd.chefs.get(player)
        if chef is None or chef.status == "away":
            continue
        x, y = view.to_screen(chef.x, chef.y)
        size = 42
        width = max(text.size(s, size)[0] for s in titles) + 30
        rect = pygame.Rect(0, 0, width, 18 + len(titles) * 36)
        rect.midleft = (round(x + view.cell * 0.55), round(y))
        rect.clamp_ip(surface.get_rect())
        panel(surface, rect, theme.ticket, theme.player(player), radius=10, width=4)
        for i, title in enumerate(titles):
            text.draw(surface, title, size, theme.text_dark, (rect.x + 14, rect.y + 10 + i * 36))


def _title(rnd: Round, recipe: str, exclude: str | None) -> str:
    """An order as the clipboard lists it: ``Onion soup (no onion)``, in the language in force."""
    title = title_words(rnd.spec.recipes[recipe].title)
    if exclude is None:
        return title
    spec = rnd.spec.ingredients.get(exclude)
    name = title_words(spec.title).lower() if spec is not None else exclude
    return _("{dish} (no {ingredient})").format(dish=title, ingredient=name)
