"""Each kitchen mechanic, tested through ``Round.step`` with scripted commands."""

from __future__ import annotations

from conftest import level_from
from driver import Driver

from kitchen.sim import UNIT, Command, Round
from kitchen.sim.movement import HALF

RIGHT, LEFT, UP, DOWN = (1, 0), (-1, 0), (0, -1), (0, 1)


def make(
    map_text: str,
    recipes: str = "[onion_soup, salad, tomato_toast]",
    extra: str = "",
    players=None,
    seed=0,
    orders: str = "orders:\n  schedule: [{at: 0, recipe: onion_soup}]\n  patience: 500\n",
):
    body = "\n".join("  " + row for row in map_text.strip("\n").splitlines())
    level = level_from(f"name: mech\nmap: |\n{body}\nrecipes: {recipes}\n{orders}{extra}")
    return Driver(Round(level.spec, seed=seed, players=players))


ROOM = """
XXXXXPXXX
O       S
T 1   2 D
L       C
N       B
XXXXXXXXX
"""


def hold(d: Driver, player: int, move, ticks: int) -> None:
    for _ in range(ticks):
        d.step({player: Command(move=move)})


# --- movement ------------------------------------------------------------------------


def test_chefs_move_smoothly_by_sub_cell_steps():
    d = make(ROOM)
    chef = d.rnd.chefs[1]
    x0 = chef.x
    hold(d, 1, RIGHT, 5)
    assert chef.x == x0 + 5 * d.rnd.spec.chef_speed
    assert chef.x % UNIT != UNIT // 2  # between cell centres: smooth, not cell by cell


def test_diagonal_moves_are_not_faster():
    d = make(ROOM)
    chef = d.rnd.chefs[1]
    x0, y0 = chef.x, chef.y
    hold(d, 1, (1, 1), 6)
    dist2 = (chef.x - x0) ** 2 + (chef.y - y0) ** 2
    straight = 6 * d.rnd.spec.chef_speed
    assert dist2 <= straight**2
    assert dist2 > (0.95 * straight) ** 2


def test_chef_stops_at_a_counter_and_turns_to_face_it():
    d = make(ROOM)
    chef = d.rnd.chefs[1]
    hold(d, 1, UP, 120)
    assert chef.y - HALF == 1 * UNIT  # flush against the counter row above
    assert chef.facing == UP
    assert chef.target == (chef.cell[0], 0)


def test_chef_cannot_leave_through_the_outer_wall():
    d = make(ROOM)
    chef = d.rnd.chefs[1]
    hold(d, 1, LEFT, 200)
    assert chef.x - HALF == 1 * UNIT


def test_chefs_never_overlap_and_blocking_is_recorded():
    d = make(ROOM)
    a, b = d.rnd.chefs[1], d.rnd.chefs[2]
    for _ in range(120):
        d.step({1: Command(move=RIGHT), 2: Command(move=LEFT)})
        assert abs(a.x - b.x) >= 2 * HALF or abs(a.y - b.y) >= 2 * HALF
    blocked = d.of_type("chef_blocked")
    assert {(e.player, e.by_player) for e in blocked} >= {(1, 2)}
    d.step({})
    unblocked = [e for e in d.of_type("chef_unblocked") if e.player == 1]
    assert unblocked
    assert unblocked[-1].ticks > 10


def test_corner_assist_slides_a_chef_into_a_one_cell_passage():
    d = make(
        """
XXXXXXX
X1    X
XXX XXX
XP   SX
XXODXXX
""",
        recipes="[onion_soup]",
    )
    chef = d.rnd.chefs[1]
    hold(d, 1, RIGHT, 30)
    # Slightly off the passage's centre line, walking straight down.
    chef.x = 3 * UNIT + UNIT // 2 + 250
    hold(d, 1, DOWN, 40)
    assert chef.cell[1] == 3, "the chef should have been nudged into the passage and through"


# --- interacting ---------------------------------------------------------------------


def test_facing_decides_which_counter_is_used():
    d = make(
        """
XXXXX
O 1 X
XSPDX
XXXXX
""",
        recipes="[onion_soup]",
    )
    d.go(1, (0, 1))  # onion crate on the left
    d.interact(1)
    onion = d.rnd.chefs[1].held
    d.go(1, (2, 0))  # face the counter above
    d.interact(1)
    assert d.rnd.stations[(2, 0)].item is onion
    assert d.rnd.stations[(4, 1)].item is None


def test_a_crate_hands_out_one_ingredient_and_chefs_carry_one_thing():
    d = make(ROOM)
    crate = d.station("crate", "onion")
    d.go(1, crate)
    d.interact(1)
    first = d.rnd.chefs[1].held
    assert first is not None
    assert first.name == "onion"
    d.interact(1)  # already holding: nothing more
    assert d.rnd.chefs[1].held is first
    spawned = d.of_type("item_spawned")
    assert [(e.item, e.source, e.player) for e in spawned] == [("onion", "crate", 1)]


