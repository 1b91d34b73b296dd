"""Icons for the steps of a recipe on a ticket: a pot (cook) and a knife (chop)."""

from __future__ import annotations

import math

import pygame

from kitchen.ui.theme import Theme

OUTLINE = (34, 26, 22)
"""The dark outline every icon is drawn with."""


def _w(r: float, k: float = 0.09) -> int:
    """An outline width that scales with the icon."""
    return max(2, int(r * k))


def pot_tool(surface, c, r, theme: Theme) -> None:
    """A cooking pot with handles and a flame under it: the "cook" step."""
    cx, cy = c
    flame = [(cx - 0.5 * r, cy + 0.95 * r), (cx, cy + 0.5 * r), (cx + 0.5 * r, cy + 0.95 * r)]
    pygame.draw.polygon(surface, theme.flame, flame)
    body = pygame.Rect(0, 0, round(1.7 * r), round(1.1 * r))
    body.midbottom = (round(cx), round(cy + 0.62 * r))
    pygame.draw.rect(surface, theme.pot, body, border_radius=round(0.25 * r))
    pygame.draw.rect(surface, OUTLINE, body, _w(r), border_radius=round(0.25 * r))
    rim = pygame.Rect(0, 0, round(2.0 * r), round(0.28 * r))
    rim.midbottom = (round(cx), body.y + round(0.1 * r))
    pygame.draw.rect(surface, theme.pot_dark, rim, border_radius=round(0.12 * r))
    pygame.draw.rect(surface, OUTLINE, rim, _w(r, 0.07), border_radius=round(0.12 * r))
    for k in (-1, 1):  # steam
        x = cx + k * 0.35 * r
        pygame.draw.arc(
            surface,
            (120, 120, 126),
            (x - 0.2 * r, cy - 1.15 * r, 0.4 * r, 0.6 * r),
            math.pi * 0.5,
            math.pi * 1.5,
            _w(r, 0.1),
        )


def knife_tool(surface, c, r, theme: Theme) -> None:
    """A kitchen knife on a slant: the "chop" step."""
    cx, cy = c
    a = math.radians(-40)
    ux, uy = math.cos(a), math.sin(a)
    px, py = -uy, ux

    def at(u: float, v: float) -> tuple[float, float]:
        return (cx + (u * ux + v * px) * r, cy + (u * uy + v * py) * r)

    blade = [at(-0.15, -0.22), at(1.0, -0.05), at(0.95, 0.12), at(-0.15, 0.22)]
    pygame.draw.polygon(surface, theme.blade, blade)
    pygame.draw.polygon(surface, OUTLINE, blade, _w(r, 0.08))
    handle = [at(-1.0, -0.17), at(-0.15, -0.17), at(-0.15, 0.17), at(-1.0, 0.17)]
    pygame.draw.polygon(surface, (120, 74, 40), handle)
    pygame.draw.polygon(surface, OUTLINE, handle, _w(r, 0.08))
