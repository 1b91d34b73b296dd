"""Problems found in a file people wrote, positioned as ``file:line:col``."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MESSAGE = 300
"""Most characters of a problem's message that are shown (a quoted value may be huge)."""
MAX_PATH = 120
"""Most characters of a problem's key path that are shown."""
MAX_LINE = 1000
"""Most characters of a whole problem line (the file name is the user's own)."""

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def printable(text: str, limit: int) -> str:
    """``text`` on one line, with invisible characters (control characters, line breaks, a
    byte-order mark) written as ``\\uXXXX``, cut to ``limit`` characters with ``...``."""
    text = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
        # Whatever a damaged file held ends up quoted in messages: keep each problem on one
        # line of printable text, of a length a person can read.
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        at = f"{printable(self.path, MAX_PATH)}: " if self.path else ""
        return printable(f"{where}: {at}{printable(self.message, MAX_MESSAGE)}", MAX_LINE)


class SourceError(Exception):
    """A file could not be used; carries every :class:`Problem` found."""

    def __init__(self, *problems: Problem) -> None:
        self.problems: tuple[Problem, ...] = problems
        super().__init__("\n".join(str(p) for p in problems))
