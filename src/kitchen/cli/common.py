"""What every ``kitchen`` sub-command shares: the exit codes, finding a level from its
argument, printing problems and choosing the chefs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kitchen.content import Level, SourceError
from kitchen.content.problems import Problem
from kitchen.i18n import _
from kitchen.paths import shipped_levels

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def resolve_level_path(arg: str) -> Path:
    """A level argument is a file path, or the name of a shipped level (``tutorial``,
    ``01_tutorial`` or the level's ``name``).

    Raises:
        SourceError: when it is neither.
    """
    path = Path(arg)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in arg:
        return path
    shipped = shipped_levels()
    for candidate in shipped:
        stem = candidate.stem
        if arg in (stem, stem.split("_", 1)[-1]):
            return candidate
    names = ", ".join(p.stem.split("_", 1)[-1] for p in shipped)
    raise SourceError(
        Problem(
            arg,
            0,
            0,
            _("no such file or shipped level; shipped levels: {names}").format(names=names),
        )
    )


def print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    """Print each problem on its own line of ``out``."""
    for problem in problems:
        print(problem, file=out)


def players_of(level: Level, wanted: int | None) -> list[int]:
    """The chef numbers that play: the first ``wanted`` of the level's starts, or all of them.

    Raises:
        SourceError: when the level has no room for ``wanted`` chefs.
    """
    starts = sorted(level.spec.starts)
    if wanted is None:
        return starts
    if not 1 <= wanted <= len(starts):
        raise SourceError(
            Problem(
                level.source_name,
                0,
                0,
                _("--players must be 1 to {n} for this level").format(n=len(starts)),
            )
        )
    return starts[:wanted]
