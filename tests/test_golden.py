"""Golden logs: a change to the rules, a shipped level or the metrics shows itself here.

The determinism tests compare two runs of the same build, so they cannot see a rule change.
These compare today's build with a recorded round of every shipped level (see
``tests/golden_logs.py``). When a change is intended, run ``python tools/regen_golden.py``
and review the diff.
"""

from __future__ import annotations

import pytest
from golden_logs import all_levels, current_metrics, first_difference, golden_metrics, read, replay

LEVELS = all_levels()
REGEN = "if the change is intended, run `python tools/regen_golden.py` and review the diff"


@pytest.mark.parametrize("level_file", LEVELS, ids=[p.stem for p in LEVELS])
def test_the_rules_give_the_golden_events(level_file):
    _, _, golden = read(level_file)
    assert len(golden) > 100  # a real round, not an empty file
    difference = first_difference(golden, replay(level_file))
    assert difference is None, f"{level_file.name}: {difference}\n{REGEN}"


@pytest.mark.parametrize("level_file", LEVELS, ids=[p.stem for p in LEVELS])
def test_the_debrief_gives_the_golden_metrics(level_file):
    assert current_metrics(level_file) == golden_metrics(level_file), REGEN


def test_a_difference_is_reported_at_its_first_tick_and_event():
    golden = [{"tick": 1, "type": "a"}, {"tick": 5, "type": "order_served", "points": 20}]
    now = [{"tick": 1, "type": "a"}, {"tick": 5, "type": "order_served", "points": 25}]
    assert first_difference(golden, now) == (
        "event 1 (tick 5) differs:\n"
        '  golden: {"points": 20, "tick": 5, "type": "order_served"}\n'
        '  now:    {"points": 25, "tick": 5, "type": "order_served"}'
    )
    assert first_difference(golden, golden[:1]).startswith(
        "the golden log has more events (2 golden, 1 now); the first extra is at tick 5"
    )
    assert first_difference(golden, golden) is None
