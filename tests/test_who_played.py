"""The log records who played each chef (a person or a computer cook, and changes of hands
mid-round) and the conditions of the round; old logs without that still load and replay."""

from __future__ import annotations

import json

import pygame
import pytest
from conftest import SHIPPED
from frontend_support import QUICK_SOUP_LEVEL, TICK
from test_ui_pad_unplug import NEW_PAD, PAD, round_with_a_pad_and_a_keyboard, sdl_button

from kitchen.bots import BotTeam
from kitchen.cli import main
from kitchen.content import SourceError, load_level, load_level_text
from kitchen.events import (
    EVENTS_VERSION,
    ConditionsSet,
    ControllerChanged,
    RoundStarted,
    event_from_dict,
)
from kitchen.session import RecordedRound, read_round_log, replay
from kitchen.sim import Command, Round
from kitchen.sim.actions import SetController, action_from_dict
from kitchen.sim.assists import Assists, apply_assists

TUTORIAL = next(p for p in SHIPPED if p.stem == "01_tutorial")


def shipped(stem: str):
    return load_level(next(p for p in SHIPPED if p.stem == stem))


def test_a_person_and_a_computer_cook_hand_checked():
    level = load_level(TUTORIAL)
    rnd = Round(level.spec, seed=4, players=[1, 2], people=[1])
    team = BotTeam(rnd, [2])
    first = rnd.step({1: Command(move=(1, 0)), **team.commands()})
    assert first[:2] == [
        RoundStarted(0, "tutorial", 4, (1, 2), 60, level.spec.round_ticks, EVENTS_VERSION, (1,)),
        ConditionsSet(0, silos=False, assists=(), zones=False),
    ]
    assert first[0].to_dict() == {
        "type": "round_started",
        "tick": 0,
        "level": "tutorial",
        "seed": 4,
        "players": [1, 2],
        "ticks_per_second": 60,
        "round_ticks": level.spec.round_ticks,
        "events_version": 2,
        "people": [1],
    }
    for _ in range(9):
        rnd.step({1: Command(), **team.commands()})
    # The person leaves chef 1 to nobody at tick 10; chef 2 was already a computer cook.
    events = rnd.step({}, [SetController(1, "computer"), SetController(2, "computer")])
    assert [e for e in events if e.type == "controller_changed"] == [
        ControllerChanged(10, 1, "computer")
    ]
    events = rnd.step({}, [SetController(2, "person"), SetController(3, "person")])
    assert [e for e in events if e.type == "controller_changed"] == [
        ControllerChanged(11, 2, "person")
    ]  # chef 3 is not in this round: nothing happens
    assert rnd.controllers == {1: "computer", 2: "person"}


def test_people_default_to_every_player_and_must_be_players():
    spec = load_level(TUTORIAL).spec
    started = Round(spec, seed=1).step()[0]
    assert isinstance(started, RoundStarted)
    assert started.people == started.players == (1, 2)
    assert Round(spec, seed=1, people=()).step()[0].people == ()  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"people \[3\] are not among the chefs \[1, 2\]"):
        Round(spec, seed=1, people=[3])
    with pytest.raises(ValueError, match="controller is person, computer or nobody, not 'bot'"):
        SetController(1, "bot")
    with pytest.raises(ValueError, match="bad set_controller action"):
        action_from_dict({"action": "set_controller", "player": 1})


@pytest.mark.parametrize(
    ("stem", "silos", "assists", "expected"),
    [
        ("06_silos", True, Assists(), ConditionsSet(0, True, (), True)),
        ("06_silos", False, Assists(), ConditionsSet(0, False, (), True)),
        # Level 7 has zones but no roles: silos on still restricts nobody.
        ("07_redesigned", True, Assists(), ConditionsSet(0, False, (), True)),
        (
            "01_tutorial",
            True,
            Assists(slower_orders=True, no_burning=True),
            ConditionsSet(0, False, ("slower_orders", "no_burning"), False),
        ),
    ],
)
def test_conditions_set_says_the_effective_silos_assists_and_zones(stem, silos, assists, expected):
    level = shipped(stem)
    spec = apply_assists(level.spec, assists)
    events = Round(spec, seed=1, silos=silos, assists=assists).step()
    assert events[0].type == "round_started"
    assert events[1] == expected


