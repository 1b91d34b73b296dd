"""Improvement cycles kept with the session (cycles.json and the redesigned level beside
it), the fair next round (same seed: the same orders and disruption schedule), a redesign
never touching the original, the prediction read from the team's words, and the
system-or-people split in each of its cases."""

from __future__ import annotations

import hashlib
import json

import pytest
from pdsa_support import level_text, play_by_cooks

from kitchen.bots.team import BotTeam
from kitchen.content import SourceError, load_level_text
from kitchen.debrief.system_share import split_change
from kitchen.events import DisruptionStarted, OrderArrived
from kitchen.session import Session
from kitchen.session.cycles import (
    Change,
    CyclesRecord,
    Prediction,
    decide,
    load_cycles,
    plan_cycle,
    save_redesign,
)
from kitchen.session.fair_round import fair_round, pacing_changes, start_fair_round
from kitchen.session.prediction_words import read_prediction
from kitchen.sim.round import Round

AT_LEAST_4 = Prediction(
    words="at least 4 dishes", measure="service.served", comparison="at_least", value=4
)


def planned(tmp_path, kind="helps"):
    session = Session.create("Ward 7", root=tmp_path)
    original = tmp_path / "base.yaml"
    original.write_text(level_text("base", seconds=20), encoding="utf-8")
    play_by_cooks(session, original.read_text(encoding="utf-8"), 5, str(original))
    cycle = plan_cycle(
        session.folder,
        idea="Put the onions beside the pot",
        changes=[Change(kind="move", what="onion crate next to the pot")],
        prediction=AT_LEAST_4,
        level_text=level_text(kind, name=f"base_{kind}", redesign_of="base", seconds=20),
        original_level=str(original),
        compared_round=1,
        seed=5,
    )
    return session, original, cycle


def test_a_cycle_is_kept_beside_the_session_and_read_back(tmp_path):
    session, _, cycle = planned(tmp_path)
    assert (session.folder / "redesign-01.yaml").is_file()
    record = load_cycles(session.folder)
    assert record.cycles == [cycle]
    assert cycle.prediction.measure == "service.served"
    decide(session.folder, 1, "adopt", "keep the crate there")
    assert load_cycles(session.folder).cycle(1).decision == "adopt"
    assert load_cycles(tmp_path) == CyclesRecord(), "no cycles.json: no cycles"


def test_a_damaged_cycles_file_says_where_in_one_line_each(tmp_path):
    session, _, _ = planned(tmp_path)
    path = session.folder / "cycles.json"
    data = json.loads(path.read_text())
    data["cycles"][0]["prediction"]["comparison"] = "about"
    data["cycles"][0]["decision"] = "keep"
    path.write_text(json.dumps(data, indent=2))
    before = path.read_bytes()
    with pytest.raises(SourceError) as err:
        load_cycles(session.folder)
    lines = [str(p) for p in err.value.problems]
    assert len(lines) == 2
    text = path.read_text().splitlines()
    for line, key in zip(lines, ('"comparison"', '"decision"'), strict=True):
        where = next(n for n, row in enumerate(text, 1) if key in row)
        assert line.startswith(f"{path}:{where}:"), line
        assert "\n" not in line
    assert "cycles[0].prediction.comparison: must be" in lines[0]
    assert path.read_bytes() == before, "reading never changes the file"
    path.write_text("[1, 2]")
    with pytest.raises(SourceError, match="a cycles file is an object"):
        load_cycles(session.folder)


def test_a_redesign_never_touches_the_original(tmp_path):
    session, original, _ = planned(tmp_path)
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    stamp = original.stat().st_mtime_ns
    # a second cycle, and an attempt to save over an existing redesign
    plan_cycle(
        session.folder,
        idea="Crate far away",
        changes=[Change(kind="move", what="crate to the far wall")],
        prediction=AT_LEAST_4,
        level_text=level_text("hurts", name="base_hurts"),
        original_level=str(original),
        compared_round=1,
        seed=5,
    )
    first = (session.folder / "redesign-01.yaml").read_bytes()
    with pytest.raises(SourceError, match="never written over"):
        save_redesign(session.folder, 1, level_text("hurts"))
    assert (session.folder / "redesign-01.yaml").read_bytes() == first
    with pytest.raises(SourceError):
        save_redesign(session.folder, 3, "name: broken\nmap: 12\n")
    assert not (session.folder / "redesign-03.yaml").exists()
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest
    assert original.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["base.yaml"]


