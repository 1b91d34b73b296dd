"""The text map of a level: rows of characters, each with its place in the file."""

from __future__ import annotations

from dataclasses import dataclass

from kitchen.content.problems import Problem
from kitchen.content.source import KeyPath, SourceDoc
from kitchen.i18n import _

KITCHEN_AREA_PIXELS = (1920, 740)
"""The play screen's kitchen area in logical pixels: the 1920x1080 screen less the ticket bar
above it and the banner strip below (``kitchen.ui.render.hud.KITCHEN_AREA`` has this size)."""
MIN_TILE_PIXELS = 40
"""The smallest tile that can still be read at 1080p: a chef's number is then 17 px high and
a carried item 21 px."""
MAX_MAP_WIDTH = KITCHEN_AREA_PIXELS[0] // MIN_TILE_PIXELS
"""The widest map, in tiles, whose tiles are at least :data:`MIN_TILE_PIXELS` in play (48)."""
MAX_MAP_HEIGHT = KITCHEN_AREA_PIXELS[1] // MIN_TILE_PIXELS
"""The tallest map, in tiles, whose tiles are at least :data:`MIN_TILE_PIXELS` in play (18)."""


@dataclass(frozen=True, slots=True)
class TextGrid:
    """A rectangular block of characters and where each row starts in the file."""

    rows: tuple[str, ...]
    origin: tuple[int, int] | None
    """``(line, col)`` in the file of row 0, column 0, if the text was a ``|`` block."""

    @property
    def width(self) -> int:
        """Characters per row."""
        return len(self.rows[0]) if self.rows else 0

    @property
    def height(self) -> int:
        """Number of rows."""
        return len(self.rows)


def read_grid(
    doc: SourceDoc | None, path: KeyPath, text: str, what: str, problems: list[Problem], name: str
) -> TextGrid:
    """Split ``text`` into rows, dropping blank lines before and after, and check it is a
    rectangle. Problems are appended to ``problems``."""
    block = doc.blocks.get(path) if doc else None
    if doc is not None and block is not None and block.style == ">":
        problems.append(
            doc.problem(
                path,
                _(
                    "write the {what} with '|' (which keeps its rows), not '>' "
                    "(which folds them into one line)"
                ).format(what=what),
            )
        )
        return TextGrid((), None)
    lines = text.split("\n")
    skipped = 0
    while lines and not lines[0].strip():
        lines.pop(0)
        skipped += 1
    while lines and not lines[-1].strip():
        lines.pop()
    origin = None
    if block is not None:
        origin = (block.first_line + skipped, block.indent + 1)
    grid = TextGrid(tuple(lines), origin)
    if not lines:
        problems.append(
            problem_at(doc, grid, path, None, _("the {what} is empty").format(what=what), name)
        )
        return grid
    width = len(lines[0])
    for r, row in enumerate(lines):
        if "\t" in row:
            problems.append(
                problem_at(
                    doc,
                    grid,
                    path,
                    (r, row.index("\t")),
                    _("the {what} contains a tab; use spaces or '.' for floor").format(what=what),
                    name,
                )
            )
        if len(row) != width:
            hint = ""
            if len(row) < width:
                hint = _(
                    " (editors often strip trailing spaces: use '.' for floor at the end of a row)"
                )
            problems.append(
                problem_at(
                    doc,
                    grid,
                    path,
                    (r, min(len(row), width)),
                    _(
                        "{what} row {n} is {n2} characters wide but row 1 is {width}; "
                        "every row must be the same width{hint}"
                    ).format(what=what, n=r + 1, n2=len(row), width=width, hint=hint),
                    name,
                )
            )
    return grid


def check_map_size(
    doc: SourceDoc | None, grid: TextGrid, path: KeyPath, problems: list[Problem], name: str
) -> bool:
    """Check the map fits the play screen with readable tiles (at most
    :data:`MAX_MAP_WIDTH` by :data:`MAX_MAP_HEIGHT`); each problem points at the first cell
    past the limit. Returns ``True`` if the map fits."""
    fits = True
    if grid.width > MAX_MAP_WIDTH:
        fits = False
        problems.append(
            problem_at(
                doc,
                grid,
                path,
                (0, MAX_MAP_WIDTH),
                _(
                    "the map is {width} tiles wide; the most that can be read on a "
                    "1080p screen is {MAX_MAP_WIDTH}"
                ).format(width=grid.width, MAX_MAP_WIDTH=MAX_MAP_WIDTH),
                name,
            )
        )
    if grid.height > MAX_MAP_HEIGHT:
        fits = False
        problems.append(
            problem_at(
                doc,
                grid,
                path,
                (MAX_MAP_HEIGHT, 0),
                _(
                    "the map is {height} tiles tall; the most that can be read on a "
                    "1080p screen is {MAX_MAP_HEIGHT}"
                ).format(height=grid.height, MAX_MAP_HEIGHT=MAX_MAP_HEIGHT),
                name,
            )
        )
    return fits


def problem_at(
    doc: SourceDoc | None,
    grid: TextGrid | None,
    path: KeyPath,
    cell: tuple[int, int] | None,
    message: str,
    name: str,
) -> Problem:
    """A problem at map cell ``(row, col)``, positioned at that character in the file when
    the map is a ``|`` block, else at the map key."""
    from kitchen.content.source import format_path

    if cell is not None and grid is not None and grid.origin is not None:
        row, col = cell
        return Problem(name, grid.origin[0] + row, grid.origin[1] + col, message, format_path(path))
    if doc is not None:
        return doc.problem(path, message)
    return Problem(name, 0, 0, message, format_path(path))
