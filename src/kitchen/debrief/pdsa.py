"""Study and Act: a session's improvement cycles (:mod:`kitchen.session.cycles`) read
against its rounds: each cycle's prediction beside its result, the system-or-people split
(:mod:`kitchen.debrief.system_share`), and run charts of the measures the team predicted
on, over the rounds of the kitchen it is improving (the level it started from and its
redesigns: like-for-like, rounds of other levels stay off the chart).

:func:`session_cycles` is what the report, the in-game page and the workshop hub use;
:func:`cycles_data` is the same as JSON-ready data.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitchen.content import SourceError
from kitchen.debrief import labels
from kitchen.debrief.analysis import RoundAnalysis, SessionAnalysis, analyse_logs
from kitchen.debrief.run_chart import RunChart, run_chart
from kitchen.debrief.system_share import (
    EXTRA_SEEDS,
    Share,
    cooks_change,
    other_seeds_text,
    split_change,
    system_check,
)
from kitchen.i18n import N_, _, pgettext
from kitchen.session.cycles import (
    Comparison,
    Cycle,
    CyclesRecord,
    SystemCheck,
    load_cycles,
    update_cycle,
)
from kitchen.session.replay import read_round_log
from kitchen.session.store import Session, shown_team

DEFAULT_MEASURE = "service.score"
"""Charted when no cycle has predicted on anything yet."""

READS_AS: dict[Comparison, str] = {
    # TRANSLATORS: a prediction read back: {measure} is a measure's name ("Dishes served"),
    # {value} its number as shown ("9", "80%")
    "at_least": N_("{measure} at least {value}"),
    "at_most": N_("{measure} at most {value}"),
    "more_than": N_("{measure} more than {value}"),
    "less_than": N_("{measure} fewer than {value}"),
    "exactly": N_("{measure} exactly {value}"),
}
"""A prediction read back, one whole sentence per comparison (the catalogue orders the
words as its language does), as the Improve screen reads it back too."""


@dataclass
class CycleStudy:
    """One cycle as the debrief shows it."""

    number: int
    idea: str
    changes: list[str]
    prediction_words: str
    measure: str
    prediction: str
    """``Dishes served at least 9``."""
    compared_round: int
    seed: int
    tested_round: int | None
    before: float | None
    result: float | None
    outcome: str
    """``met``, ``not met``, or why it cannot be said (``not played yet``, ``n/a``)."""
    decision: str | None
    decision_note: str
    split: Share
    other_seeds: str = ""
    check: SystemCheck | None = None

    def outcome_text(self) -> str:
        """:attr:`outcome` in the language in force (the data keeps the English)."""
        if self.outcome == "met":
            return pgettext("PDSA outcome", "met")
        if self.outcome == "not met":
            return pgettext("PDSA outcome", "not met")
        if self.outcome == "not played yet":
            return _("not played yet")
        if self.outcome == "n/a: the measure cannot be measured in that round":
            return _("n/a: the measure cannot be measured in that round")
        if self.outcome.startswith("n/a: round "):
            return _("n/a: round {n} cannot be read").format(n=self.tested_round)
        return self.outcome

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (numbers rounded as shown)."""
        m = self.measure
        return {
            "cycle": self.number,
            "idea": self.idea,
            "changes": self.changes,
            "prediction": {"words": self.prediction_words, "reads": self.prediction},
            "measure": m,
            "measure_label": labels.label(m),
            "compared_round": self.compared_round,
            "seed": self.seed,
            "tested_round": self.tested_round,
            "before": labels.rounded_value(m, self.before),
            "result": labels.rounded_value(m, self.result),
            "outcome": self.outcome,
            "decision": self.decision,
            "decision_note": self.decision_note,
            "system_or_people": {
                "team_change": self.split.team,
                "system_change": self.split.system,
                "people_change": self.split.people,
                "system_share": None if self.split.share is None else round(self.split.share, 2),
                "text": self.split.text,
                "other_seeds": self.other_seeds,
            },
        }


