"""The level editor's side panels: the level's settings, the menu of recipes, the order
pacing, the disruption schedule, zones and roles, and the list of problems.

Each panel is a list of :class:`Widget` (a line of text, a value with buttons, a toggle),
laid out top to bottom; the editor screen draws them and calls a widget's action when it
is clicked. The problems about a field are shown under it, in ``kitchen validate``'s words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from kitchen.content.builtins import BUILTIN_RECIPES
from kitchen.content.level_edit import Check, LevelDraft
from kitchen.content.source import KeyPath
from kitchen.i18n import N_, LocalText, _, localize, ngettext
from kitchen.ui.render.words import title_words
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Colour

TABS = (N_("Level"), N_("Menu"), N_("Orders"), N_("Disruptions"), N_("Zones"), N_("Problems"))
"""The panel tabs (ids in English: draw each with ``_()``)."""
ROW = 46
"""Height of one line of a panel."""
TEXT = 36
"""Panel text size (24 px at 1080p)."""

Action = Callable[[], Any]


@dataclass
class Widget:
    """One thing in a panel: ``kind`` is ``heading``, ``text``, ``problem``, ``button`` or
    ``toggle`` (``on`` says whether it is ticked)."""

    kind: str
    text: str
    rect: pygame.Rect
    action: Action | None = None
    on: bool = False


class PanelBuilder:
    """Lays widgets out down a column of ``width`` pixels from ``(x, y)``."""

    def __init__(self, x: int, y: int, width: int, text_width: Callable[[str], int]) -> None:
        self.x, self.y, self.width = x, y, width
        self.widgets: list[Widget] = []
        self.text_width = text_width
        self.wrap: Callable[[str, int], list[str]] | None = None

    def heading(self, text: str) -> None:
        """A heading, with a little space above it."""
        self.y += 10
        self.widgets.append(Widget("heading", text, pygame.Rect(self.x, self.y, self.width, ROW)))
        self.y += ROW

    def text(self, text: str, kind: str = "text") -> None:
        """A line (wrapped to the panel's width) of plain text or a problem."""
        lines = self.wrap(text, self.width - 16) if self.wrap else [text]
        for line in lines:
            rect = pygame.Rect(self.x + 8, self.y, self.width - 16, ROW - 8)
            self.widgets.append(Widget(kind, line, rect))
            self.y += ROW - 8
        self.y += 6

    def problems(self, messages: list[str]) -> None:
        """The problems about the field just above."""
        for message in messages:
            self.text(message, "problem")

    def row(self, label: str, buttons: list[Any], on: bool | None = None) -> None:
        """A label with buttons at the right, each ``(text, action)`` or ``(text, action,
        chosen)`` (``on``: the label is a toggle)."""
        right = self.x + self.width
        for button in reversed(buttons):
            text, action = button[0], button[1]
            w = max(ROW, self.text_width(text) + 24)
            right -= w
            rect = pygame.Rect(right, self.y, w, ROW - 6)
            self.widgets.append(Widget("button", text, rect, action, len(button) > 2 and button[2]))
            right -= 8
        rect = pygame.Rect(self.x, self.y, right - self.x, ROW - 6)
        room = rect.width - (12 if on is None else 50)
        while self.text_width(label) > room and len(label) > 4:
            label = label[:-4].rstrip() + "..."
        if on is None:
            self.widgets.append(Widget("text", label, rect.move(8, 4)))
        else:
            self.widgets.append(Widget("toggle", label, rect, None, on))
        self.y += ROW

    def toggle(
        self, label: str, on: bool, action: Action, extra: list[tuple[str, Action]] | None = None
    ) -> None:
        """A tick box with its label; clicking either changes it."""
        self.row(label, extra or [], on=on)
        self.widgets[-1].action = action

    def button(self, text: str, action: Action) -> None:
        """A button as wide as the panel."""
        self.widgets.append(
            Widget("button", text, pygame.Rect(self.x, self.y, self.width, ROW - 6), action)
        )
        self.y += ROW


def number(
    b: PanelBuilder,
    draft: LevelDraft,
    check: Check,
    label: str,
    path: KeyPath,
    step: float,
    default: float,
    low: float,
    high: float,
    unit: str = "",
) -> None:
    """A number with - and + buttons, and the problems about it."""
    value = draft.value(path, default)
    shown = f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else "-"
    b.row(
        _("{label}: {value}{unit}").format(label=label, value=shown, unit=unit),
        [
            ("-", lambda: draft.nudge(path, -step, default, low, high)),
            ("+", lambda: draft.nudge(path, step, default, low, high)),
        ],
    )
    b.problems(check.fields.get(".".join(str(p) for p in path), []))


def level_panel(b: PanelBuilder, draft: LevelDraft, check: Check, ask: Callable[..., None]) -> None:
    """Name and title, map size, round length, chefs and stars."""
    b.heading(_("Level"))
    title = draft.value(("title",), "") or "-"
    shown = title if isinstance(title, str) else localize(LocalText.of(title))
    b.row(_("Title"), [(_("Edit"), lambda: ask(_("Title"), ("title",)))])
    b.text(shown)  # wrapped: a long title is never cut
    b.problems(check.about("title"))
    name = draft.value(("name",), "")
    b.row(_("Name: {name}").format(name=name), [(_("Edit"), lambda: ask(_("Name"), ("name",)))])
    b.problems(check.about("name"))
    width, height = draft.size
    b.heading(_("Map size"))
    b.row(
        _("Width: {n}").format(n=width),
        [
            ("-", lambda: draft.resize(width - 1, height)),
            ("+", lambda: draft.resize(width + 1, height)),
        ],
    )
    b.row(
        _("Height: {n}").format(n=height),
        [
            ("-", lambda: draft.resize(width, height - 1)),
            ("+", lambda: draft.resize(width, height + 1)),
        ],
    )
    b.heading(_("Round"))
    number(b, draft, check, _("Length"), ("round", "seconds"), 10, 180, 10, 3600, " s")
    number(b, draft, check, _("Fewest chefs"), ("players", "min"), 1, 1, 1, 4)
    b.heading(_("Stars (scores for 1, 2, 3)"))
    stars = draft.value(("scoring", "stars"), [20, 60, 100])
    if isinstance(stars, list) and len(stars) == 3:
        for i in range(3):
            b.row(
                ngettext("{n} star: {score}", "{n} stars: {score}", i + 1).format(
                    n=i + 1, score=stars[i]
                ),
                [("-", _star(draft, i, -5)), ("+", _star(draft, i, 5))],
            )
    b.problems(check.about("scoring"))


def _star(draft: LevelDraft, index: int, step: int) -> Action:
    def change() -> None:
        stars = list(draft.value(("scoring", "stars"), [20, 60, 100]))
        stars[index] = max(0, stars[index] + step)
        draft.set_value(("scoring", "stars"), stars)

    return change


def menu_panel(b: PanelBuilder, draft: LevelDraft, check: Check) -> None:
    """The recipes: built-ins on or off, and each one's value and cooking time."""
    b.heading(_("Recipes on the menu"))
    names = draft.recipe_names()
    for name in [*BUILTIN_RECIPES, *[n for n in names if n not in BUILTIN_RECIPES]]:
        on = name in names
        title = BUILTIN_RECIPES.get(name, {}).get("title", name.replace("_", " ").capitalize())
        title = title_words(title)
        b.toggle(title, on, lambda name=name: draft.toggle_recipe(name))
        if on:
            value = draft.recipe_field(name, "value")
            b.row(
                "    " + _("points: {n}").format(n=value),
                [
                    (
                        "-",
                        lambda n=name, v=value: draft.set_recipe_field(n, "value", max(0, v - 2)),
                    ),
                    ("+", lambda n=name, v=value: draft.set_recipe_field(n, "value", v + 2)),
                ],
            )
            if BUILTIN_RECIPES.get(name, {}).get("cook") or _written(draft, name, "cook"):
                cook = draft.recipe_field(name, "cook_seconds")
                b.row(
                    "    " + _("cooks: {seconds} s").format(seconds=f"{cook:g}"),
                    [
                        (
                            "-",
                            lambda n=name, c=cook: draft.set_recipe_field(
                                n, "cook_seconds", max(1, c - 1)
                            ),
                        ),
                        (
                            "+",
                            lambda n=name, c=cook: draft.set_recipe_field(n, "cook_seconds", c + 1),
                        ),
                    ],
                )
    recipes = draft.value(("recipes",), [])
    for i in range(len(recipes) if isinstance(recipes, list) else 0):
        b.problems(check.about(f"recipes[{i}]"))
    b.problems(check.fields.get("recipes", []))


def _written(draft: LevelDraft, name: str, key: str) -> bool:
    recipes = draft.value(("recipes",), [])
    return any(isinstance(r, dict) and r.get("name") == name and r.get(key) for r in recipes or [])


def orders_panel(b: PanelBuilder, draft: LevelDraft, check: Check) -> None:
    """How tickets arrive: patience and the random generator's pacing and weights."""
    b.heading(_("Tickets"))
    number(b, draft, check, _("Patience"), ("orders", "patience"), 5, 60, 5, 600, " s")
    schedule = draft.value(("orders", "schedule"), [])
    if schedule:
        b.text(
            ngettext(
                "{n} ticket at a set time (edit it in the file)",
                "{n} tickets at set times (edit them in the file)",
                len(schedule),
            ).format(n=len(schedule))
        )
        b.problems(check.about("orders.schedule"))
    gen = ("orders", "generator")
    b.heading(_("Random tickets"))
    number(b, draft, check, _("First after"), (*gen, "start"), 2, 0, 0, 600, " s")
    every = draft.value((*gen, "every"), [18, 28])
    if isinstance(every, list) and len(every) == 2:
        for i, label in enumerate((_("Shortest gap"), _("Longest gap"))):
            words = _("{label}: {value} s").format(label=label, value=f"{every[i]:g}")
            b.row(words, [("-", _gap(draft, i, -2)), ("+", _gap(draft, i, 2))])
    number(b, draft, check, _("Most open at once"), (*gen, "max_active"), 1, 4, 1, 12)
    b.problems(check.about("orders.generator"))
    weights = draft.value((*gen, "weights"), None)
    if isinstance(weights, dict) or len(draft.recipe_names()) > 1:
        b.heading(_("How often each recipe comes"))
        for name in draft.recipe_names():
            w = weights.get(name, 0) if isinstance(weights, dict) else 1
            b.row(
                f"{name.replace('_', ' ')}: {w}",
                [("-", _weight(draft, name, -1)), ("+", _weight(draft, name, 1))],
            )


def _gap(draft: LevelDraft, index: int, step: int) -> Action:
    def change() -> None:
        every = list(draft.value(("orders", "generator", "every"), [18, 28]))
        every[index] = max(1, every[index] + step)
        draft.set_value(("orders", "generator", "every"), every)

    return change


def _weight(draft: LevelDraft, name: str, step: int) -> Action:
    def change() -> None:
        current = draft.value(("orders", "generator", "weights"), None)
        weights = (
            dict(current) if isinstance(current, dict) else dict.fromkeys(draft.recipe_names(), 1)
        )
        weights[name] = max(0, min(100, weights.get(name, 0) + step))
        draft.set_value(("orders", "generator", "weights"), weights)

    return change


NEW_DISRUPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        N_("+ A stove breaks"),
        {
            "kind": "breakdown",
            "target": "stove",
            "at": 60,
            "repair_seconds": 4,
            "label": N_("Stove fails"),
        },
    ),
    (N_("+ A rush of tickets"), {"kind": "surge", "count": 3, "at": 90, "label": N_("Rush")}),
    (
        N_("+ The serving window jams"),
        {
            "kind": "breakdown",
            "target": "serve",
            "at": 120,
            "duration": 20,
            "label": N_("Window jammed"),
        },
    ),
)


