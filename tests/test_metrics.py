"""Debrief metrics on hand-built event logs whose answers are worked out by hand."""

from __future__ import annotations

import pytest
from conftest import level_from

from kitchen.debrief.lessons import rule_values
from kitchen.debrief.metrics import compute_metrics
from kitchen.debrief.people import people_by_tick
from kitchen.debrief.stats import gini, gini_normalised, median, population_sd
from kitchen.events import (
    BurnWarning,
    Callout,
    ChefBlocked,
    ChefUnblocked,
    ControllerChanged,
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


def start(players=(1, 2), ticks=3600, people=None):
    if people is None:
        return RoundStarted(0, "test", 0, tuple(players), S, ticks)
    return RoundStarted(0, "test", 0, tuple(players), S, ticks, people=tuple(people))


def served(tick, order_id, waited, player=1):
    return OrderServed(tick, order_id, "soup", player, 100 + order_id, (0, 0), 20, 2, waited)


def test_gini_matches_the_formula():
    assert gini([1, 1, 1]) == 0
    assert gini([0, 0, 0]) is None, "nobody spoke: not measurable, not 'perfectly equal'"
    assert gini([]) is None
    assert gini([4, 2]) == pytest.approx(4 / 24)
    assert gini([4, 2, 0]) == pytest.approx(16 / 36)  # 2 n^2 mean = 2 * 9 * 2
    assert gini([10, 0, 0, 0]) == pytest.approx(0.75)
    # Normalised by n / (n - 1): one voice reads 1 whatever the team's size.
    assert gini_normalised([10, 0, 0, 0]) == pytest.approx(1.0)
    assert gini_normalised([10, 0]) == pytest.approx(1.0)
    assert gini_normalised([4, 2, 0]) == pytest.approx(16 / 36 * 3 / 2)
    assert gini_normalised([5]) is None
    assert gini_normalised([0, 0]) is None
    assert median([3, 1, 2, 10]) == 2.5
    assert population_sd([4, 0, 4, 0]) == 2.0


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
        "serves_with_choice": 0,  # only soup tickets: no choice
        "urgent_first_ratio": None,
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
    assert flow["waste"] == 4  # two throws + one burnt pot (one dish, not three onions) + one lost
    assert flow["rework"] == 3  # wrong dish + taken back + binned chopped onion
    chef1 = m.chefs[0]
    # Chef 1 acted at 10 s (pick), 15 s (put), 16.7 s (serve), 18.3 s, 20 s (bins):
    # idle = (10 - 5) + (60 - 20 - 5) = 40 s.
    assert chef1["idle_s"] == 40.0
    # Chef 2 acted at 25 s (wrong dish) and 41.7 s (serve): (25-5) + (16.7-5) + (18.3-5) = 45 s.
    assert m.chefs[1]["idle_s"] == 45.0
    assert flow["idle_s_mean"] == 42.5


def test_waste_counts_each_thing_thrown_away_once():
    events = [
        start(),
        # A plate of salad binned: two item_binned events, one press of the bin, one dish.
        ItemBinned(500, 1, 40, "lettuce:chopped", (0, 0)),
        ItemBinned(500, 1, 41, "tomato:chopped", (0, 0)),
        # A pot of three onions burnt: one dish; binning its scraps is not counted again.
        ItemBurnt(600, (3, 0), "soup:onion+onion+onion", (1, 2, 3)),
        ItemBinned(700, 2, 50, "burnt", (0, 0)),
        ItemBinned(800, 2, 51, "onion", (0, 0)),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    flow = compute_metrics(events).sections["flow"]
    assert (flow["binned"], flow["burnt_pots"], flow["burnt_ingredients"]) == (4, 1, 3)
    assert flow["waste"] == 3  # the salad, the burnt pot, the onion


def test_urgent_first_counts_serves_when_there_was_a_choice():
    events = [
        start(),
        OrderArrived(0, 1, "soup", 3000),  # runs out at 3000
        served(500, 1, 500),  # only soup open: no choice
        OrderArrived(600, 2, "salad", 1000),  # runs out at 1600
        OrderArrived(600, 3, "soup", 3000),  # runs out at 3600
        served(900, 3, 300),  # soup while the salad was more urgent: not urgent first
        served(1200, 2, 600),  # only the salad open: no choice
        OrderArrived(1300, 4, "soup", 1000),  # runs out at 2300
        OrderArrived(1300, 5, "salad", 2000),  # runs out at 3300
        served(1400, 4, 100),  # the soup was the more urgent: urgent first
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    service = compute_metrics(events).sections["service"]
    assert (service["serves_with_choice"], service["urgent_first_ratio"]) == (2, 0.5)


def test_idle_while_work_was_open_leaves_out_quiet_times():
    events = [
        start(),
        OrderArrived(1200, 1, "soup", 3000),  # open from 20 s...
        served(2400, 1, 1200, player=2),  # ...to 40 s
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    m = compute_metrics(events)
    chef1, chef2 = m.chefs
    # Chef 1 never acted: idle 60 - 5 = 55 s; while open 20 - 5 = 15 s.
    assert (chef1["idle_s"], chef1["idle_while_open_s"]) == (55.0, 15.0)
    # Chef 2 served at 40 s: gaps 0-40 s (20 s of it open) and 40-60 s (none open).
    assert (chef2["idle_s"], chef2["idle_while_open_s"]) == (50.0, 15.0)
    flow = m.sections["flow"]
    assert flow["idle_while_open_s_mean"] == 15.0
    assert flow["idle_while_open_share"] == 0.75  # 15 s of the 20 s work was open


def test_who_asks_and_who_answers_whom():
    events = [
        start(players=(1, 2, 3)),
        Callout(0, 1, 1, "need", "onion"),
        Callout(60, 2, 2, "on_it", None, 1, 60),
        Callout(120, 1, 3, "help"),
        Callout(180, 2, 4, "on_it", None, 3, 60),
        Callout(240, 3, 5, "need", "plate"),
        Callout(300, 1, 6, "on_it", None, 5, 60),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert c["requests_by_person"] == {"1": 2, "2": 0, "3": 1}
    assert c["answers_by_pair"] == {"1->3": 1, "2->1": 2}


def test_directed_calls_share_and_who_directs_whom():
    events = [
        start(players=(1, 2, 3), people=(1, 2)),  # chef 3 is a computer cook
        Callout(0, 1, 1, "need", "onion", to=2),
        Callout(60, 2, 2, "on_it", None, 1, 60, to=1),
        Callout(120, 1, 3, "help"),
        Callout(180, 2, 4, "ready", to=1),
        Callout(240, 3, 5, "need", "plate", to=1),  # a computer cook's call: not counted
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert c["callouts"] == 4
    assert c["directed_share"] == 0.75  # 3 of the people's 4 calls named someone
    assert c["directed_by_pair"] == {"1->2": 1, "2->1": 2}
    assert c["answers_by_pair"] == {"2->1": 1}


def test_directed_share_is_not_measurable_without_calls():
    c = compute_metrics([start(), RoundEnded(3600, 0, 0, 0, 0, 0)]).sections["communication"]
    assert c["callouts"] == 0
    assert c["directed_share"] is None
    assert c["directed_by_pair"] == {}
    assert (c["hazards"], c["hazards_unspoken"], c["speak_up_s_median"]) == (0, None, None)


def test_speaking_up_after_hazards():
    # A 120 s round, chefs 1 and 2 people, chef 3 a computer cook.
    events = [
        start(players=(1, 2, 3), ticks=120 * S, people=(1, 2)),
        # 1. A pot about to burn at 10 s; chef 2 warns at 14 s: spoken about after 4 s.
        BurnWarning(10 * S, (3, 0), "soup:onion", 5 * S),
        Callout(14 * S, 2, 1, "warn", "burning"),
        # 2. A ticket with an allergy at 20 s (patience 60 s); chef 1 says "Help!" at 22 s.
        OrderArrived(20 * S, 1, "salad", 60 * S, "special", "tomato"),
        Callout(22 * S, 1, 2, "help"),
        # 3. The same ticket is about to expire at 65 s (80 s - 15 s); only the computer cook
        #    warns (66 s), and a person's warning about something else (70 s) does not count.
        Callout(66 * S, 3, 3, "warn", "expiring"),
        Callout(70 * S, 1, 4, "warn", "broken"),
        OrderExpired(80 * S, 1, "salad", 10),
        # 4. A breakdown at 40 s; chef 1's warning comes at 56 s: more than 15 s, unspoken.
        DisruptionStarted(40 * S, 1, "breakdown", "Stove", "scheduled", 5 * S, ((3, 0),)),
        DisruptionEnded(45 * S, 1, "breakdown", "time"),
        Callout(56 * S, 1, 5, "warn", "broken"),
        # 5. Chef 1 blocked for 4 s at 30 s: a blocked corridor; chef 2 warns at 31 s.
        ChefBlocked(30 * S, 1, 2, (2, 2)),
        ChefUnblocked(34 * S, 1, 2, 4 * S),
        Callout(31 * S, 2, 6, "warn", "blocked"),
        # A 2 s bump is no hazard.
        ChefBlocked(50 * S, 2, 1, (2, 2)),
        ChefUnblocked(52 * S, 2, 1, 2 * S),
        # An order served before it ran low (at 95 s) is no hazard.
        OrderArrived(70 * S, 2, "soup", 40 * S),
        served(90 * S, 2, 20 * S),
        # A burn warning at 110 s, in the last 15 s: left out.
        BurnWarning(110 * S, (3, 0), "soup:onion", 5 * S),
        RoundEnded(120 * S, 0, 0, 0, 0, 0),
    ]
    events.sort(key=lambda e: e.tick)
    c = compute_metrics(events).sections["communication"]
    # Counted: burning (10 s), allergy (20 s), blocked (30 s), broken (40 s), expiring (65 s).
    assert c["hazards"] == 5
    assert c["hazards_unspoken"] == 2
    assert c["hazards_unspoken_by_kind"] == {"broken": 1, "expiring": 1}
    # Spoken about after 4 s, 2 s and 1 s: median 2 s.
    assert c["speak_up_s_median"] == 2.0


def test_an_order_short_of_patience_is_about_to_expire_on_arrival():
    events = [
        start(players=(1, 2), ticks=60 * S),
        OrderArrived(5 * S, 1, "soup", 10 * S),  # 10 s of patience: expiring from 5 s
        Callout(8 * S, 1, 1, "warn", "expiring"),
        RoundEnded(60 * S, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert (c["hazards"], c["hazards_unspoken"], c["speak_up_s_median"]) == (1, 0, 3.0)


def test_speaking_up_is_not_measured_with_one_person():
    events = [
        start(players=(1, 2), ticks=60 * S, people=(1,)),
        BurnWarning(5 * S, (3, 0), "soup:onion", 5 * S),
        RoundEnded(60 * S, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert c["not_measured"] == "only one person played: nobody to talk to"
    assert (c["hazards"], c["hazards_unspoken"], c["speak_up_s_median"]) == (None, None, None)
    assert c["directed_share"] is None


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


def test_communication_acknowledgement_and_full_loop_are_reported_separately():
    events = [
        start(players=(1, 2, 3)),
        Callout(0, 1, 1, "need", "onion"),
        Callout(300, 2, 2, "on_it", None, 1, 300),  # 5 s: acknowledged
        Callout(400, 1, 3, "thanks", None, 2, 100),  # the caller's check-back: full loop
        Callout(600, 1, 4, "help"),
        Callout(1500, 2, 5, "on_it", None, 4, 900),  # 15 s: too late to count as acknowledged
        Callout(2000, 1, 6, "need", "plate"),
        Callout(2100, 3, 7, "on_it", None, 6, 100),  # acknowledged, loop never closed
        Callout(2400, 1, 8, "need", "tomato"),
        Callout(2460, 2, 9, "on_it", None, 8, 60),  # acknowledged...
        Handoff(2900, 30, "tomato:chopped", 2, 1, (3, 0), 120),  # ...and delivered: full loop
        Callout(3100, 1, 10, "need", "bread"),  # 51.7 s: in the last 10 s, left out
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert c["not_measured"] is None
    assert (c["callouts"], c["callouts_per_min"]) == (10, 10.0)
    assert c["callouts_by_person"] == {"1": 6, "2": 3, "3": 1}
    assert (c["calls_needing_answer"], c["late_calls"]) == (4, 1)
    assert c["calls_answered_in_time"] == 3  # calls 1, 6 and 8
    assert c["acknowledged_ratio"] == 0.75
    assert c["calls_closed_loop"] == 2  # call 1 (thanks) and call 8 (tomato handed over)
    assert c["closed_loop_ratio"] == 0.5
    # First answers' delays: 5, 15, 1.67, 1 s -> mean 5.67, median (1.67 + 5) / 2.
    assert (c["ack_delay_mean_s"], c["ack_delay_median_s"]) == (5.67, 3.33)
    assert c["checkbacks"] == 1
    # [6, 3, 1]: sum |xi - xj| = 2 * (3 + 5 + 2) = 20; 20 / (2 * 9 * 10/3) = 1/3; x 3/2 = 0.5.
    assert c["callout_gini"] == 0.5
    assert c["silent_chefs"] == 0


def test_a_delivery_closes_a_loop_only_if_acknowledged_matching_and_to_the_caller():
    events = [
        start(players=(1, 2, 3)),
        Callout(0, 1, 1, "need", "onion"),  # never acknowledged: a silent delivery is no loop
        Handoff(200, 30, "onion", 2, 1, (3, 0), 60),
        Callout(600, 1, 2, "need", "onion"),
        Callout(660, 2, 3, "on_it", None, 2, 60),
        Handoff(700, 31, "tomato", 2, 1, (3, 0), 60),  # not what was asked for
        Handoff(720, 32, "onion", 2, 3, (3, 0), 60),  # to somebody else
        Handoff(600 + 31 * S, 33, "onion", 2, 1, (3, 0), 60),  # 31 s after the call: too late
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert (c["calls_needing_answer"], c["calls_answered_in_time"]) == (2, 1)
    assert (c["calls_closed_loop"], c["closed_loop_ratio"]) == (0, 0.0)


def test_a_thanks_links_to_the_on_it_given_to_the_thanking_chefs_own_call():
    from kitchen.sim.callouts import CallBoard

    board, events = CallBoard(), []
    board.call(0, 1, "need:onion", events)  # 1
    board.call(10, 3, "help", events)  # 2
    board.call(20, 2, "on_it", events)  # 3: answers the latest open call, 3's help
    board.call(30, 4, "on_it", events)  # 4: answers the one still open, 1's need
    board.call(40, 1, "thanks", events)  # 5: 1's check-back goes to 4's on_it, not 2's
    board.call(50, 3, "thanks", events)  # 6: and 3's to 2's
    board.call(60, 2, "thanks", events)  # 7: nobody acknowledged a call of 2's: no link
    board.call(70, 4, "on_it", events)  # 8: every call is acknowledged: no link
    assert [(e.callout_id, e.answers) for e in events] == [
        (1, None),
        (2, None),
        (3, 2),
        (4, 1),
        (5, 4),
        (6, 3),
        (7, None),
        (8, None),
    ]


def test_no_calls_means_no_ratio_rather_than_zero():
    c = compute_metrics([start(), RoundEnded(3600, 0, 0, 0, 0, 0)]).sections["communication"]
    assert c["acknowledged_ratio"] is None
    assert c["closed_loop_ratio"] is None
    assert c["ack_delay_mean_s"] is None
    assert c["callout_gini"] is None, "nobody spoke: not measurable"
    assert c["silent_chefs"] == 2
    assert c["callouts_by_person"] == {"1": 0, "2": 0}


def test_the_gini_needs_a_minimum_number_of_calls():
    calls = [Callout(100 * i, 1, i, "ready") for i in range(1, 6)]
    c = compute_metrics([start(), *calls, RoundEnded(3600, 0, 0, 0, 0, 0)]).sections[
        "communication"
    ]
    assert c["callouts_by_person"] == {"1": 5, "2": 0}
    assert c["callout_gini"] is None, "5 calls is below GINI_MIN_CALLS"
    calls.append(Callout(700, 1, 6, "ready"))
    c = compute_metrics([start(), *calls, RoundEnded(3600, 0, 0, 0, 0, 0)]).sections[
        "communication"
    ]
    assert c["callout_gini"] == 1.0  # [6, 0]: one voice


def test_computer_cooks_are_not_silent_teammates():
    events = [
        start(players=(1, 2, 3), people=(1, 2)),
        Callout(0, 1, 1, "need", "onion"),
        Callout(60, 2, 2, "on_it", None, 1, 60),
        Callout(120, 1, 3, "ready"),
        Callout(180, 3, 4, "help"),  # a computer cook's call (a scripted cook): not counted
        ItemPicked(200, 3, 9, "onion", (0, 0), "crate"),
        ItemPicked(300, 1, 10, "onion", (0, 0), "crate"),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    m = compute_metrics(events)
    c = m.sections["communication"]
    assert m.info["people"] == [1, 2]
    assert [chef["person"] for chef in m.chefs] == [True, True, False]
    assert (c["people"], c["callouts"], c["silent_chefs"]) == (2, 3, 0)
    assert c["callouts_by_person"] == {"1": 2, "2": 1}
    assert (c["calls_needing_answer"], c["acknowledged_ratio"]) == (1, 1.0)
    assert c["action_gini"] == 1.0  # [1, 0] over the two people; the cook's pick is left out


def test_one_person_with_computer_cooks_is_not_measured():
    events = [
        start(players=(1, 2, 3), people=(1,)),
        Callout(0, 1, 1, "need", "onion"),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    c = compute_metrics(events).sections["communication"]
    assert c["not_measured"] == "only one person played: nobody to talk to"
    assert c["callouts_by_person"] == {"1": 1}
    for key in ("callouts_per_min", "acknowledged_ratio", "callout_gini", "silent_chefs"):
        assert c[key] is None, key
    c = compute_metrics([start(people=()), RoundEnded(3600, 0, 0, 0, 0, 0)]).sections[
        "communication"
    ]
    assert (c["not_measured"], c["people"], c["callouts"]) == ("no people played", 0, None)


def test_a_chef_taken_over_mid_round_counts_only_while_a_person_played_it():
    events = [
        start(players=(1, 2, 3), people=(1, 2)),
        Callout(60, 2, 1, "ready"),
        ControllerChanged(600, 2, "computer"),  # the person left; a computer cook goes on
        Callout(700, 2, 2, "ready"),  # not a person's call
        ControllerChanged(900, 3, "person"),  # a pad took over chef 3
        Callout(900, 3, 3, "ready"),  # counts: the change holds from its own tick
        Callout(1000, 1, 4, "ready"),
        RoundEnded(3600, 0, 0, 0, 0, 0),
    ]
    people = people_by_tick(events)
    assert people.people_ever() == (1, 2, 3)
    assert (people.is_person(2, 599), people.is_person(2, 600), people.is_person(3, 899)) == (
        True,
        False,
        False,
    )
    assert people.person_ticks(3, 3600) == 2700
    c = compute_metrics(events).sections["communication"]
    assert c["callouts_by_person"] == {"1": 1, "2": 1, "3": 1}
    assert c["callouts"] == 3


def test_an_old_log_without_people_had_people_on_every_chef():
    people = people_by_tick([start(players=(1, 2))])
    assert people.people_ever() == (1, 2)


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
    assert (c["lost_left_items"], c["lost_binned_by_other"]) == (1, 1)
    assert c["lost_handoffs"] == 2, "the burnt pot is waste, not a lost hand-off"
    assert "lost_burnt_pots" not in c
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
    # Before: one dish in each 15 s bin of the minute before (60, 75, 90, 105): variation 0,
    # so the drop of 4 is larger than the round's own variation and is reported.
    assert d["variation_before"] == 0.0
    assert d["outcome"] == "dropped and recovered"
    # Serving came back at 180 s: the minute after that dish holds 195, 210, 225 and 240,
    # 4 a minute again (the round's own variation is 0): 60 s after the start. (A trailing
    # minute would hold the gap until 225 s.)
    assert d["recovery_s"] == 60.0
    assert d["first_callout_s"] == 10.0


def _resilience_round(serves, disruption_s=120):
    (d,) = _metrics_of(serves, disruption_s).disruptions
    return d


def _metrics_of(serves, disruption_s=120):
    events = [start(ticks=300 * S)]
    events += [served(round(t * S), i, 60) for i, t in enumerate(serves, start=1)]
    events.append(
        DisruptionStarted(disruption_s * S, 1, "power_cut", "Dark", "scheduled", 600, (), (), "")
    )
    events.append(RoundEnded(300 * S, 0, 0, 0, 0, 0))
    events.sort(key=lambda e: e.tick)
    return compute_metrics(events)


def test_a_drop_within_the_rounds_own_variation_is_not_reported():
    # The minute before 120 s in 15 s bins holds 3, 0, 3, 0 dishes: 12, 0, 12, 0 a minute,
    # standard deviation 6; a minute's rate averages 4 bins, so it varies by 6 / sqrt(4) = 3.
    # Four dishes in the minute after: a fall of 2, within that variation.
    d = _resilience_round([60, 62, 64, 90, 92, 94, 130, 140, 150, 160])
    assert (d["throughput_before"], d["throughput_after"]) == (6.0, 4.0)
    assert d["variation_before"] == 3.0
    assert (d["drop"], d["recovery_s"]) == (None, None)
    assert d["outcome"] == "no measurable drop"
    # Serving faster after the disruption is no drop either.
    d = _resilience_round([60, 75, 90, 105, 125, 130, 135, 140, 145, 155, 165, 175])
    assert d["throughput_after"] == 8.0
    assert (d["drop"], d["outcome"]) == (None, "no measurable drop")


def test_a_pause_longer_than_the_rounds_own_waits_is_reported_and_recovered_from():
    # A dish every 15 s up to 105 s: before the disruption at 120 s, 4 a minute (variation
    # 0); the longest wait in the minute before, [60, 120), is 15 s (60 -> 75 ... 105 ->
    # 120); the usual gap between dishes is 15 s. Nothing until 165 s, then the four dishes
    # kept back at 165-168 s and a dish every 15 s again: the minute after holds 4 dishes,
    # no drop, but the pass waited 45 s (120 -> 165), longer than 15 s and than two usual
    # gaps (30 s): a pause. From the dish at 165 s the next minute holds 166, 167, 168, 180,
    # 195, 210 and 225: back at the pace, 45 s after the start.
    serves = [15, 30, 45, 60, 75, 90, 105, 165, 166, 167, 168, 180, 195, 210, 225, 240]
    d = _resilience_round(serves)
    assert (d["throughput_before"], d["throughput_after"], d["drop"]) == (4.0, 4.0, None)
    assert (d["longest_wait_before_s"], d["longest_wait_s"]) == (15.0, 45.0)
    assert d["paused"] is True
    assert (d["outcome"], d["recovery_s"]) == ("paused and recovered", 45.0)
    values = rule_values(_metrics_of(serves))
    assert values["resilience.max_wait_s"] == 45.0
    assert values["resilience.mean_recovery_s"] == 45.0
    assert (values["resilience.unrecovered"], values["resilience.max_drop"]) == (0, None)
    # Never back at 4 a minute after the pause: paused, not recovered.
    d = _resilience_round([15, 30, 45, 60, 75, 90, 105, 165, 166, 167, 168, 250])
    assert (d["outcome"], d["recovery_s"]) == ("paused, not recovered", None)


def test_a_wait_no_longer_than_the_rounds_own_is_no_pause():
    # Before 120 s: 60, 62, 64, then a 26 s wait, 90, 92, 94, and 26 s to the start. After
    # it a 25 s wait (120 -> 145), then a dish every 5 s: longer than two usual gaps
    # ((94 - 60) / 5 = 6.8 s) but not than the round's own longest wait before (26 s).
    d = _resilience_round([60, 62, 64, 90, 92, 94, 145, 150, 155, 160, 165, 170, 175])
    assert (d["longest_wait_before_s"], d["longest_wait_s"]) == (26.0, 25.0)
    assert d["paused"] is False
    assert d["outcome"] == "no measurable drop"
    # With one dish before, the usual gap is not known: no pause is measured.
    d = _resilience_round([100, 170, 175])
    assert (d["paused"], d["outcome"]) == (False, "no measurable drop")


def test_recovery_is_when_serving_came_back_not_when_a_window_forgot_the_gap():
    # A dish every 15 s (variation 0, 4 a minute), none from 105 s to 150 s, then a dish
    # every 15 s again. The minute after the start (120 s) holds 150 and 165: 2, a drop of 2.
    # The first dish from 120 s on is at 150 s, and the minute after it (150, 210] holds 165,
    # 180, 195 and 210: 4 a minute, back to the pace before: recovered 30 s after the start.
    d = _resilience_round([15, 30, 45, 60, 75, 90, 105, 150, 165, 180, 195, 210, 225])
    assert (d["throughput_before"], d["throughput_after"], d["drop"]) == (4.0, 2.0, 2.0)
    assert d["recovery_s"] == 30.0
    assert d["outcome"] == "dropped and recovered"
    # Nothing in the minute after, and never back to 4 a minute: dropped, not recovered.
    d = _resilience_round([15, 30, 45, 60, 75, 90, 105, 200])
    assert (d["drop"], d["recovery_s"], d["outcome"]) == (4.0, None, "dropped, not recovered")


def test_back_within_the_rounds_own_variation_is_recovered():
    # The minute before 120 s in 15 s bins holds 2, 1, 2, 1 dishes (60, 65, 75, 90, 95, 105):
    # 6 a minute; bin rates 8, 4, 8, 4, standard deviation 2, so a minute's rate varies by
    # 2 / sqrt(4) = 1. Nothing until 150 s, then a dish every 12 s. After the start: 150,
    # 162, 174: 3 a minute, a drop of 3 (> 1). From the dish at 150 s the next minute
    # (150, 210] holds 162, 174, 186, 198, 210: 5 a minute, within the variation of 6
    # (>= 6 - 1): recovered 30 s after the start.
    d = _resilience_round([60, 65, 75, 90, 95, 105, 150, 162, 174, 186, 198, 210, 222])
    assert (d["throughput_before"], d["variation_before"]) == (6.0, 1.0)
    assert (d["throughput_after"], d["drop"], d["recovery_s"]) == (3.0, 3.0, 30.0)
    # A single dish and then a gap is not a return: the minute after 150 s holds one dish
    # (200 s: a rate of 1), so the recovery is the dish at 200 s, whose next minute holds
    # 212, 224, 236, 248 and 260: 5 a minute.
    d = _resilience_round([60, 65, 75, 90, 95, 105, 150, 200, 212, 224, 236, 248, 260])
    assert (d["drop"], d["recovery_s"]) == (5.0, 80.0)


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
    assert d["outcome"] == "too early or too late to measure"


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
