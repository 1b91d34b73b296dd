"""`kitchen import overcooked`: real Overcooked-AI layouts (tests/data/overcooked, MIT) become
levels that load; every bad input is one line and a non-zero exit, and nothing is
overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kitchen.cli import EXIT_OK, EXIT_PROBLEMS, main
from kitchen.content import load_level
from kitchen.content.overcooked_import import level_text, read_layout, soups
from kitchen.content.problems import SourceError

LAYOUTS = Path(__file__).parent / "data" / "overcooked"
NAMES = [
    "cramped_room",
    "forced_coordination",
    "asymmetric_advantages",
    "coordination_ring",
    "counter_circuit",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_real_layout_imports_as_a_level_that_loads(name, tmp_path, capsys):
    out = tmp_path / f"{name}.yaml"
    assert main(["import", "overcooked", str(LAYOUTS / f"{name}.layout"), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    level = load_level(out)
    layout = read_layout((LAYOUTS / f"{name}.layout").read_text(), name)
    rows = [r.strip() for r in layout["grid"].split("\n")]
    assert level.grid.rows == tuple(r[0] + r[1:-1] + r[-1] for r in rows)
    assert (level.spec.width, level.spec.height) == (len(rows[0]), len(rows))
    assert len(level.spec.starts) == 2
    assert level.spec.burn_ticks is None  # Overcooked-AI soups never burn


def test_recipes_follow_overcooked_ais_values_and_times():
    cramped = read_layout((LAYOUTS / "cramped_room.layout").read_text(), "c")
    (soup,) = soups(cramped, "c", {"onion"})
    assert (soup.name, soup.value, soup.steps) == ("onion_soup", 20, 20)  # 20 steps = 5 s
    circuit = read_layout((LAYOUTS / "counter_circuit.layout").read_text(), "c")
    found = {s.name: (s.value, s.steps) for s in soups(circuit, "c", {"onion", "tomato"})}
    assert found == {
        "one_onion_two_tomato_soup": (21 + 2 * 13, 15 + 2 * 7),
        "two_onion_one_tomato_soup": (2 * 21 + 13, 2 * 15 + 7),
        "one_onion_one_tomato_soup": (2 * (21 + 13), 15 + 7),  # the bonus order: x2
    }
    text = level_text(circuit, "c", "circuit", "counter_circuit.layout")
    assert "cook_seconds: 5.5" in text  # 22 steps


def test_no_orders_means_every_soup_the_crates_allow():
    layout = {"grid": "XXPXX\nO 1 S\nXDXXX"}
    assert [s.name for s in soups(layout, "x", {"onion"})] == [
        "one_onion_soup",
        "two_onion_soup",
        "onion_soup",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("print('hello')", "not an Overcooked-AI layout"),
        ("__import__('os').system('true')", "not an Overcooked-AI layout"),
        ("{'grid': 3}", 'it has no "grid" text'),
        ('{"grid": """XXQX\n  X1SX"""}', "unknown layout character 'Q'"),
        (
            '{"grid": """XXPX\n  X1SX\n XDOX""", "start_all_orders": [{"ingredients": ["egg"]}]}',
            "is not 1 to 3 onions and tomatoes",
        ),
        ('{"grid": """XXPXX\n  X1 SX\n XDXXX"""}', "nothing could be cooked"),
        (
            '{"grid": """XXPXX\n X1 SX\n XDXXX""", "start_all_orders": [{"ingredients": ["tomato"]}]}',
            "recipes[0]: recipe 'one_tomato_soup' cannot be made on this map: it needs a crate of tomato",
        ),
    ],
)
def test_bad_layouts_give_one_line_and_write_nothing(tmp_path, capsys, content, message):
    layout = tmp_path / "in.layout"
    if content is not None:
        layout.write_text(content, encoding="utf-8")
    out = tmp_path / "level.yaml"
    assert main(["import", "overcooked", str(layout), "-o", str(out)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_an_existing_or_unwritable_output_is_refused(tmp_path, capsys):
    src = str(LAYOUTS / "cramped_room.layout")
    existing = tmp_path / "mine.yaml"
    existing.write_text("keep me", encoding="utf-8")
    assert main(["import", "overcooked", src, "-o", str(existing)]) == EXIT_PROBLEMS
    assert "already exists" in capsys.readouterr().err
    assert existing.read_text() == "keep me"
    missing = tmp_path / "nowhere" / "x.yaml"
    assert main(["import", "overcooked", src, "-o", str(missing)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "does not exist" in err
    a_file = tmp_path / "a_file"
    a_file.write_text("", encoding="utf-8")
    assert main(["import", "overcooked", src, "-o", str(a_file / "x.yaml")]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is not a folder" in err
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            code = main(["import", "overcooked", src, "-o", str(locked / "x.yaml")])
            err = capsys.readouterr().err
            assert code == EXIT_PROBLEMS
            assert err.count("\n") == 1
            assert "not writable" in err
        finally:
            locked.chmod(0o700)


def test_read_layout_never_evaluates_code():
    with pytest.raises(SourceError, match="not an Overcooked-AI layout"):
        read_layout("{'grid': __import__('os').getcwd()}", "x")


def test_edit_refuses_a_missing_file_without_new(tmp_path, capsys):
    assert main(["edit", str(tmp_path / "none.yaml")]) == EXIT_PROBLEMS
    assert "add --new" in capsys.readouterr().err
    assert EXIT_OK == 0
