"""The static layer of the kitchen, drawn once and cached: floor, zones, walls, counters and
the bodies of the stations. Every station has its own shape as well as its colour, so the
kitchen reads in greyscale."""

from __future__ import annotations

import pygame

from kitchen.sim import Round
from kitchen.sim.spec import KitchenSpec
from kitchen.ui.names import zone_name
from kitchen.ui.render.grid import Pens
from kitchen.ui.theme import TEXT_SMALL, darker, lighter

ZONE_TINTS = ((70, 130, 220, 46), (230, 120, 40, 46), (60, 170, 90, 46), (190, 80, 190, 46))


def draw_background(
    spec: KitchenSpec, rnd: Round | None, size: tuple[int, int], cell: int, pens: Pens
) -> pygame.Surface:
    """The static layer of the kitchen: floor, zones, walls and the bodies of the stations."""
    surf = pygame.Surface(size, pygame.SRCALPHA)
    t, c = pens.theme, cell
    stations = (
        {tile: s.kind for tile, s in rnd.stations.items()}
        if rnd
        else {tile: s.kind for tile, s in spec.stations.items()}
    )
    crates = {tile: s.ingredient for tile, s in spec.stations.items() if s.kind == "crate"}
    solid = (lambda x, y: rnd.mover.is_solid(x, y)) if rnd else (lambda x, y: (x, y) in spec.solid)
    for y in range(spec.height):
        for x in range(spec.width):
            r = pygame.Rect(x * c, y * c, c, c)
            if not solid(x, y):
                pygame.draw.rect(surf, t.floor_a if (x + y) % 2 == 0 else t.floor_b, r)
                pygame.draw.rect(surf, t.floor_line, r, 1)
    _zones(surf, spec, cell, pens)
    for y in range(spec.height):
        for x in range(spec.width):
            if not solid(x, y):
                continue
            r = pygame.Rect(x * c, y * c, c, c)
            kind = stations.get((x, y))
            if kind is None:
                block(surf, r, t.wall_top, t.wall_front)
            else:
                _station_body(surf, r, kind, crates.get((x, y)), cell, pens)
    return surf


def _zones(surf: pygame.Surface, spec: KitchenSpec, cell: int, pens: Pens) -> None:
    """Tint each zone's floor, outline where zones meet, and name each zone."""
    zones = spec.zones
    if not zones:
        return
    c = cell
    names = sorted(set(zones.values()))
    tint = {name: ZONE_TINTS[i % len(ZONE_TINTS)] for i, name in enumerate(names)}
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
        pens.text.draw(
            surf,
            zone_name(name).upper(),
            max(TEXT_SMALL, c // 4),
            tint[name][:3],
            (first[0] * c + 8, first[1] * c + 6),
        )


def block(surf: pygame.Surface, r: pygame.Rect, top: tuple, front: tuple) -> pygame.Rect:
    """A block seen from above and slightly in front: a top face and a darker front edge."""
    edge = max(6, r.height // 7)
    pygame.draw.rect(surf, front, r)
    top_rect = pygame.Rect(r.x, r.y, r.width, r.height - edge)
    pygame.draw.rect(surf, top, top_rect)
    pygame.draw.rect(surf, darker(front, 0.7), r, 2)
    return top_rect


def _station_body(
    surf: pygame.Surface,
    r: pygame.Rect,
    kind: str,
    ingredient: str | None,
    cell: int,
    pens: Pens,
) -> None:
    t, c = pens.theme, cell
    top = block(surf, r, t.counter_top, t.counter_front)
    inner = top.inflate(-c * 0.14, -c * 0.14)
    w = max(2, c // 30)
    if kind == "crate":
        pygame.draw.rect(surf, t.crate, inner, border_radius=c // 14)
        for k in range(1, 3):  # slats
            yy = inner.y + inner.height * k / 3
            pygame.draw.line(surf, t.crate_dark, (inner.x, yy), (inner.right, yy), w)
        pygame.draw.rect(surf, t.crate_dark, inner, w + 1, border_radius=c // 14)
        if ingredient:
            pens.icons.blit_item(surf, ingredient, inner.center, int(c * 0.58))
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
