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
from kitchen.paths import levels_dir
from kitchen.session import RecordedRound, Session, read_round_log
from kitchen.sim import Command
from kitchen.sim.actions import EndRound, Tag, TriggerDisruption

EVIL = '<script>alert("x")</script> & <b>Ward</b>'


PLAYED_TICKS = 120 * 60
"""The facilitator ends each test round after two minutes: long enough for a tag, a
disruption and level 8's blackout (20-80 s) with time after it, and the tests stay quick."""


def play(session, level_path, seed, silos=True, tag=None):
    level = load_level(level_path)
    rec = RecordedRound(level, seed, sorted(level.spec.starts), silos=silos, session=session)
    rng = random.Random(seed)
    calls = [None] * 150 + ["need:onion", "on_it", "help", "thanks"]
    while not rec.round.finished:
        tick = rec.round.tick
        actions: list = [EndRound()] if tick == PLAYED_TICKS else []
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
    # two charts a round; no team charts: the two teams played different levels
    assert html.count("<svg") >= 3 * 2
    assert "so the teams are not compared" in html
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


# --- like-for-like comparisons, labels and the research export (issue 11) -----------------


def level_file(stem):
    return next(p for p in SHIPPED if p.stem == stem)


@pytest.fixture(scope="module")
def by_level(tmp_path_factory):
    """Ward 7 plays Departments, Departments Redesigned, Departments again (all seed 1) and
    The Lost Board; Ward 9 plays Departments once."""
    root = tmp_path_factory.mktemp("by_level")
    a = Session.create("Ward 7", root=root)
    for stem, seed in (("06_silos", 1), ("07_redesigned", 1), ("06_silos", 1)):
        play(a, level_file(stem), seed)
    play(a, level_file("08_lost_board"), 4)
    b = Session.create("Ward 9", root=root)
    play(b, level_file("06_silos"), 1)
    return [a.folder, b.folder]


def test_rounds_are_paired_by_level_and_other_levels_are_not_compared(by_level):
    from kitchen.debrief.analysis import NOT_COMPARED, OTHER_SETTINGS

    ward7 = analyse_logs(collect_logs(by_level[:1])[0])[0]
    score = next(c for c in ward7.changes() if c["name"] == "service.score")
    cells = score["cells"]
    assert [c["level"] for c in cells] == ["L6", "L7", "L6", "L8"]
    assert [c["against"] for c in cells] == [None, None, 1, None]
    assert cells[1]["reason"] == NOT_COMPARED  # level 7 is never "better" than level 6
    assert cells[1]["verdict"] is None
    assert cells[2]["verdict"] in ("better", "worse", "same")
    assert score["verdict"] == NOT_COMPARED  # the latest round (level 8) has no pair
    html = render_html([ward7])
    assert "no earlier round of this level: not compared" in html
    # every round-by-round column names its level
    heads = re.findall(r"<th>Round (\d+)<span class=\"lv\">([^<]*)</span>", html)
    assert [(n, lv.rsplit(", seed", 1)[0]) for n, lv in heads] == [
        ("1", "Departments (level 6)"),
        ("2", "Departments, Redesigned (level 7)"),
        ("3", "Departments (level 6)"),
        ("4", "The Lost Board (level 8)"),
    ]
    # the earlier fixture: the same level with silos off is not compared either
    mixed = analyse_logs(collect_logs([by_level[0]])[0])[0]
    assert mixed.rounds[2].index == 3
    assert OTHER_SETTINGS.endswith("not compared")


def test_same_level_with_other_settings_is_not_compared(sessions):
    from kitchen.debrief.analysis import OTHER_SETTINGS

    first = analyse_logs(collect_logs(sessions)[0])[0]
    score = next(c for c in first.changes() if c["name"] == "service.score")
    assert score["verdict"] == OTHER_SETTINGS  # silos on, then silos off