def test_a_counter_holds_one_item_and_is_a_handoff_point():
    d = make(ROOM)
    counter = (3, 0)
    d.go(1, d.station("crate", "onion"))
    d.interact(1)
    d.go(1, counter)
    d.interact(1)
    d.go(1, d.station("crate", "tomato"))
    d.interact(1)
    d.go(1, counter)
    d.interact(1)  # occupied: the tomato stays in hand
    assert d.rnd.chefs[1].held.name == "tomato"
    assert d.rnd.stations[counter].item.name == "onion"
    d.go(1, d.station("bin"))  # step aside
    d.wait(30)
    d.go(2, counter)
    put_tick = d.of_type("item_put_down")[0].tick
    d.interact(2)
    handoff = d.of_type("handoff")
    assert len(handoff) == 1
    assert (handoff[0].from_player, handoff[0].to_player, handoff[0].item) == (1, 2, "onion")
    assert handoff[0].delay_ticks == handoff[0].tick - put_tick > 30


def test_picking_up_your_own_item_is_not_a_handoff():
    d = make(ROOM)
    d.go(1, d.station("crate", "onion"))
    d.interact(1)
    d.go(1, (3, 0))
    d.interact(1)
    d.interact(1)
    assert d.rnd.chefs[1].held is not None
    assert d.of_type("handoff") == []


