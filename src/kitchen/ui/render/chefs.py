"""The chefs: body, hat, number, what they carry, speech bubbles, and their motion.

A chef bobs while walking, squashes when picking something up or putting it down, shakes
"no" when a pick-up did nothing, and moves a knife, sponge or wrench while chopping,
washing or repairing. All of it is driven by the render clock and the interpolated
position; the simulation is never touched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pygame

from kitchen.i18n import _
from kitchen.sim.movement import Chef
from kitchen.ui.render.grid import Grid, Pens
from kitchen.ui.render.icons import draw_chef_body
from kitchen.ui.theme import TEXT_SMALL, Colour, darker, readable_on

FROZEN = (150, 150, 150)

_ink = lru_cache(maxsize=32)(readable_on)
""":func:`readable_on`, remembered: a chef's number is drawn every frame in a few colours."""


@dataclass(frozen=True, slots=True)
class Pose:
    """How a chef moves this frame (all 0 for a chef standing still)."""

    walk: float = 0.0
    """The walking cycle's phase in turns, or 0 when not walking."""
    squash: float = 0.0
    """A pick-up's squash, 0..1."""
    shake: float = 0.0
    """Sideways offset of a "no" shake, in cells."""
    work: str | None = None
    """``board``, ``sink`` or ``repair`` while working there."""
    seconds: float = 0.0
    """The animation clock."""


STILL = Pose()


