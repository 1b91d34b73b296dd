"""Where things are kept on disk, and how files are written there.

The shipped data (levels, assets) is resolved from the package, never the current
directory: in an installed wheel it sits inside the package (``kitchen/_shipped``); in a
source checkout or an editable install it is the top-level ``levels/`` and ``assets/``
folders.

The player's files live in the platform's user folders (platformdirs), which two
environment variables move (for tests, or a USB stick):

- ``KITCHEN_DATA_DIR``: the data folder (workshop sessions, crash notes);
- ``KITCHEN_CONFIG_DIR``: the config folder (``settings.json``). The older name
  ``SYSTEMS_KITCHEN_CONFIG`` is still read when ``KITCHEN_CONFIG_DIR`` is not set; it is
  deprecated.

This module is the lowest layer: it imports nothing from the rest of ``kitchen``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "systems-kitchen"
"""The folder name used under the platform's user data and config folders."""
DATA_DIR_ENV = "KITCHEN_DATA_DIR"
"""Set this to keep sessions somewhere else (tests, a USB stick)."""
CONFIG_DIR_ENV = "KITCHEN_CONFIG_DIR"
"""Set this to keep the settings somewhere else."""
DEPRECATED_CONFIG_DIR_ENV = "SYSTEMS_KITCHEN_CONFIG"
"""The config folder's old variable, still read when :data:`CONFIG_DIR_ENV` is not set."""

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / "_shipped" / name
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    return inside


def levels_dir() -> Path:
    """The folder of shipped level files."""
    return _shipped("levels")


def assets_dir() -> Path:
    """The folder of shipped art, sound and fonts."""
    return _shipped("assets")


def shipped_levels() -> list[Path]:
    """Every shipped level file, in curriculum order (by file name)."""
    return sorted(levels_dir().glob("*.yaml"))


def data_dir() -> Path:
    """Where sessions are kept: ``$KITCHEN_DATA_DIR`` or the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sessions_dir() -> Path:
    """The folder holding one folder per session."""
    return data_dir() / "sessions"


def config_dir() -> Path:
    """The folder holding the settings file: ``$KITCHEN_CONFIG_DIR`` (or the deprecated
    ``$SYSTEMS_KITCHEN_CONFIG``) or the platform's user config folder."""
    override = os.environ.get(CONFIG_DIR_ENV) or os.environ.get(DEPRECATED_CONFIG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


class WontOverwrite(Exception):
    """Writing a file there would replace something that must be kept (session data, or a
    file kitchen did not write); nothing was written.

    Attributes:
        path: the file in the way.
        reason: what is wrong and what to do, in one line.
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def read_head(path: Path, size: int) -> bytes | None:
    """The first ``size`` bytes of the regular file at ``path``; ``None`` if it is not a
    regular file or cannot be read (a pipe is never waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def check_output_target(
    path: Path, *, is_ours: Callable[[Path], bool], what: str, suffix: str
) -> None:
    """Refuse to write ``what`` (e.g. "a picture", a ``suffix`` file given with ``-o``) at
    ``path`` when that would replace session
    data (a round log or ``session.json``), a folder, or a file kitchen did not write (by
    ``is_ours``), or when its folder is missing or not writable.

    Raises:
        WontOverwrite: with the one-line reason; nothing is written.
    """
    if path.name == "session.json" or path.suffix.lower() == ".jsonl":
        raise WontOverwrite(
            path, "is session data (a round log or session.json) and is never overwritten"
        )
    parent = path.parent
    if not parent.exists():
        raise WontOverwrite(path, f"the folder {parent} does not exist; create it first")
    if not parent.is_dir():
        raise WontOverwrite(path, f"{parent} is not a folder")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise WontOverwrite(path, f"cannot write: {err.strerror or err}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise WontOverwrite(path, f"is a folder; give -o a file name ending in {suffix}")
        if not stat.S_ISREG(info.st_mode) or not is_ours(path):
            raise WontOverwrite(
                path,
                f"already exists and is not {what} written by kitchen, so it is left as it is; "
                "give -o another name or move the file",
            )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise WontOverwrite(path, f"cannot write: the folder {parent} is not writable")


def write_atomically(path: Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (or bytes) so that a crash leaves the old or the new
    file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes files private; reports are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