def test_level_7_is_shown_against_level_6_on_the_measures_it_names(by_level):
    ward7 = analyse_logs(collect_logs(by_level[:1])[0])[0]
    redesigned = ward7.rounds[1]
    assert redesigned.definition is not None
    assert redesigned.definition.redesign_of == "silos"
    found = [c for c in ward7.level_comparisons() if "redesigns" in c.title]
    assert len(found) == 1
    comparison = found[0]
    assert comparison.missing is None
    assert [row["name"] for row in comparison.rows] == list(redesigned.definition.compare)
    assert comparison.columns == ("Round 1: Departments (level 6)", "Round 2")
    assert "same seed" in comparison.note
    html = render_html([ward7])
    assert "Departments, Redesigned (level 7) against the level it redesigns" in html
    assert "Silo index (time in own area)" in html
    assert comparison.line in html.replace("&#39;", "'").replace("&amp;", "&")


def test_a_redesign_without_its_original_says_what_to_play(by_level):
    log = sorted(Path(by_level[0]).glob("*.jsonl"))[1]
    (alone,) = analyse_logs([read_round_log(log)])
    (comparison,) = alone.level_comparisons()
    assert comparison.missing is not None
    assert "has not played before it" in comparison.missing


def test_the_lost_board_compares_calls_acknowledged_before_and_after_its_blackout(by_level):
    ward7 = analyse_logs(collect_logs(by_level[:1])[0])[0]
    lost = ward7.rounds[3]
    (comparison,) = [c for c in ward7.level_comparisons(upto=lost)]
    assert [row["name"] for row in comparison.rows] == [
        "blackout.ack_before",
        "blackout.ack_during",
        "blackout.ack_after",
    ]
    assert "blackout" in render_html([ward7])


def test_blackout_periods_on_a_hand_built_log():
    from kitchen.debrief.analysis import blackout_periods
    from kitchen.events import Callout, DisruptionEnded, DisruptionStarted, RoundEnded, RoundStarted

    tps = 60
    events = [
        RoundStarted(0, "lost_board", 1, (1, 2), tps, 180 * tps),
        Callout(100, 1, 1, "need", "onion"),
        Callout(200, 2, 2, "on_it", answers=1, answer_delay=100),  # 1.7 s: acknowledged
        DisruptionStarted(600, 1, "blackout", "Order board lost", "scheduled"),
        Callout(700, 1, 3, "need", "tomato"),  # never answered
        Callout(800, 2, 4, "help"),
        Callout(800 + 11 * tps, 1, 5, "on_it", answers=4, answer_delay=11 * tps),  # too late
        DisruptionEnded(1800, 1, "blackout", "time"),
        Callout(1900, 2, 6, "need", "plate"),
        Callout(2000, 1, 7, "on_it", answers=6, answer_delay=100),
        Callout(180 * tps - 5 * tps, 1, 8, "need", "onion"),  # too late to be answered
        RoundEnded(180 * tps, 0, 0, 0, 0, 0),
    ]
    assert blackout_periods(events) == [("before", 1, 1), ("during", 2, 0), ("after", 1, 1)]
    assert blackout_periods([e for e in events if "disruption" not in e.type]) is None
    # Chef 2 played by a computer cook: its calls and answers say nothing about the team.
    with_cook = [
        RoundStarted(0, "lost_board", 1, (1, 2), tps, 180 * tps, people=(1,)),
        *events[1:],
    ]
    assert blackout_periods(with_cook) == [("before", 1, 0), ("during", 1, 0), ("after", 0, 0)]


