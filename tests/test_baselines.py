"""Level baselines (issue 11 §3): what a level alone produces, and lesson cards that fire only
when a team departs from it; at most three cards shown, the rest on request."""

from __future__ import annotations

import shutil

import pytest

from kitchen.cli import main
from kitchen.content import SourceError
from kitchen.content.baselines import (
    MetricBaseline,
    baseline_path,
    level_digest,
    read_baseline,
    read_baseline_text,
)
from kitchen.debrief.analysis import RoundAnalysis
from kitchen.debrief.baselines import find_baseline
from kitchen.debrief.lessons import CARD_LIMIT, evaluate, known_names, load_pack, load_pack_text
from kitchen.paths import shipped_levels

GOOD = """\
version: 1
level: tutorial
level_digest: {digest}
made_by: test
seeds: [1, 2]
metrics:
  flow.waste: {{median: 1, low: 0, high: 2, measured: 2}}
"""


def text(**changes: str) -> str:
    body = GOOD.format(digest="a" * 64)
    for old, new in changes.items():
        body = body.replace(old, new)
    return body


def test_a_valid_baseline_reads():
    found = read_baseline_text(text(), "b.yaml", known_names())
    assert found.metrics["flow.waste"] == MetricBaseline(median=1, low=0, high=2, measured=2)
    assert found.metrics["flow.waste"].spread == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"median: 1, low: 0": "median: 3, low: 0"},
            "b.yaml:7:15: metrics.flow.waste: low <= median <= high must hold (got 0.0, 3.0, 2.0)",
        ),
        (
            {"flow.waste": "flow.wast"},
            "b.yaml:7:3: metrics.flow.wast: unknown metric 'flow.wast' (did you mean 'flow.waste'?)",
        ),
        ({"seeds: [1, 2]": "seeds: []"}, "b.yaml:5:8: seeds: "),
        ({"made_by: test\n": ""}, "b.yaml:1:1: missing required key 'made_by'"),
        ({"a" * 64: "abc"}, "b.yaml:3:15: level_digest: "),
    ],
)
def test_baseline_mistakes_are_one_positioned_line(change, message):
    with pytest.raises(SourceError) as err:
        read_baseline_text(text(**change), "b.yaml", known_names())
    lines = [str(p) for p in err.value.problems]
    assert len(lines) == 1, lines
    assert lines[0].startswith(message), lines[0]


def test_a_baseline_that_is_not_a_mapping_is_refused():
    with pytest.raises(SourceError) as err:
        read_baseline_text("- 1\n", "b.yaml")
    assert str(err.value.problems[0]).startswith("b.yaml:1:1")


def test_every_shipped_level_has_a_fresh_baseline():
    for path in shipped_levels():
        found = read_baseline(baseline_path(path), known_names())
        assert found.level_digest == level_digest(path.read_text(encoding="utf-8")), (
            f"{path.name}: baseline made from another version; run `kitchen baselines`"
        )
        assert find_baseline(path.read_text(encoding="utf-8"), path) == found


