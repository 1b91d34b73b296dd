"""Each disruption's effect and events; roles and zones; call-outs; facilitator actions."""

from __future__ import annotations

import dataclasses

from conftest import level_from
from driver import Driver

from kitchen.sim import Command, Round
from kitchen.sim.actions import EndDisruption, ExtendRound, Tag, TriggerDisruption
from kitchen.sim.spec import DisruptionSpec, RoleSpec

ROOM = """
XXXXXPXXX
O       S
T 1   2 D
L       C
N       B
XXXXXXXXX
"""


def spec_with(
    disruptions=(), map_text=ROOM, recipes="[onion_soup, salad, tomato_toast]", orders="", **changes
):
    body = "\n".join("  " + row for row in map_text.strip("\n").splitlines())
    orders = orders or "orders:\n  schedule: [{at: 0, recipe: onion_soup}]\n  patience: 500\n"
    spec = level_from(f"name: disrupt\nmap: |\n{body}\nrecipes: {recipes}\n{orders}").spec
    return dataclasses.replace(spec, disruptions=tuple(disruptions), **changes)


def d_of(spec, **kw) -> Driver:
    return Driver(Round(spec, seed=kw.pop("seed", 0), **kw))


def started(d):
    return d.of_type("disruption_started")


def ended(d):
    return d.of_type("disruption_ended")


# --- breakdown ---------------------------------------------------------------------


def test_a_broken_stove_stops_cooking_until_a_chef_repairs_it():
    stove = (5, 0)
    spec = spec_with(
        [DisruptionSpec("breakdown", "Stove breaks", stations=(stove,), repair_ticks=90)]
    )
    d = d_of(spec)
    for _ in range(3):
        d.go(1, d.station("crate", "onion"))
        d.interact(1)
        d.go(1, stove)
        d.interact(1)
    assert d.rnd.stations[stove].state == "cooking"
    d.rnd.step({}, [TriggerDisruption(0)])
    timer = d.rnd.stations[stove].timer
    assert d.rnd.stations[stove].broken is not None
    d.wait(120)
    assert d.rnd.stations[stove].timer == timer, "no heat while broken"
    d.interact(1)
    refused = d.of_type("action_refused")
    assert refused
    assert refused[-1].reason == "broken"
    d.use(1, 89)
    assert d.rnd.stations[stove].broken is not None
    d.use(1, 1)
    assert d.rnd.stations[stove].broken is None
    end = ended(d)[-1]
    assert (end.reason, end.player, end.kind) == ("repaired", 1, "breakdown")
    d.wait(5)
    assert d.rnd.stations[stove].timer > timer


def test_a_breakdown_with_a_duration_ends_by_itself_and_picks_a_station_by_seed():
    boards = ((8, 3),)
    spec = spec_with([DisruptionSpec("breakdown", "Board", at=30, duration=60, stations=boards)])
    d = d_of(spec)
    d.wait(30)  # ticks 0-29
    assert not started(d)
    d.wait(1)  # tick 30
    s = started(d)[0]
    assert (s.tick, s.kind, s.source, s.tiles, s.duration_ticks) == (
        30,
        "breakdown",
        "scheduled",
        ((8, 3),),
        60,
    )
    d.wait(60)
    assert ended(d)[0].reason == "time"
    assert ended(d)[0].tick == 90
    assert d.rnd.stations[(8, 3)].broken is None


# --- shortage ------------------------------------------------------------------------


def test_a_shortage_empties_the_crate_and_offers_a_substitute():
    spec = spec_with(
        [
            DisruptionSpec(
                "shortage", "No onions", at=0, duration=300, ingredient="onion", recipe="salad"
            )
        ],
        orders="orders:\n  generator: {weights: {onion_soup: 1}}\n",
    )
    d = d_of(spec)
    d.step()
    assert d.rnd.orders.menu == {"onion_soup", "salad"}
    d.go(1, d.station("crate", "onion"))
    d.interact(1)
    assert d.rnd.chefs[1].held is None
    assert "no onion" in started(d)[0].detail
    assert "salad" in started(d)[0].detail.lower()
    d.wait(300)
    assert d.rnd.orders.menu == {"onion_soup"}
    d.interact(1)
    assert d.rnd.chefs[1].held.name == "onion"


