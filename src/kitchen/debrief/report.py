"""The exported report: one self-contained HTML file (inline SVG charts, print-friendly, no
network access, all team-entered text escaped), plus CSV and JSON of the metrics."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import stat
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kitchen import __version__, i18n
from kitchen.content import shown_names
from kitchen.debrief import disruption_words, labels
from kitchen.debrief.analysis import COMPARED, RoundAnalysis, SessionAnalysis
from kitchen.debrief.cycles_report import cycle_columns, cycles_json, cycles_view
from kitchen.debrief.observations import observation_view
from kitchen.debrief.people import chef_name, hands_by_chef, hands_words
from kitchen.debrief.svg import PLAYER_COLOURS, bar_chart, timeline_svg
from kitchen.debrief.timeline import build_timeline, clock_text
from kitchen.paths import WontOverwrite, read_head, write_atomically
from kitchen.session.log_model import ObservationRecord, TeamRatingRecord

_ENV = Environment(
    loader=PackageLoader("kitchen.debrief", "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.i18n"],
)
# The templates' words come from the catalogue of the language in force (kitchen.i18n);
# newstyle: {{ _("Round %(n)s", n=3) }} formats and escapes like any other value.
_ENV.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=i18n._,
    ngettext=i18n.ngettext,
    newstyle=True,
    pgettext=i18n.pgettext,
    npgettext=i18n.npgettext,
)
_ENV.policies["ext.i18n.trimmed"] = True
_ENV.globals["count_of"] = labels.count_of
_ENV.globals["verdict_word"] = labels.verdict_word
_ENV.globals["localize"] = i18n.localize
_ENV.filters["num"] = lambda v, fmt=None: labels.show_as(fmt, v)
_ENV.filters["metric"] = labels.show
_ENV.filters["label"] = labels.label
_ENV.filters["clock"] = clock_text
_ENV.globals["plural"] = labels.plural
_ENV.globals["disruption_name"] = disruption_words.disruption_name
_ENV.globals["disruption_kind"] = disruption_words.kind_name
_ENV.globals["disruption_source"] = disruption_words.source_words
_ENV.globals["disruption_ending"] = disruption_words.ending_words
_ENV.globals["tag_name"] = shown_names.tag_name
_ENV.globals["place_name"] = shown_names.place_name
_ENV.filters["places"] = shown_names.place_names

TILES = (
    "service.score",
    "service.served",
    "service.expired",
    "service.safety_incidents",
    "communication.acknowledged_ratio",
    "communication.closed_loop_ratio",
    "communication.callouts",
    "coordination.handoffs",
    "coordination.lost_handoffs",
    "flow.waste",
)
"""The metrics shown as tiles at the top of each round's details."""

SUMMARY = (
    "service.score",
    "service.served",
    "service.expired",
    "communication.acknowledged_ratio",
    "communication.closed_loop_ratio",
)
"""The metrics in each team's one-page summary table."""

ROUNDS_PER_TABLE = 6
"""Rounds side by side in one round-by-round table (more are split, so a page holds it)."""


def _round_view(r: RoundAnalysis, session: SessionAnalysis | None = None) -> dict[str, Any]:
    m = r.metrics
    hands = hands_by_chef(r.log.events)
    series = m.sections["flow"]["throughput_series"]
    bins = [f"{i * 30 // 60}:{i * 30 % 60:02d}" for i in range(len(series))]
    return {
        "analysis": r,
        "label": r.label,
        "level": r.level_caption,
        "settings": r.settings_caption,
        "header": r.log.header,
        "m": m,
        "s": m.sections,
        "values": r.values,
        "tiles": [(name, r.values.get(name)) for name in TILES],
        "throughput_svg": Markup(bar_chart(series, bins, i18n._("Dishes served every 30 seconds"))),
        "timeline_svg": Markup(timeline_svg(build_timeline(r.log.events, r.log.header.level_text))),
        "cards": r.cards,
        "comparisons": session.level_comparisons(upto=r) if session else [],
        "warnings": r.log.warnings,
        "observed": observation_view(r.log, r.values),
        "who": {p: hands_words(h) for p, h in hands.items()},
        "chef_names": {p: chef_name(p, h) for p, h in hands.items()},
    }


def _summary(s: SessionAnalysis) -> dict[str, Any]:
    """One team's one-page summary: each round's key numbers (judged only against the last
    round of the same level), the comparisons its levels ask for, and the lessons raised."""
    changes = {c["name"]: c for c in s.changes()}
    rows = []
    for i, r in enumerate(s.rounds):
        score = changes["service.score"]["cells"][i]
        rows.append(
            {
                "round": r,
                "values": [(name, r.values.get(name)) for name in SUMMARY],
                "verdict": score["verdict"] or score["reason"] or "",
                "against": score["against"],
            }
        )
    lessons: dict[str, list[int]] = {}
    for r in s.rounds:
        for card in r.cards:
            lessons.setdefault(card.title, []).append(r.index)
    return {
        "rows": rows,
        "levels": list(dict.fromkeys(r.level_caption for r in s.rounds)),
        "comparisons": s.level_comparisons(),
        "lessons": list(lessons.items()),
    }


