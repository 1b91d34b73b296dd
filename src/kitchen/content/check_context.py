"""Collecting positioned problems while checking a level as a whole."""

from __future__ import annotations

from kitchen.content.level_model import LevelDef
from kitchen.content.problems import Problem
from kitchen.content.source import KeyPath, SourceDoc, format_path


class CheckContext:
    """The level being checked, where it came from, and the problems found so far."""

    def __init__(self, level: LevelDef, doc: SourceDoc | None, name: str) -> None:
        self.level = level
        self.doc = doc
        self.name = name
        self.problems: list[Problem] = []

    def add(self, path: KeyPath, message: str) -> None:
        """Record a problem at the key path ``path``."""
        if self.doc is not None:
            self.problems.append(self.doc.problem(path, message))
        else:
            self.problems.append(Problem(self.name, 0, 0, message, format_path(path)))
