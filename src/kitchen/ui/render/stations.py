"""The live layer of the stations: what each one holds, the pot and its countdown ring, an
empty crate, a broken station's hazard tape, and the progress bars (drawn last, above the
chefs, so no hat or shadow ever hides one).

Labels on a station (counts, the pot's seconds, ``EMPTY``) are placed by their rendered size
and kept inside their own tile at any tile size: text never shrinks below the 28 px of
:data:`~kitchen.ui.theme.TEXT_SMALL`, so a word too wide for its tile is left out (the
crate's veil and slash still say it is empty)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from kitchen.i18n import _
from kitchen.sim import TICKS_PER_SECOND, Round
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


def inset(tile: pygame.Rect) -> pygame.Rect:
    """The part of a tile that labels stay inside (a thin margin from its edges)."""
    margin = max(2, tile.width // 40)
    return tile.inflate(-2 * margin, -2 * margin)


def tucked(size: tuple[int, int], tile: pygame.Rect, **where: tuple[float, float]) -> pygame.Rect:
    """A rectangle of ``size`` placed by one anchor (``topleft=(x, y)``, ``center=...``) and
    moved the least needed to lie inside :func:`inset` of ``tile``."""
    rect = pygame.Rect((0, 0), size)
    for anchor, pos in where.items():
        setattr(rect, anchor, (round(pos[0]), round(pos[1])))
    return rect.clamp(inset(tile))


class StationPainter:
    """Draws the live state of every station for one kitchen view."""

    def __init__(self, grid: Grid, pens: Pens) -> None:
        self.grid = grid
        self.pens = pens
        self.bars: list[Bar] = []
        self.warnings: list[tuple[Stove, tuple[float, float]]] = []
        self.rings: list[pygame.Rect] = []
        """Where this frame's burn countdown rings were drawn (for tests and tools)."""
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
        self.rings = []
        for b in self.bars:
            bar(surface, b.rect, b.fraction, b.colour, self.pens.theme)
        if rnd is not None:
            for stove, center in self.warnings:
                self._burn_countdown(surface, rnd, stove, center, self.grid.cell * 0.34)

    def _item(self, surface: pygame.Surface, key: str, centre, size: int) -> None:
        self.pens.icons.blit_item(surface, key, centre, size)

    def _station(self, surface: pygame.Surface, rnd: Round, station: Station, r) -> None:
        t, c = self.pens.theme, self.grid.cell
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
            self._count(surface, r, n, "topright", None if n else t.danger)
        elif isinstance(station, Sink):
            if station.dirty:
                self._item(surface, station.dirty[-1].describe(), top_center, int(c * 0.6))
                self._count(surface, r, len(station.dirty), "topleft")
            elif station.clean:
                self._item(surface, station.clean[-1].describe(), top_center, int(c * 0.6))
            if station.progress:
                self.bars.append(
                    Bar(self._bar_rect(r), station.progress / rnd.spec.wash_ticks, t.sink)
                )
        elif isinstance(station, DirtyReturn) and station.plates:
            self._item(surface, station.plates[-1].describe(), top_center, int(c * 0.6))
            self._count(surface, r, len(station.plates), "topright")
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
            self._word(surface, r, _("EMPTY"), max(TEXT_SMALL, int(c * 0.22)))
        if station.broken is not None:
            self._broken(surface, rnd, station, r)

    def _word(self, surface: pygame.Surface, r: pygame.Rect, word: str, size: int) -> None:
        """``word`` at the foot of tile ``r``, with a shadow; left out if it cannot fit."""
        t, text = self.pens.theme, self.pens.text
        shadow = max(2, size // 24)
        w, h = text.render(word, size, t.text).get_size()
        room = inset(r)
        if w + shadow > room.width or h + shadow > room.height:
            return
        spot = tucked((w + shadow, h + shadow), r, midbottom=(r.centerx, room.bottom))
        text.draw(surface, word, size, t.text, spot.topleft, shadow=t.text_dark)

    def _count(
        self,
        surface: pygame.Surface,
        r: pygame.Rect,
        n: int,
        corner: str,
        edge: Colour | None = None,
    ) -> pygame.Rect:
        """``n`` on a dark badge in ``corner`` of tile ``r`` (a pill when the number is
        wide), inside the tile; ``edge`` colours the badge's rim and the number (an alarm)."""
        t = self.pens.theme
        ink = t.text if edge is None else t.danger_text
        size = max(TEXT_SMALL, int(self.grid.cell * 0.28))
        return self._badge_text(surface, r, str(n), corner, size, ink, edge)

    def _badge_text(
        self,
        surface: pygame.Surface,
        r: pygame.Rect,
        label: str,
        corner: str,
        size: int,
        ink: Colour,
        edge: Colour | None = None,
    ) -> pygame.Rect:
        """``label`` in ``ink`` on a dark badge with an ``edge`` rim (light when ``None``),
        tucked into ``corner`` of tile ``r``; returns the badge's rectangle."""
        t, text = self.pens.theme, self.pens.text
        w, h = text.render(label, size, ink).get_size()
        side = h + max(8, h // 3)
        room = inset(r)
        spot = tucked((max(side, w + side - h), side), r, **{corner: getattr(room, corner)})
        pygame.draw.rect(surface, t.text_dark, spot, border_radius=side // 2)
        rim = t.text if edge is None else edge
        pygame.draw.rect(surface, rim, spot, max(2, side // 14), border_radius=side // 2)
        glyphs = tucked((w, h), spot, center=spot.center)
        text.draw(surface, label, size, ink, glyphs.topleft)
        return spot

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
        """A large ring running down to the burn, smoke thickening, and the seconds left.

        The ring is wider than its tile: it moves aside just enough to stay whole on the map
        (a stove in the top row would have it under the ticket bar). The seconds and the
        ``!`` stay in the stove's own tile."""
        t, c = self.pens.theme, self.grid.cell
        tile = self.grid.cell_rect(stove.tile)
        burn = rnd.spec.burn_ticks or 0
        window = max(1, rnd.spec.burn_warning_ticks)
        left = max(0, burn - stove.timer)
        share = min(1.0, left / window)
        radius = c * 0.58
        width = max(6, c // 12)
        box = pygame.Rect(0, 0, radius * 2, radius * 2)
        box.center = (round(center[0]), round(center[1]))
        box.clamp_ip(self.grid.rect)
        self.rings.append(box)
        pygame.draw.circle(surface, (30, 22, 18), box.center, radius, width)
        if share > 0:
            start = math.pi / 2
            pygame.draw.arc(surface, t.warning, box, start, start + 2 * math.pi * share, width)
        self._smoke(surface, center, pot_r, 1 - share, dark=False)
        if blink(self.seconds, BLINKS_PER_SECOND):
            pygame.draw.circle(surface, t.warning, center, pot_r + c * 0.1, max(4, c // 16))
            mark = int(c * 0.16)
            spot = tucked((2 * mark, 2 * mark), tile, topright=inset(tile).topright).center
            badge(surface, spot, mark, t.warning)
            exclamation(surface, spot, int(c * 0.2), t.text)
        seconds = math.ceil(left / TICKS_PER_SECOND)
        size = max(TEXT_SMALL, int(c * 0.34))
        self._badge_text(surface, tile, str(seconds), "topleft", size, t.text, t.warning)

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