# --- orders ---------------------------------------------------------------------------


def test_a_surge_brings_many_tickets_at_once():
    spec = spec_with([DisruptionSpec("surge", "Rush", at=10, count=4, recipes=("salad",))])
    d = d_of(spec)
    d.wait(11)
    surge = [e for e in d.of_type("order_arrived") if e.source == "surge"]
    assert len(surge) == 4
    assert {e.tick for e in surge} == {10}
    assert {e.recipe for e in surge} == {"salad"}
    assert [e.reason for e in ended(d)] == ["instant"]
    kinds = [e.type for e in d.events if e.tick == 10]
    assert (
        kinds.index("disruption_started")
        < kinds.index("order_arrived")
        < kinds.index("disruption_ended")
    )


def test_a_menu_change_withdraws_and_adds_recipes_then_reverts():
    spec = spec_with(
        [
            DisruptionSpec(
                "menu_change",
                "New menu",
                at=0,
                duration=3000,
                recipes=("salad",),
                remove=("onion_soup",),
            )
        ],
        orders="orders:\n  patience: 5\n  generator: {every: [1, 2], weights: {onion_soup: 1}}\n",
    )
    d = d_of(spec)
    d.wait(3000)
    during = {e.recipe for e in d.of_type("order_arrived")}
    assert during == {"salad"}
    d.wait(600)
    after = {e.recipe for e in d.of_type("order_arrived") if e.tick > 3000}
    assert after == {"onion_soup"}


def _plate_salad(d: Driver, with_tomato: bool) -> None:
    counter = (3, 0)
    d.go(1, d.station("plates"))
    d.interact(1)
    d.go(1, counter)
    d.interact(1)
    for name in ["lettuce", "tomato"] if with_tomato else ["lettuce"]:
        d.go(1, d.station("crate", name))
        d.interact(1)
        d.go(1, d.station("board"))
        d.interact(1)
        d.use(1, d.rnd.spec.chop_ticks)
        d.interact(1)
        d.go(1, counter)
        d.interact(1)
    d.interact(1)
    d.go(1, d.station("serve"))
    d.interact(1)


def test_serving_the_allergen_to_a_special_order_is_a_safety_incident():
    spec = spec_with(
        [
            DisruptionSpec(
                "special_order", "Allergy", at=0, recipe="salad", ingredient="tomato", patience=3000
            )
        ],
        orders="orders:\n  schedule: []\n",
    )
    d = d_of(spec)
    d.step()
    special = d.of_type("order_arrived")[0]
    assert (special.source, special.exclude, special.recipe) == ("special", "tomato", "salad")
    _plate_salad(d, with_tomato=True)
    incident = d.of_type("safety_incident")
    assert len(incident) == 1
    assert (incident[0].order_id, incident[0].exclude, incident[0].penalty) == (
        special.order_id,
        "tomato",
        40,
    )
    assert d.of_type("order_served") == []


def test_a_special_order_is_served_when_the_allergen_is_left_out():
    spec = spec_with(
        [
            DisruptionSpec(
                "special_order", "Allergy", at=0, recipe="salad", ingredient="tomato", patience=3000
            )
        ],
        orders="orders:\n  schedule: []\n",
    )
    d = d_of(spec)
    d.step()
    _plate_salad(d, with_tomato=False)
    served = d.of_type("order_served")
    assert len(served) == 1
    assert served[0].recipe == "salad"
    assert d.of_type("safety_incident") == []


def test_a_normal_salad_goes_to_a_normal_order_even_when_a_special_one_is_open():
    spec = spec_with(
        [
            DisruptionSpec(
                "special_order", "Allergy", at=0, recipe="salad", ingredient="tomato", patience=300
            )
        ],
        orders="orders:\n  schedule: [{at: 0, recipe: salad}]\n  patience: 3000\n",
    )
    d = d_of(spec)
    d.step()
    _plate_salad(d, with_tomato=True)
    assert len(d.of_type("order_served")) == 1
    assert d.of_type("safety_incident") == []


# --- people ---------------------------------------------------------------------------