def test_a_log_with_a_change_of_hands_replays_identically(tmp_path):
    level = shipped("06_silos")
    path = tmp_path / "round.jsonl"
    rec = RecordedRound(level, 9, [1, 2, 3, 4], people=[1, 3], log_path=path)
    team = BotTeam(rec.round, [2, 4])
    actions = {30: [SetController(2, "person")], 95: [SetController(1, "computer")]}
    while rec.round.tick < 200:
        tick = rec.round.tick
        rec.step(
            {1: Command(move=(0, 1)), 3: Command(move=(1, 0)), **team.commands()},
            actions.get(tick, []),
        )
    rec.step({}, [SetController(3, "computer")])
    rec.close()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["people"] == [1, 3]
    assert {
        "record": "action",
        "tick": 30,
        "action": "set_controller",
        "player": 2,
        "controller": "person",
    } in lines
    log = read_round_log(path)
    assert log.header.people == (1, 3)
    changes = [e for e in log.events if e.type == "controller_changed"]
    assert changes == [
        ControllerChanged(30, 2, "person"),
        ControllerChanged(95, 1, "computer"),
        ControllerChanged(200, 3, "computer"),
    ]
    assert log.make_round().controllers == {1: "person", 2: "computer", 3: "person", 4: "computer"}
    result = replay(log)
    assert result.identical, result.mismatch


def _old(line: dict) -> dict:
    """A line as a version-1 game wrote it: no people, no conditions_set."""
    if line.get("record") == "header":
        line = {k: v for k, v in line.items() if k != "people"}
        line["events_version"] = 1
    elif line.get("record") == "event" and line["event"]["type"] == "round_started":
        line["event"] = {k: v for k, v in line["event"].items() if k != "people"}
        line["event"]["events_version"] = 1
    return line


def test_an_old_log_without_people_loads_every_chef_a_person_and_replays(tmp_path):
    level = load_level(TUTORIAL)
    new = tmp_path / "new.jsonl"
    rec = RecordedRound(level, 5, [1, 2], log_path=new)
    while rec.round.tick < 300:
        rec.step({1: Command(move=(1, 0)), 2: Command(move=(-1, 0), interact=True)})
    rec.close()
    lines = [json.loads(line) for line in new.read_text(encoding="utf-8").splitlines()]
    old_lines = [
        _old(line)
        for line in lines
        if not (line.get("record") == "event" and line["event"]["type"] == "conditions_set")
    ]
    old = tmp_path / "old.jsonl"
    old.write_text("".join(json.dumps(line) + "\n" for line in old_lines), encoding="utf-8")
    log = read_round_log(old)
    assert log.header.people is None
    assert log.header.events_version == 1
    started = log.events[0]
    assert isinstance(started, RoundStarted)
    assert started.people == (1, 2)
    assert not any(e.type == "conditions_set" for e in log.events)
    assert log.make_round().controllers == {1: "person", 2: "person"}
    result = replay(log)
    assert result.identical, result.mismatch
    # An old round_started read on its own: every chef a person.
    old_event = {
        "type": "round_started",
        "tick": 0,
        "level": "x",
        "seed": 1,
        "players": [1, 3],
        "ticks_per_second": 60,
        "round_ticks": 10,
        "events_version": 1,
    }
    assert event_from_dict(old_event).people == (1, 3)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda lines: lines[0].update(people=[1, 3]),
            "1:{col}: people: chefs [3] are not playing in this round (chefs [1, 2])",
        ),
        (
            lambda lines: lines.append(
                {
                    "record": "action",
                    "tick": 3,
                    "action": "set_controller",
                    "player": 1,
                    "controller": "robot",
                }
            ),
            "controller: must be 'person', 'computer' or 'nobody', not \"robot\"",
        ),
        (
            lambda lines: lines.append(
                {
                    "record": "event",
                    "event": {
                        "type": "controller_changed",
                        "tick": 3,
                        "player": 1,
                        "controller": "robot",
                    },
                }
            ),
            'event.controller: must be person, computer or nobody, not "robot"',
        ),
        (
            lambda lines: lines.append(
                {
                    "record": "event",
                    "event": {
                        "type": "conditions_set",
                        "tick": 0,
                        "silos": True,
                        "assists": ["turbo"],
                        "zones": False,
                    },
                }
            ),
            'event.assists: unknown assist "turbo"; the assists are slower_orders, '
            "longer_rounds, no_burning",
        ),
    ],
    ids=["a person who is not playing", "a bad action", "a bad event", "an unknown assist"],
)
def test_damaged_who_played_records_are_one_positioned_line(tmp_path, change, message):
    level = load_level(TUTORIAL)
    good = tmp_path / "good.jsonl"
    rec = RecordedRound(level, 5, [1, 2], log_path=good)
    rec.step({})
    rec.close()
    lines = [json.loads(line) for line in good.read_text(encoding="utf-8").splitlines()]
    change(lines)
    bad = tmp_path / "bad.jsonl"
    text = "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_round_log(bad)
    col = text.splitlines()[0].index('"people":') + len('"people":') + 1
    assert str(err.value).startswith(f"{bad}:")
    assert str(err.value).endswith(message.format(col=col))


