"""Every file a person gives the game goes through one bounded reader: no hang on a pipe, no
memory exhaustion on a device, no RecursionError on deep nesting, no ReaderError on control
characters: one line, a non-zero exit, and nothing changed on disk."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kitchen.cli import main
from kitchen.content.problems import SourceError
from kitchen.content.reading import (
    check_control_characters,
    json_depth,
    parse_json,
    read_bytes,
    read_text,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev/zero")


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input, and the message (after ``name:``) every command must give for it."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 100_000)
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"name: a\x00b\nmap: |\n  X\n")
    esc = tmp_path / "esc.yaml"
    esc.write_bytes(b"name: mini\ntitle: a\x1b[31mred\n")
    deep_block = tmp_path / "deep_block.yaml"
    deep_block.write_text("name: x\nmap:\n" + "- " * 5000 + "x\n")
    return {
        "pipe": (pipe, "is a named pipe, not a file"),
        "folder": (folder, "is a folder, not a file"),
        "zero": (Path("/dev/zero"), "is a device, not a file"),
        "deep": (deep, "1:66: nesting is deeper than 64 levels"),
        "deep_block": (deep_block, "3:129: nesting is deeper than 64 levels"),
        "nul": (
            nul,
            "1:8: the file holds NUL (U+0000), which cannot be in a text file; "
            "delete it (it may come from copying out of another program)",
        ),
        "esc": (
            esc,
            "2:9: the file holds ESC (U+001B), which cannot be in a text file; "
            "delete it (it may come from copying out of another program)",
        ),
    }


@pytest.mark.parametrize("command", [["validate"], ["preview"], ["play"], ["lessons", "check"]])
@pytest.mark.parametrize("case", ["pipe", "folder", "zero", "deep", "deep_block", "nul", "esc"])
def test_every_command_gives_one_line_for_a_bad_file(command, case, bad_inputs, tmp_path, capsys):
    path, message = bad_inputs[case]
    before = sorted(p.name for p in tmp_path.iterdir())
    args = [*command, str(path)]
    if command == ["preview"]:
        args += ["-o", str(tmp_path / "out.png")]
    code = main(args)
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert code == 1
    assert lines == [f"{path}: {message}" if not message[0].isdigit() else f"{path}:{message}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "p"
    os.mkfifo(pipe)
    with pytest.raises(SourceError) as info:
        read_bytes(pipe, limit=100)  # would block forever if it were opened for reading
    assert str(info.value) == f"{pipe}: is a named pipe, not a file"


def test_at_most_the_limit_plus_one_byte_is_read_whatever_stat_says():
    # /proc files report a size of 0 but have content: the read itself must stop.
    proc = Path("/proc/self/maps")
    if not proc.exists():
        pytest.skip("no /proc")
    with pytest.raises(SourceError) as info:
        read_bytes(proc, limit=10)
    assert str(info.value) == f"{proc}:1:1: file is larger than the limit of 10 bytes"


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    with pytest.raises(SourceError) as info:
        read_text(path, limit=100)
    assert str(info.value) == f"{path}:1:1: file is 101 bytes; the limit is 100"


def test_missing_file_and_bad_utf8(tmp_path):
    with pytest.raises(SourceError) as info:
        read_text(tmp_path / "nope.yaml", limit=100)
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: no such file"
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(SourceError) as info:
        read_text(bad, limit=100)
    assert str(info.value).startswith(f"{bad}:1:10: the file is not UTF-8 text (byte 0xe9)")


def test_control_characters_are_positioned():
    check_control_characters("tab\tand\r\nnew lines é œ « » are fine\n", "f")
    with pytest.raises(SourceError) as info:
        check_control_characters("ok\nab\x7fc\n", "f.yaml")
    assert str(info.value).startswith("f.yaml:2:3: the file holds DEL (U+007F)")


def test_json_depth_is_measured_outside_strings():
    assert json_depth('{"a": "[[[[[[", "b": [1, [2]]}')[0] == 3
    assert json_depth('"\\"[[["')[0] == 0


def test_parse_json_bounds_depth_and_positions_errors():
    assert parse_json('{"a": [1, 2]}', "log") == {"a": [1, 2]}
    with pytest.raises(SourceError) as info:
        parse_json("[" * 100_000 + "]" * 100_000, "log.jsonl", first_line=7)
    assert str(info.value) == "log.jsonl:7:65: nesting is deeper than 64 levels"
    with pytest.raises(SourceError) as info:
        parse_json('{"a": }', "log.jsonl", first_line=3)
    assert str(info.value) == "log.jsonl:3:7: not JSON: Expecting value"
