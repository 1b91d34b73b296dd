"""The debrief's improvement-cycles page (I in the Application phase): the run chart of the
measure the team predicted on, over the rounds of the kitchen it is improving (median
dashed, signals ringed, the rounds that tested a change marked), what the rules say in
plain words, and each cycle's prediction beside its result with the system-or-people
split (:mod:`kitchen.debrief.pdsa`). Without cycles the chart shows this round's level.

The computer cooks' check of a tested cycle that has none yet is played in a background
thread (a few seconds) and stored in the session's ``cycles.json``; until then the page
says so.
"""

from __future__ import annotations

import threading

import pygame

from kitchen.debrief import labels
from kitchen.debrief.analysis import RoundAnalysis, SessionAnalysis
from kitchen.debrief.pdsa import SessionCycles, session_charts, session_cycles
from kitchen.debrief.run_chart import RunChart, median_text
from kitchen.i18n import _
from kitchen.session.cycles import CyclesRecord
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.words import decision_words
from kitchen.ui.text import TextCache
from kitchen.ui.theme import Theme

SIZE = 36
"""Every string on the page: 24 px to the em at 1080p (tests/test_readability.py)."""
SHOWN_CYCLES = 3
"""The latest cycles shown beside the chart."""


class CyclesPage:
    """What the page shows for a session, with the cooks' missing checks played in the
    background."""

    def __init__(self, session: SessionAnalysis, this: RoundAnalysis, *, background: bool = True):
        self.session = session
        self.found: SessionCycles = session_cycles(session, run_cooks=False)
        if not self.found.cycles:
            same = [r for r in session.rounds if r.level_name == this.level_name]
            self.found.charts = session_charts(session, CyclesRecord(), same)
        self.pending = any(
            c.tested_round is not None and c.check is None for c in self.found.cycles
        )
        self._thread: threading.Thread | None = None
        if self.pending and background:
            self._thread = threading.Thread(target=self._play_cooks, daemon=True)
            self._thread.start()

    def _play_cooks(self) -> None:
        try:
            found = session_cycles(self.session, run_cooks=True, save=True)
        except Exception:  # the page keeps saying n/a; never crash the debrief
            self.pending = False
            return
        self.found = found
        self.pending = False

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the cooks' check (tests)."""
        if self._thread is not None:
            self._thread.join(timeout)


def draw_run_chart(
    surface: pygame.Surface, rect: pygame.Rect, chart: RunChart, t: Theme, text: TextCache
) -> None:
    """``chart`` drawn in ``rect`` (title above, round numbers and marks below)."""
    text.draw(
        surface,
        _("Run chart: {measure}").format(measure=chart.label),
        SIZE,
        t.accent,
        (rect.x, rect.y),
    )
    plot = pygame.Rect(rect.x + 90, rect.y + 50, rect.width - 110, rect.height - 130)
    values = chart.values
    if not values or chart.median is None:
        text.draw(
            surface, _("No round has measured it yet."), SIZE, t.text, plot.midleft, "midleft"
        )
        return
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.12
    low, high = low - pad, high + pad
    slot = plot.width / len(values)

    def at(i: int, v: float) -> tuple[int, int]:
        x = plot.x + slot * (i + 0.5)
        return round(x), round(plot.y + plot.height * (high - v) / (high - low))

    pygame.draw.line(surface, t.text_dim, plot.bottomleft, plot.bottomright, 2)
    for v in (high - pad, low + pad):
        y = at(0, v)[1]
        text.draw(
            surface, labels.show(chart.measure, v), SIZE, t.text_dim, (plot.x - 12, y), "midright"
        )
    my = at(0, chart.median)[1]
    for x in range(plot.x, plot.right, 28):
        pygame.draw.line(surface, t.text_dim, (x, my), (min(x + 16, plot.right), my), 3)
    text.draw(
        surface,
        _("median {value}").format(value=median_text(chart)),
        SIZE,
        t.text_dim,
        (plot.right, my - 8),
        "bottomright",
    )
    points = [at(i, v) for i, v in enumerate(values)]
    if len(points) > 1:
        pygame.draw.lines(surface, t.accent, False, points, 4)
    flagged = {i for s in chart.signals if s.rule != "runs" for i in s.points}
    for i, (r, p) in enumerate(zip(chart.rounds, points, strict=True)):
        if i in flagged:
            pygame.draw.circle(surface, t.danger_text, p, 16, 4)
        pygame.draw.circle(surface, t.accent, p, 9)
        text.draw(surface, _("R{n}").format(n=r), SIZE, t.text, (p[0], plot.bottom + 8), "midtop")
        mark = chart.marks.get(r)
        if mark:
            text.draw(surface, mark, SIZE, t.accent, (p[0], plot.bottom + 40), "midtop")