def test_a_frozen_chef_cannot_move_or_act_until_they_return():
    spec = spec_with(
        [DisruptionSpec("redeployment", "Called away", at=0, duration=120, players=(1,))]
    )
    d = d_of(spec)
    chef = d.rnd.chefs[1]
    x = chef.x
    for _ in range(100):
        d.step({1: Command(move=(1, 0), interact=True)})
    assert chef.x == x
    assert chef.status == "frozen"
    assert started(d)[0].players == (1,)
    d.wait(30)
    assert chef.status == "active"
    d.step({1: Command(move=(1, 0))})
    assert chef.x > x


def test_an_away_chef_leaves_the_map_and_comes_back_to_a_free_spot():
    spec = spec_with(
        [
            DisruptionSpec(
                "redeployment", "Off the floor", at=0, duration=200, players=(2,), mode="away"
            )
        ]
    )
    d = d_of(spec)
    away = d.rnd.chefs[2]
    spot = away.cell
    for _ in range(150):  # chef 1 walks right through where chef 2 stood
        d.step({1: Command(move=(1, 0))})
    assert d.rnd.chefs[1].cell[0] >= spot[0]
    d.wait(60)
    assert away.status == "active"
    a, b = d.rnd.chefs[1], d.rnd.chefs[2]
    assert abs(a.x - b.x) >= 760 or abs(a.y - b.y) >= 760


def test_random_redeployment_picks_a_chef_by_seed():
    spec = spec_with([DisruptionSpec("redeployment", "Someone", chance=None)])
    picks = set()
    for seed in range(8):
        r = Round(spec, seed=seed)
        events = r.step({}, [TriggerDisruption(0)])
        picks.add(next(e for e in events if e.type == "disruption_started").players)
        again = Round(spec, seed=seed).step({}, [TriggerDisruption(0)])
        assert [e.to_dict() for e in again] == [e.to_dict() for e in events]
    assert picks == {(1,), (2,)}


def test_a_blackout_lets_only_some_chefs_read_the_tickets():
    spec = spec_with([DisruptionSpec("blackout", "Lost board", at=5, duration=50, players=(2,))])
    r = Round(spec, seed=0)
    for _ in range(6):
        r.step()
    assert r.ticket_viewers == frozenset({2})
    assert not r.can_read_tickets(1)
    assert r.can_read_tickets(2)
    for _ in range(50):
        r.step()
    assert r.ticket_viewers is None
    assert r.can_read_tickets(1)


def test_a_power_cut_darkens_the_kitchen_for_a_time():
    spec = spec_with([DisruptionSpec("power_cut", "Lights out", at=0, duration=30, light="stoves")])
    r = Round(spec, seed=0)
    r.step()
    assert r.darkness == "stoves"
    for _ in range(30):
        r.step()
    assert r.darkness is None


# --- layout -------------------------------------------------------------------------

CORRIDOR = """
XXXXXXXXXXX
O 1 X X   S
T       2 D
XXXXXXPXXXX
"""


def test_a_layout_change_blocks_a_passage_and_waits_for_a_chef_to_move_off_it():
    spec = spec_with(
        [
            DisruptionSpec(
                "layout_change", "Corridor closed", at=0, duration=600, cells=((4, 2),), to="wall"
            )
        ],
        map_text=CORRIDOR,
        recipes="[onion_soup]",
    )
    d = d_of(spec)
    chef = d.rnd.chefs[1]
    d.step()
    assert d.rnd.mover.is_solid(4, 2)
    for _ in range(200):
        d.step({1: Command(move=(1, 1))})
    assert chef.cell[0] < 4, "the passage is walled off"
    d.wait(400)
    assert not d.rnd.mover.is_solid(4, 2)
    assert ended(d)[0].reason == "time"


def test_a_layout_change_under_a_chef_waits_until_the_cell_is_free():
    spec = spec_with(
        [DisruptionSpec("layout_change", "New counter", cells=((2, 2),), to="counter")],
        map_text=CORRIDOR,
        recipes="[onion_soup]",
    )
    d = d_of(spec)
    hold = Command(move=(0, 1))
    for _ in range(30):
        d.step({1: hold})
    d.rnd.step({}, [TriggerDisruption(0)])
    assert not d.rnd.mover.is_solid(2, 2), "chef 1 still stands there"
    for _ in range(60):
        d.step({1: Command(move=(1, -1))})
    d.wait(1)
    assert d.rnd.mover.is_solid(2, 2)
    assert d.rnd.stations[(2, 2)].kind == "counter"


