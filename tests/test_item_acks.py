"""An "On it!" that names the item it answers (``on_it:lettuce@2``, issue 11): the closed-loop
metrics follow its link to the earlier call, and the speech bubbles and the debrief timeline
say the item, in English and in French."""

from __future__ import annotations

from kitchen import i18n
from kitchen.debrief.metrics import compute_metrics
from kitchen.debrief.timeline import build_timeline
from kitchen.events import Callout, Event, Handoff, RoundEnded, RoundStarted
from kitchen.sim.callouts import CallBoard
from kitchen.ui.quickchat import callout_label

S = 60


def test_an_item_named_ack_of_an_earlier_call_closes_that_calls_loop():
    # Chef 2 asks for lettuce (call 1), then tomato (call 2); chef 1 takes on the lettuce
    # with "on_it:lettuce@2" and hands it over: the lettuce call is acknowledged and its
    # loop closed; the tomato call was never acknowledged.
    board, events = CallBoard((1, 2)), []
    events.append(RoundStarted(0, "test", 0, (1, 2), S, 3600))
    board.call(0, 2, "need:lettuce", events)
    board.call(60, 2, "need:tomato", events)
    board.call(90, 1, "on_it:lettuce@2", events)
    events.append(Handoff(600, 30, "lettuce:chopped", 1, 2, (3, 0), 120))
    events.append(RoundEnded(3600, 0, 0, 0, 0, 0))
    ack = events[3]
    assert isinstance(ack, Callout)
    assert (ack.item, ack.answers, ack.answer_delay) == ("lettuce", 1, 90)
    c = compute_metrics(events).sections["communication"]
    assert (c["calls_needing_answer"], c["calls_answered_in_time"]) == (2, 1)
    assert (c["acknowledged_ratio"], c["calls_closed_loop"], c["closed_loop_ratio"]) == (
        0.5,
        1,
        0.5,
    )
    assert c["ack_delay_mean_s"] == 1.5
    assert c["answers_by_pair"] == {"1->2": 1}


def test_the_same_round_with_a_plain_ack_credits_the_later_call_and_no_loop():
    # The record the tester found: "on_it@2" is linked to the latest call (tomato), so the
    # lettuce handed over closes nothing.
    board, events = CallBoard((1, 2)), []
    events.append(RoundStarted(0, "test", 0, (1, 2), S, 3600))
    board.call(0, 2, "need:lettuce", events)
    board.call(60, 2, "need:tomato", events)
    board.call(90, 1, "on_it@2", events)
    events.append(Handoff(600, 30, "lettuce:chopped", 1, 2, (3, 0), 120))
    events.append(RoundEnded(3600, 0, 0, 0, 0, 0))
    c = compute_metrics(events).sections["communication"]
    assert (c["calls_answered_in_time"], c["calls_closed_loop"]) == (1, 0)


def test_speech_bubbles_say_the_item_an_on_it_answers():
    with i18n.using_language("en"):
        assert callout_label("on_it:lettuce@2") == "On it! (lettuce) -> 2"
        assert callout_label("on_it:lettuce") == "On it! (lettuce)"
        assert callout_label("on_it@2") == "On it! -> 2"  # people's quick-chat, as before
    with i18n.using_language("fr"):
        assert callout_label("on_it:lettuce@2") == "Je m’en occupe ! (laitue) -> 2"
        assert callout_label("on_it") == "Je m’en occupe !"


def test_the_timeline_says_the_item_an_on_it_answers():
    events: list[Event] = [RoundStarted(0, "test", 0, (1, 2), S, 3600)]
    board = CallBoard((1, 2))
    board.call(0, 2, "need:lettuce", events)
    board.call(90, 1, "on_it:lettuce@2", events)
    board.call(120, 1, "on_it", events)
    events.append(RoundEnded(3600, 0, 0, 0, 0, 0))
    with i18n.using_language("en"):
        marks = build_timeline(events).callouts[1]
        assert [m.label for m in marks] == ["On it! (lettuce)", "On it!"]
    with i18n.using_language("fr"):
        marks = build_timeline(events).callouts[1]
        assert [m.label for m in marks] == ["Je m’en occupe ! (laitue)", "Je m’en occupe !"]


def test_the_cooks_hear_which_call_a_persons_item_named_ack_takes_on():
    from conftest import SHIPPED

    from kitchen.bots.talk import Talk
    from kitchen.content import load_level
    from kitchen.sim import Command, Round

    spec = load_level(next(p for p in SHIPPED if p.stem == "06_silos")).spec
    rnd = Round(spec, seed=0, people=[1, 2, 3])
    talk = Talk(rnd, frozenset({4}))
    said = [{2: "need:lettuce"}, {2: "need:tomato"}, {1: "on_it:lettuce@2"}]
    for calls in said:
        rnd.step({p: Command(callout=c) for p, c in calls.items()})
        talk.listen()
    lettuce, tomato = talk.requests
    assert (lettuce.item, lettuce.taker, tomato.item, tomato.taker) == (
        "lettuce",
        1,
        "tomato",
        None,
    )
    assert talk.open_for(4) == [tomato]


def test_call_outs_naming_the_longest_ingredient_name_a_level_allows_are_logged_and_read(
    tmp_path,
):
    from kitchen.content import load_level_text
    from kitchen.content.fields import NAME_MAX
    from kitchen.session import RecordedRound, read_round_log
    from kitchen.sim import Command

    long = "k" * NAME_MAX
    level = load_level_text(
        "name: long_names\nmap: |\n  XXPXXX\n  K 1 2S\n  XDXXXX\n"
        f"legend:\n  K: {{kind: crate, ingredient: {long}}}\n"
        f"ingredients:\n  {long}: {{title: Long}}\n"
        f"recipes:\n  - name: long_soup\n    cook: [{long}]\n",
        "long_names.yaml",
    )
    rec = RecordedRound(level, 1, [1, 2], log_path=tmp_path / "r.jsonl")
    rec.step({1: Command(callout=f"need:{long}@2")})
    rec.step({2: Command(callout=f"on_it:{long}@1")})
    rec.close()
    calls = [e for e in read_round_log(tmp_path / "r.jsonl").events if isinstance(e, Callout)]
    assert [(c.kind, c.item) for c in calls] == [("need", long), ("on_it", long)]
    assert calls[1].answers == calls[0].callout_id
