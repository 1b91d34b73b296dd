"""Debrief metrics on hand-built event logs whose answers are worked out by hand."""

from __future__ import annotations

import pytest
from conftest import level_from

from kitchen.debrief.metrics import compute_metrics
from kitchen.debrief.stats import gini, median
from kitchen.events import (
    Callout,
    ChefBlocked,
    ChefUnblocked,
    DisruptionEnded,
    DisruptionStarted,
    FacilitatorTag,
    Handoff,
    ItemBinned,
    ItemBurnt,
    ItemCombined,
    ItemLost,
    ItemPicked,
    ItemPutDown,
    OrderArrived,
    OrderExpired,
    OrderServed,
    RoundEnded,
    RoundStarted,
    SafetyIncident,
    WrongDish,
    ZoneChanged,
)

S = 60  # ticks per second


def start(players=(1, 2), ticks=3600):
    return RoundStarted(0, "test", 0, tuple(players), S, ticks)


def served(tick, order_id, waited, player=1):
    return OrderServed(tick, order_id, "soup", player, 100 + order_id, (0, 0), 20, 2, waited)


def test_gini_matches_the_formula():
    assert gini([1, 1, 1]) == 0
    assert gini([0, 0, 0]) == 0
    assert gini([4, 2]) == pytest.approx(4 / 24)
    assert gini([4, 2, 0]) == pytest.approx(16 / 36)  # 2 n^2 mean = 2 * 9 * 2
    assert gini([10, 0, 0, 0]) == pytest.approx(0.75)
    assert median([3, 1, 2, 10]) == 2.5


def test_service_metrics():
    events = [
        start(),
        OrderArrived(0, 1, "soup", 600),
        OrderArrived(0, 2, "soup", 600),
        OrderArrived(0, 3, "soup", 600),
        served(200, 1, 200),  # waited a third of its patience: on time
        served(400, 2, 400),  # two thirds: not on time
        OrderExpired(600, 3, "soup", 10),
        WrongDish(700, 2, 50, "plate[bread]", (0, 0), 5),
        SafetyIncident(800, 9, "salad", "tomato", 2, 51, (0, 0), 40),
        RoundEnded(3600, 30, 1, 2, 1, 2),
    ]
    m = compute_metrics(events)
    assert m.sections["service"] == {
        "orders": 3,
        "served": 2,
        "served_on_time": 1,
        "expired": 1,
        "wrong_dishes": 1,
        "safety_incidents": 1,
        "special_orders": 0,
        "special_orders_served": 0,
        "mean_wait_s": 5.0,
        "score": 30,
        "stars": 1,
    }
    assert m.info["duration_s"] == 60.0
    assert m.info["complete"]


def test_flow_metrics_throughput_waste_rework_and_idle():
    events = [
        start(),
        served(1000, 1, 10),
        served(2500, 2, 10, player=2),
        ItemBinned(1100, 1, 7, "onion:chopped", (0, 0)),
        ItemBinned(1200, 1, 8, "onion", (0, 0)),
        ItemBurnt(1300, (3, 0), "soup:onion+onion+onion", (11, 12, 13)),
        ItemLost(1400, 14, "tomato", (2, 2), "layout_change"),
        ItemPicked(600, 1, 15, "onion", (3, 0), "stove"),  # taken back out of a pot
        ItemPutDown(900, 1, 16, "onion", (4, 0), "counter"),
        WrongDish(1500, 2, 17, "plate[bread]", (0, 0), 5),
        RoundEnded(3600, 0, 0, 2, 0, 1),
    ]
    m = compute_metrics(events)
    flow = m.sections["flow"]
    assert flow["throughput_per_min"] == 2.0
    assert flow["throughput_series"] == [1, 1]
    assert (flow["binned"], flow["burnt_pots"], flow["burnt_ingredients"], flow["lost_items"]) == (
        2,
        1,
        3,
        1,
    )
    assert flow["waste"] == 6
    assert flow["rework"] == 3  # wrong dish + taken back + binned chopped onion
    chef1 = m.chefs[0]
    # Chef 1 acted at 10 s (pick), 15 s (put), 16.7 s (serve), 18.3 s, 20 s (bins):
    # idle = (10 - 5) + (60 - 20 - 5) = 40 s.
    assert chef1["idle_s"] == 40.0
    # Chef 2 acted at 25 s (wrong dish) and 41.7 s (serve): (25-5) + (16.7-5) + (18.3-5) = 45 s.
    assert m.chefs[1]["idle_s"] == 45.0
    assert flow["idle_s_mean"] == 42.5