def test_the_fair_round_replays_the_compared_rounds_seed_and_chefs(tmp_path):
    session, _, _ = planned(tmp_path)
    plan = fair_round(session, load_cycles(session.folder).cycle(1))
    assert (plan.seed, plan.players, plan.people, plan.silos) == (5, (1, 2), (), True)
    assert plan.level.definition.name == "base_helps"
    assert plan.warnings == ()
    rec, _ = start_fair_round(session, 1)
    rec.close()
    assert rec.round.seed == 5
    assert load_cycles(session.folder).cycle(1).tested_round == 2


def _stream(text, seed, bots=False):
    level = load_level_text(text)
    rnd = Round(level.spec, seed=seed, players=[1, 2], people=())
    team = BotTeam(rnd) if bots else None
    orders, disruptions = [], []
    while not rnd.finished:
        for e in rnd.step(team.commands() if team else {}):
            if isinstance(e, OrderArrived):
                orders.append((e.tick, e.recipe, e.patience_ticks, e.source))
            elif isinstance(e, DisruptionStarted):
                disruptions.append((e.tick, e.kind, e.label, e.source))
    return orders, disruptions


@pytest.mark.parametrize("kind", ["helps", "hurts"])
def test_same_seed_same_orders_and_disruption_schedule(kind):
    old = level_text("base", disruptions=True, seconds=40)
    new = level_text(kind, name="redesign", disruptions=True, seconds=40)
    assert pacing_changes(load_level_text(old).definition, load_level_text(new).definition) == []
    for seed in (2, 7):
        orders, disruptions = _stream(old, seed)
        assert len(orders) >= 4
        assert {d[2] for d in disruptions} == {"Window jammed", "Stove fails"}
        assert _stream(new, seed) == (orders, disruptions)
    assert _stream(old, 2) != _stream(old, 3), "another seed, other orders and disruptions"
    # played by computer cooks: the same recipes in the same order, the same disruptions
    a, b = _stream(old, 7, bots=True), _stream(new, 7, bots=True)
    assert [o[1] for o in a[0]][:4] == [o[1] for o in b[0]][:4]
    assert a[1] == b[1]


def test_a_redesign_that_changes_the_orders_is_named():
    old = load_level_text(level_text("base")).definition
    new = load_level_text(level_text("helps").replace("every: [8, 12]", "every: [5, 6]"))
    assert pacing_changes(old, new.definition) == [
        "the redesign changes 'orders', so the orders or disruptions can differ from the "
        "compared round's"
    ]


@pytest.mark.parametrize(
    ("words", "measure", "comparison", "value"),
    [
        ("at least 9 dishes", "service.served", "at_least", 9),
        ("No lost hand-offs", "coordination.lost_handoffs", "at_most", 0),
        ("fewer than 3 expired orders", "service.expired", "less_than", 3),
        ("a score of 120 or more", "service.score", "at_least", 120),
        ("at least 80% closed loops", "communication.closed_loop_ratio", "at_least", 0.8),
    ],
)
def test_the_prediction_is_read_from_the_teams_words(words, measure, comparison, value):
    p = read_prediction(words)
    assert p is not None
    assert (p.words, p.measure, p.comparison, p.value) == (words, measure, comparison, value)


def test_words_without_a_measure_or_a_number_are_left_to_choose():
    assert read_prediction("it will feel calmer") is None
    assert read_prediction("more dishes") is None


@pytest.mark.parametrize(
    ("team", "system", "share", "people", "words"),
    [
        (20, 15, 0.75, 5, "System 75%: the redesign alone explains +15 of the team's +20"),
        (-20, -20, 1.0, 0, "System 100%"),
        (10, 0, 0.0, 10, "System 0%: the redesign alone changed nothing"),
        (10, 25, 2.5, -15, "more than the team's +10; the team's own change took -15 off it"),
        (10, -5, None, 15, "n/a as a share: the redesign alone moved it -5"),
        (0, 8, None, -8, "n/a as a share: the team's result did not change"),
        (0, 0, None, 0, "n/a: nothing to explain"),
        (None, 5, None, None, "n/a: the team's change cannot be measured"),
        (5, None, None, None, "n/a: the computer cooks' change cannot be measured"),
    ],
)
def test_system_or_people_in_every_case(team, system, share, people, words):
    s = split_change("service.score", team, system)
    assert s.share == share
    assert s.people == people
    assert words in s.text
    if s.team is not None and s.system is not None:
        assert s.team == s.system + s.people, "team = system + people, always"
