"""The chefs' colours, one table for the game (``kitchen.ui.theme``) and the report
(``kitchen.debrief``), so a chef has the same colour on screen and on paper.

No pygame and nothing else from ``kitchen``: both layers read it.
"""

from __future__ import annotations

Colour = tuple[int, int, int]

CHEF_COLOURS: tuple[Colour, Colour, Colour, Colour] = (
    (135, 0, 0),
    (20, 20, 115),
    (215, 255, 0),
    (160, 100, 255),
)
"""Maroon, navy, lime and violet, for chefs 1 to 4 in every palette: they differ from each
other and from every station and ingredient colour by a CIEDE2000 difference of at least 10
under normal vision and simulated protanopia, deuteranopia and tritanopia
(tests/test_palette_colours.py). Red, blue, green and yellow chefs cannot: they take the
tomatoes', the serving window's, the lettuce's and the bread's colours."""


def chef_colour(player: int) -> Colour:
    """The colour of chef ``player`` (1-4; more chefs take the colours again in turn)."""
    return CHEF_COLOURS[(player - 1) % len(CHEF_COLOURS)]


def chef_hex(player: int) -> str:
    """:func:`chef_colour` as CSS and SVG write it: ``#870000``."""
    return "#{:02X}{:02X}{:02X}".format(*chef_colour(player))
