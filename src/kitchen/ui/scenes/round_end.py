"""The end of a round: score, stars, orders, and what each chef did.

What each chef did is the debrief's per-chef measure of the round
(:func:`kitchen.debrief.metrics.compute_metrics`), so the two screens always agree; each
chef is named as the debrief and the report name it, with who played it when that was not a
person all round (``Chef 2 (computer)``, :func:`kitchen.debrief.people.chef_name`).
In the team-only view (**P** switches it; the settings' ``team_only_by_default`` says how
the screen opens) the table shows the team's totals and no number per chef, for showing the
results to the whole group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pygame

from kitchen.debrief.metrics import compute_metrics
from kitchen.debrief.people import chef_name, hands_by_chef
from kitchen.events import Event
from kitchen.i18n import N_, _, format_number
from kitchen.ui.host import Host
from kitchen.ui.render.icons import draw_star
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.timeline_view import fit_right
from kitchen.ui.return_point import go_back, return_point
from kitchen.ui.scenes.base import Scene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.team_only import TEAM_ONLY_KEY
from kitchen.ui.text import TextCache
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_SMALL, TEXT_TITLE, readable_on
from kitchen.ui.widgets import Menu, MenuItem

HEADS = (
    N_("Chef"),
    N_("Served"),
    N_("Prepared"),
    N_("Handed over"),
    N_("Received"),
    N_("Call-outs"),
)
"""The table's headings in English (looked up with ``_()`` when drawn)."""
COLUMNS = ("served", "prepared", "given", "received", "callouts")
"""The keys of :func:`chef_summary` shown under ``HEADS`` after the chef."""
TABLE = pygame.Rect(60, 592, 1240, 360)
HEAD_SIZE = 42
NAME_SIZE = 42
"""A chef's name in the table (``Chef 2 (computer)``)."""
DOT = 16
"""The radius of the dot in a chef's colour before its name."""
NAME_AT = 2 * DOT + 14
"""Where a chef's name starts in its column (after the dot)."""
MIN_COLUMN = 70
"""The narrowest column (a three-digit number)."""
MIN_GAP = 20
"""The least room between two columns' headings."""
MENU_X, MENU_WIDTH = 1600, 520
"""The menu's centre and width: right of the table, its top level with the table's."""
SAVED_Y = 1016
"""The middle of the line saying the round was saved, under the table (room above and below)."""


def chef_summary(events: Iterable[Event], players: Iterable[int]) -> list[dict[str, Any]]:
    """Per chef: dishes served, things prepared, hand-offs given and received, call-outs.

    Every number is the debrief's per-chef metric of the round (one source for each);
    ``hands`` says who played the chef (:meth:`kitchen.debrief.people.PeopleTimeline.hands`).
    """
    events = list(events)
    measured = {c["player"]: c for c in compute_metrics(events).chefs}
    hands = hands_by_chef(events)
    out = []
    for p in players:
        chef = measured.get(p, {})
        out.append(
            {
                "player": p,
                "hands": hands.get(p, ()),
                "served": chef.get("served", 0),
                "prepared": chef.get("prepared", 0),
                "given": chef.get("handoffs_given", 0),
                "received": chef.get("handoffs_received", 0),
                "callouts": chef.get("callouts", 0),
            }
        )
    return out


def team_totals(summary: list[dict[str, Any]]) -> dict[str, Any]:
    """The team's row of the table: each column of :func:`chef_summary` added up."""
    return {"player": None, **{key: sum(s.get(key, 0) for s in summary) for key in COLUMNS}}


