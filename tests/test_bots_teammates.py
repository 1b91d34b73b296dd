"""Computer cooks as teammates: they pass plates across a counter (Overcooked-AI's
forced_coordination), set a burnt pot's mess aside when the level has no bin, talk through
the players' call-outs and answer people's calls."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from conftest import SHIPPED, level_from

from kitchen.bots import BotTeam
from kitchen.bots.navigation import LiveMap
from kitchen.cli import main
from kitchen.content import load_level
from kitchen.content.overcooked_import import level_text, read_layout
from kitchen.debrief.analysis import analyse_round
from kitchen.debrief.lessons import load_pack
from kitchen.events import Callout, ItemPutDown, ItemSpawned, OrderServed
from kitchen.session import RecordedRound, read_round_log, replay
from kitchen.sim import Command, Round
from kitchen.sim.items import INGREDIENT, Item
from kitchen.sim.spec import TICKS_PER_SECOND

S = TICKS_PER_SECOND
OVERCOOKED = Path(__file__).resolve().parent / "data" / "overcooked"


def level_path(stem: str) -> Path:
    """A shipped level's file."""
    return next(p for p in SHIPPED if p.stem == stem)


def overcooked(name: str):
    """A level made by the Overcooked-AI importer from a real layout file."""
    path = OVERCOOKED / f"{name}.layout"
    text = level_text(read_layout(path.read_text(), path.name), path.name, name, path.name)
    return level_from(text, f"{name}.yaml").spec


def play(rnd: Round, team: BotTeam, people=None, until: int | None = None) -> list:
    """Step the round with the bots' commands plus ``people(rnd)``; every event."""
    events = []
    while not rnd.finished and (until is None or rnd.tick < until):
        commands = dict(people(rnd)) if people else {}
        commands.update(team.commands())
        events.extend(rnd.step(commands))
    return events


def test_two_cooks_serve_at_least_five_dishes_on_forced_coordination():
    spec = overcooked("forced_coordination")
    assert spec.round_ticks == 180 * S
    rnd = Round(spec, seed=0, players=sorted(spec.starts)[:2], people=())
    events = play(rnd, BotTeam(rnd))
    served = [e for e in events if isinstance(e, OrderServed)]
    assert len(served) >= 5
    passed_plates = [
        e for e in events if isinstance(e, ItemPutDown) and e.item == "plate" and e.player == 2
    ]
    assert passed_plates, "the plates came across the counter"


NO_BIN = """
version: 1
name: no_bin
title: No bin
description: a kitchen without a bin
map: |
  XXPXX
  O 1 S
  X 2 D
  XXXXX
recipes: [onion_soup]
round: {seconds: 60}
orders:
  patience: 60
  generator: {start: 1, every: [20, 20], max_active: 1}
scoring: {stars: [10, 20, 30]}
"""


def test_a_burnt_pot_is_set_aside_on_a_counter_when_there_is_no_bin():
    spec = level_from(NO_BIN).spec
    assert not any(s.kind == "bin" for s in spec.stations.values())
    rnd = Round(spec, seed=1, people=())
    stove = rnd.stations[(2, 0)]
    stove.contents = [Item(rnd.new_id(), INGREDIENT, "onion") for _ in range(3)]
    stove.state = "burnt"
    events = play(rnd, BotTeam(rnd), until=40 * S)
    mess = [e for e in events if isinstance(e, ItemSpawned) and e.item == "burnt"]
    assert mess, "the burnt pot was scraped"
    set_aside = [e for e in events if isinstance(e, ItemPutDown) and e.item == "burnt"]
    assert set_aside
    assert rnd.stations[set_aside[0].tile].kind == "counter"
    assert rnd.served >= 1  # the pot cooked again


TWO_RECIPES = level_path("02_two_recipes")


def test_a_free_cook_answers_a_persons_need_call_and_brings_one():
    spec = load_level(TWO_RECIPES).spec
    rnd = Round(spec, seed=3, people=[1])
    team = BotTeam(rnd, [2], talk=True)
    calls = {20 * S: Command(callout="need:tomato")}
    events = play(rnd, team, lambda r: {1: calls.get(r.tick, Command())}, until=45 * S)
    need = next(e for e in events if isinstance(e, Callout) and e.player == 1)
    assert (need.kind, need.item) == ("need", "tomato")
    on_it = next(e for e in events if isinstance(e, Callout) and e.kind == "on_it")
    assert (on_it.player, on_it.answers, on_it.to) == (2, need.callout_id, 1)
    assert on_it.tick - need.tick < 5 * S
    brought = [
        e
        for e in events
        if isinstance(e, ItemPutDown)
        and e.player == 2
        and e.item == "tomato"
        and e.tick > on_it.tick
        and rnd.stations[e.tile].kind == "counter"
    ]
    assert brought, "the cook brought a tomato to a counter"
    # on a counter the person can reach from where they stand
    person = rnd.chefs[1]
    assert LiveMap(rnd).station_distance(person.cell, brought[0].tile) is not None


def test_talk_changes_no_cooking_when_every_cook_reads_the_tickets():
    spec = load_level(TWO_RECIPES).spec
    runs = []
    for talk in (False, True):
        rnd = Round(spec, seed=5, people=())
        events = play(rnd, BotTeam(rnd, talk=talk), until=40 * S)
        runs.append([e.to_dict() for e in events if not isinstance(e, Callout)])
        if not talk:
            assert not any(isinstance(e, Callout) for e in events)
    assert runs[0] == runs[1]


