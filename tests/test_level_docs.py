"""Every YAML example in docs/levels.md works: a complete level loads as it is; a fragment
loads when added to a small kitchen that has every kind of station."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kitchen.content import load_level_text

DOC = Path(__file__).resolve().parent.parent / "docs" / "levels.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)

BASE = {
    "name": "docs_example",
    "map": (
        "XXXXXPXPXXXXX\n"
        "O           S\n"
        "T  1     2  D\n"
        "L           X\n"
        "M  3     4  W\n"
        "N           R\n"
        "XXCXCXXBXXXUX\n"
    ),
    "recipes": ["onion_soup", "tomato_soup", "salad"],
}


@pytest.mark.parametrize("block", BLOCKS, ids=[f"example{i + 1}" for i in range(len(BLOCKS))])
def test_every_example_in_the_level_reference_works(block):
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    level = data if {"name", "map", "recipes"} <= set(data) else {**BASE, **data}
    text = yaml.safe_dump(level, sort_keys=False)
    load_level_text(text, "docs example")


def test_the_reference_has_a_section_for_every_tile_and_disruption():
    from kitchen.content.builtins import TILE_KINDS
    from kitchen.content.disruption_model import DEFAULT_LABELS

    text = DOC.read_text(encoding="utf-8")
    for kind in TILE_KINDS:
        assert f"### {kind}" in text, kind
    for kind in DEFAULT_LABELS:
        assert f"### {kind}" in text, kind
    assert len(BLOCKS) >= 20
