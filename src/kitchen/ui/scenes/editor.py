"""The visual level editor (``kitchen edit LEVEL``, or E on the level select).

Paint the map with the palette on the left (drag to paint, right-click a cell to pick up
its tool), paint zones with the zone brushes, and set everything else in the panels on the
right. Problems are checked as you go by the loader itself and marked on the cells and
fields they are about, in ``kitchen validate``'s words. "Try it" plays the level at once
(people, computer cooks or both) and comes back here; Save writes the file keeping
everything not edited as it was (a shipped level is saved as a copy in the user's levels
folder). The model is :class:`kitchen.content.level_edit.LevelDraft`; this screen only
draws it and turns input into its edits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
from typing_extensions import override

from kitchen import i18n
from kitchen.content.level_edit import Check, LevelDraft, Tool, is_shipped, palette
from kitchen.content.problems import SourceError
from kitchen.i18n import N_, _, ngettext
from kitchen.paths import WontOverwrite
from kitchen.ui.host import Host
from kitchen.ui.render.editor_canvas import EditorCanvas, zone_tint
from kitchen.ui.render.editor_panels import (
    ROW,
    TABS,
    TEXT,
    PanelBuilder,
    Widget,
    disruptions_panel,
    draw_fitted_label,
    level_panel,
    menu_panel,
    orders_panel,
    problems_panel,
    zones_panel,
)
from kitchen.ui.render.grid import Pens
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.words import title_words
from kitchen.ui.scenes.base import Scene
from kitchen.ui.theme import TEXT_SMALL

CANVAS = pygame.Rect(484, 124, 932, 836)
PALETTE = pygame.Rect(16, 124, 454, 850)
BUTTON_W = (PALETTE.width - 22) // 2
"""A palette button's width (two columns): room beside its swatch for a French name
(*Champignon*) at the panel's text size."""
SIDE = pygame.Rect(1432, 124, 472, 850)
TAB_H = 50
STATUS_Y = 1000
TILE_TITLES = {
    "floor": N_("Floor"),
    "counter": N_("Counter"),
    "wall": N_("Wall"),
    "stove": N_("Stove"),
    "board": N_("Board"),
    "plates": N_("Plates"),
    "serve": N_("Serving"),
    "bin": N_("Bin"),
    "sink": N_("Sink"),
    "dirty_return": N_("Dirty return"),
}
"""The palette's names of the built-in tiles (``content.level_edit``'s, marked for the
catalogue)."""


def tool_label(tool: Tool, short: bool = False) -> str:
    """A palette tool's name in the language in force (``short``: as its button shows it:
    a crate by its ingredient, the dirty-plate return as *Returns*)."""
    if tool.kind == "crate" and tool.ingredient:
        name = title_words(tool.ingredient.replace("_", " ").capitalize())
        return name if short else _("{ingredient} crate").format(ingredient=name)
    if tool.kind == "start":
        return _("Chef {n}").format(n=tool.label.rpartition(" ")[2])
    if short and tool.kind == "dirty_return":
        return _("Returns")
    title = TILE_TITLES.get(tool.kind)
    return _(title) if title is not None else tool.label


