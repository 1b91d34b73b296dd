"""Level files: valid levels get their documented defaults, and every malformed file is
reported as ``file:line:col: path: message`` problems, all at once, never as a traceback.

The malformed files live in ``tests/data/levels/bad_*.yaml``. Each ends with one
``# expect: LINE:COL: PATH: MESSAGE`` comment per problem it must produce, in the order
they are reported (sorted by position); a reported problem matches when its text after
``file:`` starts with the expected text.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import level_from

from kitchen.content import LevelDef, SourceError, check_level_file, load_level, load_level_text
from kitchen.content.source import MAX_BYTES, MAX_NODES, parse_yaml
from kitchen.sim.spec import StationSpec

DATA = Path(__file__).parent / "data" / "levels"
BAD_FILES = sorted(DATA.glob("bad_*.yaml"))
EXPECT = "# expect: "

MINIMAL = """\
name: mini
map: |
  XXPXX
  O 1 S
  XDXXX
recipes: [onion_soup]
"""


def expectations(path: Path) -> list[str]:
    """The ``# expect:`` lines of a fixture file (read as Latin-1: one is not UTF-8)."""
    text = path.read_bytes().decode("latin-1")
    return [line[len(EXPECT) :] for line in text.splitlines() if line.startswith(EXPECT)]


def problems_in(text: str, name: str = "t.yaml") -> list[str]:
    """Every problem in level ``text``, each as ``line:col: path: message``."""
    with pytest.raises(SourceError) as info:
        load_level_text(text, name)
    return [str(p)[len(name) + 1 :] for p in info.value.problems]


# --- valid levels -------------------------------------------------------------------


def test_minimal_level_gets_documented_defaults():
    level = level_from(MINIMAL)
    d = level.definition
    assert d.version == 1
    assert d.round.seconds == 180
    assert d.orders.patience == 60
    assert d.orders.schedule == []
    assert tuple(d.scoring.stars) == (20, 60, 100)
    s = d.scoring
    assert (s.tip_max, s.expired_penalty, s.wrong_dish_penalty) == (8, 10, 5)
    k = d.kitchen
    assert (k.chop_seconds, k.wash_seconds, k.burn_seconds, k.burn_warning_seconds) == (2, 2, 10, 4)
    assert k.chef_speed == 4.0
    assert k.dishwashing is False
    assert (d.players.min, d.players.max) == (1, None)

    spec = level.spec
    assert (spec.width, spec.height) == (5, 3)
    assert spec.round_ticks == 180 * 60
    assert spec.chop_ticks == 120
    assert spec.wash_ticks == 120
    assert spec.burn_ticks == 600
    assert spec.burn_warning_ticks == 240
    assert spec.chef_speed == 67  # 4 cells a second, in 1/1000 cells per tick at 60 ticks/s
    assert spec.scoring.stars == (20, 60, 100)
    assert spec.schedule == ()
    # With neither schedule nor generator, the default generator covers every recipe.
    gen = spec.generator
    assert gen is not None
    assert (gen.start_tick, gen.min_gap, gen.max_gap, gen.max_active) == (0, 18 * 60, 28 * 60, 4)
    assert gen.patience_ticks == 60 * 60
    assert gen.weights == (("onion_soup", 1),)
    assert spec.starts == {1: (2, 1)}
    assert spec.stations[(0, 1)] == StationSpec("crate", "onion")
    assert spec.stations[(2, 0)].kind == "stove"
    assert level.title == "Mini"


def test_a_schedule_alone_means_no_generator():
    level = level_from(
        MINIMAL + "orders:\n  schedule:\n    - {at: 5, recipe: onion_soup, patience: 30}\n"
    )
    assert level.spec.generator is None
    (order,) = level.spec.schedule
    assert (order.tick, order.recipe, order.patience_ticks) == (300, "onion_soup", 1800)


def test_legend_adds_a_custom_crate_and_overrides_a_default_character():
    level = level_from(
        """\
name: leeks
map: |
  XXPXX
  K 1 S
  XDXXX
legend:
  K: {kind: crate, ingredient: leek}
  X: wall
ingredients:
  leek: {title: Leek, choppable: false}
recipes:
  - name: leek_soup
    cook: [leek, leek]
"""
    )
    spec = level.spec
    assert spec.stations[(0, 1)] == StationSpec("crate", "leek")
    assert spec.ingredients["leek"].title == "Leek"
    assert spec.ingredients["leek"].choppable is False
    # X is now a wall: solid, but no longer a counter station.
    for cell in [(0, 0), (1, 0), (3, 0), (4, 0), (0, 2), (2, 2), (3, 2), (4, 2)]:
        assert cell in spec.solid
        assert cell not in spec.stations
    assert {s.kind for s in spec.stations.values()} == {"crate", "stove", "serve", "plates"}