def test_removing_a_counter_loses_what_was_on_it():
    spec = spec_with(
        [DisruptionSpec("layout_change", "Counter gone", cells=((4, 1),), to="floor")],
        map_text=CORRIDOR,
        recipes="[onion_soup]",
    )
    d = d_of(spec)
    d.go(1, d.station("crate", "onion"))
    d.interact(1)
    d.go(1, (4, 1))
    d.interact(1)
    events = d.rnd.step({}, [TriggerDisruption(0)])
    lost = [e for e in events if e.type == "item_lost"]
    assert len(lost) == 1
    assert lost[0].item == "onion"
    assert lost[0].reason == "layout_change"
    assert (4, 1) not in d.rnd.stations
    assert not d.rnd.mover.is_solid(4, 1)
    events = d.rnd.step({}, [EndDisruption(started(d)[0].disruption_id if started(d) else 1)])
    assert d.rnd.stations[(4, 1)].kind == "counter"
    assert d.rnd.stations[(4, 1)].item is None


# --- roles and zones ------------------------------------------------------------------

SPLIT = """
XXXXXXXXX
O 1 . 2 S
T   .   D
XXCXXPXXX
"""
ZONES = {(x, y): ("prep" if x < 4 else "cook") for y in (1, 2) for x in range(1, 8) if x != 4}
ROLES = (
    RoleSpec("prep_cook", (1,), zones=("prep",), may_serve=False),
    RoleSpec("line_cook", (2,), zones=("cook",), sees_tickets=False),
)


def test_silos_keep_chefs_in_their_zones_and_forbid_serving():
    spec = spec_with(map_text=SPLIT, recipes="[onion_soup]", zones=ZONES, roles=ROLES)
    d = d_of(spec)
    for _ in range(200):
        d.step({1: Command(move=(1, 0))})
    assert d.rnd.chefs[1].cell[0] <= 4, "chef 1 may not enter the cook zone"
    assert not d.rnd.can_read_tickets(2)
    assert d.rnd.can_read_tickets(1)


def test_lifting_the_silos_lets_chefs_roam_and_records_zone_changes():
    spec = spec_with(map_text=SPLIT, recipes="[onion_soup]", zones=ZONES, roles=ROLES)
    d = d_of(spec, silos=False)
    d.go(1, d.station("plates"))
    d.interact(1)
    changes = [(e.player, e.from_zone, e.zone) for e in d.of_type("zone_changed")]
    assert (1, "prep", None) in changes
    assert (1, None, "cook") in changes
    assert d.rnd.can_read_tickets(2)


def test_a_role_that_may_not_serve_is_refused_at_the_window():
    zones = {cell: "all" for cell in ZONES}
    roles = (RoleSpec("runner", (2,), may_serve=True), RoleSpec("prep", (1,), may_serve=False))
    spec = spec_with(map_text=SPLIT, recipes="[onion_soup]", zones=zones, roles=roles)
    d = d_of(spec)
    d.go(1, d.station("plates"))
    d.interact(1)
    d.go(1, d.station("serve"))
    d.interact(1)
    refused = d.of_type("action_refused")
    assert refused
    assert (refused[-1].action, refused[-1].reason) == ("serve", "role")
    assert d.rnd.chefs[1].held is not None


def test_redeployment_moves_a_chef_into_another_zone_and_keeps_them_there():
    spec = spec_with(
        [
            DisruptionSpec(
                "redeployment",
                "Help the line",
                at=0,
                duration=300,
                players=(1,),
                mode="move",
                zone="cook",
            )
        ],
        map_text=SPLIT,
        recipes="[onion_soup]",
        zones=ZONES,
        roles=ROLES,
    )
    d = d_of(spec)
    d.step()
    assert ZONES[d.rnd.chefs[1].cell] == "cook"
    for _ in range(200):
        d.step({1: Command(move=(-1, 0))})
    assert d.rnd.chefs[1].cell[0] == 4, "kept out of prep (the unzoned corridor is open to all)"
    for _ in range(60):
        d.step({1: Command(move=(1, 0))})
    assert ZONES[d.rnd.chefs[1].cell] == "cook"
    d.wait(60)
    assert ZONES.get(d.rnd.chefs[1].cell) == "prep", "sent back to their own zone afterwards"