class ChefPainter:
    """Draws chefs for one kitchen view."""

    def __init__(self, grid: Grid, pens: Pens) -> None:
        self.grid = grid
        self.pens = pens

    def draw(
        self,
        surface: pygame.Surface,
        chef: Chef,
        pos: tuple[float, float],
        bubble: str | None,
        pose: Pose = STILL,
        refused: float | None = None,
    ) -> None:
        """Chef ``chef`` standing at ``pos`` (screen pixels of its centre)."""
        t, c = self.pens.theme, self.grid.cell
        colour = t.player(chef.player)
        radius = c * 0.34
        frozen = chef.status == "frozen"
        body_colour = FROZEN if frozen else colour
        bob = abs(math.sin(pose.walk * math.pi)) * c * 0.07 if pose.walk else 0.0
        lean = 0.0
        if pose.work:  # leaning into the work, in time with the tool
            lean = (0.5 + 0.5 * math.sin(pose.seconds * 2 * math.pi * 4)) * c * 0.05
        fx, fy = chef.facing
        x = pos[0] + pose.shake * c + fx * lean
        y = pos[1] - bob + fy * lean
        draw_chef_body(surface, (x, y + c * 0.06), radius, body_colour, pose.squash)
        tip = (x + fx * radius * 1.15, y + c * 0.06 + fy * radius * 1.15)
        pygame.draw.circle(surface, darker(colour, 0.6), tip, max(4, c // 16))
        squash_drop = radius * 0.24 * pose.squash
        self.pens.text.draw(
            surface,
            str(chef.player),
            max(TEXT_SMALL, int(c * 0.44)),
            _ink(body_colour),
            (x, y + c * 0.07 + squash_drop),
            "center",
        )
        if chef.held is not None:
            # Held out in front, just clear of the number (carried items never hide who
            # is carrying them); facing away, the item is held up over the hat.
            size = int(c * 0.54)
            reach = radius + c * (0.17 if fx else 0.15)
            hold = (x + fx * reach, y + c * 0.07 + fy * reach)
            self.pens.icons.blit_item(surface, chef.held.describe(), hold, size)
        if pose.work:
            self._tool(surface, chef, pose)
        if refused is not None:
            self._no(surface, (x, y - c * 0.55), refused)
        if frozen:
            self.pens.text.draw(
                surface,
                _("CALLED AWAY"),
                max(TEXT_SMALL, int(c * 0.2)),
                t.text,
                (pos[0], pos[1] - c * 0.62),
                "center",
                shadow=t.text_dark,
            )
        if bubble:
            self.bubble(surface, bubble, (pos[0], pos[1] - c * 0.75), colour)

    def _tool(self, surface: pygame.Surface, chef: Chef, pose: Pose) -> None:
        """A knife chopping, a sponge scrubbing or a wrench turning over the target tile."""
        c = self.grid.cell
        r = self.grid.cell_rect(chef.target)
        beat = pose.seconds * 2 * math.pi * 4
        cx, cy = r.centerx, r.y + c * 0.4
        blade = self.pens.theme.blade
        if pose.work == "board":
            lift = (0.5 + 0.5 * math.sin(beat)) * c * 0.22
            tip = (cx - c * 0.05, cy + c * 0.05 - lift)
            pygame.draw.line(
                surface,
                (40, 30, 24),
                (tip[0] + c * 0.22, tip[1] - c * 0.1),
                (tip[0] + c * 0.36, tip[1] - c * 0.16),
                max(5, c // 14),
            )
            pygame.draw.line(
                surface, blade, tip, (tip[0] + c * 0.23, tip[1] - c * 0.1), max(6, c // 12)
            )
        elif pose.work == "sink":
            for k in range(3):
                a = beat * 0.5 + k * 2.1
                p = (cx + math.cos(a) * c * 0.16, cy + math.sin(a) * c * 0.1)
                pygame.draw.circle(surface, (250, 252, 255), p, c * (0.05 + 0.02 * k), 2)
            sponge = pygame.Rect(0, 0, c * 0.22, c * 0.14)
            sponge.center = (
                round(cx + math.cos(beat * 0.5) * c * 0.12),
                round(cy + math.sin(beat * 0.5) * c * 0.06),
            )
            pygame.draw.rect(surface, (250, 214, 70), sponge, border_radius=4)
            pygame.draw.rect(surface, (40, 30, 24), sponge, 2, border_radius=4)
        elif pose.work == "repair":
            a = math.sin(beat) * 0.5 - 0.8
            end = (cx + math.cos(a) * c * 0.3, cy + math.sin(a) * c * 0.3)
            pygame.draw.line(surface, (230, 230, 235), (cx, cy), end, max(6, c // 12))
            pygame.draw.circle(surface, (230, 230, 235), end, c * 0.08, max(3, c // 20))

    def _no(self, surface: pygame.Surface, centre: tuple[float, float], age: float) -> None:
        """A small red cross badge that pops up and fades: the twin of the "no" sound."""
        c = self.grid.cell
        size = c * 0.17 * (1.0 if age > 0.2 else 0.6 + 2 * age)
        danger = self.pens.theme.danger
        cx, cy = round(centre[0]), round(centre[1])
        pygame.draw.circle(surface, danger, (cx, cy), size)
        pygame.draw.circle(surface, (255, 255, 255), (cx, cy), size, max(2, c // 40))
        arm = size * 0.5
        w = max(3, c // 22)
        pygame.draw.line(surface, (255, 255, 255), (cx - arm, cy - arm), (cx + arm, cy + arm), w)
        pygame.draw.line(surface, (255, 255, 255), (cx - arm, cy + arm), (cx + arm, cy - arm), w)

    def bubble(
        self, surface: pygame.Surface, label: str, anchor: tuple[float, float], colour: Colour
    ) -> None:
        """A speech bubble pointing at ``anchor`` (a call-out)."""
        t = self.pens.theme
        size = max(TEXT_SMALL, int(self.grid.cell * 0.26))
        w, h = self.pens.text.size(label, size)
        rect = pygame.Rect(0, 0, w + size, h + size * 0.4)
        rect.midbottom = (round(anchor[0]), round(anchor[1]))
        rect.clamp_ip(self.grid.rect.inflate(self.grid.cell, self.grid.cell))
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
        self.pens.text.draw(surface, label, size, t.text_dark, rect.center, "center")