def test_a_pad_taking_over_mid_round_is_recorded_and_replays(env):
    app, play = round_with_a_pad_and_a_keyboard(env)
    assert play.events[0].people == (1, 2)
    app.run_frames(20, TICK)
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD))
    app.run_frames(1, TICK)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F9, mod=0, unicode=""))
    app.run_frames(1, TICK)
    gone = play.round.tick - 1
    app.run_frames(30, TICK)
    sdl_button(NEW_PAD, pygame.CONTROLLER_BUTTON_A)
    sdl_button(NEW_PAD, pygame.CONTROLLER_BUTTON_A, False)
    app.run_frames(1, TICK)
    app.run_frames(5, TICK)
    back = play.round.tick - 6
    changes = [e for e in play.events if e.type == "controller_changed"]
    assert changes == [ControllerChanged(gone, 1, "nobody"), ControllerChanged(back, 1, "person")]
    assert play.round.controllers == {1: "person", 2: "person"}
    play.driver.close()
    log = read_round_log(play.recorded.log_path)
    assert [a for acts in log.actions.values() for a in acts] == [
        SetController(1, "nobody"),
        SetController(1, "person"),
    ]
    result = replay(log)
    assert result.identical, result.mismatch


def test_simulate_people_are_the_chefs_the_script_drives(tmp_path, capsys):
    script = tmp_path / "moves.jsonl"
    script.write_text('{"tick": 0, "player": 2, "move": "left"}\n', encoding="utf-8")
    assert main(["simulate", str(TUTORIAL), "--commands", str(script), "--format", "jsonl"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["people"] == [2]
    assert main(["simulate", str(TUTORIAL), "--format", "jsonl"]) == 0
    first, second = capsys.readouterr().out.splitlines()[:2]
    assert json.loads(first)["people"] == []  # nobody drives an idle round
    assert json.loads(second) == {
        "type": "conditions_set",
        "tick": 0,
        "silos": False,
        "assists": [],
        "zones": False,
    }


def test_playtest_rounds_are_computer_cooks_only(monkeypatch):
    from kitchen.bots import playtest

    seen = []
    real_step = Round.step

    def step(self, commands=None, actions=()):
        events = real_step(self, commands, actions)
        seen.extend(e for e in events if e.type == "round_started")
        return events

    monkeypatch.setattr(Round, "step", step)
    spec = load_level(TUTORIAL).spec
    playtest.play_round(spec, seed=1, chefs=2)
    assert [e.people for e in seen] == [()]


def test_level_7_is_the_redesign_of_level_6():
    six, seven = shipped("06_silos"), shipped("07_redesigned")
    assert seven.definition.redesign_of == six.spec.name == "silos"
    assert seven.definition.compare == [
        "coordination.silo_index",
        "coordination.handoff_delay_mean_s",
    ]
    assert six.definition.redesign_of is None
    assert six.definition.compare == []


BASE = QUICK_SOUP_LEVEL.replace("name: quick_soup", "name: redo")
FIRST = BASE.count("\n") + 1
"""The line of the first key added to ``BASE``."""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "redesign_of: redo",
            "{a}:14: redesign_of: names this level itself ('redo'): give the level it redesigns",
        ),
        (
            "redesign_of: silos\ncompare: [silo index]",
            "{b}:11: compare[0]: 'silo index' is not a measure's name: write it as the debrief "
            "names it, e.g. coordination.silo_index (lower-case words joined by dots)",
        ),
        (
            "compare: [a.b]",
            "{a}:10: compare: needs redesign_of: the level whose rounds to compare with",
        ),
        ("redesign_of: silos\ncompare: [a.b, a.b]", "{b}:10: compare: lists a.b twice"),
    ],
)
def test_redesign_keys_are_checked(extra, message):
    with pytest.raises(SourceError) as err:
        load_level_text(BASE + extra + "\n", "redo.yaml")
    assert str(err.value) == "redo.yaml:" + message.format(a=FIRST, b=FIRST + 1)
    assert load_level_text(BASE + "redesign_of: any_level_at_all\n", "ok.yaml")
