"""The event vocabulary is documented, serialisable and closed as documented."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from kitchen.content import load_level
from kitchen.events import EVENTS_VERSION, event_from_dict, event_types

DOC = Path(__file__).resolve().parent.parent / "docs" / "events.md"


def test_every_event_type_and_field_is_documented():
    text = DOC.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.M)
    documented = {s.split("\n", 1)[0].strip("` "): s for s in sections[1:] if s.startswith("`")}
    assert set(documented) == set(event_types())
    shared = {"tick", "player", "tile", "item", "item_id"}
    for name, cls in event_types().items():
        for field in dataclasses.fields(cls):
            if field.name in shared and field.name not in ("player",):
                continue
            assert f"`{field.name}`" in documented[name], f"{name}.{field.name} is undocumented"
    assert f"EVENTS_VERSION = {EVENTS_VERSION}" in text


def test_unknown_event_types_and_fields_are_refused():
    with pytest.raises(ValueError, match="unknown event type"):
        event_from_dict({"type": "teleported", "tick": 1})
    with pytest.raises(ValueError, match="unknown fields"):
        event_from_dict(
            {
                "type": "order_expired",
                "tick": 1,
                "order_id": 1,
                "recipe": "x",
                "penalty": 1,
                "mood": 2,
            }
        )


def test_every_blocked_chef_is_unblocked_before_the_round_ends():
    from conftest import SHIPPED

    from kitchen.sim import Command, Round

    spec = load_level(SHIPPED[0]).spec
    rnd = Round(spec, seed=0)
    # Walk the two chefs into each other until the clock runs out.
    events = rnd.run({1: Command(move=(1, 0)), 2: Command(move=(-1, 0))} for _ in range(10**6))
    opened = sum(e.type == "chef_blocked" for e in events)
    closed = sum(e.type == "chef_unblocked" for e in events)
    assert opened >= 1
    assert opened == closed
    assert events[-1].type == "round_ended"
    assert json.loads(json.dumps(events[-1].to_dict()))["type"] == "round_ended"
