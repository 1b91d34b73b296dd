"""No module of the simulation, the computer cooks or the front end imports one that imports
it back (type-only and function-level imports included); a failure names the circle, e.g.
``kitchen.sim.round -> kitchen.sim.stations -> kitchen.sim.round``."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_graph import find_cycle, import_graph

import kitchen

SRC = Path(kitchen.__file__).parent


@pytest.mark.parametrize(("package", "at_least"), [("sim", 20), ("bots", 10), ("ui", 30)])
def test_no_import_cycle(package, at_least):
    graph = import_graph(SRC / package, f"kitchen.{package}")
    assert len(graph) >= at_least, sorted(graph)  # the walk found the package
    cycle = find_cycle(graph)
    assert cycle is None, f"import cycle in kitchen.{package}: " + " -> ".join(cycle or ())


def test_the_graphs_have_the_edges_they_should():
    """So that an empty or half-read graph cannot pass by accident."""
    sim = import_graph(SRC / "sim", "kitchen.sim")
    assert "kitchen.sim.round" in sim["kitchen.sim"]
    assert "kitchen.sim.stations" in sim["kitchen.sim.round"]
    assert "kitchen.sim.kitchen_ports" in sim["kitchen.sim.stations"]
    assert "kitchen.sim.disruption_kinds.breakdown" in sim["kitchen.sim.disruption_kinds"]
    ui = import_graph(SRC / "ui", "kitchen.ui")
    assert "kitchen.ui.routes" in ui["kitchen.ui.app"]
    assert "kitchen.ui.render.kitchen_view" in ui["kitchen.ui.scenes.play"]


def test_the_cycle_finder_names_a_circle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_type_only_function_level_and_relative_imports(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n"
    )
    (pkg / "b.py").write_text("def f():\n    from .sub import c\n")
    (pkg / "sub" / "c.py").write_text("from .. import a\nimport os\nimport pkg.sub.c.thing\n")
    graph = import_graph(pkg, "pkg")
    assert graph == {
        "pkg": set(),
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.sub.c"},
        "pkg.sub.c": {"pkg.a"},
    }
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]
