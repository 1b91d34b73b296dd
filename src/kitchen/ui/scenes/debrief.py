"""The debrief the facilitator runs on the shared screen right after a round, following the
PEARLS structure used in healthcare simulation (Eppich & Cheng 2015):

1. Reactions - an opening prompt.
2. Description - the round's timeline; choosing a moment replays that stretch.
3. Analysis - metric cards and the lesson cards this round's data brought up.
4. Application and summary - take-aways, and this round beside the session's earlier ones.

Right / Enter / Page Down: next phase; Left / Page Up: previous; 1-4 jump; mouse on the tabs.
C opens the Improve phase (change the kitchen: plan a change, play it, decide on it).
W in the Analysis phase switches to the people page (who asked, answered and named whom; how
the work was shared: :mod:`kitchen.ui.render.people_table`) and back.
I in the Application phase shows the improvement cycles (run chart, prediction beside result,
system or people: :mod:`kitchen.ui.render.run_chart_view`) and back.
P switches the team-only view (team figures, no number per person: :attr:`DebriefScene.team_only`).
"""

from __future__ import annotations

from pathlib import Path

import pygame
from typing_extensions import override

from kitchen.content import SourceError
from kitchen.debrief import labels
from kitchen.debrief.analysis import (
    RoundAnalysis,
    SessionAnalysis,
    analyse_logs,
    collect_logs,
)
from kitchen.debrief.lessons import LessonCard
from kitchen.debrief.report import ReportClash, write_report
from kitchen.debrief.timeline import Timeline, build_timeline
from kitchen.i18n import N_, _, format_number, ngettext
from kitchen.session.replay import read_round_log
from kitchen.ui.names import tag_name
from kitchen.ui.observed import draw_observed_line
from kitchen.ui.render.compared_view import draw_compared
from kitchen.ui.render.lesson_card import draw_lesson_card
from kitchen.ui.render.people_table import (
    PeoplePage,
    draw_call_counts,
    draw_people_page,
    people_page,
)
from kitchen.ui.render.run_chart_view import CyclesPage, draw_cycles_page
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.talk_cards import analysis_cards, card_place, fit_card
from kitchen.ui.render.timeline_view import TimelineView
from kitchen.ui.scenes.base import Scene
from kitchen.ui.takeaways import FIELD_H, TakeawaysEditor
from kitchen.ui.team_only import TEAM_ONLY_KEY
from kitchen.ui.theme import TEXT_BODY, TEXT_HEADING, TEXT_LARGE, TEXT_NOTE, TEXT_SMALL

PHASES = (N_("Reactions"), N_("Description"), N_("Analysis"), N_("Application"))
"""The PEARLS phases' tab names in English (looked up with ``_()`` when drawn)."""
MOMENT_KINDS = {
    "served": N_("served"),
    "safety": N_("safety incident"),
    "disruption": N_("disruption"),
    "tag": N_("tag"),
}
"""A replayable moment's kind as the Description phase names it."""
TABS_Y = 20
IMPROVE_KEY = pygame.K_c
"""The Improve phase: plan a change to the kitchen (:mod:`kitchen.ui.scenes.improve`)."""
PEOPLE_KEY = pygame.K_w
"""In the Analysis phase: the people page (who-to-whom and workload) instead of the cards."""
CYCLES_KEY = pygame.K_i
"""In the Application phase: the improvement cycles page instead of the take-aways."""
CARDS = (
    "service.score",
    "service.served",
    "service.expired",
    "service.safety_incidents",
    "communication.acknowledged_ratio",
    "communication.closed_loop_ratio",
    "communication.callout_gini",
    "coordination.handoffs",
    "coordination.lost_handoffs",
    "coordination.blocked_s",
    "flow.waste",
    "coordination.silo_index",
)
"""The metric cards of the Analysis phase (labels and rounding: :mod:`kitchen.debrief.labels`)."""


def load_debrief(log_path: Path) -> tuple[SessionAnalysis, RoundAnalysis]:
    """The session this round belongs to (its earlier rounds included) and the round.

    Raises:
        SourceError: the log cannot be read.
    """
    log_path = Path(log_path)
    logs = []
    if (log_path.parent / "session.json").exists():
        try:
            # A damaged earlier round is left out; the session's other rounds still count.
            logs, _problems = collect_logs([log_path.parent], problems=[])
        except SourceError:
            logs = []
    if not any(lg.path == log_path for lg in logs):
        logs = [read_round_log(log_path)]
    ordered = sorted(logs, key=lambda lg: (lg.header.round_index, str(lg.path)))
    keep = []
    for lg in ordered:
        keep.append(lg)
        if lg.path == log_path:
            break
    session = analyse_logs(keep)[0]
    this = next(r for r in session.rounds if r.log.path == log_path)
    return session, this


