"""The JSON Schema that `kitchen schema` writes accepts every shipped level and rejects
broken ones, so editors can check level files as they are typed."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import SHIPPED

from kitchen.cli import main


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    out = tmp_path_factory.mktemp("schema") / "level.schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_schema_accepts_every_shipped_level(validator, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


MINIMAL = {"name": "ok", "map": "XXPXX\nO1  S\nXXDXX\n", "recipes": ["onion_soup"]}


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"titel": "x"}, "Additional properties"),
        ({"recipes": []}, "should be non-empty"),
        ({"name": "Has Spaces"}, "does not match"),
        ({"round": {"seconds": 5}}, "less than the minimum"),
        ({"scoring": {"stars": [1, 2]}}, "is too short"),
        ({"kitchen": {"chop_secnds": 2}}, "Additional properties"),
        ({"disruptions": [{"kind": "power_cut", "light": "moon"}]}, "is not one of"),
        ({"disruptions": [{"kind": "teleport"}]}, "'breakdown' was expected"),
        (
            {"legend": {"Q": {"kind": "crate", "ingredient": "Bad Name"}}},
            "'Bad Name' does not match",
        ),
    ],
)
def test_the_schema_rejects_broken_levels(validator, change, fragment):
    assert list(validator.iter_errors(MINIMAL)) == []
    errors = list(validator.iter_errors({**MINIMAL, **change}))
    assert any(fragment in message for message in all_messages(errors)), all_messages(errors)


def all_messages(errors) -> list[str]:
    """The messages of ``errors`` and of every error nested in their ``context`` (the
    reasons each branch of a union was rejected)."""
    out = []
    for error in errors:
        out.append(error.message)
        out.extend(all_messages(error.context or ()))
    return out


def test_the_schema_is_printed_for_piping(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Systems Kitchen level"
    assert "map" in schema["required"]
    assert main(["schema", "--lessons"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Systems Kitchen lesson pack"
