"""Small drawing helpers shared by the renderers: panels, progress bars, badges."""

from __future__ import annotations

from functools import lru_cache

import pygame

from kitchen.ui.theme import Colour, Theme


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: Colour,
    edge: Colour,
    radius: int = 18,
    width: int = 4,
) -> None:
    """A rounded panel with an edge."""
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if width:
        pygame.draw.rect(surface, edge, rect, width, border_radius=radius)


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fraction: float,
    colour: Colour,
    theme: Theme,
    border: Colour = (20, 14, 10),
) -> None:
    """A progress bar ``fraction`` (0..1) full, with a dark back and a border."""
    fraction = max(0.0, min(1.0, fraction))
    radius = max(2, rect.height // 3)
    pygame.draw.rect(surface, theme.bar_back, rect, border_radius=radius)
    if fraction > 0:
        inner = rect.inflate(-6, -6)
        inner.width = max(2, round(inner.width * fraction))
        pygame.draw.rect(surface, colour, inner, border_radius=max(1, radius - 2))
    pygame.draw.rect(surface, border, rect, 3, border_radius=radius)


def badge(
    surface: pygame.Surface,
    center: tuple[int, int],
    radius: int,
    fill: Colour,
    outline: Colour = (20, 14, 10),
) -> None:
    """A filled circle with an outline, for symbols such as ``!`` or a tick."""
    pygame.draw.circle(surface, fill, center, radius)
    pygame.draw.circle(surface, outline, center, radius, max(2, radius // 6))


def exclamation(
    surface: pygame.Surface, center: tuple[int, int], size: int, colour: Colour
) -> None:
    """An exclamation mark drawn with shapes (no font needed)."""
    cx, cy = center
    w = max(3, size // 5)
    pygame.draw.rect(
        surface, colour, (cx - w // 2, cy - size * 0.5, w, size * 0.62), border_radius=w // 2
    )
    pygame.draw.circle(surface, colour, (cx, cy + size * 0.38), w * 0.65)


@lru_cache(maxsize=64)
def soft_shadow(size: tuple[int, int]) -> pygame.Surface:
    """A see-through dark ellipse of ``size``, as under a chef (drawn once per size and
    shared: blit it, never draw on it)."""
    shadow = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.ellipse(shadow, (0, 0, 0, 70), shadow.get_rect())
    return shadow
