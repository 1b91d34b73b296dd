"""Level tutorials: the ``tutorial:`` block's checks, the prompts worked out from events
alone, and level 1 (which teaches, and where nothing burns)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from driver import Driver

from kitchen.content import SourceError, load_level, load_level_text
from kitchen.content.tutorial_model import TutorialDef
from kitchen.content.tutorial_progress import (
    TutorialRecord,
    item_words,
    tutorial_prompt,
    tutorial_view,
)
from kitchen.events import (
    Callout,
    ControllerChanged,
    CookStarted,
    ItemCombined,
    ItemProcessed,
    ItemSpawned,
    OrderServed,
    RoundStarted,
)
from kitchen.sim import Round

LEVEL_1 = Path(__file__).resolve().parent.parent / "levels" / "01_tutorial.yaml"

BASE = """\
name: t
map: |
  XXPXPXXX
  O      S
  X 1  2 X
  D      X
  XXXBXXXX
recipes: [onion_soup]
"""


def level_with(tutorial: object):
    return load_level_text(BASE + yaml.safe_dump({"tutorial": tutorial}), "t.yaml")


def problems_of(tutorial: object) -> str:
    with pytest.raises(SourceError) as err:
        level_with(tutorial)
    return "\n".join(str(p) for p in err.value.problems)


def steps(*defs: dict) -> TutorialDef:
    return TutorialDef.model_validate({"steps": list(defs), "finish": "Done!"})


def start(people=(1, 2), players=(1, 2)) -> RoundStarted:
    return RoundStarted(0, "t", 1, tuple(players), 60, 6000, people=tuple(people))


def spawn(tick: int, player: int, item: str, source: str = "crate") -> ItemSpawned:
    return ItemSpawned(tick, tick, item, source, (0, 1), player)


# --- the level file ----------------------------------------------------------------------


def test_a_tutorial_block_loads_with_defaults():
    level = level_with({"steps": [{"say": "Pick up an onion", "goal": "pick_up"}]})
    tutorial = level.definition.tutorial
    assert tutorial is not None
    step = tutorial.steps[0]
    assert (step.who, step.controls, step.give_up_after) == ("anyone", ("interact",), None)
    assert tutorial.finish == ""
    assert tutorial.finish_seconds == 8


@pytest.mark.parametrize(
    ("tutorial", "message"),
    [
        ({"steps": []}, "tutorial.steps"),
        ({"steps": [{"say": "x", "goal": "fly"}]}, "'fly'"),
        ({"steps": [{"say": "Wait", "goal": "cooked", "who": "each"}]}, "write who: anyone"),
        ({"steps": [{"say": "x", "goal": "pick_up", "item": "onoin"}]}, "'onoin' is not an item"),
        ({"steps": [{"say": "x", "goal": "serve", "item": "salad"}]}, "serve names a recipe"),
        ({"steps": [{"say": "x", "goal": "call_out", "item": "shout"}]}, "kind of call"),
        ({"steps": [{"say": "   ", "goal": "serve"}]}, "is empty"),
        ({"steps": [{"say": "a" * 91, "goal": "serve"}]}, "90"),
        ({"steps": [{"say": "x", "goal": "serve", "colour": 1}]}, "colour"),
    ],
)
def test_a_wrong_tutorial_says_what_is_wrong(tutorial, message):
    assert message in problems_of(tutorial)


def test_shipped_level_1_has_a_tutorial_and_never_burns():
    level = load_level(LEVEL_1)
    assert level.definition.tutorial is not None
    assert len(level.definition.tutorial.steps) >= 6
    assert level.spec.burn_ticks is None


# --- the prompts, from events ------------------------------------------------------------


def test_item_words_name_an_item_by_each_of_its_parts():
    assert {"plate", "soup", "onion"} <= item_words("plate[soup:onion+onion+onion]")
    assert {"onion", "onion:chopped", "chopped"} <= item_words("onion:chopped")


def test_each_waits_for_every_person_and_anyone_for_one():
    tutorial = steps(
        {"say": "Pick up an onion", "goal": "pick_up", "item": "onion", "who": "each"},
        {"say": "Cook", "goal": "cook_started"},
    )
    events = [start(), spawn(10, 1, "onion")]
    view = tutorial_prompt(tutorial, events, 11)
    assert view is not None
    assert view.number == 1
    assert view.chefs == ((1, True), (2, False))
    assert view.stations == ("crate",)
    events.append(spawn(20, 2, "plate", "plate_stack"))  # not what the step asks
    assert tutorial_prompt(tutorial, events, 21).number == 1
    events.append(spawn(30, 2, "onion"))
    view = tutorial_prompt(tutorial, events, 31)
    assert (view.number, view.say, view.chefs) == (2, "Cook", ((1, False), (2, False)))
    events.append(CookStarted(40, (2, 0), "soup:onion+onion+onion", 600, 1))
    view = tutorial_prompt(tutorial, events, 41)
    assert view.finished
    assert view.say == "Done!"
    assert tutorial_prompt(tutorial, events, 40 + 8 * 60) is None  # finish_seconds later


def test_done_before_the_step_came_up_counts():
    tutorial = steps(
        {"say": "Onion", "goal": "pick_up", "item": "onion", "who": "each"},
        {"say": "Pot", "goal": "add_to_pot", "who": "each"},
    )
    events = [
        start(),
        spawn(5, 1, "onion"),
        ItemCombined(9, 1, 5, "onion", None, "pot[onion]", (2, 0)),
    ]
    assert tutorial_prompt(tutorial, events, 10).number == 1  # chef 2 has not yet
    events += [spawn(12, 2, "onion"), ItemCombined(15, 2, 12, "onion", None, "pot[o,o]", (2, 0))]
    assert tutorial_prompt(tutorial, events[:4], 13).chefs == ((1, True), (2, False))
    assert tutorial_prompt(tutorial, events, 16).finished


def test_computer_cooks_count_only_when_nobody_plays():
    tutorial = steps({"say": "Onion", "goal": "pick_up", "item": "onion", "who": "each"})
    mixed = [start(people=(1,)), spawn(5, 2, "onion")]
    assert tutorial_prompt(tutorial, mixed, 6).chefs == ((1, False),)
    nobody = [start(people=()), spawn(5, 2, "onion")]
    assert tutorial_prompt(tutorial, nobody, 6).finished
    assert tutorial_prompt(tutorial, nobody[:1], 6).chefs == ()


def test_a_chef_handed_to_the_computer_is_no_longer_waited_for():
    tutorial = steps({"say": "Onion", "goal": "pick_up", "item": "onion", "who": "each"})
    events = [start(), spawn(5, 1, "onion")]
    assert tutorial_prompt(tutorial, events, 6).number == 1
    events.append(ControllerChanged(7, 2, "computer"))
    assert tutorial_prompt(tutorial, events, 8).finished


def test_give_up_after_moves_on_from_when_the_step_came_up():
    tutorial = steps(
        {"say": "Onion", "goal": "pick_up", "item": "onion"},
        {"say": "Talk", "goal": "call_out", "who": "each", "give_up_after": 2},
    )
    events = [start(), spawn(100, 1, "onion")]
    assert tutorial_prompt(tutorial, events, 100 + 119).number == 2
    assert tutorial_prompt(tutorial, events, 100 + 120).finished
    events.append(Callout(150, 1, 1, "need", "onion"))
    assert tutorial_prompt(tutorial, events, 151).chefs == ((1, True), (2, False))


def test_each_goal_is_recognised_from_its_event():
    cases = [
        ({"goal": "cooked"}, ItemProcessed(5, "cook", None, "soup:onion+onion+onion", (2, 0))),
        (
            {"goal": "chop", "item": "onion"},
            ItemProcessed(5, "chop", 3, "onion:chopped", (1, 1), 1),
        ),
        (
            {"goal": "plate_up", "item": "soup"},
            ItemCombined(5, 1, 9, "soup:onion+onion+onion", 4, "plate[soup:o]", (2, 0)),
        ),
        (
            {"goal": "serve", "item": "onion_soup"},
            OrderServed(5, 1, "onion_soup", 1, 4, (7, 1), 20, 3, 50),
        ),
        ({"goal": "call_out", "item": "need"}, Callout(5, 2, 1, "need", "plate")),
    ]
    for step, event in cases:
        tutorial = steps({"say": "x", **step})
        assert tutorial_prompt(tutorial, [start(), event], 6).finished, step


def test_the_record_folds_events_as_they_come():
    tutorial = steps({"say": "Onion", "goal": "pick_up", "item": "onion", "who": "each"})
    record = TutorialRecord(tutorial)
    record.add([start()])
    record.add([spawn(3, 1, "onion")])
    record.add([spawn(4, 2, "onion")])
    assert tutorial_view(record, 5).finished


# --- level 1 in play ---------------------------------------------------------------------


def test_level_1_teaches_a_soup_from_crate_to_window_and_nothing_burns():
    level = load_level(LEVEL_1)
    tutorial = level.definition.tutorial
    d = Driver(Round(level.spec, seed=2, players=[1, 2]))
    d.step()

    def number() -> int:
        view = tutorial_prompt(tutorial, d.events, d.rnd.tick)
        return 0 if view is None else view.number

    crate, plates, window = d.station("crate", "onion"), d.station("plates"), d.station("serve")
    stove = d.station("stove")
    assert number() == 1
    d.go(1, crate)
    d.interact(1)
    d.go(1, stove)
    d.go(2, crate)
    d.interact(2)
    assert number() == 2
    d.interact(1)  # chef 1's onion into the pot, then a plate before its step comes up
    d.go(1, plates)
    d.interact(1)
    assert number() == 2
    d.go(2, stove)
    d.interact(2)
    assert number() == 3
    d.go(2, crate)  # the third onion
    d.interact(2)
    d.go(2, stove)
    d.interact(2)
    assert number() == 5  # the plate taken early counted when its step came up
    d.go(2, d.station("bin"))  # out of the way
    d.wait(60 * 60)  # the soup is ready and left for a minute: it does not burn
    assert not d.of_type("burn_warning")
    assert not d.of_type("item_burnt")
    d.go(1, stove)
    d.interact(1)
    assert number() == 6
    d.go(1, window)
    d.interact(1)
    assert d.of_type("order_served")
    assert number() == 7