def test_time_called_away_is_not_idle():
    events = [
        start(),
        DisruptionStarted(0, 1, "redeployment", "Away", "scheduled", 1200, (), (2,), ""),
        DisruptionEnded(1200, 1, "redeployment", "time"),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    m = compute_metrics(events)
    assert m.chefs[0]["idle_s"] == 55.0  # 60 s - 5 s grace
    assert m.chefs[1]["idle_s"] == 35.0  # 40 s present - 5 s grace


def test_communication_metrics_closed_loop_and_equality():
    events = [
        start(players=(1, 2, 3)),
        Callout(0, 1, 1, "need", "onion"),
        Callout(300, 2, 2, "on_it", None, 1, 300),  # 5 s: closed loop
        Callout(400, 1, 3, "thanks", None, 2, 100),  # check-back
        Callout(600, 1, 4, "help"),
        Callout(1500, 2, 5, "on_it", None, 4, 900),  # 15 s: too late
        Callout(2000, 1, 6, "need", "plate"),  # never answered
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert (c["callouts"], c["callouts_per_min"]) == (6, 6.0)
    assert (c["calls_needing_answer"], c["calls_answered_in_time"]) == (3, 1)
    assert c["closed_loop_ratio"] == 0.333
    assert (c["ack_delay_mean_s"], c["ack_delay_median_s"]) == (10.0, 10.0)
    assert c["checkbacks"] == 1
    assert c["callout_gini"] == round(16 / 36, 3)  # [4, 2, 0]: the silent chef counts
    assert c["silent_chefs"] == 1


def test_no_calls_means_no_ratio_rather_than_zero():
    c = compute_metrics([start(), RoundEnded(3600, 0, 0, 0, 0, 0)]).sections["communication"]
    assert c["closed_loop_ratio"] is None
    assert c["ack_delay_mean_s"] is None
    assert c["callout_gini"] == 0.0
    assert c["silent_chefs"] == 2


def test_coordination_metrics_handoffs_blocks_and_lost_handoffs():
    events = [
        start(),
        ItemPutDown(100, 1, 20, "onion:chopped", (3, 0), "counter"),  # left to the end
        ItemPutDown(110, 1, 21, "plate", (4, 0), "counter"),  # an empty plate: not a loss
        ItemPutDown(200, 1, 22, "tomato", (5, 0), "counter"),
        ItemPicked(320, 2, 22, "tomato", (5, 0), "counter"),
        Handoff(320, 22, "tomato", 1, 2, (5, 0), 120),
        ItemBinned(400, 2, 22, "tomato", (8, 0)),  # put down by 1, thrown away by 2
        ItemPutDown(500, 2, 23, "onion", (6, 0), "counter"),
        ItemPicked(740, 1, 23, "onion", (6, 0), "counter"),
        Handoff(740, 23, "onion", 2, 1, (6, 0), 240),
        ItemCombined(800, 1, 23, "onion", None, "pot[onion]", (3, 0)),
        ItemBurnt(3000, (3, 0), "soup:onion", (23,)),
        ChefBlocked(1000, 1, 2, (2, 2)),
        ChefUnblocked(1090, 1, 2, 90),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    m = compute_metrics(events)
    c = m.sections["coordination"]
    assert (c["handoffs"], c["handoff_delay_mean_s"], c["handoff_delay_median_s"]) == (2, 3.0, 3.0)
    assert c["handoff_pairs"] == {"1->2": 1, "2->1": 1}
    assert (c["lost_burnt_pots"], c["lost_left_items"], c["lost_binned_by_other"]) == (1, 1, 1)
    assert c["lost_handoffs"] == 3
    assert (c["blocks"], c["blocked_s"]) == (1, 1.5)
    assert m.chefs[0]["handoffs_given"] == 1
    assert m.chefs[0]["handoffs_received"] == 1
    assert m.chefs[0]["blocked_s"] == 1.5
    assert c["silo_index"] is None, "no zones in this round"


def test_zone_time_crossings_and_silo_index():
    spec = level_from(
        """
name: zoned
map: |
  XXXXXXXXX
  O 1 . 2 S
  T   .   D
  XXXXXPXXX
zones:
  map: |
    .........
    .aaa.bbb.
    .aaa.bbb.
    .........
  names: {a: prep, b: pass}
roles:
  prep: {players: [1], zones: [prep]}
recipes: [onion_soup]
"""
    ).spec
    events = [
        start(),
        ZoneChanged(20 * S, 1, None, "prep"),
        ZoneChanged(22 * S, 1, "pass", None),
        ZoneChanged(40 * S, 1, None, "pass"),
        ZoneChanged(41 * S, 1, "prep", None),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    m = compute_metrics(events, spec)
    chef1, chef2 = m.chefs
    assert chef1["zone_crossings"] == 2
    assert chef1["home_zone"] == "prep"
    assert chef1["home_share"] == 0.65
    assert chef2["home_zone"] == "pass"
    assert chef2["home_share"] == 1.0
    assert m.sections["coordination"]["silo_index"] == 0.825
    assert m.sections["coordination"]["zone_crossings"] == 2


def test_resilience_throughput_drop_and_time_to_recover():
    serves = [15, 30, 45, 60, 75, 90, 105, 180, 195, 210, 225, 240]
    events = [start(ticks=300 * S)]
    events += [served(t * S, i, 60) for i, t in enumerate(serves, start=1)]
    events += [
        DisruptionStarted(
            120 * S, 1, "breakdown", "Stove fails", "scheduled", None, ((3, 0),), (), ""
        ),
        Callout(130 * S, 2, 1, "help"),
        DisruptionEnded(170 * S, 1, "breakdown", "repaired", 2),
        RoundEnded(300 * S, 0, 0, 0, 0, 0),
    ]
    events.sort(key=lambda e: e.tick)
    (d,) = compute_metrics(events).disruptions
    assert (d["kind"], d["start_s"], d["end_s"], d["ended_by"], d["repaired_by"]) == (
        "breakdown",
        120.0,
        170.0,
        "repaired",
        2,
    )
    assert d["throughput_before"] == 4.0  # 60, 75, 90, 105 in the minute before
    assert d["throughput_after"] == 0.0  # nothing served in the minute after
    assert d["drop"] == 4.0
    # Back to 4 a minute once 180, 195, 210 and 225 s fall in one 60 s window: at 226 s.
    assert d["recovery_s"] == 106.0
    assert d["first_callout_s"] == 10.0


def test_a_disruption_in_the_first_seconds_has_no_before_rate():
    events = [
        start(),
        DisruptionStarted(5 * S, 1, "power_cut", "Dark", "random", 600, (), (), ""),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    (d,) = compute_metrics(events).disruptions
    assert d["throughput_before"] is None
    assert d["drop"] is None
    assert d["recovery_s"] is None


def test_tags_are_listed_with_their_moments_and_a_cut_short_round_is_measured_to_its_end():
    events = [
        start(),
        FacilitatorTag(90 * S, "silo", "two camps"),
        served(100 * S, 1, 10),
    ]
    m = compute_metrics(events)
    assert m.tags == [{"time_s": 90.0, "label": "silo", "note": "two camps"}]
    assert not m.info["complete"]
    assert m.info["duration_s"] == 100.0
    assert m.sections["service"]["stars"] is None
    assert m.value("service.served") == 1
    assert "communication.closed_loop_ratio" in m.names()


def test_every_metric_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "metrics.md").read_text(
        encoding="utf-8"
    )
    m = compute_metrics([start(), RoundEnded(3600, 0, 0, 0, 0, 0)])
    for name in m.names():
        section, key = name.split(".")
        assert f"## {section}" in doc
        assert f"`{key}`" in doc, f"{name} is not documented"
    chef_keys = compute_metrics([start(), RoundEnded(60, 0, 0, 0, 0, 0)]).chefs[0]
    for key in chef_keys:
        assert f"`{key}`" in doc


def test_prepared_counts_each_chefs_finished_chopping_washing_and_started_pots():
    from kitchen.events import CookStarted, ItemProcessed

    events = [
        start(),
        ItemProcessed(100, "chop", 5, "tomato:chopped", (1, 0), 1),
        ItemProcessed(200, "wash", 6, "plate", (2, 0), 2),
        CookStarted(300, (3, 0), "pot[onion,onion,onion]", 600, 1),
        ItemProcessed(900, "cook", None, "soup:onion", (3, 0), None),  # the pot, nobody's work
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    chefs = {c["player"]: c for c in compute_metrics(events).chefs}
    assert (chefs[1]["prepared"], chefs[2]["prepared"]) == (2, 1)
