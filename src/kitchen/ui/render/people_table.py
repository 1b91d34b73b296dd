"""The debrief's people page: who asked, who answered and who named whom (the who-to-whom
picture of leadership), and how the work was shared (workload balance), for the people of
one round only, as the report's "Who asked, who answered, who named whom" and "Each chef"
tables show them (docs/report.md).

:func:`people_page` gathers the figures from a round's metrics (no pygame needed, so tests
can check them); :func:`draw_people_page` draws them, large enough to read from the back of
a room (every text 28 px or more on the 1920x1080 screen, light on the dark panel). In the
team-only view nothing per person is drawn, only the team's figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pygame

from kitchen.debrief import labels
from kitchen.debrief.metrics import RoundMetrics
from kitchen.debrief.people import people_by_tick
from kitchen.events import Event
from kitchen.i18n import N_, _, ngettext, pgettext
from kitchen.ui.render.shapes import panel
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

NO_PEOPLE = N_("{na}: no people played this round, so there is nothing to show about people.")
"""What the page says when no person played (computer cooks, or nobody, on every chef)."""
REASONS = {
    "no people played": N_("no people played"),
    "only one person played: nobody to talk to": N_("only one person played: nobody to talk to"),
}
"""Why who-to-whom is not measured, as the metrics keep it (English), for the catalogue."""


def reason_words(reason: str) -> str:
    """A reason kept in the metrics, in the language in force."""
    return _(REASONS[reason]) if reason in REASONS else reason


TEAM_FIGURES = (
    "communication.callout_gini",
    "communication.action_gini",
    "communication.directed_share",
)
"""The team's own figures the page shows under the per-person tables (and alone in the
team-only view)."""

TITLE_SIZE = 50
HEAD_SIZE = 38
CELL_SIZE = 44
NOTE_SIZE = 36
"""Text sizes (pygame's default font): the smallest, 36, is 24 px to the em on the
1920x1080 screen, so every text reads from the back of a room."""


@dataclass(frozen=True)
class WorkRow:
    """One person's share of the work (their chef's figures for the round)."""

    player: int
    callouts: int
    actions: int
    share: float | None
    served: int
    handoffs_given: int
    idle_while_open_s: float | None
    part_of_round: bool = False
    """A person played this chef for only part of the round (its figures are the whole
    round's)."""


@dataclass(frozen=True)
class PeoplePage:
    """What the people page shows about one round.

    Attributes:
        people: the chefs a person played at some moment, in order.
        not_measured: why who-to-whom cannot be measured (``no people played``, only one
            person), or ``None``.
        requests: per person, their ``need`` and ``help`` calls.
        answered: ``(answerer, caller)`` -> "On it!" answers to the caller's calls.
        named: ``(caller, addressee)`` -> calls addressed to that teammate by name.
        facts: one-line readings of the matrix (who asked, answered, named others most).
        work: each person's share of the work.
        team: the team figures, ``(label, value as shown)``.
        calls_line: the per-person call counts shown beside the call-out inequality.
    """

    people: tuple[int, ...]
    not_measured: str | None
    requests: dict[int, int] = field(default_factory=dict)
    answered: dict[tuple[int, int], int] = field(default_factory=dict)
    named: dict[tuple[int, int], int] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)
    work: list[WorkRow] = field(default_factory=list)
    team: list[tuple[str, str]] = field(default_factory=list)
    calls_line: str = ""


def _pairs(raw: dict[str, Any] | None) -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    for key, count in (raw or {}).items():
        a, _, b = key.partition("->")
        out[(int(a), int(b))] = int(count)
    return out


def _counted(top: int, noun: str, tie: bool) -> str:
    """``5 calls``, or ``1 call each`` for a tie (``noun``: ``call`` or ``answer``)."""
    if noun == "answer":
        if tie:
            return ngettext("{n} answer each", "{n} answers each", top).format(n=top)
        return ngettext("{n} answer", "{n} answers", top).format(n=top)
    if tie:
        return ngettext("{n} call each", "{n} calls each", top).format(n=top)
    return ngettext("{n} call", "{n} calls", top).format(n=top)


