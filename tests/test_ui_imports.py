"""No module of the front end imports one that imports it back.

The graph is built from the source with :mod:`ast`, so it sees every import: at the top of a
module, inside a function, and under ``if TYPE_CHECKING:`` (a type-only import still ties the
two modules together). ``input/`` and ``render/`` have no ``__init__.py``, which is why the
files are walked here rather than asking grimp (it skips namespace packages).
"""

from __future__ import annotations

import ast
from pathlib import Path

import kitchen

SRC = Path(kitchen.__file__).parent.parent
PACKAGE = "kitchen.ui"


def module_files(package: str = PACKAGE) -> dict[str, Path]:
    """Every module of ``package`` (packages by their own name), with its file."""
    folder = SRC / package.replace(".", "/")
    out = {}
    for path in sorted(folder.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, known: set[str]) -> str | None:
    """The known module ``name`` is (or lies in): ``a.b.Thing`` is module ``a.b``."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``module`` imports, wherever in the file it does."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                if not is_package:
                    anchor.pop()
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name, known)
            if target is not None and target != module:
                found.add(target)
    return found


def import_graph(package: str = PACKAGE) -> dict[str, set[str]]:
    """Module to the modules of the same package it imports."""
    files = module_files(package)
    known = set(files)
    return {module: imports_of(module, path, known) for module, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or ``None`` when there is none."""
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def test_the_front_end_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 20, sorted(graph)  # the walk found the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle in kitchen.ui: " + " -> ".join(cycle or [])


def test_the_checker_sees_every_kind_of_import(tmp_path):
    """A cycle through a function-level import or a TYPE_CHECKING import is found."""
    known = {"p", "p.a", "p.b", "p.c"}
    a = tmp_path / "a.py"
    a.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p.b import B\n")
    b = tmp_path / "b.py"
    b.write_text("def f():\n    from .c import thing\n")
    c = tmp_path / "c.py"
    c.write_text("import p.a\n")
    graph = {
        name: imports_of(name, tmp_path / f"{name[2:]}.py", known) for name in ("p.a", "p.b", "p.c")
    }
    assert graph == {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}}
    assert find_cycle(graph) == ["p.a", "p.b", "p.c", "p.a"]
    assert find_cycle({"p.a": {"p.b"}, "p.b": set()}) is None
