"""The report's improvement-cycles section (docs/report.md, "Improvement cycles"): each
team's cycles as a ramp (change, prediction, result, decision, and how much of the change
the redesign alone explains) on its one-page summary, with the run charts as SVG; and the
same cycles as CSV columns of the rounds that tested them and as JSON. A tested cycle
whose computer cooks' check is missing has it played (a few seconds) and stored in the
session's ``cycles.json``, so later reports read it.

In the research export the team's own words (its idea, the changes as it wrote them, the
prediction as it said it, the note on its decision) are left out; the measure, the numbers
and the decision stay."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from kitchen.debrief import labels
from kitchen.debrief.analysis import SessionAnalysis
from kitchen.debrief.pdsa import CycleStudy, SessionCycles, cycles_data, session_cycles
from kitchen.debrief.run_chart_svg import run_chart_svg
from kitchen.i18n import N_, _

WORDS_LEFT_OUT = N_("(left out of the research export)")


def _without_words(c: CycleStudy) -> CycleStudy:
    left_out = _(WORDS_LEFT_OUT)
    c.idea, c.prediction_words, c.decision_note = left_out, "", ""
    c.changes = [left_out] if c.changes else []
    return c


def _found(s: SessionAnalysis, research: bool) -> SessionCycles:
    found = session_cycles(s, run_cooks=True, save=True)
    if research:
        found.cycles = [_without_words(c) for c in found.cycles]
    return found


def cycles_view(s: SessionAnalysis, research: bool = False) -> dict[str, Any]:
    """What the report's template shows of a session's cycles (empty: no cycles)."""
    found = _found(s, research)
    return {
        "problem": found.problem,
        "cycles": [
            {
                "c": c,
                "before": labels.show(c.measure, c.before),
                "result": labels.show(c.measure, c.result),
            }
            for c in found.cycles
        ],
        "charts": [{"chart": ch, "svg": Markup(run_chart_svg(ch))} for ch in found.charts]
        if found.cycles
        else [],
    }


def cycle_columns(s: SessionAnalysis) -> dict[int, dict[str, Any]]:
    """CSV columns for each round that tested a cycle: round number -> columns."""
    out: dict[int, dict[str, Any]] = {}
    for c in session_cycles(s, run_cooks=True, save=True).cycles:
        if c.tested_round is None:
            continue
        out[c.tested_round] = {
            "cycle": c.number,
            "cycle_measure": c.measure,
            "cycle_prediction": f"{c.prediction}",
            "cycle_compared_round": c.compared_round,
            "cycle_result": labels.rounded_value(c.measure, c.result),
            "cycle_outcome": c.outcome,
            "cycle_system_change": c.split.system,
            "cycle_people_change": c.split.people,
            "cycle_system_share": None if c.split.share is None else round(c.split.share, 2),
            "cycle_decision": c.decision or "",
        }
    return out


def cycles_json(s: SessionAnalysis, research: bool = False) -> dict[str, Any]:
    """``{"improvement_cycles": ...}`` for a session's entry in the report's JSON
    (:func:`kitchen.debrief.pdsa.cycles_data`; the team's own words left out of the research
    export), or ``{}`` for a session without cycles."""
    data = cycles_data(s, run_cooks=True, save=True)
    if not data["cycles"] and data["problem"] is None:
        return {}
    if research:
        for c in data["cycles"]:
            c["idea"], c["decision_note"] = WORDS_LEFT_OUT, ""
            c["changes"] = [WORDS_LEFT_OUT] if c["changes"] else []
            c["prediction"]["words"] = ""
    return {"improvement_cycles": data}
