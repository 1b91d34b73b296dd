"""The tutorial's prompt during play: a large card saying what to do next, with each
chef's own key for it, and an outline around the stations the step is about.

Which prompt to show is worked out from the round's events by
:mod:`kitchen.content.tutorial_progress`; this module only draws it. The card sits beside
the kitchen: while it shows, the play screen lays the kitchen out with a column for it
(:func:`room_for_card`), so it covers no station and no chef, with or without the
facilitator's panel. Only a map too wide to leave a column without shrinking its tiles below
the readable minimum has the card in the corner that covers least. :data:`TOGGLE_KEY` (a
function key: players cannot bind those) hides and shows the tutorial during a round.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pygame

from kitchen.content.kitchen_map import MIN_TILE_PIXELS
from kitchen.content.tutorial_model import TutorialDef
from kitchen.content.tutorial_progress import TutorialRecord, TutorialView, tutorial_view
from kitchen.events import Event
from kitchen.i18n import N_, _
from kitchen.sim import Round
from kitchen.sim.spec import KitchenSpec, Tile
from kitchen.ui.input.bindings import KeyLayout
from kitchen.ui.input.seats import PAD_CALLOUT, PAD_INTERACT, PAD_USE, Seat
from kitchen.ui.names import layout_name
from kitchen.ui.render.kitchen_view import MAX_CELL, KitchenView
from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme, readable_on

SAY_SIZE = 56
"""The prompt's text size (38 px at 1080p)."""
HEAD_SIZE = 44
"""The step counter's and the keys' text size (30 px at 1080p)."""
PAD = 22
"""Space inside the card."""
MARGIN = 12
"""Space between the card and the kitchen or the screen's edge."""
SIDE_MIN = 320
"""Narrowest card that goes beside the kitchen; with less room it goes inside."""
SIDE_MAX = 520
BADGE = 50
"""Diameter of a chef's numbered badge."""
TICK = 44
"""Width kept at a row's end for the check mark."""
ROW_GAP = 12
HEAD_STEP = 50
INSIDE_WIDTH = 600
"""Width of a card drawn inside the kitchen area (when no side has room)."""
COLUMN = 440
"""Width kept beside the map for the card while it shows (a 416 px card and its margins:
four chefs' two-line keys and a three-line step still fit the kitchen area's height)."""
TOGGLE_KEY = pygame.K_F8
"""Hides and shows the tutorial during a round."""
TOGGLE_LABEL = "F8"

PAD_BUTTONS = {"interact": PAD_INTERACT, "use": PAD_USE, "callout": PAD_CALLOUT}
VERBS = {
    "move": N_("{key} to walk"),
    "interact": N_("press {key}"),
    "use": N_("hold {key}"),
    "callout": N_("press {key}"),
}
"""How each control is said with its key: the use key is held (chopping, washing)."""


def key_text(controls: Sequence[str], seat: Seat | None, layouts: Sequence[KeyLayout]) -> str:
    """A chef's own keys for ``controls``: ``"WASD to walk, then press E"``; ``""`` for a
    chef without a seat or a step without a control."""
    if seat is None or not controls:
        return ""
    said = []
    for control in controls:
        if seat.layout is None:
            key = _("stick") if control == "move" else PAD_BUTTONS[control].upper()
        else:
            layout = layouts[seat.layout]
            key = layout_name(layout.title) if control == "move" else layout.label(control)
        said.append(_(VERBS[control]).format(key=key))
    return _(", then ").join(said)


