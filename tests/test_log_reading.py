"""Round logs and session files are checked on read, the same way for every command.

Each damaged file gives one positioned line per problem (``file:line:col: key: message``),
``kitchen replay`` and ``kitchen report`` reject it with the same message (they share one
reader), carry on with the other files given, and exit 1 at the end.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED

from kitchen.cli import main
from kitchen.content import SourceError, load_level
from kitchen.content.problems import Problem
from kitchen.debrief.analysis import analyse_logs, collect_logs
from kitchen.debrief.report import render_html
from kitchen.session import RecordedRound, Session, read_round_log, replay
from kitchen.sim import Command
from kitchen.sim.actions import EndRound, ExtendRound, Tag


def compact(record) -> str:
    """A record as the game writes it."""
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False)


def col(line: str, key: str) -> int:
    """The 1-based column of the value of ``"key":`` in a compact JSON line."""
    return line.index(f'"{key}":') + len(f'"{key}":') + 1


def play_short_round(path: Path, session: Session | None = None) -> Path:
    """A 200-tick round on the tutorial with a tag, an extension and an early end."""
    level = load_level(SHIPPED[0])
    rec = RecordedRound(level, 3, [1, 2], session=session, log_path=None if session else path)
    for t in range(200):
        actions = {50: [Tag("silo", "x")], 60: [ExtendRound(30)], 199: [EndRound()]}.get(t, [])
        rec.step({1: Command(move=(1, 0)), 2: Command(use=True, interact=t % 7 == 0)}, actions)
    rec.close()
    return rec.log_path


@pytest.fixture(scope="module")
def good_lines(tmp_path_factory) -> list[str]:
    path = play_short_round(tmp_path_factory.mktemp("good") / "good.jsonl")
    return path.read_text(encoding="utf-8").splitlines()


def header_with(good_lines, **changes) -> str:
    header = json.loads(good_lines[0])
    header.update(changes)
    return compact(header)


def write_log(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Each bad log: a name, a function of the good log's lines giving the bad lines, and a
# function of (file name, bad lines) giving the exact message.
EXTEND_LINE = 'action","tick":60,"action":"extend"'


LONG_CALL = (
    '{"record":"command","tick":5,"player":1,"move":[0,0],"use":false,"interact":false,'
    '"callout":"' + "x" * 300 + '"}'
)
LONG_CALL_COL = LONG_CALL.index('"xxx') + 1
ODD_KEY = (
    '{"record":"event","event":{"type":"facilitator_tag","tick":3,"label":"x","n\ufeffote":"y"}}'
)
ODD_KEY_COL = ODD_KEY.index('"y"') + 1


def _extend_index(lines):
    return next(i for i, line in enumerate(lines) if EXTEND_LINE in line)


ANSWER_WITHOUT_DELAY = compact(
    {
        "record": "event",
        "event": {
            "type": "callout",
            "tick": 0,
            "player": 1,
            "callout_id": 9,
            "kind": "on_it",
            "answers": 4,
        },
    }
)

BAD_LOGS = {
    "settings is a list": (
        lambda g: [header_with(g, settings=[1, 2]), *g[1:]],
        lambda f, b: (
            f"{f}:1:{col(b[0], 'settings')}: settings: must be an object {{...}}, not a list [...]"
        ),
    ),
    "an event that is a string": (
        lambda g: [*g[:3], '{"record":"event","event":"hello"}', *g[3:]],
        lambda f, b: f'{f}:4:27: event: must be an object {{...}}, not "hello"',
    ),
    "a line nested 100,000 deep": (
        lambda g: [*g[:3], "[" * 100_000 + "]" * 100_000, *g[3:]],
        lambda f, b: f"{f}:4:65: nesting is deeper than 64 levels",
    ),
    "chef 5": (
        lambda g: [header_with(g, players=[1, 5]), *g[1:]],
        lambda f, b: (
            f"{f}:1:{col(b[0], 'players') + 3}: players[1]: a chef is numbered 1 to 4, not 5"
        ),
    ),
    "chef 0": (
        lambda g: [header_with(g, players=[0]), *g[1:]],
        lambda f, b: (
            f"{f}:1:{col(b[0], 'players') + 1}: players[0]: a chef is numbered 1 to 4, not 0"
        ),
    ),
    "no chefs": (
        lambda g: [header_with(g, players=[]), *g[1:]],
        lambda f, b: f"{f}:1:{col(b[0], 'players')}: players: must hold at least 1 item(s)",
    ),
    "a chef the level has no place for": (
        lambda g: [header_with(g, players=[3]), *g[1:]],
        lambda f, b: (
            f"{f}:1:{col(b[0], 'players')}: players: level 'tutorial' has places for chefs [1, 2], not [3]"
        ),
    ),
    "a negative seed": (
        lambda g: [header_with(g, seed=-1), *g[1:]],
        lambda f, b: f"{f}:1:{col(b[0], 'seed')}: seed: must be a whole number 0 or more, not -1",
    ),
    "a seed in quotes": (
        lambda g: [header_with(g, seed="3"), *g[1:]],
        lambda f, b: f'{f}:1:{col(b[0], "seed")}: seed: must be a whole number, not "3"',
    ),
    "an extend of lots": (
        lambda g: [
            line.replace('"seconds":30', '"seconds":"lots"') if EXTEND_LINE in line else line
            for line in g
        ],
        lambda f, b: (
            f"{f}:{_extend_index(b) + 1}:{col(b[_extend_index(b)], 'seconds')}: "
            'seconds: must be a whole number, not "lots"'
        ),
    ),
    "an extend of a week": (
        lambda g: [
            line.replace('"seconds":30', '"seconds":604800') if EXTEND_LINE in line else line
            for line in g
        ],
        lambda f, b: (
            f"{f}:{_extend_index(b) + 1}:{col(b[_extend_index(b)], 'seconds')}: "
            "seconds: must be at most 3600, not 604800"
        ),
    ),
    "an unknown record": (
        lambda g: [*g[:3], '{"record":"evnt"}'],
        lambda f, b: (
            f'{f}:4:11: record: unknown record "evnt"; '
            'a line is a "command", an "action", an "event" or an "observation"'
        ),
    ),
    "an unknown event type": (
        lambda g: [*g[:3], '{"record":"event","event":{"type":"boom","tick":3}}'],
        lambda f, b: (
            f'{f}:4:35: event.type: unknown event type "boom"; the event types are listed in docs/events.md'
        ),
    ),
    "an unknown facilitator action": (
        lambda g: [*g[:3], '{"record":"action","tick":3,"action":"explode"}'],
        lambda f, b: (
            f'{f}:4:38: action: unknown facilitator action "explode"; '
            "one of trigger, end_disruption, extend, end, tag, set_controller, talk_heard, microphone"
        ),
    ),
    "a line that is a list": (
        lambda g: [*g[:3], "[1,2]"],
        lambda f, b: f"{f}:4:1: each line must be a JSON object {{...}}, not a list [...]",
    ),
    "a line that is not JSON": (
        lambda g: [*g[:3], '{"record":"command",tick:1}', *g[3:]],
        lambda f, b: f"{f}:4:21: not JSON: Expecting property name enclosed in double quotes",
    ),
    "a number with a thousand digits": (
        lambda g: [
            *g[:3],
            '{"record":"event","event":{"type":"score_changed","tick":3,"delta":1'
            + "0" * 1000
            + ',"score":1,"reason":"served"}}',
        ],
        lambda f, b: (
            f"{f}:4:68: event.delta: must be at most 1000000000, not 1000000000000000000000000000000000000..."
        ),
    ),
    "a tick four days in": (
        lambda g: [
            *g[:3],
            '{"record":"command","tick":20736000,"player":1,"move":[0,0],"use":false,"interact":false}',
        ],
        lambda f, b: f"{f}:4:28: tick: must be at most 864000, not 20736000",
    ),
    "a move of two cells": (
        lambda g: [
            *g[:3],
            '{"record":"command","tick":5,"player":1,"move":[1,2],"use":false,"interact":false}',
        ],
        lambda f, b: f"{f}:4:51: move[1]: must be at most 1, not 2",
    ),
    "a command missing a field": (
        lambda g: [
            *g[:3],
            '{"record":"command","tick":5,"player":1,"move":[1,0],"interact":false}',
        ],
        lambda f, b: f"{f}:4:1: use: is missing",
    ),
    "an event of a chef not playing": (
        lambda g: [
            *g[:3],
            '{"record":"event","event":{"type":"chef_blocked","tick":3,"player":3,"by_player":1,"tile":[1,1]}}',
        ],
        lambda f, b: f"{f}:4:68: event.player: chef 3 is not playing in this round (chefs [1, 2])",
    ),
    "a call-out 300 characters long": (
        lambda g: [*g[:3], LONG_CALL],
        lambda f, b: (
            f'{f}:4:{LONG_CALL_COL}: callout: unknown call-out "{"x" * 36}...; '
            "use one of need, on_it, ready, help, thanks, warn"
        ),
    ),
    "a field name with an invisible character": (
        lambda g: [*g[:3], ODD_KEY],
        lambda f, b: f'{f}:4:{ODD_KEY_COL}: event["n\\ufeffote"]: is not a field of this record',
    ),
    "a second header": (
        lambda g: [*g[:3], g[0]],
        lambda f, b: f"{f}:4:11: record: a second header: only line 1 is a header",
    ),
    "no header": (
        lambda g: g[1:],
        lambda f, b: f"{f}:1:1: the first line is not a Systems Kitchen round-log header",
    ),
    "an edited level": (
        lambda g: [
            header_with(
                g,
                level={
                    **json.loads(g[0])["level"],
                    "text": json.loads(g[0])["level"]["text"] + "#",
                },
            ),
            *g[1:],
        ],
        lambda f, b: (
            f"{f}:1:{col(b[0], 'sha256')}: level.sha256: does not match the level text stored "
            "beside it (the log was edited)"
        ),
    ),
    "a level that does not load": (
        lambda g: [
            header_with(
                g, level={**json.loads(g[0])["level"], "sha256": None, "text": "name: [unclosed"}
            ),
            *g[1:],
        ],
        lambda f, b: None,  # checked below: names level.text, positioned at the text
    ),
    "a header line cut off": (
        lambda g: [g[0][:500]],
        lambda f, b: f"{f}:1:1: the header line is incomplete: the game stopped as the round began",
    ),
    "an empty file": (
        lambda g: [],
        lambda f, b: f"{f}:1:1: empty file: not a round log",
    ),
    # Found by bench/fuzz_inputs.py: the report's closed-loop count then met a None delay.
    "an answer to a call without its delay": (
        lambda g: [*g[:3], ANSWER_WITHOUT_DELAY, *g[3:]],
        lambda f, b: (
            f"{f}:4:{col(b[3], 'answers')}: event.answers: an answer to a call has both "
            "answers and answer_delay; answer_delay is missing"
        ),
    ),
    "an answer to a call that came before it": (
        lambda g: [
            *g[:3],
            ANSWER_WITHOUT_DELAY.replace('"answers":4', '"answers":4,"answer_delay":-3'),
            *g[3:],
        ],
        lambda f, b: (
            f"{f}:4:{col(b[3], 'answer_delay')}: event.answer_delay: must be 0 or more, not -3"
        ),
    ),
}


def make_bad(folder: Path, good_lines, case: str) -> tuple[Path, str | None]:
    build, message = BAD_LOGS[case]
    lines = build(good_lines)
    path = folder / "bad.jsonl"
    if case == "a header line cut off":
        path.write_text(lines[0], encoding="utf-8")  # no newline: torn
    elif case == "an empty file":
        path.write_bytes(b"")
    else:
        write_log(folder, "bad.jsonl", lines)
    return path, message(str(path), lines)


@pytest.mark.parametrize("case", list(BAD_LOGS))
def test_a_damaged_log_is_one_line_the_same_for_replay_and_report(
    case, good_lines, tmp_path, capsys
):
    path, expected = make_bad(tmp_path, good_lines, case)
    with pytest.raises(SourceError) as err:
        read_round_log(path)
    message = str(err.value)
    if expected is None:
        assert message.startswith(f"{path}:1:")
        assert "level.text: the level stored in the log does not load" in message
    else:
        assert message == expected
    assert "\n" not in message

    assert main(["replay", str(path)]) == 1
    out, err_text = capsys.readouterr()
    assert err_text == message + "\n"
    assert out == ""

    report = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(report)]) == 1
    out, err_text = capsys.readouterr()
    assert err_text.splitlines()[0] == message
    assert "Traceback" not in err_text
    assert not report.exists()


def test_replay_and_report_carry_on_past_a_bad_log(good_lines, tmp_path, capsys):
    good = write_log(tmp_path, "good.jsonl", good_lines)
    bad, expected = make_bad(tmp_path, good_lines, "an extend of lots")
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)

    assert main(["replay", str(bad), str(pipe), str(good)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{good}: identical: ")
    assert err.splitlines() == [expected, f"{pipe}: is a named pipe, not a file"]

    report = tmp_path / "out" / "workshop.html"
    report.parent.mkdir()
    assert main(["report", str(bad), str(good), str(pipe), "-o", str(report)]) == 1
    out, err = capsys.readouterr()
    assert "1 session(s), 1 round(s):" in out
    assert err.splitlines() == [expected, f"{pipe}: is a named pipe, not a file"]
    assert report.stat().st_size > 1000


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # report reads a folder as a session
        ("folder", ("is a folder, not a file", "not a session folder: it holds no session.json")),
        ("/dev/zero", ("is a device, not a file",) * 2),
        ("missing", ("no such file",) * 2),
    ],
)
def test_a_log_that_is_not_a_regular_file_is_refused_without_reading(
    target, expected, tmp_path, capsys
):
    if target == "/dev/zero" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    path = Path(target) if target.startswith("/") else tmp_path / target
    if target == "folder":
        path.mkdir()
    commands = (["replay", str(path)], ["report", str(path), "-o", str(tmp_path / "r.html")])
    for command, message in zip(commands, expected, strict=False):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.splitlines()[0] == f"{path}: {message}"


def test_a_log_over_the_size_limit_is_refused(good_lines, tmp_path, monkeypatch, capsys):
    replay_module = sys.modules["kitchen.session.replay"]  # the package's `replay` is the function
    path = write_log(tmp_path, "big.jsonl", good_lines)
    size = path.stat().st_size
    monkeypatch.setattr(replay_module, "MAX_LOG_BYTES", 1000)
    assert main(["replay", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}:1:1: file is {size:,} bytes; the limit is 1,000\n"


def test_the_limit_is_64_mb():
    from kitchen.session.log_model import MAX_LOG_BYTES

    assert MAX_LOG_BYTES == 64 * 1024 * 1024


def test_a_torn_last_line_is_still_read_with_a_warning(good_lines, tmp_path, capsys):
    torn = tmp_path / "torn.jsonl"
    torn.write_text("\n".join(good_lines[:-3]) + "\n" + good_lines[-3][:20], encoding="utf-8")
    assert main(["replay", str(torn)]) == 0
    out, err = capsys.readouterr()
    assert f"{torn}: identical: " in out
    assert "cut short" in out
    number = len(good_lines) - 2
    assert (
        err
        == f"warning: {torn}:{number}: ignored an incomplete last line (the game stopped mid-write)\n"
    )


def test_a_torn_multibyte_character_is_a_torn_line(good_lines, tmp_path):
    torn = tmp_path / "torn.jsonl"
    raw = (
        "\n".join(good_lines[:-1]) + "\n"
    ).encode() + '{"record":"action","tick":199,"action":"tag","label":"é'.encode()[:-1]
    torn.write_bytes(raw)
    log = read_round_log(torn)
    assert len(log.warnings) == 1
    assert log.events


def test_a_bad_byte_in_the_middle_is_positioned(good_lines, tmp_path):
    path = tmp_path / "bytes.jsonl"
    lines = [line.encode() for line in good_lines]
    lines[4] = lines[4][:10] + b"\xff" + lines[4][10:]
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(SourceError) as err:
        read_round_log(path)
    assert str(err.value) == f"{path}:5:11: not UTF-8 text (byte 0xff): the line is damaged"


# --- session.json ------------------------------------------------------------------------


@pytest.fixture
def session(tmp_path) -> Session:
    session = Session.create("Ward 7", root=tmp_path / "sessions")
    play_short_round(tmp_path, session)
    return session


def session_file(session: Session, text: str) -> Path:
    path = session.folder / "session.json"
    path.write_text(text, encoding="utf-8")
    return path


BAD_SESSIONS = {
    "team is a list": (
        '{"team": ["a"], "created": "2025-01-01", "rounds": []}',
        ["1:10: team: must be text in quotes, not a list [...]"],
    ),
    "rounds is an object": (
        '{"team": "A", "created": "2025-01-01", "rounds": {"index": 1}}',
        ["1:50: rounds: must be a list [...], not an object {...}"],
    ),
    "a round missing fields, an index in quotes": (
        '{"team": "A", "created": "x",\n "rounds": [{"index": "1", "log": "round-01.jsonl", "level": "t"},\n  {"log": "round-02.jsonl"}]}',
        [
            '2:23: rounds[0].index: must be a whole number, not "1"',
            "3:3: rounds[1].index: is missing",
            "3:3: rounds[1].level: is missing",
        ],
    ),
    "a log outside the folder": (
        '{"team": "A", "created": "x", "rounds": [{"index": 1, "log": "../../etc/passwd", "level": "t"}]}',
        [
            '1:62: rounds[0].log: must be a file name inside the session folder, not "../../etc/passwd"'
        ],
    ),
    "an absolute log path": (
        '{"team": "A", "created": "x", "rounds": [{"index": 1, "log": "/etc/passwd", "level": "t"}]}',
        ['1:62: rounds[0].log: must be a file name inside the session folder, not "/etc/passwd"'],
    ),
    "a log name 20,000 characters long": (
        '{"team": "A", "created": "x", "rounds": [{"index": 1, "log": "'
        + "x" * 20_000
        + '", "level": "t"}]}',
        [f'1:62: rounds[0].log: must be a file name inside the session folder, not "{"x" * 36}...'],
    ),
    "a log name with a control character": (
        '{"team": "A", "created": "x", "rounds": [{"index": 1, "log": "round\\u001b.jsonl", "level": "t"}]}',
        [
            '1:62: rounds[0].log: must be a file name inside the session folder, not "round\\u001b.jsonl"'
        ],
    ),
    "a list, not an object": (
        "[1, 2]",
        ['1:1: a session file is an object {"team": ..., "rounds": [...]}, not a list [...]'],
    ),
    "nested 100,000 deep": (
        '{"team": ' + "[" * 100_000,
        ["1:73: nesting is deeper than 64 levels"],
    ),
    "not JSON": (
        '{"team": "A",}',
        ["1:14: not JSON: Expecting property name enclosed in double quotes"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_SESSIONS))
def test_a_damaged_session_file_is_said_in_positioned_lines(case, session, tmp_path, capsys):
    text, messages = BAD_SESSIONS[case]
    path = session_file(session, text)
    expected = [f"{path}:{m}" for m in messages]
    with pytest.raises(SourceError) as err:
        Session.open(session.folder)
    assert [str(p) for p in err.value.problems] == expected
    assert main(["report", str(session.folder), "-o", str(tmp_path / "r.html")]) == 1
    err_text = capsys.readouterr().err
    # the problems are the whole message: no second line repeating that nothing was reported
    assert err_text.splitlines() == expected
    assert path.read_text(encoding="utf-8") == text, "reading never changes the file"


def test_a_round_log_linked_out_of_the_session_is_refused(session, tmp_path, capsys):
    outside = tmp_path / "secret.jsonl"
    outside.write_text("private\n")
    (session.folder / "round-02.jsonl").symlink_to(outside)
    text = json.dumps(
        {
            "team": "A",
            "created": "x",
            "rounds": [
                {"index": 1, "log": "round-01.jsonl", "level": "tutorial"},
                {"index": 2, "log": "round-02.jsonl", "level": "tutorial"},
            ],
        }
    )
    path = session_file(session, text)
    column = text.index('"round-02.jsonl"') + 1
    expected = f'{path}:1:{column}: rounds[1].log: "round-02.jsonl" is a link leading out of the session folder; it is not read'
    with pytest.raises(SourceError) as err:
        Session.open(session.folder)
    assert str(err.value) == expected
    assert main(["report", str(session.folder), "-o", str(tmp_path / "r.html")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == expected


def test_a_link_inside_the_session_folder_is_fine(session):
    (session.folder / "copy.jsonl").symlink_to(session.folder / "round-01.jsonl")
    data = json.loads((session.folder / "session.json").read_text())
    data["rounds"][0]["log"] = "copy.jsonl"
    session_file(session, json.dumps(data))
    assert [p.name for p in Session.open(session.folder).round_logs()] == ["copy.jsonl"]


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_session_file_that_is_not_a_file_is_refused(kind, session):
    path = session.folder / "session.json"
    path.unlink()
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    with pytest.raises(SourceError) as err:
        Session.open(session.folder)
    word = "a folder" if kind == "folder" else "a named pipe"
    assert str(err.value) == f"{path}: is {word}, not a file"


def test_a_folder_without_session_file(tmp_path):
    with pytest.raises(SourceError) as err:
        Session.open(tmp_path)
    assert str(err.value) == f"{tmp_path}: not a session folder: it holds no session.json"


def test_collect_logs_reports_a_bad_session_and_carries_on(session, good_lines, tmp_path):
    good = write_log(tmp_path, "good.jsonl", good_lines)
    path = session_file(session, "[]")
    problems: list[Problem] = []
    logs, _ = collect_logs([session.folder, good], problems)
    assert [lg.path for lg in logs] == [good]
    assert [str(p) for p in problems] == [
        f'{path}:1:1: a session file is an object {{"team": ..., "rounds": [...]}}, not a list [...]'
    ]
    with pytest.raises(SourceError):
        collect_logs([session.folder, good])  # without a list to fill: the first problem raises


def test_a_session_with_a_damaged_round_still_reports_its_other_rounds(session, tmp_path, capsys):
    play_short_round(tmp_path, session)
    second = session.folder / "round-02.jsonl"
    lines = second.read_text(encoding="utf-8").splitlines()
    lines[2] = '{"record":"event","event":"hello"}'
    second.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = tmp_path / "r.html"
    assert main(["report", str(session.folder), "-o", str(report)]) == 1
    out, err = capsys.readouterr()
    assert "1 session(s), 1 round(s):" in out
    assert err == f'{second}:3:27: event: must be an object {{...}}, not "hello"\n'


# --- simulate --commands -------------------------------------------------------------------


def simulate(script: Path) -> list[str]:
    return ["simulate", str(SHIPPED[0]), "--commands", str(script), "--format", "summary"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000, "1:65: nesting is deeper than 64 levels"),
        (
            '{"tick": 1, "player": 1}\n{"tick": 2, player: 1}\n',
            "2:13: not JSON: Expecting property name enclosed in double quotes",
        ),
        ('{"tick": 1, "player": 9}\n', "1:1: 'player' must be 1-4"),
        (
            '{"tick": 1,\x1b "player": 1}\n',
            "1:12: the file holds ESC (U+001B), which cannot be in a text file; "
            "delete it (it may come from copying out of another program)",
        ),
    ],
)
def test_a_bad_command_script_is_positioned(content, message, tmp_path, capsys):
    script = tmp_path / "commands.jsonl"
    script.write_text(content, encoding="utf-8")
    assert main(simulate(script)) == 1
    assert capsys.readouterr().err == f"{script}:{message}\n"


def test_a_command_script_that_is_a_pipe_or_device_is_refused(tmp_path, capsys):
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)
    assert main(simulate(pipe)) == 1
    assert capsys.readouterr().err == f"{pipe}: is a named pipe, not a file\n"
    if Path("/dev/zero").exists():
        assert main(simulate(Path("/dev/zero"))) == 1
        assert capsys.readouterr().err == "/dev/zero: is a device, not a file\n"


def test_a_command_script_with_many_problems_is_cut_short(tmp_path, capsys):
    script = tmp_path / "commands.jsonl"
    script.write_text("nope\n" * 1000, encoding="utf-8")
    assert main(simulate(script)) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 21
    assert err[-1] == f"{script}: stopped after 20 problems"


def test_a_command_script_over_the_limit_is_refused(tmp_path, monkeypatch, capsys):
    import kitchen.cli.play as cli

    script = tmp_path / "commands.jsonl"
    script.write_text('{"tick": 1, "player": 1}\n' * 100, encoding="utf-8")
    monkeypatch.setattr(cli, "MAX_COMMANDS_BYTES", 1000)
    assert main(simulate(script)) == 1
    assert capsys.readouterr().err == f"{script}:1:1: file is 2,500 bytes; the limit is 1,000\n"


# --- fuzzing: no input ends in anything but a SourceError ----------------------------------


def mutate(rng: random.Random, lines: list[str]) -> bytes:
    """One damaged copy of a log: byte flips, cuts, duplicated or dropped lines, swapped
    values, deep nesting, control characters or huge numbers."""
    choice = rng.randrange(8)
    data = "\n".join(lines) + "\n"
    if choice == 0:
        raw = bytearray(data.encode())
        for _ in range(rng.randint(1, 5)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if choice == 1:
        return data.encode()[: rng.randrange(len(data))]
    if choice == 2:
        out = list(lines)
        i = rng.randrange(len(out))
        out.insert(rng.randrange(len(out)), out[i])
        return ("\n".join(out) + "\n").encode()
    if choice == 3:
        out = list(lines)
        del out[rng.randrange(len(out))]
        return ("\n".join(out) + "\n").encode()
    out = list(lines)
    i = rng.randrange(len(out))
    record = json.loads(out[i])
    target = record.get("event", record)
    keys = [k for k in target if k not in ("record", "type")]
    if keys:
        key = rng.choice(keys)
        target[key] = rng.choice(
            [
                None,
                True,
                -1,
                0,
                5,
                10**40,
                -(10**12),
                "x",
                "",
                [],
                [1, 2, 3],
                {},
                {"a": 1},
                1.5,
                [[[]]],
                "\x00",
            ]
        )
    if choice == 5:
        out[i] = "[" * rng.randint(50, 5000) + compact(record)
    elif choice == 6:
        out[i] = compact(record).replace(",", ",\x1b", 1)
    else:
        out[i] = compact(record)
    return ("\n".join(out) + "\n").encode()


@pytest.mark.slow  # in CI's second pass (.ci/run)
def test_fuzzed_logs_end_in_a_message_or_a_good_replay_and_report(good_lines, tmp_path):
    from kitchen.debrief.lessons import load_pack

    pack = load_pack()
    rng = random.Random(9)
    read = 0
    refused: list[tuple[Path, tuple[Problem, ...]]] = []
    for n in range(250):
        path = tmp_path / f"fuzz{n}.jsonl"
        path.write_bytes(mutate(rng, good_lines))
        try:
            log = read_round_log(path)
        except SourceError as err:
            refused.append((path, err.problems))
            continue
        read += 1
        replay(log)
        render_html(analyse_logs([log], pack))
    assert len(refused) > 100
    assert read > 20
    for path, problems in refused:
        assert problems
        assert all(str(p).startswith(str(path)) for p in problems)


def test_the_limits_are_documented():
    from kitchen.cli import MAX_COMMANDS_BYTES
    from kitchen.content.reading import MAX_JSON_DEPTH
    from kitchen.session import log_model

    text = (Path(__file__).resolve().parent.parent / "docs" / "events.md").read_text(
        encoding="utf-8"
    )
    section = text[text.index("## Round logs and session files") :]
    assert log_model.MAX_LOG_BYTES == MAX_COMMANDS_BYTES == 64 * 1024 * 1024
    assert "**64 MB**" in section
    assert log_model.MAX_SESSION_BYTES == 1024 * 1024
    assert "**1 MB**" in section
    assert f"at most **{MAX_JSON_DEPTH}** levels" in section
    assert f"ticks are 0 to {log_model.MAX_TICK:,} (four hours)" in section
    assert f"1 to {log_model.MAX_EXTEND_SECONDS:,} seconds" in section
    assert f"±{log_model.MAX_NUMBER:,}" in section


def test_a_level_file_given_as_a_log_is_called_what_it_is(tmp_path, capsys):
    level = tmp_path / "mine.yaml"
    level.write_text("version: 1\nname: mine\n", encoding="utf-8")
    assert main(["report", str(level), "-o", str(tmp_path / "r.html")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"{level}:1:1: this is a level or settings file, not a round log (round logs are "
        "the .jsonl files the game writes after each round)"
    )
    other = tmp_path / "notes.txt"
    other.write_text("hello\n", encoding="utf-8")
    assert main(["report", str(other), "-o", str(tmp_path / "r.html")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "not a round log" in line
    assert not (tmp_path / "r.html").exists()
