"""A chef nobody plays (the team carried on without a lost gamepad's chef, so it stands
still) is neither a person nor a computer cook: hand-built logs with answers worked out by
hand, a recorded log that reads and replays, and an old log that says ``computer``."""

from __future__ import annotations

import json

import pytest
from conftest import SHIPPED

from kitchen.content import load_level
from kitchen.debrief.metrics import compute_metrics
from kitchen.debrief.people import people_by_tick
from kitchen.events import (
    CONTROLLERS,
    Callout,
    ControllerChanged,
    DisruptionEnded,
    DisruptionStarted,
    OrderArrived,
    RoundEnded,
)
from kitchen.events import RoundStarted as Started
from kitchen.session import RecordedRound, read_round_log, replay
from kitchen.sim import Command
from kitchen.sim.actions import SetController

S = 60  # ticks per second


def left_standing(controller: str = "nobody"):
    """Three chefs in a 60 s round, a ticket open all round, nobody acting. People play 1
    and 2, a computer cook 3. Chef 2's person goes at 10 s and chef 3's cook at 20 s; from
    then on ``controller`` plays them."""
    return [
        Started(0, "test", 0, (1, 2, 3), S, 3600, people=(1, 2)),
        OrderArrived(0, 1, "soup", 100_000),  # open until the end
        Callout(60, 1, 1, "ready"),
        Callout(120, 2, 2, "ready"),
        ControllerChanged(600, 2, controller),
        Callout(700, 1, 3, "ready"),
        ControllerChanged(1200, 3, controller),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]


def test_nobody_is_a_third_controller():
    assert CONTROLLERS == ("person", "computer", "nobody")
    assert SetController(2, "nobody").to_dict() == {
        "action": "set_controller",
        "player": 2,
        "controller": "nobody",
    }
    with pytest.raises(ValueError, match="person, computer or nobody, not 'robot'"):
        SetController(2, "robot")


def test_who_played_each_chef_tick_by_tick():
    people = people_by_tick(left_standing())
    assert [people.controller(2, t) for t in (599, 600)] == ["person", "nobody"]
    assert [people.controller(3, t) for t in (0, 1199, 1200)] == ["computer", "computer", "nobody"]
    assert people.controller(4, 0) is None
    assert people.is_person(2, 599)
    assert not people.is_person(2, 600)
    assert people.people_ever() == (1, 2)
    assert people.person_ticks(2, 3600) == 600
    assert people.nobody_spans(2, 3600) == [(600, 3600)]
    assert people.nobody_spans(3, 3600) == [(1200, 3600)]
    assert people.nobody_spans(1, 3600) == []
    assert people.nobody_spans(3, 1000) == [], "the span starts after the end asked about"


def test_a_chef_left_standing_is_not_the_teams_idle_time():
    m = compute_metrics(left_standing())
    # Idle = each gap between a chef's marks (start, actions, end) beyond the 5 s grace,
    # less the time nobody played the chef:
    #   chef 1: 60 s - 5 s = 55 s; chef 2: played 10 s, 10 - 5 = 5 s;
    #   chef 3: played 20 s, 20 - 5 = 15 s. The ticket was open throughout.
    idle = {c["player"]: (c["idle_s"], c["idle_while_open_s"], c["person"]) for c in m.chefs}
    assert idle == {1: (55.0, 55.0, True), 2: (5.0, 5.0, True), 3: (15.0, 15.0, False)}
    flow = m.sections["flow"]
    assert flow["idle_s_mean"] == 25.0  # (55 + 5 + 15) / 3
    assert flow["idle_while_open_s_mean"] == 25.0
    assert flow["idle_while_open_share"] == pytest.approx(25 / 60, abs=0.001)
    c = m.sections["communication"]
    # Chef 3 never was a person: not a silent member, no count of its own.
    assert c["people"] == 2
    assert c["callouts_by_person"] == {"1": 2, "2": 1}
    assert c["silent_chefs"] == 0
    assert c["callouts"] == 3


def test_an_old_log_saying_computer_measures_as_before():
    # Before 'nobody' existed a chef left standing was logged 'computer': its idle counts.
    m = compute_metrics(left_standing("computer"))
    assert {c["player"]: c["idle_while_open_s"] for c in m.chefs} == {1: 55.0, 2: 55.0, 3: 55.0}
    assert m.sections["flow"]["idle_while_open_s_mean"] == 55.0
    assert m.sections["communication"]["callouts_by_person"] == {"1": 2, "2": 1}


def test_nobody_and_a_redeployment_at_once_are_taken_off_once():
    events = [
        Started(0, "test", 0, (1, 2), S, 3600, people=(1, 2)),
        OrderArrived(0, 1, "soup", 100_000),
        # Chef 2 is called away 10-30 s, and nobody plays it from 20 s on.
        DisruptionStarted(600, 1, "redeployment", "Called away", "facilitator", players=(2,)),
        ControllerChanged(1200, 2, "nobody"),
        DisruptionEnded(1800, 1, "redeployment", "time"),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    chef2 = compute_metrics(events).chefs[1]
    assert (chef2["idle_s"], chef2["idle_while_open_s"]) == (5.0, 5.0)  # 10 s played, 5 s grace


def test_a_recorded_log_with_nobody_reads_and_replays(tmp_path):
    level = load_level(next(p for p in SHIPPED if p.stem == "01_tutorial"))
    path = tmp_path / "round.jsonl"
    rec = RecordedRound(level, 3, [1, 2], log_path=path)
    while rec.round.tick < 90:
        actions = [SetController(2, "nobody")] if rec.round.tick == 40 else []
        rec.step({1: Command(move=(1, 0)), 2: Command(move=(0, 1))}, actions)
    rec.close()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert {
        "record": "action",
        "tick": 40,
        "action": "set_controller",
        "player": 2,
        "controller": "nobody",
    } in lines
    log = read_round_log(path)
    assert [e for e in log.events if e.type == "controller_changed"] == [
        ControllerChanged(40, 2, "nobody")
    ]
    assert log.make_round().controllers == {1: "person", 2: "person"}
    result = replay(log)
    assert result.identical, result.mismatch