def disruptions_panel(
    b: PanelBuilder, draft: LevelDraft, check: Check, ask: Callable[..., None]
) -> None:
    """The schedule of disruptions: when each starts and how long it lasts."""
    b.heading(_("Disruptions"))
    entries = draft.value(("disruptions",), [])
    if not entries:
        b.text(_("None yet: add one below."))
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        label = entry.get("label") or entry.get("kind", "?")
        b.row(
            f"{i + 1}. {label}",
            [
                (_("Rename"), lambda i=i: ask(_("Label"), ("disruptions", i, "label"))),
                ("x", lambda i=i: draft.remove_disruption(i)),
            ],
        )
        at = entry.get("at")
        if at is None:
            b.row(
                "    " + _("facilitator only"),
                [(_("Set a time"), lambda i=i: draft.set_value(("disruptions", i, "at"), 60))],
            )
        else:
            number(
                b,
                draft,
                check,
                "    " + _("starts at"),
                ("disruptions", i, "at"),
                5,
                60,
                0,
                3600,
                " s",
            )
        if "duration" in entry:
            number(
                b,
                draft,
                check,
                "    " + _("lasts"),
                ("disruptions", i, "duration"),
                5,
                20,
                1,
                3600,
                " s",
            )
        b.problems(check.about(f"disruptions[{i}]"))
    b.y += 8
    for text, entry in NEW_DISRUPTIONS:
        b.button(_(text), lambda entry=entry: draft.add_disruption(_entry(entry)))


