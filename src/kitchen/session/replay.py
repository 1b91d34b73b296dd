"""Reading round logs back, and replaying them through the simulation to check that the
same inputs give the same events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitchen.content import Level, SourceError, load_level_text
from kitchen.content.problems import Problem
from kitchen.events import Event, event_from_dict
from kitchen.session.round_log import LOG_FORMAT, LOG_FORMAT_VERSION, LogHeader
from kitchen.sim.actions import Action, action_from_dict
from kitchen.sim.assists import Assists, apply_assists
from kitchen.sim.commands import Command, check_callout, parse_move
from kitchen.sim.round import Round


@dataclass
class RoundLog:
    """A round log read back from disk.

    Attributes:
        header: the header line.
        commands: per tick, each player's command (move and use carried forward).
        actions: per tick, the facilitator's actions.
        events: every event, in order.
        warnings: things a reader should know (e.g. a torn last line was ignored).
        complete: the log ends with ``round_ended``.
    """

    path: Path
    header: LogHeader
    changes: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)
    actions: dict[int, list[Action]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when the round ran to its end."""
        return bool(self.events) and self.events[-1].type == "round_ended"

    @property
    def last_tick(self) -> int:
        """The tick of the last event recorded (-1 if none)."""
        return self.events[-1].tick if self.events else -1

    def level(self) -> Level:
        """The level as it was played (from the text stored in the header)."""
        return load_level_text(self.header.level_text, f"{self.path} (level {self.header.level_name})")

    def make_round(self) -> Round:
        """A fresh :class:`Round` set up exactly as the logged one was."""
        spec = apply_assists(self.level().spec, self.header.assists)
        return Round(spec, seed=self.header.seed, players=self.header.players, silos=self.header.silos)

    def inputs(self) -> Iterator[tuple[dict[int, Command], list[Action]]]:
        """Each tick's commands and actions, from tick 0 on, forever (idle past the end)."""
        held: dict[int, tuple[tuple[int, int], bool]] = {}
        tick = 0
        while True:
            pressed: dict[int, tuple[bool, str | None]] = {}
            for player, change in self.changes.get(tick, {}).items():
                held[player] = (change["move"], change["use"])
                pressed[player] = (change["interact"], change["callout"])
            commands = {
                p: Command(
                    move=move,
                    use=use,
                    interact=pressed.get(p, (False, None))[0],
                    callout=pressed.get(p, (False, None))[1],
                )
                for p, (move, use) in held.items()
            }
            yield commands, self.actions.get(tick, [])
            tick += 1


def _bad(path: Path, line: int, message: str) -> SourceError:
    return SourceError(Problem(str(path), line, 1, message))


