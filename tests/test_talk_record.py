"""Talk on the record (issue 13): the capture's two actions are echoed by the simulation as
events, logged, read back, checked and replayed; old logs still read."""

from __future__ import annotations

import json

import pytest
from conftest import SHIPPED

from kitchen.content import SourceError, load_level
from kitchen.events import MicrophoneChanged, TalkFrames, event_from_dict
from kitchen.session import RecordedRound, read_round_log, replay
from kitchen.session.record_checker import RecordChecker, action_of
from kitchen.sim import Command
from kitchen.sim.actions import MicrophoneState, TalkHeard, action_from_dict

LEVELS = [-40.0, -21.5, -22.0, -45.1, -50.0, -50.0, -30.0, -29.9, -48.0, -51.2]


def test_actions_check_their_values():
    heard = TalkHeard(0, 100, "0110000110", tuple(LEVELS))
    assert action_from_dict(json.loads(json.dumps(heard.to_dict()))) == heard
    with pytest.raises(ValueError, match="0 or 1"):
        TalkHeard(0, 0, "012", (-1.0, -1.0, -1.0))
    with pytest.raises(ValueError, match="2 talk frames but 1 loudness"):
        TalkHeard(0, 0, "01", (-1.0,))
    with pytest.raises(ValueError, match="numbered 0 to 1"):
        TalkHeard(2, 0, "0", (-1.0,))
    with pytest.raises(ValueError, match="calibrating, listening, lost or none, not 'on'"):
        MicrophoneState(0, "on")


def test_the_round_echoes_talk_and_microphone_changes():
    level = load_level(next(p for p in SHIPPED if p.stem == "01_tutorial"))
    rec = RecordedRound(level, 3, [1])
    first = rec.step({}, [MicrophoneState(0, "listening", "prep")])
    second = rec.step({}, [TalkHeard(0, 0, "0110000110", tuple(LEVELS))])
    assert MicrophoneChanged(0, 0, "listening", "prep") in first
    assert [e for e in second if e.type == "talk_frames"] == [
        TalkFrames(1, 0, 0, "0110000110", tuple(LEVELS))
    ]


def test_a_recorded_round_with_talk_reads_back_and_replays(tmp_path):
    level = load_level(next(p for p in SHIPPED if p.stem == "01_tutorial"))
    path = tmp_path / "round.jsonl"
    rec = RecordedRound(level, 3, [1, 2], log_path=path)
    while rec.round.tick < 130:
        tick = rec.round.tick
        actions: list = []
        if tick == 0:
            actions = [MicrophoneState(0, "calibrating", "prep"), MicrophoneState(1, "none")]
        elif tick == 60:
            actions = [MicrophoneState(0, "listening", "prep")]
        elif tick in (70, 130):
            actions = [TalkHeard(0, tick // 6 - 10, "0110000110", tuple(LEVELS))]
        elif tick == 100:
            actions = [MicrophoneState(0, "lost", "prep")]
        rec.step({1: Command(move=(1, 0))}, actions)
    rec.close()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert {
        "record": "action",
        "tick": 70,
        "action": "talk_heard",
        "mic": 0,
        "first_index": 1,
        "talk": "0110000110",
        "levels": LEVELS,
    } in lines
    log = read_round_log(path)
    talk = [e for e in log.events if e.type in ("talk_frames", "microphone_changed")]
    assert talk == [
        MicrophoneChanged(0, 0, "calibrating", "prep"),
        MicrophoneChanged(0, 1, "none", ""),
        MicrophoneChanged(60, 0, "listening", "prep"),
        TalkFrames(70, 0, 1, "0110000110", tuple(LEVELS)),
        MicrophoneChanged(100, 0, "lost", "prep"),
    ]
    result = replay(log)
    assert result.identical, result.mismatch


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '{"record":"action","tick":5,"action":"talk_heard","mic":0,"first_index":3,'
            '"talk":"0110","levels":[-40,-20.5,-30.1]}',
            "levels: has 3 loudness levels for 4 talk frames",
        ),
        (
            '{"record":"action","tick":5,"action":"microphone","mic":2,"state":"lost"}',
            "mic:",
        ),
        (
            '{"record":"event","event":{"type":"talk_frames","tick":5,"mic":0,'
            '"first_index":3,"talk":"02","levels":[-40.0,-20]}}',
            "event.talk: must be 1 to 50 characters 0 (no talk) or 1 (talk)",
        ),
        (
            '{"record":"event","event":{"type":"talk_frames","tick":5,"mic":0,'
            '"first_index":3,"talk":"01","levels":[-40.0,5]}}',
            "event.levels: loudness is -200 to 0 dBFS",
        ),
        (
            '{"record":"event","event":{"type":"microphone_changed","tick":5,"mic":0,'
            '"state":"on"}}',
            "event.state: must be calibrating, listening, lost or none, not",
        ),
        (
            '{"record":"action","tick":5,"action":"talk_heard","mic":0,"first_index":3,'
            '"talk":"0","levels":[NaN]}',
            "levels[0]",
        ),
    ],
)
def test_bad_talk_lines_are_refused_with_their_place(line, message):
    with pytest.raises(SourceError) as err:
        RecordChecker("round.jsonl").body_of(line, 7)
    assert message in str(err.value)
    assert "round.jsonl:7:" in str(err.value)


def test_good_talk_lines_read():
    checker = RecordChecker("round.jsonl")
    record = checker.body_of(
        '{"record":"action","tick":5,"action":"talk_heard","mic":1,"first_index":3,'
        '"talk":"01","levels":[-40,-20.5]}',
        2,
    )
    assert action_of(record) == TalkHeard(1, 3, "01", (-40.0, -20.5))  # type: ignore[arg-type]
    event = checker.body_of(
        '{"record":"event","event":{"type":"microphone_changed","tick":5,"mic":0,"state":"none"}}',
        3,
    )
    assert event == MicrophoneChanged(5, 0, "none", "")
    assert event_from_dict(event.to_dict()) == event  # type: ignore[union-attr]


def test_an_old_log_without_talk_reads_as_before(tmp_path):
    """A log written before talk existed (events version 2, no talk records) reads, replays
    and measures without a talk section."""
    from kitchen.debrief.metrics import compute_metrics

    level = load_level(next(p for p in SHIPPED if p.stem == "01_tutorial"))
    path = tmp_path / "old.jsonl"
    rec = RecordedRound(level, 3, [1], log_path=path)
    while rec.round.tick < 60:
        rec.step({1: Command(move=(1, 0))})
    rec.close()
    log = read_round_log(path)
    assert log.header.events_version == 2
    assert replay(log).identical
    assert "talk" not in compute_metrics(log.events).sections
