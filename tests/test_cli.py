"""The ``kitchen`` command line: validate, simulate and levels.

Most cases call :func:`kitchen.cli.main` in-process; a few run ``python -m kitchen`` in a
subprocess to prove that bad input never ends in a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kitchen.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from kitchen.content import load_level
from kitchen.paths import shipped_levels

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "levels"
BAD_FILES = sorted(DATA.glob("bad_*.yaml"))
SHIPPED_NAMES = [p.stem.split("_", 1)[1] for p in shipped_levels()]

# On the tutorial map chef 1 starts at (2, 2) and the onion crate is at (0, 1):
# walk up one cell, then left until against the crate, stop, and press interact.
ONION_SCRIPT = """\
{"tick": 0, "player": 1, "move": "up"}
{"tick": 20, "player": 1, "move": "left"}
{"tick": 45, "player": 1, "move": "stop"}
{"tick": 50, "player": 1, "interact": true}
"""


def run_kitchen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kitchen", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=60,
    )


def first_expected(path: Path) -> str:
    """``file:line:col: ...`` of the first problem the fixture file expects."""
    text = path.read_bytes().decode("latin-1")
    expect = next(line for line in text.splitlines() if line.startswith("# expect: "))
    return f"{path}:{expect[len('# expect: ') :]}"


def jsonl_events(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


# --- validate ------------------------------------------------------------------------


def test_validate_shipped_level_files(capsys):
    paths = [str(p) for p in shipped_levels()]
    assert main(["validate", *paths]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{p}: ok" for p in paths]
    assert err.strip() == f"{len(paths)} of {len(paths)} level files valid"


def test_validate_shipped_flag_quietly(capsys):
    assert main(["validate", "--shipped", "-q"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == ""
    n = len(shipped_levels())
    assert n >= 3
    assert f"{n} of {n} level files valid" in err


def test_validate_without_files_is_a_usage_error(capsys):
    assert main(["validate"]) == EXIT_USAGE
    assert "give level files, or --shipped" in capsys.readouterr().err


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_validate_malformed_file_prints_positioned_problems(capsys, path):
    assert main(["validate", str(path)]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith(first_expected(path))
    assert all(line.startswith(f"{path}:") for line in out.splitlines())
    assert "Traceback" not in out + err


def test_validate_mixed_files_counts_the_valid_ones(capsys):
    good = shipped_levels()[0]
    bad = DATA / "bad_legend.yaml"
    assert main(["validate", str(good), str(bad)]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert f"{good}: ok" in out.splitlines()
    assert sum(line.startswith(f"{bad}:") for line in out.splitlines()) == 3
    assert "1 of 2 level files valid" in err


def test_validate_missing_file_and_folder(capsys, tmp_path):
    missing = tmp_path / "missing.yaml"
    assert main(["validate", str(missing), str(tmp_path)]) == EXIT_PROBLEMS
    out, _ = capsys.readouterr()
    assert out.splitlines() == [f"{missing}: no such file", f"{tmp_path}: is a folder, not a file"]


def test_validate_all_malformed_files_in_a_subprocess_without_traceback():
    result = run_kitchen("validate", *map(str, BAD_FILES))
    assert result.returncode == EXIT_PROBLEMS
    assert "Traceback" not in result.stdout + result.stderr
    for path in BAD_FILES:
        assert first_expected(path) in result.stdout, path.name
    assert f"0 of {len(BAD_FILES)} level files valid" in result.stderr


@pytest.mark.parametrize(
    "name", ["bad_alias_bomb", "bad_not_utf8", "bad_yaml_syntax", "bad_value_tag"]
)
def test_validate_single_malformed_file_in_a_subprocess(name):
    path = DATA / f"{name}.yaml"
    result = run_kitchen("validate", str(path))
    assert result.returncode == EXIT_PROBLEMS
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(first_expected(path))


def test_validate_oversized_empty_and_missing_files_in_a_subprocess(tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"name: x\n" + b"#" * 1_000_001 + b"\n")
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    missing = tmp_path / "missing.yaml"
    result = run_kitchen("validate", str(huge), str(empty), str(missing), str(tmp_path))
    assert result.returncode == EXIT_PROBLEMS
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{huge}:1:1: file is 1,000,010 bytes; the limit is 1,000,000",
        f"{empty}:1:1: a level file is a mapping of keys (name:, map:, recipes:), not empty",
        f"{missing}: no such file",
        f"{tmp_path}: is a folder, not a file",
    ]


def test_validate_levels_glob_from_the_repository():
    files = [f"levels/{p.name}" for p in sorted(ROOT.glob("levels/*.yaml"))]
    assert len(files) >= 3
    result = run_kitchen("validate", *files)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"{f}: ok" for f in files]


# --- simulate ------------------------------------------------------------------------


def test_simulate_summary_from_another_directory(tmp_path):
    result = run_kitchen("simulate", "tutorial", "--seed", "3", "--format", "summary", cwd=tmp_path)
    assert result.returncode == EXIT_OK, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "level     First Shift (tutorial), seed 3, chefs [1, 2]"
    stars = list(
        load_level(
            next(p for p in shipped_levels() if p.stem.endswith("tutorial"))
        ).spec.scoring.stars
    )
    assert lines[1].startswith(f"score     0  stars 0/3  thresholds {stars}")
    assert lines[2].startswith("orders    served 0, expired ")
    assert lines[3].startswith("events    ")
    assert "round_started 1" in lines[3]


def test_simulate_jsonl_lines_are_events(capsys):
    assert main(["simulate", "tutorial", "--seed", "3"]) == EXIT_OK
    events = jsonl_events(capsys.readouterr().out)
    assert all(isinstance(e.get("type"), str) and isinstance(e.get("tick"), int) for e in events)
    assert events[0]["type"] == "round_started"
    assert (events[0]["level"], events[0]["seed"], events[0]["players"]) == ("tutorial", 3, [1, 2])
    assert events[-1]["type"] == "round_ended"
    assert events[-1]["tick"] == 150 * 60
    assert any(e["type"] == "order_arrived" for e in events)
    ticks = [e["tick"] for e in events]
    assert ticks == sorted(ticks)


def test_simulate_is_deterministic_for_a_seed(capsys):
    main(["simulate", "two_recipes", "--seed", "11"])
    first = capsys.readouterr().out
    main(["simulate", "two_recipes", "--seed", "11"])
    assert capsys.readouterr().out == first
    main(["simulate", "two_recipes", "--seed", "12"])
    assert capsys.readouterr().out != first


@pytest.mark.parametrize("name", ["tutorial", "01_tutorial", "narrow_passage"])
def test_simulate_accepts_shipped_level_names(capsys, name):
    assert main(["simulate", name, "--format", "summary"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("level     ")


def test_simulate_level_path(capsys):
    path = shipped_levels()[1]
    assert main(["simulate", str(path), "--format", "summary", "--players", "1"]) == EXIT_OK
    assert "Soup and Salad (two_recipes), seed 0, chefs [1]" in capsys.readouterr().out


def test_simulate_commands_move_a_chef_to_pick_up_an_onion(capsys, tmp_path):
    script = tmp_path / "onion.jsonl"
    script.write_text(ONION_SCRIPT)
    assert main(["simulate", "tutorial", "--seed", "3", "--commands", str(script)]) == EXIT_OK
    events = jsonl_events(capsys.readouterr().out)
    spawned = [e for e in events if e["type"] == "item_spawned"]
    assert spawned == [
        {
            "type": "item_spawned",
            "tick": 50,
            "item_id": spawned[0]["item_id"],
            "item": "onion",
            "source": "crate",
            "tile": [0, 1],
            "player": 1,
        }
    ]


def test_simulate_without_commands_nobody_picks_anything_up(capsys):
    assert main(["simulate", "tutorial", "--seed", "3"]) == EXIT_OK
    events = jsonl_events(capsys.readouterr().out)
    assert not [e for e in events if e["type"] in ("item_spawned", "item_picked")]


def test_simulate_malformed_commands_file(capsys, tmp_path):
    script = tmp_path / "bad.jsonl"
    script.write_text(
        '{"tick": 0, "player": 1, "move": "up"}\n'
        '{"tick": 5, "player": 1, "move": "upp"}\n'
        '{"tick": 6 "player": 1}\n'
        "\n"
        "# a comment line is skipped\n"
        '{"tick": -1, "player": 1}\n'
        "[1, 2]\n"
        '{"tick": 1, "player": 9}\n'
        '{"tick": 1, "player": 1, "jump": true}\n'
        '{"tick": 1, "player": 1, "move": [2, 0]}\n'
        '{"tick": 1, "player": 1, "use": "yes"}\n'
    )
    assert main(["simulate", "tutorial", "--commands", str(script)]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{script}:2:1: unknown direction 'upp'; use one of stop, up, down, left, right, "
        "up_left, up_right, down_left, down_right",
        f"{script}:3:12: not JSON: Expecting ',' delimiter",
        f"{script}:6:1: 'tick' must be a whole number >= 0",
        f"{script}:7:1: each command line must be a JSON object",
        f"{script}:8:1: 'player' must be 1-4",
        f"{script}:9:1: unknown command fields: jump",
        f"{script}:10:1: a move is a direction name or [dx, dy] with -1..1, got [2, 0]",
        f"{script}:11:1: 'use' must be true or false",
    ]


def test_simulate_missing_commands_file(capsys, tmp_path):
    missing = tmp_path / "none.jsonl"
    assert main(["simulate", "tutorial", "--commands", str(missing)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == f"{missing}: no such file"


def test_simulate_unknown_level_lists_shipped_levels(capsys):
    assert main(["simulate", "kitchen_nightmare"]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (
        "kitchen_nightmare: no such file or shipped level; shipped levels: "
        + ", ".join(SHIPPED_NAMES)
    )


def test_simulate_malformed_level_file(capsys):
    path = DATA / "bad_many_problems.yaml"
    assert main(["simulate", str(path)]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert out == ""
    assert [line.split(": ")[0] for line in err.splitlines()] == [
        f"{path}:4:6",
        f"{path}:8:3",
        f"{path}:9:15",
        f"{path}:10:18",
    ]


@pytest.mark.parametrize("players", ["9", "0", "3"])
def test_simulate_too_many_players_is_a_message(capsys, players):
    assert main(["simulate", "tutorial", "--players", players]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().endswith("01_tutorial.yaml: --players must be 1 to 2 for this level")


def test_simulate_negative_seed_is_a_usage_error(capsys):
    assert main(["simulate", "tutorial", "--seed", "-1"]) == EXIT_USAGE
    assert "--seed must be 0 or more" in capsys.readouterr().err


def test_bad_arguments_exit_with_usage_code(capsys):
    with pytest.raises(SystemExit) as info:
        main(["simulate", "tutorial", "--format", "xml"])
    assert info.value.code == EXIT_USAGE
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_simulate_bad_input_in_a_subprocess_without_traceback(tmp_path):
    script = tmp_path / "bad.jsonl"
    script.write_text('{"tick": 0, "player": 1, "move": "sideways"}\n')
    cases = [
        (["simulate", "tutorial", "--players", "9"], "--players must be 1 to 2"),
        (["simulate", "nowhere"], "shipped levels: tutorial, two_recipes, narrow_passage"),
        (["simulate", "tutorial", "--commands", str(script)], f"{script}:1:1: unknown direction"),
    ]
    for args, message in cases:
        result = run_kitchen(*args, cwd=tmp_path)
        assert result.returncode == EXIT_PROBLEMS, args
        assert message in result.stderr, args
        assert "Traceback" not in result.stdout + result.stderr, args


# --- levels --------------------------------------------------------------------------


def test_levels_lists_the_shipped_levels(capsys):
    assert main(["levels"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [p.stem for p in shipped_levels()]
    assert "First Shift" in lines[0]
    assert "8x5" in lines[0]
    assert "chefs 2" in lines[0]
    assert lines[0].rstrip().endswith("recipes onion_soup")
    assert "INVALID" not in "\n".join(lines)
