"""A round that writes its own log as it is played."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from kitchen.content import Level
from kitchen.events import Event
from kitchen.i18n import _
from kitchen.session.round_log import LogHeader, RoundLogWriter, now_iso
from kitchen.session.store import Session
from kitchen.sim.actions import Action
from kitchen.sim.assists import Assists, apply_assists
from kitchen.sim.commands import Command
from kitchen.sim.round import Round

_NO_ASSISTS = Assists()


class RecordedRound:
    """A :class:`Round` plus its log. Writing problems (a full disk, a folder that went
    away) never stop the game: they are kept in :attr:`log_error` for the screen to show.

    Args:
        level: the level being played.
        seed: the round's seed.
        players: the chefs taking part.
        people: the chefs a person plays (the others are computer cooks); default all.
        silos: enforce roles and zones.
        assists: assist options.
        session: the workshop session to file the round under; or give ``log_path``.
        log_path: where to write the log when there is no session (``None``: no log).
    """

    def __init__(
        self,
        level: Level,
        seed: int,
        players: Iterable[int],
        silos: bool = True,
        assists: Assists = _NO_ASSISTS,
        session: Session | None = None,
        log_path: str | Path | None = None,
        people: Iterable[int] | None = None,
    ) -> None:
        players = tuple(sorted(players))
        humans = players if people is None else tuple(sorted(set(people)))
        spec = apply_assists(level.spec, assists)
        self.round = Round(
            spec, seed=seed, players=players, silos=silos, people=humans, assists=assists
        )
        self.log_error: str | None = None
        self.log_path: Path | None = None
        self._writer: RoundLogWriter | None = None
        index = 1
        if session is not None:
            index, path = session.next_round()
            log_path = path
        if log_path is None:
            return
        header = LogHeader(
            level_name=level.spec.name,
            level_file=level.source_name,
            level_text=level.text,
            seed=seed,
            players=players,
            people=humans,
            silos=silos,
            assists=assists,
            team=session.team if session else "",
            session_id=session.id if session else "",
            round_index=index,
            created=now_iso(),
        )
        try:
            self._writer = RoundLogWriter(log_path, header)
            self.log_path = Path(log_path)
            if session is not None:
                session.add_round(index, self.log_path, level.spec.name)
        except FileExistsError:
            self.log_error = f"{log_path} already exists; round logs are never overwritten"
        except OSError as err:
            self.log_error = _("cannot write the round log {path}: {why}").format(
                path=log_path, why=err.strerror or err
            )

    def step(
        self, commands: Mapping[int, Command] | None = None, actions: Iterable[Action] = ()
    ) -> list[Event]:
        """Advance one tick and log it (nothing happens once the round has finished)."""
        if self.round.finished:
            return []
        actions = list(actions)
        tick = self.round.tick
        events = self.round.step(commands, actions)
        if self._writer is not None:
            try:
                self._writer.record_tick(tick, commands, actions, events)
                if self.round.finished:
                    self._writer.close()
            except OSError as err:
                self.log_error = _("the round log stopped at tick {tick}: {why}").format(
                    tick=tick, why=err
                )
                self._writer = None
        return events

    def close(self) -> None:
        """Finish the log (when the round is abandoned early)."""
        if self._writer is not None:
            try:
                self._writer.close()
            except OSError as err:
                self.log_error = _("cannot finish the round log: {why}").format(why=err)
            self._writer = None
