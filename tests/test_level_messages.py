"""Messages a designer understands (issue 9, part 3): every problem in a level file is one
line, ``file:line:col: key.path: message``, and says what to write instead.

Covered here: YAML tags, unclosed quotes, values that need quotes, control characters and
deep nesting (read by ``content/source.py``); a value that fits none of a key's shapes (one
line saying what is accepted, not one per shape); a zone problem once per zone; ids that
break the name pattern (the rule in words and the fixed id); and every limit, which
``docs/levels.md`` must state as the code has it and which gives one clear line when exceeded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kitchen.cli import EXIT_PROBLEMS, main
from kitchen.content import LevelDef, SourceError, load_level_text
from kitchen.content.fields import fix_name, model_limits
from kitchen.content.kitchen_map import MAX_MAP_HEIGHT, MAX_MAP_WIDTH
from kitchen.content.source import MAX_BYTES, MAX_DEPTH, MAX_NODES

DOC = Path(__file__).resolve().parent.parent / "docs" / "levels.md"

M = """\
name: mini
map: |
  XXPXX
  O 1 S
  XDXXX
recipes: [onion_soup]
"""


def R(recipes: str) -> str:
    """The small level with its recipes line replaced."""
    return M.replace("recipes: [onion_soup]", recipes)


def D(disruption: str) -> str:
    """The small level with one disruption."""
    return M + "disruptions:\n  - " + disruption + "\n"


def problems_in(text: str, name: str = "t.yaml") -> list[str]:
    """Every problem in level ``text``, each as ``line:col: path: message``."""
    with pytest.raises(SourceError) as info:
        load_level_text(text, name)
    return [str(p)[len(name) + 1 :] for p in info.value.problems]


def validate(tmp_path: Path, capsys, content: str | bytes) -> str:
    """``kitchen validate`` on a file holding ``content``: exit 1, no traceback, one line."""
    path = tmp_path / "level.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith(f"{path}:")
    return lines[0][len(str(path)) + 1 :]


# --- what the reader says (content/source.py) ------------------------------------------


def test_a_yaml_tag_is_not_allowed(tmp_path, capsys):
    text = 'name: !!python/object/apply:os.system ["x"]\n' + M.split("\n", 1)[1]
    assert validate(tmp_path, capsys, text) == (
        "1:7: YAML tags such as '!!python/object/apply:os.system' are not allowed in these "
        "files; write the value plainly (if '!!python/object/apply:os.system' is meant as "
        "text, put it in quotes)"
    )


def test_an_unclosed_quote_points_where_it_opened(tmp_path, capsys):
    text = M.replace("name: mini\n", 'name: mini\ntitle: "abc\n')
    assert (
        validate(tmp_path, capsys, text) == "2:8: YAML syntax: a quote opened here is never closed"
    )


def test_a_value_starting_with_at_needs_quotes(tmp_path, capsys):
    line = validate(tmp_path, capsys, M + "title: @home\n")
    assert line == (
        "7:8: YAML syntax: a value cannot start with '@'; put it in quotes: title: \"@home\" "
        "(so must one starting with * & ! | > % ` - [ or {)"
    )


@pytest.mark.parametrize(
    ("char", "name"), [("\x00", "NUL (U+0000)"), ("\x1b", "ESC (U+001B)")], ids=["nul", "esc"]
)
def test_control_characters_are_placed_at_their_line_and_column(tmp_path, capsys, char, name):
    text = M + f"title: ab{char}c\n"
    assert validate(tmp_path, capsys, text.encode()) == (
        f"7:10: the file holds {name}, which cannot be in a text file; delete it (it may come "
        "from copying out of another program)"
    )


def test_a_file_of_brackets_is_one_line_about_nesting(tmp_path, capsys):
    line = validate(tmp_path, capsys, "[" * 100_000)
    assert line == f"1:{MAX_DEPTH + 2}: nesting is deeper than {MAX_DEPTH} levels"


# --- a value that fits none of a key's shapes: one line -------------------------------


STATIONS = "stove, board, serve, sink, plates, crate, bin, counter, dirty_return"
TARGET = f"expected a station kind ({STATIONS}), an [x, y] cell or a list of [x, y] cells"


@pytest.mark.parametrize(
    ("disruption", "expected"),
    [
        (
            "{kind: breakdown, target: oven}",
            f"8:31: disruptions[0].target: {TARGET}, got 'oven' (did you mean 'stove'?)",
        ),
        (
            "{kind: breakdown, target: [1, 2, 3]}",
            f"8:31: disruptions[0].target: {TARGET}, got [1, 2, 3]",
        ),
        (
            "{kind: breakdown, target: [[1, 2], x]}",
            f"8:31: disruptions[0].target: {TARGET}, got [[1, 2], 'x']",
        ),
        (
            "{kind: breakdown, target: {x: 1}}",
            f"8:31: disruptions[0].target: {TARGET}, got {{'x': 1}}",
        ),
        (
            "{kind: blackout, viewers: Chef-1}",
            (
                "8:31: disruptions[0].viewers: expected a role name or a list of chef numbers (1-4), "
                "got 'Chef-1'; use lower-case letters, digits and _ only, starting with a letter; e.g. 'chef_1'"
            ),
        ),
        (
            "{kind: blackout, viewers: 7}",
            "8:31: disruptions[0].viewers: expected a role name or a list of chef numbers (1-4), got 7",
        ),
    ],
)
def test_a_bad_union_value_is_one_line_naming_what_is_accepted(disruption, expected):
    assert problems_in(D(disruption)) == [expected]


@pytest.mark.parametrize(
    ("disruption", "expected"),
    [
        (
            "{kind: breakdown, target: [[1, 2], [300, 1]]}",
            "8:41: disruptions[0].target[1][0]: must be at most 200 (got 300)",
        ),
        (
            "{kind: breakdown, target: [0, 250]}",
            "8:35: disruptions[0].target[1]: must be at most 200 (got 250)",
        ),
        (
            "{kind: blackout, viewers: [1, 5]}",
            "8:35: disruptions[0].viewers[1]: must be at most 4 (got 5)",
        ),
    ],
)
def test_a_value_of_one_shape_gets_that_shapes_own_problem(disruption, expected):
    assert problems_in(D(disruption)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            M + "legend:\n  K: 5\n",
            "8:6: legend.K: expected a kind of cell or {kind: ..., ...}, got 5",
        ),
        (
            R("recipes: [onion_soup, 3]"),
            (
                "6:23: recipes[1]: expected a built-in recipe's name or a recipe written out "
                "({name: ..., cook: [...], plate: [...]}), got 3"
            ),
        ),
        (
            D("breakdown"),
            (
                "8:5: disruptions[0]: expected a disruption: a mapping with a kind, e.g. "
                "{kind: breakdown, target: stove}, got 'breakdown'"
            ),
        ),
        (D("{target: stove}"), "8:5: disruptions[0]: missing required key 'kind'"),
        (M + "kitchen: 5\n", "7:10: kitchen: expected a mapping of keys (key: value), got 5"),
        (
            M + "legend:\n  Z: {kind: oven}\n",
            (
                "8:13: legend.Z.kind: 'oven' is not one of: floor, wall, counter, crate, stove, board, "
                "plates, serve, bin, sink, dirty_return, start (did you mean 'stove'?)"
            ),
        ),
        (
            M + "legend:\n  K: crate\n",
            "8:6: legend.K: a crate needs an ingredient: write {kind: crate, ingredient: onion}",
        ),
        (
            M + "legend:\n  K: start\n",
            "8:6: legend.K: a start needs a chef number: write {kind: start, player: 1}",
        ),
    ],
    ids=[
        "legend-number",
        "recipe-number",
        "disruption-text",
        "no-kind",
        "block-number",
        "legend-kind",
        "crate",
        "start",
    ],
)
def test_tagged_unions_and_blocks_of_the_wrong_shape(text, expected):
    assert problems_in(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (M + "version: 2\n", "7:10: version: must be 1 (got 2)"),
        (M + "round: {seconds: long}\n", "7:18: round.seconds: expected a number, got 'long'"),
        (M + "kitchen: {plates: [4]}\n", "7:19: kitchen.plates: expected a whole number, got [4]"),
        (
            M + "title: [draft]\n",
            "7:8: title: expected text, or the text in each language ({en: ..., fr: ...}), got ['draft']",
        ),
        (
            M + "scoring: {stars: 100}\n",
            "7:18: scoring.stars: expected a list of 3 values, got 100",
        ),
        (
            M + "kitchen: {burn_seconds: soon}\n",
            "7:25: kitchen.burn_seconds: expected a number, got 'soon'",
        ),
        (
            M + "kitchen: {dishwashing: maybe}\n",
            "7:24: kitchen.dishwashing: expected true or false, got 'maybe'",
        ),
    ],
    ids=["version", "number", "whole-number", "text", "fixed-list", "optional-number", "bool"],
)
def test_a_value_of_the_wrong_type_says_what_is_expected(text, expected):
    assert problems_in(text) == [expected]


def test_every_union_error_is_one_line_per_location():
    text = M + (
        "disruptions:\n"
        "  - {kind: breakdown, target: oven}\n"
        "  - {kind: breakdown, target: [1, 2, 3]}\n"
        "  - {kind: blackout, viewers: [Chef-1]}\n"
        "legend:\n  K: [1]\n"
    )
    found = problems_in(text)
    assert [p.split(": ")[1] for p in found] == [
        "disruptions[0].target",
        "disruptions[1].target",
        "disruptions[2].viewers",
        "legend.K",
    ]
    assert not any("literal[" in p or "constrained-" in p or "tuple[" in p for p in found)


# --- zones: once per zone -------------------------------------------------------------


def test_an_unknown_zone_letter_is_reported_once_per_letter():
    text = M + "zones:\n  map: |\n    qqq..\n    qq.r.\n    .....\n  names: {a: left}\n"
    assert problems_in(text) == [
        "9:5: zones.map: zone letter 'q' is not in zones.names (it marks 5 cells; this is the first)",
        "10:8: zones.map: zone letter 'r' is not in zones.names",
    ]


def test_a_bad_zone_name_is_not_also_an_unknown_letter():
    text = M + "zones:\n  map: |\n    aaa..\n    aa...\n    .....\n  names: {a: Left-Side}\n"
    assert problems_in(text) == [
        (
            "12:14: zones.names.a: 'Left-Side' is not allowed here: use lower-case letters, digits "
            "and _ only, starting with a letter; e.g. 'left_side'"
        )
    ]


# --- ids that break the pattern -------------------------------------------------------

RULE = "is not allowed here: use lower-case letters, digits and _ only, starting with a letter"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            M.replace("name: mini", "name: open-divider_tl"),
            f"1:7: name: 'open-divider_tl' {RULE}; e.g. 'open_divider_tl'",
        ),
        (
            R("recipes: [{name: Big-Soup, cook: [onion]}]"),
            f"6:18: recipes[0].name: 'Big-Soup' {RULE}; e.g. 'big_soup'",
        ),
        (R("recipes: [Onion Soup]"), f"6:11: recipes[0]: 'Onion Soup' {RULE}; e.g. 'onion_soup'"),
        (
            M + "roles:\n  Head-Chef: {players: [1]}\n",
            f"8:3: roles.Head-Chef: 'Head-Chef' {RULE}; e.g. 'head_chef'",
        ),
        (
            M + "ingredients:\n  '2nd-leek': {}\n",
            f"8:3: ingredients.2nd-leek: '2nd-leek' {RULE}; e.g. 'nd_leek'",
        ),
        (
            M + "orders: {generator: {weights: {Onion-Soup: 3}}}\n",
            f"7:32: orders.generator.weights.Onion-Soup: 'Onion-Soup' {RULE}; e.g. 'onion_soup'",
        ),
        (
            R("recipes: [{name: soup, cook: [Onion-Chopped]}]"),
            (
                "6:31: recipes[0].cook[0]: 'Onion-Chopped' is not allowed here: write an ingredient name "
                "(lower-case letters, digits and _, starting with a letter), with ':chopped' after it "
                "for a chopped one; e.g. 'onion_chopped'"
            ),
        ),
        (
            D("{kind: shortage, ingredient: Crème-Fraîche}"),
            f"8:34: disruptions[0].ingredient: 'Crème-Fraîche' {RULE}; e.g. 'creme_fraiche'",
        ),
        (
            D("{kind: redeployment, mode: move, zone: '!!'}"),
            f"8:44: disruptions[0].zone: '!!' {RULE}",
        ),
    ],
)
def test_an_id_that_breaks_the_pattern_is_explained_with_a_fix(text, expected):
    assert problems_in(text) == [expected]


def test_a_lesson_id_that_breaks_the_pattern_is_explained_with_a_fix():
    from kitchen.debrief.lessons import load_pack_text

    pack = (
        "name: pack\ntitle: P\nsources: {s1: {cite: somebody 2020}}\nlessons:\n"
        "  - id: Closed-Loop\n    title: T\n    topic: x\n"
        "    when: [{metric: service.expired, above: 1}]\n"
        "    showed: s\n    why: w\n    questions: [q]\n    sources: [s1]\n"
    )
    with pytest.raises(SourceError) as info:
        load_pack_text(pack, "p.yaml")
    assert [str(p) for p in info.value.problems] == [
        f"p.yaml:5:9: lessons[0].id: 'Closed-Loop' {RULE}; e.g. 'closed_loop'"
    ]


@pytest.mark.parametrize(
    ("given", "fixed"),
    [
        ("open-divider_tl", "open_divider_tl"),
        ("Big Soup!", "big_soup"),
        ("__x__", "x"),
        ("3rd_shift", "rd_shift"),
        ("Café", "cafe"),
        ("a" * 50, "a" * 40),
        ("123", ""),
        ("---", ""),
    ],
)
def test_fix_name(given, fixed):
    assert fix_name(given) == fixed


# --- limits: documented as in the code, and each one a clear line ---------------------


def documented_limits() -> dict[str, str]:
    """The rows of the Limits table of docs/levels.md: each key (a backquoted key path, or
    the row's label) -> the limit as written."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        cells = (
            [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        )
        if len(cells) != 2 or cells[0] in ("key", "---"):
            continue
        keys = re.findall(r"`([^`]+)`", cells[0]) or [cells[0]]
        for key in keys:
            assert key not in rows, f"{key} is in two rows"
            rows[key] = cells[1]
    return rows


def code_limits() -> dict[str, str]:
    """Every limit, read from the level model's constraints and the reader's constants."""
    return {
        "file size": f"at most {MAX_BYTES:,} bytes",
        "nesting": f"at most {MAX_DEPTH} levels",
        "expanded values": f"at most {MAX_NODES:,}",
        "map width": f"at most {MAX_MAP_WIDTH} tiles",
        "map height": f"at most {MAX_MAP_HEIGHT} tiles",
        **model_limits(LevelDef),
    }


def test_every_limit_in_the_code_is_in_the_docs_with_the_same_number():
    documented, code = documented_limits(), code_limits()
    assert sorted(set(code) - set(documented)) == [], "limits missing from docs/levels.md"
    assert sorted(set(documented) - set(code)) == [], "docs/levels.md lists limits the code lacks"
    for key, limit in code.items():
        stated = documented[key]
        assert stated == limit or stated.startswith((limit + " (", limit + ";")), (
            key,
            stated,
            limit,
        )


def test_the_limits_read_from_the_code_include_the_ones_the_issue_names():
    code = code_limits()
    assert code["recipes"] == "1 to 20 items"
    assert code["orders.generator.max_active"] == "1 to 12"
    assert code["disruptions[].count"] == "1 to 12"
    assert code["title"] == "at most 60 characters"
    assert code["name"] == "at most 40 characters"
    assert code["disruptions[].target[]"] == "0 to 200"


def big_map(width: int, height: int) -> str:
    rows = ["XXPX" + "X" * (width - 4), "O1 S" + " " * (width - 4)]
    rows += ["X" + " " * (width - 2) + "X"] * (height - 3) + ["XDXX" + "X" * (width - 4)]
    return "name: mini\nmap: |\n" + "".join(f"  {r}\n" for r in rows) + "recipes: [onion_soup]\n"


READER_CASES = {
    "file size": (
        "#" * (MAX_BYTES + 1),
        f"1:1: file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}",
    ),
    "nesting": (
        "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2),
        f"1:{MAX_DEPTH + 2}: nesting is deeper than {MAX_DEPTH} levels",
    ),
    "expanded values": (
        "a: &a ["
        + ",".join(["x"] * 50)
        + "]\n"
        + "b: &b ["
        + ",".join(["*a"] * 50)
        + "]\n"
        + "c: ["
        + ",".join(["*b"] * 50)
        + "]\n",
        (
            f"1:104: the document expands to more than {MAX_NODES:,} values; is it an alias bomb "
            "(anchors used inside anchors)?"
        ),
    ),
    "map width": (
        big_map(MAX_MAP_WIDTH + 1, 5),
        (
            f"3:{MAX_MAP_WIDTH + 3}: map: the map is {MAX_MAP_WIDTH + 1} tiles wide; the most that "
            f"can be read on a 1080p screen is {MAX_MAP_WIDTH}"
        ),
    ),
    "map height": (
        big_map(5, MAX_MAP_HEIGHT + 1),
        (
            f"{MAX_MAP_HEIGHT + 3}:3: map: the map is {MAX_MAP_HEIGHT + 1} tiles tall; the most that "
            f"can be read on a 1080p screen is {MAX_MAP_HEIGHT}"
        ),
    ),
}

STEP = "  steps:\n    - {say: Pick up an onion, goal: pick_up, item: onion}\n"


MODEL_CASES = {
    "map": (
        'name: mini\nmap: "' + "X" * 4001 + '"\nrecipes: [onion_soup]\n',
        "2:6: map: is 4001 characters long; at most 4000 allowed",
    ),
    "name": (
        M.replace("name: mini", "name: " + "a" * 41),
        "1:7: name: is 41 characters long; at most 40 allowed",
    ),
    "title": (
        M + "title: " + "t" * 61 + "\n",
        "7:8: title: is 61 characters long; at most 60 allowed",
    ),
    "description": (
        M + "description: " + "d" * 2001 + "\n",
        "7:14: description: is 2001 characters long; at most 2000 allowed",
    ),
    "title.*": (
        M + "title: {en: Soup, fr: " + "t" * 61 + "}\n",
        "7:23: title.fr: is 61 characters long; at most 60 allowed",
    ),
    "description.*": (
        M + "description:\n  en: Soup\n  fr: " + "d" * 2001 + "\n",
        "9:7: description.fr: is 2001 characters long; at most 2000 allowed",
    ),
    "facilitator_notes.*": (
        M + "facilitator_notes:\n  en: Soup\n  fr: " + "f" * 4001 + "\n",
        "9:7: facilitator_notes.fr: is 4001 characters long; at most 4000 allowed",
    ),
    "facilitator_notes": (
        M + "facilitator_notes: " + "f" * 4001 + "\n",
        "7:20: facilitator_notes: is 4001 characters long; at most 4000 allowed",
    ),
    "ingredients.*.title": (
        M + "ingredients:\n  leek: {title: " + "l" * 41 + "}\n",
        "8:17: ingredients.leek.title: is 41 characters long; at most 40 allowed",
    ),
    "recipes[].title": (
        R("recipes: [{name: soup, title: " + "s" * 41 + ", cook: [onion]}]"),
        "6:31: recipes[0].title: is 41 characters long; at most 40 allowed",
    ),
    "disruptions[].label": (
        D("{kind: power_cut, label: " + "p" * 41 + "}"),
        "8:30: disruptions[0].label: is 41 characters long; at most 40 allowed",
    ),
    "disruptions[].label.*": (
        D("{kind: power_cut, label: {en: " + "p" * 41 + "}}"),
        "8:35: disruptions[0].label.en: is 41 characters long; at most 40 allowed",
    ),
    "disruptions[].note": (
        D("{kind: power_cut, note: " + "n" * 301 + "}"),
        "8:29: disruptions[0].note: is 301 characters long; at most 300 allowed",
    ),
    "recipes": (
        R("recipes: [" + ", ".join(["onion_soup"] * 21) + "]"),
        "6:10: recipes: has 21 items; at most 20 allowed",
    ),
    "recipes[].cook": (
        R("recipes: [{name: soup, cook: [" + ", ".join(["onion"] * 7) + "]}]"),
        "6:30: recipes[0].cook: has 7 items; at most 6 allowed",
    ),
    "recipes[].plate": (
        R("recipes: [{name: soup, cook: [onion], plate: [" + ", ".join(["onion"] * 7) + "]}]"),
        "6:46: recipes[0].plate: has 7 items; at most 6 allowed",
    ),
    "recipes[].value": (
        R("recipes: [{name: onion_soup, value: 1001}]"),
        "6:37: recipes[0].value: must be at most 1000 (got 1001)",
    ),
    "round.seconds": (
        M + "round: {seconds: 3601}\n",
        "7:18: round.seconds: must be at most 3600 (got 3601)",
    ),
    "orders.schedule": (
        M + "orders:\n  schedule:\n" + "    - {at: 1, recipe: onion_soup}\n" * 501,
        "9:5: orders.schedule: has 501 items; at most 500 allowed",
    ),
    "orders.generator.max_active": (
        M + "orders: {generator: {max_active: 13}}\n",
        "7:34: orders.generator.max_active: must be at most 12 (got 13)",
    ),
    "orders.generator.weights.*": (
        M + "orders: {generator: {weights: {onion_soup: 101}}}\n",
        "7:44: orders.generator.weights.onion_soup: must be at most 100 (got 101)",
    ),
    "orders.schedule[].at": (
        M + "orders: {schedule: [{at: 3601, recipe: onion_soup}]}\n",
        "7:26: orders.schedule[0].at: must be at most 3600 (got 3601)",
    ),
    "orders.generator.start": (
        M + "orders: {generator: {start: 3601}}\n",
        "7:29: orders.generator.start: must be at most 3600 (got 3601)",
    ),
    "kitchen.burn_warning_seconds": (
        M + "kitchen: {burn_warning_seconds: 3601}\n",
        "7:33: kitchen.burn_warning_seconds: must be at most 3600 (got 3601)",
    ),
    "kitchen.dirty_plate_seconds": (
        M + "kitchen: {dirty_plate_seconds: 3601}\n",
        "7:32: kitchen.dirty_plate_seconds: must be at most 3600 (got 3601)",
    ),
    "disruptions[].at": (
        D("{kind: power_cut, at: 3601}"),
        "8:27: disruptions[0].at: must be at most 3600 (got 3601)",
    ),
    "recipes[].cook_seconds": (
        R("recipes: [{name: onion_soup, cook_seconds: 3601}]"),
        "6:44: recipes[0].cook_seconds: must be at most 3600 (got 3601)",
    ),
    "orders.patience": (
        M + "orders: {patience: 3601}\n",
        "7:20: orders.patience: must be at most 3600 (got 3601)",
    ),
    "orders.schedule[].patience": (
        M + "orders: {schedule: [{at: 1, recipe: onion_soup, patience: 3601}]}\n",
        "7:59: orders.schedule[0].patience: must be at most 3600 (got 3601)",
    ),
    "orders.generator.every[]": (
        M + "orders: {generator: {every: [10, 3601]}}\n",
        "7:34: orders.generator.every[1]: must be at most 3600 (got 3601)",
    ),
    "kitchen.chop_seconds": (
        M + "kitchen: {chop_seconds: 3601}\n",
        "7:25: kitchen.chop_seconds: must be at most 3600 (got 3601)",
    ),
    "kitchen.wash_seconds": (
        M + "kitchen: {wash_seconds: 3601}\n",
        "7:25: kitchen.wash_seconds: must be at most 3600 (got 3601)",
    ),
    "kitchen.burn_seconds": (
        M + "kitchen: {burn_seconds: 3601}\n",
        "7:25: kitchen.burn_seconds: must be at most 3600 (got 3601)",
    ),
    "disruptions[].duration": (
        D("{kind: power_cut, duration: 3601}"),
        "8:33: disruptions[0].duration: must be at most 3600 (got 3601)",
    ),
    "disruptions[].repair_seconds": (
        D("{kind: breakdown, target: stove, repair_seconds: 3601}"),
        "8:54: disruptions[0].repair_seconds: must be at most 3600 (got 3601)",
    ),
    "disruptions[].patience": (
        D("{kind: surge, patience: 3601}"),
        "8:29: disruptions[0].patience: must be at most 3600 (got 3601)",
    ),
    "scoring.tip_max": (
        M + "scoring: {tip_max: 1001}\n",
        "7:20: scoring.tip_max: must be at most 1000 (got 1001)",
    ),
    "scoring.expired_penalty": (
        M + "scoring: {expired_penalty: 1001}\n",
        "7:28: scoring.expired_penalty: must be at most 1000 (got 1001)",
    ),
    "scoring.wrong_dish_penalty": (
        M + "scoring: {wrong_dish_penalty: 1001}\n",
        "7:31: scoring.wrong_dish_penalty: must be at most 1000 (got 1001)",
    ),
    "scoring.safety_penalty": (
        M + "scoring: {safety_penalty: 1001}\n",
        "7:27: scoring.safety_penalty: must be at most 1000 (got 1001)",
    ),
    "kitchen.chef_speed": (
        M + "kitchen: {chef_speed: 11}\n",
        "7:23: kitchen.chef_speed: must be at most 10 (got 11)",
    ),
    "kitchen.plates": (
        M + "kitchen: {plates: 21}\n",
        "7:19: kitchen.plates: must be at most 20 (got 21)",
    ),
    "players.min": (
        M + "players: {min: 5}\n",
        "7:16: players.min: must be at most 4 (got 5)",
    ),
    "players.max": (
        M + "players: {max: 5}\n",
        "7:16: players.max: must be at most 4 (got 5)",
    ),
    "legend.*.player": (
        M + "legend:\n  Q: {kind: start, player: 5}\n",
        "8:28: legend.Q.player: must be at most 4 (got 5)",
    ),
    "roles.*.players[]": (
        M + "roles:\n  cook: {players: [5]}\n",
        "8:20: roles.cook.players[0]: must be at most 4 (got 5)",
    ),
    "disruptions[].players[]": (
        D("{kind: redeployment, players: [5]}"),
        "8:36: disruptions[0].players[0]: must be at most 4 (got 5)",
    ),
    "disruptions[].viewers[]": (
        D("{kind: blackout, viewers: [5]}"),
        "8:32: disruptions[0].viewers[0]: must be at most 4 (got 5)",
    ),
    "disruptions": (
        M + "disruptions:\n" + "  - {kind: power_cut}\n" * 101,
        "8:3: disruptions: has 101 items; at most 100 allowed",
    ),
    "disruptions[].chance": (
        D("{kind: power_cut, chance: 1.5}"),
        "8:31: disruptions[0].chance: must be at most 1 (got 1.5)",
    ),
    "disruptions[].count": (
        D("{kind: surge, count: 13}"),
        "8:26: disruptions[0].count: must be at most 12 (got 13)",
    ),
    "disruptions[].cells": (
        D("{kind: layout_change, to: wall, cells: [" + ", ".join(["[1, 1]"] * 41) + "]}"),
        "8:44: disruptions[0].cells: has 41 items; at most 40 allowed",
    ),
    "disruptions[].target[]": (
        D("{kind: breakdown, target: [201, 0]}"),
        "8:32: disruptions[0].target[0]: must be at most 200 (got 201)",
    ),
    "disruptions[].target[][]": (
        D("{kind: breakdown, target: [[2, 0], [0, 201]]}"),
        "8:44: disruptions[0].target[1][1]: must be at most 200 (got 201)",
    ),
    "disruptions[].cells[][]": (
        D("{kind: layout_change, to: wall, cells: [[201, 1]]}"),
        "8:46: disruptions[0].cells[0][0]: must be at most 200 (got 201)",
    ),
    "compare": (
        M
        + "redesign_of: other\ncompare: ["
        + ", ".join(f"coordination.m{i}" for i in range(11))
        + "]\n",
        "8:10: compare: has 11 items; at most 10 allowed",
    ),
    "compare[]": (
        M + "redesign_of: other\ncompare: [" + "a" * 81 + "]\n",
        "8:11: compare[0]: is 81 characters long; at most 80 allowed",
    ),
    "redesign.budget": (
        M + "redesign: {budget: 21}\n",
        "7:20: redesign.budget: must be at most 20 (got 21)",
    ),
    "redesign.allow": (
        M + "redesign: {allow: []}\n",
        "7:19: redesign.allow: has 0 items; at least 1 needed",
    ),
    "tutorial.finish": (
        M + "tutorial:\n" + STEP + "  finish: " + "f" * 91 + "\n",
        "10:11: tutorial.finish: is 91 characters long; at most 90 allowed",
    ),
    "tutorial.finish.*": (
        M + "tutorial:\n" + STEP + "  finish: {en: " + "f" * 91 + "}\n",
        "10:16: tutorial.finish.en: is 91 characters long; at most 90 allowed",
    ),
    "tutorial.finish_seconds": (
        M + "tutorial:\n" + STEP + "  finish_seconds: 0\n",
        "10:19: tutorial.finish_seconds: must be more than 0 (got 0)",
    ),
    "tutorial.steps": (
        M + "tutorial:\n  steps: []\n",
        "8:10: tutorial.steps: has 0 items; at least 1 needed",
    ),
    "tutorial.steps[].at": (
        M
        + "tutorial:\n  steps:\n    - {say: Go, goal: pick_up, item: onion, at: ["
        + ", ".join(["crate"] * 10)
        + "]}\n",
        "9:49: tutorial.steps[0].at: has 10 items; at most 9 allowed",
    ),
    "tutorial.steps[].give_up_after": (
        M + "tutorial:\n  steps:\n    - {say: Go, goal: pick_up, item: onion, give_up_after: 0}\n",
        "9:60: tutorial.steps[0].give_up_after: must be more than 0 (got 0)",
    ),
    "tutorial.steps[].item": (
        M + "tutorial:\n  steps:\n    - {say: Go, goal: pick_up, item: " + "a" * 41 + "}\n",
        "9:38: tutorial.steps[0].item: is 41 characters long; at most 40 allowed",
    ),
    "tutorial.steps[].say": (
        M + "tutorial:\n  steps:\n    - {say: " + "s" * 91 + ", goal: pick_up, item: onion}\n",
        "9:13: tutorial.steps[0].say: is 91 characters long; at most 90 allowed",
    ),
    "tutorial.steps[].say.*": (
        M
        + "tutorial:\n  steps:\n    - {say: {en: "
        + "s" * 91
        + "}, goal: pick_up, item: onion}\n",
        "9:18: tutorial.steps[0].say.en: is 91 characters long; at most 90 allowed",
    ),
}


def test_every_limit_has_a_case_that_exceeds_it():
    assert sorted([*READER_CASES, *MODEL_CASES]) == sorted(code_limits())


@pytest.mark.parametrize("key", sorted(MODEL_CASES))
def test_exceeding_a_limit_is_one_clear_line(key):
    text, expected = MODEL_CASES[key]
    assert problems_in(text) == [expected]


@pytest.mark.parametrize("key", sorted(READER_CASES))
def test_exceeding_a_reader_limit_is_one_line_from_validate(tmp_path, capsys, key):
    text, expected = READER_CASES[key]
    line = validate(tmp_path, capsys, text)
    assert line == expected


def test_the_quoting_advice_lists_every_indicator_character():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Quoting\n", 1)[1].split("\n## ", 1)[0]
    first_cells = [
        re.split(r"(?<!\\)\|", line)[1] for line in section.splitlines() if line.startswith("| `")
    ]
    starts = [re.findall(r"`+ ?(.+?) ?`+", cell) for cell in first_cells]
    listed = {c.replace("\\|", "|") for row in starts for c in row}
    assert set("*&!|>%@`-#:") <= listed, listed


def test_an_escape_past_the_last_unicode_character_is_one_line(tmp_path, capsys):
    # PyYAML's scanner raises a bare ValueError here (found by bench/fuzz_inputs.py).
    line = validate(tmp_path, capsys, M + 'title: "\\U00110000"\n')
    assert line == (
        "7:11: YAML syntax: a \\U escape in quotes names no Unicode character "
        "(the last is \\U0010FFFF)"
    )


def test_a_huge_or_invisible_key_is_quoted_short_and_on_one_line(tmp_path, capsys):
    # Found by bench/fuzz_inputs.py: a very long key was echoed whole, and a key
    # made with a YAML escape printed its control character raw.
    line = validate(tmp_path, capsys, M + "k" * 1000 + ": 1\n")
    assert line.startswith("7:1: unknown key '" + "k" * 57 + "...'")
    assert len(line) < 400
    line = validate(tmp_path, capsys, M + '"bad\\ekey\\nnext": 1\n')
    assert line.startswith("7:1: unknown key 'bad\\u001bkey\\u000anext'")


def test_plural_of_an_expected_form_names_its_head_noun():
    from kitchen.content.fields import _plural

    assert _plural("a mapping of keys (key: value)") == "mappings of keys (key: value)"
    assert _plural("an [x, y] cell") == "[x, y] cells"
    assert _plural("a box") == "boxes"