# --- call-outs -----------------------------------------------------------------------


def test_acknowledgements_close_the_loop_with_their_delay():
    r = Round(spec_with(), seed=0)
    calls = []
    script = {
        3: {1: "need:onion"},
        40: {2: "on_it"},
        50: {2: "help"},
        70: {1: "thanks"},
        90: {1: "on_it"},
    }
    for tick in range(100):
        cmds = {p: Command(callout=c) for p, c in script.get(tick, {}).items()}
        calls += [e for e in r.step(cmds) if e.type == "callout"]
    need, on_it, help_, thanks, on_it2 = calls
    assert (need.kind, need.item, need.answers) == ("need", "onion", None)
    assert (on_it.answers, on_it.answer_delay) == (need.callout_id, 37)
    assert (thanks.answers, thanks.answer_delay) == (on_it.callout_id, 30)
    assert (on_it2.answers, on_it2.answer_delay) == (help_.callout_id, 40)


def test_a_chef_cannot_answer_their_own_call_and_old_calls_lapse():
    r = Round(spec_with(), seed=0)
    calls = []
    script = {0: {1: "help"}, 5: {1: "on_it"}, 2000: {2: "on_it"}}
    for tick in range(2001):
        cmds = {p: Command(callout=c) for p, c in script.get(tick, {}).items()}
        calls += [e for e in r.step(cmds) if e.type == "callout"]
    assert [c.answers for c in calls] == [None, None, None]


# --- the facilitator -------------------------------------------------------------------


def test_the_facilitator_can_trigger_end_extend_and_tag():
    spec = spec_with([DisruptionSpec("power_cut", "Lights")])
    r = Round(spec, seed=0)
    events = r.step({}, [TriggerDisruption(0), Tag("leadership moment", "chef 2 took charge")])
    start = next(e for e in events if e.type == "disruption_started")
    assert start.source == "facilitator"
    tag = next(e for e in events if e.type == "facilitator_tag")
    assert (tag.label, tag.note) == ("leadership moment", "chef 2 took charge")
    events = r.step({}, [EndDisruption(start.disruption_id), ExtendRound(30)])
    assert next(e for e in events if e.type == "disruption_ended").reason == "facilitator"
    assert r.darkness is None
    assert r.round_ticks == spec.round_ticks + 1800
    assert r.step({}, [TriggerDisruption(7)]) is not None  # an unknown index is ignored


def test_random_disruptions_follow_the_seed_and_close_when_the_round_ends():
    spec = spec_with([DisruptionSpec("power_cut", "Flicker", chance=3.0, duration=120)])
    runs = [Round(spec, seed=s).run() for s in (4, 4, 5)]
    starts = [[e.tick for e in run if e.type == "disruption_started"] for run in runs]
    assert starts[0] == starts[1]
    assert starts[0] != starts[2]
    assert starts[0]
    for run in runs:
        assert sum(e.type == "disruption_started" for e in run) == sum(
            e.type == "disruption_ended" for e in run
        )
        assert all(e.source == "random" for e in run if e.type == "disruption_started")


def test_a_chef_called_away_while_blocked_has_the_block_closed():
    spec = spec_with(
        [DisruptionSpec("redeployment", "Away", players=(1,), mode="away", duration=60)]
    )
    r = Round(spec, seed=0)
    events = []
    for _ in range(150):  # walk the two chefs into each other
        events += r.step({1: Command(move=(1, 0)), 2: Command(move=(-1, 0))})
    assert r.chefs[1].blocked_by == 2
    events += r.step({}, [TriggerDisruption(0)])
    closed = [e for e in events if e.type == "chef_unblocked" and e.player == 1]
    assert closed
    assert closed[-1].tick == r.tick - 1
    events += r.run()
    assert sum(e.type == "chef_blocked" for e in events) == sum(
        e.type == "chef_unblocked" for e in events
    )
