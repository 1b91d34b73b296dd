"""The Improve screen's pages drawn (:mod:`kitchen.ui.scenes.improve`): the plan (the
redesign and its change list, the idea, the prediction in words and as a number, save and
play) and the decision (prediction beside result; adopt, adapt or abandon and why).

Every string is at least 36 (24 px at 1080p) on the theme's panel or backdrop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from kitchen.debrief import labels
from kitchen.i18n import N_, LocalText, _, localize
from kitchen.session.cycles import Decision
from kitchen.ui.render.editor_canvas import EditorCanvas
from kitchen.ui.render.grid import Pens
from kitchen.ui.render.improve_panels import budget_line
from kitchen.ui.render.shapes import panel
from kitchen.ui.render.words import decision_words

SMALL = 36
"""Body text (24 px at 1080p)."""
HEAD = 44
LEFT = pygame.Rect(60, 160, 880, 800)
RIGHT = pygame.Rect(980, 160, 880, 800)
DECISIONS: tuple[tuple[Decision, str], ...] = (
    ("adopt", N_("keep the change as it is")),
    ("adapt", N_("keep it, changed: plan the next cycle")),
    ("abandon", N_("drop it: the next plan starts before it")),
)


@dataclass
class Widget:
    """A button or a field of the Improve screen (``field``: the line it types into)."""

    text: str
    rect: pygame.Rect
    action: Callable[[], Any] | None = None
    on: bool = False
    field: str | None = None


class ImproveView:
    """Lays out and draws an :class:`~kitchen.ui.scenes.improve.ImproveScene`."""

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        app = scene.app
        self.canvas = EditorCanvas(
            pygame.Rect(90, 600, 820, 340), Pens(app.theme, app.icons, app.text)
        )

    # --- layout --------------------------------------------------------------------------

    def widgets(self) -> list[Widget]:
        """The current page's buttons and fields."""
        s = self.scene
        if s.error:
            return []
        if s.mode in ("act", "decided"):
            return self._act_widgets()
        out: list[Widget] = []
        plan = s.mode == "plan"
        if plan:
            out.append(
                Widget(_("Open the redesign"), pygame.Rect(90, 230, 420, 64), s.open_redesign)
            )
        out.append(self._field("idea", pygame.Rect(1010, 230, 820, 64), plan))
        out.append(self._field("words", pygame.Rect(1010, 400, 820, 64), plan))
        if plan:
            f = s.form
            row = [
                (_("< Measure"), lambda: f.next_measure(-1)),
                (_("Measure >"), f.next_measure),
                (_("Compare"), f.next_comparison),
                ("-", lambda: f.nudge(-1)),
                ("+", lambda: f.nudge(1)),
            ]
            x = 1010
            for text, action in row:
                w = max(64, s.app.text.size(text, SMALL)[0] + 28)
                out.append(Widget(text, pygame.Rect(x, 540, w, 60), action))
                x += w + 10
            out.append(Widget(_("Save the plan"), pygame.Rect(1010, 780, 400, 72), s.save_plan))
        else:
            out.append(
                Widget(
                    _("Play the redesign"), pygame.Rect(1010, 780, 480, 72), s.play_redesign, True
                )
            )
        return out

    def _field(self, name: str, rect: pygame.Rect, live: bool) -> Widget:
        s = self.scene
        action = (lambda: s.type_into(name)) if live else None
        return Widget(s._text(name), rect, action, s.typing == name, name)

    def _act_widgets(self) -> list[Widget]:
        s = self.scene
        if s.mode == "decided":
            return [
                Widget(_("Plan the next cycle"), pygame.Rect(1010, 780, 480, 72), s.plan_next, True)
            ]
        out = [
            Widget(
                decision_words(d).capitalize(),
                pygame.Rect(1010, 250 + i * 90, 260, 72),
                lambda d=d: s.choose(d),
                s.choice == d,
            )
            for i, (d, _why) in enumerate(DECISIONS)
        ]
        out.append(self._field("note", pygame.Rect(1010, 600, 820, 64), True))
        out.append(Widget(_("Save the decision"), pygame.Rect(1010, 780, 480, 72), s.save_decision))
        return out

    # --- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """The page for the scene's mode."""
        s = self.scene
        t, text = s.theme, s.app.text
        surface.fill(t.backdrop)
        if s.error:
            text.draw(surface, _("No improvement cycle here:"), 60, t.danger_text, (60, 60))
            text.draw_wrapped(surface, s.error, SMALL, t.text, pygame.Rect(60, 160, 1800, 400))
            text.draw(surface, _("Esc: back to the debrief"), SMALL, t.text_dim, (60, 1040))
            return
        number = s.cycle.number if s.cycle is not None else None
        title = {
            "plan": _("Improve: plan a change"),
            "ready": _("Improve: cycle {n} planned"),
            "act": _("Act: cycle {n}, adopt, adapt or abandon?"),
            "decided": _("Act: cycle {n} decided"),
        }[s.mode].format(n=number)
        text.draw(surface, title, 60, t.accent, (60, 28))
        h = s.header
        title_data = s.redesign.start.data.get("title")
        name = localize(LocalText.of(title_data)) if title_data else h.level_name
        sub = _(
            "Round {n}, {level}, seed {seed}: the redesign is played with the same "
            "orders and disruptions"
        ).format(n=s.index, level=name, seed=h.seed)
        if s.mode in ("act", "decided") and s.cycle is not None:
            sub = _(
                "Round {n}, {level}: the redesign, played with round {before}'s seed ({seed})"
            ).format(n=s.index, level=name, before=s.cycle.compared_round, seed=h.seed)
        text.draw(surface, sub, SMALL, t.text_dim, (62, 104))
        panel(surface, LEFT, t.panel, t.panel_edge, radius=18, width=3)
        panel(surface, RIGHT, t.panel, t.panel_edge, radius=18, width=3)
        if s.mode in ("act", "decided"):
            self._act(surface)
        else:
            self._plan(surface)
        for w in self.widgets():
            if w.field is None:
                self._button(surface, w)
        line = s.message or (
            _("Click a field to type   Enter: next   Esc: back to the debrief")
            if s.mode == "plan"
            else _("Esc: back to the debrief")
        )
        text.draw(surface, line[:140], SMALL, t.text if s.message else t.text_dim, (60, 1000))

    def _button(self, surface: pygame.Surface, w: Widget) -> None:
        t = self.scene.theme
        fill, ink = (t.accent, t.accent_text) if w.on else (t.panel_edge, t.text)
        panel(surface, w.rect, fill, t.text_dim, radius=10, width=2)
        self.scene.app.text.draw(surface, w.text, SMALL, ink, w.rect.center, "center")

    def _input(self, surface: pygame.Surface, w: Widget, placeholder: str) -> None:
        t, text = self.scene.theme, self.scene.app.text
        pygame.draw.rect(surface, t.backdrop, w.rect, border_radius=8)
        edge = t.accent if w.on else t.panel_edge
        pygame.draw.rect(surface, edge, w.rect, 3, border_radius=8)
        shown = w.text + ("_" if w.on else "")
        colour = t.text
        if not shown:
            shown, colour = placeholder, t.text_dim
        while text.size(shown, SMALL)[0] > w.rect.width - 28 and len(shown) > 4:
            shown = "..." + shown[4:]
        text.draw(surface, shown, SMALL, colour, (w.rect.x + 14, w.rect.centery), "midleft")

    def _fields(self) -> dict[str, Widget]:
        return {w.field: w for w in self.widgets() if w.field is not None}

    def _plan(self, surface: pygame.Surface) -> None:
        s = self.scene
        t, text = s.theme, s.app.text
        text.draw(surface, _("1. Change the kitchen"), HEAD, t.accent, (LEFT.x + 30, LEFT.y + 16))
        text.draw(surface, budget_line(s.redesign), SMALL, t.text, (530, 246))
        y = 316
        changes = s.redesign.changes() or [("", _("No change yet"))]
        for i, (_kind, words) in enumerate(changes[:7], start=1):
            line = f"{i}. {words}" if _kind else words
            lines = text.wrap(line, SMALL, LEFT.width - 60)
            for part in lines[:2]:
                text.draw(surface, part, SMALL, t.text, (LEFT.x + 30, y))
                y += 40
            if y > 560:
                break
        self.canvas.draw(surface, s.redesign.draft, s.redesign.draft.check(), None, False)
        fields = self._fields()
        text.draw(surface, _("2. Your change idea"), HEAD, t.accent, (RIGHT.x + 30, RIGHT.y + 16))
        self._input(surface, fields["idea"], _("Click and type, e.g. onions beside the pot"))
        text.draw(surface, _("3. Your prediction"), HEAD, t.accent, (RIGHT.x + 30, 316))
        self._input(surface, fields["words"], _("e.g. at least 9 dishes, or no lost hand-offs"))
        text.draw_wrapped(  # two close lines between the prediction and the measures
            surface,
            _("Reads as: {words}").format(words=s.form.reads_as()),
            SMALL,
            t.text,
            pygame.Rect(1010, 472, 820, 62),
            line_gap=1.0,
        )
        if s.form.measure is not None:
            before = s.before_value()
            had = labels.show(s.form.measure, before)
            text.draw(
                surface,
                _("Round {n} had: {value}").format(n=s.index, value=had),
                SMALL,
                t.text_dim,
                (1010, 620),
            )
        text.draw(surface, _("4. Save, then play it"), HEAD, t.accent, (RIGHT.x + 30, 700))

    def _act(self, surface: pygame.Surface) -> None:
        s = self.scene
        t, text = s.theme, s.app.text
        c = s.cycle
        assert c is not None
        box = pygame.Rect(LEFT.x + 30, LEFT.y + 16, LEFT.width - 60, 70)
        y = (
            LEFT.y
            + 16
            + text.draw_wrapped(
                surface, _("Idea: {idea}").format(idea=c.idea), HEAD, t.accent, box, max_lines=2
            )
        )
        lines = [_("Change: {what}").format(what=ch.what) for ch in c.changes[:5]]
        lines.append(_("Predicted: {words}").format(words=c.prediction.words))
        study = s.study
        if study is not None:
            lines.append(_("Reads as: {words}").format(words=study.prediction))
            m = study.measure
            before = labels.show(m, study.before)
            lines.append(
                _("Round {n} (before): {value}").format(n=study.compared_round, value=before)
            )
            tested = study.tested_round
            result = labels.show(m, study.result)
            lines.append(_("Round {n} (the redesign): {value}").format(n=tested, value=result))
            lines.append(_("Prediction: {outcome}").format(outcome=study.outcome))
            lines.append(_("System or people: {text}").format(text=study.split.text))
        for line in lines:
            y += 8 + text.draw_wrapped(
                surface,
                line,
                SMALL,
                t.text,
                pygame.Rect(LEFT.x + 30, y + 8, LEFT.width - 60, 90),
                max_lines=2,
            )
        text.draw(surface, _("Decide"), HEAD, t.accent, (RIGHT.x + 30, RIGHT.y + 16))
        if s.mode == "decided":
            decided = _("Decision: {decision}").format(decision=decision_words(c.decision))
            text.draw(surface, decided, SMALL, t.text, (1010, 260))
            if c.decision_note:
                text.draw_wrapped(
                    surface,
                    _("Why: {note}").format(note=c.decision_note),
                    SMALL,
                    t.text,
                    pygame.Rect(1010, 310, 820, 200),
                )
            return
        for i, (_d, why) in enumerate(DECISIONS):
            text.draw(surface, _(why), SMALL, t.text, (1290, 286 + i * 90), "midleft")
        text.draw(surface, _("Why (one line)"), SMALL, t.text, (1010, 556))
        self._input(surface, self._fields()["note"], _("e.g. fewer trips to the crate"))
