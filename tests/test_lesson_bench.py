"""The speaking-up card on hand-built logs, and the lesson bench's scripted talk
(bench/talk_profiles.py) on hand-fed events and a short round."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kitchen.bots.team import BotTeam
from kitchen.content import load_level
from kitchen.debrief.lessons import evaluate, load_pack, rule_values
from kitchen.debrief.metrics import compute_metrics
from kitchen.events import (
    BurnWarning,
    Callout,
    ChefBlocked,
    ChefUnblocked,
    DisruptionStarted,
    OrderArrived,
    OrderServed,
    RoundEnded,
    RoundStarted,
)
from kitchen.paths import shipped_levels
from kitchen.sim import Command
from kitchen.sim.round import Round

S = 60  # ticks per second
BENCH = Path(__file__).resolve().parent.parent / "bench"


def _module(name: str):
    """A bench module, imported from its file (the bench folder is not a package)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hazard_round(calls: list[Callout]) -> list:
    """A 120 s round of two people with four hazards: a pot about to burn (10 s), an allergy
    ticket (20 s), a chef blocked for 5 s (30 s), a breakdown (40 s)."""
    events = [
        RoundStarted(0, "test", 0, (1, 2), S, 120 * S),
        BurnWarning(10 * S, (3, 0), "soup:onion", 5 * S),
        OrderArrived(20 * S, 1, "salad", 90 * S, "special", "tomato"),
        OrderServed(60 * S, 1, "salad", 1, 101, (0, 0), 20, 2, 40 * S),
        ChefBlocked(30 * S, 1, 2, (2, 2)),
        ChefUnblocked(35 * S, 1, 2, 5 * S),
        DisruptionStarted(40 * S, 1, "breakdown", "Stove", "scheduled", 5 * S, ((3, 0),)),
        *calls,
        RoundEnded(120 * S, 0, 0, 0, 0, 0),
    ]
    return sorted(events, key=lambda e: e.tick)


def _cards(events: list) -> tuple[dict, list[str]]:
    values = rule_values(compute_metrics(events))
    return values, [c.id for c in evaluate(load_pack(), values)]


def test_hazards_nobody_spoke_about_bring_up_the_card():
    # Only the pot is warned about (2 s after); a warning 20 s after the breakdown is late.
    events = _hazard_round(
        [Callout(12 * S, 2, 1, "warn", "burning"), Callout(60 * S, 1, 2, "warn", "broken")]
    )
    values, cards = _cards(events)
    assert values["communication.hazards"] == 4
    assert values["communication.hazards_unspoken"] == 3
    assert values["communication.hazards_unspoken_share"] == 0.75
    assert "unspoken_hazards" in cards
    card = next(c for c in evaluate(load_pack(), values) if c.id == "unspoken_hazards")
    assert "Of 4 hazards" in card.showed
    assert "3 (75%) went by" in card.showed


def test_hazards_spoken_about_bring_up_no_card():
    # A warning within 15 s of each hazard, or a call for help (the allergy ticket).
    events = _hazard_round(
        [
            Callout(11 * S, 2, 1, "warn", "burning"),
            Callout(22 * S, 1, 2, "help"),
            Callout(34 * S, 2, 3, "warn", "blocked"),
            Callout(42 * S, 1, 4, "warn", "broken"),
        ]
    )
    values, cards = _cards(events)
    assert (
        values["communication.hazards_unspoken"],
        values["communication.hazards_unspoken_share"],
    ) == (0, 0.0)
    assert "unspoken_hazards" not in cards


def test_one_missed_hazard_of_two_is_not_a_pattern():
    # Two hazards (the pot and the allergy ticket), one spoken about: 50 %, but only one miss.
    events = [
        RoundStarted(0, "test", 0, (1, 2), S, 120 * S),
        BurnWarning(10 * S, (3, 0), "soup:onion", 5 * S),
        Callout(12 * S, 2, 1, "warn", "burning"),
        OrderArrived(20 * S, 1, "salad", 90 * S, "special", "tomato"),
        OrderServed(60 * S, 1, "salad", 1, 101, (0, 0), 20, 2, 40 * S),
        RoundEnded(120 * S, 0, 0, 0, 0, 0),
    ]
    values, cards = _cards(events)
    assert (
        values["communication.hazards_unspoken"],
        values["communication.hazards_unspoken_share"],
    ) == (1, 0.5)
    assert "unspoken_hazards" not in cards


