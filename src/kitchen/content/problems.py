"""Problems found in a file people wrote, positioned as ``file:line:col``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file.

    Attributes:
        file: the file's name as given by the user.
        line: 1-based line, or 0 when the problem is with the file as a whole.
        col: 1-based column, or 0 likewise.
        message: what is wrong and, where possible, how to fix it.
        path: the key path, e.g. ``recipes[1].cook``, or ``""``.
    """

    file: str
    line: int
    col: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        at = f"{self.path}: " if self.path else ""
        return f"{where}: {at}{self.message}"


class SourceError(Exception):
    """A file could not be used; carries every :class:`Problem` found."""

    def __init__(self, *problems: Problem) -> None:
        self.problems: tuple[Problem, ...] = problems
        super().__init__("\n".join(str(p) for p in problems))
