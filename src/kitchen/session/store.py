"""Workshop sessions on disk: a folder per session (team name, date) holding its rounds'
logs and a small ``session.json`` index, under the user's data folder."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import parse_json, read_text
from kitchen.session.log_model import MAX_SESSION_BYTES, check_session

APP_NAME = "systems-kitchen"
DATA_DIR_ENV = "KITCHEN_DATA_DIR"
"""Set this to keep sessions somewhere else (tests, a USB stick)."""


def data_dir() -> Path:
    """Where sessions are kept: ``$KITCHEN_DATA_DIR`` or the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sessions_dir() -> Path:
    """The folder holding one folder per session."""
    return data_dir() / "sessions"


def slug(text: str) -> str:
    """A file-name-safe version of a team name."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:40] or "team"


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
        raise WontOverwrite(path, "is session data (a round log or session.json) and is never overwritten")
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


@dataclass
class Session:
    """A workshop session: one team's rounds on one day."""

    folder: Path
    team: str
    created: str
    rounds: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The session's id (its folder name)."""
        return self.folder.name

    @classmethod
    def create(cls, team: str, root: Path | None = None, now: datetime | None = None) -> Session:
        """Start a new session folder for ``team``."""
        now = now or datetime.now()
        base = (root or sessions_dir()) / f"{now:%Y-%m-%d_%H%M}_{slug(team)}"
        folder, n = base, 1
        while folder.exists():
            n += 1
            folder = base.with_name(f"{base.name}-{n}")
        folder.mkdir(parents=True)
        session = cls(folder, team.strip() or "Team", now.isoformat(timespec="seconds"))
        session.save()
        return session

    @classmethod
    def open(cls, folder: str | Path) -> Session:
        """Open an existing session folder, checking its ``session.json`` (a regular file of
        at most 1 MB, of the right shape, naming round logs inside the folder only).

        Raises:
            SourceError: the folder is not a session, or ``session.json`` is damaged; one
                positioned problem per thing wrong.
        """
        folder = Path(folder)
        path = folder / "session.json"
        if not path.exists() and not path.is_symlink():
            raise SourceError(
                Problem(str(folder), 0, 0, "not a session folder: it holds no session.json")
            )
        name = str(path)
        text = read_text(path, limit=MAX_SESSION_BYTES, name=name)
        record = check_session(parse_json(text, name), text, name, folder)
        rounds = [entry.model_dump() for entry in record.rounds]
        return cls(folder, record.team, record.created, rounds)

    def save(self) -> None:
        """Write ``session.json`` (atomically)."""
        data = {"team": self.team, "created": self.created, "rounds": self.rounds}
        write_atomically(self.folder / "session.json", json.dumps(data, indent=2, ensure_ascii=False))

    def next_round(self) -> tuple[int, Path]:
        """The next round's number and log path."""
        index = len(self.rounds) + 1
        path = self.folder / f"round-{index:02d}.jsonl"
        while path.exists():
            index += 1
            path = self.folder / f"round-{index:02d}.jsonl"
        return index, path

    def add_round(self, index: int, path: Path, level: str) -> None:
        """Record that a round was started (its log fills as it is played)."""
        self.rounds.append({"index": index, "log": path.name, "level": level})
        self.save()

    def round_logs(self) -> list[Path]:
        """The session's round logs, in order."""
        return [self.folder / r["log"] for r in self.rounds if (self.folder / r["log"]).exists()]
