"""What the Improve phase knows and saves, without drawing anything: the team's plan as it
is typed (idea, prediction in words and as a number), which cycle a debriefed round belongs
to, and saving the plan as a cycle (:func:`kitchen.session.cycles.plan_cycle`) with the
redesigned kitchen beside the session.

The measures a prediction can name are those the team's words are read on
(:data:`kitchen.session.prediction_words.MEASURE_WORDS`): every one is a measure the debrief
computes, so a prediction can always be held against the tested round.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from kitchen.content.problems import SourceError
from kitchen.content.redesign import RedesignDraft
from kitchen.debrief import labels
from kitchen.debrief.analysis import analyse_logs
from kitchen.i18n import N_, _, ngettext
from kitchen.session.cycles import (
    Change,
    Comparison,
    Cycle,
    CyclesRecord,
    Prediction,
    load_cycles,
    plan_cycle,
    update_cycle,
)
from kitchen.session.prediction_words import MEASURE_WORDS, read_prediction
from kitchen.session.replay import RoundLog
from kitchen.session.round_log import LogHeader
from kitchen.session.store import Session

MEASURES: tuple[str, ...] = tuple(dict.fromkeys(m for _words, m, _scale in MEASURE_WORDS))
"""The measures a prediction may name, in the order the buttons offer them."""
COMPARISONS: tuple[Comparison, ...] = get_args(Comparison)
MAX_TYPED = 200
"""Longest idea or prediction typed on the screen."""
READS_AS = {
    "at_least": N_("{measure} at least {value}"),
    "at_most": N_("{measure} at most {value}"),
    "more_than": N_("{measure} more than {value}"),
    "less_than": N_("{measure} fewer than {value}"),
    "exactly": N_("{measure} exactly {value}"),
}
"""A prediction as the plan reads it back, by comparison (``session.cycles.COMPARISON_WORDS``
in a sentence of the language in force)."""


def step_of(measure: str) -> float:
    """How much one click of - or + changes a predicted value (5% for a share)."""
    return 0.05 if labels.metric(measure).fmt == "pct" or measure.endswith("_ratio") else 1.0


@dataclass
class PlanForm:
    """The plan as the team types and picks it."""

    idea: str = ""
    words: str = ""
    measure: str | None = None
    comparison: Comparison = "at_least"
    value: float = 0.0

    def read_words(self) -> bool:
        """Take the measure, comparison and number from the words when they can be read.
        Returns whether they could."""
        p = read_prediction(self.words) if self.words.strip() else None
        if p is None:
            return False
        self.measure, self.comparison, self.value = p.measure, p.comparison, p.value
        return True

    def next_measure(self, step: int = 1) -> None:
        """The next (or previous) measure of :data:`MEASURES`."""
        i = MEASURES.index(self.measure) if self.measure in MEASURES else -step
        self.measure = MEASURES[(i + step) % len(MEASURES)]

    def next_comparison(self) -> None:
        """at least -> at most -> more than -> fewer than -> exactly -> ..."""
        self.comparison = COMPARISONS[(COMPARISONS.index(self.comparison) + 1) % len(COMPARISONS)]

    def nudge(self, sign: int) -> None:
        """Change the predicted value by one step (never below 0; a share at most 100%)."""
        if self.measure is None:
            self.next_measure()
        assert self.measure is not None
        step = step_of(self.measure)
        value = round(max(0.0, self.value + sign * step), 4)
        self.value = min(1.0, value) if step < 1 else value

    def reads_as(self) -> str:
        """``Dishes served at least 9`` (or what is still missing)."""
        if self.measure is None:
            return _("no number yet: write e.g. 'at least 9 dishes', or pick a measure")
        shown = labels.show(self.measure, self.value)
        return _(READS_AS[self.comparison]).format(measure=labels.label(self.measure), value=shown)

    def prediction(self) -> Prediction | None:
        """The prediction to save, when it has words and a measure."""
        if self.measure is None or not self.words.strip():
            return None
        return Prediction(
            words=self.words.strip(),
            measure=self.measure,
            comparison=self.comparison,
            value=self.value,
        )

    def missing(self, redesign: RedesignDraft) -> str:
        """Why the plan cannot be saved yet (empty: it can)."""
        if not redesign.changes():
            return _("Make at least one change (or adopt a protocol) first")
        if not redesign.draft.check().ok:
            n = len(redesign.draft.check().problems)
            return ngettext(
                "The redesign has {n} problem: open it and fix them",
                "The redesign has {n} problems: open it and fix them",
                n,
            ).format(n=n)
        if not self.idea.strip():
            return _("Write your change idea in your own words")
        if not self.words.strip():
            return _("Write your prediction in your own words")
        if self.measure is None:
            return _("Pick the measure your prediction is about (the buttons under it)")
        return ""


def round_value(log: RoundLog, measure: str) -> float | None:
    """The round's value of ``measure`` as the debrief computes it (``None``: n/a)."""
    r = analyse_logs([log])[0].rounds[0]
    v: Any = r.values.get(measure)
    if v is None:
        try:
            v = r.metrics.value(measure)
        except KeyError:
            return None
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def session_index(folder: Path, log_path: Path) -> int | None:
    """The round's number in the session's index (``None``: not one of its rounds)."""
    try:
        session = Session.open(folder)
    except (OSError, SourceError):
        return None
    return next((int(r["index"]) for r in session.rounds if r["log"] == log_path.name), None)


def tested_here(record: CyclesRecord, header: LogHeader, index: int) -> Cycle | None:
    """The cycle this round tested: named so in ``cycles.json``, or (a round started from
    the join screen) a round after the compared one, on the cycle's redesign, with its
    seed."""
    for c in record.cycles:
        if c.tested_round == index:
            return c
    for c in record.cycles:
        if (
            c.tested_round is None
            and c.compared_round < index
            and Path(header.level_file).name == c.level_file
            and header.seed == c.seed
        ):
            return c
    return None


def note_tested(folder: Path, cycle: Cycle, index: int) -> Cycle:
    """Record ``index`` as the round that tested ``cycle`` (if not already)."""
    if cycle.tested_round == index:
        return cycle
    return update_cycle(folder, cycle.number, tested_round=index)


def planned_on(record: CyclesRecord, index: int) -> Cycle | None:
    """A cycle planned on this round and not played yet."""
    return next(
        (c for c in record.cycles if c.compared_round == index and c.tested_round is None), None
    )


def save_plan(
    folder: Path, header: LogHeader, index: int, form: PlanForm, redesign: RedesignDraft
) -> Cycle:
    """Save the plan as the session's next cycle: ``redesign-NN.yaml`` beside the session
    (a new file; the original level is never written) and the cycle in ``cycles.json``.

    Raises:
        SourceError: ``cycles.json`` is damaged, or the file exists.
        ValueError: the plan is not complete (:meth:`PlanForm.missing`).
    """
    why = form.missing(redesign)
    prediction = form.prediction()
    if why or prediction is None:
        raise ValueError(why or _("no prediction"))
    number = len(load_cycles(folder).cycles) + 1
    changes = [Change(kind=k, what=w) for k, w in redesign.changes()]  # type: ignore[arg-type]
    return plan_cycle(
        folder,
        idea=form.idea.strip(),
        changes=changes,
        prediction=prediction,
        level_text=redesign.level_text(number),
        original_level=header.level_file,
        compared_round=index,
        seed=header.seed,
    )
