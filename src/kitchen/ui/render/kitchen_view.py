"""Drawing the kitchen: the map, the stations and what is on them, and the chefs.

The parts that do not change from frame to frame (floor, walls, counters, the bodies of the
stations) are drawn once into a cached background; a layout change rebuilds it. Chef
positions are interpolated between the previous and the current tick so motion is smooth
at any frame rate. Every station has its own shape as well as its colour, so the kitchen
reads in greyscale.
"""

from __future__ import annotations

import math

import pygame

from kitchen.sim import TICKS_PER_SECOND, UNIT, Round
from kitchen.sim.items import Item
from kitchen.sim.spec import KitchenSpec, Tile
from kitchen.sim.stations import Board, Counter, Crate, DirtyReturn, PlateStack, Sink, Stove
from kitchen.ui.render.icons import Icons, draw_chef_body
from kitchen.ui.render.shapes import badge, bar, exclamation
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme, darker, lighter, readable_on

MAX_CELL = 150
"""Largest cell size in logical pixels (small maps do not get comically large)."""

BLINKS_PER_SECOND = 2
"""Warnings flash at most this often: well under the 3 flashes a second that
photosensitivity guidance (WCAG 2.3.1) sets as the limit, and the same at any frame rate."""


def pot_warning(rnd: Round, stove: Stove) -> bool:
    """True while a cooked pot is in its burn-warning window (it will burn soon)."""
    burn = rnd.spec.burn_ticks
    return (
        stove.state == "ready"
        and burn is not None
        and stove.timer >= burn - rnd.spec.burn_warning_ticks
    )