def test_custom_recipe_and_builtin_with_overridden_value():
    level = level_from(
        MINIMAL.replace(
            "recipes: [onion_soup]\n",
            "recipes:\n"
            "  - name: onion_soup\n"
            "    value: 50\n"
            "  - name: onion_stew\n"
            "    title: Onion stew\n"
            "    cook: [onion, onion]\n"
            "    cook_seconds: 12\n",
        )
    )
    soup = level.spec.recipes["onion_soup"]
    assert soup.value == 50
    assert soup.cook == ("onion", "onion", "onion")  # the rest comes from the built-in
    assert soup.cook_ticks == 12 * 60
    assert soup.title == "Onion soup"
    stew = level.spec.recipes["onion_stew"]
    assert (stew.title, stew.cook, stew.value, stew.cook_ticks) == (
        "Onion stew",
        ("onion", "onion"),
        20,
        12 * 60,
    )


def test_yaml_merge_keys_may_be_overridden():
    level = level_from(
        MINIMAL.replace(
            "recipes: [onion_soup]\n",
            "recipes:\n"
            "  - &soup {name: onion_soup, value: 30}\n"
            "  - {<<: *soup, name: big_onion_soup, cook: [onion, onion, onion], value: 45}\n",
        )
        + "kitchen:\n  <<: [{chop_seconds: 3}, {chop_seconds: 5, wash_seconds: 4}]\n"
    )
    assert level.spec.recipes["big_onion_soup"].value == 45
    assert level.spec.recipes["onion_soup"].value == 30
    # The first mapping listed in a merge wins, as YAML specifies.
    assert (level.definition.kitchen.chop_seconds, level.definition.kitchen.wash_seconds) == (3, 4)


def _merged(text: str):
    from kitchen.content.source import parse_yaml

    return parse_yaml(text).data


def test_merge_own_keys_win_over_merged_ones():
    data = _merged("base: &b {a: 1, b: 2}\nx: {<<: *b, b: 3}\n")
    assert data["x"] == {"a": 1, "b": 3}
    # The own key wins wherever it is written, before or after the merge.
    assert _merged("base: &b {a: 1, b: 2}\nx: {b: 3, <<: *b}\n")["x"] == {"a": 1, "b": 3}


def test_merge_list_earlier_mapping_wins():
    data = _merged("x:\n  <<: [{a: 1}, {a: 2, b: 2}, {a: 3, b: 3, c: 3}]\n")
    assert data["x"] == {"a": 1, "b": 2, "c": 3}


def test_merges_of_merges():
    text = (
        "one: &one {a: 1, b: 1, c: 1}\n"
        "two: &two {<<: *one, b: 2}\n"
        "three: {<<: *two, c: 3}\n"
        "four: {<<: [*two, {a: 4, d: 4}]}\n"
    )
    data = _merged(text)
    assert data["two"] == {"a": 1, "b": 2, "c": 1}
    assert data["three"] == {"a": 1, "b": 2, "c": 3}
    # *two (with what it merged from *one) comes first in the list, so it wins.
    assert data["four"] == {"a": 1, "b": 2, "c": 1, "d": 4}


def test_nested_merges_inside_merged_values():
    text = "inner: &inner {x: 1, y: 1}\nouter: &outer {k: {<<: *inner, y: 2}}\nuse: {<<: *outer}\n"
    assert _merged(text)["use"] == {"k": {"x": 1, "y": 2}}


def test_merged_values_keep_their_positions():
    from kitchen.content.source import parse_yaml

    doc = parse_yaml("base: &b\n  a: 1\nx:\n  <<: *b\n")
    assert doc.data["x"] == {"a": 1}
    assert doc.values[("x", "a")].line == 2


def test_a_merge_of_a_scalar_is_a_problem():
    assert problems_in(MINIMAL + "kitchen:\n  <<: 3\n") == [
        "8:7: bad merge key: '<<' takes a mapping or a list of mappings"
    ]


def test_duplicate_keys_of_the_mapping_itself_are_still_refused():
    assert problems_in(
        MINIMAL + "kitchen:\n  <<: {chop_seconds: 3}\n  wash_seconds: 1\n  wash_seconds: 2\n"
    ) == ["10:3: duplicate key 'wash_seconds' (first at line 9)"]


def test_shipped_levels_are_valid(shipped_level_path):
    assert check_level_file(shipped_level_path) == []
    level = load_level(shipped_level_path)
    assert level.spec.name == level.definition.name


# --- malformed files, each with its expected problems --------------------------------