@dataclass
class SessionCycles:
    """A session's cycles, studied, and the run charts of their measures."""

    cycles: list[CycleStudy] = field(default_factory=list)
    charts: list[RunChart] = field(default_factory=list)
    problem: str | None = None
    """Why the cycles cannot be read (``cycles.json`` damaged), else ``None``."""


def session_folder(s: SessionAnalysis) -> Path | None:
    """The folder a session's logs are in, when it is a session folder."""
    for r in s.rounds:
        folder = r.log.path.parent
        if (folder / "session.json").exists():
            return folder
    return None


def prediction_text(cycle: Cycle) -> str:
    """``Dishes served at least 9`` (the value shown as the measure is), in the language in
    force (``Plats servis : au moins 9``)."""
    p = cycle.prediction
    value = labels.show(p.measure, p.value)
    return _(READS_AS[p.comparison]).format(measure=labels.label(p.measure), value=value)


def _value(r: RoundAnalysis | None, measure: str) -> float | None:
    if r is None:
        return None
    v = r.values.get(measure)
    if v is None:
        try:
            v = r.metrics.value(measure)
        except KeyError:
            return None
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def study_cycle(
    cycle: Cycle, by_index: dict[int, RoundAnalysis], check: SystemCheck | None
) -> CycleStudy:
    """One cycle against the session's rounds (``check``: the cooks' run, if any)."""
    measure = cycle.prediction.measure
    before = _value(by_index.get(cycle.compared_round), measure)
    tested = by_index.get(cycle.tested_round) if cycle.tested_round is not None else None
    result = _value(tested, measure)
    if cycle.tested_round is None:
        outcome = "not played yet"
    elif tested is None:
        outcome = f"n/a: round {cycle.tested_round} cannot be read"
    elif result is None:
        outcome = "n/a: the measure cannot be measured in that round"
    else:
        shown = labels.rounded_value(measure, result)
        assert isinstance(shown, (int, float))
        outcome = "met" if cycle.prediction.met_by(float(shown)) else "not met"
    team = None if before is None or result is None else result - before
    if tested is None:
        split = Share(None, None, None, None, _("n/a: the redesign has not been played yet"))
    elif check is None or check.measure != measure:
        text = _("n/a: the computer cooks have not played it yet")
        split = Share(team, None, None, None, text)
    else:
        split = split_change(measure, team, cooks_change(check))
    return CycleStudy(
        number=cycle.number,
        idea=cycle.idea,
        changes=[c.what for c in cycle.changes],
        prediction_words=cycle.prediction.words,
        measure=measure,
        prediction=prediction_text(cycle),
        compared_round=cycle.compared_round,
        seed=cycle.seed,
        tested_round=cycle.tested_round,
        before=before,
        result=result,
        outcome=outcome,
        decision=cycle.decision,
        decision_note=cycle.decision_note,
        split=split,
        other_seeds=other_seeds_text(check) if check is not None else "",
        check=check,
    )


def chain_rounds(s: SessionAnalysis, record: CyclesRecord) -> list[RoundAnalysis]:
    """The rounds of the kitchen being improved: every round of a level that a cycle was
    compared on or tested on (the original level and its redesigns)."""
    by_index = {r.index: r for r in s.rounds}
    names = set()
    for c in record.cycles:
        for index in (c.compared_round, c.tested_round):
            if index is not None and index in by_index:
                names.add(by_index[index].level_name)
    return [r for r in s.rounds if r.level_name in names]


def session_charts(
    s: SessionAnalysis, record: CyclesRecord, rounds: list[RoundAnalysis] | None = None
) -> list[RunChart]:
    """A run chart per measure the cycles predicted on (the score when none), over the
    rounds of the kitchen being improved, each tested round marked with its cycle."""
    chain = rounds if rounds is not None else chain_rounds(s, record)
    measures = list(dict.fromkeys(c.prediction.measure for c in record.cycles)) or [DEFAULT_MEASURE]
    marks = {c.tested_round: f"C{c.number}" for c in record.cycles if c.tested_round}
    return [
        run_chart(
            m,
            labels.label(m),
            [r.index for r in chain],
            [_value(r, m) for r in chain],
            {k: v for k, v in marks.items() if k is not None},
        )
        for m in measures
    ]