class RoundEndScene(Scene):
    """Results of the round just played, and where to go next."""

    def __init__(self, app: Host, play: PlayScene) -> None:
        super().__init__(app)
        self.play = play
        self.round = play.round
        self.summary = chef_summary(play.events, sorted(self.round.chefs))
        self.team_only = app.settings.team_only_by_default
        """Whether the table shows only the team's totals (no number per chef)."""
        items = []
        back = return_point(app)  # a try-out round from the level editor goes back to it
        if back is not None:
            items.append(MenuItem(back[0], lambda: go_back(app, back[1])))
        if play.recorded.log_path is not None and app.can_go("debrief"):
            items.append(MenuItem(N_("Debrief this round"), self.debrief))
        items.append(MenuItem(N_("Play again"), self.again))
        # With the console in its own window the facilitator rates the round there: the
        # players' screen does not offer the form.
        in_console = getattr(app, "console_mode", "panel") == "window"
        if play.recorded.log_path is not None and app.can_go("observe") and not in_console:
            items.append(MenuItem(N_("Observe: rate the team"), self.observe))
        items += [
            MenuItem(N_("Choose another level"), self.levels),
            MenuItem(N_("Main menu"), self.menu_),
        ]
        self.menu = Menu(app, items, (MENU_X, 0), width=MENU_WIDTH, size=52)
        self.menu.center = (MENU_X, TABLE.y + len(items) * self.menu.row_h // 2)

    def debrief(self) -> None:
        """Open the debrief of this round."""
        self.app.go("debrief", log_path=self.play.recorded.log_path, team_only=self.team_only)

    def observe(self) -> None:
        """Open the facilitator's observation sheet (TEAM) for this round."""
        self.app.go("observe", log_path=self.play.recorded.log_path)

    def again(self) -> None:
        """Play the same level again with the same chefs."""
        p = self.play
        self.app.go(
            "play",
            how="replace",
            level=p.level,
            path=p.path,
            seats=p.seats,
            silos=p.silos,
            bots=p.bots,
            watch=p.watch,
        )

    def levels(self) -> None:
        """Back to the level list (over the main menu)."""
        self.app.go("title", how="reset")
        self.app.go("levels")

    def menu_(self) -> None:
        """Back to the main menu."""
        self.app.go("title", how="reset")

    def handle_event(self, event: pygame.event.Event) -> None:
        """The menu's keys, buttons and clicks; P switches the team-only view."""
        if event.type == pygame.KEYDOWN and event.key == TEAM_ONLY_KEY:
            self.team_only = not self.team_only
            return
        self.menu.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        """Stars, score, orders, the per-chef table and the menu."""
        t = self.theme
        rnd = self.round
        surface.fill(t.backdrop)
        self.app.text.draw(surface, _("Round over"), TEXT_HEADING, t.accent, (960, 70), "center")
        for i, need in enumerate(rnd.spec.scoring.stars):
            won = rnd.score >= need
            edge = t.text_dark if won else t.star_empty
            draw_star(surface, (760 + i * 200, 215), 80, t.star, edge, won)
        self._table(surface)
        self.menu.draw(surface)
        log = self.play.recorded.log_path
        if log is not None:  # the file's name only: where it is means nothing to the players
            line = _("Round saved for the debrief ({file})").format(file=log.name)
            saved = fit_left(self.app.text, line, TEXT_SMALL, TABLE.width)
            centre = (TABLE.centerx, SAVED_Y)
            self.app.text.draw(surface, saved, TEXT_SMALL, t.text_dim, centre, "center")

    def _names(self, room: int) -> dict[int, str]:
        """Each chef's name in the table: ``Chef 2``, ``Chef 2 (computer)``, ``Chef 3
        (person, then computer)``. When the longest would leave the numbers' columns less
        than their headings and :data:`MIN_GAP` of the table's ``room``, a change of hands
        is said in brief (``partly computer``); a name still too long is cut short."""
        text = self.app.text
        numbers = sum(max(MIN_COLUMN, text.size(_(h), HEAD_SIZE)[0]) for h in HEADS[1:])
        room -= numbers + MIN_GAP * (len(HEADS) - 1) + NAME_AT
        names = {s["player"]: chef_name(s["player"], s["hands"]) for s in self.summary}
        if max([text.size(n, NAME_SIZE)[0] for n in names.values()], default=0) > room:
            names = {s["player"]: chef_name(s["player"], s["hands"], True) for s in self.summary}
        return {p: fit_right(text, name, NAME_SIZE, room) for p, name in names.items()}

    def _table(self, surface: pygame.Surface) -> None:
        t = self.theme
        rnd = self.round
        text = self.app.text
        text.draw(surface, format_number(rnd.score), TEXT_TITLE, t.text, (960, 375), "center")
        text.draw(surface, _("points"), TEXT_SMALL, t.text_dim, (960, 455), "center")
        facts = _("Orders served {served}    expired {expired}    wrong {wrong}").format(
            served=format_number(rnd.served),
            expired=format_number(rnd.expired),
            wrong=format_number(rnd.wrong),
        )
        text.draw(surface, facts, TEXT_BODY, t.text, (960, 515), "center")
        table = TABLE
        panel(surface, table, t.panel, t.panel_edge, radius=18)
        heads = [_(h) for h in ((N_("Team"), *HEADS[1:]) if self.team_only else HEADS)]
        inner = table.inflate(-40, 0)
        names = {} if self.team_only else self._names(inner.width)
        first = max([text.size(n, NAME_SIZE)[0] + NAME_AT for n in names.values()], default=0)
        columns = table_columns(self.app.text, heads, inner, first)
        for i, (head, (x, w)) in enumerate(zip(heads, columns, strict=True)):
            if i == 0 and not self.team_only:  # over the chefs' names, which start at the left
                text.draw(surface, head, HEAD_SIZE, t.text_dim, (x, table.y + 20), "topleft")
            else:
                text.draw(
                    surface, head, HEAD_SIZE, t.text_dim, (x + w // 2, table.y + 20), "midtop"
                )
        hint = (
            _("Team-only view: no number per chef.   P: show each chef")
            if self.team_only
            else _("P: team-only view (hide each chef's numbers)")
        )
        text.draw(surface, hint, 42, t.text_dim, (table.x + 10, table.y - 22), "midleft")
        rows = [team_totals(self.summary)] if self.team_only else self.summary
        middle = text.size("0", 48)[1] // 2  # names sit level with the numbers
        for row, s in enumerate(rows):
            y = table.y + 80 + row * 72
            x, w = columns[0]
            if s["player"] is None:
                text.draw(surface, _("All"), 42, t.text, (x + w // 2, y + middle), "center")
            else:
                colour = t.player(s["player"])
                dot = (x + DOT + 2, y + middle)
                pygame.draw.circle(surface, colour, dot, DOT)
                pygame.draw.circle(surface, readable_on(colour), dot, DOT, 2)
                name = names[s["player"]]
                text.draw(surface, name, NAME_SIZE, t.text, (x + NAME_AT, y + middle), "midleft")
            for key, (x, w) in zip(COLUMNS, columns[1:], strict=True):
                text.draw(
                    surface, format_number(s.get(key, 0)), 48, t.text, (x + w // 2, y), "midtop"
                )


def table_columns(
    text: TextCache, heads: Sequence[str], inner: pygame.Rect, first: int = 0
) -> list[tuple[int, int]]:
    """Each column's left edge and width: as wide as its heading (at least
    :data:`MIN_COLUMN`, and the first at least ``first``: the chefs' names), the room left
    over shared out evenly between them, so no heading or name runs into the next."""
    widths = [max(MIN_COLUMN, text.size(head, HEAD_SIZE)[0]) for head in heads]
    widths[0] = max(widths[0], first)
    spare = max(0, inner.width - sum(widths)) / len(widths)
    out = []
    x = float(inner.x)
    for w in widths:
        out.append((round(x), round(w + spare)))
        x += w + spare
    return out


def fit_left(text: TextCache, line: str, size: int, width: int) -> str:
    """``line``, its beginning cut off (shown as "...") until it fits ``width`` pixels."""
    if text.size(line, size)[0] <= width:
        return line
    while line and text.size("..." + line, size)[0] > width:
        line = line[1:]
    return "..." + line