def zones_panel(
    b: PanelBuilder,
    draft: LevelDraft,
    check: Check,
    ask: Callable[..., None],
    brush: Callable[[str], None],
) -> None:
    """Zones (paint them with their brushes on the left) and the roles that may use them."""
    b.heading(_("Zones"))
    names = draft.zone_names()
    for letter, name in names.items():
        b.row(
            f"{letter}: {name}",
            [
                (_("Paint"), lambda letter=letter: brush(letter)),
                (
                    _("Rename"),
                    lambda letter=letter: ask(_("Zone name"), ("zones", "names", letter)),
                ),
                ("x", lambda letter=letter: draft.remove_zone(letter)),
            ],
        )
    b.problems(check.about("zones"))
    b.button(_("+ New zone"), lambda: brush(draft.add_zone()))
    roles = draft.roles()
    b.heading(_("Roles"))
    for role, settings in roles.items():
        players = settings.get("players") or []
        b.row(role.replace("_", " "), [("x", lambda role=role: draft.remove_role(role))])
        b.row(
            "    " + _("chefs"),
            [
                (str(p), lambda role=role, p=p: draft.toggle_role_player(role, p), p in players)
                for p in (1, 2, 3, 4)
            ],
        )
        allowed = settings.get("zones")
        for name in names.values():
            b.toggle(
                "    " + _("may stand in {zone}").format(zone=name),
                allowed is None or name in allowed,
                lambda role=role, name=name: _zone_toggle(draft, role, name, list(names.values())),
            )
        b.toggle(
            "    " + _("reads the tickets"),
            settings.get("sees_tickets", True),
            lambda role=role: _flip(draft, role, "sees_tickets"),
        )
        b.toggle(
            "    " + _("may serve"),
            settings.get("may_serve", True),
            lambda role=role: _flip(draft, role, "may_serve"),
        )
        b.problems(check.about(f"roles.{role}"))
    b.button(_("+ New role"), draft.add_role)


