"""The level editor in redesign mode: the team changes its own kitchen within the level's
budget of changes (the Improve phase, :mod:`kitchen.ui.scenes.improve`).

The same map, canvas, zone brushes, undo and redo as the designers' editor
(:class:`~kitchen.ui.scenes.editor.EditorScene`), with only the redesign's tools: **Move**
(click a station, crate or chef's start, then the cell it goes to) and **Pass counter**
(click the floor to add one, a counter to take it away); zones are repainted with their
brushes; roles and protocols are on the side. The budget left is always in the title, and
each change is listed in plain words under Changes. The model is
:class:`kitchen.content.redesign.RedesignDraft`; nothing is saved here (the Improve screen
saves the redesign with the cycle).
"""

from __future__ import annotations

from typing import Any

import pygame
from typing_extensions import override

from kitchen.content.redesign import Cell, RedesignDraft
from kitchen.i18n import N_, _
from kitchen.ui.host import Host
from kitchen.ui.names import zone_name
from kitchen.ui.render.editor_canvas import zone_tint
from kitchen.ui.render.editor_panels import TEXT, PanelBuilder, Widget, problems_panel
from kitchen.ui.render.improve_panels import (
    REDESIGN_TABS,
    budget_line,
    changes_panel,
    protocols_panel,
    roles_panel,
)
from kitchen.ui.render.shapes import panel
from kitchen.ui.scenes.editor import PALETTE, SIDE, STATUS_Y, TAB_H, EditorScene
from kitchen.ui.theme import TEXT_SMALL

TOOLS = (("move", N_("Move")), ("counter", N_("Pass counter")))
"""The redesign's tools and their names (English: shown with ``_()``)."""


