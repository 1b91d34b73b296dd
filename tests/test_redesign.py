"""The redesign mode's model: the change list in plain words (worked out from the kitchen
itself, so undo and moving a thing back give the true list), the level's budget and kinds
of change, and the redesigned level's text (valid, named as a redesign, the rest kept)."""

from __future__ import annotations

import pytest

from kitchen.content import load_level_text
from kitchen.content.redesign import (
    PROTOCOL_CALL_HANDOVERS,
    RedesignDraft,
    redesign_name,
    ticket_reader,
)
from kitchen.content.redesign_model import DEFAULT_BUDGET
from kitchen.paths import shipped_levels

BASE = """version: 1
name: ward
title: Ward kitchen
map: |
  XXXPXPXXXX
  O        S
  X  1  2  X
  T        D
  XXCXXCXBXX
recipes: [onion_soup]
zones:
  map: |
    aaaaaabbbb
    aaaaaabbbb
    aaaaaabbbb
    aaaaaabbbb
    aaaaaabbbb
  names: {a: back, b: pass}
roles:
  cook: {players: [1], zones: [back]}
  runner: {players: [2]}
"""


def test_moving_a_crate_onto_a_counter_is_one_change_in_plain_words():
    r = RedesignDraft(BASE, "ward.yaml")
    assert r.rules.budget == DEFAULT_BUDGET
    assert "move" in r.rules.allow
    assert r.move((0, 1), (4, 4))
    assert r.draft.cell(4, 4) == "O"
    assert r.draft.cell(0, 1) == "X"
    assert r.changes() == [("move", "moved the onion crate from (0,1) to (4,4)")]
    assert r.left == DEFAULT_BUDGET - 1
    # moving it back: nothing changed any more; undo gives the same
    assert r.move((4, 4), (0, 1))
    assert r.changes() == []
    r.draft.undo()
    assert len(r.changes()) == 1


def test_counters_starts_zones_roles_and_protocols_are_each_one_change():
    r = RedesignDraft(BASE.replace("name: ward", "name: ward\nredesign: {budget: 9}"), "w")
    assert r.toggle_counter((5, 2))
    assert r.move((3, 2), (1, 1))  # chef 1's start onto the floor
    assert r.draft.paint_zone([(6, 1), (6, 2)], "a")
    r.draft.set_value(("roles", "runner", "may_serve"), False)
    assert r.toggle_protocol(ticket_reader(2))
    words = [w for _, w in r.changes()]
    assert words == [
        "moved chef 1's start from (3,2) to (1,1)",
        "added a pass counter at (5,2)",
        "redrew zone 'back' (2 cells added)",
        "redrew zone 'pass' (2 cells taken out)",
        "role 'runner' (chef 2): may no longer serve",
        "protocol: chef 2 reads every ticket aloud",
    ]
    assert r.used == 6
    assert r.left == 3
    assert r.toggle_counter((5, 2))  # the counter taken away again
    assert "added a pass counter at (5,2)" not in [w for _, w in r.changes()]


def test_the_budget_and_the_allowed_kinds_are_kept():
    text = BASE.replace("name: ward", "name: ward\nredesign: {budget: 1, allow: [move, protocol]}")
    r = RedesignDraft(text, "w")
    assert not r.toggle_counter((5, 2))
    assert "Not allowed" in r.refused
    assert r.draft.cell(5, 2) == " "
    assert not r.draft.redo_stack  # a refused edit cannot be redone
    assert r.move((0, 1), (4, 4))
    assert not r.move((9, 1), (9, 2))
    assert "budget is 1 change" in r.refused
    assert r.draft.cell(9, 1) == "S"
    assert not r.toggle_protocol(PROTOCOL_CALL_HANDOVERS)
    assert r.protocols == []


def test_the_redesigned_text_is_a_valid_level_named_as_a_redesign_and_keeps_the_rest():
    r = RedesignDraft(BASE, "ward.yaml")
    r.move((0, 1), (4, 4))
    text = r.level_text(1)
    level = load_level_text(text, "redesign-01.yaml")
    assert level.definition.name == "ward_r01"
    assert level.definition.redesign_of == "ward"
    assert level.definition.title == "Ward kitchen (redesign 1)"
    assert text.split("recipes:")[1] == BASE.split("recipes:")[1] + "redesign_of: ward\n"
    # a redesign of a redesign names its own parent
    again = RedesignDraft(text, "redesign-01.yaml").level_text(2)
    assert load_level_text(again, "x").definition.redesign_of == "ward_r01"
    assert load_level_text(again, "x").definition.name == "ward_r02"
    assert redesign_name("a" * 40, 3) == "a" * 36 + "_r03"


@pytest.mark.parametrize("path", shipped_levels(), ids=lambda p: p.stem)
def test_every_shipped_level_can_be_redesigned_without_a_change_to_its_text(path):
    r = RedesignDraft(path.read_text(encoding="utf-8"), str(path))
    assert r.changes() == []
    load_level_text(r.level_text(1), "redesign-01.yaml")


def test_a_redesign_block_is_checked_like_every_level_key():
    from kitchen.content import SourceError

    with pytest.raises(SourceError) as err:
        load_level_text(BASE + "redesign: {budget: 0}\n", "w.yaml")
    assert "redesign.budget" in str(err.value.problems[0])