def _entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A new disruption as the editor adds it: its label in the language in force."""
    return {**entry, "label": _(entry["label"])}


def _zone_toggle(draft: LevelDraft, role: str, zone: str, every: list[str]) -> None:
    """No list means any zone: the first click on one makes the list of all the others."""
    allowed = draft.roles()[role].get("zones")
    if allowed is None:
        draft.set_value(("roles", role, "zones"), [z for z in every if z != zone])
    else:
        draft.toggle_role_zone(role, zone)


def _flip(draft: LevelDraft, role: str, key: str) -> None:
    current = draft.roles()[role].get(key, True)
    draft.set_value(("roles", role, key), None if not current else False)


def problems_panel(b: PanelBuilder, draft: LevelDraft, check: Check) -> None:
    """Every problem, as ``kitchen validate`` prints it."""
    if check.ok:
        b.heading(_("No problems"))
        b.text(_("The level is valid: try it, or save it."))
        return
    n = len(check.problems)
    b.heading(ngettext("{n} problem", "{n} problems", n).format(n=n))
    for problem in check.problems:
        b.text(str(problem), "problem")


SMALLEST_LABEL = 30
"""A palette label's last-resort size (a single word longer than its button at
:data:`TEXT`; no shipped name in English or French needs it)."""


def draw_fitted_label(
    surface: pygame.Surface, text: TextCache, label: str, colour: Colour, area: pygame.Rect
) -> None:
    """Draw ``label`` whole inside ``area`` (a palette button beside its swatch), centred
    on its height: on one line at :data:`TEXT` where it fits, else on two lines (``Plan de
    travail``), else, as a last resort, smaller on one line. Never cut."""
    size = TEXT
    lines = text.wrap(label, size, area.width)
    if len(lines) > 1:
        fits = all(text.size(line, size)[0] <= area.width for line in lines)
        if len(lines) == 2 and fits:
            pitch = min(text.font(size).get_linesize(), area.height // 2)
            for i, line in enumerate(lines):
                y = area.centery + (i - 0.5) * pitch
                text.draw(surface, line, size, colour, (area.x, y), "midleft")
            return
        lines = [label]
    while size > SMALLEST_LABEL and text.size(lines[0], size)[0] > area.width:
        size -= 2
    text.draw(surface, lines[0], size, colour, area.midleft, "midleft")
