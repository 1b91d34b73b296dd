"""The exported report: one self-contained HTML file (inline SVG charts, print-friendly, no
network access, all team-entered text escaped), plus CSV and JSON of the metrics."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kitchen import __version__
from kitchen.debrief.analysis import COMPARED, FORMATS, RoundAnalysis, SessionAnalysis
from kitchen.debrief.lessons import format_value
from kitchen.debrief.svg import PLAYER_COLOURS, bar_chart, timeline_svg
from kitchen.debrief.timeline import build_timeline
from kitchen.session.store import write_atomically

_ENV = Environment(
    loader=PackageLoader("kitchen.debrief", "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["num"] = lambda v, fmt=None: format_value(v, fmt)


def _round_view(r: RoundAnalysis) -> dict[str, Any]:
    m = r.metrics
    series = m.sections["flow"]["throughput_series"]
    labels = [f"{i * 30 // 60}:{i * 30 % 60:02d}" for i in range(len(series))]
    return {
        "analysis": r,
        "label": r.label,
        "header": r.log.header,
        "m": m,
        "s": m.sections,
        "throughput_svg": Markup(bar_chart(series, labels, "Dishes served every 30 seconds")),
        "timeline_svg": Markup(timeline_svg(build_timeline(r.log.events))),
        "cards": r.cards,
        "warnings": r.log.warnings,
    }


def render_html(sessions: Sequence[SessionAnalysis], title: str = "Systems Kitchen debrief") -> str:
    """The whole report as one HTML document."""
    teams = []
    for s in sessions:
        last = s.rounds[-1] if s.rounds else None
        teams.append({"session": s, "last": last})
    comparison = []
    if len(sessions) > 1:
        for name, label, better in COMPARED:
            values = [t["last"].values.get(name) if t["last"] else None for t in teams]
            comparison.append(
                {
                    "label": label,
                    "values": values,
                    "svg": Markup(bar_chart(values, [t["session"].team for t in teams], label, 420, 170)),
                    "better": better,
                    "format": FORMATS.get(name),
                }
            )
    template = _ENV.get_template("report.html.j2")
    return template.render(
        title=title,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
        sessions=[{"session": s, "rounds": [_round_view(r) for r in s.rounds], "changes": s.changes()} for s in sessions],
        teams=teams,
        comparison=comparison,
        compared=COMPARED,
        colours=PLAYER_COLOURS,
    )


def metrics_rows(sessions: Sequence[SessionAnalysis]) -> list[dict[str, Any]]:
    """One flat row per round, for CSV: identifiers, then every numeric metric."""
    rows = []
    for s in sessions:
        for r in s.rounds:
            row: dict[str, Any] = {
                "team": s.team,
                "session": s.session_id,
                "round": r.index,
                "level": r.log.header.level_name,
                "seed": r.log.header.seed,
                "players": len(r.log.header.players),
                "silos": r.log.header.silos,
                "complete": r.metrics.info["complete"],
                "duration_s": r.metrics.info["duration_s"],
            }
            for name, value in r.values.items():
                row[name] = value
            row["lessons"] = " ".join(c.id for c in r.cards)
            rows.append(row)
    return rows


def metrics_csv(sessions: Sequence[SessionAnalysis]) -> str:
    """The CSV text of :func:`metrics_rows`."""
    rows = metrics_rows(sessions)
    out = io.StringIO()
    if rows:
        fields = list(dict.fromkeys(k for row in rows for k in row))
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def metrics_json(sessions: Sequence[SessionAnalysis]) -> str:
    """Every metric of every round, with its session, as JSON."""
    data = [
        {
            "team": s.team,
            "session": s.session_id,
            "created": s.created,
            "rounds": [
                {
                    "round": r.index,
                    "log": str(r.log.path),
                    "level": r.log.header.level_name,
                    "seed": r.log.header.seed,
                    "silos": r.log.header.silos,
                    "metrics": r.metrics.to_dict(),
                    "lessons": [{"id": c.id, "title": c.title, "relevance": c.relevance} for c in r.cards],
                }
                for r in s.rounds
            ],
        }
        for s in sessions
    ]
    return json.dumps({"generator": f"systems-kitchen {__version__}", "sessions": data}, indent=2, ensure_ascii=False)


def write_report(sessions: Sequence[SessionAnalysis], html_path: str | Path) -> list[Path]:
    """Write the HTML report and, beside it, ``.csv`` and ``.json`` of the metrics.

    Returns:
        The files written.
    """
    html_path = Path(html_path)
    csv_path = html_path.with_suffix(".csv")
    json_path = html_path.with_suffix(".json")
    write_atomically(html_path, render_html(sessions))
    write_atomically(csv_path, metrics_csv(sessions))
    write_atomically(json_path, metrics_json(sessions))
    return [html_path, csv_path, json_path]