def test_the_command_writes_a_valid_baseline_and_checks_it(tmp_path, capsys):
    level = tmp_path / "01_tutorial.yaml"
    shutil.copy(shipped_levels()[0], level)
    assert main(["baselines", str(level), "--seeds", "2"]) == 0
    target = tmp_path / "baselines" / "01_tutorial.yaml"
    assert f"wrote {target} (2 seeds)" in capsys.readouterr().out
    found = read_baseline(target, known_names())
    assert found.seeds == [1, 2]
    assert found.level_digest == level_digest(level.read_text(encoding="utf-8"))
    assert "service.served" in found.metrics
    assert not any(k.startswith(("context.", "communication.callouts")) for k in found.metrics)
    assert main(["baselines", str(level), "--check"]) == 0
    assert f"{target}: ok" in capsys.readouterr().out
    level.write_text(level.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert main(["baselines", str(level), "--check"]) == 1
    out = capsys.readouterr().out
    assert f"{target}: made from another version of 01_tutorial.yaml" in out
    assert find_baseline(level.read_text(encoding="utf-8"), level) is None


def test_the_command_refuses_bad_seeds(capsys):
    assert main(["baselines", "tutorial", "--seeds", "0"]) == 2
    assert capsys.readouterr().err == "kitchen baselines: --seeds must be 1 to 100\n"


def silo_values(index: float) -> dict[str, float | None]:
    values: dict[str, float | None] = {name: 0.0 for name in known_names()}
    values.update(
        {
            "context.has_zones": 1,
            "context.silos": 0,
            "coordination.silo_index": index,
            "coordination.zone_crossings": 0,
        }
    )
    return values


def test_a_card_does_not_fire_on_a_value_the_level_forces():
    pack = load_pack()
    forced = {"coordination.silo_index": MetricBaseline(median=1, low=1, high=1, measured=5)}
    open_ = {
        "coordination.silo_index": MetricBaseline(median=0.55, low=0.45, high=0.62, measured=5)
    }
    ids = lambda baseline: [c.id for c in evaluate(pack, silo_values(1.0), baseline)]  # noqa: E731
    assert "stayed_in_silos" not in ids(forced)  # the level keeps every chef in place
    assert "stayed_in_silos" in ids(open_)  # the cooks leave their area; this team did not
    assert "stayed_in_silos" not in ids(None)  # no baseline: cannot tell team from level


PACK = """
name: t
title: T
sources:
  s1: {cite: "First source, 2001."}
  s2: {cite: "Second source, 2002."}
lessons:
"""


def lesson(i: int, metric: str) -> str:
    return (
        f"  - {{id: c{i}, title: C{i}, topic: x, weight: 1, sources: [s1, s2],\n"
        f"     when: [{{metric: {metric}, above_baseline: 1}}], showed: s, why: w, questions: [q]}}\n"
    )


def test_cards_rank_by_distance_from_the_baseline_and_three_are_shown():
    metrics = ["flow.waste", "service.expired", "coordination.blocked_s", "flow.rework"]
    pack = load_pack_text(PACK + "".join(lesson(i, m) for i, m in enumerate(metrics)))
    base = {m: MetricBaseline(median=1, low=0, high=2, measured=5) for m in metrics}
    base["flow.rework"] = MetricBaseline(median=1, low=0, high=3, measured=5)
    values: dict[str, float | None] = {name: 0.0 for name in known_names()}
    values.update({"flow.waste": 3.1, "service.expired": 9, "coordination.blocked_s": 3.5})
    values["flow.rework"] = 2.5  # more than 1 above the median but not above the highest
    cards = evaluate(pack, values, base)
    assert [c.id for c in cards] == ["c1", "c2", "c0"]
    assert cards[0].relevance > cards[1].relevance > cards[2].relevance
    assert cards[0].sources == ("First source, 2001.", "Second source, 2002.")
    values["flow.rework"] = 30
    cards = evaluate(pack, values, base)
    assert len(cards) == 4 > CARD_LIMIT
    shown = RoundAnalysis(None, None, values, cards, 1)  # type: ignore[arg-type]
    assert [c.id for c in shown.shown_cards] == ["c1", "c3", "c2"]
    assert [c.id for c in shown.more_cards] == ["c0"]


def test_the_report_shows_three_cards_folds_the_rest_and_cites_every_source(tmp_path):
    from kitchen.content import load_level
    from kitchen.debrief.analysis import analyse_logs
    from kitchen.debrief.report import render_html
    from kitchen.session import RecordedRound, read_round_log

    level = load_level(shipped_levels()[0])
    rec = RecordedRound(level, 1, sorted(level.spec.starts), log_path=tmp_path / "r.jsonl")
    while not rec.round.finished:
        rec.step({})
    rec.close()
    always = "".join(
        f"  - {{id: c{i}, title: Card {i}, topic: x, weight: {5 - i}, sources: [s1, s2],\n"
        f"     when: [{{metric: service.orders, at_least: 0}}], showed: s, why: w, "
        f"questions: [q]}}\n"
        for i in range(5)
    )
    pack = load_pack_text(PACK + always)
    sessions = analyse_logs([read_round_log(rec.log_path)], pack)
    assert sessions[0].rounds[0].baseline is not None  # the shipped tutorial's baseline
    html = render_html(sessions)
    folded = html.index('<details class="more-cards"><summary>More cards (2)</summary>')
    assert all(html.index(f"Card {i}</h4>") < folded for i in range(3))
    assert all(html.index(f"Card {i}</h4>") > folded for i in (3, 4))
    assert html.count("Sources: First source, 2001.; Second source, 2002.") == 5


def test_a_small_discrimination_bench_tells_the_profiles_apart():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parent.parent / "bench" / "lesson_discrimination.py"
    spec = importlib.util.spec_from_file_location("lesson_discrimination", path)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    tutorial = str(shipped_levels()[0])
    results = [bench.play((tutorial, p, 101)) for p in ("talkative", "unanswered", "quiet")]
    rows = {r["card"]: r for r in bench.score(results, [x.id for x in load_pack().lessons])}
    for card in ("open_loops", "closed_loops_held", "quiet_kitchen"):
        assert rows[card]["recall"] == 1.0, rows[card]
        assert rows[card]["false_fire"] == 0.0, rows[card]
    assert all(r["baseline"] for r in results)
