"""The exported report: structure, escaping, offline-ness, CSV and JSON, several teams."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest
from conftest import SHIPPED

from kitchen.cli import main
from kitchen.content import load_level
from kitchen.debrief.analysis import analyse_logs, collect_logs
from kitchen.debrief.report import metrics_csv, metrics_json, render_html
from kitchen.session import RecordedRound, Session, read_round_log
from kitchen.sim import Command
from kitchen.sim.actions import Tag, TriggerDisruption

EVIL = '<script>alert("x")</script> & <b>Ward</b>'


def play(session, level_path, seed, silos=True, tag=None):
    level = load_level(level_path)
    rec = RecordedRound(level, seed, sorted(level.spec.starts), silos=silos, session=session)
    rng = random.Random(seed)
    calls = [None] * 150 + ["need:onion", "on_it", "help", "thanks"]
    while not rec.round.finished:
        tick = rec.round.tick
        actions = []
        if tag and tick == 600:
            actions.append(Tag(tag, tag))
        if tick == 900 and level.spec.disruptions:
            actions.append(TriggerDisruption(0))
        rec.step(
            {
                p: Command(
                    move=(rng.randint(-1, 1), rng.randint(-1, 1)),
                    interact=rng.random() < 0.05,
                    use=rng.random() < 0.2,
                    callout=rng.choice(calls),
                )
                for p in rec.round.chefs
            },
            actions,
        )
    return rec.log_path


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    root = tmp_path_factory.mktemp("sessions")
    silos = next(p for p in SHIPPED if "silos" in p.name)
    broken = next(p for p in SHIPPED if "broken" in p.name)
    a = Session.create(EVIL, root=root)
    play(a, silos, 1, silos=True, tag=EVIL)
    play(a, silos, 2, silos=False)
    b = Session.create("Theatre team", root=root)
    play(b, broken, 3)
    return [a.folder, b.folder]


def test_a_report_covers_every_session_and_round(sessions):
    logs, warnings = collect_logs(sessions)
    assert len(logs) == 3
    assert warnings == []
    analysed = analyse_logs(logs)
    assert [len(s.rounds) for s in analysed] == [2, 1]
    html = render_html(analysed)
    assert html.count('<section class="round">') == 3
    assert html.count("What happened") == 3
    assert html.count("Lessons this round brought up") == 3
    assert "Teams compared" in html
    assert "Round by round" in html
    assert html.count("<svg") >= 3 * 2 + 4
    assert "Round 2: Departments" in html
    assert "silos off" in html
    assert "Theatre team" in html


def test_team_text_is_escaped_everywhere(sessions):
    html = render_html(analyse_logs(collect_logs(sessions)[0]))
    assert "<script" not in html
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
        or "&lt;script&gt;alert(&quot;x&quot;)" in html
    )
    assert "<b>Ward</b>" not in html


def test_the_report_needs_no_network(sessions):
    html = render_html(analyse_logs(collect_logs(sessions)[0]))
    assert not re.search(r"<(script|link|iframe|img)\b", html, re.I)
    assert not re.search(r"(src|href)\s*=", html, re.I)
    assert not re.search(r"url\(|@import", html, re.I)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}


def test_csv_and_json_hold_every_round(sessions):
    analysed = analyse_logs(collect_logs(sessions)[0])
    rows = list(csv.DictReader(io.StringIO(metrics_csv(analysed))))
    assert [(r["round"], r["level"]) for r in rows] == [
        ("1", "silos"),
        ("2", "silos"),
        ("1", "broken_kit"),
    ]
    assert rows[0]["team"] == EVIL
    assert "communication.closed_loop_ratio" in rows[0]
    assert "coordination.silo_index" in rows[0]
    assert rows[1]["context.round_index"] == "2"
    assert rows[1]["silos"] == "False"
    data = json.loads(metrics_json(analysed))
    first = data["sessions"][0]["rounds"][0]
    assert first["metrics"]["service"]["orders"] >= 1
    assert first["metrics"]["tags"][0]["label"] == EVIL


def test_kitchen_report_writes_three_files(sessions, tmp_path, capsys):
    out = tmp_path / "out" / "workshop.html"
    out.parent.mkdir()
    assert main(["report", *map(str, sessions), "-o", str(out)]) == 0
    for suffix in (".html", ".csv", ".json"):
        assert out.with_suffix(suffix).stat().st_size > 100
    assert "2 session(s), 3 round(s)" in capsys.readouterr().out


def test_kitchen_report_on_single_logs_and_bad_input(sessions, tmp_path, capsys):
    log = sorted(Path(sessions[1]).glob("*.jsonl"))[0]
    out = tmp_path / "one.html"
    assert main(["report", str(log), "-o", str(out)]) == 0
    assert "Theatre team" in out.read_text(encoding="utf-8")
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 1
    assert "no such file" in capsys.readouterr().err
    empty = Session.create("Nobody", root=tmp_path)
    assert main(["report", str(empty.folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no rounds" in err
    assert "Traceback" not in err


def test_a_round_cut_short_is_reported_as_such(sessions, tmp_path):
    log = sorted(Path(sessions[1]).glob("*.jsonl"))[0]
    text = log.read_text(encoding="utf-8")
    cut = tmp_path / "cut.jsonl"
    half = text[: len(text) // 2]
    cut.write_text(
        half[: half.rfind("\n") + 1] + '{"record": "ev', encoding="utf-8"
    )  # torn mid-line
    html = render_html(analyse_logs([read_round_log(cut)]))
    assert "the round was cut short" in html
    assert "incomplete last line" in html


def test_compared_ratios_read_as_percentages(sessions):
    html = render_html(analyse_logs(collect_logs(sessions)[0]))
    rows = re.findall(r"<tr><td>Closed-loop ratio</td>((?:<td class=\"n\">[^<]*</td>)+)", html)
    assert rows, "the round-by-round and team tables list the closed-loop ratio"
    cells = [c for row in rows for c in re.findall(r">([^<]*)<", row) if c]
    assert cells
    assert all(c.endswith("%") or c == "n/a" for c in cells), cells


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ward 7", "Ward 7"),
        ("-5", "-5"),
        ("+1.5e3", "+1.5e3"),
        (-3, -3),
        (-0.25, -0.25),
        (None, None),
        (True, True),
    ],
)
def test_csv_cells_cannot_run_as_formulas(cell, written):
    from kitchen.debrief.report import spreadsheet_safe

    assert spreadsheet_safe(cell) == written


def test_team_and_level_names_in_the_csv_are_neutralised_and_numbers_stay_numbers(
    sessions, monkeypatch
):
    from kitchen.debrief import report

    analysed = analyse_logs(collect_logs(sessions)[0])
    real = report.metrics_rows(analysed)
    evil = [
        {**row, "team": "=1+2", "level": "@evil", "session": "-x", "duration_s": -1.5}
        for row in real
    ]
    monkeypatch.setattr(report, "metrics_rows", lambda _: evil)
    rows = list(csv.reader(io.StringIO(metrics_csv(analysed))))
    header, first = rows[0], rows[1]
    assert first[header.index("team")] == "'=1+2"
    assert first[header.index("level")] == "'@evil"
    assert first[header.index("session")] == "'-x"
    assert first[header.index("duration_s")] == "-1.5"  # a negative number stays a number
    assert all(not c.startswith(("=", "+", "@", "\t", "\r")) for row in rows for c in row)
    assert all(float(c) < 0 for row in rows[1:] for c in row if c.startswith("-"))