def test_prep_cooks_that_cannot_read_tickets_work_from_the_pass_cooks_calls():
    spec = load_level(level_path("06_silos")).spec
    prep = {p for r in spec.roles if not r.sees_tickets for p in r.players}
    assert prep == {1, 3}
    rnd = Round(spec, seed=2, people=())
    events = play(rnd, BotTeam(rnd, talk=True), until=75 * S)
    calls = [e for e in events if isinstance(e, Callout)]
    needs = [c for c in calls if c.kind == "need"]
    assert needs
    assert all(c.player not in prep and c.to in prep for c in needs)
    answered = {c.answers for c in calls if c.kind == "on_it" and c.player in prep}
    assert answered & {c.callout_id for c in needs}
    assert any(c.kind == "thanks" and c.player not in prep for c in calls)
    assert rnd.served >= 2
    # the prep cooks picked nothing from a crate that nobody had asked for
    asked = {c.item for c in needs}
    taken = {
        e.item
        for e in events
        if isinstance(e, ItemSpawned) and e.player in prep and e.source == "crate"
    }
    assert taken <= asked


def test_simulate_bots_records_a_round_and_never_overwrites_a_log(tmp_path, capsys):
    log = tmp_path / "round.jsonl"
    args = ["simulate", "06_silos", "--bots", "--chefs", "2", "--seed", "1"]
    assert main([*args, "--format", "summary", "--log", str(log)]) == 0
    out = capsys.readouterr().out
    assert "chefs [1, 2]" in out
    lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert lines[0]["people"] == []
    events = [r["event"] for r in lines if r.get("record") == "event"]
    assert events[-1]["type"] == "round_ended"
    assert any(e["type"] == "order_served" for e in events)
    assert any(e["type"] == "callout" for e in events)  # the cooks talk
    assert replay(read_round_log(log)).identical
    before = log.read_bytes()
    assert main([*args, "--log", str(log)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "already exists" in err
    assert log.read_bytes() == before


def test_the_debrief_counts_no_talk_of_the_cooks(tmp_path):
    """One person and two talking cooks: the cooks' calls change no metric and no card."""
    level = load_level(level_path("06_silos"))
    path = tmp_path / "round.jsonl"
    rec = RecordedRound(level, 4, [1, 2, 3], people=[1], log_path=path)
    team = BotTeam(rec.round, [2, 3], talk=True)
    said = {5 * S: "need:plate", 9 * S: "thanks", 30 * S: "help"}
    while rec.round.tick < 60 * S:
        tick = rec.round.tick
        move = (0, 1) if tick < 30 else (0, 0)
        rec.step({1: Command(move=move, callout=said.get(tick)), **team.commands()})
    rec.close()
    log = read_round_log(path)
    cooks = [e for e in log.events if isinstance(e, Callout) and e.player in (2, 3)]
    assert len(cooks) >= 3  # the cooks answered and talked
    silent = dataclasses.replace(
        log, events=[e for e in log.events if not (isinstance(e, Callout) and e.player != 1)]
    )
    pack = load_pack()
    talking, quiet = analyse_round(log, pack), analyse_round(silent, pack)
    assert [c.id for c in talking.cards] == [c.id for c in quiet.cards]
    comm = {k: v for k, v in talking.values.items() if k.startswith("communication.")}
    assert comm == {k: v for k, v in quiet.values.items() if k.startswith("communication.")}
    assert talking.values["communication.people"] == 1
    assert not any("chef 2" in c.showed or "chef 3" in c.showed for c in talking.cards)


def test_a_cook_taking_on_an_earlier_call_names_its_item_and_the_log_links_that_call():
    # Issue 11: chef 1 asks for lettuce, then at once for tomato. The cook takes on the
    # lettuce (the older call) and says so; the log links its "On it!" to the lettuce call,
    # not to the later tomato one, and the cook brings lettuce.
    spec = load_level(TWO_RECIPES).spec
    rnd = Round(spec, seed=3, people=[1])
    team = BotTeam(rnd, [2], talk=True)
    calls = {20 * S: Command(callout="need:lettuce"), 20 * S + 1: Command(callout="need:tomato")}
    events = play(rnd, team, lambda r: {1: calls.get(r.tick, Command())}, until=40 * S)
    said = [e for e in events if isinstance(e, Callout)]
    lettuce, tomato = (c for c in said if c.player == 1)
    on_it = next(c for c in said if c.kind == "on_it")
    assert on_it.tick > tomato.tick
    assert (on_it.player, on_it.item, on_it.to) == (2, "lettuce", 1)
    assert on_it.answers == lettuce.callout_id
    put = next(
        e
        for e in events
        if isinstance(e, ItemPutDown)
        and e.player == 2
        and e.tick > on_it.tick
        and rnd.stations[e.tile].kind == "counter"
    )
    assert put.item.split(":")[0] == "lettuce"


def test_talking_cooks_name_the_item_they_take_on_and_bring_it():
    # Level 6, seed 3: every "On it!" of a prep cook names the item of the pass cook's call
    # it is linked to (never an acknowledgement before its call), and what the cook next
    # puts down on a counter is that item.
    rnd = Round(load_level(level_path("06_silos")).spec, seed=3, people=())
    events = play(rnd, BotTeam(rnd, talk=True), until=50 * S)
    calls = {c.callout_id: c for c in events if isinstance(c, Callout)}
    acks = [c for c in calls.values() if c.kind == "on_it" and c.tick < 45 * S]
    assert len(acks) >= 8
    assert {a.item for a in acks} == {"onion", "lettuce", "tomato"}
    for ack in acks:
        call = calls[ack.answers]
        assert (call.kind, call.item, call.player) == ("need", ack.item, ack.to)
        put = next(
            e
            for e in events
            if isinstance(e, ItemPutDown)
            and e.player == ack.player
            and e.tick > ack.tick
            and rnd.stations[e.tile].kind == "counter"
        )
        assert put.item.split(":")[0] == ack.item
