"""Round logs: one JSON Lines file per round, append-only and crash-safe.

Line 1 is a header (format version, game version, the level file's full text and hash,
seed, players, the chefs people played, settings). Then, tick by tick, every player command
that changed, every facilitator action and every event. Each tick's lines are flushed to
the operating system as soon as the tick is simulated, and forced to disk (fsync) at least
once a second, so a crash or power cut loses at most the last second of play.

A line is one of::

    {"record": "header", ...}
    {"record": "command", "tick": 12, "player": 1, "move": [1, 0], "use": false,
     "interact": true, "callout": null}
    {"record": "action", "tick": 300, "action": "trigger", "index": 0}
    {"record": "event", "event": {"type": "order_arrived", "tick": 2, ...}}

Commands are written only when a player's move or use changes, or when they press interact
or call out; a reader carries move and use forward.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from kitchen import __version__
from kitchen.events import EVENTS_VERSION, Event
from kitchen.sim.actions import Action
from kitchen.sim.assists import Assists
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.spec import TICKS_PER_SECOND

LOG_FORMAT = "systems-kitchen-round"
LOG_FORMAT_VERSION = 1

FSYNC_EVERY_TICKS = TICKS_PER_SECOND
"""Force the log to disk at least this often (one second of play)."""


@dataclass(frozen=True)
class LogHeader:
    """What a reader needs to interpret and replay a round log."""

    level_name: str
    level_file: str
    level_text: str
    seed: int
    players: tuple[int, ...]
    silos: bool = True
    assists: Assists = field(default_factory=Assists)
    people: tuple[int, ...] | None = None
    """The chefs a person played at the start; ``None`` (a log from before it was
    recorded): every player."""
    team: str = ""
    session_id: str = ""
    round_index: int = 1
    created: str = ""
    game_version: str = __version__
    events_version: int = EVENTS_VERSION
    format_version: int = LOG_FORMAT_VERSION

    @property
    def level_sha256(self) -> str:
        """Hash of the level file's text, to spot a log whose level was edited."""
        return hashlib.sha256(self.level_text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """The header line's JSON object."""
        return {
            "record": "header",
            "format": LOG_FORMAT,
            "format_version": self.format_version,
            "game_version": self.game_version,
            "events_version": self.events_version,
            "tick_rate": TICKS_PER_SECOND,
            "created": self.created,
            "team": self.team,
            "session_id": self.session_id,
            "round_index": self.round_index,
            "level": {
                "name": self.level_name,
                "file": self.level_file,
                "sha256": self.level_sha256,
                "text": self.level_text,
            },
            "seed": self.seed,
            "players": list(self.players),
            "people": list(self.players if self.people is None else self.people),
            "settings": {"silos": self.silos, "assists": asdict(self.assists)},
        }


class RoundLogWriter:
    """Appends one round's records to a new file, flushing as the round runs.

    Use :meth:`record_tick` once per simulated tick with that tick's inputs and events, and
    :meth:`close` at the end (also safe to call twice).
    """

    def __init__(self, path: str | Path, header: LogHeader) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite a team's earlier log.
        self._file: IO[str] | None = open(self.path, "x", encoding="utf-8")  # noqa: SIM115
        self._last: dict[int, tuple[tuple[int, int], bool]] = {}
        self._since_sync = 0
        self._write([header.to_dict()])
        self._sync()

    def _write(self, records: Iterable[Mapping[str, Any]]) -> None:
        assert self._file is not None, "the log is closed"
        text = "".join(
            json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n" for r in records
        )
        if text:
            self._file.write(text)
            self._file.flush()

    def _sync(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._since_sync = 0

    def record_tick(
        self,
        tick: int,
        commands: Mapping[int, Command] | None,
        actions: Iterable[Action],
        events: Iterable[Event],
    ) -> None:
        """Write one tick: its changed commands, its actions and its events."""
        records: list[dict[str, Any]] = []
        commands = commands or {}
        for player in sorted(set(commands) | set(self._last)):
            command = commands.get(player, IDLE)
            held = (command.move, command.use)
            if (
                held != self._last.get(player, ((0, 0), False))
                or command.interact
                or command.callout
            ):
                records.append(
                    {
                        "record": "command",
                        "tick": tick,
                        "player": player,
                        "move": list(command.move),
                        "use": command.use,
                        "interact": command.interact,
                        "callout": command.callout,
                    }
                )
            self._last[player] = held
        for action in actions:
            records.append({"record": "action", "tick": tick, **action.to_dict()})
        for event in events:
            records.append({"record": "event", "event": event.to_dict()})
        self._write(records)
        self._since_sync += 1
        if self._since_sync >= FSYNC_EVERY_TICKS:
            self._sync()

    def close(self) -> None:
        """Force everything to disk and close the file."""
        if self._file is not None:
            self._sync()
            self._file.close()
            self._file = None


def now_iso() -> str:
    """The current time, for headers (the simulation itself never reads a clock)."""
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