def test_fixture_files_are_present():
    assert len(BAD_FILES) >= 30
    assert all(expectations(p) for p in BAD_FILES), "every bad file says what it expects"


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_malformed_file_reports_exactly_its_problems(path):
    problems = check_level_file(path)
    got = [str(p) for p in problems]
    want = [f"{path}:{e}" for e in expectations(path)]
    assert len(got) == len(want), "\n".join(got)
    for g, w in zip(got, want, strict=False):
        assert g.startswith(w), f"\n got: {g}\nwant: {w}..."
    assert all(p.file == str(path) and p.line >= 1 and p.col >= 1 for p in problems)


def test_problems_come_sorted_by_position():
    for path in BAD_FILES:
        positions = [(p.line, p.col) for p in check_level_file(path)]
        assert positions == sorted(positions), path.name


def test_several_problems_in_one_file_are_all_reported_at_once():
    problems = check_level_file(DATA / "bad_many_problems.yaml")
    # A map problem (found by the whole-level checks) together with three problems the
    # schema finds: the whole-level checks still run on what is left.
    assert [(p.line, p.col, p.path) for p in problems] == [
        (4, 6, "map"),
        (8, 3, "kitchen"),
        (9, 15, "kitchen.chef_speed"),
        (10, 18, "scoring.stars"),
    ]


def test_problems_behind_other_problems_are_found():
    # A block's own check ('every' in order) runs only once its fields are valid, and an
    # unknown crate ingredient is a whole-level check: neither may hide behind a typo.
    problems = problems_in(
        MINIMAL
        + "orders:\n  generator:\n    every: [30, 10]\n    max_actve: 3\n"
        + "legend:\n  XY: wall\n  K: {kind: crate, ingredient: banana}\n"
    )
    assert problems == [
        "9:12: orders.generator.every: 'every' is [shortest, longest]: the first must not be larger",
        "10:5: orders.generator: unknown key 'max_actve' (did you mean 'max_active'?)",
        "12:3: legend.XY: legend keys are single map characters, got 'XY'",
        "13:32: legend.K.ingredient: unknown ingredient 'banana'; define new ones under "
        "'ingredients'",
    ]


def test_a_removed_bad_key_does_not_cause_follow_on_problems():
    # The cook list is too long; the whole-level checks must not then also complain that
    # the recipe has nothing to cook.
    problems = problems_in(
        MINIMAL.replace("[onion_soup]", "[{name: big, cook: [" + ", ".join(["onion"] * 7) + "]}]")
    )
    assert problems == ["6:29: recipes[0].cook: has 7 items; at most 6 allowed"]


def test_ragged_map_row_message_suggests_dots_for_trailing_floor():
    (problem,) = check_level_file(DATA / "bad_ragged_map.yaml")
    assert "editors often strip trailing spaces: use '.' for floor" in problem.message


def test_unknown_map_character_message_lists_known_characters():
    (problem,) = check_level_file(DATA / "bad_unknown_map_char.yaml")
    assert problem.message.startswith("unknown map character '?'; known: '#.1234BCDLMNOPRSTUWX'")
    assert "add it to 'legend'" in problem.message


def test_map_positions_follow_block_scalar_variants():
    body = "  XXPXX\n  O 1?S\n  XDXXX\n"
    for header in ("|", "|-", "|+", "|2", "|2-", "| # the kitchen"):
        text = f"name: mini\nmap: {header}\n{body}recipes: [onion_soup]\n"
        assert problems_in(text)[0].startswith("4:6: map: unknown map character '?'"), header


def test_quoted_map_problems_point_at_the_map_value():
    text = 'name: mini\nmap: "XXPXX\\nO 1?S\\nXDXXX"\nrecipes: [onion_soup]\n'
    assert problems_in(text)[0].startswith("2:6: map: unknown map character '?'")


def test_zone_map_letters_are_checked_at_their_position():
    text = MINIMAL + (
        "zones:\n  map: |\n    aab..\n    aaq..\n    .....\n  names: {a: left, b: right}\n"
    )
    assert problems_in(text) == ["10:7: zones.map: zone letter 'q' is not in zones.names"]


def test_roles_name_chefs_that_exist_once():
    text = MINIMAL + "roles:\n  cook: {players: [2]}\n  b: {players: [1]}\n  c: {players: [1]}\n"
    assert problems_in(text) == [
        "8:19: roles.cook.players: chef 2 has no start on the map",
        "10:16: roles.c.players: chef 1 is also in role 'b'",
    ]


def test_missing_item_of_a_fixed_length_list():
    problems = problems_in(MINIMAL + "scoring: {stars: [20, 60]}\n")
    assert problems == ["7:18: scoring.stars: missing item 3"]


def test_key_that_yaml_reads_as_true_is_explained():
    assert problems_in(MINIMAL + "yes: 1\n") == [
        "7:1: this key is read as True, not as text; put it in quotes"
    ]