class RedesignScene(EditorScene):
    """The editor limited to a redesign's changes (``redesign``: the team's draft)."""

    return_label = ""
    """Rounds are not started from here, so none offers a way back to it."""

    def __init__(self, app: Host, redesign: RedesignDraft) -> None:
        super().__init__(app, draft=redesign.draft)
        self.redesign = redesign
        self.brush = ("move", "")
        self.tab = "Changes"
        self.holding: Cell | None = None
        """Move: the cell of the thing picked up, until it is put down."""

    # --- what the screen shows -------------------------------------------------------

    @override
    def palette_rects(self) -> list[tuple[pygame.Rect, tuple[str, str], str]]:
        out = []
        tools = [
            t
            for t in TOOLS
            if ("move" if t[0] == "move" else "pass_counter") in self.redesign.rules.allow
        ]
        for i, (kind, label) in enumerate(tools):
            r = pygame.Rect(PALETTE.x + 8, PALETTE.y + 52 + i * 58, PALETTE.width - 16, 50)
            out.append((r, (kind, ""), _(label)))
        if "zone" not in self.redesign.rules.allow or not self.draft.zone_names():
            return out
        top = PALETTE.y + 52 + len(tools) * 58 + 56
        zones = [*self.draft.zone_names().items(), (".", _("no zone"))]
        labels = [zone_name(name) if letter != "." else name for letter, name in zones]
        # two brushes a row when every name fits beside its swatch, else one (préparation)
        columns = 2 if all(self.app.text.size(w, TEXT)[0] <= 176 - 58 for w in labels) else 1
        width = (PALETTE.width - 16 - 6 * (columns - 1)) // columns
        for i, ((letter, _name), label) in enumerate(zip(zones, labels, strict=True)):
            x = PALETTE.x + 8 + (i % columns) * (width + 6)
            r = pygame.Rect(x, top + (i // columns) * 54, width, 48)
            out.append((r, ("zone", letter), label))
        return out

    @override
    def tab_rects(self) -> list[tuple[pygame.Rect, str]]:
        w = SIDE.width // 2
        return [
            (pygame.Rect(SIDE.x + (i % 2) * w, SIDE.y + (i // 2) * TAB_H, w - 6, TAB_H - 6), name)
            for i, name in enumerate(REDESIGN_TABS)
        ]

    @override
    def top_buttons(self) -> list[Widget]:
        specs = [(_("Undo"), self.undo), (_("Redo"), self.redo), (_("Done"), self.back)]
        out, right = [], 1904
        for text, action in reversed(specs):
            w = self.app.text.size(text, TEXT_SMALL)[0] + 36
            right -= w
            out.append(Widget("button", text, pygame.Rect(right, 24, w, 64), action))
            right -= 12
        return out

    @override
    def panel_widgets(self) -> list[Widget]:
        top = SIDE.y + 2 * TAB_H + 8
        b = PanelBuilder(
            SIDE.x + 8, top - self.scroll, SIDE.width - 16, lambda s: self.app.text.size(s, TEXT)[0]
        )
        b.wrap = lambda s, w: self.app.text.wrap(s, TEXT, w)
        if self.tab == "Roles":
            roles_panel(b, self.redesign)
        elif self.tab == "Protocols":
            protocols_panel(b, self.redesign, self.protocol)
        elif self.tab == "Problems":
            problems_panel(b, self.draft, self.check)
        else:
            changes_panel(b, self.redesign)
        self.content_height = b.y + self.scroll - top
        return b.widgets

    # --- actions ---------------------------------------------------------------------

    def protocol(self, name: str) -> None:
        """Adopt a protocol, or drop it."""
        self.redesign.toggle_protocol(name)
        self.message = self.redesign.refused

    @override
    def save(self) -> None:
        self.message = _("Done takes the redesign back to the plan; it is saved with the cycle")

    @override
    def try_it(self) -> None:
        self.save()

    @override
    def watch(self) -> None:
        self.save()

    @override
    def back(self) -> None:
        """Back to the plan (the redesign is kept there, not saved yet)."""
        self.app.pop()

    def tool_click(self, cell: Cell) -> None:
        """A click on the map with Move or Pass counter."""
        r = self.redesign
        if self.brush[0] == "counter":
            r.toggle_counter(cell)
            self.message = r.refused
        elif self.holding is None:
            if r.movable(cell):
                self.holding = cell
                self.message = _("Now click where it goes ({budget})").format(budget=budget_line(r))
            else:
                self.message = _("Click a station, crate, counter or chef's start to move it")
        else:
            source, self.holding = self.holding, None
            kept = r.move(source, cell)
            self.message = r.refused if not kept else ""

    # --- input -----------------------------------------------------------------------

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.asking is None and event.type == pygame.MOUSEBUTTONDOWN:
            cell = self._cell(self.app.to_logical(event.pos))
            if cell is not None and event.button == 3:
                self.holding = None  # right-click: put back what was picked up
                return
            if cell is not None and event.button == 1 and self.brush[0] in ("move", "counter"):
                self.leaving = False
                self.tool_click(cell)
                return
        before = self.brush
        super().handle_event(event)
        if self.brush != before:
            self.holding = None
        if not self.painting and self.redesign.refusal():
            self.redesign.keep_or_refuse()  # a zone stroke or a role change over the budget
            self.message = self.redesign.refused

    # --- drawing ---------------------------------------------------------------------

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t, text = self.theme, self.app.text
        surface.fill(t.backdrop)
        text.draw(surface, _("Improve: change your kitchen"), 60, t.accent, (24, 16))
        line = _("{budget}   (each change is listed under Changes)").format(
            budget=budget_line(self.redesign)
        )
        text.draw(surface, line, TEXT, t.text, (26, 72))
        for widget in self.top_buttons():
            self._button(surface, widget, TEXT_SMALL)
        self._palette(surface)
        self.canvas.draw(surface, self.draft, self.check, self.hover, self.brush[0] == "zone")
        if self.holding is not None:
            r = self.canvas.cell_rect(*self.holding)
            pygame.draw.rect(surface, t.good, r, max(5, self.canvas.cell // 10))
        self._side(surface)
        self._status(surface)

    @override
    def _palette(self, surface: pygame.Surface) -> None:
        t, text = self.theme, self.app.text
        panel(surface, PALETTE, t.panel, t.panel_edge, radius=14, width=3)
        text.draw(surface, _("Tools"), TEXT, t.accent, (PALETTE.x + 14, PALETTE.y + 10))
        letters = list(self.draft.zone_names())
        zone_title = False
        for rect, brush, label in self.palette_rects():
            chosen = brush == self.brush
            if brush[0] == "zone" and not zone_title:
                zone_title = True
                text.draw(surface, _("Redraw zones"), TEXT, t.accent, (PALETTE.x + 14, rect.y - 46))
            panel(
                surface, rect, t.accent if chosen else t.backdrop, t.panel_edge, radius=8, width=2
            )
            ink = t.accent_text if chosen else t.text
            if brush[0] == "zone":
                swatch = pygame.Rect(rect.x + 4, rect.y + 4, 40, 40)
                colour: Any = zone_tint(brush[1], letters)[:3] if brush[1] != "." else t.floor_a
                pygame.draw.rect(surface, colour, swatch, border_radius=6)
                text.draw(surface, label[:11], TEXT, ink, (rect.x + 52, rect.centery), "midleft")
            else:
                text.draw(surface, label, TEXT, ink, (rect.x + 16, rect.centery), "midleft")
        y = PALETTE.bottom - 150
        hint = (
            _("Move: click a thing, then where it goes. Right-click: put it back.")
            if self.brush[0] == "move"
            else _("Click the floor for a pass counter, a counter to take it away.")
            if self.brush[0] == "counter"
            else _("Drag to repaint the zone.")
        )
        text.draw_wrapped(
            surface, hint, TEXT, t.text_dim, pygame.Rect(PALETTE.x + 14, y, PALETTE.width - 28, 140)
        )

    @override
    def _status(self, surface: pygame.Surface) -> None:
        if self.hover is not None or self.message or not self.check.ok:
            super()._status(surface)
            return
        line = _("The kitchen is valid: Done takes it back to the plan")
        self.app.text.draw(surface, line, TEXT, self.theme.text_dim, (24, STATUS_Y))
        self._keys(surface)

    @override
    def _keys(self, surface: pygame.Surface) -> None:
        keys = _("Ctrl+Z / Ctrl+Y: undo / redo   Esc or Done: back to the plan")
        self.app.text.draw(surface, keys, TEXT, self.theme.text_dim, (24, STATUS_Y + 40))