def cell_for(spec: KitchenSpec, area: pygame.Rect) -> int:
    """The tile size a map gets in ``area`` (as :class:`KitchenView` lays it out)."""
    return max(1, min(MAX_CELL, area.width // spec.width, area.height // spec.height))


def room_for_card(spec: KitchenSpec, area: pygame.Rect) -> pygame.Rect:
    """Where to lay the kitchen out in ``area`` so a :data:`COLUMN` is free on its left for
    the card: ``area`` itself when the map already leaves that much; ``area`` less the
    column when the tiles stay at least :data:`MIN_TILE_PIXELS`; else ``area`` (the card
    then goes in a corner)."""
    gap = (area.width - cell_for(spec, area) * spec.width) // 2
    if gap >= COLUMN:
        return area
    rest = pygame.Rect(area.left + COLUMN, area.top, area.width - COLUMN, area.height)
    if rest.width <= 0 or cell_for(spec, rest) < MIN_TILE_PIXELS:
        return area
    return rest


def place_card(
    size: tuple[int, int],
    kitchen: pygame.Rect,
    area: pygame.Rect,
    keep_clear: Iterable[pygame.Rect],
    rather_not: Iterable[pygame.Rect] = (),
) -> pygame.Rect:
    """Where a card of ``size`` goes: ``area`` is where it may be (the kitchen's area on
    screen), ``kitchen`` the map drawn in it, ``keep_clear`` the chefs and stations it must
    not cover, ``rather_not`` what it had better not cover (the other stations). Beside the
    map on the left, then on the right; else the corner of ``area`` that covers least of
    ``keep_clear`` (nothing, when a corner can), then of ``rather_not``."""
    clear, soft = list(keep_clear), list(rather_not)
    w, h = size
    candidates = [
        pygame.Rect(area.left + MARGIN, area.top + MARGIN, w, h),
        pygame.Rect(area.right - MARGIN - w, area.top + MARGIN, w, h),
        pygame.Rect(area.left + MARGIN, area.bottom - MARGIN - h, w, h),
        pygame.Rect(area.right - MARGIN - w, area.bottom - MARGIN - h, w, h),
    ]

    def covered(rect: pygame.Rect, others: list[pygame.Rect]) -> int:
        return sum(rect.clip(r).width * rect.clip(r).height for r in others)

    for rect in candidates[:2]:
        if area.contains(rect) and not rect.colliderect(kitchen) and not covered(rect, clear):
            return rect
    return min(candidates, key=lambda r: (covered(r, clear), covered(r, soft)))


class TutorialPrompt:
    """The tutorial of one round: takes in the round's events, draws the prompt.

    Args:
        tutorial: the level's tutorial (``None``: the level has none, nothing is drawn).
        people: the chefs people play, so the first prompt shows their keys before the
            round's first tick (its ``round_started`` event then says who really plays).
    """

    def __init__(self, tutorial: TutorialDef | None, people: Iterable[int] = ()) -> None:
        self.record = None if tutorial is None else TutorialRecord(tutorial)
        if self.record is not None:
            self.record.people = set(people)
        self.card: pygame.Rect | None = None
        """Where the card was last drawn (for tests and tools)."""
        self.hidden = False
        """Hidden with :data:`TOGGLE_KEY` (until pressed again)."""

    def toggle(self) -> bool:
        """Hide or show the tutorial; False (nothing done) when the level has none."""
        if self.record is None:
            return False
        self.hidden = not self.hidden
        return True

    def showing(self, tick: int) -> bool:
        """True while a prompt is on screen at ``tick`` (there is one and it is not hidden)."""
        return not self.hidden and self.view(tick) is not None

    def hint(self, tick: int) -> str:
        """What the controls line says of the tutorial: how to show it again when hidden."""
        if self.hidden and self.view(tick) is not None:
            return _("{key} show the tutorial").format(key=TOGGLE_LABEL)
        return ""

    def add(self, events: Iterable[Event]) -> None:
        """Take in a tick's events."""
        if self.record is not None:
            self.record.add(events)

    def view(self, tick: int) -> TutorialView | None:
        """The prompt at ``tick``, if any."""
        return None if self.record is None else tutorial_view(self.record, tick)

    def draw(
        self,
        surface: pygame.Surface,
        rnd: Round,
        kitchen: KitchenView,
        area: pygame.Rect,
        seats: Sequence[Seat],
        layouts: Sequence[KeyLayout],
        theme: Theme,
        text: TextCache,
    ) -> None:
        """The outline around the step's stations and the card, placed clear of them and
        of every chef."""
        self.card = None
        view = self.view(rnd.tick)
        if view is None or self.hidden:
            return
        tiles = self._tiles(rnd, view)
        pulse = 0.5 + 0.5 * math.sin(rnd.tick / 60 * 2 * math.pi)
        for tile in tiles:
            rect = kitchen.cell_rect(tile).inflate(8, 8)
            pygame.draw.rect(surface, theme.accent, rect, 5 + round(3 * pulse), border_radius=12)
        keep_clear = [kitchen.cell_rect(t).inflate(8, 8) for t in tiles]
        for chef in rnd.chefs.values():
            x, y = kitchen.to_screen(chef.x, chef.y)
            cell = kitchen.cell
            keep_clear.append(pygame.Rect(x - cell // 2, y - cell, cell, cell * 3 // 2))
        by_player = {s.player: s for s in seats}
        side = max(kitchen.rect.left - area.left, area.right - kitchen.rect.right) - 2 * MARGIN
        width = min(SIDE_MAX, side) if side >= SIDE_MIN else INSIDE_WIDTH
        lines = text.wrap(view.say, SAY_SIZE, width - 2 * PAD)
        say_step = int(text.font(SAY_SIZE).get_linesize() * 1.1)
        key_step = int(text.font(HEAD_SIZE).get_linesize() * 1.05)
        key_width = width - 2 * PAD - BADGE - TICK
        rows = [
            (
                p,
                done,
                text.wrap(
                    key_text(view.controls, by_player.get(p), layouts) or _("Chef {n}").format(n=p),
                    HEAD_SIZE,
                    key_width,
                ),
            )
            for p, done in view.chefs
            if not view.finished and (view.controls or view.who == "each")
        ]
        heights = [max(BADGE, len(keys) * key_step) + ROW_GAP for _, _, keys in rows]
        height = PAD * 2 + HEAD_STEP + len(lines) * say_step + (12 + sum(heights) if rows else 0)
        stations = [kitchen.cell_rect(t) for t in rnd.spec.stations if t not in tiles]
        card = place_card((width, height), kitchen.rect, area, keep_clear, stations)
        self.card = card
        panel(surface, card, theme.panel, theme.accent, radius=18, width=5)
        if view.finished:
            head = _("Well done!")
        else:
            head = _("Step {n} of {total}").format(n=view.number, total=view.total)
        text.draw(surface, head, HEAD_SIZE, theme.accent, (card.x + PAD, card.y + PAD))
        hide = _("{key} hide").format(key=TOGGLE_LABEL)
        text.draw(
            surface, hide, HEAD_SIZE, theme.text_dim, (card.right - PAD, card.y + PAD), "topright"
        )
        y = card.y + PAD + HEAD_STEP
        for line in lines:
            text.draw(surface, line, SAY_SIZE, theme.text, (card.x + PAD, y))
            y += say_step
        y += 12
        tick = view.who == "each" and not view.finished
        for (player, done, keys), row_height in zip(rows, heights, strict=True):
            self._badge(surface, theme, text, (card.x + PAD + BADGE // 2, y + BADGE // 2), player)
            for k, line in enumerate(keys):
                pos = (card.x + PAD + BADGE + 12, y + k * key_step + 4)
                text.draw(surface, line, HEAD_SIZE, theme.text, pos)
            if done and tick:
                self._tick(surface, theme, (card.right - PAD - TICK // 2, y + BADGE // 2))
            y += row_height

    @staticmethod
    def _tiles(rnd: Round, view: TutorialView) -> list[Tile]:
        """The stations the step is about: of its kinds, only the crates of its item, and
        while waiting for a soup only the pots with one in them (when there are)."""
        base = view.item.split(":")[0] if view.item else None
        tiles = [
            tile
            for tile, station in sorted(rnd.spec.stations.items())
            if station.kind in view.stations
            and (station.kind != "crate" or base is None or station.ingredient == base)
        ]
        if view.goal in ("cooked", "plate_up"):
            cooking = [
                t
                for t in tiles
                if getattr(rnd.stations.get(t), "state", "idle") in ("cooking", "ready")
            ]
            return cooking or tiles
        return tiles

    @staticmethod
    def _badge(
        surface: pygame.Surface, theme: Theme, text: TextCache, centre: tuple[int, int], player: int
    ) -> None:
        """A chef's number on their colour."""
        colour = theme.player(player)
        pygame.draw.circle(surface, colour, centre, BADGE // 2)
        pygame.draw.circle(surface, theme.text, centre, BADGE // 2, 3)
        text.draw(surface, str(player), HEAD_SIZE, readable_on(colour), centre, "center")

    @staticmethod
    def _tick(surface: pygame.Surface, theme: Theme, centre: tuple[int, int]) -> None:
        """A check mark: this chef has done the step."""
        x, y = centre
        points = [(x - 16, y), (x - 4, y + 13), (x + 17, y - 14)]
        pygame.draw.lines(surface, theme.good, False, points, 8)
