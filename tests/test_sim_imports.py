"""No import circles inside the simulation.

Every ``import`` in ``kitchen.sim`` counts, wherever it is written: at the top, inside a
function, or under ``if TYPE_CHECKING:`` (a type-only import still ties the two modules
together). A failure names the circle, e.g.
``kitchen.sim.round -> kitchen.sim.stations -> kitchen.sim.round``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kitchen.sim

PACKAGE = "kitchen.sim"
ROOT = Path(kitchen.sim.__file__).parent


def module_name(path: Path, root: Path, package: str) -> str:
    """The dotted name of a source file under ``root``, the folder of ``package``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def import_graph(root: Path = ROOT, package: str = PACKAGE) -> dict[str, set[str]]:
    """Each module of ``package`` and the modules of ``package`` it imports."""
    files = {module_name(p, root, package): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(name, is_package, node.module, node.level)
                for alias in node.names:
                    # ``from pkg import sub`` imports the submodule when there is one.
                    sub = f"{base}.{alias.name}"
                    targets.add(sub if sub in files else base)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def _absolute(name: str, is_package: bool, module: str | None, level: int) -> str:
    if level == 0:
        assert module is not None
        return module
    parts = name.split(".")
    if not is_package:
        parts.pop()
    parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts + ([module] if module else []))


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as ``[a, b, ..., a]``, or ``None`` when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_the_cycle_finder_names_a_circle_and_accepts_a_tree():
    """The finder itself: it reports a circle from its first module back to it."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_imports_under_type_checking_in_functions_and_relative_ones(tmp_path):
    """Type-only, function-level and relative imports are all edges."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n"
    )
    (pkg / "b.py").write_text("def f():\n    from .sub import c\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text("from .. import a\nimport os\n")
    graph = import_graph(pkg, "pkg")
    assert graph == {
        "pkg": set(),
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.sub.c"},
        "pkg.sub": set(),
        "pkg.sub.c": {"pkg.a"},
    }
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]


def test_the_simulation_graph_has_the_edges_it_should():
    """So that an empty graph cannot pass by accident."""
    graph = import_graph()
    assert "kitchen.sim.round" in graph[PACKAGE]
    assert "kitchen.sim.stations" in graph["kitchen.sim.round"]
    assert "kitchen.sim.kitchen_ports" in graph["kitchen.sim.stations"]
    assert "kitchen.sim.disruption_kinds.breakdown" in graph["kitchen.sim.disruption_kinds"]


def test_no_module_in_the_simulation_imports_one_that_imports_it_back():
    """The round, the stations and the disruptions see each other through protocols."""
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle in kitchen.sim: " + " -> ".join(cycle or ())