def test_chopping_progresses_only_while_use_is_held_and_keeps_progress():
    d = make(ROOM)
    board = d.station("board")
    d.go(1, d.station("crate", "tomato"))
    d.interact(1)
    d.go(1, board)
    d.interact(1)
    chop = d.rnd.spec.chop_ticks
    d.use(1, chop // 2)
    d.wait(20)  # let go: nothing happens
    station = d.rnd.stations[board]
    assert station.progress == chop // 2
    assert not station.item.chopped
    d.use(1, chop - chop // 2)
    assert station.item.chopped
    processed = d.of_type("item_processed")
    assert [(e.process, e.item, e.player) for e in processed] == [("chop", "tomato:chopped", 1)]


def test_bread_cannot_be_chopped():
    d = make(ROOM)
    board = d.station("board")
    d.go(1, d.station("crate", "bread"))
    d.interact(1)
    d.go(1, board)
    d.interact(1)
    d.use(1, d.rnd.spec.chop_ticks * 2)
    assert not d.rnd.stations[board].item.chopped
    assert d.of_type("item_processed") == []


def _fill_pot(d: Driver, player: int, ingredient: str, n: int) -> None:
    stove = d.station("stove")
    for _ in range(n):
        d.go(player, d.station("crate", ingredient))
        d.interact(player)
        d.go(player, stove)
        d.interact(player)


def test_pot_cooks_only_a_recipe_then_warns_then_burns():
    d = make(ROOM, extra="kitchen: {burn_seconds: 5, burn_warning_seconds: 2}\n")
    stove = d.station("stove")
    _fill_pot(d, 1, "onion", 2)
    assert d.of_type("cook_started") == []
    d.go(1, d.station("crate", "tomato"))
    d.interact(1)
    d.go(1, stove)
    d.interact(1)  # tomato fits no soup with two onions: refused
    assert d.rnd.chefs[1].held.name == "tomato"
    d.go(1, d.station("bin"))
    d.interact(1)
    _fill_pot(d, 1, "onion", 1)
    started = d.of_type("cook_started")
    assert len(started) == 1
    assert started[0].item == "soup:onion+onion+onion"
    spec = d.rnd.spec
    d.wait(started[0].cook_ticks + spec.burn_ticks + 2)
    cooked = [e for e in d.of_type("item_processed") if e.process == "cook"]
    warning = d.of_type("burn_warning")
    burnt = d.of_type("item_burnt")
    assert len(cooked) == len(warning) == len(burnt) == 1
    assert cooked[0].tick < warning[0].tick < burnt[0].tick
    assert burnt[0].tick - warning[0].tick == spec.burn_warning_ticks
    assert burnt[0].tick - cooked[0].tick == spec.burn_ticks
    assert len(burnt[0].item_ids) == 3
    # Scrape the burnt food out and bin it: waste, recorded.
    d.go(1, stove)
    d.interact(1)
    assert d.rnd.chefs[1].held.kind == "burnt"
    d.go(1, d.station("bin"))
    d.interact(1)
    assert d.of_type("item_binned")[-1].item == "burnt"
    assert d.rnd.stations[stove].state == "idle"


def test_food_never_burns_when_burning_is_off():
    d = make(ROOM, extra="kitchen: {burn_seconds: null}\n")
    _fill_pot(d, 1, "onion", 3)
    d.wait(60 * 60)
    assert d.rnd.stations[d.station("stove")].state == "ready"
    assert d.of_type("item_burnt") == []


def test_partial_pot_can_be_emptied_by_hand():
    d = make(ROOM)
    _fill_pot(d, 1, "onion", 1)
    d.interact(1)
    assert d.rnd.chefs[1].held.name == "onion"
    assert d.rnd.stations[d.station("stove")].contents == []


def test_plates_combine_only_into_recipes_and_food_goes_on_a_plate_on_a_counter():
    d = make(ROOM)
    counter = (3, 0)
    d.go(1, d.station("plates"))
    d.interact(1)
    d.go(1, counter)
    d.interact(1)
    d.go(1, d.station("crate", "onion"))
    d.interact(1)
    d.go(1, counter)
    d.interact(1)  # a raw onion belongs to no plated recipe
    assert d.rnd.chefs[1].held.name == "onion"
    d.go(1, d.station("bin"))
    d.interact(1)
    d.go(1, d.station("crate", "bread"))
    d.interact(1)
    d.go(1, counter)
    d.interact(1)  # bread onto the plate on the counter
    plate = d.rnd.stations[counter].item
    assert d.rnd.chefs[1].held is None
    assert plate.describe() == "plate[bread]"
    combined = d.of_type("item_combined")[-1]
    assert (combined.item, combined.into_id, combined.into) == ("bread", plate.id, "plate[bread]")


def test_holding_a_plate_takes_straight_from_a_crate():
    d = make(ROOM)
    d.go(1, d.station("plates"))
    d.interact(1)
    d.go(1, d.station("crate", "bread"))
    d.interact(1)
    assert d.rnd.chefs[1].held.describe() == "plate[bread]"


def test_wrong_dish_costs_points_but_score_never_goes_below_zero():
    d = make(ROOM, extra="scoring: {wrong_dish_penalty: 7}\n")
    d.go(1, d.station("plates"))
    d.interact(1)
    d.go(1, d.station("crate", "bread"))
    d.interact(1)
    d.go(1, d.station("serve"))
    d.interact(1)
    wrong = d.of_type("wrong_dish")
    assert len(wrong) == 1
    assert wrong[0].penalty == 7
    assert wrong[0].item == "plate[bread]"
    assert d.rnd.score == 0
    assert d.rnd.wrong == 1
    assert d.rnd.chefs[1].held is None


def test_the_bin_empties_a_plate_but_keeps_it():
    d = make(ROOM)
    d.go(1, d.station("plates"))
    d.interact(1)
    d.go(1, d.station("crate", "bread"))
    d.interact(1)
    d.go(1, d.station("bin"))
    d.interact(1)
    assert d.rnd.chefs[1].held.describe() == "plate"
    assert [e.item for e in d.of_type("item_binned")] == ["bread"]


# --- dish-washing --------------------------------------------------------------------

WASH_ROOM = """
XXXXXXXXX
N       S
X 1     D
W       R
XXXXXXXXX
"""


def test_dishwashing_plates_are_finite_come_back_dirty_and_can_be_washed():
    d = make(
        WASH_ROOM,
        recipes="[{name: bread_plate, plate: [bread], value: 5}]",
        extra="kitchen: {dishwashing: true, plates: 1, dirty_plate_seconds: 2}\n",
        orders="orders: {schedule: [{at: 50, recipe: bread_plate}]}\n",
    )
    stack = d.station("plates")
    d.go(1, stack)
    d.interact(1)
    assert d.rnd.chefs[1].held.describe() == "plate"
    d.go(1, stack)
    d.go(1, d.station("crate", "bread"))
    d.interact(1)
    d.go(1, d.station("serve"))
    d.interact(1)  # no open order: a wrong dish, but the plate still goes out
    assert d.rnd.chefs[1].held is None
    d.go(1, stack)
    d.interact(1)
    assert d.rnd.chefs[1].held is None, "the only plate is out: the stack is empty"
    d.wait(d.rnd.spec.dirty_plate_ticks)
    returned = [e for e in d.of_type("item_spawned") if e.source == "dirty_return"]
    assert len(returned) == 1
    assert returned[0].item == "dirty_plate"
    d.go(1, d.station("dirty_return"))
    d.interact(1)
    sink = d.station("sink")
    d.go(1, sink)
    d.interact(1)
    d.use(1, d.rnd.spec.wash_ticks)
    assert [e.process for e in d.of_type("item_processed")] == ["wash"]
    d.interact(1)
    assert d.rnd.chefs[1].held.describe() == "plate"


# --- orders and the round -----------------------------------------------------------


def test_orders_expire_with_a_penalty_and_serving_fast_earns_a_bigger_tip():
    level = level_from(
        """
name: orders
map: |
  XXXXPXX
  N     S
  X 1   D
  XXXXXXX
recipes: [{name: toast, plate: [bread], value: 10}]
orders:
  patience: 30
  schedule: [{at: 0, recipe: toast}, {at: 1, recipe: toast}, {at: 2, recipe: toast, patience: 3}]
scoring: {tip_max: 10, expired_penalty: 4}
round: {seconds: 60}
"""
    )
    d = Driver(Round(level.spec, seed=0))
    arrived = d.of_type("order_arrived")
    d.step()
    for _ in range(2):
        d.go(1, d.station("plates"))
        d.interact(1)
        d.go(1, d.station("crate", "bread"))
        d.interact(1)
        d.go(1, d.station("serve"))
        d.interact(1)
    arrived = d.of_type("order_arrived")
    assert [e.patience_ticks for e in arrived] == [1800, 1800, 180]
    served = d.of_type("order_served")
    assert [e.order_id for e in served] == [3, 1]  # the most urgent ticket first
    d.wait(60 * 30)
    expired = d.of_type("order_expired")
    assert [e.order_id for e in expired] == [2]
    assert expired[0].penalty == 4
    first_tip = served[0].tip
    assert 0 <= served[1].tip <= 10
    assert first_tip <= 10
    assert served[1].waited_ticks > 0


def test_tip_falls_as_the_ticket_waits():
    def serve_after(wait):
        level = level_from(
            """
name: tips
map: |
  XXXXXXX
  N  1  S
  XXXDXXX
recipes: [{name: toast, plate: [bread], value: 10}]
orders: {patience: 20, schedule: [{at: 0, recipe: toast}]}
scoring: {tip_max: 10}
"""
        )
        d = Driver(Round(level.spec, seed=0))
        d.wait(wait)
        d.go(1, d.station("plates"))
        d.interact(1)
        d.go(1, d.station("crate", "bread"))
        d.interact(1)
        d.go(1, d.station("serve"))
        d.interact(1)
        return d.of_type("order_served")[0].tip

    assert serve_after(0) > serve_after(600) > serve_after(1000)


def test_generated_orders_follow_the_seed_and_max_active():
    text = """
name: gen
map: |
  XXXXPXX
  O 1   S
  XXDXXXX
recipes: [onion_soup, {name: toast2, plate: [onion], value: 3}]
orders:
  patience: 200
  generator: {start: 0, every: [1, 3], max_active: 3}
round: {seconds: 60}
"""

    def run(seed):
        events = Round(level_from(text).spec, seed=seed).run()
        return [(e.tick, e.recipe) for e in events if e.type == "order_arrived"], events

    a, events = run(5)
    b, _ = run(5)
    c, _ = run(6)
    assert a == b
    assert a != c
    # Never more than three open at once: arrivals are paced by expiries.
    open_count, worst = 0, 0
    for e in events:
        if e.type == "order_arrived":
            open_count += 1
        elif e.type in ("order_expired", "order_served"):
            open_count -= 1
        worst = max(worst, open_count)
    assert worst == 3


def test_the_round_ends_on_time_with_a_tally_and_then_stops():
    level = level_from(
        "name: short\nmap: |\n  XXPXX\n  O1  S\n  XXDXX\nrecipes: [onion_soup]\nround: {seconds: 10}\n"
    )
    r = Round(level.spec, seed=0)
    events = r.run()
    assert events[0].type == "round_started"
    assert events[0].round_ticks == 600
    assert events[-1].type == "round_ended"
    assert events[-1].tick == 600
    assert r.finished
    assert r.step({}) == []
    assert r.seconds_left == 0


def test_stars_come_from_the_level_thresholds():
    level = level_from(
        "name: stars\nmap: |\n  XXPXX\n  O1  S\n  XXDXX\nrecipes: [onion_soup]\nscoring: {stars: [5, 10, 15]}\n"
    )
    r = Round(level.spec, seed=0)
    for score, stars in ((0, 0), (5, 1), (14, 2), (15, 3), (99, 3)):
        r.score = score
        assert r.stars == stars


def test_a_round_refuses_players_without_a_start_and_bad_seeds():
    level = level_from("name: seats\nmap: |\n  XXPXX\n  O1  S\n  XXDXX\nrecipes: [onion_soup]\n")
    import pytest

    with pytest.raises(ValueError, match="cannot seat"):
        Round(level.spec, players=[1, 2])
    with pytest.raises(ValueError, match="seed"):
        Round(level.spec, seed=-1)
