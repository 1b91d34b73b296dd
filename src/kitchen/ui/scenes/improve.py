"""The Improve phase after a round's debrief (I in the debrief): Plan, Do and Act of an
improvement cycle on the team's own kitchen.

* **Plan** (a round no cycle is waiting on): the team changes its kitchen in the editor's
  redesign mode (:mod:`kitchen.ui.scenes.redesign_editor`), writes its change idea and its
  prediction in its own words, and the prediction is read as a number on a measure the
  debrief computes (adjustable with the buttons under it). **Save the plan** keeps it as
  the session's next cycle, with the redesigned kitchen saved beside the session as a new
  level file (the level the round was played on is never written).
* **Do**: **Play the redesign** plays it with the seed, chefs and settings of the round it
  is compared with (:func:`kitchen.session.fair_round.fair_round`).
* **Act** (the debrief of the round that tested a cycle): the prediction beside the result,
  and the team records adopt, adapt or abandon with a line why; then it can plan the next
  cycle on this round.

Drawing is :mod:`kitchen.ui.render.improve_view`; the plan's logic :mod:`kitchen.ui.improve_plan`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
from typing_extensions import override

from kitchen.content import SourceError
from kitchen.content.redesign import RedesignDraft
from kitchen.debrief.pdsa import CycleStudy, session_cycles, session_of_folder
from kitchen.i18n import _
from kitchen.session.cycles import Cycle, Decision, decide, load_cycles
from kitchen.session.fair_round import fair_round
from kitchen.session.replay import read_round_log
from kitchen.session.store import Session
from kitchen.ui.host import Host
from kitchen.ui.improve_plan import (
    MAX_TYPED,
    PlanForm,
    note_tested,
    planned_on,
    round_value,
    save_plan,
    session_index,
    tested_here,
)
from kitchen.ui.render.improve_view import ImproveView, Widget
from kitchen.ui.render.words import decision_words
from kitchen.ui.return_point import go_back
from kitchen.ui.scenes.base import Scene

FIELDS = ("idea", "words", "note")
"""The lines a team types: its change idea, its prediction, why it decided."""


class ImproveScene(Scene):
    """Plan, play and decide an improvement cycle from the round in ``log_path``."""

    def __init__(self, app: Host, log_path: Path) -> None:
        super().__init__(app)
        self.log_path = Path(log_path)
        self.folder = self.log_path.parent
        self.error = ""
        self.message = ""
        self.typing: str | None = None
        self.form = PlanForm()
        self.note = ""
        self.choice: Decision | None = None
        self.cycle: Cycle | None = None
        """Plan: the cycle once saved; Act: the cycle this round tested."""
        self.study: CycleStudy | None = None
        self.mode = "plan"
        self.held_seed: tuple[int | None] | None = None
        """The app's own seed while a fair round from the join screen is waiting to start."""
        self.view = ImproveView(self)
        try:
            self.log = read_round_log(self.log_path)
            record = load_cycles(self.folder)
        except SourceError as err:
            self.error = str(err.problems[0])
            return
        self.header = self.log.header
        index = session_index(self.folder, self.log_path)
        if index is None:
            self.error = _("This round is not in a session folder, so no cycle can be kept with it")
            return
        self.index = index
        self.redesign = RedesignDraft(self.header.level_text, Path(self.header.level_file).name)
        tested = tested_here(record, self.header, self.index)
        planned = planned_on(record, self.index)
        if tested is not None and tested.decision is None:
            self.cycle = note_tested(self.folder, tested, self.index)
            self.mode = "act"
            self._study()
        elif planned is not None:
            self.cycle, self.mode = planned, "ready"

    # --- what is shown -----------------------------------------------------------------

    def before_value(self) -> float | None:
        """This round's value of the predicted measure (n/a: ``None``)."""
        if self.form.measure is None:
            return None
        return round_value(self.log, self.form.measure)

    def _study(self) -> None:
        """The cycle against its rounds (the debrief's own reading; no computer cooks)."""
        try:
            found = session_cycles(session_of_folder(self.folder), run_cooks=False)
        except SourceError as err:
            self.message = _("The rounds cannot be read: {reason}").format(reason=err.problems[0])
            return
        assert self.cycle is not None
        self.study = next((c for c in found.cycles if c.number == self.cycle.number), None)

    def buttons(self) -> list[Widget]:
        """The clickable things of the current page."""
        return self.view.widgets()

    # --- actions -----------------------------------------------------------------------

    def open_redesign(self) -> None:
        """Change the kitchen in the editor's redesign mode."""
        self.typing = None
        self.app.go("redesign", redesign=self.redesign)

    def type_into(self, name: str) -> None:
        """Start typing into a field (``idea``, ``words`` or ``note``)."""
        self.typing = name
        pygame.key.start_text_input()

    def stop_typing(self) -> None:
        """Stop typing (the words typed stay)."""
        if self.typing == "words":
            self.form.read_words()
        self.typing = None
        pygame.key.stop_text_input()

    def save_plan(self) -> None:
        """Keep the plan as the session's next cycle and the redesign beside the session."""
        self.stop_typing()
        why = self.form.missing(self.redesign)
        if why:
            self.message = why
            return
        try:
            self.cycle = save_plan(self.folder, self.header, self.index, self.form, self.redesign)
        except (SourceError, OSError, ValueError) as err:
            first = err.problems[0] if isinstance(err, SourceError) else err
            self.message = _("The plan was not saved: {reason}").format(reason=first)
            return
        self.mode = "ready"
        self.message = _("Cycle {n} saved with the redesign: {file}").format(
            n=self.cycle.number, file=self.cycle.level_file
        )

    def play_redesign(self) -> None:
        """Play the redesigned kitchen with the compared round's seed, chefs and settings."""
        if self.cycle is None:
            return
        try:
            session = Session.open(self.folder)
            plan = fair_round(session, self.cycle)
        except (SourceError, OSError) as err:
            first = err.problems[0] if isinstance(err, SourceError) else err
            self.message = _("The redesign cannot be played: {reason}").format(reason=first)
            return
        mine = self.app.workshop_session()
        if mine is None or mine.folder.resolve() != self.folder.resolve():
            self.message = _(
                "This round is from another session: open that session's game to play it"
            )
            return
        end = self._round_end()
        app, number, folder = self.app, self.cycle.number, self.folder
        own = app.seed
        app.seed = plan.seed  # the round takes the app's seed as it starts
        if end is None:  # people join again; the seed is held until this screen is back
            self.held_seed = (own,)
            app.go("join", level=plan.level, path=plan.level_path, silos=plan.silos)
            return
        old = end.play
        try:
            go_back(app, end)
            play = app.go(
                "play",
                how="replace",
                level=plan.level,
                path=plan.level_path,
                seats=old.seats,
                silos=plan.silos,
                bots=old.bots,
            )
        finally:
            app.seed = own
        log = play.recorded.log_path
        index = session_index(folder, log) if log is not None else None
        if index is not None:
            cycle = load_cycles(folder).cycle(number)
            note_tested(folder, cycle, index)
        if plan.warnings:
            app.notice = plan.warnings[0]

    def _round_end(self) -> Any:
        """The results screen of the compared round, if still open (its chefs play again)."""
        for scene in reversed(list(getattr(self.app, "scenes", []))):
            play = getattr(scene, "play", None)
            recorded = getattr(play, "recorded", None)
            if recorded is not None and getattr(recorded, "log_path", None) == self.log_path:
                return scene
        return None

    def choose(self, decision: Decision) -> None:
        """Adopt, adapt or abandon (saved with :meth:`save_decision`)."""
        self.choice = decision

    def save_decision(self) -> None:
        """Record the team's decision and its line why in the cycle."""
        self.stop_typing()
        if self.cycle is None or self.choice is None:
            self.message = _("Choose adopt, adapt or abandon first")
            return
        try:
            self.cycle = decide(self.folder, self.cycle.number, self.choice, self.note.strip())
        except (SourceError, OSError, KeyError, ValueError) as err:
            self.message = _("The decision was not saved: {reason}").format(reason=err)
            return
        self.mode = "decided"
        self.message = _("Cycle {n}: {decision} saved").format(
            n=self.cycle.number, decision=decision_words(self.choice)
        )

    def plan_next(self) -> None:
        """Plan the next cycle: on this round's kitchen, or after an abandoned change on
        the kitchen before it (compared with the round the abandoned cycle was)."""
        if self.cycle is not None and self.cycle.decision == "abandon":
            try:
                session = Session.open(self.folder)
                entry = next(r for r in session.rounds if r["index"] == self.cycle.compared_round)
                self.log_path = self.folder / entry["log"]
                self.log = read_round_log(self.log_path)
            except (SourceError, OSError, StopIteration):
                self.message = _("The round before the change cannot be read")
                return
            self.header, self.index = self.log.header, self.cycle.compared_round
        self.mode, self.cycle, self.form, self.study = "plan", None, PlanForm(), None
        self.redesign = RedesignDraft(self.header.level_text, Path(self.header.level_file).name)
        self.message = ""

    def back(self) -> None:
        """Back to the debrief."""
        self.stop_typing()
        self.app.pop()

    # --- the screen stack --------------------------------------------------------------

    def _release_seed(self) -> None:
        if self.held_seed is not None:
            self.app.seed = self.held_seed[0]
            self.held_seed = None

    @override
    def reveal(self) -> None:
        self._release_seed()

    @override
    def leave(self) -> None:
        self._release_seed()
        if self.typing is not None:
            pygame.key.stop_text_input()

    # --- input -------------------------------------------------------------------------

    @override
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.typing is not None and self._typed(event):
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.back()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.error:
            pos = self.app.to_logical(event.pos)
            for widget in self.buttons():
                if widget.action is not None and widget.rect.collidepoint(pos):
                    if self.typing is not None and widget.field != self.typing:
                        self.stop_typing()
                    widget.action()
                    self.app.audio.play("click", 0.5)
                    return
            self.stop_typing()

    def _typed(self, event: pygame.event.Event) -> bool:
        """Typing into a field; True when the event was used."""
        name = self.typing
        assert name is not None
        text = self._text(name)
        if event.type == pygame.TEXTINPUT:
            self._set_text(name, (text + event.text)[:MAX_TYPED])
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_BACKSPACE:
                self._set_text(name, text[:-1])
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB):
                self.stop_typing()
                if name == "idea":
                    self.type_into("words")
            elif event.key == pygame.K_ESCAPE:
                self.stop_typing()
            return True
        else:
            return False
        if name == "words":
            self.form.read_words()
        return True

    def _text(self, name: str) -> str:
        return {"idea": self.form.idea, "words": self.form.words, "note": self.note}[name]

    def _set_text(self, name: str, value: str) -> None:
        if name == "idea":
            self.form.idea = value
        elif name == "words":
            self.form.words = value
        else:
            self.note = value

    # --- drawing -----------------------------------------------------------------------

    @override
    def draw(self, surface: pygame.Surface) -> None:
        self.view.draw(surface)