def read_round_log(path: str | Path) -> RoundLog:
    """Read a round log. A torn last line (the game was killed mid-write) is ignored with
    a warning; any other damage is an error.

    Raises:
        SourceError: the file is missing, not a round log, or damaged.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(Problem(str(path), 0, 0, "no such file")) from None
    except OSError as err:
        raise SourceError(Problem(str(path), 0, 0, f"cannot read: {err.strerror or err}")) from None
    text = raw.decode("utf-8", errors="replace")
    lines = text.split("\n")
    torn = lines[-1] != ""  # the file does not end with a newline
    if not torn:
        lines.pop()
    log: RoundLog | None = None
    warnings: list[str] = []
    for number, line in enumerate(lines, start=1):
        last = number == len(lines)
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
        except ValueError as err:
            if last and torn:
                warnings.append(f"{path}:{number}: ignored an incomplete last line (the game stopped mid-write)")
                break
            raise _bad(path, number, f"damaged line: {err}") from None
        try:
            if log is None:
                log = RoundLog(path, _header(record))
                continue
            _add(log, record)
        except (KeyError, TypeError, ValueError) as err:
            if last and torn:
                warnings.append(f"{path}:{number}: ignored an incomplete last line")
                break
            raise _bad(path, number, f"bad record: {err}") from None
    if log is None:
        raise SourceError(Problem(str(path), 1, 1, "empty file: not a round log"))
    log.warnings.extend(warnings)
    return log


def _header(record: dict[str, Any]) -> LogHeader:
    if record.get("record") != "header" or record.get("format") != LOG_FORMAT:
        raise ValueError("the first line is not a Systems Kitchen round-log header")
    version = record.get("format_version")
    if not isinstance(version, int) or version > LOG_FORMAT_VERSION:
        raise ValueError(f"log format version {version!r} is newer than this game reads ({LOG_FORMAT_VERSION})")
    level = record["level"]
    settings = record.get("settings", {})
    return LogHeader(
        level_name=str(level["name"]),
        level_file=str(level.get("file", "")),
        level_text=str(level["text"]),
        seed=int(record["seed"]),
        players=tuple(int(p) for p in record["players"]),
        silos=bool(settings.get("silos", True)),
        assists=Assists(**settings.get("assists", {})),
        team=str(record.get("team", "")),
        session_id=str(record.get("session_id", "")),
        round_index=int(record.get("round_index", 1)),
        created=str(record.get("created", "")),
        game_version=str(record.get("game_version", "")),
        events_version=int(record.get("events_version", 1)),
        format_version=version,
    )


def _add(log: RoundLog, record: dict[str, Any]) -> None:
    kind = record.get("record")
    if kind == "event":
        log.events.append(event_from_dict(record["event"]))
    elif kind == "command":
        tick, player = int(record["tick"]), int(record["player"])
        callout = record.get("callout")
        if callout is not None:
            check_callout(callout)
        log.changes.setdefault(tick, {})[player] = {
            "move": parse_move(record["move"]),
            "use": bool(record["use"]),
            "interact": bool(record["interact"]),
            "callout": callout,
        }
    elif kind == "action":
        fields = {k: v for k, v in record.items() if k not in ("record", "tick")}
        log.actions.setdefault(int(record["tick"]), []).append(action_from_dict(fields))
    else:
        raise ValueError(f"unknown record {kind!r}")


@dataclass
class ReplayResult:
    """The outcome of replaying a log.

    Attributes:
        identical: every logged event was reproduced exactly, in order.
        ticks: how many ticks were replayed.
        events: how many events were compared.
        mismatch: a description of the first difference, if any.
    """

    identical: bool
    ticks: int
    events: int
    mismatch: str = ""


def replay(log: RoundLog) -> ReplayResult:
    """Re-run the simulation from the log's inputs and compare the events, up to the last
    logged event (a log cut short by a crash is compared as far as it goes)."""
    rnd = log.make_round()
    expected = log.events
    produced: list[Event] = []
    last = log.last_tick
    inputs = log.inputs()
    while not rnd.finished and rnd.tick <= last:
        commands, actions = next(inputs)
        produced.extend(rnd.step(commands, actions))
    if not log.complete:
        produced = [e for e in produced if e.tick <= last][: len(expected)]
    for n, (want, got) in enumerate(zip(expected, produced)):
        if want != got:
            return ReplayResult(
                False, rnd.tick, n, f"event {n + 1} at tick {want.tick} differs: logged {want.to_dict()}, replayed {got.to_dict()}"
            )
    if len(expected) != len(produced):
        return ReplayResult(
            False, rnd.tick, min(len(expected), len(produced)),
            f"logged {len(expected)} events but the replay produced {len(produced)}",
        )
    return ReplayResult(True, rnd.tick, len(expected))


class Playback:
    """Steps a logged round again, tick by tick, to show a stretch of it on screen.

    ``seek(tick)`` rebuilds the round from the start (the simulation is deterministic, so
    this reproduces the exact state) and ``advance()`` moves one tick on. Going backwards
    is a seek.
    """

    def __init__(self, log: RoundLog) -> None:
        self.log = log
        self.round = log.make_round()
        self._inputs = log.inputs()
        self.events: list[Event] = []
        """Events of the most recent tick advanced."""

    @property
    def tick(self) -> int:
        """The next tick to be played."""
        return self.round.tick

    @property
    def end_tick(self) -> int:
        """The last tick the log covers."""
        return self.log.last_tick

    def advance(self) -> list[Event]:
        """Play one more tick (nothing past the end of the log)."""
        if self.round.finished or self.round.tick > self.end_tick:
            self.events = []
            return self.events
        commands, actions = next(self._inputs)
        self.events = self.round.step(commands, actions)
        return self.events

    def seek(self, tick: int) -> None:
        """Put the round in the state it had just before ``tick`` was played."""
        tick = max(0, min(tick, self.end_tick))
        if tick < self.round.tick:
            self.round = self.log.make_round()
            self._inputs = self.log.inputs()
        while self.round.tick < tick and not self.round.finished:
            self.advance()