def _round_tables(s: SessionAnalysis) -> list[dict[str, Any]]:
    """The round-by-round tables of a session, :data:`ROUNDS_PER_TABLE` rounds to a table."""
    changes = s.changes()
    tables = []
    for start in range(0, len(s.rounds), ROUNDS_PER_TABLE):
        part = slice(start, start + ROUNDS_PER_TABLE)
        tables.append(
            {
                "rounds": s.rounds[part],
                "rows": [{**c, "cells": c["cells"][part]} for c in changes],
                "last": start + ROUNDS_PER_TABLE >= len(s.rounds),
            }
        )
    return tables


def team_comparisons(sessions: Sequence[SessionAnalysis]) -> list[dict[str, Any]]:
    """Teams side by side, like-for-like: for every level (and settings) that more than one
    team played, each such team's latest round of it."""
    played: dict[tuple[str, Any], list[tuple[SessionAnalysis, RoundAnalysis]]] = {}
    for s in sessions:
        latest: dict[tuple[str, Any], RoundAnalysis] = {}
        for r in s.rounds:
            latest[(r.level_name, r.settings)] = r
        for key, r in latest.items():
            played.setdefault(key, []).append((s, r))
    out = []
    for entries in played.values():
        if len(entries) < 2:
            continue
        first = entries[0][1]
        heads = [i18n._("{team} (round {n})").format(team=s.team, n=r.index) for s, r in entries]
        rows = []
        for name in COMPARED:
            values = [r.values.get(name) for _, r in entries]
            rows.append(
                {
                    "name": name,
                    "label": labels.label(name),
                    "values": values,
                    "svg": Markup(
                        bar_chart(
                            [labels.rounded_value(name, v) for v in values],  # type: ignore[misc]
                            [s.team for s, _ in entries],
                            f"{labels.label(name)}: {first.level_caption}",
                            420,
                            170,
                        )
                    ),
                }
            )
        out.append(
            {
                "level": first.level_caption,
                "settings": first.settings_caption,
                "heads": heads,
                "rows": rows,
            }
        )
    return out


def render_html(
    sessions: Sequence[SessionAnalysis],
    title: str | None = None,
    team_only: bool = False,
    research: bool = False,
) -> str:
    """The whole report as one HTML document: a one-page summary per team (printable as a
    handout), teams compared level by level, then each team's details. With ``team_only``
    the per-person parts are left out (give it :func:`team_only_view` sessions)."""
    template = _ENV.get_template("report.html.j2")
    return template.render(
        title=title or i18n._("Systems Kitchen debrief"),
        lang=i18n.current_language(),
        generated=i18n.format_datetime(datetime.now(), "short"),
        version=__version__,
        sessions=[
            {
                "session": s,
                "rounds": [_round_view(r, s) for r in s.rounds],
                "tables": _round_tables(s),
                "summary": _summary(s),
                "cycles": cycles_view(s, research),
            }
            for s in sessions
        ],
        several=len(sessions) > 1,
        comparisons=team_comparisons(sessions),
        colours=PLAYER_COLOURS,
        team_only=team_only,
    )


def pseudonymised(sessions: Sequence[SessionAnalysis]) -> list[SessionAnalysis]:
    """The sessions as the research export shows them: teams named T1, T2, ... in order,
    session ids S1, S2, ..., start dates without the time, and no free text anyone typed:
    the facilitator's tag notes and notes on tags, and the team's take-aways, are left out
    (the TEAM ratings, numbers on a published scale, stay)."""
    out = []
    for n, s in enumerate(sessions, start=1):
        rounds = []
        for r in s.rounds:
            tags = [{**t, "note": None} for t in r.metrics.tags]
            metrics = dataclasses.replace(r.metrics, tags=tags)
            ratings_only: list[ObservationRecord] = [
                o for o in r.log.observations if isinstance(o, TeamRatingRecord)
            ]
            log = dataclasses.replace(r.log, observations=ratings_only)
            rounds.append(dataclasses.replace(r, metrics=metrics, log=log))
        out.append(
            dataclasses.replace(
                s, team=f"T{n}", session_id=f"S{n}", created=s.created[:10], rounds=rounds
            )
        )
    return out


_CHEF_KEY = re.compile(r"[1-9][0-9]*(->[1-9][0-9]*)?")


def _per_person(value: Any) -> bool:
    """Whether a metric's value is a breakdown by chef or by pair of chefs."""
    return isinstance(value, dict) and any(
        isinstance(k, str) and _CHEF_KEY.fullmatch(k) for k in value
    )


