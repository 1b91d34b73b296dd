"""Effects over the kitchen: the tile each chef will act on (in the chef's colour) with a hint
of what pick-up and use would do there, rings where something was put down or started
cooking, and points rising from where a dish was served or refused.

The hints come from :mod:`kitchen.sim.hints`, which answers with the simulation's own
rules; this module only draws what it is told.
"""

from __future__ import annotations

import math

import pygame

from kitchen.sim import Round
from kitchen.sim.hints import Hint, target_tile, what_interact_does, what_use_does
from kitchen.sim.spec import Tile
from kitchen.ui.render.grid import Grid, Pens
from kitchen.ui.render.words import hint_label
from kitchen.ui.round_feedback import FLOAT_SECONDS, PULSE_SECONDS, RoundFeedback

HINT_PX = 32
FLOAT_PX = 60
GOOD_TEXT = (120, 230, 130)
BAD_TEXT = (255, 130, 118)
FLOAT_BACK = (28, 20, 16)

Hints = dict[int, tuple[Tile, Hint | None, Hint | None]]
"""Per chef: the tile they face, what pick-up would do there, what use would do."""


def chef_hints(rnd: Round) -> Hints:
    """Each active chef's target tile and hints (``None`` hints: nothing would happen)."""
    out: Hints = {}
    for player, chef in rnd.chefs.items():
        if chef.status != "active":
            continue
        tile = target_tile(rnd, player)
        if tile is not None:
            out[player] = (tile, what_interact_does(rnd, player), what_use_does(rnd, player))
    return out


