"""The optional compiled simulation (kitchen.env.fast_path) gives the very events and state
of the pure-Python reference. The differential tests run only where a build matching the
sources exists (``python tools/compile_fast_path.py``); the rest build nothing."""

from __future__ import annotations

import random
import re

import pytest

pytest.importorskip("gymnasium")
pytest.importorskip("pettingzoo")

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.env import KitchenEnv, fast_path
from kitchen.env.actions import action_table
from kitchen.env.observe import level_ingredients
from kitchen.paths import shipped_levels
from kitchen.sim.actions import TriggerDisruption

COMPILED = fast_path.compiled()
needs_build = pytest.mark.skipif(
    COMPILED is None,
    reason="no compiled simulation matches these sources (python tools/compile_fast_path.py)",
)


def _norm(value: object) -> str:
    text = re.sub(r" at 0x[0-9a-f]+", "", repr(value))
    return text.replace(f"{fast_path.PACKAGE}.sim", "kitchen.sim")


def snapshot(rnd, like) -> tuple:
    """The round's state, reading each station's attributes as the reference ``like`` has
    them (compiled classes keep no ``__dict__``)."""
    stations = [
        (tile, type(s).__name__, [(k, _norm(getattr(s, k))) for k in sorted(vars(like[tile]))])
        for tile, s in sorted(rnd.stations.items())
    ]
    return (
        rnd.tick,
        rnd.score,
        rnd.served,
        rnd.finished,
        [_norm(c) for c in rnd.chefs_in_order],
        stations,
        _norm(rnd.orders.open),
        _norm(rnd.disruptions.active),
    )


@needs_build
@pytest.mark.parametrize("path", shipped_levels(), ids=lambda p: p.stem)
def test_compiled_advance_matches_the_reference(path):
    spec = load_level(path).spec
    table = [command for _, command in action_table(level_ingredients(spec))]
    pure = fast_path.pure()
    for seed in (0, 1, 2):
        rng = random.Random(seed)
        ref, fast = pure.Round(spec, seed=seed), COMPILED.Round(spec, seed=seed)
        # seed 2: computer cooks (reading the reference) choose most commands, so dishes
        # get cooked, plated and served
        team = BotTeam(ref) if seed == 2 else None
        assert [e.to_dict() for e in fast.step()] == [e.to_dict() for e in ref.step()]
        for n in range(90 if team is None else 400):
            if ref.finished:
                break
            if team is not None and rng.random() < 0.8:
                commands = team.commands()
            else:
                commands = {p: rng.choice(table) for p in ref.chefs}
            actions = []
            if spec.disruptions and rng.random() < 0.04:
                actions.append(TriggerDisruption(rng.randrange(len(spec.disruptions))))
            ticks = rng.choice([15, 15, 15, 1, 40] if team is None else [1, 2, 5, 15])
            expected = pure.advance(ref, commands, ticks, actions)
            got = COMPILED.advance(fast, commands, ticks, actions)
            assert [e.to_dict() for e in got] == [e.to_dict() for e in expected]
            if n % 6 == 0 or ref.finished:
                assert snapshot(fast, ref.stations) == snapshot(ref, ref.stations)
        assert snapshot(fast, ref.stations) == snapshot(ref, ref.stations)


@needs_build
def test_the_environment_gives_the_same_episode_either_way():
    pure, fast = KitchenEnv("tutorial", compiled=False), KitchenEnv("tutorial", compiled=True)
    assert fast.sim.compiled
    assert not pure.sim.compiled
    obs_a, _ = pure.reset(seed=4)
    obs_b, _ = fast.reset(seed=4)
    rng = random.Random(4)
    for _ in range(60):
        actions = {a: rng.randrange(len(pure.actions)) for a in pure.agents}
        a, b = pure.step(actions), fast.step(actions)
        for agent in pure.possible_agents:
            assert (obs_a[agent]["grid"] == obs_b[agent]["grid"]).all()
            assert (a[0][agent]["grid"] == b[0][agent]["grid"]).all()
            assert (a[0][agent]["vector"] == b[0][agent]["vector"]).all()
        assert a[1:4] == b[1:4]
        events = [[e.to_dict() for e in i["events"]] for i in (a[4]["chef_1"], b[4]["chef_1"])]
        assert events[0] == events[1]


def test_the_copy_imports_the_reference_for_what_the_game_hands_in():
    text = (
        "from kitchen.sim.spec import UNIT\nfrom kitchen.sim.movement import Chef\n"
        "from kitchen.sim.commands import IDLE\nimport kitchen.events\n"
        "from kitchen.sim import round\nfrom kitchen.simulator import x\n"
    )
    assert fast_path.rewrite(text) == (
        "from kitchen.sim.spec import UNIT\nfrom kitchen_compiled.sim.movement import Chef\n"
        "from kitchen.sim.commands import IDLE\nimport kitchen.events\n"
        "from kitchen_compiled.sim import round\nfrom kitchen.simulator import x\n"
    )


def test_the_reference_runs_when_asked_or_when_nothing_is_built(monkeypatch, tmp_path):
    monkeypatch.setenv(fast_path.PURE_ENV, "1")
    assert fast_path.status() == "disabled"
    assert not fast_path.choose().compiled
    assert not KitchenEnv("tutorial").sim.compiled
    monkeypatch.delenv(fast_path.PURE_ENV)
    monkeypatch.setenv(fast_path.DIR_ENV, str(tmp_path))
    monkeypatch.setattr(fast_path, "_loaded", None)
    assert fast_path.status() == "not built"
    assert fast_path.build_dir().parent == tmp_path
    assert not fast_path.choose().compiled
    with pytest.raises(RuntimeError, match="compile_fast_path"):
        fast_path.choose(True)
    monkeypatch.setattr(fast_path, "_loaded", None)


def test_computer_cooks_and_pictures_keep_the_reference():
    assert not KitchenEnv("tutorial", bots=[2]).sim.compiled
    assert not KitchenEnv("tutorial", render_mode="rgb_array").sim.compiled
    with pytest.raises(ValueError, match="reference"):
        KitchenEnv("tutorial", bots=[2], compiled=True)


def test_the_tool_reports_and_cleans_without_building(monkeypatch, tmp_path, capsys):
    import importlib.util
    from pathlib import Path

    tool = Path(__file__).resolve().parents[1] / "tools" / "compile_fast_path.py"
    spec = importlib.util.spec_from_file_location("compile_fast_path", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setenv(fast_path.DIR_ENV, str(tmp_path / "builds"))
    monkeypatch.delenv(fast_path.PURE_ENV, raising=False)
    assert module.main(["--status"]) == 0
    assert capsys.readouterr().out.startswith("not built: ")
    (tmp_path / "builds" / "x").mkdir(parents=True)
    assert module.main(["--clean"]) == 0
    assert not (tmp_path / "builds").exists()
