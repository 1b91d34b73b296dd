"""The level editor's model (no window): painting, zones and roles, fields, undo and redo,
live checks in kitchen validate's words, and saving that never loses a file."""

from __future__ import annotations

import pytest

from kitchen.content import check_level_file
from kitchen.content.level_edit import TEMPLATE, LevelDraft, palette
from kitchen.paths import WontOverwrite, shipped_levels


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "night.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return LevelDraft.open(path)


def test_the_template_is_a_valid_level_and_the_palette_has_every_kind(draft):
    assert draft.check().ok
    kinds = {t.kind for t in palette(draft.data)}
    assert kinds == {
        "floor",
        "counter",
        "wall",
        "crate",
        "stove",
        "board",
        "plates",
        "serve",
        "bin",
        "sink",
        "dirty_return",
        "start",
    }


def test_painting_and_undo_redo(draft):
    assert draft.cell(0, 1) == "O"
    assert draft.paint([(1, 1), (2, 1)], "X")
    assert draft.rows()[1] == "OXX     S"
    assert draft.changed
    draft.undo()
    assert draft.rows()[1] == "O       S"
    assert not draft.changed
    draft.redo()
    assert draft.rows()[1] == "OXX     S"


def test_a_stroke_is_one_undo_step_and_a_start_moves(draft):
    draft.begin()
    for x in range(2, 6):
        draft.paint([(x, 3)], "C")
    draft.end()
    assert draft.rows()[3] == "T CCCC  D"
    draft.paint([(4, 2)], "1")  # chef 1 moves: the old start becomes floor
    assert draft.rows()[2] == "X   1 2 X"
    draft.undo()
    draft.undo()
    assert draft.rows()[3] == "T       D"
    assert draft.rows()[2] == "X 1   2 X"


def test_problems_are_kitchen_validates_own_and_point_at_cells_and_fields(draft, tmp_path):
    draft.paint([(1, 2)], "X")  # wall in the crate at (0, 2)? no: a counter beside it
    draft.paint([(1, 1), (1, 3), (1, 2)], "X")
    draft.set_value(("round", "seconds"), 5)
    check = draft.check()
    assert not check.ok
    out = tmp_path / "out.yaml"
    out.write_text(draft.text(), encoding="utf-8")
    validate = [str(p).replace(str(out), draft.name) for p in check_level_file(out)]
    assert [str(p) for p in check.problems] == validate
    assert check.cells[(0, 1)] == [
        "no chef can reach this crate of onion: it needs a floor cell beside it that a chef "
        "can walk to"
    ]
    assert (0, 3) in check.cells
    assert check.about("round")
    assert "round.seconds" in check.fields


def test_zones_and_roles(draft):
    prep = draft.add_zone("prep")
    draft.paint_zone([(1, 1), (2, 1), (1, 2), (2, 2), (3, 2)], prep)
    assert draft.rows("zones")[2] == ".aaa....."
    role = draft.add_role()
    draft.toggle_role_player(role, 1)
    draft.toggle_role_zone(role, "prep")
    assert draft.roles()[role] == {"players": [1], "zones": ["prep"]}
    assert draft.check().ok, [str(p) for p in draft.check().problems]
    hot = draft.add_zone("hot")
    draft.paint_zone([(5, 3)], hot)
    draft.paint([(5, 3)], "1")  # chef 1 now starts outside their zone
    assert not draft.check().ok
    draft.undo()
    draft.undo()
    draft.undo()
    draft.rename_zone(prep, "cold")
    assert draft.roles()[role]["zones"] == ["cold"]
    draft.remove_zone(prep)
    assert "zones" not in draft.data
    assert "zones" not in draft.roles()[role]


def test_fields_recipes_and_disruptions(draft):
    draft.nudge(("round", "seconds"), 30, 180, 10, 3600)
    assert draft.value(("round", "seconds")) == 210
    draft.toggle_recipe("tomato_soup")
    assert draft.recipe_names() == ["onion_soup", "tomato_soup"]
    draft.set_recipe_field("onion_soup", "value", 30)
    assert draft.data["recipes"][0] == {"name": "onion_soup", "value": 30}
    draft.add_disruption({"kind": "breakdown", "target": "stove", "at": 40})
    assert draft.check().ok
    draft.remove_disruption(0)
    assert "disruptions" not in draft.data
    assert "round: {seconds: 210}" in draft.text()


def test_resizing_keeps_the_edge(draft):
    draft.resize(11, 6)
    assert draft.size == (11, 6)
    assert draft.rows()[0] == "XXXPXPXXXXX"
    assert draft.rows()[-1] == "XXCXXBXXXXX"
    assert draft.check().ok
    draft.resize(9, 5)
    assert draft.text() == TEMPLATE


def test_saving_never_overwrites_a_shipped_level(tmp_path, monkeypatch):
    monkeypatch.setenv("KITCHEN_DATA_DIR", str(tmp_path))
    shipped = shipped_levels()[0]
    before = shipped.read_bytes()
    draft = LevelDraft.open(shipped)
    draft.paint([(0, 0)], "#")
    with pytest.raises(WontOverwrite, match="shipped level"):
        draft.save()
    assert shipped.read_bytes() == before
    copy = draft.save(draft.copy_path())
    assert copy.parent == tmp_path / "levels"
    assert copy.name == shipped.name
    assert draft.copy_path().name == shipped.stem + "_2.yaml"
    assert not draft.changed


def test_a_new_level_is_named_after_its_file(tmp_path):
    draft = LevelDraft.new(tmp_path / "Ward Kitchen.yaml")
    assert draft.data["name"] == "ward_kitchen"
    assert draft.check().ok
