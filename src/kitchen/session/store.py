"""Workshop sessions on disk: a folder per session (team name, date) holding its rounds'
logs and a small ``session.json`` index, under the user's data folder
(:func:`kitchen.paths.sessions_dir`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import parse_json, read_text
from kitchen.i18n import _
from kitchen.paths import sessions_dir, write_atomically
from kitchen.session.log_model import MAX_SESSION_BYTES
from kitchen.session.record_checker import check_session

DEFAULT_TEAM = "Team"
"""The name a team has until it gives one (the settings' default), kept in English in
session files and round logs; :func:`shown_team` shows it in the language in force."""


def shown_team(name: str) -> str:
    """A team's name as people read it: the default name (:data:`DEFAULT_TEAM`, or none) is
    the catalogue's word for "Team" (Équipe in French); any other name is the team's own."""
    return _("Team") if name.strip() in ("", DEFAULT_TEAM) else name


def slug(text: str) -> str:
    """A file-name-safe version of a team name."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:40] or "team"


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
        session = cls(folder, team.strip() or DEFAULT_TEAM, now.isoformat(timespec="seconds"))
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
                Problem(str(folder), 0, 0, _("not a session folder: it holds no session.json"))
            )
        name = str(path)
        text = read_text(path, limit=MAX_SESSION_BYTES, name=name)
        record = check_session(parse_json(text, name), text, name, folder)
        rounds = [entry.model_dump() for entry in record.rounds]
        return cls(folder, record.team, record.created, rounds)

    def save(self) -> None:
        """Write ``session.json`` (atomically)."""
        data = {"team": self.team, "created": self.created, "rounds": self.rounds}
        write_atomically(
            self.folder / "session.json", json.dumps(data, indent=2, ensure_ascii=False)
        )

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
