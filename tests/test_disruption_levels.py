"""The ``disruptions``, ``zones`` and ``roles`` blocks of level files: valid ones compile
into the simulation's specs; mistakes get positioned messages."""

from __future__ import annotations

import pytest
from conftest import level_from

from kitchen.content import SourceError
from kitchen.sim import Round
from kitchen.sim.actions import TriggerDisruption

BASE = """\
name: disrupted
map: |
  XXXXXPXXX
  O 1 . 2 S
  T   .   D
  L   .   C
  XXXXXXXBX
zones:
  map: |
    .........
    .aaa.bbb.
    .aaa.bbb.
    .aaa.bbb.
    .........
  names: {a: prep, b: pass}
roles:
  prep_cook: {players: [1], zones: [prep], may_serve: false}
  runner: {players: [2], zones: [pass], sees_tickets: false}
recipes: [onion_soup, salad]
round: {seconds: 120}
"""


def load(disruptions: str):
    return level_from(BASE + "disruptions:\n" + disruptions)


def problems(disruptions: str) -> list[str]:
    with pytest.raises(SourceError) as err:
        load(disruptions)
    return [f"{p.line}:{p.col}: {p.path}: {p.message}" for p in err.value.problems]


EVERY_KIND = """\
  - {kind: breakdown, target: stove, at: 10, repair_seconds: 2}
  - {kind: breakdown, target: [8, 3], duration: 20, label: Board cracked}
  - {kind: shortage, ingredient: onion, at: 30, duration: 15, substitute: salad}
  - {kind: surge, count: 4, recipes: [salad], at: 40}
  - {kind: menu_change, add: [salad], remove: [onion_soup], duration: 30}
  - {kind: special_order, recipe: salad, exclude: tomato, patience: 50}
  - {kind: redeployment, players: [2], mode: move, zone: prep, duration: 10}
  - {kind: blackout, viewers: runner, duration: 10}
  - {kind: layout_change, cells: [[4, 2]], to: wall, duration: 5}
  - {kind: power_cut, light: stoves, chance: 0.5, duration: 8}
"""


def test_every_kind_compiles_into_the_simulation():
    spec = load(EVERY_KIND).spec
    kinds = [d.kind for d in spec.disruptions]
    assert kinds == [
        "breakdown",
        "breakdown",
        "shortage",
        "surge",
        "menu_change",
        "special_order",
        "redeployment",
        "blackout",
        "layout_change",
        "power_cut",
    ]
    d = spec.disruptions
    assert (d[0].stations, d[0].at, d[0].repair_ticks, d[0].label) == (
        ((5, 0),),
        600,
        120,
        "Equipment breakdown",
    )
    assert (d[1].stations, d[1].duration, d[1].label) == (((8, 3),), 1200, "Board cracked")
    assert (d[2].ingredient, d[2].recipe) == ("onion", "salad")
    assert (d[3].count, d[3].recipes) == (4, ("salad",))
    assert (d[4].recipes, d[4].remove) == (("salad",), ("onion_soup",))
    assert (d[5].recipe, d[5].ingredient, d[5].patience) == ("salad", "tomato", 3000)
    assert (d[6].players, d[6].mode, d[6].zone) == ((2,), "move", "prep")
    assert d[7].players == (2,), "a role name becomes its chefs"
    assert (d[8].cells, d[8].to) == (((4, 2),), "wall")
    assert (d[9].light, d[9].chance) == ("stoves", 0.5)
    assert spec.zones[(1, 1)] == "prep"
    assert spec.zones[(6, 2)] == "pass"
    assert (4, 2) not in spec.zones
    assert [r.name for r in spec.roles] == ["prep_cook", "runner"]


def test_every_kind_can_be_triggered_by_the_facilitator_in_a_round():
    spec = load(EVERY_KIND).spec
    for index in range(len(spec.disruptions)):
        r = Round(spec, seed=index)
        events = r.step({}, [TriggerDisruption(index)])
        starts = [e for e in events if e.type == "disruption_started"]
        assert len(starts) == 1, spec.disruptions[index].kind
        assert starts[0].source == "facilitator", spec.disruptions[index].kind
        events = r.run()
        assert events[-1].type == "round_ended"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "  - {kind: brekdown, target: stove}\n",
            "disruptions[0].kind: unknown kind 'brekdown' (did you mean 'breakdown'?)",
        ),
        (
            "  - {kind: breakdown, target: sink}\n",
            "disruptions[0].target: there is no sink on the map to break",
        ),
        (
            "  - {kind: breakdown, target: [2, 2]}\n",
            "disruptions[0].target: cell [2, 2] is not a station",
        ),
        (
            "  - {kind: breakdown, target: stove, repiar_seconds: 3}\n",
            "unknown key 'repiar_seconds' (did you mean 'repair_seconds'?)",
        ),
        ("  - {kind: shortage, ingredient: bread}\n", "there is no crate of 'bread' on the map"),
        (
            "  - {kind: shortage, ingredient: onion, substitute: onion_soup}\n",
            "'onion_soup' needs onion too",
        ),
        (
            "  - {kind: surge, recipes: [salsa]}\n",
            "'salsa' is not one of this level's recipes (did you mean 'salad'?)",
        ),
        ("  - {kind: menu_change}\n", "a menu change needs 'add' and/or 'remove'"),
        (
            "  - {kind: special_order, recipe: onion_soup, exclude: onion}\n",
            "onion is cooked into onion_soup",
        ),
        (
            "  - {kind: special_order, recipe: salad, exclude: bread}\n",
            "salad has no bread to leave out",
        ),
        ("  - {kind: redeployment, mode: move}\n", "mode 'move' needs a 'zone'"),
        ("  - {kind: redeployment, players: [3]}\n", "chef 3 has no start on the map"),
        (
            "  - {kind: redeployment, mode: move, zone: pas}\n",
            "unknown zone 'pas' (did you mean 'pass'?)",
        ),
        ("  - {kind: blackout, viewers: runnr}\n", "unknown role 'runnr' (did you mean 'runner'?)"),
        (
            "  - {kind: layout_change, cells: [[20, 1]], to: wall}\n",
            "[20, 1] is outside the 9x5 map",
        ),
        ("  - {kind: power_cut, at: 500}\n", "starts at 500s, after the round ends (120s)"),
        ("  - {kind: power_cut, chance: 2}\n", "must be at most 1 (got 2)"),
    ],
)
def test_disruption_mistakes_are_reported_with_their_position(block, expected):
    found = problems(block)
    assert any(expected in p for p in found), found
    assert all(p.split(":")[0].isdigit() and int(p.split(":")[0]) >= 22 for p in found), found


def test_a_role_must_start_inside_its_zone():
    text = BASE.replace(
        "prep_cook: {players: [1], zones: [prep]", "prep_cook: {players: [1], zones: [pass]"
    )
    with pytest.raises(SourceError) as err:
        level_from(
            text.replace("  runner: {players: [2], zones: [pass], sees_tickets: false}\n", "")
        )
    assert "chef 1 starts in zone 'prep', outside this role's zones" in str(err.value)