def _most(counts: dict[int, int], what: str, noun: str, nobody: str) -> str:
    """``Asked most: chef 2 (5 calls)``; a tie names every chef; ``nobody`` when all are 0."""
    top = max(counts.values(), default=0)
    if top == 0:
        return nobody
    chefs = [p for p, n in counts.items() if n == top]
    if len(chefs) == 1:
        names = _("chef {n}").format(n=chefs[0])
    else:
        listed = _("{list} and {last}").format(list=", ".join(map(str, chefs[:-1])), last=chefs[-1])
        names = _("chefs {list}").format(list=listed)
    return _("{what}: {names} ({count})").format(
        what=what, names=names, count=_counted(top, noun, len(chefs) > 1)
    )


def calls_by_person_line(counts: dict[str, Any] | None) -> str:
    """The per-person call counts, as shown beside the call-out inequality:
    ``chef 1: 5, chef 2: 3, chef 3: 0``; empty without people."""
    return ", ".join(_("chef {n}: {count}").format(n=p, count=n) for p, n in (counts or {}).items())


def people_page(metrics: RoundMetrics, events: Iterable[Event] = ()) -> PeoplePage:
    """The figures of the people page for a round (``events``: the round's events, to tell
    the chefs a person played for only part of it)."""
    comm = metrics.sections.get("communication", {})
    people = tuple(int(p) for p in metrics.info.get("people", []))
    calls_line = calls_by_person_line(comm.get("callouts_by_person"))
    team = [(labels.label(n), labels.show(n, comm.get(n.split(".", 1)[1]))) for n in TEAM_FIGURES]
    if not people:
        return PeoplePage((), comm.get("not_measured") or "no people played", team=team)
    timeline = people_by_tick(list(events))
    end = round(float(metrics.info.get("duration_s") or 0) * 60)
    chefs = {int(c["player"]): c for c in metrics.chefs}
    total = sum(int(chefs[p]["actions"]) for p in people if p in chefs)
    work = []
    for p in people:
        c = chefs.get(p, {})
        actions = int(c.get("actions", 0))
        partial = bool(timeline.players) and 0 < timeline.person_ticks(p, end) < end
        work.append(
            WorkRow(
                p,
                int(c.get("callouts", 0)),
                actions,
                actions / total if total else None,
                int(c.get("served", 0)),
                int(c.get("handoffs_given", 0)),
                c.get("idle_while_open_s"),
                partial,
            )
        )
    requests = {int(p): int(n) for p, n in (comm.get("requests_by_person") or {}).items()}
    answered = _pairs(comm.get("answers_by_pair"))
    named = _pairs(comm.get("directed_by_pair"))
    facts = []
    if comm.get("not_measured") is None:
        answers = {p: sum(n for (a, _), n in answered.items() if a == p) for p in people}
        naming = {p: sum(n for (a, _), n in named.items() if a == p) for p in people}
        facts = [
            _most(requests, _("Asked most"), "call", _("Nobody asked for an item or for help")),
            _most(answers, _("Answered most"), "answer", _("Nobody answered a call with On it!")),
            _most(naming, _("Named others most"), "call", _("Nobody called a teammate by name")),
        ]
    return PeoplePage(
        people,
        comm.get("not_measured"),
        requests,
        answered,
        named,
        facts,
        work,
        team,
        calls_line,
    )


ROW_H = 50
"""Height of a table row."""


def _dot(
    surface: pygame.Surface, theme: Theme, player: int, centre: tuple[int, int], r: int = 13
) -> None:
    pygame.draw.circle(surface, theme.player(player), centre, r)
    pygame.draw.circle(surface, theme.text, centre, r, 2)


def _chef_cell(
    surface: pygame.Surface, theme: Theme, text: TextCache, player: int, x: int, y: int
) -> None:
    """A chef's name with their colour, ``y`` the row's middle."""
    _dot(surface, theme, player, (x + 14, y))
    text.draw(
        surface, _("Chef {n}").format(n=player), CELL_SIZE, theme.text, (x + 38, y), "midleft"
    )


