"""One bounded way to read every file a person gives the game.

Level files, lesson packs, round logs, ``session.json``, settings and command scripts are
all read through :func:`read_text`, which

- refuses anything that is not a regular file (a folder, a named pipe, ``/dev/zero``, a
  device) before reading a byte of it, so nothing hangs or fills the memory;
- reads at most ``limit + 1`` bytes whatever ``stat`` says, and refuses a larger file;
- decodes UTF-8 and says where the first bad byte is.

:func:`check_control_characters` and :func:`check_json_depth` are the checks to run on the
text before a parser sees it (PyYAML and :mod:`json` recurse, so a file of ``[`` ends in a
``RecursionError`` unless the depth is measured first). :func:`parse_json` does both and
turns every JSON error into a positioned :class:`Problem`.

Every failure is a :class:`SourceError` holding one-line problems; nothing else escapes.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from kitchen.content.json_words import json_problem
from kitchen.content.problems import Problem, SourceError
from kitchen.i18n import N_, _, format_number

MAX_JSON_DEPTH = 64
"""Deepest nesting of lists and objects accepted in a JSON record."""

# Characters YAML 1.1 allows in a document (tab, newlines and the printable ranges); the
# same set is what a person can mean in a JSON log or settings file.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_CHARACTER_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: N_("backspace"),
    0x0B: N_("vertical tab"),
    0x0C: N_("form feed"),
    0x1B: "ESC",
    0x7F: "DEL",
    0xFEFF: N_("byte-order mark"),
    0xFFFE: N_("non-character U+FFFE"),
}


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("is a named pipe, not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("is a device, not a file")
    if stat.S_ISSOCK(mode):
        return _("is a socket, not a file")
    return _("is not a regular file")


def read_bytes(path: str | Path, *, limit: int, name: str | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises:
        SourceError: the file is missing, not a regular file, unreadable or too large.
    """
    shown = name or str(path)
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise SourceError(Problem(shown, 0, 0, _("no such file"))) from None
    except OSError as err:
        raise SourceError(
            Problem(shown, 0, 0, _("cannot read: {why}").format(why=err.strerror or err))
        ) from None
    if not stat.S_ISREG(before.st_mode):
        raise SourceError(Problem(shown, 0, 0, _kind_of(before.st_mode)))
    if before.st_size > limit:
        raise SourceError(
            Problem(
                shown,
                1,
                1,
                _("file is {size} bytes; the limit is {limit}").format(
                    size=format_number(before.st_size), limit=format_number(limit)
                ),
            )
        )
    try:
        # O_NONBLOCK: if the path was swapped for a pipe after the check, opening it must
        # not wait for a writer; the check is repeated on what was really opened.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise SourceError(
            Problem(shown, 0, 0, _("cannot read: {why}").format(why=err.strerror or err))
        ) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise SourceError(Problem(shown, 0, 0, _kind_of(opened.st_mode)))
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as err:
        raise SourceError(
            Problem(shown, 0, 0, _("cannot read: {why}").format(why=err.strerror or err))
        ) from None
    finally:
        os.close(fd)
    if got > limit:
        raise SourceError(
            Problem(
                shown,
                1,
                1,
                _("file is larger than the limit of {limit} bytes").format(
                    limit=format_number(limit)
                ),
            )
        )
    return b"".join(chunks)


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode ``raw`` as UTF-8 (a byte-order mark is allowed), or say where it fails."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            Problem(
                name,
                line,
                col,
                _(
                    "the file is not UTF-8 text (byte 0x{byte:02x}); save it as "
                    "UTF-8 in your editor"
                ).format(byte=raw[err.start]),
            )
        ) from None


def read_text(path: str | Path, *, limit: int, name: str | None = None) -> str:
    """The UTF-8 text of the regular file at ``path`` (see :func:`read_bytes`).

    Raises:
        SourceError: as :func:`read_bytes`, or the file is not UTF-8.
    """
    shown = name or str(path)
    return decode_utf8(read_bytes(path, limit=limit, name=shown), shown)


def position_of(text: str, index: int, *, first_line: int = 1) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``."""
    line = text.count("\n", 0, index) + first_line
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def describe_character(char: str) -> str:
    """``"\\x00"`` -> ``NUL (U+0000)``."""
    code = ord(char)
    label = _(_CHARACTER_NAMES.get(code, N_("a control character")))
    return f"{label} (U+{code:04X})"


def check_control_characters(text: str, name: str, *, first_line: int = 1) -> None:
    """Refuse text holding a control character (NUL, ESC, ...), with its position.

    Tabs, line ends and every printable character are allowed.

    Raises:
        SourceError: naming the first such character and where it stands.
    """
    found = _NOT_PRINTABLE.search(text)
    if found is None:
        return
    line, col = position_of(text, found.start(), first_line=first_line)
    raise SourceError(
        Problem(
            name,
            line,
            col,
            _(
                "the file holds {character}, which cannot be in a text file; "
                "delete it (it may come from copying out of another program)"
            ).format(character=describe_character(found.group())),
        )
    )


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str, *, stop_at: int | None = None) -> tuple[int, int]:
    """The deepest nesting of ``[``/``{`` in JSON ``text`` (strings skipped), and the index
    where that depth is first reached; stops early once ``stop_at`` is passed."""
    openers = text.count("[") + text.count("{")
    if stop_at is not None and openers <= stop_at:
        return openers, 0  # an upper bound: the text cannot be nested deeper than this
    bare = _JSON_STRING.sub(lambda m: " " * len(m.group()), text)
    depth = deepest = where = 0
    for match in _JSON_BRACKET.finditer(bare):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, match.start()
                if stop_at is not None and deepest > stop_at:
                    break
        else:
            depth -= 1
    return deepest, where


def check_json_depth(
    text: str, name: str, *, first_line: int = 1, limit: int = MAX_JSON_DEPTH
) -> None:
    """Refuse JSON nested deeper than ``limit`` before :mod:`json` recurses into it.

    Raises:
        SourceError: positioned where the nesting passes the limit.
    """
    deepest, where = json_depth(text, stop_at=limit)
    if deepest > limit:
        line, col = position_of(text, where, first_line=first_line)
        raise SourceError(
            Problem(name, line, col, _("nesting is deeper than {limit} levels").format(limit=limit))
        )


def parse_json(text: str, name: str, *, first_line: int = 1, limit: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON ``text`` with its depth bounded; every error is a positioned problem.

    ``first_line`` is the line of ``text`` in its file (a record of a JSON Lines log).

    Raises:
        SourceError: invalid JSON, control characters, or nesting deeper than ``limit``.
    """
    check_json_depth(text, name, first_line=first_line, limit=limit)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        line = err.lineno + first_line - 1
        raise SourceError(Problem(name, line, err.colno, json_problem(err.msg))) from None
    except (ValueError, RecursionError) as err:  # e.g. integers with too many digits
        raise SourceError(Problem(name, first_line, 1, json_problem(str(err)))) from None
