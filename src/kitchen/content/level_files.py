"""Writing new level files for ``kitchen import`` and ``kitchen edit --new``: never over an
existing file, always a level that loads, and every problem one line."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kitchen.content.loader import load_level_text
from kitchen.content.overcooked_import import MAX_LAYOUT_BYTES, level_text, read_layout
from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import read_text
from kitchen.i18n import _
from kitchen.paths import write_atomically


def level_name_for(path: Path) -> str:
    """A level ``name`` from a file name: ``Cramped Room.yaml`` -> ``cramped_room``."""
    name = re.sub(r"[^a-z0-9]+", "_", path.stem.lower()).strip("_")
    if not name or not name[0].isalpha():
        name = "level_" + name
    return name[:60].rstrip("_")


def check_new_file(path: Path) -> None:
    """Refuse to write a new file at ``path`` when something is there already, or its folder
    is missing or not writable.

    Raises:
        SourceError: one line saying what is wrong; nothing is written.
    """
    if path.exists() or path.is_symlink():
        raise SourceError(
            Problem(
                str(path),
                0,
                0,
                _("already exists and is left as it is; give -o a new file name"),
            )
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise SourceError(
            Problem(
                str(path),
                0,
                0,
                _("cannot write: the folder {parent} does not exist").format(parent=parent),
            )
        )
    if not parent.is_dir():
        raise SourceError(
            Problem(
                str(path), 0, 0, _("cannot write: {parent} is not a folder").format(parent=parent)
            )
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SourceError(
            Problem(
                str(path),
                0,
                0,
                _("cannot write: the folder {parent} is not writable").format(parent=parent),
            )
        )
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise SourceError(Problem(str(path), 0, 0, _("a level file's name ends in .yaml")))


def import_overcooked(layout_path: Path, output: Path) -> str:
    """Read an Overcooked-AI layout file and write it as a level at ``output`` (a new
    file). Returns the level's text.

    Raises:
        SourceError: the layout cannot be read or made into a valid level, or ``output``
            cannot be written; nothing is written then.
    """
    check_new_file(output)
    text = read_text(layout_path, limit=MAX_LAYOUT_BYTES)
    layout = read_layout(text, str(layout_path))
    level = level_text(layout, str(layout_path), level_name_for(output), layout_path.name)
    load_level_text(level, str(output))  # raises with every problem of the made level
    write_new(output, level)
    return level


def write_new(output: Path, text: str) -> None:
    """Write ``text`` to a new file atomically.

    Raises:
        SourceError: it cannot be written.
    """
    try:
        write_atomically(output, text)
    except OSError as err:
        raise SourceError(
            Problem(str(output), 0, 0, _("cannot write: {why}").format(why=err.strerror or err))
        ) from None