def _stripe(surface: pygame.Surface, theme: Theme, x: int, right: int, y: int) -> None:
    pygame.draw.rect(
        surface, theme.backdrop, pygame.Rect(x, y - ROW_H // 2, right - x, ROW_H), border_radius=8
    )


def _heading(
    surface: pygame.Surface,
    theme: Theme,
    text: TextCache,
    lines: tuple[str, ...],
    pos: tuple[int, int],
    anchor: str = "midtop",
) -> None:
    """A column heading of one or two lines from ``pos`` down."""
    for n, line in enumerate(lines):
        text.draw(surface, line, HEAD_SIZE, theme.text_dim, (pos[0], pos[1] + n * 32), anchor)


def draw_call_counts(
    surface: pygame.Surface,
    counts: dict[int, int],
    centre: tuple[int, int],
    width: int,
    theme: Theme,
    text: TextCache,
) -> None:
    """Each person's call-outs after a dot of their chef's colour, centred on ``centre``
    within ``width`` (beside the call-out inequality: equality of voice is always read with
    the counts); without the dots if they do not fit."""
    parts = [(p, str(n), text.size(str(n), NOTE_SIZE)[0]) for p, n in counts.items()]
    dot, gap = 20, 10
    if sum(dot + w for _, _, w in parts) + gap * (len(parts) - 1) > width:
        dot = 0
    total = sum(dot + w for _, _, w in parts) + gap * (len(parts) - 1)
    x, y = centre[0] - total // 2, centre[1]
    for p, shown, w in parts:
        if dot:
            _dot(surface, theme, p, (x + 7, y), 7)
        text.draw(surface, shown, NOTE_SIZE, theme.text, (x + dot, y), "midleft")
        x += dot + w + gap


def who_to_whom_height(page: PeoplePage) -> int:
    """How tall the who-to-whom panel is for ``page``."""
    if page.not_measured is not None:
        return 210
    return 176 + ROW_H * len(page.people)


def _who_to_whom(
    surface: pygame.Surface, box: pygame.Rect, page: PeoplePage, theme: Theme, text: TextCache
) -> None:
    t = theme
    title = _("Who asked, who answered, who named whom")
    text.draw(surface, title, TITLE_SIZE, t.accent, (box.x + 30, box.y + 18))
    if page.not_measured is not None:
        text.draw_wrapped(
            surface,
            _("{na} ({why})").format(
                na=labels.not_measurable(), why=reason_words(page.not_measured)
            ),
            CELL_SIZE,
            t.text,
            pygame.Rect(box.x + 30, box.y + 100, box.width - 60, 100),
        )
        return
    people = page.people
    col = 100
    asked_x = box.x + 300
    answered_x = box.x + 400
    named_x = answered_x + col * len(people) + 40
    table_right = named_x + col * len(people)
    head = box.y + 72
    _heading(surface, t, text, (_("Asked"), _("need, help")), (asked_x, head))
    for x0, title in ((answered_x, _("Answered chef")), (named_x, _("Named chef"))):
        text.draw(surface, title, HEAD_SIZE, t.text_dim, (x0 + 10, head), "topleft")
        for k, p in enumerate(people):
            cx = x0 + col * k + col // 2
            _dot(surface, t, p, (cx - 14, head + 48), 10)
            text.draw(surface, str(p), HEAD_SIZE, t.text, (cx + 2, head + 48), "midleft")
    for i, a in enumerate(people):
        y = head + 104 + i * ROW_H
        if i % 2 == 0:
            _stripe(surface, t, box.x + 16, table_right, y)
        _chef_cell(surface, t, text, a, box.x + 30, y)
        asked = str(page.requests.get(a, 0))
        text.draw(surface, asked, CELL_SIZE, t.text, (asked_x, y), "center")
        for x0, counts in ((answered_x, page.answered), (named_x, page.named)):
            for k, b in enumerate(people):
                cx = x0 + col * k + col // 2
                shown = "-" if a == b else str(counts.get((a, b), 0))
                colour = t.text_dim if a == b else t.text
                text.draw(surface, shown, CELL_SIZE, colour, (cx, y), "center")
    facts = pygame.Rect(table_right + 40, head, box.right - table_right - 60, box.height)
    y = facts.y
    for fact in page.facts:
        y += text.draw_wrapped(
            surface, fact, NOTE_SIZE, t.text, pygame.Rect(facts.x, y, facts.width, 120), 1.05, 2
        )
        y += 8


def _workload(
    surface: pygame.Surface, box: pygame.Rect, page: PeoplePage, theme: Theme, text: TextCache
) -> int:
    """The workload table; returns the y below it."""
    t = theme
    text.draw(surface, _("How the work was shared"), TITLE_SIZE, t.accent, (box.x + 30, box.y + 18))
    head = box.y + 72
    columns: tuple[tuple[int, tuple[str, ...]], ...] = (
        (350, (_("Call-outs"),)),
        (520, (_("Actions"),)),
        (1090, (_("Dishes"), pgettext("people table heading", "served"))),
        (1310, (_("Hand-offs"), _("given"))),
        (1590, (_("Idle while"), _("work was open"))),
    )
    for x, lines in columns:
        _heading(surface, t, text, lines, (box.x + x, head))
    _heading(surface, t, text, (_("Share of"), _("the actions")), (box.x + 620, head), "topleft")
    y = head + 100
    for i, row in enumerate(page.work):
        y = head + 100 + i * ROW_H
        if i % 2 == 0:
            _stripe(surface, t, box.x + 16, box.right - 16, y)
        _chef_cell(surface, t, text, row.player, box.x + 30, y)
        if row.part_of_round:
            text.draw(surface, "*", CELL_SIZE, t.accent, (box.x + 200, y), "midleft")
        cells = (
            (350, str(row.callouts)),
            (520, str(row.actions)),
            (1090, str(row.served)),
            (1310, str(row.handoffs_given)),
            (1590, labels.show_as("s", row.idle_while_open_s)),
        )
        for x, value in cells:
            text.draw(surface, value, CELL_SIZE, t.text, (box.x + x, y), "center")
        bar = pygame.Rect(box.x + 620, y - 14, 240, 28)
        pygame.draw.rect(surface, t.bar_back, bar, border_radius=8)
        if row.share:
            filled = bar.copy()
            filled.width = max(4, round(bar.width * row.share))
            pygame.draw.rect(surface, t.player(row.player), filled, border_radius=8)
        pygame.draw.rect(surface, t.panel_edge, bar, 2, border_radius=8)
        share = labels.show_as("pct", row.share)
        text.draw(surface, share, CELL_SIZE, t.text, (bar.right + 16, y), "midleft")
    y += ROW_H // 2 + 6
    if any(row.part_of_round for row in page.work):
        text.draw(
            surface,
            _(
                "* a person played this chef for part of the round; "
                "its figures are the whole round's"
            ),
            NOTE_SIZE,
            t.text_dim,
            (box.x + 30, y),
        )
        y += 36
    return y


def _team_lines(
    surface: pygame.Surface, x: int, y: int, page: PeoplePage, theme: Theme, text: TextCache
) -> None:
    """The team's figures in two rows from ``y``: the call-out inequality with the
    per-person call counts beside it (docs/metrics.md: always read together), then the
    others."""
    (label, value), *rest = page.team
    words = _("{label}: {value}").format(label=label, value=value)
    if page.calls_line:
        words += "   " + _("(call-outs: {counts})").format(counts=page.calls_line)
    text.draw(surface, words, NOTE_SIZE, theme.text, (x, y + 22), "midleft")
    others = "      ".join(_("{label}: {value}").format(label=k, value=v) for k, v in rest)
    text.draw(surface, others, NOTE_SIZE, theme.text, (x, y + 62), "midleft")


def draw_people_page(
    surface: pygame.Surface,
    area: pygame.Rect,
    page: PeoplePage,
    theme: Theme,
    text: TextCache,
    team_only: bool = False,
) -> None:
    """Draw the people page into ``area`` (two panels: who-to-whom above, how the work was
    shared below). ``team_only``: the team's figures only, and a line saying why."""
    t = theme
    if not page.people or team_only:
        panel(surface, area, t.panel, t.panel_edge, radius=18)
        text.draw(surface, _("People"), TITLE_SIZE, t.accent, (area.x + 30, area.y + 18))
        message = (
            _(NO_PEOPLE).format(na=labels.not_measurable())
            if not page.people
            else _(
                "Team-only view: who asked, answered and named whom, and each person's share "
                "of the work, are figures per person, so they are not shown. P shows them."
            )
        )
        box = pygame.Rect(area.x + 30, area.y + 100, area.width - 60, 200)
        text.draw_wrapped(surface, message, CELL_SIZE, t.text, box)
        if page.people:
            y = area.y + 260
            for label, value in [(_("People playing"), str(len(page.people))), *page.team]:
                words = _("{label}: {value}").format(label=label, value=value)
                text.draw(surface, words, CELL_SIZE, t.text, (area.x + 30, y))
                y += 64
        return
    top = pygame.Rect(area.x, area.y, area.width, who_to_whom_height(page))
    panel(surface, top, t.panel, t.panel_edge, radius=18)
    _who_to_whom(surface, top, page, t, text)
    bottom = pygame.Rect(area.x, top.bottom + 14, area.width, area.bottom - top.bottom - 14)
    panel(surface, bottom, t.panel, t.panel_edge, radius=18)
    y = _workload(surface, bottom, page, t, text)
    _team_lines(surface, bottom.x + 30, y, page, t, text)
