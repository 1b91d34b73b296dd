"""Food, plate and chef icons, drawn in code with ``pygame.draw``.

Every item is recognisable by shape as well as colour, so the kitchen reads in greyscale
and for colour-blind players: an onion is a round bulb with a sprout, a tomato a round
fruit with a green star on top, lettuce a cluster of leaves, a mushroom a cap on a stem,
a cucumber a long striped pod, bread a loaf. Chopped food is drawn as pieces (rings,
slices, shreds). Icons are drawn at twice the size and smoothed down (anti-aliasing for
free), then cached by ``(key, size)``; the key is :meth:`kitchen.sim.items.Item.describe`.
"""

from __future__ import annotations

import math

import pygame

from kitchen.ui.render.shapes import soft_shadow
from kitchen.ui.render.step_icons import OUTLINE as _OUTLINE
from kitchen.ui.render.step_icons import knife_tool, pot_tool
from kitchen.ui.theme import Colour, Theme, darker, lighter

_SUPERSAMPLE = 2


class Icons:
    """Cached item icons for one theme."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self._cache: dict[tuple[str, int], pygame.Surface] = {}

    def item(self, key: str, size: int) -> pygame.Surface:
        """The icon for an item key (``onion``, ``tomato:chopped``, ``plate[...]``, ...)."""
        size = max(8, int(size))
        cached = self._cache.get((key, size))
        if cached is None:
            big = pygame.Surface((size * _SUPERSAMPLE, size * _SUPERSAMPLE), pygame.SRCALPHA)
            draw_item(big, key, self.theme)
            cached = pygame.transform.smoothscale(big, (size, size))
            self._cache[(key, size)] = cached
        return cached

    def blit_item(
        self, surface: pygame.Surface, key: str, center: tuple[float, float], size: int
    ) -> None:
        """Draw an item icon centred on ``center``."""
        icon = self.item(key, size)
        surface.blit(icon, icon.get_rect(center=(round(center[0]), round(center[1]))))


# --- item drawing ------------------------------------------------------------------------


def draw_item(surface: pygame.Surface, key: str, theme: Theme) -> None:
    """Draw the item ``key`` filling the (square, transparent) ``surface``."""
    s = surface.get_width()
    c = (s / 2, s / 2)
    if key == "plate":
        _plate(surface, c, s * 0.46, theme)
    elif key == "dirty_plate":
        _plate(surface, c, s * 0.46, theme, dirty=True)
    elif key.startswith("plate["):
        _plate(surface, c, s * 0.46, theme)
        parts = key[len("plate[") : -1].split(",") if key.endswith("]") else []
        _on_plate(surface, c, s * 0.46, parts, theme)
    elif key.startswith("soup:"):
        _bowl(surface, c, s * 0.4, theme.food_colour(key), key, theme)
    elif key == "burnt":
        _burnt(surface, c, s * 0.36, theme)
    elif key == "tool:pot":
        pot_tool(surface, c, s * 0.4, theme)
    elif key == "tool:knife":
        knife_tool(surface, c, s * 0.42, theme)
    else:
        name, _, state = key.partition(":")
        _ingredient(surface, name, state == "chopped", c, s * 0.36, theme)


def _ingredient(
    surface: pygame.Surface,
    name: str,
    chopped: bool,
    c: tuple[float, float],
    r: float,
    theme: Theme,
) -> None:
    colour = theme.food_colour(name)
    draw = _CHOPPED.get(name) if chopped else _WHOLE.get(name)
    if draw is None:
        _generic(surface, c, r, colour, chopped)
    else:
        draw(surface, c, r, colour)


def _w(r: float, k: float = 0.09) -> int:
    """An outline width that scales with the icon."""
    return max(2, int(r * k))


def _circle(surface, colour, c, r, outline: Colour | None = _OUTLINE, width_k: float = 0.09):
    pygame.draw.circle(surface, colour, (round(c[0]), round(c[1])), round(r))
    if outline is not None:
        pygame.draw.circle(
            surface, outline, (round(c[0]), round(c[1])), round(r), _w(r * 2, width_k / 2)
        )


def _onion(surface, c, r, col):
    cx, cy = c
    body = pygame.Rect(0, 0, round(2 * r), round(1.9 * r))
    body.center = (round(cx), round(cy + 0.12 * r))
    tip = [(cx - 0.3 * r, cy - 0.62 * r), (cx, cy - 1.12 * r), (cx + 0.3 * r, cy - 0.62 * r)]
    pygame.draw.polygon(surface, col, tip)
    pygame.draw.polygon(surface, _OUTLINE, tip, _w(r))
    pygame.draw.ellipse(surface, col, body)
    for k in (0.45, 0.75):
        inner = body.inflate(-body.width * k, -body.height * 0.12)
        pygame.draw.arc(
            surface, lighter(col, 0.35), inner, math.pi * 0.15, math.pi * 0.85, _w(r, 0.07)
        )
    pygame.draw.ellipse(surface, _OUTLINE, body, _w(r))
    sprout = (60, 150, 60)
    pygame.draw.line(
        surface, sprout, (cx, cy - 1.08 * r), (cx - 0.25 * r, cy - 1.45 * r), _w(r, 0.16)
    )
    pygame.draw.line(
        surface, sprout, (cx, cy - 1.08 * r), (cx + 0.22 * r, cy - 1.5 * r), _w(r, 0.16)
    )
    for dx in (-0.25, 0, 0.25):
        pygame.draw.line(
            surface,
            (226, 210, 170),
            (cx + dx * r, cy + 1.0 * r),
            (cx + dx * 1.6 * r, cy + 1.25 * r),
            _w(r, 0.07),
        )
    pygame.draw.ellipse(
        surface, lighter(col, 0.55), (cx - 0.6 * r, cy - 0.45 * r, 0.35 * r, 0.5 * r)
    )


def _onion_rings(surface, c, r, col):
    cx, cy = c
    for dx, dy in ((-0.45, 0.3), (0.45, 0.3), (0, -0.4)):
        p = (cx + dx * r, cy + dy * r)
        pygame.draw.circle(surface, lighter(col, 0.7), p, 0.55 * r)
        pygame.draw.circle(surface, col, p, 0.55 * r, _w(r, 0.2))
        pygame.draw.circle(surface, col, p, 0.3 * r, _w(r, 0.1))
        pygame.draw.circle(surface, _OUTLINE, p, 0.55 * r, _w(r, 0.06))


def _leaf_star(surface, c, r, colour):
    cx, cy = c
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.4
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    pygame.draw.polygon(surface, colour, pts)
    pygame.draw.polygon(surface, darker(colour, 0.6), pts, max(1, int(r * 0.12)))


def _tomato(surface, c, r, col):
    cx, cy = c
    _circle(surface, col, (cx, cy + 0.08 * r), r)
    pygame.draw.ellipse(
        surface, lighter(col, 0.5), (cx - 0.62 * r, cy - 0.5 * r, 0.38 * r, 0.48 * r)
    )
    _leaf_star(surface, (cx, cy - 0.78 * r), 0.5 * r, (52, 140, 52))
    pygame.draw.line(
        surface, (52, 110, 40), (cx, cy - 0.8 * r), (cx + 0.1 * r, cy - 1.2 * r), _w(r, 0.14)
    )


def _tomato_slices(surface, c, r, col):
    cx, cy = c
    for dx, dy in ((-0.45, 0.3), (0.45, 0.3), (0, -0.42)):
        p = (cx + dx * r, cy + dy * r)
        pygame.draw.circle(surface, col, p, 0.55 * r)
        pygame.draw.circle(surface, lighter(col, 0.45), p, 0.38 * r)
        for a in range(0, 360, 120):
            q = (
                p[0] + 0.2 * r * math.cos(math.radians(a + 30)),
                p[1] + 0.2 * r * math.sin(math.radians(a + 30)),
            )
            pygame.draw.circle(surface, (250, 230, 150), q, 0.07 * r)
        pygame.draw.circle(surface, _OUTLINE, p, 0.55 * r, _w(r, 0.06))


def _lettuce(surface, c, r, col):
    cx, cy = c
    dark, light = darker(col, 0.7), lighter(col, 0.3)
    spots = [(-0.5, 0.1), (0.5, 0.1), (-0.25, -0.45), (0.3, -0.45), (0, 0.45), (0, 0)]
    for i, (dx, dy) in enumerate(spots):
        p = (cx + dx * r, cy + dy * r)
        pygame.draw.circle(surface, light if i % 2 else col, p, 0.55 * r)
        pygame.draw.circle(surface, dark, p, 0.55 * r, _w(r, 0.07))
    for a in (-60, -20, 20, 60, 120, 200):
        end = (cx + 0.55 * r * math.cos(math.radians(a)), cy + 0.55 * r * math.sin(math.radians(a)))
        pygame.draw.line(surface, lighter(col, 0.6), (cx, cy), end, _w(r, 0.06))


def _lettuce_shreds(surface, c, r, col):
    cx, cy = c
    dark, light = darker(col, 0.65), lighter(col, 0.35)
    for i, (dx, dy, a) in enumerate(
        (
            (-0.5, -0.3, 20),
            (0.3, -0.5, -30),
            (0.5, 0.2, 60),
            (-0.3, 0.45, -10),
            (0.05, 0.0, 45),
            (-0.7, 0.2, 80),
        )
    ):
        pts = []
        for j in range(6):
            ang = math.radians(a + j * 60)
            rr = (0.42 if j % 2 == 0 else 0.24) * r
            pts.append((cx + dx * r + rr * math.cos(ang), cy + dy * r + rr * 0.7 * math.sin(ang)))
        pygame.draw.polygon(surface, light if i % 2 else col, pts)
        pygame.draw.polygon(surface, dark, pts, _w(r, 0.06))


def _mushroom_shape(surface, c, r, col, cap_dots: bool = True):
    cx, cy = c
    cap = darker(col, 0.62)
    stem = pygame.Rect(0, 0, round(0.7 * r), round(1.0 * r))
    stem.midtop = (round(cx), round(cy - 0.1 * r))
    pygame.draw.rect(surface, col, stem, border_radius=round(0.25 * r))
    pygame.draw.rect(surface, _OUTLINE, stem, _w(r), border_radius=round(0.25 * r))
    base = cy - 0.2 * r
    cap_pts = [
        (cx + 1.05 * r * math.cos(a), base + 0.85 * r * math.sin(a))
        for a in [math.pi + i * math.pi / 20 for i in range(21)]
    ]
    pygame.draw.polygon(surface, cap, cap_pts)
    pygame.draw.polygon(surface, _OUTLINE, cap_pts, _w(r))
    if cap_dots:
        for dx, dy in ((-0.5, -0.5), (0.2, -0.75), (0.55, -0.4)):
            pygame.draw.circle(surface, (246, 238, 226), (cx + dx * r, cy + dy * r), 0.14 * r)


def _mushroom(surface, c, r, col):
    _mushroom_shape(surface, (c[0], c[1] + 0.25 * r), r, col)


def _mushroom_slices(surface, c, r, col):
    cx, cy = c
    for dx, dy in ((-0.45, 0.35), (0.45, 0.35), (0, -0.35)):
        _mushroom_shape(
            surface, (cx + dx * r, cy + dy * r + 0.15 * r), 0.45 * r, col, cap_dots=False
        )


def _cucumber(surface, c, r, col):
    cx, cy = c
    ang = math.radians(-35)
    pts = []
    for i in range(36):
        t = i / 36 * 2 * math.pi
        x, y = 1.1 * r * math.cos(t), 0.42 * r * math.sin(t)
        pts.append(
            (cx + x * math.cos(ang) - y * math.sin(ang), cy + x * math.sin(ang) + y * math.cos(ang))
        )
    pygame.draw.polygon(surface, col, pts)
    for k in (-0.18, 0.0, 0.18):
        a = (-0.7 * r, k * r)
        b = (0.7 * r, k * r)
        pa = (
            cx + a[0] * math.cos(ang) - a[1] * math.sin(ang),
            cy + a[0] * math.sin(ang) + a[1] * math.cos(ang),
        )
        pb = (
            cx + b[0] * math.cos(ang) - b[1] * math.sin(ang),
            cy + b[0] * math.sin(ang) + b[1] * math.cos(ang),
        )
        pygame.draw.line(surface, lighter(col, 0.35), pa, pb, _w(r, 0.07))
    pygame.draw.polygon(surface, _OUTLINE, pts, _w(r))


def _cucumber_slices(surface, c, r, col):
    cx, cy = c
    for dx, dy in ((-0.45, 0.3), (0.45, 0.3), (0, -0.42)):
        p = (cx + dx * r, cy + dy * r)
        pygame.draw.circle(surface, col, p, 0.52 * r)
        pygame.draw.circle(surface, (200, 232, 170), p, 0.4 * r)
        for a in range(0, 360, 72):
            q = (
                p[0] + 0.18 * r * math.cos(math.radians(a)),
                p[1] + 0.18 * r * math.sin(math.radians(a)),
            )
            pygame.draw.circle(surface, (150, 190, 120), q, 0.06 * r)
        pygame.draw.circle(surface, _OUTLINE, p, 0.52 * r, _w(r, 0.06))


def _bread(surface, c, r, col):
    cx, cy = c
    loaf = pygame.Rect(0, 0, round(2.1 * r), round(1.45 * r))
    loaf.center = (round(cx), round(cy + 0.1 * r))
    pygame.draw.rect(surface, col, loaf, border_radius=round(0.55 * r))
    top = loaf.inflate(-0.1 * r, -0.75 * r)
    top.top = loaf.top + round(0.05 * r)
    pygame.draw.rect(surface, darker(col, 0.82), top, border_radius=round(0.3 * r))
    for k in (-0.5, 0, 0.5):
        pygame.draw.line(
            surface,
            lighter(col, 0.45),
            (cx + (k - 0.15) * r, cy - 0.3 * r),
            (cx + (k + 0.15) * r, cy + 0.05 * r),
            _w(r, 0.12),
        )
    pygame.draw.rect(surface, _OUTLINE, loaf, _w(r), border_radius=round(0.55 * r))


def _generic(surface, c, r, col, chopped):
    if chopped:
        for dx, dy in ((-0.45, 0.3), (0.45, 0.3), (0, -0.42)):
            _circle(surface, col, (c[0] + dx * r, c[1] + dy * r), 0.45 * r)
    else:
        _circle(surface, col, c, r)


_WHOLE = {
    "onion": _onion,
    "tomato": _tomato,
    "lettuce": _lettuce,
    "mushroom": _mushroom,
    "cucumber": _cucumber,
    "bread": _bread,
}
_CHOPPED = {
    "onion": _onion_rings,
    "tomato": _tomato_slices,
    "lettuce": _lettuce_shreds,
    "mushroom": _mushroom_slices,
    "cucumber": _cucumber_slices,
    "bread": _bread,
}


def _plate(surface, c, r, theme: Theme, dirty: bool = False):
    cx, cy = c
    pygame.draw.circle(surface, (0, 0, 0, 60), (cx + 0.04 * r, cy + 0.07 * r), r)
    pygame.draw.circle(surface, theme.plate_rim, c, r)
    pygame.draw.circle(surface, theme.plate, c, r * 0.97)
    pygame.draw.circle(surface, theme.plate_rim, c, r * 0.72, _w(r, 0.04))
    pygame.draw.circle(surface, (120, 120, 126), c, r, _w(r, 0.05))
    if dirty:
        for dx, dy, k in (
            (-0.35, -0.2, 0.28),
            (0.3, 0.25, 0.22),
            (0.1, -0.45, 0.16),
            (-0.1, 0.4, 0.14),
        ):
            pygame.draw.circle(surface, theme.dirt, (cx + dx * r, cy + dy * r), k * r)
        pygame.draw.line(
            surface,
            darker(theme.dirt, 0.7),
            (cx - 0.5 * r, cy + 0.1 * r),
            (cx + 0.2 * r, cy - 0.1 * r),
            _w(r, 0.06),
        )


def _on_plate(surface, c, r, parts: list[str], theme: Theme) -> None:
    cx, cy = c
    soups = [p for p in parts if p.startswith("soup:")]
    others = [p for p in parts if not p.startswith("soup:")]
    if soups:
        key = soups[0]
        colour = theme.food_colour(key)
        pygame.draw.circle(surface, colour, c, 0.66 * r)
        pygame.draw.circle(surface, darker(colour, 0.75), c, 0.66 * r, _w(r, 0.05))
        pygame.draw.circle(surface, lighter(colour, 0.35), (cx - 0.22 * r, cy - 0.22 * r), 0.16 * r)
        _soup_bits(surface, c, 0.5 * r, key, theme)
    n = len(others)
    if not n:
        return
    spots = {
        1: [(0, 0)],
        2: [(-0.33, 0.05), (0.33, -0.05)],
        3: [(-0.35, 0.2), (0.35, 0.2), (0, -0.33)],
    }
    places = spots.get(n) or [
        (0.4 * math.cos(2 * math.pi * i / n), 0.4 * math.sin(2 * math.pi * i / n)) for i in range(n)
    ]
    scale = 0.72 if n == 1 else 0.5
    if soups:
        places = [(0.55 * math.cos(a), 0.55 * math.sin(a)) for a in (0.8, 2.4, 4.0, 5.6)[:n]]
        scale = 0.36
    for key, (dx, dy) in zip(others, places, strict=False):
        name, _, state = key.partition(":")
        _ingredient(surface, name, state == "chopped", (cx + dx * r, cy + dy * r), scale * r, theme)


def _soup_bits(surface, c, r, key: str, theme: Theme) -> None:
    names = key[len("soup:") :].split("+")
    for i, name in enumerate(names):
        a = 2 * math.pi * i / max(1, len(names)) + 0.6
        colour = theme.food_colour(name.split(":")[0])
        p = (c[0] + 0.55 * r * math.cos(a), c[1] + 0.55 * r * math.sin(a))
        pygame.draw.circle(surface, colour, p, 0.2 * r)
        pygame.draw.circle(surface, darker(colour, 0.6), p, 0.2 * r, max(1, int(r * 0.05)))


def _bowl(surface, c, r, colour: Colour, key: str, theme: Theme) -> None:
    cx, cy = c
    body = [(cx - r, cy - 0.1 * r)] + [
        (cx + r * math.cos(a), cy - 0.1 * r + 0.95 * r * math.sin(a))
        for a in [i * math.pi / 16 for i in range(17)]
    ]
    pygame.draw.polygon(surface, theme.plate, body)
    pygame.draw.polygon(surface, (110, 110, 116), body, _w(r))
    top = pygame.Rect(cx - r, cy - 0.4 * r, 2 * r, 0.6 * r)
    pygame.draw.ellipse(surface, theme.plate_rim, top)
    pygame.draw.ellipse(surface, colour, top.inflate(-0.16 * r, -0.12 * r))
    pygame.draw.ellipse(surface, (110, 110, 116), top, _w(r, 0.06))
    pygame.draw.rect(surface, theme.plate_rim, (cx - 0.35 * r, cy + 0.85 * r, 0.7 * r, 0.15 * r))
    for i, name in enumerate(key[len("soup:") :].split("+")[:3]):
        bit = theme.food_colour(name.split(":")[0])
        pygame.draw.circle(surface, bit, (cx + (i - 1) * 0.45 * r, cy - 0.12 * r), 0.1 * r)


def _burnt(surface, c, r, theme: Theme) -> None:
    cx, cy = c
    col = theme.food_colour("burnt")
    for dx, dy, k in ((-0.45, 0.25, 0.55), (0.4, 0.3, 0.6), (0, -0.05, 0.7), (0.05, 0.45, 0.5)):
        pygame.draw.circle(surface, col, (cx + dx * r, cy + dy * r), k * r)
    for dx, dy in ((-0.3, 0.0), (0.3, 0.35)):
        pygame.draw.circle(surface, (90, 40, 20), (cx + dx * r, cy + dy * r), 0.12 * r)
    smoke = (140, 140, 140)
    for i, dx in enumerate((-0.35, 0.1, 0.5)):
        rect = pygame.Rect(cx + dx * r - 0.2 * r, cy - 1.25 * r + i * 0.08 * r, 0.4 * r, 0.6 * r)
        pygame.draw.arc(surface, smoke, rect, math.pi * 0.5, math.pi * 1.5, _w(r, 0.12))


# --- other shapes --------------------------------------------------------------------------


def star_points(center: tuple[float, float], r: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star."""
    cx, cy = center
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.45
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def draw_star(
    surface: pygame.Surface,
    center: tuple[float, float],
    r: float,
    fill: Colour,
    outline: Colour,
    filled: bool = True,
) -> None:
    """A five-pointed star; an unearned star is drawn as an outline."""
    pts = star_points(center, r)
    if filled:
        pygame.draw.polygon(surface, fill, pts)
    pygame.draw.polygon(surface, outline, pts, max(2, int(r * 0.12)))


