"""The lesson bench's cooking profiles (bench/cooking_profiles.py) do what they claim: a few
hundred ticks of a round with a profile's quirk show its behaviour in the events."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from kitchen.bots.habits import chokepoints
from kitchen.bots.navigation import LiveMap
from kitchen.bots.team import BotTeam
from kitchen.content import load_level
from kitchen.events import ChefBlocked, Event, ItemBinned, ItemPutDown, SafetyIncident, ZoneChanged
from kitchen.paths import shipped_levels
from kitchen.sim import Round
from kitchen.sim.spec import TICKS_PER_SECOND

S = TICKS_PER_SECOND
BENCH = Path(__file__).resolve().parent.parent / "bench" / "cooking_profiles.py"


@pytest.fixture(scope="module")
def profiles() -> Any:
    """The bench module, imported from its file."""
    spec = importlib.util.spec_from_file_location("cooking_profiles", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["cooking_profiles"] = module
    spec.loader.exec_module(module)
    return module


def level_of(stem: str) -> Any:
    return load_level(str(next(p for p in shipped_levels() if p.stem == stem)))


class _Rec:
    """Stands in for a RecordedRound: the profiles only read ``.round``."""

    def __init__(self, rnd: Round) -> None:
        self.round = rnd


def play(profiles: Any, name: str, stem: str, ticks: int, seed: int = 101) -> list[Event]:
    level = level_of(stem)
    prof = next(p for p in profiles.COOKING_PROFILES if p.name == name)
    assert prof.applies(level)
    players = sorted(level.spec.starts)
    rnd = Round(level.spec, seed=seed, players=players)
    team = BotTeam(rnd, players)
    pert = prof.start(_Rec(rnd), level, players, seed)
    events: list[Event] = []
    while rnd.tick < ticks and not rnd.finished:
        events += rnd.step(pert.commands(rnd.tick, dict(team.commands())))
    return events


def test_every_profile_names_real_cards_and_applies_somewhere(profiles: Any) -> None:
    from kitchen.debrief.lessons import load_pack_text

    text = (BENCH.parent.parent / "assets" / "lessons" / "default.yaml").read_text()
    try:
        ids = {lesson.id for lesson in load_pack_text(text).lessons}
    except Exception:  # the pack is being edited elsewhere: check the names only
        ids = None
    levels = [load_level(str(p)) for p in shipped_levels()]
    for prof in profiles.COOKING_PROFILES:
        assert prof.cards, prof.name
        if ids is not None:
            assert prof.cards <= ids, prof.name
        assert any(prof.applies(level) for level in levels), prof.name


def test_the_wasteful_chef_bins_fresh_food(profiles: Any) -> None:
    events = play(profiles, "wasteful", "01_tutorial", 60 * S)
    binned = [e for e in events if isinstance(e, ItemBinned)]
    assert len(binned) >= 2
    assert all(e.item.startswith("onion") for e in binned)


def test_the_hoarder_leaves_chopped_onions_on_counters(profiles: Any) -> None:
    events = play(profiles, "hoarding", "02_two_recipes", 50 * S)
    left = [e for e in events if isinstance(e, ItemPutDown) and e.item == "onion:chopped"]
    assert left, "a chopped onion was put down"


def test_a_chef_keeping_to_its_own_area_never_changes_zone(profiles: Any) -> None:
    events = play(profiles, "own_area", "07_redesigned", 30 * S)
    homes = {1: "prep", 3: "prep", 2: "pass", 4: "pass"}
    assert not [e for e in events if isinstance(e, ZoneChanged) and e.zone != homes[e.player]]


def test_the_narrow_passage_is_found_and_blocked(profiles: Any) -> None:
    level = level_of("03_narrow_passage")
    assert chokepoints(LiveMap(Round(level.spec)))
    assert not chokepoints(LiveMap(Round(level_of("07_redesigned").spec)))
    events = play(profiles, "corridor_blocker", "03_narrow_passage", 40 * S)
    assert [e for e in events if isinstance(e, ChefBlocked)]


def test_ignoring_the_allergy_serves_the_allergen(profiles: Any) -> None:
    level = level_of("05_supply_and_safety")
    assert not profiles.COOKING_PROFILES[-1].applies(level_of("01_tutorial"))
    assert any(p.applies(level) for p in profiles.COOKING_PROFILES if p.name == "ignore_allergy")
    events = play(profiles, "ignore_allergy", "05_supply_and_safety", 150 * S)
    assert [e for e in events if isinstance(e, SafetyIncident)]


def test_freezing_after_a_disruption_stops_everyone(profiles: Any) -> None:
    from kitchen.bots.quirks import Freeze
    from kitchen.sim.commands import IDLE, Command

    level = level_of("04_broken_kit")
    rnd = Round(level.spec, seed=101)
    team = BotTeam(rnd)
    freeze = Freeze(rnd, 5 * S)
    sent: list[dict[int, Command]] = []
    while rnd.tick < 42 * S:
        sent.append(freeze.commands(rnd.tick, dict(team.commands())))
        rnd.step(sent[-1])
    assert freeze.starts  # the stove breaking down at 35 s
    start = freeze.starts[0]
    assert all(c == IDLE for t in range(start, start + 5 * S) for c in sent[t].values())
    assert any(c != IDLE for c in sent[start + 5 * S + 5].values())
