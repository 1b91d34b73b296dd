"""Call-outs: the command grammar (``need:onion@2``, ``warn:burning``) and how the simulation
links an acknowledgement to the call it answers, addressee first."""

from __future__ import annotations

import re

import pytest

from kitchen.events import Callout, Event
from kitchen.sim.callouts import ANSWER_WINDOW, CallBoard
from kitchen.sim.commands import Command, ScriptLine, callout_addressee, check_callout


@pytest.mark.parametrize(
    "value",
    [
        "need:onion",
        "need:onion@2",
        "on_it",
        "on_it@1",
        "on_it:onion",
        "on_it:lettuce@2",
        "ready@4",
        "help",
        "thanks@3",
        "warn:burning",
        "warn:broken@2",
        "warn:allergy",
        "warn:expiring",
        "warn:blocked",
    ],
)
def test_valid_callouts(value):
    assert check_callout(value) == value
    assert Command(callout=value).callout == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("shout", "unknown call-out 'shout'; use one of need, on_it, ready, help, thanks, warn"),
        (
            "need",
            "'need' names an item ('need:onion') and 'warn' a hazard ('warn:burning');"
            " 'on_it' may name the item it answers ('on_it:onion'); other call-outs do not",
        ),
        (
            "warn@2",
            "'need' names an item ('need:onion') and 'warn' a hazard ('warn:burning');"
            " 'on_it' may name the item it answers ('on_it:onion'); other call-outs do not",
        ),
        (
            "ready:onion",
            "'need' names an item ('need:onion') and 'warn' a hazard ('warn:burning');"
            " 'on_it' may name the item it answers ('on_it:onion'); other call-outs do not",
        ),
        (
            "on_it:@2",
            "'need' names an item ('need:onion') and 'warn' a hazard ('warn:burning');"
            " 'on_it' may name the item it answers ('on_it:onion'); other call-outs do not",
        ),
        (
            "warn:fire",
            "unknown warning 'fire'; use one of burning, broken, allergy, expiring, blocked",
        ),
        ("need:onion@5", "a call-out is addressed to a chef 1-4 ('need:onion@2'), not '5'"),
        ("on_it@", "a call-out is addressed to a chef 1-4 ('need:onion@2'), not ''"),
        ("help@two", "a call-out is addressed to a chef 1-4 ('need:onion@2'), not 'two'"),
        ("help@2@3", "a call-out is addressed to a chef 1-4 ('need:onion@2'), not '2@3'"),
    ],
)
def test_invalid_callouts_say_why(value, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        check_callout(value)


def test_addressee():
    assert callout_addressee("need:onion@2") == 2
    assert callout_addressee("need:onion") is None


def test_a_script_line_cannot_address_its_own_chef():
    line = ScriptLine.from_dict({"tick": 0, "player": 2, "callout": "help@3"})
    assert line.callout == "help@3"
    with pytest.raises(ValueError, match="^chef 2 cannot address a call-out to themselves$"):
        ScriptLine.from_dict({"tick": 0, "player": 2, "callout": "help@2"})


def run(calls: list[tuple[int, int, str]], chefs=(1, 2, 3)) -> list[Callout]:
    board = CallBoard(chefs)
    events: list[Event] = []
    for tick, player, call in calls:
        board.call(tick, player, call, events)
    return [e for e in events if isinstance(e, Callout)]


def test_the_event_records_the_addressee():
    need, warn = run([(0, 1, "need:onion@2"), (5, 3, "warn:burning")])
    assert (need.kind, need.item, need.to) == ("need", "onion", 2)
    assert (warn.kind, warn.item, warn.to) == ("warn", "burning", None)
    assert need.to_dict()["to"] == 2


def test_a_call_to_oneself_or_to_a_chef_not_playing_is_for_everyone():
    own, absent = run([(0, 1, "help@1"), (1, 2, "help@4")])
    assert own.to is None
    assert absent.to is None


def test_on_it_answers_the_call_addressed_to_its_sender_first():
    # Chef 1 asks chef 2 for onion; then chef 3 asks everyone for a plate (later).
    # Chef 2's "On it!" answers the call addressed to them, not the latest one.
    *_, answer = run([(0, 1, "need:onion@2"), (60, 3, "need:plate"), (90, 2, "on_it")])
    assert (answer.answers, answer.answer_delay) == (1, 90)
    # Without an addressee, the latest open call is answered.
    *_, answer = run([(0, 1, "need:onion"), (60, 3, "need:plate"), (90, 2, "on_it")])
    assert (answer.answers, answer.answer_delay) == (2, 30)


def test_a_call_to_everyone_comes_before_one_addressed_to_somebody_else():
    # Chef 3 asked chef 1 (later); chef 1 asked everyone (earlier). Chef 2 answers chef 1's.
    *_, answer = run([(0, 1, "need:onion"), (60, 3, "need:plate@1"), (90, 2, "on_it")])
    assert answer.answers == 1
    # With only a call to somebody else open, chef 2 steps in and answers it.
    *_, answer = run([(0, 3, "need:plate@1"), (30, 2, "on_it")])
    assert answer.answers == 1


def test_an_on_it_naming_a_chef_answers_that_chefs_call():
    *_, answer = run([(0, 1, "need:onion@2"), (60, 3, "help@2"), (90, 2, "on_it@1")])
    assert answer.to == 1
    assert answer.answers == 1
    # The other call is still open: the next "On it!" answers it.
    *_, again = run(
        [(0, 1, "need:onion@2"), (60, 3, "help@2"), (90, 2, "on_it@1"), (100, 2, "on_it")]
    )
    assert again.answers == 2


def test_an_on_it_naming_an_item_answers_the_call_for_that_item():
    # Chef 2 asked for lettuce, then (later) for tomato; chef 1 takes on the lettuce.
    need_lettuce, need_tomato, answer = run(
        [(0, 2, "need:lettuce"), (60, 2, "need:tomato"), (90, 1, "on_it:lettuce@2")]
    )
    assert (answer.kind, answer.item, answer.to) == ("on_it", "lettuce", 2)
    assert (answer.answers, answer.answer_delay) == (need_lettuce.callout_id, 90)
    # Without the chef: the same; and the tomato call is still open for the next "On it!".
    *_, answer, again = run(
        [(0, 2, "need:lettuce"), (60, 2, "need:tomato"), (90, 1, "on_it:lettuce"), (95, 3, "on_it")]
    )
    assert (answer.answers, again.answers) == (1, 2)
    # Within the item, the addressee ranks hold: chef 2's lettuce call before chef 3's.
    *_, answer = run(
        [
            (0, 2, "need:lettuce"),
            (30, 3, "need:lettuce"),
            (60, 2, "need:tomato"),
            (90, 1, "on_it:lettuce@2"),
        ]
    )
    assert answer.answers == 1
    # No open call for that item: linked as a plain on_it@2 is (chef 2's latest call).
    *_, answer = run([(0, 2, "need:lettuce"), (60, 2, "need:tomato"), (90, 1, "on_it:onion@2")])
    assert (answer.answers, answer.item) == (2, "onion")


def test_an_old_log_on_it_without_an_item_still_reads():
    from kitchen.events import event_from_dict

    old = {
        "type": "callout",
        "tick": 90,
        "player": 1,
        "callout_id": 3,
        "kind": "on_it",
        "item": None,
        "answers": 2,
        "answer_delay": 30,
    }
    event = event_from_dict(old)
    assert isinstance(event, Callout)
    assert (event.item, event.answers, event.to) == (None, 2, None)


def test_thanks_answers_the_on_it_given_to_own_call_from_the_named_chef_first():
    calls = run(
        [
            (0, 1, "need:onion"),
            (10, 1, "help"),
            (20, 2, "on_it"),  # answers chef 1's help (the latest)
            (30, 3, "on_it"),  # answers chef 1's need
            (40, 1, "thanks@2"),
        ]
    )
    assert [c.answers for c in calls] == [None, None, 2, 1, 3]
    *_, thanks = run(
        [
            (0, 1, "need:onion"),
            (10, 1, "help"),
            (20, 2, "on_it"),
            (30, 3, "on_it"),
            (40, 1, "thanks"),
        ]
    )
    assert thanks.answers == 4  # the latest on_it given to chef 1's call


def test_thanks_for_a_ready_prefers_one_addressed_to_the_thanker():
    *_, thanks = run([(0, 2, "ready@1"), (10, 3, "ready"), (20, 1, "thanks")])
    assert thanks.answers == 1


def test_warnings_are_not_answered_by_on_it():
    warn, answer = run([(0, 1, "warn:burning"), (30, 2, "on_it")])
    assert answer.answers is None


def test_a_round_records_addressed_callouts_and_links_them():
    from test_sim_mechanics import ROOM, make

    d = make(ROOM)
    d.step({1: Command(callout="need:onion@2")})
    d.step({2: Command(callout="on_it@1")})
    calls = [e for e in d.events if isinstance(e, Callout)]
    assert [(c.player, c.kind, c.to, c.answers) for c in calls] == [
        (1, "need", 2, None),
        (2, "on_it", 1, 1),
    ]


def _plain_answer(
    open_calls: list[dict], player: int, kind: str, to: int | None, item: str = ""
) -> int | None:
    """The rule of docs/events.md written out plainly, over every open call."""
    if kind == "on_it":
        if item:
            same = [
                c
                for c in open_calls
                if c["kind"] == "need" and c["item"] == item and c["player"] != player
            ]
            if same:
                return _plain_answer(same, player, kind, to)
        wanted = [c for c in open_calls if c["kind"] in ("need", "help")]
    elif kind == "thanks":
        mine = [c for c in open_calls if c["kind"] == "on_it" and c["acked"] == player]
        wanted = mine or [c for c in open_calls if c["kind"] == "ready"]
    else:
        return None
    others = [(n, c) for n, c in enumerate(wanted) if c["player"] != player]
    best = max(
        others,
        key=lambda e: (e[1]["player"] == to, e[1]["to"] == player, e[1]["to"] is None, e[0]),
        default=None,
    )
    return None if best is None else best[1]["id"]


def test_the_board_answers_like_the_plain_rule_on_random_calls():
    import random

    kinds = [
        "need:onion",
        "need:plate",
        "help",
        "on_it",
        "on_it:onion",
        "on_it:plate",
        "ready",
        "thanks",
        "warn:burning",
    ]
    for seed in range(40):
        rng = random.Random(seed)
        chefs = [1, 2, 3][: rng.choice([2, 3])]
        board, open_calls, tick = CallBoard(chefs), [], 0
        for _ in range(150):
            tick += rng.choice([0, 1, 15, 300, 900])
            player, value = rng.choice(chefs), rng.choice(kinds)
            if rng.random() < 0.3:
                value += f"@{rng.choice([1, 2, 3, 7])}"
            kind, _, item = value.partition("@")[0].partition(":")
            to = callout_addressee(value)
            if to == player or to not in chefs:
                to = None
            open_calls = [c for c in open_calls if tick - c["tick"] <= ANSWER_WINDOW]
            expected = _plain_answer(open_calls, player, kind, to, item)
            events: list[Event] = []
            board.call(tick, player, value, events)
            (event,) = events
            assert isinstance(event, Callout)
            assert event.answers == expected
            answered = next((c for c in open_calls if c["id"] == expected), None)
            if answered is not None:
                open_calls.remove(answered)
            if kind in ("need", "help", "on_it", "ready"):
                acked = answered["player"] if answered and kind == "on_it" else None
                open_calls.append(
                    {
                        "id": event.callout_id,
                        "player": player,
                        "kind": kind,
                        "tick": tick,
                        "to": to,
                        "item": item,
                        "acked": acked,
                    }
                )
