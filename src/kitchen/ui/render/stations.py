"""The live layer of the stations: what each one holds, the pot and its countdown ring, an
empty crate, a broken station's hazard tape, and the progress bars (drawn last, above the
chefs, so no hat or shadow ever hides one)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from kitchen.sim import Round
from kitchen.sim.stations import (
    Board,
    Counter,
    Crate,
    DirtyReturn,
    PlateStack,
    Sink,
    Station,
    Stove,
)
from kitchen.ui.render.grid import Grid, Pens
from kitchen.ui.render.shapes import badge, bar, exclamation
from kitchen.ui.round_feedback import pot_warning
from kitchen.ui.theme import TEXT_SMALL, Colour

BLINKS_PER_SECOND = 2
"""Warnings flash at most this often: well under the 3 flashes a second that
photosensitivity guidance (WCAG 2.3.1) sets as the limit, and the same at any frame rate."""

TAPE = (250, 210, 40)
SMOKE = (70, 66, 64)
REPAIR = (80, 150, 255)


@dataclass(frozen=True, slots=True)
class Bar:
    """A progress bar to draw once the chefs are drawn."""

    rect: pygame.Rect
    fraction: float
    colour: Colour


def blink(seconds: float, per_second: float) -> bool:
    """On for the first half of each of ``per_second`` cycles a second."""
    return int(seconds * per_second * 2) % 2 == 0


class StationPainter:
    """Draws the live state of every station for one kitchen view."""

    def __init__(self, grid: Grid, pens: Pens) -> None:
        self.grid = grid
        self.pens = pens
        self.bars: list[Bar] = []
        self.warnings: list[tuple[Stove, tuple[float, float]]] = []
        self.seconds = 0.0

    def _bar_rect(self, r: pygame.Rect, top: bool = True) -> pygame.Rect:
        c = self.grid.cell
        y = r.y + c * 0.03 if top else r.bottom - c * 0.17
        return pygame.Rect(r.x + c * 0.1, y, c * 0.8, max(12, c * 0.13))

    def draw(self, surface: pygame.Surface, rnd: Round, seconds: float) -> None:
        """Every station's state; the bars wait in :attr:`bars` for :meth:`draw_bars`."""
        self.bars = []
        self.warnings = []
        self.seconds = seconds
        for tile, station in rnd.stations.items():
            self._station(surface, rnd, station, self.grid.cell_rect(tile))

    def draw_bars(self, surface: pygame.Surface, rnd: Round | None = None) -> None:
        """The progress bars and the burn countdowns, above everything on the map."""
        for b in self.bars:
            bar(surface, b.rect, b.fraction, b.colour, self.pens.theme)
        if rnd is not None:
            for stove, center in self.warnings:
                self._burn_countdown(surface, rnd, stove, center, self.grid.cell * 0.34)

    def _item(self, surface: pygame.Surface, key: str, centre, size: int) -> None:
        self.pens.icons.blit_item(surface, key, centre, size)

    def _station(self, surface: pygame.Surface, rnd: Round, station: Station, r) -> None:
        t, c, text = self.pens.theme, self.grid.cell, self.pens.text
        top_center = self.grid.top_centre(station.tile)
        if isinstance(station, Counter) and station.item is not None:
            self._item(surface, station.item.describe(), top_center, int(c * 0.72))
        if isinstance(station, Board) and station.progress and station.item is not None:
            self.bars.append(
                Bar(self._bar_rect(r), station.progress / rnd.spec.chop_ticks, t.progress)
            )
        elif isinstance(station, Stove):
            self._pot(surface, rnd, station, r, top_center)
        elif isinstance(station, PlateStack) and station.finite:
            n = len(station.plates)
            text.draw(
                surface,
                str(n),
                max(TEXT_SMALL, int(c * 0.32)),
                t.text_dark if n else t.danger,
                (r.right - c * 0.12, r.bottom - c * 0.2),
                "center",
            )
        elif isinstance(station, Sink):
            if station.dirty:
                self._item(surface, station.dirty[-1].describe(), top_center, int(c * 0.6))
                self._count(surface, len(station.dirty), (r.x + c * 0.16, r.y + c * 0.2))
            elif station.clean:
                self._item(surface, station.clean[-1].describe(), top_center, int(c * 0.6))
            if station.progress:
                self.bars.append(
                    Bar(self._bar_rect(r), station.progress / rnd.spec.wash_ticks, t.sink)
                )
        elif isinstance(station, DirtyReturn) and station.plates:
            self._item(surface, station.plates[-1].describe(), top_center, int(c * 0.6))
            self._count(surface, len(station.plates), (r.right - c * 0.16, r.y + c * 0.2))
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
            text.draw(
                surface,
                "EMPTY",
                max(TEXT_SMALL, int(c * 0.22)),
                t.text,
                (r.centerx, r.bottom - c * 0.16),
                "center",
                shadow=t.text_dark,
            )
        if station.broken is not None:
            self._broken(surface, rnd, station, r)

    def _count(self, surface: pygame.Surface, n: int, centre: tuple[float, float]) -> None:
        t = self.pens.theme
        size = max(TEXT_SMALL, int(self.grid.cell * 0.28))
        badge(surface, (round(centre[0]), round(centre[1])), int(size * 0.6), t.text_dark, t.text)
        self.pens.text.draw(surface, str(n), size, t.text, centre, "center")

    def _pot(self, surface, rnd: Round, stove: Stove, r: pygame.Rect, center) -> None:
        t, c = self.pens.theme, self.grid.cell
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
                    self._item(
                        surface,
                        item.component,
                        (
                            center[0] + math.cos(angle) * pot_r * 0.45,
                            center[1] + math.sin(angle) * pot_r * 0.45,
                        ),
                        int(c * 0.3),
                    )
        if stove.state == "cooking":
            self.bars.append(Bar(self._bar_rect(r), stove.progress, t.progress))
            if stove.broken is None:  # steam rising inside the rim
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
                return
            warn = pot_warning(rnd, stove)
            self.bars.append(
                Bar(self._bar_rect(r), 1 - stove.timer / burn, t.warning if warn else t.ready)
            )
            if warn:  # drawn over the chefs, with the bars
                self.warnings.append((stove, center))
        elif stove.state == "burnt":
            self._smoke(surface, center, pot_r, 1.0, dark=True)

    def _burn_countdown(self, surface, rnd: Round, stove: Stove, center, pot_r: float) -> None:
        """A large ring running down to the burn, smoke thickening, and the seconds left."""
        t, c = self.pens.theme, self.grid.cell
        burn = rnd.spec.burn_ticks or 0
        window = max(1, rnd.spec.burn_warning_ticks)
        left = max(0, burn - stove.timer)
        share = min(1.0, left / window)
        radius = c * 0.58
        width = max(6, c // 12)
        box = pygame.Rect(0, 0, radius * 2, radius * 2)
        box.center = (round(center[0]), round(center[1]))
        pygame.draw.circle(surface, (30, 22, 18), box.center, radius, width)
        if share > 0:
            start = math.pi / 2
            pygame.draw.arc(surface, t.warning, box, start, start + 2 * math.pi * share, width)
        self._smoke(surface, center, pot_r, 1 - share, dark=False)
        if blink(self.seconds, BLINKS_PER_SECOND):
            pygame.draw.circle(surface, t.warning, center, pot_r + c * 0.1, max(4, c // 16))
            spot = (int(center[0] + c * 0.34), int(center[1] - c * 0.3))
            badge(surface, spot, int(c * 0.16), t.warning)
            exclamation(surface, spot, int(c * 0.2), t.text)
        seconds = math.ceil(left / 60)
        size = max(TEXT_SMALL, int(c * 0.34))
        spot = (center[0] - c * 0.36, center[1] - c * 0.3)
        badge(surface, (round(spot[0]), round(spot[1])), int(size * 0.62), t.text_dark, t.warning)
        self.pens.text.draw(surface, str(seconds), size, t.text, spot, "center")

    def _smoke(self, surface, center, pot_r: float, amount: float, dark: bool) -> None:
        """Puffs rising from the pot: a wisp at first, thick and dark once burnt."""
        c = self.grid.cell
        puffs = 2 + int(amount * 3)
        colour = SMOKE if dark else (150, 146, 142)
        layer = pygame.Surface((c * 2, c * 2), pygame.SRCALPHA)
        for k in range(puffs):
            phase = (self.seconds * 0.9 + k / puffs) % 1.0
            x = c + math.sin(phase * 5 + k) * c * 0.12 + (k - puffs / 2) * c * 0.06
            y = c - pot_r * 0.4 - phase * c * 0.7
            alpha = int((110 + 100 * amount) * (1 - phase))
            pygame.draw.circle(layer, (*colour, alpha), (x, y), c * (0.07 + 0.09 * phase))
        surface.blit(layer, (center[0] - c, center[1] - c))

    def _broken(
        self, surface: pygame.Surface, rnd: Round, station: Station, r: pygame.Rect
    ) -> None:
        t, c = self.pens.theme, self.grid.cell
        veil = pygame.Surface(r.size, pygame.SRCALPHA)
        veil.fill((30, 20, 20, 120))
        surface.blit(veil, r)
        stripe = max(5, c // 10)
        clip = surface.get_clip()
        surface.set_clip(r.clip(clip))  # the tape stays on its own tile
        for k in range(-1, 3):
            x0 = r.x + k * c * 0.4
            pygame.draw.line(surface, TAPE, (x0, r.bottom), (x0 + c * 0.6, r.y), stripe)
        pygame.draw.rect(surface, t.warning, r, max(4, c // 18))
        cx, cy = r.center  # a wrench
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
        surface.set_clip(clip)
        active = rnd.disruptions.by_id(station.broken) if station.broken is not None else None
        if active is not None and station.repair:
            self.bars.append(
                Bar(self._bar_rect(r, top=False), station.repair / active.spec.repair_ticks, REPAIR)
            )