def test_a_log_given_on_its_own_keeps_its_round_number(by_level, tmp_path):
    third = sorted(Path(by_level[0]).glob("*.jsonl"))[2]
    (alone,) = analyse_logs([read_round_log(third)])
    assert [r.index for r in alone.rounds] == [3]
    assert "Round 3: Departments" in render_html([alone])
    out = tmp_path / "one.html"
    assert main(["report", str(third), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Round 3: Departments" in text
    assert "Round 1:" not in text
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8"))))
    assert rows[0]["round"] == "3"


def test_teams_are_compared_on_the_same_level_and_say_which(by_level):
    analysed = analyse_logs(collect_logs(by_level)[0])
    html = render_html(analysed)
    section = html[html.index("<h2>Teams compared</h2>") : html.index('<section class="details">')]
    assert "Departments (level 6)" in section
    assert "Each team's latest round of Departments (level 6)." in section
    assert "Ward 7 (round 3)" in section  # its latest round of that level, not its round 4
    assert "Ward 9 (round 1)" in section
    assert "The Lost Board" not in section  # only one team played it
    assert section.count("<svg") >= 2


def test_the_report_opens_with_a_printable_summary_per_team(by_level):
    analysed = analyse_logs(collect_logs(by_level)[0])
    html = render_html(analysed)
    assert html.count('<section class="summary">') == 2
    assert html.index('<section class="summary">') < html.index('<section class="details">')
    assert "section.summary { break-after: page; }" in html
    assert "Ward 7: summary" in html
    assert "4 rounds" in html
    assert "1 round " in html or "1 round<" in html or "1 round &" in html


def test_csv_and_json_hold_no_file_paths_and_research_mode_pseudonymises(by_level, tmp_path):
    analysed = analyse_logs(collect_logs(by_level)[0])
    for text in (metrics_csv(analysed), metrics_json(analysed)):
        assert str(tmp_path.anchor + "tmp") not in text
        assert not re.search(r"(^|[\s\",])/(tmp|home|Users|root)/", text)
        assert str(by_level[0]) not in text
    out = tmp_path / "research.html"
    assert main(["report", *map(str, by_level), "-o", str(out), "--research"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8"))))
    assert {r["team"] for r in rows} == {"T1", "T2"}
    assert {r["session"] for r in rows} == {"S1", "S2"}
    for suffix in (".csv", ".json", ".html"):
        text = out.with_suffix(suffix).read_text(encoding="utf-8")
        assert "Ward 7" not in text
        assert "ward-7" not in text
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["sessions"][0]["rounds"][0]["log"].endswith(".jsonl")
    assert "/" not in data["sessions"][0]["rounds"][0]["log"]


def test_one_label_and_one_rounding_per_metric_in_game_report_csv_and_json(sessions):
    from kitchen.debrief import labels
    from kitchen.debrief.analysis import COMPARED
    from kitchen.debrief.report import TILES
    from kitchen.ui.scenes.debrief import CARDS

    for name in (*CARDS, *COMPARED, *TILES):
        assert name in labels.METRICS, f"{name} has no row in the labels table"
    analysed = analyse_logs(collect_logs(sessions)[0])
    html = render_html(analysed)
    for name in COMPARED:
        assert f"<td>{labels.label(name)}</td>" in html.replace("&#39;", "'")
    data = json.loads(metrics_json(analysed))
    values = analysed[0].rounds[0].values
    for name in values:
        assert data["labels"][name] == labels.label(name)
    rows = list(csv.DictReader(io.StringIO(metrics_csv(analysed))))
    for name, value in values.items():
        shown = labels.rounded_value(name, value)
        cell = rows[0][name]
        assert cell == ("" if shown is None else str(shown)), name
    docs = (Path(__file__).parent.parent / "docs" / "report.md").read_text(encoding="utf-8")
    for name, entry in labels.METRICS.items():
        assert f"| `{name}` | {entry.label} |" in docs, f"docs/report.md lacks {name}"


def test_labels_show_n_a_and_plurals():
    from kitchen.debrief import labels

    assert labels.show("communication.closed_loop_ratio", None) == "n/a"
    assert labels.show("communication.closed_loop_ratio", 0.4237) == "42%"
    assert labels.rounded_value("communication.closed_loop_ratio", 0.4237) == 0.42
    assert labels.show("coordination.blocked_s", 12.34) == "12 s"
    assert labels.show("communication.callout_gini", 0.256) == "0.26"
    assert labels.plural(1, "round") == "1 round"
    assert labels.plural(0, "round") == "0 rounds"
    assert labels.plural(2, "call") == "2 calls"
    assert labels.verdict("service.expired", 1, 3) == "better"
    assert labels.verdict("service.score", None, 3) is None
    assert labels.label("communication.some_new_rate") == "Some new rate"
    assert labels.show("communication.some_new_rate", 0.5) == "50%"


def test_research_mode_leaves_out_typed_text_but_keeps_team_ratings(tmp_path):
    from kitchen.session.observation_log import append_observation

    session = Session.create("Ward 7", root=tmp_path)
    play(session, level_file("06_silos"), 1)
    log = session.round_logs()[0]
    append_observation(log, {"kind": "team", "ratings": {"communication": 3}, "global_rating": 7})
    append_observation(log, {"kind": "takeaways", "keep": "Dr Jones kept calling back"})
    out = tmp_path / "research.html"
    assert main(["report", str(session.folder), "-o", str(out), "--research"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Dr Jones" not in html
    assert "Ward 7" not in html
    plain = tmp_path / "plain.html"
    assert main(["report", str(session.folder), "-o", str(plain)]) == 0
    assert "Dr Jones kept calling back" in plain.read_text(encoding="utf-8")


def test_the_redesign_card_comes_up_for_the_redesign_not_for_every_later_round(by_level):
    (ward7, _) = analyse_logs(collect_logs(by_level)[0])
    fired = {r.index: [c.id for c in r.cards] for r in ward7.rounds}
    assert "three_horizons" not in fired[1]  # Departments
    assert "three_horizons" in fired[2]  # Departments, Redesigned, after Departments
    assert "three_horizons" not in fired[3]  # Departments again: not a redesign
    assert "three_horizons" not in fired[4]  # The Lost Board


def test_silo_cards_follow_what_the_team_did_not_what_the_level_forced(by_level):
    (ward7, _) = analyse_logs(collect_logs(by_level)[0])
    departments, redesigned = ward7.rounds[0], ward7.rounds[1]
    # Level 6 keeps chefs in their departments: staying there says nothing about the team.
    assert departments.values["context.silos"] == 1
    assert "stayed_in_silos" not in [c.id for c in departments.cards]
    # Level 7 has no roles: with the silos switch on, nobody was restricted.
    assert redesigned.log.header.silos
    assert redesigned.values["context.silos"] == 0


def test_the_who_to_whom_table_shows_peoples_asking_and_answering_but_not_team_only(sessions):
    analysed = analyse_logs(collect_logs(sessions)[0])
    comm = analysed[0].rounds[0].metrics.sections["communication"]
    assert comm["requests_by_person"], "people asked for things in this round"
    html = render_html(analysed)
    assert "Who asked, who answered, who named whom (people only)" in html
    first = sorted(comm["requests_by_person"])[0]
    row = re.search(rf"<tr><td[^>]*>Chef {first}</td><td class=\"n\">(\d+)</td>", html)
    assert row is not None
    assert int(row.group(1)) == comm["requests_by_person"][first]
    from kitchen.debrief.report import team_only_view

    assert "Who asked, who answered" not in render_html(team_only_view(analysed), team_only=True)


def test_a_log_with_no_session_named_without_its_folder_is_named_after_the_folder(
    tmp_path, monkeypatch
):
    folder = tmp_path / "ward_round"
    folder.mkdir()
    level = load_level(levels_dir() / "01_tutorial.yaml")
    rec = RecordedRound(level, 3, sorted(level.spec.starts), log_path=folder / "r.jsonl")
    while not rec.round.finished:
        rec.step({}, [EndRound()] if rec.round.tick == 60 else [])
    rec.close()
    monkeypatch.chdir(folder)
    (alone,) = analyse_logs([read_round_log(Path("r.jsonl"))])
    assert alone.session_id == "ward_round"
    assert "Session ward_round" in render_html([alone])


def test_a_level_without_roles_says_nothing_of_silos_and_a_first_round_is_not_another_level(
    tmp_path,
):
    level = load_level(levels_dir() / "02_two_recipes.yaml")
    assert not level.spec.roles
    rec = RecordedRound(level, 3, sorted(level.spec.starts), log_path=tmp_path / "r.jsonl")
    while not rec.round.finished:
        rec.step({}, [EndRound()] if rec.round.tick == 60 else [])
    rec.close()
    (alone,) = analyse_logs([read_round_log(tmp_path / "r.jsonl")])
    assert alone.rounds[0].settings_caption == ""
    html = render_html([alone])
    assert "silos on" not in html
    assert "no earlier round of this level: not compared" in html
    assert "different level" not in html