def run_missing_checks(
    s: SessionAnalysis,
    record: CyclesRecord,
    folder: Path | None,
    *,
    save: bool,
    extra_seeds: int = EXTRA_SEEDS,
) -> dict[int, SystemCheck]:
    """The cooks' check of each tested cycle: the stored one, else played now (a few
    seconds each) and, with ``save``, stored in ``cycles.json``."""
    by_index = {r.index: r for r in s.rounds}
    out: dict[int, SystemCheck] = {}
    for c in record.cycles:
        check = c.system_check
        if check is not None and check.measure == c.prediction.measure:
            out[c.number] = check
            continue
        compared = by_index.get(c.compared_round)
        if c.tested_round is None or compared is None or folder is None:
            continue
        try:
            text = (folder / c.level_file).read_text(encoding="utf-8")
        except OSError:
            continue
        header = compared.log.header
        check = system_check(header, text, c.level_file, c.prediction.measure, extra_seeds)
        out[c.number] = check
        if save:
            with contextlib.suppress(OSError, SourceError, KeyError):  # stored next time
                update_cycle(folder, c.number, system_check=check.model_dump())
    return out


def session_cycles(
    s: SessionAnalysis,
    *,
    run_cooks: bool = True,
    save: bool = False,
    extra_seeds: int = EXTRA_SEEDS,
) -> SessionCycles:
    """A session's cycles studied against its rounds, and its run charts.

    ``run_cooks``: play the computer cooks' check of a tested cycle that has none stored
    (``save``: and store it); without, such a cycle's split is "n/a" for now.
    """
    folder = session_folder(s)
    if folder is None:
        return SessionCycles(charts=[])
    try:
        record = load_cycles(folder)
    except SourceError as err:
        return SessionCycles(problem=str(err.problems[0]))
    if not record.cycles:
        return SessionCycles()
    by_index = {r.index: r for r in s.rounds}
    checks = (
        run_missing_checks(s, record, folder, save=save, extra_seeds=extra_seeds)
        if run_cooks
        else {c.number: c.system_check for c in record.cycles if c.system_check is not None}
    )
    studies = [study_cycle(c, by_index, checks.get(c.number)) for c in record.cycles]
    return SessionCycles(studies, session_charts(s, record))


def cycles_data(
    s: SessionAnalysis, *, run_cooks: bool = False, save: bool = False
) -> dict[str, Any]:
    """A session's cycles as JSON-ready data (for the report's JSON and the workshop hub's
    cycles side by side): each cycle's change, prediction, result, decision and
    system-or-people split, and each run chart's points, median and signals."""
    found = session_cycles(s, run_cooks=run_cooks, save=save)
    return {
        "team": s.team,
        "session": s.session_id,
        "problem": found.problem,
        "cycles": [c.to_dict() for c in found.cycles],
        "run_charts": [
            {
                "measure": ch.measure,
                "label": ch.label,
                "rounds": ch.rounds,
                "values": [labels.rounded_value(ch.measure, v) for v in ch.values],
                "median": ch.median,
                "runs": ch.runs,
                "points_off_median": ch.useful,
                "signals": [{"rule": g.rule, "text": g.text} for g in ch.signals],
                "not_applied": ch.not_applied,
                "verdict": ch.verdict,
            }
            for ch in found.charts
        ],
    }


def session_of_folder(folder: str | Path) -> SessionAnalysis:
    """The analysis of the session in ``folder`` (for the hub and the bench).

    Raises:
        SourceError: the session or a round log cannot be read.
    """
    session = Session.open(folder)
    found = analyse_logs([read_round_log(p) for p in session.round_logs()])
    return (
        found[0]
        if found
        else SessionAnalysis(shown_team(session.team), session.id, session.created)
    )