def draw_cycles_page(
    surface: pygame.Surface, rect: pygame.Rect, page: CyclesPage, t: Theme, text: TextCache
) -> None:
    """The whole page in ``rect``: the chart and its reading on the left, the cycles on
    the right."""
    found = page.found
    left = pygame.Rect(rect.x, rect.y, rect.width * 55 // 100, rect.height)
    right = pygame.Rect(left.right + 20, rect.y, rect.right - left.right - 20, rect.height)
    panel(surface, left, t.panel, t.panel_edge, radius=18)
    panel(surface, right, t.panel, t.panel_edge, radius=18)
    inner = left.inflate(-50, -40)
    chart = found.charts[0] if found.charts else None
    if chart is not None:
        draw_run_chart(surface, pygame.Rect(inner.x, inner.y, inner.width, 470), chart, t, text)
        reading = chart.verdict
        if not chart.too_few and chart.not_applied:
            reading += " " + " ".join(chart.not_applied)
        text.draw_wrapped(
            surface,
            reading,
            SIZE,
            t.text,
            pygame.Rect(inner.x, inner.y + 490, inner.width, inner.height - 490),
            max_lines=9,
        )
    box = right.inflate(-50, -40)
    text.draw(surface, _("Improvement cycles"), SIZE, t.accent, (box.x, box.y))
    y = box.y + 50
    if found.problem:
        text.draw_wrapped(
            surface,
            _("The cycles cannot be read: {problem}").format(problem=found.problem),
            SIZE,
            t.danger_text,
            pygame.Rect(box.x, y, box.width, 300),
            max_lines=6,
        )
        return
    if not found.cycles:
        text.draw_wrapped(
            surface,
            _(
                "No improvement cycle in this session yet. The chart shows this level's "
                "rounds; with fewer than 5 rounds it cannot tell a change from chance."
            ),
            SIZE,
            t.text,
            pygame.Rect(box.x, y, box.width, 400),
            max_lines=8,
        )
        return
    if page.pending:
        text.draw(
            surface,
            _("The computer cooks are playing both kitchens..."),
            SIZE,
            t.text_dim,
            (box.x, y),
        )
        y += 44
    for c in found.cycles[-SHOWN_CYCLES:]:
        result = (
            _("round {n}: {result}, {outcome}").format(
                n=c.tested_round, result=labels.show(c.measure, c.result), outcome=c.outcome
            )
            if c.tested_round
            else c.outcome
        )
        lines = (
            (f"{c.number}. {c.idea}", t.accent),
            (
                _("Predicted {prediction}; {result}").format(
                    prediction=c.prediction, result=result
                ),
                t.text,
            ),
            (c.split.text, t.text),
            (_("Decision: {decision}").format(decision=decision_words(c.decision)), t.text_dim),
        )
        for words, colour in lines:
            y += (
                text.draw_wrapped(
                    surface,
                    words,
                    SIZE,
                    colour,
                    pygame.Rect(box.x, y, box.width, box.bottom - y),
                    max_lines=3,
                )
                + 4
            )
        y += 14
        if y > box.bottom - 60:
            break
