"""The import graph of a package, built from its source with :mod:`ast`, and a cycle finder.

Every ``import`` counts wherever it is written: at the top of a module, inside a function,
or under ``if TYPE_CHECKING:`` (a type-only import still ties two modules together).
Folders without ``__init__.py`` are walked too (grimp and import-linter skip them).
"""

from __future__ import annotations

import ast
from pathlib import Path


def module_name(path: Path, root: Path, package: str) -> str:
    """The dotted name of a source file under ``root``, the folder of ``package``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def _resolve(name: str, known: set[str]) -> str | None:
    """The known module ``name`` is or lies in (``a.b.Thing`` is in module ``a.b``)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def _absolute(module: str, is_package: bool, base: str | None, level: int) -> str:
    if level == 0:
        return base or ""
    parts = module.split(".")
    if not is_package:
        parts.pop()
    parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts + ([base] if base else []))


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Each module of ``package`` (in folder ``root``) and the modules of ``package`` it
    imports."""
    files = {module_name(p, root, package): p for p in sorted(root.rglob("*.py"))}
    known = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        targets: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(_resolve(alias.name, known) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(name, is_package, node.module, node.level)
                # ``from pkg import sub`` imports the submodule when there is one.
                targets.update(_resolve(f"{base}.{alias.name}", known) for alias in node.names)
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or ``None`` when there is none."""
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
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