class EditorScene(Scene):
    """Edits one level. Give ``draft`` (a level being edited) or ``path`` (a file to open)."""

    return_label = N_("Back to the editor")
    """Screens opened from here (a try-out round) offer to come back with these words."""

    def __init__(
        self, app: Host, draft: LevelDraft | None = None, path: Path | None = None
    ) -> None:
        super().__init__(app)
        self.message = ""
        if draft is None:
            try:
                draft = LevelDraft.open(path) if path is not None else LevelDraft.new()
            except SourceError as err:
                draft = LevelDraft.new()
                self.message = _("Could not open the file: {reason}").format(reason=err.problems[0])
        self.draft = draft
        self.canvas = EditorCanvas(CANVAS, Pens(app.theme, app.icons, app.text))
        self.brush: tuple[str, str] = ("map", "X")
        self.tab = "Level"
        self.scroll = 0
        self.hover: tuple[int, int] | None = None
        self.painting = False
        self._last_check: Check | None = None
        self.asking: tuple[str, tuple[Any, ...], str] | None = None
        self.leaving = False
        self.widgets: list[Widget] = []
        self.buttons: list[Widget] = []

    # --- what the screen shows -------------------------------------------------------

    @property
    def check(self) -> Check:
        """The level's problems now (checked again after each edit; during a drag, the
        check from before it, so painting stays smooth)."""
        if self.painting and self._last_check is not None:
            return self._last_check
        self._last_check = self.draft.check()
        return self._last_check

    def tools(self) -> list[Tool]:
        """The map palette."""
        return palette(self.draft.data)

    def palette_rects(self) -> list[tuple[pygame.Rect, tuple[str, str], str]]:
        """Each palette button: where, its brush, its label (map tools, then zone brushes)."""
        out = []
        for i, tool in enumerate(self.tools()):
            x = PALETTE.x + 8 + (i % 2) * (BUTTON_W + 6)
            r = pygame.Rect(x, PALETTE.y + 52 + (i // 2) * 54, BUTTON_W, 48)
            out.append((r, ("map", tool.char), tool_label(tool, short=True)))
        top = PALETTE.y + 52 + ((len(self.tools()) + 1) // 2) * 54 + 56
        zones = [*self.draft.zone_names().items(), (".", _("no zone"))]
        for i, (letter, name) in enumerate(zones):
            x = PALETTE.x + 8 + (i % 2) * (BUTTON_W + 6)
            r = pygame.Rect(x, top + (i // 2) * 54, BUTTON_W, 48)
            out.append((r, ("zone", letter), name.replace("_", " ")))
        return out

    def tab_rects(self) -> list[tuple[pygame.Rect, str]]:
        """The panel tabs, in two rows of three."""
        w = SIDE.width // 3
        return [
            (pygame.Rect(SIDE.x + (i % 3) * w, SIDE.y + (i // 3) * TAB_H, w - 6, TAB_H - 6), name)
            for i, name in enumerate(TABS)
        ]

    def top_buttons(self) -> list[Widget]:
        """Undo, redo, save, try it, watch the computer cooks, back."""
        specs = [
            (_("Undo"), self.undo),
            (_("Redo"), self.redo),
            (_("Save"), self.save),
            (_("Try it"), self.try_it),
            (_("Watch cooks"), self.watch),
            (_("Back"), self.back),
        ]
        out, right = [], 1904
        for text, action in reversed(specs):
            w = self.app.text.size(text, TEXT_SMALL)[0] + 36
            right -= w
            out.append(Widget("button", text, pygame.Rect(right, 24, w, 64), action))
            right -= 12
        return out

    def panel_widgets(self) -> list[Widget]:
        """The current tab's widgets, scrolled."""
        top = SIDE.y + 2 * TAB_H + 8
        b = PanelBuilder(
            SIDE.x + 8, top - self.scroll, SIDE.width - 16, lambda s: self.app.text.size(s, TEXT)[0]
        )
        b.wrap = lambda s, w: self.app.text.wrap(s, TEXT, w)
        check, draft = self.check, self.draft
        if self.tab == "Level":
            level_panel(b, draft, check, self.ask)
        elif self.tab == "Menu":
            menu_panel(b, draft, check)
        elif self.tab == "Orders":
            orders_panel(b, draft, check)
        elif self.tab == "Disruptions":
            disruptions_panel(b, draft, check, self.ask)
        elif self.tab == "Zones":
            zones_panel(b, draft, check, self.ask, self.zone_brush)
        else:
            problems_panel(b, draft, check)
        self.content_height = b.y + self.scroll - top
        return b.widgets

    # --- actions ---------------------------------------------------------------------

    def zone_brush(self, letter: str) -> None:
        """Paint zone ``letter`` on the map."""
        self.brush = ("zone", letter)

    def undo(self) -> None:
        """Undo the last edit."""
        self.message = "" if self.draft.undo() else _("Nothing to undo")

    def redo(self) -> None:
        """Redo the last undone edit."""
        self.message = "" if self.draft.redo() else _("Nothing to redo")

    def save(self) -> None:
        """Save the file (a shipped or new level: a copy in the user's levels folder)."""
        draft = self.draft
        try:
            if draft.path is None or is_shipped(draft.path):
                where = draft.save(draft.copy_path())
                self.message = _("Saved a copy: {path}").format(path=where)
            else:
                where = draft.save()
                self.message = _("Saved {path}").format(path=where)
        except WontOverwrite as err:
            self.message = _("Not saved: {path}: {reason}").format(path=err.path, reason=err.reason)
        if not self.check.ok:
            n = len(self.check.problems)
            self.message += " " + ngettext(
                "({n} problem still to fix)", "({n} problems still to fix)", n
            ).format(n=n)

    def _playable(self) -> Any:
        level = self.check.level
        if level is None:
            n = len(self.check.problems)
            self.message = ngettext(
                "Fix the {n} problem first (marked in red)",
                "Fix the {n} problems first (marked in red)",
                n,
            ).format(n=n)
            self.tab = "Problems"
            self.app.audio.play("wrong")
        return level

    def try_it(self) -> None:
        """Play the level now: people join with their keys, computer cooks fill the rest."""
        level = self._playable()
        if level is not None:
            self.app.go("join", level=level, path=None, bots=True)

    def watch(self) -> None:
        """Watch computer cooks play the level now."""
        level = self._playable()
        if level is not None:
            self.app.go("play", level=level, path=None, seats=[], bots=True)

    def back(self) -> None:
        """Leave the editor (with unsaved edits, only when asked twice)."""
        if self.draft.changed and not self.leaving:
            self.leaving = True
            self.message = _(
                "Edits not saved: Ctrl+S saves, Esc or Back again leaves without saving"
            )
            return
        self.app.pop()

    def ask(self, label: str, path: tuple[Any, ...]) -> None:
        """Ask for a line of text for the field at ``path``."""
        current = self.draft.value(path, "")
        self.asking = (label, path, str(current or ""))
        pygame.key.start_text_input()

    def _answer(self, keep: bool) -> None:
        assert self.asking is not None
        label, path, text = self.asking
        self.asking = None
        pygame.key.stop_text_input()
        text = text.strip()
        if not keep:
            return
        if path[:2] == ("zones", "names"):
            self.draft.rename_zone(path[2], text)
        else:
            self.draft.set_value(path, text or None)

    # --- input -----------------------------------------------------------------------

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.asking is not None:
            self._typing(event)
            return
        if event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
            self._press(self.app.to_logical(event.pos), event.button)
        elif event.type == pygame.MOUSEMOTION:
            self.hover = self._cell(self.app.to_logical(event.pos))
            if self.painting and self.hover is not None:
                self._paint(self.hover)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.painting:
            self.painting = False
            self.draft.end()
        elif event.type == pygame.MOUSEWHEEL:
            most = max(0, getattr(self, "content_height", 0) - (SIDE.bottom - SIDE.y - 2 * TAB_H))
            self.scroll = max(0, min(most, self.scroll - event.y * ROW * 2))

    def _key(self, event: pygame.event.Event) -> None:
        ctrl = event.mod & pygame.KMOD_CTRL
        if ctrl and event.key == pygame.K_z:
            self.redo() if event.mod & pygame.KMOD_SHIFT else self.undo()
        elif ctrl and event.key == pygame.K_y:
            self.redo()
        elif ctrl and event.key == pygame.K_s:
            self.save()
        elif event.key == pygame.K_F5:
            self.try_it()
        elif event.key == pygame.K_ESCAPE:
            self.back()

    def _typing(self, event: pygame.event.Event) -> None:
        assert self.asking is not None
        label, path, text = self.asking
        if event.type == pygame.TEXTINPUT:
            self.asking = (label, path, (text + event.text)[:60])
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._answer(True)
            elif event.key == pygame.K_ESCAPE:
                self._answer(False)
            elif event.key == pygame.K_BACKSPACE:
                self.asking = (label, path, text[:-1])

    def _press(self, pos: tuple[int, int], button: int) -> None:
        self.leaving = False
        cell = self._cell(pos)
        if cell is not None:
            if button == 3:
                self._pick(cell)
                return
            self.painting = True
            self.draft.begin()
            self._paint(cell)
            return
        if button != 1:
            return
        body = pygame.Rect(SIDE.x, SIDE.y + 2 * TAB_H, SIDE.width, SIDE.height - 2 * TAB_H)
        widgets = self.top_buttons() + (self.panel_widgets() if body.collidepoint(pos) else [])
        for widget in widgets:
            if widget.action is not None and widget.rect.collidepoint(pos):
                widget.action()
                self.app.audio.play("click", 0.5)
                return
        for rect, brush, _label in self.palette_rects():
            if rect.collidepoint(pos):
                self.brush = brush
                return
        for rect, name in self.tab_rects():
            if rect.collidepoint(pos):
                self.tab, self.scroll = name, 0
                return

    def _cell(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        """The map cell under ``pos`` (the map may have changed size since it was drawn)."""
        self.canvas.fit(self.draft.size)
        return self.canvas.cell_at(pos)

    def _paint(self, cell: tuple[int, int]) -> None:
        kind, value = self.brush
        if kind == "map":
            self.draft.paint([cell], value)
        else:
            self.draft.paint_zone([cell], value)

    def _pick(self, cell: tuple[int, int]) -> None:
        """Right-click: take the cell's tool (or zone, when painting zones)."""
        if self.brush[0] == "zone":
            self.brush = ("zone", self.draft.zone_at(*cell))
            return
        char = self.draft.cell(*cell)
        if char == ".":
            char = " "
        if any(t.char == char for t in self.tools()):
            self.brush = ("map", char)

    # --- drawing ---------------------------------------------------------------------

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t, text = self.theme, self.app.text
        surface.fill(t.backdrop)
        draft = self.draft
        given = draft.value(("title",), "")
        if isinstance(given, dict):  # the title in each language: show the one in force
            given = given.get(i18n.current_language()) or given.get("en", "")
        title = str(given or draft.value(("name",), "") or _("New level"))
        mark = " *" if draft.changed else ""
        text.draw(surface, _("Editing: {title}").format(title=title) + mark, 60, t.accent, (24, 16))
        shown = draft.name if len(draft.name) < 60 else "..." + draft.name[-57:]
        note = "  " + _("(shipped: saved as a copy)") if is_shipped(draft.path) else ""
        text.draw(surface, f"{shown}{note}", TEXT, t.text_dim, (26, 68))
        for widget in self.top_buttons():
            self._button(surface, widget, TEXT_SMALL)
        self._palette(surface)
        self.canvas.draw(surface, draft, self.check, self.hover, self.brush[0] == "zone")
        self._side(surface)
        self._status(surface)
        if self.asking is not None:
            self._prompt(surface)

    def _button(self, surface: pygame.Surface, widget: Widget, size: int = TEXT) -> None:
        t = self.theme
        fill, ink = (t.accent, t.accent_text) if widget.on else (t.panel_edge, t.text)
        panel(surface, widget.rect, fill, t.text_dim, radius=10, width=2)
        self.app.text.draw(surface, widget.text, size, ink, widget.rect.center, "center")

    def _palette(self, surface: pygame.Surface) -> None:
        t, text = self.theme, self.app.text
        panel(surface, PALETTE, t.panel, t.panel_edge, radius=14, width=3)
        text.draw(surface, _("Paint the map"), TEXT, t.accent, (PALETTE.x + 14, PALETTE.y + 10))
        legend = (
            self.draft.data.get("legend") if isinstance(self.draft.data.get("legend"), dict) else {}
        )
        tools = {t.char: t for t in self.tools()}
        zone_title_drawn = False
        letters = list(self.draft.zone_names())
        for rect, brush, label in self.palette_rects():
            chosen = brush == self.brush
            if brush[0] == "zone" and not zone_title_drawn:
                zone_title_drawn = True
                text.draw(surface, _("Paint zones"), TEXT, t.accent, (PALETTE.x + 14, rect.y - 46))
            panel(
                surface, rect, t.accent if chosen else t.backdrop, t.panel_edge, radius=8, width=2
            )
            swatch = pygame.Rect(rect.x + 4, rect.y + 4, 40, 40)
            if brush[0] == "map":
                tool = tools[brush[1]]
                surface.blit(self.canvas.swatch(tool, legend or {}, 40), swatch)
                if tool.kind == "start":
                    self.canvas.draw_start(surface, swatch, int(tool.label.split()[-1]))
            else:
                colour = zone_tint(brush[1], letters)[:3] if brush[1] != "." else t.floor_a
                pygame.draw.rect(surface, colour, swatch, border_radius=6)
            ink = t.accent_text if chosen else t.text
            area = pygame.Rect(rect.x + 52, rect.y + 2, rect.width - 58, rect.height - 4)
            draw_fitted_label(surface, text, label, ink, area)

    def _side(self, surface: pygame.Surface) -> None:
        t, text = self.theme, self.app.text
        for rect, name in self.tab_rects():
            chosen = name == self.tab
            problems = name == "Problems" and not self.check.ok
            fill = t.accent if chosen else t.panel
            panel(surface, rect, fill, t.panel_edge, radius=8, width=2)
            label = f"{name} ({len(self.check.problems)})" if problems else name
            ink = t.accent_text if chosen else (t.danger_text if problems else t.text)
            text.draw(surface, label, TEXT, ink, rect.center, "center")
        body = pygame.Rect(SIDE.x, SIDE.y + 2 * TAB_H, SIDE.width, SIDE.height - 2 * TAB_H)
        panel(surface, body, t.panel, t.panel_edge, radius=12, width=3)
        inside = body.inflate(-6, -12)
        for widget in self.panel_widgets():
            if not inside.contains(widget.rect):
                continue
            if widget.kind == "button":
                self._button(surface, widget)
            elif widget.kind == "toggle":
                box = pygame.Rect(widget.rect.x + 6, widget.rect.centery - 14, 28, 28)
                pygame.draw.rect(surface, t.backdrop, box, border_radius=4)
                pygame.draw.rect(surface, t.text_dim, box, 2, border_radius=4)
                if widget.on:
                    pygame.draw.lines(
                        surface,
                        t.good,
                        False,
                        [
                            (box.x + 5, box.centery),
                            (box.centerx - 2, box.bottom - 6),
                            (box.right - 4, box.y + 5),
                        ],
                        4,
                    )
                text.draw(
                    surface,
                    widget.text.strip(),
                    TEXT,
                    t.text,
                    (box.right + 10, widget.rect.centery),
                    "midleft",
                )
            else:
                colour = {"heading": t.accent, "problem": t.danger_text}.get(widget.kind, t.text)
                text.draw(surface, widget.text, TEXT, colour, widget.rect.topleft)

    def _status(self, surface: pygame.Surface) -> None:
        t, text = self.theme, self.app.text
        line = self.message
        check = self.check
        if self.hover is not None and not line:
            x, y = self.hover
            char = self.draft.cell(x, y)
            tool = next(
                (tl for tl in self.tools() if tl.char == (" " if char == "." else char)), None
            )
            what = tool_label(tool) if tool else f"'{char}'"
            zone = self.draft.zone_names().get(self.draft.zone_at(x, y))
            line = f"[{x}, {y}] {what}"
            if zone:
                line = _("{cell}, zone {zone}").format(cell=line, zone=zone)
            issues = check.cells.get((x, y), []) + check.zone_cells.get((x, y), [])
            if issues:
                text.draw(
                    surface, f"{line}: {issues[0]}"[:150], TEXT, t.danger_text, (24, STATUS_Y)
                )
            else:
                text.draw(surface, line, TEXT, t.text, (24, STATUS_Y))
            self._keys(surface)
            return
        if not line:
            n = len(check.problems)
            line = (
                _("The level is valid: F5 tries it, Ctrl+S saves")
                if check.ok
                else ngettext(
                    "{n} problem: marked in red on the map, listed under Problems",
                    "{n} problems: marked in red on the map, listed under Problems",
                    n,
                ).format(n=n)
            )
        text.draw(
            surface, line[:150], TEXT, t.text_dim if check.ok else t.danger_text, (24, STATUS_Y)
        )
        self._keys(surface)

    def _keys(self, surface: pygame.Surface) -> None:
        keys = _("Drag: paint   Right-click: pick   Ctrl+Z / Ctrl+Y: undo / redo   Wheel: scroll")
        self.app.text.draw(surface, keys, TEXT, self.theme.text_dim, (24, STATUS_Y + 40))

    def _prompt(self, surface: pygame.Surface) -> None:
        assert self.asking is not None
        t, text = self.theme, self.app.text
        self.shade(surface)
        box = pygame.Rect(0, 0, 1000, 220)
        box.center = (960, 540)
        panel(surface, box, t.panel, t.accent, radius=16, width=4)
        label, _path, value = self.asking
        text.draw(
            surface,
            _("{label}:").format(label=label),
            TEXT_SMALL,
            t.accent,
            (box.x + 30, box.y + 24),
        )
        field = pygame.Rect(box.x + 30, box.y + 84, box.width - 60, 60)
        pygame.draw.rect(surface, t.backdrop, field, border_radius=8)
        text.draw(
            surface, value + "_", TEXT_SMALL, t.text, (field.x + 14, field.centery), "midleft"
        )
        text.draw(
            surface, _("Enter: keep   Esc: cancel"), TEXT, t.text_dim, (box.x + 30, box.bottom - 50)
        )