class KitchenView:
    """Draws one kitchen into a rectangle of the logical screen, whole: the tiles are scaled
    so the map fits ``area`` and it is centred there.

    Args:
        spec: the kitchen.
        area: where on the logical surface to draw it.
        theme, icons, text: drawing resources.
    """

    def __init__(
        self, spec: KitchenSpec, area: pygame.Rect, theme: Theme, icons: Icons, text: TextCache
    ) -> None:
        self.spec = spec
        self.theme = theme
        self.icons = icons
        self.text = text
        # Tiles shrink to fit the area (never a fixed minimum, which would crop a large map);
        # validation keeps every playable map's tiles readable in play.
        self.cell = max(1, min(MAX_CELL, area.width // spec.width, area.height // spec.height))
        width, height = self.cell * spec.width, self.cell * spec.height
        self.origin = (area.centerx - width // 2, area.centery - height // 2)
        self.rect = pygame.Rect(self.origin, (width, height))
        self._background: pygame.Surface | None = None
        self._layout_key: tuple | None = None
        self._dark: pygame.Surface | None = None
        self.frame = 0
        self.seconds = 0.0
        """Animation clock: simulation time (ticks plus the interpolation fraction), so
        blinking and steam run at the same speed at any frame rate and stop in a pause."""

    # --- geometry --------------------------------------------------------------------

    def cell_rect(self, tile: Tile) -> pygame.Rect:
        """The screen rectangle of a map cell."""
        return pygame.Rect(
            self.origin[0] + tile[0] * self.cell,
            self.origin[1] + tile[1] * self.cell,
            self.cell,
            self.cell,
        )

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """Sub-tile units to logical screen pixels."""
        return (self.origin[0] + x * self.cell / UNIT, self.origin[1] + y * self.cell / UNIT)

    # --- the static layer ------------------------------------------------------------

    def _layout(self, rnd: Round | None) -> tuple:
        return (None,) if rnd is None else (id(rnd), rnd.layout_version)

    def background(self, rnd: Round | None = None) -> pygame.Surface:
        """The cached static layer (rebuilt if the layout changed)."""
        key = self._layout(rnd)
        if self._background is None or key != self._layout_key:
            self._background = self._draw_background(rnd)
            self._layout_key = key
        return self._background

    def _draw_background(self, rnd: Round | None) -> pygame.Surface:
        surf = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        t, c = self.theme, self.cell
        stations = (
            {tile: s.kind for tile, s in rnd.stations.items()}
            if rnd
            else {tile: s.kind for tile, s in self.spec.stations.items()}
        )
        crates = {tile: s.ingredient for tile, s in self.spec.stations.items() if s.kind == "crate"}
        solid = (
            (lambda x, y: rnd.mover.is_solid(x, y))
            if rnd
            else (lambda x, y: (x, y) in self.spec.solid)
        )
        for y in range(self.spec.height):
            for x in range(self.spec.width):
                r = pygame.Rect(x * c, y * c, c, c)
                if not solid(x, y):
                    pygame.draw.rect(surf, t.floor_a if (x + y) % 2 == 0 else t.floor_b, r)
                    pygame.draw.rect(surf, t.floor_line, r, 1)
        self._zones(surf)
        for y in range(self.spec.height):
            for x in range(self.spec.width):
                if not solid(x, y):
                    continue
                r = pygame.Rect(x * c, y * c, c, c)
                kind = stations.get((x, y))
                if kind is None:
                    self._block(surf, r, t.wall_top, t.wall_front)
                else:
                    self._station_body(surf, r, kind, crates.get((x, y)))
        return surf

    ZONE_TINTS = ((70, 130, 220, 46), (230, 120, 40, 46), (60, 170, 90, 46), (190, 80, 190, 46))

    def _zones(self, surf: pygame.Surface) -> None:
        """Tint each zone's floor, outline where zones meet, and name each zone."""
        zones = self.spec.zones
        if not zones:
            return
        c = self.cell
        names = sorted(set(zones.values()))
        tint = {name: self.ZONE_TINTS[i % len(self.ZONE_TINTS)] for i, name in enumerate(names)}
        layer = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
        for (x, y), name in zones.items():
            layer.fill(tint[name], pygame.Rect(x * c, y * c, c, c))
        surf.blit(layer, (0, 0))
        edge = max(3, c // 25)
        for (x, y), name in zones.items():
            for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1)):
                if zones.get((x + dx, y + dy)) != name:
                    x0, y0 = x * c + (c if dx == 1 else 0), y * c + (c if dy == 1 else 0)
                    x1, y1 = x0 + (0 if dx else c), y0 + (0 if dy else c)
                    pygame.draw.line(surf, tint[name][:3], (x0, y0), (x1, y1), edge)
        for name in names:
            first = min(
                (cell for cell, zone in zones.items() if zone == name), key=lambda t: (t[1], t[0])
            )
            self.text.draw(
                surf,
                name.upper(),
                max(24, c // 4),
                tint[name][:3],
                (first[0] * c + 8, first[1] * c + 6),
            )

    def _block(self, surf: pygame.Surface, r: pygame.Rect, top: tuple, front: tuple) -> pygame.Rect:
        """A block seen from above and slightly in front: a top face and a darker front edge."""
        edge = max(6, r.height // 7)
        pygame.draw.rect(surf, front, r)
        top_rect = pygame.Rect(r.x, r.y, r.width, r.height - edge)
        pygame.draw.rect(surf, top, top_rect)
        pygame.draw.rect(surf, darker(front, 0.7), r, 2)
        return top_rect

    def _station_body(
        self, surf: pygame.Surface, r: pygame.Rect, kind: str, ingredient: str | None
    ) -> None:
        t, c = self.theme, self.cell
        top = self._block(surf, r, t.counter_top, t.counter_front)
        inner = top.inflate(-c * 0.14, -c * 0.14)
        w = max(2, c // 30)
        if kind == "crate":
            pygame.draw.rect(surf, t.crate, inner, border_radius=c // 14)
            for k in range(1, 3):  # slats
                yy = inner.y + inner.height * k / 3
                pygame.draw.line(surf, t.crate_dark, (inner.x, yy), (inner.right, yy), w)
            pygame.draw.rect(surf, t.crate_dark, inner, w + 1, border_radius=c // 14)
            if ingredient:
                self.icons.blit_item(surf, ingredient, inner.center, int(c * 0.58))
        elif kind == "stove":
            pygame.draw.rect(surf, t.stove_top, inner, border_radius=c // 10)
            pygame.draw.circle(surf, t.burner, inner.center, inner.width * 0.38)
            pygame.draw.circle(surf, t.flame, inner.center, inner.width * 0.38, w)
        elif kind == "board":
            board = inner.inflate(-c * 0.06, -c * 0.2)
            pygame.draw.rect(surf, t.board, board, border_radius=c // 12)
            pygame.draw.rect(surf, t.board_dark, board, w + 1, border_radius=c // 12)
            kx, ky = board.right - c * 0.12, board.y + c * 0.1  # a knife across the corner
            pygame.draw.line(surf, t.blade, (kx, ky), (kx - c * 0.3, ky + c * 0.3), max(4, c // 14))
        elif kind == "plates":
            for k in range(3):
                pygame.draw.ellipse(
                    surf,
                    t.plate_rim,
                    inner.inflate(-c * 0.1, -c * 0.35).move(0, c * 0.08 - k * c * 0.07),
                )
                pygame.draw.ellipse(
                    surf,
                    t.plate,
                    inner.inflate(-c * 0.16, -c * 0.4).move(0, c * 0.08 - k * c * 0.07),
                )
        elif kind == "serve":
            pygame.draw.rect(surf, t.serve, top, border_radius=0)
            pygame.draw.rect(surf, t.serve_dark, top, w + 2)
            cx, cy = top.center  # an arrow out of the kitchen, and a bell
            pygame.draw.polygon(
                surf,
                lighter(t.serve, 0.5),
                [
                    (cx - c * 0.25, cy - c * 0.12),
                    (cx + c * 0.05, cy - c * 0.12),
                    (cx + c * 0.05, cy - c * 0.25),
                    (cx + c * 0.3, cy),
                    (cx + c * 0.05, cy + c * 0.25),
                    (cx + c * 0.05, cy + c * 0.12),
                    (cx - c * 0.25, cy + c * 0.12),
                ],
            )
        elif kind == "bin":
            body = inner.inflate(-c * 0.16, -c * 0.06)
            pygame.draw.rect(surf, t.bin_body, body, border_radius=c // 12)
            pygame.draw.rect(
                surf,
                t.bin_dark,
                (body.x - c * 0.04, body.y, body.width + c * 0.08, c * 0.12),
                border_radius=c // 20,
            )
            for k in range(1, 3):
                xx = body.x + body.width * k / 3
                pygame.draw.line(
                    surf, t.bin_dark, (xx, body.y + c * 0.18), (xx, body.bottom - c * 0.08), w
                )
        elif kind == "sink":
            basin = inner.inflate(-c * 0.06, -c * 0.12)
            pygame.draw.rect(surf, t.sink_dark, basin, border_radius=c // 8)
            pygame.draw.rect(surf, t.sink, basin.inflate(-c * 0.1, -c * 0.1), border_radius=c // 10)
            pygame.draw.circle(surf, t.blade, (basin.centerx, basin.y + c * 0.06), c * 0.07)
        elif kind == "dirty_return":
            hatch = inner.inflate(-c * 0.04, -c * 0.04)
            pygame.draw.rect(surf, t.wall_front, hatch, border_radius=c // 14)
            for k in range(4):  # hazard stripes
                x0 = hatch.x + k * hatch.width / 4
                pygame.draw.line(
                    surf, t.dirt, (x0, hatch.bottom - 2), (x0 + hatch.width / 4, hatch.y + 2), w + 2
                )

    # --- the live layer ---------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        rnd: Round,
        previous: dict[int, tuple[int, int]] | None = None,
        fraction: float = 1.0,
        bubbles: dict[int, str] | None = None,
    ) -> None:
        """Draw the kitchen and the chefs (positions interpolated from ``previous``)."""
        self.frame += 1
        self.seconds = (rnd.tick + fraction) / TICKS_PER_SECOND
        surface.blit(self.background(rnd), self.origin)
        for tile, station in rnd.stations.items():
            self._station_state(surface, rnd, tile, station)
        chefs = sorted(rnd.chefs.values(), key=lambda ch: ch.y)
        for chef in chefs:
            if chef.status == "away":
                continue
            x, y = chef.x, chef.y
            if previous and chef.player in previous:
                px, py = previous[chef.player]
                if abs(px - x) + abs(py - y) < UNIT * 2:  # not a teleport
                    x, y = px + (x - px) * fraction, py + (y - py) * fraction
            self._chef(surface, chef, self.to_screen(x, y), (bubbles or {}).get(chef.player))
        if rnd.darkness:
            self._darkness(surface, rnd, previous, fraction)

    def _station_state(self, surface: pygame.Surface, rnd: Round, tile: Tile, station) -> None:
        r = self.cell_rect(tile)
        t, c = self.theme, self.cell
        top_center = (r.centerx, r.y + (c - max(6, c // 7)) / 2)
        if isinstance(station, Counter) and station.item is not None:
            self._item(surface, station.item, top_center, int(c * 0.72))
        if isinstance(station, Board) and station.progress and station.item is not None:
            bar(
                surface,
                pygame.Rect(r.x + c * 0.1, r.y + c * 0.04, c * 0.8, c * 0.13),
                station.progress / rnd.spec.chop_ticks,
                t.progress,
                t,
            )
        elif isinstance(station, Stove):
            self._pot(surface, rnd, station, r, top_center)
        elif isinstance(station, PlateStack) and station.finite:
            n = len(station.plates)
            self.text.draw(
                surface,
                str(n),
                int(c * 0.32),
                t.text_dark if n else t.danger,
                (r.right - c * 0.12, r.bottom - c * 0.2),
                "center",
            )
        elif isinstance(station, Sink):
            if station.dirty:
                self._item(surface, station.dirty[-1], top_center, int(c * 0.6))
                self.text.draw(
                    surface,
                    str(len(station.dirty)),
                    int(c * 0.28),
                    t.text,
                    (r.x + c * 0.16, r.y + c * 0.2),
                    "center",
                    shadow=t.text_dark,
                )
            elif station.clean:
                self._item(surface, station.clean[-1], top_center, int(c * 0.6))
            if station.progress:
                bar(
                    surface,
                    pygame.Rect(r.x + c * 0.1, r.y + c * 0.04, c * 0.8, c * 0.13),
                    station.progress / rnd.spec.wash_ticks,
                    t.sink,
                    t,
                )
        elif isinstance(station, DirtyReturn) and station.plates:
            self._item(surface, station.plates[-1], top_center, int(c * 0.6))
            self.text.draw(
                surface,
                str(len(station.plates)),
                int(c * 0.3),
                t.text,
                (r.right - c * 0.16, r.y + c * 0.2),
                "center",
                shadow=t.text_dark,
            )
        elif isinstance(station, Crate) and station.empty:
            veil = pygame.Surface(r.size, pygame.SRCALPHA)
            veil.fill((20, 16, 14, 170))
            surface.blit(veil, r)
            pygame.draw.line(
                surface,
                t.danger,
                (r.x + c * 0.2, r.y + c * 0.2),
                (r.right - c * 0.2, r.bottom - c * 0.25),
                max(4, c // 12),
            )
            self.text.draw(
                surface, "EMPTY", int(c * 0.22), t.text, (r.centerx, r.bottom - c * 0.14), "center"
            )
        if station.broken is not None:
            self._broken(surface, rnd, station, r)

    def _pot(
        self,
        surface: pygame.Surface,
        rnd: Round,
        stove: Stove,
        r: pygame.Rect,
        center: tuple[float, float],
    ) -> None:
        t, c = self.theme, self.cell
        pot_r = c * 0.34
        pygame.draw.circle(surface, t.pot_dark, center, pot_r + c * 0.04)
        pygame.draw.circle(surface, t.pot, center, pot_r)
        if stove.contents:
            fill = t.food_colour("burnt" if stove.state == "burnt" else stove.soup_key)
            level = pot_r * (0.55 + 0.35 * min(1.0, len(stove.contents) / 3))
            pygame.draw.circle(surface, fill, center, level)
            if stove.state in ("idle", "cooking"):  # show what is in it
                for i, item in enumerate(stove.contents[:4]):
                    angle = -math.pi / 2 + i * math.pi / 2
                    self.icons.blit_item(
                        surface,
                        item.component,
                        (
                            center[0] + math.cos(angle) * pot_r * 0.45,
                            center[1] + math.sin(angle) * pot_r * 0.45,
                        ),
                        int(c * 0.3),
                    )
        bar_rect = pygame.Rect(r.x + c * 0.1, r.y + c * 0.02, c * 0.8, c * 0.13)
        if stove.state == "cooking":
            bar(surface, bar_rect, stove.progress, t.progress, t)
            if stove.broken is None:  # steam rising inside the rim (clear of the bar)
                rise = (self.seconds * 1.5) % 1.0
                for k, dx in enumerate((-0.14, 0.12)):
                    phase = (rise + k * 0.5) % 1.0
                    puff = (center[0] + dx * c, center[1] - pot_r * (0.2 + 0.55 * phase))
                    pygame.draw.circle(
                        surface, (255, 255, 255), puff, c * (0.035 + 0.03 * phase), 2
                    )
        elif stove.state == "ready":
            burn = rnd.spec.burn_ticks
            if burn is None:
                badge(
                    surface, (int(r.right - c * 0.16), int(r.y + c * 0.16)), int(c * 0.13), t.ready
                )
            else:
                left = 1 - stove.timer / burn
                warn = pot_warning(rnd, stove)
                bar(surface, bar_rect, left, t.warning if warn else t.ready, t)
                if warn:  # a steady ring, so the pot stands out even between blinks
                    pygame.draw.circle(surface, t.warning, center, pot_r + c * 0.1, max(3, c // 28))
                if warn and self._blink(BLINKS_PER_SECOND):
                    pygame.draw.circle(surface, t.warning, center, pot_r + c * 0.1, max(4, c // 16))
                    badge(
                        surface,
                        (int(r.right - c * 0.16), int(r.y + c * 0.22)),
                        int(c * 0.16),
                        t.warning,
                    )
                    exclamation(
                        surface,
                        (int(r.right - c * 0.16), int(r.y + c * 0.22)),
                        int(c * 0.2),
                        t.text,
                    )
        elif stove.state == "burnt":
            for k in range(3):  # smoke
                pygame.draw.circle(
                    surface,
                    (60, 56, 54),
                    (
                        center[0] - c * 0.15 + k * c * 0.15,
                        center[1] - pot_r - (int(self.seconds * 12) + k * 4) % 12,
                    ),
                    c * 0.07,
                )

    def _broken(self, surface: pygame.Surface, rnd: Round, station, r: pygame.Rect) -> None:
        t, c = self.theme, self.cell
        veil = pygame.Surface(r.size, pygame.SRCALPHA)
        veil.fill((30, 20, 20, 120))
        surface.blit(veil, r)
        stripe = max(5, c // 10)
        for k in range(-1, 3):  # hazard tape
            x0 = r.x + k * c * 0.4
            pygame.draw.line(surface, (250, 210, 40), (x0, r.bottom), (x0 + c * 0.6, r.y), stripe)
        pygame.draw.rect(surface, t.warning, r, max(4, c // 18))
        # a wrench
        cx, cy = r.center
        pygame.draw.line(
            surface,
            (230, 230, 235),
            (cx - c * 0.22, cy + c * 0.22),
            (cx + c * 0.12, cy - c * 0.12),
            max(6, c // 10),
        )
        pygame.draw.circle(
            surface, (230, 230, 235), (cx + c * 0.16, cy - c * 0.16), c * 0.12, max(4, c // 16)
        )
        active = rnd.disruptions.by_id(station.broken)
        if active is not None and station.repair:
            bar(
                surface,
                pygame.Rect(r.x + c * 0.1, r.bottom - c * 0.17, c * 0.8, c * 0.13),
                station.repair / active.spec.repair_ticks,
                (80, 150, 255),
                t,
            )

    def _blink(self, per_second: float) -> bool:
        """On for the first half of each of ``per_second`` cycles a second."""
        return int(self.seconds * per_second * 2) % 2 == 0

    def _item(
        self, surface: pygame.Surface, item: Item, center: tuple[float, float], size: int
    ) -> None:
        self.icons.blit_item(surface, item.describe(), center, size)

    def _chef(
        self, surface: pygame.Surface, chef, pos: tuple[float, float], bubble: str | None
    ) -> None:
        t, c = self.theme, self.cell
        colour = t.player(chef.player)
        radius = c * 0.34
        frozen = chef.status == "frozen"
        body_colour = (150, 150, 150) if frozen else colour
        draw_chef_body(surface, (pos[0], pos[1] + c * 0.06), radius, body_colour)
        # facing: a small pointer on the body's edge
        fx, fy = chef.facing
        tip = (pos[0] + fx * radius * 1.15, pos[1] + c * 0.06 + fy * radius * 1.15)
        pygame.draw.circle(surface, darker(colour, 0.6), tip, max(4, c // 16))
        self.text.draw(
            surface,
            str(chef.player),
            int(c * 0.44),
            readable_on(body_colour),
            (pos[0], pos[1] + c * 0.07),
            "center",
        )
        if chef.held is not None:
            # Held out in front, just clear of the number (carried items never hide who
            # is carrying them); facing away, the item is held up over the hat.
            size = int(c * 0.54)
            reach = radius + c * (0.17 if fx else 0.15)
            hold = (pos[0] + fx * reach, pos[1] + c * 0.07 + fy * reach)
            self._item(surface, chef.held, hold, size)
        if frozen:
            self.text.draw(
                surface,
                "CALLED AWAY",
                int(c * 0.2),
                t.text,
                (pos[0], pos[1] - c * 0.62),
                "center",
                shadow=t.text_dark,
            )
        if bubble:
            self._bubble(surface, bubble, (pos[0], pos[1] - c * 0.75), colour)

    def _bubble(
        self, surface: pygame.Surface, label: str, anchor: tuple[float, float], colour: tuple
    ) -> None:
        t = self.theme
        size = max(28, int(self.cell * 0.26))
        w, h = self.text.size(label, size)
        rect = pygame.Rect(0, 0, w + size, h + size * 0.4)
        rect.midbottom = (round(anchor[0]), round(anchor[1]))
        rect.clamp_ip(self.rect.inflate(self.cell, self.cell))
        pygame.draw.polygon(
            surface,
            t.ticket,
            [
                (rect.centerx - 10, rect.bottom - 2),
                (rect.centerx + 10, rect.bottom - 2),
                (anchor[0], anchor[1] + 14),
            ],
        )
        pygame.draw.rect(surface, t.ticket, rect, border_radius=size // 2)
        pygame.draw.rect(surface, colour, rect, 4, border_radius=size // 2)
        self.text.draw(surface, label, size, t.text_dark, rect.center, "center")

    def _darkness(self, surface: pygame.Surface, rnd: Round, previous, fraction: float) -> None:
        if self._dark is None or self._dark.get_size() != self.rect.size:
            self._dark = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        dark = self._dark
        dark.fill((6, 6, 14, 236))
        lights: list[tuple[float, float]] = []
        if rnd.darkness == "stoves":
            lights = [
                self.cell_rect(tile).center for tile, s in rnd.stations.items() if s.kind == "stove"
            ]
        else:
            lights = [
                self.to_screen(ch.x, ch.y) for ch in rnd.chefs.values() if ch.status != "away"
            ]
        radius = self.cell * 1.6
        for lx, ly in lights:
            for k, alpha in ((1.0, 150), (0.75, 80), (0.5, 0)):
                pygame.draw.circle(
                    dark, (6, 6, 14, alpha), (lx - self.origin[0], ly - self.origin[1]), radius * k
                )
        surface.blit(dark, self.origin)
