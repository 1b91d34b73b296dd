"""Saving an edited level keeps the designer's text where they edited nothing."""

from __future__ import annotations

import copy
import difflib

import pytest

from kitchen.content import load_level_text
from kitchen.content.level_edit import LevelDraft
from kitchen.content.roundtrip_save import dump_new, save_text
from kitchen.content.source import parse_yaml
from kitchen.paths import shipped_levels


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", shipped_levels(), ids=lambda p: p.stem)
def test_a_shipped_level_opened_and_saved_unchanged_gives_the_same_bytes(path, tmp_path):
    draft = LevelDraft.open(path)
    out = draft.save(tmp_path / path.name)
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", shipped_levels(), ids=lambda p: p.stem)
def test_one_cell_and_one_number_changed_change_only_their_lines(path):
    text = path.read_text(encoding="utf-8")
    data = copy.deepcopy(parse_yaml(text).data)
    rows = data["map"].split("\n")
    first = "#" if rows[0][0] != "#" else "X"
    rows[0] = first + rows[0][1:]
    data["map"] = "\n".join(rows)
    data.setdefault("orders", {})["patience"] = 77
    out = save_text(text, data)
    assert parse_yaml(out).data == data
    lines = changed_lines(text, out)
    assert len([line for line in lines if line.startswith("-")]) <= 2, lines
    assert any(rows[0] in line for line in lines)
    assert any("77" in line for line in lines)
    load_level_text(out)  # still a valid level


def test_comments_flow_style_and_hand_wrapping_stay_where_nothing_changed():
    text = """\
# a designer's note at the top
version: 1
name: wrap   # the id
map: |
  XXPXX
  O 1 S
  XDXXX
recipes: [onion_soup]
kitchen:
  burn_seconds: null   # nothing burns
  chop_seconds: 2
disruptions:
  - {kind: breakdown, target: stove, at: 30, label: Stove fails,
     note: wrapped by hand}   # keep this
  # the surge comes later
  - {kind: surge, count: 3, at: 90}
"""
    data = copy.deepcopy(parse_yaml(text).data)
    data["disruptions"][1]["at"] = 100
    data["kitchen"]["chop_seconds"] = 3
    out = save_text(text, data)
    assert parse_yaml(out).data == data
    assert sorted(changed_lines(text, out)) == [
        "+  - {kind: surge, count: 3, at: 100}",
        "+  chop_seconds: 3",
        "-  - {kind: surge, count: 3, at: 90}",
        "-  chop_seconds: 2",
    ]


def test_keys_added_and_removed_keep_the_rest_in_order():
    text = "name: a\nmap: |\n  XSX\n  O1D\n  XPX\nrecipes: [onion_soup]  # menu\n"
    data = copy.deepcopy(parse_yaml(text).data)
    data["round"] = {"seconds": 240}
    out = save_text(text, data)
    assert out == text + "round: {seconds: 240}\n"
    del data["round"]
    data["recipes"].append("tomato_soup")
    out = save_text(text, data)
    # ruamel keeps the comment on a changed line (a space before it may move)
    assert out.splitlines()[-1].replace("  #", " #") == "recipes: [onion_soup, tomato_soup] # menu"


def test_a_disruption_taken_from_the_middle_leaves_the_others_as_written():
    text = "disruptions:\n  - {kind: surge, at: 1}\n  - {kind: surge,\n     at: 2}\n  - {kind: surge, at: 3}\n"
    data = copy.deepcopy(parse_yaml(text).data)
    del data["disruptions"][0]
    assert (
        save_text(text, data)
        == "disruptions:\n  - {kind: surge,\n     at: 2}\n  - {kind: surge, at: 3}\n"
    )


def test_a_new_level_is_written_in_the_shipped_style():
    text = dump_new({"name": "x", "map": "XSX\nO1D\nXPX\n", "recipes": ["onion_soup"]})
    assert text == "name: x\nmap: |\n  XSX\n  O1D\n  XPX\nrecipes: [onion_soup]\n"