def draw_chef_body(
    surface: pygame.Surface,
    center: tuple[float, float],
    r: float,
    colour: Colour,
    squash: float = 0.0,
) -> None:
    """A chef seen from above and in front: a round body in the player's colour, a white
    chef's hat on top. ``squash`` (0..1) flattens and widens the chef (a pick-up's bounce);
    the feet stay where they are."""
    cx, cy = center
    sx, sy = 1 + 0.2 * squash, 1 - 0.24 * squash
    cy += r * (1 - sy)  # keep the feet on the floor
    surface.blit(soft_shadow((round(2 * r * sx), round(0.7 * r))), (cx - r * sx, cy + 0.6 * r))
    body = pygame.Rect(0, 0, round(2 * r * sx), round(2 * r * sy))
    body.center = (round(cx), round(cy))
    pygame.draw.ellipse(surface, colour, body)
    pygame.draw.circle(
        surface, lighter(colour, 0.35), (cx - 0.35 * r * sx, cy - 0.35 * r * sy), 0.3 * r
    )
    pygame.draw.ellipse(surface, _OUTLINE, body, max(3, int(r * 0.09)))
    hat = (252, 252, 250)
    band = pygame.Rect(cx - 0.55 * r * sx, cy - 1.2 * r * sy, 1.1 * r * sx, 0.42 * r * sy)
    puffs = ((-0.42, -1.45, 0.4), (0.42, -1.45, 0.4), (0, -1.65, 0.48))
    for dx, dy, k in puffs:
        pygame.draw.circle(surface, hat, (cx + dx * r * sx, cy + dy * r * sy), k * r)
        pygame.draw.circle(
            surface, _OUTLINE, (cx + dx * r * sx, cy + dy * r * sy), k * r, max(2, int(r * 0.06))
        )
    for dx, dy, k in puffs:
        pygame.draw.circle(surface, hat, (cx + dx * r * sx, cy + dy * r * sy), (k - 0.06) * r)
    pygame.draw.rect(surface, hat, band)
    pygame.draw.rect(surface, _OUTLINE, band, max(2, int(r * 0.06)))