class DebriefScene(Scene):
    """The four-phase debrief of one round."""

    def __init__(self, app, log_path: Path, team_only: bool | None = None) -> None:
        super().__init__(app)
        self.log_path = Path(log_path)
        self.team_only = app.settings.team_only_by_default if team_only is None else team_only
        """Team-only view: nothing on this screen gives a number per person (anything drawn
        per chef checks this first). P switches it; it opens as the results screen had it,
        or as the settings' ``team_only_by_default`` says."""
        self.error: str | None = None
        self.phase = 0
        self.lesson = 0
        self.more_cards = False
        """M in the Analysis phase: every card, not only the three furthest from the baseline."""
        self.people_view = False
        """W in the Analysis phase: the people page instead of the metric and lesson cards."""
        self.cursor = 0
        self.saved: str | None = None
        self.cycles: CyclesPage | None = None
        """I in the Application phase: the improvement cycles (made when first opened)."""
        try:
            self.session, self.round = load_debrief(self.log_path)
            self.timeline: Timeline = build_timeline(
                self.round.log.events, self.round.log.header.level_text
            )
        except SourceError as err:
            self.error = "\n".join(str(p) for p in err.problems[:4])
            return
        self.people: PeoplePage = people_page(self.round.metrics, self.round.log.events)
        self.tl_view = TimelineView(self.timeline, pygame.Rect(60, 250, 1800, 700))
        self.moments = self.timeline.moments()
        self.takeaways = TakeawaysEditor(app, self.log_path, self.round.log)

    # --- navigation --------------------------------------------------------------------

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if not self.error and self.takeaways.handle(event, active=self.phase == 3):
            return
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.app.pop()
            elif self.error:
                return
            elif key == pygame.K_o and self.app.can_go("observe"):
                self.observe()
            elif key == IMPROVE_KEY and self.can_improve():
                self.improve()
            elif key == TEAM_ONLY_KEY:
                self.team_only = not self.team_only
            elif key in (
                pygame.K_RIGHT,
                pygame.K_PAGEDOWN,
                pygame.K_RETURN,
                pygame.K_KP_ENTER,
            ) and not (
                self.phase == 1 and key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.moments
            ):
                self.phase = min(len(PHASES) - 1, self.phase + 1)
            elif key in (pygame.K_LEFT, pygame.K_PAGEUP):
                self.phase = max(0, self.phase - 1)
            elif pygame.K_1 <= key <= pygame.K_4:
                self.phase = key - pygame.K_1
            elif self.phase == 1:
                self._description_key(key)
            elif self.phase == 2 and key == PEOPLE_KEY:
                self.people_view = not self.people_view
            elif self.phase == 2 and key == pygame.K_m:
                self.more_cards = not self.more_cards
                self.lesson = 0
            elif self.phase == 2 and key in (pygame.K_DOWN, pygame.K_TAB, pygame.K_UP):
                n = max(1, len(self._cards()))
                self.lesson = (self.lesson + (-1 if key == pygame.K_UP else 1)) % n
            elif self.phase == 3 and key == CYCLES_KEY:
                self.cycles = None if self.cycles else CyclesPage(self.session, self.round)
            elif self.phase == 3 and key == pygame.K_e:
                self.export()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.error:
            x, y = self.app.to_logical(event.pos)
            for i in range(len(PHASES)):
                if self._tab(i).collidepoint(x, y):
                    self.phase = i
                    return
            if self.phase == 1 and self.tl_view.rect.collidepoint(x, y):
                self.replay_from(self.tl_view.time_at(x))
            elif self.phase == 2 and not self.people_view:
                self.lesson = (self.lesson + 1) % max(1, len(self._cards()))
            elif self.phase == 3 and self._export_button().collidepoint(x, y):
                self.export()

    def _cards(self) -> list[LessonCard]:
        """The lesson cards the Analysis phase shows: the first three, or all after M."""
        return self.round.cards if self.more_cards else self.round.shown_cards

    def _description_key(self, key: int) -> None:
        if not self.moments:
            return
        if key in (pygame.K_DOWN, pygame.K_TAB):
            self.cursor = (self.cursor + 1) % len(self.moments)
        elif key == pygame.K_UP:
            self.cursor = (self.cursor - 1) % len(self.moments)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.replay_from(self.moments[self.cursor].time)

    def can_improve(self) -> bool:
        """Whether the Improve phase can open: a round filed in a session folder."""
        return self.app.can_go("improve") and (self.log_path.parent / "session.json").exists()

    def improve(self) -> None:
        """Open the Improve phase (C): plan a change to the kitchen, play it on the same
        seed, and decide on it after the round that tests it."""
        self.app.go("improve", log_path=self.log_path)

    def observe(self) -> None:
        """Open the facilitator's observation sheet (TEAM) for this round; what is saved
        there shows here at once (the sheet adds it to this debrief's log)."""
        self.app.go("observe", log_path=self.log_path, log=self.round.log)

    def replay_from(self, seconds: float) -> None:
        """Replay the stretch around a moment: from 5 s before to 15 s after."""
        self.app.go("replay", log=self.round.log, start=max(0.0, seconds - 5), end=seconds + 15)

    def export(self) -> None:
        """Write the session's report next to its logs."""
        target = self.log_path.parent / "report.html"
        try:
            write_report([self.session], target)
            self.saved = _("Report saved: {path}").format(path=target)
        except ReportClash as err:
            self.saved = _(
                "Could not save the report: {path} is in the way (kitchen did not write it, "
                "so it is left as it is); move it and press E again"
            ).format(path=err.path)
        except OSError as err:
            self.saved = _("Could not save the report: {reason}").format(reason=err.strerror or err)

    # --- drawing ---------------------------------------------------------------------

    def _tab(self, i: int) -> pygame.Rect:
        return pygame.Rect(60 + i * 460, TABS_Y, 440, 90)

    def _export_button(self) -> pygame.Rect:
        return pygame.Rect(1260, 952, 600, 72)  # clear of the keys line at y 1050

    @override
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.backdrop)
        if self.error:
            self.app.text.draw(
                surface, _("This round cannot be debriefed:"), TEXT_LARGE, t.danger_text, (80, 120)
            )
            self.app.text.draw_wrapped(
                surface, self.error, TEXT_SMALL, t.text, pygame.Rect(80, 240, 1760, 600)
            )
            return
        for i, name in enumerate(PHASES):
            rect = self._tab(i)
            panel(
                surface,
                rect,
                t.accent if i == self.phase else t.panel,
                t.panel_edge,
                radius=16,
                width=3,
            )
            self.app.text.draw(
                surface,
                f"{i + 1}. {_(name)}",
                48,
                t.accent_text if i == self.phase else t.text,
                rect.center,
                "center",
            )
        (self._reactions, self._description, self._analysis, self._application)[self.phase](surface)
        hint = _("Right/Enter next   Left back   1-4 jump   Esc close")
        if self.phase == 1 and self.moments:
            # Enter replays the chosen moment here (the line above the footer says so)
            hint = _("Right next   Left back   1-4 jump   Esc close")
        elif self.phase == 2:
            hint = (
                _("Right/Enter next   Left back   W: metrics and lessons   Esc close")
                if self.people_view
                else _("Right/Enter next   Left back   W: people   Esc close")
            )
        elif self.phase == 3:
            hint = (
                _("Left back   1-4 jump   I: take-aways   Esc close")
                if self.cycles
                else _("Left back   1-4 jump   I: improvement cycles   Esc close")
            )
        keys = self.app.text.draw(surface, hint, 36, t.text_dim, (60, 1050), "midleft")
        if self.phase == 3 and self.can_improve():
            line = _("C: improve the kitchen (plan a change, play it, decide on it)")
            self.app.text.draw(surface, line, 36, t.text_dim, (60, 950))
        self._switch_hints(surface, keys.right)

    def _switch_hints(self, surface: pygame.Surface, keys_right: int) -> None:
        """The team-only switch (P) and the observation sheet's key (O) on the keys line,
        right of the keys: in full where they fit, else in their short forms (a longer
        language's keys leave less room; the line stays at its readable size)."""
        gap = 40
        observe = self.app.can_go("observe")
        if self.team_only:
            switches = (_("Team-only view (P: per person)"), _("Team only (P: per person)"))
        else:
            switches = (_("P: team-only view"), _("P: team only"))
        observes = (_("O: what you observed (TEAM)"), _("O: TEAM sheet")) if observe else ("",)
        size = self.app.text.size
        choices = [(p, o) for o in observes for p in switches]
        choices.sort(key=lambda c: -(size(c[0], 36)[0] + size(c[1], 36)[0]))
        for switch, seen in choices:  # the widest that fits (else the narrowest)
            room = 1860 - (size(seen, 36)[0] + gap if seen else 0) - keys_right - gap
            if size(switch, 36)[0] <= room:
                break
        if seen:
            self.app.text.draw(surface, seen, 36, self.theme.text_dim, (1860, 1050), "midright")
        width = size(switch, 36)[0]
        right = 1860 - (size(seen, 36)[0] + gap if seen else 0)
        centre = min(max(1120, keys_right + gap + width // 2), right - width // 2)
        colour = self.theme.accent if self.team_only else self.theme.text_dim
        self.app.text.draw(surface, switch, 36, colour, (centre, 1050), "center")

    def _reactions(self, surface: pygame.Surface) -> None:
        t = self.theme
        r = self.round
        self.app.text.draw(surface, r.label, TEXT_BODY, t.text_dim, (960, 170), "center")
        self.app.text.draw(
            surface, _("How are you feeling?"), TEXT_HEADING + 20, t.accent, (960, 360), "center"
        )
        self.app.text.draw(
            surface,
            _("What was that round like for each of you?"),
            TEXT_LARGE,
            t.text,
            (960, 500),
            "center",
        )
        box = pygame.Rect(260, 620, 1400, 300)
        panel(surface, box, t.panel, t.panel_edge, radius=18)
        note = _(
            "Everyone here is capable and wants to do well; we look at how the kitchen worked as a "
            "system, not at who made mistakes. "
            "Let each person answer before looking at any numbers."
        )
        self.app.text.draw_wrapped(surface, note, TEXT_SMALL, t.text, box.inflate(-60, -50))

    def _description(self, surface: pygame.Surface) -> None:
        t = self.theme
        self.app.text.draw(
            surface,
            _("What happened?  Choose a moment to watch it again."),
            TEXT_BODY,
            t.text,
            (60, 160),
        )
        moment = self.moments[self.cursor] if self.moments else None
        self.tl_view.draw(surface, t, self.app.text, moment.time if moment else None)
        if moment is not None:
            s = int(moment.time)
            what = tag_name(moment.label) if moment.kind == "tag" else moment.label
            kind = MOMENT_KINDS.get(moment.kind)
            label = _(
                "{clock}  {what} ({kind})  -  Enter: replay   "
                "Up/Down: other moments   or click the timeline"
            ).format(
                clock=f"{s // 60}:{s % 60:02d}",
                what=what,
                kind=_(kind) if kind is not None else moment.kind,
            )
            self.app.text.draw(surface, label, 36, t.accent, (60, 990))
        else:
            self.app.text.draw(
                surface, _("Click the timeline to replay any moment."), 36, t.accent, (60, 990)
            )

    def _analysis(self, surface: pygame.Surface) -> None:
        t = self.theme
        if self.people_view:
            draw_people_page(
                surface,
                pygame.Rect(60, 130, 1800, 880),
                self.people,
                t,
                self.app.text,
                self.team_only,
            )
            return
        values = self.round.values
        names = analysis_cards(CARDS, values)  # with talk cards in a round recorded with talk
        for i, name in enumerate(names):
            value = values.get(name)
            if name == "coordination.silo_index" and value is None:
                continue
            place = card_place(i, len(names))
            rect = place.rect
            panel(surface, rect, t.panel, t.panel_edge, radius=14, width=2)
            counts = self._calls_by_person() if name == "communication.callout_gini" else {}
            label = labels.label(name)
            lines = len(self.app.text.wrap(label, TEXT_NOTE, rect.width - 28))
            fit = fit_card(place, bool(counts), lines, self.app.text.font(TEXT_NOTE))
            self.app.text.draw(
                surface,
                labels.show(name, value),
                fit.value_size,
                t.accent,
                (rect.centerx, rect.y + fit.value_y),
                "center",
            )
            if counts:  # equality of voice is always read with the counts (docs/metrics.md)
                at = (rect.centerx, rect.y + fit.counts_y)
                draw_call_counts(surface, counts, at, rect.width - 16, t, self.app.text)
            label_box = pygame.Rect(
                rect.x + 14, rect.y + fit.label_y, rect.width - 28, rect.height - fit.label_y
            )
            self.app.text.draw_wrapped(surface, label, TEXT_NOTE, t.text, label_box)
        draw_observed_line(
            self.app, surface, self.round.log, values, pygame.Rect(840, 962, 1020, 70)
        )
        cards = self._cards()
        box = pygame.Rect(840, 150, 1020, 800)
        panel(surface, box, t.ticket, t.accent, radius=18, width=5)
        if not cards:
            self.app.text.draw_wrapped(
                surface,
                _("No lesson rule matched this round. Ask the group what they noticed."),
                TEXT_BODY,
                t.text_dark,
                box.inflate(-60, -60),
            )
            return
        card = cards[self.lesson % len(cards)]
        heading = self._card_heading(card, len(cards))
        draw_lesson_card(surface, box.inflate(-60, -50), heading, card, t, self.app.text)

    def _card_heading(self, card: LessonCard, count: int) -> str:
        """The lesson card's top line: its topic, which card of how many, and the keys."""
        at = {"topic": card.topic.upper(), "n": self.lesson % count + 1, "count": count}
        more = len(self.round.more_cards)
        if self.round.more_cards and not self.more_cards:
            return ngettext(
                "{topic}   ({n} of {count}, Down: next, M: {more} more)",
                "{topic}   ({n} of {count}, Down: next, M: {more} more)",
                more,
            ).format(more=format_number(more), **at)
        if self.more_cards and self.round.more_cards:
            return _("{topic}   ({n} of {count}, Down: next, M: top three)").format(**at)
        return _("{topic}   ({n} of {count}, Down: next)").format(**at)

    def _calls_by_person(self) -> dict[int, int]:
        """Each person's call-outs, for the call-out inequality card; none in the team-only
        view or without people."""
        if self.team_only:
            return {}
        counts = self.round.metrics.sections["communication"].get("callouts_by_person") or {}
        return {int(p): int(n) for p, n in counts.items()}

    def _typed_takeaways(self, surface: pygame.Surface, left: pygame.Rect) -> None:
        """The three take-aways the team types (saved into the log), then this round's
        lesson questions, whole: the fields give up height when the questions need it."""
        text = self.app.text
        width = left.width - 60
        step = int(text.font(TEXT_NOTE).get_linesize() * 1.15)
        questions = ["?  " + card.questions[0] for card in self.round.cards[:2]]
        needed = sum(len(text.wrap(q, TEXT_NOTE, width)) * step + 6 for q in questions)
        # the row for "saved" is kept whether or not it shows, so the fields never move
        room = left.bottom - 10 - (left.y + 96) - 8 - 30
        self.takeaways.field_h = min(FIELD_H, (room - needed) // 3)
        self.takeaways.rect = left
        y = self.takeaways.draw(surface) + 8
        for question in questions:
            box = pygame.Rect(left.x + 30, y, width, left.bottom - y - 10)
            y += text.draw_wrapped(surface, question, TEXT_NOTE, self.theme.text_dim, box) + 6

    def _application(self, surface: pygame.Surface) -> None:
        t = self.theme
        if self.cycles is not None:
            rect = pygame.Rect(60, 150, 1800, 790)
            draw_cycles_page(surface, rect, self.cycles, t, self.app.text)
            return
        left = pygame.Rect(60, 150, 880, 790)
        panel(surface, left, t.panel, t.panel_edge, radius=18)
        self.app.text.draw(
            surface, _("Take-aways"), TEXT_LARGE, t.accent, (left.x + 30, left.y + 20)
        )
        self._typed_takeaways(surface, left)
        right = pygame.Rect(980, 150, 880, 790)
        panel(surface, right, t.panel, t.panel_edge, radius=18)
        draw_compared(surface, right, self.session, self.round, self.theme, self.app.text)
        button = self._export_button()
        panel(surface, button, t.accent, t.text, radius=16, width=3)
        self.app.text.draw(
            surface, _("E: save the report"), 40, t.accent_text, button.center, "center"
        )
        if self.saved:
            self.app.text.draw(surface, self.saved, 36, t.text, (60, 1000))