@pytest.mark.parametrize("people", [(), (1,)])
def test_no_card_about_speaking_up_without_two_people(people):
    # Computer cooks' silence is not the team's: nothing measured, no card.
    events = _hazard_round([])
    events[0] = RoundStarted(0, "test", 0, (1, 2), S, 120 * S, people=people)
    values, cards = _cards(events)
    assert values["communication.hazards_unspoken_share"] is None
    assert "unspoken_hazards" not in cards


def test_the_watch_sees_each_hazard_once_and_a_block_only_after_three_seconds():
    talk = _module("talk_profiles")
    watch = talk.HazardWatch()
    assert watch.see(11, [BurnWarning(10, (3, 0), "soup:onion", 300)]) == [(10, "burning")]
    # Patience 40 s: about to expire 25 s after arrival (15 s left), unless served first.
    assert watch.see(21, [OrderArrived(20, 1, "salad", 40 * S, "special", "tomato")]) == [
        (20, "allergy")
    ]
    assert watch.see(31, [ChefBlocked(30, 1, 2, (2, 2))]) == []
    assert watch.see(30 + 3 * S - 1, []) == []
    assert watch.see(30 + 3 * S, []) == [(30, "blocked")]
    assert watch.see(30 + 4 * S, []) == []  # told once
    assert watch.see(20 + 25 * S, []) == [(20 + 25 * S, "expiring")]
    watch.see(100, [OrderArrived(100, 2, "soup", 40 * S)])
    watch.see(200, [OrderServed(200, 2, "soup", 1, 5, (0, 0), 20, 2, 100)])
    assert watch.see(100 + 30 * S, []) == []  # served before it ran low


def _warnings(profile: str, people: list[int], seed: int = 7) -> dict[int, tuple[int, str]]:
    """The calls a profile makes in 60 s when a pot starts to burn at 5 s: tick -> call."""
    talk = _module("talk_profiles").Talk(profile, people, ["onion"], seed)
    out = {}
    for tick in range(60 * S):
        events = [BurnWarning(5 * S, (3, 0), "soup:onion", 300)] if tick == 5 * S + 1 else []
        for player, call in talk.calls(tick, events).items():
            out[tick] = (player, call)
    return out


def test_prompt_profiles_warn_within_seconds_and_slow_or_quiet_ones_do_not():
    for profile in ("talkative", "unanswered", "dominant", "silent"):
        warns = [
            t for t, (_, call) in _warnings(profile, [1, 2, 3]).items() if call.startswith("warn")
        ]
        assert len(warns) == 1, profile
        assert 5 * S < warns[0] <= 9 * S, profile
    silent = _warnings("silent", [1, 2, 3])
    assert all(player != 3 for player, _ in silent.values())
    assert not [c for _, c in _warnings("quiet", [1, 2]).values() if c.startswith("warn")]
    for seed in range(12):
        late = [t for t, (_, c) in _warnings("slow", [1, 2], seed).items() if c.startswith("warn")]
        assert all(t >= 25 * S for t in late), late  # 20 s or more after the hazard


def test_a_chef_makes_one_call_a_tick_and_the_second_waits():
    talk = _module("talk_profiles").Talk("talkative", [1, 2], ["onion"], 3)
    talk.pending[100] += [(1, "ready"), (1, "warn:burning")]
    assert talk.calls(100) == {1: "ready"}
    assert talk.calls(101) == {1: "warn:burning"}