def test_bad_ingredient_name_points_at_the_key():
    problems = problems_in(MINIMAL + "ingredients:\n  Leek: {title: Leek}\n")
    assert problems == [
        "8:3: ingredients.Leek: 'Leek' is not allowed here: use lower-case letters, digits and _ only, "
        "starting with a letter; e.g. 'leek'"
    ]


def test_players_max_above_starts():
    assert problems_in(MINIMAL + "players: {max: 3}\n") == [
        "7:16: players.max: players.max is 3 but the map has 1 chef start"
    ]


def test_pots_of_the_same_soup_must_cook_for_the_same_time():
    text = MINIMAL.replace(
        "[onion_soup]",
        "[onion_soup, {name: quick_soup, cook: [onion, onion, onion], cook_seconds: 5}]",
    )
    assert problems_in(text) == [
        "6:10: recipes: recipes 'onion_soup' and 'quick_soup' cook the same pot for different times"
    ]


# --- files that are not levels at all --------------------------------------------------


def test_alias_bomb_is_refused_quickly_without_memory_error():
    start = time.perf_counter()
    (problem,) = check_level_file(DATA / "bad_alias_bomb.yaml")
    assert time.perf_counter() - start < 2
    assert f"more than {MAX_NODES:,} values" in problem.message
    assert "alias bomb" in problem.message


def test_merge_key_bomb_is_refused_quickly():
    lines = ["recipes:", "  - &a0 {name: x, k: [" + ", ".join(["1"] * 10) + "]}"]
    for n in range(1, 30):
        lines.append(
            f"  - &a{n} {{<<: ["
            + ", ".join([f"*a{n - 1}"] * 3)
            + f"], k{n}: ["
            + ", ".join([f"*a{n - 1}"] * 10)
            + "]}"
        )
    start = time.perf_counter()
    problems = problems_in("name: bomb\n" + "\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2
    assert len(problems) == 1
    assert "is it an alias bomb" in problems[0]


def test_deep_nesting_is_refused():
    problems = problems_in(MINIMAL + "title: " + "[" * 70 + "]" * 70 + "\n")
    assert problems == ["7:72: nesting is deeper than 64 levels"]


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(MINIMAL.encode() + b"#" * MAX_BYTES + b"\n")
    (problem,) = check_level_file(path)
    size = path.stat().st_size
    assert str(problem) == f"{path}:1:1: file is {size:,} bytes; the limit is {MAX_BYTES:,}"


def test_oversized_text_is_refused():
    with pytest.raises(SourceError) as info:
        parse_yaml("a: " + "x" * MAX_BYTES, "big.yaml")
    assert "larger than 1,000,000 bytes" in info.value.problems[0].message


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.yaml"
    path.write_text(content)
    assert [str(p) for p in check_level_file(path)] == [
        f"{path}:1:1: a level file is a mapping of keys (name:, map:, recipes:), not empty"
    ]


def test_scalar_file(tmp_path):
    path = tmp_path / "word.yaml"
    path.write_text("kitchen\n")
    (problem,) = check_level_file(path)
    assert problem.message.endswith("not a str")


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    (problem,) = check_level_file(path)
    assert (problem.line, problem.col, problem.message) == (0, 0, "no such file")
    assert str(problem) == f"{path}: no such file"


def test_directory(tmp_path):
    (problem,) = check_level_file(tmp_path)
    assert (problem.line, problem.message) == (0, "is a folder, not a file")


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert check_level_file(path) == []


def test_non_utf8_position_counts_bytes_on_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: mini\n\xff\n")
    (problem,) = check_level_file(path)
    assert (problem.line, problem.col) == (2, 1)
    assert "byte 0xff" in problem.message


def test_load_level_raises_source_error_with_every_problem():
    with pytest.raises(SourceError) as info:
        load_level(DATA / "bad_legend.yaml")
    assert len(info.value.problems) == 3
    assert str(info.value).count("bad_legend.yaml:") == 3


def test_problem_text_format():
    (problem,) = check_level_file(DATA / "bad_typo_nested_key.yaml")
    assert (problem.line, problem.col, problem.path) == (8, 3, "kitchen")
    assert str(problem) == (
        f"{DATA / 'bad_typo_nested_key.yaml'}:8:3: kitchen: unknown key 'chop_secnds' "
        "(did you mean 'chop_seconds'?)"
    )


def test_unknown_key_without_close_match_lists_allowed_keys():
    (problem,) = problems_in(MINIMAL + "round:\n  length: 90\n")
    assert problem == "8:3: round: unknown key 'length'; allowed here: seconds"


def test_level_model_rejects_unknown_keys_directly():
    with pytest.raises(Exception, match="extra"):
        LevelDef.model_validate({"name": "a", "map": "1", "recipes": ["onion_soup"], "colour": 1})