class EffectPainter:
    """Draws the effects for one kitchen view."""

    def __init__(self, grid: Grid, pens: Pens) -> None:
        self.grid = grid
        self.pens = pens
        self._cache: tuple[tuple[int, int], Hints] | None = None

    def hints(self, rnd: Round) -> Hints:
        """The hints for this tick (asked once a tick, however many frames draw it)."""
        key = (id(rnd), rnd.tick)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, chef_hints(rnd))
        return self._cache[1]

    def targets(self, surface: pygame.Surface, rnd: Round, hints: Hints, seconds: float) -> None:
        """Outline each chef's target tile in the chef's colour: bold when pick-up or use
        would do something there, thin when nothing would."""
        t, c = self.pens.theme, self.grid.cell
        stacked: dict[Tile, int] = {}
        for player in sorted(hints):
            tile, interact, use = hints[player]
            inset = stacked.get(tile, 0)
            stacked[tile] = inset + 1
            r = self.grid.cell_rect(tile).inflate(-inset * c * 0.12, -inset * c * 0.12)
            colour = t.player(player)
            if interact is None and use is None:
                pygame.draw.rect(surface, colour, r, max(2, c // 40), border_radius=c // 8)
                continue
            glow = 0.5 + 0.5 * math.sin(seconds * 2 * math.pi * 1.2)
            width = max(4, c // 16) + round(glow * 2)
            pygame.draw.rect(
                surface, (20, 14, 10), r.inflate(4, 4), width + 2, border_radius=c // 7
            )
            pygame.draw.rect(surface, colour, r, width, border_radius=c // 8)
            arm = c * 0.28  # corner brackets, so the tile reads as "this one"
            for sx, sy in ((0, 0), (1, 0), (0, 1), (1, 1)):
                x = r.x if sx == 0 else r.right
                y = r.y if sy == 0 else r.bottom
                dx, dy = (1 if sx == 0 else -1), (1 if sy == 0 else -1)
                pygame.draw.line(surface, colour, (x, y), (x + dx * arm, y), width + 3)
                pygame.draw.line(surface, colour, (x, y), (x, y + dy * arm), width + 3)

    def labels(self, surface: pygame.Surface, rnd: Round, hints: Hints) -> None:
        """For each chef a person plays: a label beyond the target tile, away from the
        chef, saying what pick-up and use would do."""
        t, text = self.pens.theme, self.pens.text
        for player in sorted(hints):
            if rnd.controllers.get(player) != "person":
                continue
            tile, interact, use = hints[player]
            lines = [h for h in (interact, use) if h is not None]
            if not lines:
                continue
            said = [hint_label(h) for h in lines]
            widths = [text.size(s, HINT_PX)[0] for s in said]
            line_h = HINT_PX + 8
            rect = pygame.Rect(0, 0, max(widths) + 56, line_h * len(lines) + 12)
            rect = self._place(rect, self.grid.cell_rect(tile), rnd.chefs[player].facing)
            bad = any(not h.good for h in lines)
            edge = t.danger if bad else t.player(player)
            pygame.draw.rect(surface, t.ticket, rect, border_radius=12)
            pygame.draw.rect(surface, edge, rect, 4, border_radius=12)
            for i, (hint, words) in enumerate(zip(lines, said, strict=True)):
                y = rect.y + 6 + i * line_h + line_h / 2
                self._glyph(surface, (rect.x + 22, y), hint, edge)
                text.draw(surface, words, HINT_PX, t.text_dark, (rect.x + 40, y), "midleft")

    def _place(self, rect: pygame.Rect, tile: pygame.Rect, facing: tuple[int, int]) -> pygame.Rect:
        """Put a label beside its tile on the far side from the chef; if that leaves the
        kitchen, to one side of the tile, so it never covers the tile itself."""
        c = self.grid.cell
        area = self.grid.rect.inflate(c, 0)  # the kitchen, a little beyond its sides
        area.height += c // 3  # and just below it, but never up into the tickets
        fx, fy = facing
        sides = [(fx, fy), (fy, fx), (-fy, -fx), (-fx, -fy)]
        gap = 6
        for dx, dy in sides:
            placed = rect.copy()
            if dy < 0:
                placed.midbottom = (tile.centerx, tile.y - gap)
            elif dy > 0:
                placed.midtop = (tile.centerx, tile.bottom + gap)
            elif dx < 0:
                placed.midright = (tile.x - gap, tile.centery)
            else:
                placed.midleft = (tile.right + gap, tile.centery)
            if area.contains(placed):
                return placed
        return rect.clamp(area)

    def _glyph(
        self, surface: pygame.Surface, centre: tuple[float, float], hint: Hint, edge
    ) -> None:
        """A small mark before a hint: a hand for pick-up, a circling arrow for use, a
        cross for something refused or costly."""
        t = self.pens.theme
        x, y = round(centre[0]), round(centre[1])
        if not hint.good:
            pygame.draw.circle(surface, t.danger, (x, y), 11)
            pygame.draw.line(surface, (255, 255, 255), (x - 5, y - 5), (x + 5, y + 5), 3)
            pygame.draw.line(surface, (255, 255, 255), (x - 5, y + 5), (x + 5, y - 5), 3)
        elif hint.action in ("chop", "wash", "repair", "use"):
            pygame.draw.arc(surface, edge, (x - 10, y - 10, 20, 20), 0.4, 5.6, 4)
            pygame.draw.polygon(surface, edge, [(x + 10, y - 2), (x + 4, y - 9), (x + 13, y - 10)])
        else:
            pygame.draw.circle(surface, edge, (x, y), 10)
            pygame.draw.circle(surface, t.ticket, (x, y), 4)

    def pulses(self, surface: pygame.Surface, feedback: RoundFeedback) -> None:
        """Rings spreading from tiles where something was just put or started cooking."""
        c = self.grid.cell
        for pulse in feedback.pulses:
            age = (feedback.clock - pulse.start) / PULSE_SECONDS
            if not 0 <= age < 1:
                continue
            r = self.grid.cell_rect(pulse.tile)
            colour = self.pens.theme.player(pulse.player) if pulse.player else (255, 255, 255)
            layer = pygame.Surface((c * 2, c * 2), pygame.SRCALPHA)
            radius = c * (0.3 + 0.45 * age)
            pygame.draw.circle(
                layer, (*colour, int(230 * (1 - age))), (c, c), radius, max(3, c // 18)
            )
            surface.blit(layer, (r.centerx - c, r.centery - c))

    def floaters(self, surface: pygame.Surface, feedback: RoundFeedback) -> None:
        """``+points`` rising from the window (or ``-penalty`` for a wrong dish)."""
        text, c = self.pens.text, self.grid.cell
        for floater in feedback.floaters:
            age = (feedback.clock - floater.start) / FLOAT_SECONDS
            if not 0 <= age < 1:
                continue
            r = self.grid.cell_rect(floater.tile)
            rise = c * 1.1 * (1 - (1 - age) ** 2)
            size = FLOAT_PX if age > 0.12 else int(FLOAT_PX * (0.6 + age * 3.3))
            w, h = text.size(floater.text, size)
            box = pygame.Rect(0, 0, w + 28, h + 8)
            box.center = (r.centerx, round(r.centery - c * 0.2 - rise))
            box.clamp_ip(self.grid.rect)
            pygame.draw.rect(surface, FLOAT_BACK, box, border_radius=14)
            colour = GOOD_TEXT if floater.good else BAD_TEXT
            pygame.draw.rect(surface, colour, box, 3, border_radius=14)
            text.draw(surface, floater.text, size, colour, box.center, "center")