def test_the_talk_goes_through_the_simulation_as_call_outs():
    # A few hundred ticks of the tutorial: the scripted calls are valid commands and logged.
    level = load_level(shipped_levels()[0])
    players = sorted(level.spec.starts)
    rnd = Round(level.spec, seed=5, players=players, people=players)
    team = BotTeam(rnd, players)
    talk = _module("talk_profiles").Talk("talkative", players, ["onion"], 5)
    events: list = []
    calls = []
    for _ in range(20 * S):
        commands = dict(team.commands())
        for player, call in talk.calls(rnd.tick, events).items():
            base = commands.get(player, Command())
            commands[player] = Command(base.move, base.interact, base.use, call)
        events = rnd.step(commands)
        calls += [e for e in events if isinstance(e, Callout)]
    kinds = {c.kind for c in calls}
    assert {"need", "on_it", "thanks"} <= kinds
    assert any(c.answers is not None for c in calls if c.kind == "on_it")


def test_the_bench_scores_presence_from_the_script_and_the_rounds_facts():
    bench = _module("lesson_discrimination")
    facts = {
        "hazards": 4,
        "hazards_unspoken": 4,
        "special_orders": 2,
        "special_orders_served": 2,
        "safety_incidents": 0,
    }
    base = {"people": 2, "facts": facts, "after_original": False, "cooking_cards": []}
    quiet = {**base, "profile": "quiet", "talk": "quiet"}
    talkative = {**base, "profile": "talkative", "talk": "talkative"}
    assert bench.present("unspoken_hazards", quiet)
    assert not bench.present("unspoken_hazards", talkative)
    assert not bench.present("unspoken_hazards", {**quiet, "facts": {**facts, "hazards": 1}})
    assert bench.present("special_needs_met", talkative)
    assert not bench.present("special_needs_met", quiet)
    redesign = {**talkative, "profile": "redesign", "after_original": True}
    assert bench.present("three_horizons", redesign)
    assert bench.present("closed_loops_held", redesign)
    cook = {**talkative, "profile": "cook:wasteful", "cooking_cards": ["waste_and_rework"]}
    assert bench.present("waste_and_rework", cook)
    assert not bench.present("lost_handovers", cook)
    assert not bench.scored("open_loops", cook)
    assert bench.scored("waste_and_rework", cook)
    assert not bench.scored("waste_and_rework", {**base, "profile": "idle", "talk": "idle"})


def _mic_round(profile: str, extra: list) -> list[str]:
    """A 180 s round of two people with a ticket open all round and the events ``extra``,
    heard through the bench's scripted microphone ``profile``: the talk cards it brings up."""
    mic_talk = _module("mic_talk")
    from kitchen.events import MicrophoneChanged, TalkFrames
    from kitchen.sim.actions import MicrophoneState, TalkHeard

    end = 180 * S
    base = [RoundStarted(0, "test", 0, (1, 2), S, end), OrderArrived(0, 1, "soup", end, "regular")]
    events = sorted(base + extra, key=lambda e: e.tick)
    by_tick: dict[int, list] = {}
    for e in events:
        by_tick.setdefault(e.tick, []).append(e)
    mic = mic_talk.MicTalk(profile, 7)
    heard: list = []
    for tick in range(end):
        for a in mic.actions(tick, by_tick.get(tick - 1, [])):
            if isinstance(a, TalkHeard):
                heard.append(TalkFrames(tick, a.mic, a.first_index, a.talk, a.levels))
            elif isinstance(a, MicrophoneState):
                heard.append(MicrophoneChanged(tick, a.mic, a.state, a.label))
    all_events = sorted(events + heard, key=lambda e: e.tick) + [RoundEnded(end, 0, 0, 0, 0, 0)]
    return [c for c in _cards(all_events)[1] if c.startswith("talk_")]


def test_scripted_microphone_talk_brings_up_each_talk_card_and_only_it():
    breakdown = DisruptionStarted(70 * S, 1, "breakdown", "Stove", "scheduled", 5 * S, ((3, 0),))
    burns = [BurnWarning(t * S, (3, 0), "soup:onion", 5 * S) for t in (40, 90, 130)]
    assert _mic_round("steady", [breakdown, *burns]) == []
    assert _mic_round("quiet", [breakdown, *burns]) == []
    assert _mic_round("quiet_after_disruption", [breakdown]) == ["talk_quiet_after_disruption"]
    assert _mic_round("silent_after_hazards", burns) == ["talk_silent_after_hazards"]
    assert _mic_round("long_silence", []) == ["talk_long_silence"]
    # a disruption breaks the long silence (someone speaks) and none starts in the minute after
    assert _mic_round("long_silence", [breakdown]) == []