def team_only_view(sessions: Sequence[SessionAnalysis]) -> list[SessionAnalysis]:
    """The sessions as a team-only report shows them, for a debrief in front of the whole
    group: every team figure stays, and no number is given per person. The per-chef table is
    emptied, every per-person or per-pair breakdown in the metrics (call-outs and requests by
    person, who answered or directed whom, hand-offs between chefs: the mappings keyed by chef,
    ``"2"``, or by pair, ``"1->2"``) is left empty, and no disruption says which chef repaired
    it. The timeline, which shows what happened rather than counting it, stays."""
    out = []
    for s in sessions:
        rounds = []
        for r in s.rounds:
            m = r.metrics
            sections = {
                name: {k: ({} if _per_person(v) else v) for k, v in entries.items()}
                for name, entries in m.sections.items()
            }
            disruptions = [{**d, "repaired_by": None} for d in m.disruptions]
            metrics = dataclasses.replace(m, sections=sections, chefs=[], disruptions=disruptions)
            rounds.append(dataclasses.replace(r, metrics=metrics))
        out.append(dataclasses.replace(s, rounds=rounds))
    return out


def metrics_rows(sessions: Sequence[SessionAnalysis]) -> list[dict[str, Any]]:
    """One flat row per round, for CSV: identifiers, then every numeric metric."""
    rows = []
    for s in sessions:
        cycles = cycle_columns(s)
        for r in s.rounds:
            duration = r.metrics.info["duration_s"]
            row: dict[str, Any] = {
                "team": s.team,
                "session": s.session_id,
                "round": r.index,
                "level": r.log.header.level_name,
                "seed": r.log.header.seed,
                "players": len(r.log.header.players),
                "silos": r.log.header.silos,
                "complete": r.metrics.info["complete"],
                "duration_s": labels.rounded_value("info.duration_s", duration),
            }
            for name, value in r.values.items():
                row[name] = labels.rounded_value(name, value)
            row["lessons"] = " ".join(c.id for c in r.cards)
            row.update(cycles.get(r.index, {}))
            rows.append(row)
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
CSV_ID_FIELDS = (
    "team",
    "session",
    "round",
    "level",
    "seed",
    "players",
    "silos",
    "complete",
    "duration_s",
)
"""The first columns of every metrics CSV (its header row marks a report kitchen wrote)."""


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    single quote (OWASP's advice on CSV injection); numbers, and text that is just a
    number, are left alone so they stay numbers.
    """
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def metrics_csv(sessions: Sequence[SessionAnalysis]) -> str:
    """The CSV text of :func:`metrics_rows`, safe to open in a spreadsheet."""
    rows = metrics_rows(sessions)
    out = io.StringIO()
    fields = list(dict.fromkeys([*CSV_ID_FIELDS, *(k for row in rows for k in row)]))
    writer = csv.DictWriter(
        out, fieldnames=[spreadsheet_safe(f) for f in fields], lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({spreadsheet_safe(k): spreadsheet_safe(v) for k, v in row.items()})
    return out.getvalue()


def _rounded_metrics(r: RoundAnalysis) -> dict[str, Any]:
    data = r.metrics.to_dict()
    for section, entries in r.metrics.sections.items():
        data[section] = {
            key: labels.rounded_value(f"{section}.{key}", value) for key, value in entries.items()
        }
    return data


def metrics_json(
    sessions: Sequence[SessionAnalysis], team_only: bool = False, research: bool = False
) -> str:
    """Every metric of every round, with its session, as JSON (numbers rounded as the
    report shows them, each metric's label under ``labels``, no file paths: a log is
    named by its file name only). With ``team_only`` it says ``"team_only": true`` (the
    per-person parts of :func:`team_only_view` sessions are empty)."""
    data = [
        {
            "team": s.team,
            "session": s.session_id,
            "created": s.created,
            "rounds": [
                {
                    "round": r.index,
                    "log": r.log.path.name,
                    "level": r.log.header.level_name,
                    "seed": r.log.header.seed,
                    "silos": r.log.header.silos,
                    "metrics": _rounded_metrics(r),
                    "lessons": [
                        {"id": c.id, "title": c.title, "relevance": c.relevance} for c in r.cards
                    ],
                }
                for r in s.rounds
            ],
            **cycles_json(s, research),
        }
        for s in sessions
    ]
    names = sorted({name for s in sessions for r in s.rounds for name in r.values})
    return json.dumps(
        {
            "report": REPORT_KIND,
            "generator": f"systems-kitchen {__version__}",
            "language": i18n.current_language(),
            "labels": {name: labels.label(name) for name in names},
            **({"team_only": True} if team_only else {}),
            "sessions": data,
        },
        indent=2,
        ensure_ascii=False,
    )


REPORT_KIND = "systems-kitchen report"
"""The first key of the report's JSON (``"report": REPORT_KIND``) marks a file kitchen wrote."""

REPORT_NAME = "report"
"""The name of a report written into a folder: ``report.html``, ``.csv``, ``.json``."""

# How the start of each file kitchen writes begins; a file that begins otherwise was not
# written by kitchen and is never replaced. (The JSON's older form had only "generator".)
_MARKERS = {
    ".html": (re.compile(r'<meta name="generator" content="Systems Kitchen '),),
    ".csv": (re.compile("^" + re.escape(",".join(CSV_ID_FIELDS)) + r"(,|\n|$)"),),
    ".json": (
        re.compile(r'^\{\s*"report": "' + re.escape(REPORT_KIND) + '"'),
        re.compile(r'^\{\s*"generator": "systems-kitchen '),
    ),
}
_MARKER_BYTES = 2048


class ReportClash(WontOverwrite):
    """A report cannot be written there without replacing something kitchen did not write
    (``path`` is the file or ``-o`` name in the way, ``reason`` one line saying why)."""


def report_paths(output: str | Path) -> tuple[Path, Path, Path]:
    """The HTML, CSV and JSON files a report given ``-o output`` is written to.

    ``output`` is an existing folder (the report goes in it as ``report.html``, ``.csv``,
    ``.json``, beside any session data, under names that cannot collide with it) or a file
    name ending in ``.html`` (``X.html`` gives ``X.html``, ``X.csv``, ``X.json``).

    Raises:
        ReportClash: ``output`` is neither.
    """
    output = Path(output)
    if output.is_dir():
        html = output / f"{REPORT_NAME}.html"
    elif output.suffix.lower() in (".html", ".htm"):
        html = output
    else:
        raise ReportClash(
            output,
            "the report is written as HTML (with CSV and JSON beside it): give -o a file name "
            "ending in .html, or a folder",
        )
    return html, html.with_suffix(".csv"), html.with_suffix(".json")


def is_session_data(path: Path) -> bool:
    """Whether ``path`` is named like a session's data: a round log or ``session.json``."""
    return path.name == "session.json" or path.suffix.lower() == ".jsonl"


def is_our_report(path: Path) -> bool:
    """Whether the regular file at ``path`` is a report file kitchen wrote (by its marker)."""
    markers = _MARKERS.get(path.suffix.lower())
    if not markers:
        return False
    head = read_head(path, _MARKER_BYTES)
    if head is None:
        return False
    text = head.decode("utf-8", errors="replace")
    return any(marker.search(text) for marker in markers)


def check_report_targets(paths: Sequence[Path]) -> None:
    """Refuse to write a report over anything but a report kitchen wrote.

    Raises:
        ReportClash: one of ``paths`` is session data (a round log, ``session.json``), or
            exists and is not a report kitchen wrote (a folder, a link, another file).
    """
    for path in paths:
        if is_session_data(path):
            raise ReportClash(
                path,
                "is session data (a round log or session.json) and is never overwritten; "
                f"give -o another name, e.g. {path.parent / (REPORT_NAME + '.html')}",
            )
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as err:
            raise ReportClash(path, f"cannot be checked: {err.strerror or err}") from None
        if stat.S_ISDIR(info.st_mode):
            raise ReportClash(
                path, "is a folder; give -o a file name ending in .html, or the folder itself"
            )
        if not stat.S_ISREG(info.st_mode) or not is_our_report(path):
            raise ReportClash(
                path,
                "already exists and is not a report written by kitchen, so it is left as it is; "
                "give -o another name or move the file",
            )


def write_report(
    sessions: Sequence[SessionAnalysis],
    output: str | Path,
    research: bool = False,
    team_only: bool = False,
) -> list[Path]:
    """Write the HTML report and, beside it, ``.csv`` and ``.json`` of the metrics.

    ``output`` is a ``.html`` file name or a folder (see :func:`report_paths`). Nothing but
    an earlier report kitchen wrote is ever replaced, and that atomically. With
    ``research``, all three files are :func:`pseudonymised`; with ``team_only``, none holds a
    number per person (:func:`team_only_view`).

    Returns:
        The files written.

    Raises:
        ReportClash: the report would replace session data or a file kitchen did not write;
            nothing is written then.
        OSError: a file cannot be written.
    """
    html_path, csv_path, json_path = paths = report_paths(output)
    check_report_targets(paths)
    if research:
        sessions = pseudonymised(sessions)
    if team_only:
        sessions = team_only_view(sessions)
    texts = (
        render_html(sessions, team_only=team_only, research=research),
        metrics_csv(sessions),
        metrics_json(sessions, team_only=team_only, research=research),
    )
    for path, text in zip(paths, texts, strict=True):
        write_atomically(path, text)
    return [html_path, csv_path, json_path]
