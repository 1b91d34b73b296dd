"""Reading round logs back, and replaying them through the simulation to check that the
same inputs give the same events."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kitchen.content import Level, SourceError, load_level_text
from kitchen.content.problems import Problem
from kitchen.content.reading import read_bytes
from kitchen.events import ConditionsSet, Event, RoundStarted
from kitchen.i18n import _, ngettext
from kitchen.session.log_messages import printable
from kitchen.session.log_model import MAX_LOG_BYTES, CommandRecord, HeaderRecord, ObservationRecord
from kitchen.session.record_checker import RecordChecker, action_of
from kitchen.session.round_log import LogHeader
from kitchen.sim.actions import Action
from kitchen.sim.assists import Assists, apply_assists
from kitchen.sim.commands import Command
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
        observations: what was written about the round after it (the facilitator's TEAM
            rating, notes on tags, the team's take-aways), in file order; never replayed.
        complete: the log ends with ``round_ended``.
    """

    path: Path
    header: LogHeader
    changes: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)
    actions: dict[int, list[Action]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    observations: list[ObservationRecord] = field(default_factory=list)

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
        return _load_level(self.header.level_text, f"{self.path} (level {self.header.level_name})")

    def make_round(self) -> Round:
        """A fresh :class:`Round` set up exactly as the logged one was."""
        spec = apply_assists(self.level().spec, self.header.assists)
        header = self.header
        return Round(
            spec,
            seed=header.seed,
            players=header.players,
            silos=header.silos,
            people=header.people,
            assists=header.assists,
        )

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


@lru_cache(maxsize=16)
def _load_level(text: str, name: str) -> Level:
    """Levels are immutable and a report or fuzz run reads the same one many times."""
    return load_level_text(text, name)


def _level_check(path: Path) -> Callable[[HeaderRecord], list[tuple[tuple[str | int, ...], str]]]:
    def check(header: HeaderRecord) -> list[tuple[tuple[str | int, ...], str]]:
        try:
            level = _load_level(header.level.text, f"{path} (level {header.level.name})")
        except SourceError as err:
            first = err.problems[0]
            more = len(err.problems) - 1
            if first.line and more:
                text = ngettext(
                    "the level stored in the log does not load at its line {line}: {why}"
                    " (and {n} more problems)",
                    "the level stored in the log does not load at its line {line}: {why}"
                    " (and {n} more problems)",
                    more,
                )
            elif first.line:
                text = _("the level stored in the log does not load at its line {line}: {why}")
            elif more:
                text = ngettext(
                    "the level stored in the log does not load: {why} (and {n} more problems)",
                    "the level stored in the log does not load: {why} (and {n} more problems)",
                    more,
                )
            else:
                text = _("the level stored in the log does not load: {why}")
            message = printable(text.format(line=first.line, why=first.message, n=more))
            return [(("level", "text"), message)]
        seats = sorted(level.spec.starts)
        missing = [p for p in header.players if p not in seats]
        if missing:
            message = _("level {name} has places for chefs {seats}, not {chefs}").format(
                name=repr(header.level.name), seats=seats, chefs=missing
            )
            return [(("players",), message)]
        return []

    return check


def _decoded(line: bytes, name: str, number: int) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as err:
        col = len(line[: err.start].decode("utf-8", "replace")) + 1
        raise SourceError(
            Problem(
                name,
                number,
                col,
                _("not UTF-8 text (byte 0x{byte}): the line is damaged").format(
                    byte=f"{line[err.start]:02x}"
                ),
            )
        ) from None


def _not_a_log(path: Path) -> str:
    """What a file that is no round log at all is told (a level file given by mistake)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return _(
            "this is a level or settings file, not a round log (round logs are the .jsonl "
            "files the game writes after each round)"
        )
    return _(
        "not a round log (round logs are the .jsonl files the game writes after each round, "
        "one JSON record a line)"
    )


def read_round_log(path: str | Path) -> RoundLog:
    """Read a round log, checking every record (see :mod:`kitchen.session.log_model`).

    This is the one reader of round logs: ``kitchen replay``, ``kitchen report`` and the
    debrief all use it. The file must be a regular file of at most
    :data:`~kitchen.session.log_model.MAX_LOG_BYTES`. A torn last line (the game was killed
    mid-write) is ignored with a warning; any other damage is an error naming its line.

    Raises:
        SourceError: the file is missing, not a round log, or damaged.
    """
    path = Path(path)
    name = str(path)
    raw = read_bytes(path, limit=MAX_LOG_BYTES, name=name)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    chunks = raw.split(b"\n")
    torn = chunks[-1] != b""  # the file does not end with a newline
    if not torn:
        chunks.pop()
    first = chunks[0].lstrip() if chunks else b""
    if first and not first.startswith(b"{"):
        # not even a JSON record: another kind of file given by mistake
        raise SourceError(Problem(name, 1, 1, _not_a_log(path)))
    checker = RecordChecker(name, _level_check(path))
    log: RoundLog | None = None
    warnings: list[str] = []
    for number, chunk in enumerate(chunks, start=1):
        try:
            text = _decoded(chunk, name, number)
            if log is None:
                log = RoundLog(path, _header(checker.header_of(text, number)))
                continue
            _add(log, checker.body_of(text, number))
        except SourceError:
            if number == len(chunks) and torn:
                warnings.append(
                    f"{name}:{number}: "
                    + _("ignored an incomplete last line (the game stopped mid-write)")
                )
                break
            raise
    if log is None:
        if warnings:
            raise SourceError(
                Problem(
                    name,
                    1,
                    1,
                    _("the header line is incomplete: the game stopped as the round began"),
                )
            )
        raise SourceError(Problem(name, 1, 1, _("empty file: not a round log")))
    log.warnings.extend(warnings)
    return log


def _header(record: HeaderRecord) -> LogHeader:
    settings = record.settings
    return LogHeader(
        level_name=record.level.name,
        level_file=record.level.file,
        level_text=record.level.text,
        seed=record.seed,
        players=tuple(record.players),
        people=None if record.people is None else tuple(record.people),
        silos=settings.silos,
        assists=Assists(**settings.assists.model_dump()),
        team=record.team,
        session_id=record.session_id,
        round_index=record.round_index,
        created=record.created,
        game_version=record.game_version,
        events_version=record.events_version,
        format_version=record.format_version,
    )


def _add(log: RoundLog, record: CommandRecord | Event | Any) -> None:
    if isinstance(record, Event):
        log.events.append(record)
    elif isinstance(record, ObservationRecord):
        log.observations.append(record)
    elif isinstance(record, CommandRecord):
        log.changes.setdefault(record.tick, {})[record.player] = {
            "move": record.move,
            "use": record.use,
            "interact": record.interact,
            "callout": record.callout,
        }
    else:
        log.actions.setdefault(record.tick, []).append(action_of(record))


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


def _as_logged(events: list[Event], version: int) -> list[Event]:
    """The replayed events as a game writing events version ``version`` logged them: a
    version-1 log has no ``conditions_set`` and no ``people``, so it still replays
    identically when the rules have not changed since."""
    if version >= 2:
        return events
    out: list[Event] = []
    for event in events:
        if isinstance(event, ConditionsSet):
            continue
        if isinstance(event, RoundStarted):
            event = dataclasses.replace(event, events_version=version, people=event.players)
        out.append(event)
    return out


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
    produced = _as_logged(produced, log.header.events_version)
    if not log.complete:
        produced = [e for e in produced if e.tick <= last][: len(expected)]
    for n, (want, got) in enumerate(zip(expected, produced, strict=False)):
        if want != got:
            return ReplayResult(
                False,
                rnd.tick,
                n,
                f"event {n + 1} at tick {want.tick} differs: logged {want.to_dict()}, replayed "
                f"{got.to_dict()}",
            )
    if len(expected) != len(produced):
        return ReplayResult(
            False,
            rnd.tick,
            min(len(expected), len(produced)),
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