def test_long_silence_falls_silent_again_at_the_next_ticket() -> None:
    # the only ticket is served at 60 s (20 s of silence with work waiting) and the next
    # arrives at 65 s: someone speaks, and the team falls silent again from it, for the
    # minute the card is about
    served = OrderServed(60 * S, 1, "soup", 1, 1, (0, 0), 10, 0, 60 * S)
    again = OrderArrived(65 * S, 2, "soup", 180 * S, "regular")
    assert _mic_round("long_silence", [served, again]) == ["talk_long_silence"]
    # served at 90 s, the next at 95 s: one silence from 40 s would have ended at 150 s, 55 s
    # after the second ticket arrived; falling silent again keeps the minute
    served = OrderServed(90 * S, 1, "soup", 1, 1, (0, 0), 10, 0, 90 * S)
    again = OrderArrived(95 * S, 2, "soup", 180 * S, "regular")
    mic_talk = _module("mic_talk")
    mic = mic_talk.MicTalk("long_silence", 7)
    by_tick = {90 * S: [served], 95 * S: [again]}
    first = OrderArrived(0, 1, "soup", 180 * S, "regular")
    for tick in range(180 * S):
        mic.actions(tick, [first] if tick == 1 else by_tick.get(tick - 1, []))
    assert 60 <= mic.longest_open_silence_s() <= 66


def test_cooking_rounds_hear_the_long_silence_microphone() -> None:
    bench = _module("lesson_discrimination")
    assert bench.COOKING_MIC == "long_silence"
    assert bench.MIC_FOR["idle"] == "long_silence"
    cooking = {p.name: p for p in _module("cooking_profiles").COOKING_PROFILES}
    # everyone stopping 20 s after each disruption may or may not burn what was on the
    # stoves, so whether the team bounced back is not the profile's to say: not scored
    assert "recovered_well" not in cooking["freeze"].cards
    assert "recovered_well" in cooking["freeze"].unsure
    assert "disruption_hit_hard" in cooking["freeze"].cards
    assert "recovered_well" in cooking["hold_pass"].cards
    bench = _module("lesson_discrimination")
    frozen = {"profile": "cook:freeze", "cooking_unsure": ["recovered_well"]}
    assert not bench.scored("recovered_well", frozen)
    assert bench.scored("disruption_hit_hard", frozen)


def test_the_bench_scores_talk_cards_from_the_script_and_outcomes_from_the_baseline():
    bench = _module("lesson_discrimination")
    facts = {"hazards_heard": 3, "talk_disruptions": 1, "mic_silence_s": 75.0}
    base = {"people": 2, "facts": facts, "after_original": False, "cooking_cards": []}
    slow = {**base, "profile": "slow", "talk": "slow", "mic": "silent_after_hazards"}
    assert bench.present("talk_silent_after_hazards", slow)
    assert not bench.present(
        "talk_silent_after_hazards", {**slow, "facts": {**facts, "hazards_heard": 1}}
    )
    assert not bench.present("talk_quiet_after_disruption", slow)
    quiet_after = {
        **base,
        "profile": "unanswered",
        "talk": "unanswered",
        "mic": "quiet_after_disruption",
    }
    assert bench.present("talk_quiet_after_disruption", quiet_after)
    no_minute = {**facts, "talk_disruptions": 0}
    assert not bench.present("talk_quiet_after_disruption", {**quiet_after, "facts": no_minute})
    silent = {**base, "profile": "silent", "talk": "silent", "mic": "long_silence"}
    assert bench.present("talk_long_silence", silent)
    assert not bench.present(
        "talk_long_silence", {**silent, "facts": {**facts, "mic_silence_s": 50.0}}
    )
    # a cooking round: a side effect beyond the level's baseline is present, else absent
    cook = {**base, "profile": "cook:freeze", "talk": "talkative", "mic": "steady"}
    assert bench.present("waiting_around", {**cook, "beyond_baseline": ["waiting_around"]})
    assert not bench.present("waiting_around", {**cook, "beyond_baseline": []})
