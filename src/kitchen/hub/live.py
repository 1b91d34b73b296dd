"""The hub's live state: which games are connected, each team's tile, the dashboards
listening, and the commands on their way. One :class:`Hub` per running server, used from
the server's event loop only (the store underneath is thread-safe for the report)."""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from kitchen.content.problems import SourceError
from kitchen.hub.config import HubConfig
from kitchen.hub.security import (
    FACILITATOR_CODE_LENGTH,
    JOIN_CODE_LENGTH,
    FailureLimiter,
    MessageRate,
    new_code,
)
from kitchen.hub.store import GameRow, HubStore
from kitchen.i18n import _
from kitchen.session.record_checker import RecordChecker
from kitchen.session.store import shown_team
from kitchen.workshop.protocol import (
    AckMessage,
    Command,
    CommandMessage,
    DashboardDone,
    DoneMessage,
    ErrorMessage,
    JoinReply,
    RatingCommand,
    RecordsMessage,
    StatusMessage,
    Tile,
    TileMessage,
    Welcome,
    encode,
)
from kitchen.workshop.team_messages import CyclesMessage, TagsMessage

DASHBOARD_QUEUE = 2000
"""Messages waiting for one dashboard before it is dropped as too slow to keep up."""

_STATUS_FIELDS = (
    "state",
    "level",
    "time_left_s",
    "score",
    "open_orders",
    "disruption",
    "callouts",
    "closed_loop_ratio",
    "talk_share",
)


class NotConnected(LookupError):
    """A command for a team whose game is not connected (or no such team)."""


class UnknownTeam(NotConnected):
    """A command for a team the hub does not know."""


@dataclass
class GameLink:
    """One connected game: what is waiting to be sent to it, and its message rate."""

    game: GameRow
    rate: MessageRate
    outbox: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)

    def close(self) -> None:
        """Ask the link's sender to close it."""
        self.outbox.put_nowait(None)


class Hub:
    """The workshop: its store, codes, connected games, tiles and dashboards."""

    def __init__(self, config: HubConfig) -> None:
        self.config = config
        self.store = HubStore(config.folder)
        self.workshop = self._setting("workshop", lambda: config.workshop)
        self.join_code = self._setting("join_code", lambda: new_code(JOIN_CODE_LENGTH))
        self.facilitator_code = self._setting(
            "facilitator_code", lambda: new_code(FACILITATOR_CODE_LENGTH)
        )
        self.limiter = FailureLimiter()
        self.links: dict[str, GameLink] = {}
        self.dashboards: set[asyncio.Queue[str | None]] = set()
        self.pending: dict[str, set[str]] = {}
        self._tiles: dict[str, dict[str, Any]] = {}
        self._checkers: dict[int, RecordChecker] = {}
        self._uptos: dict[tuple[str, str], int] = {}
        self.rebuilt: dict[int, int] = {}  # round id -> upto of its rebuilt log file
        for game in self.store.games():
            self._tiles[game.game_id] = self._new_tile(game)
        for game_id, *_rest in self.store.cycles():
            if game_id in self._tiles:
                self._tiles[game_id]["cycles"] = self._tiles[game_id].get("cycles", 0) + 1
        for row in self.store.rounds():
            self._uptos[(row.game_id, row.key)] = row.upto
            tile = self._tiles.get(row.game_id)
            if tile is not None:
                tile["round"] = row.key
                tile["rounds"].append(row.key)

    def _setting(self, key: str, make: Any) -> str:
        value = self.store.setting(key)
        if value is None:
            value = str(make())
            self.store.set_setting(key, value)
        return value

    @staticmethod
    def _new_tile(game: GameRow) -> dict[str, Any]:
        return {
            "game_id": game.game_id,
            "team": shown_team(game.team),
            "machine": game.machine,
            "rounds": [],
        }

    # --- games ----------------------------------------------------------------------

    def join(self, team: str, machine: str) -> JoinReply:
        """File a new game (the join code was checked by the caller).

        Raises:
            OverflowError: the workshop is full.
        """
        game, token = self.store.add_game(team, machine)
        self._tiles[game.game_id] = self._new_tile(game)
        self.broadcast_tile(game.game_id)
        return JoinReply(game_id=game.game_id, token=token, workshop=self.workshop)

    def connect(self, game: GameRow) -> tuple[GameLink, Welcome]:
        """A game said hello with its token: its link (replacing an older one) and the
        welcome telling it what the hub holds of each of its rounds."""
        old = self.links.pop(game.game_id, None)
        if old is not None:
            old.close()
        link = GameLink(game, MessageRate(self.config.message_rate, self.config.message_burst))
        self.links[game.game_id] = link
        self.broadcast_tile(game.game_id)
        welcome = Welcome(
            type="welcome",
            game_id=game.game_id,
            workshop=self.workshop,
            have=self.store.have(game.game_id),
        )
        return link, welcome

    def disconnect(self, link: GameLink) -> None:
        """A game's link closed."""
        if self.links.get(link.game.game_id) is link:
            del self.links[link.game.game_id]
            self.broadcast_tile(link.game.game_id)

    def _checker(self, round_id: int, key: str) -> RecordChecker | None:
        checker = self._checkers.get(round_id)
        if checker is None:
            header = self.store.line(round_id, 0)
            if header is None:
                return None
            checker = RecordChecker(key)
            checker.header_of(header, 1)
            self._checkers[round_id] = checker
        return checker

    def records(self, game: GameRow, message: RecordsMessage) -> list[str]:
        """Check and store a batch of records; returns the messages for the game: an ack,
        and one error per record refused (the others are still stored)."""
        key = message.round
        round_id, upto = self.store.round_id(game.game_id, key)
        replies: list[str] = []
        accepted: list[tuple[int, str]] = []
        seen: set[int] = set()
        for record in sorted(message.records, key=lambda r: r.seq):
            if record.seq <= upto or record.seq in seen:
                continue  # already held: a resend, stored once
            seen.add(record.seq)
            text = json.dumps(record.line, ensure_ascii=False, separators=(",", ":"))
            try:
                if record.seq == 0:
                    checker = RecordChecker(key)
                    header = checker.header_of(text, 1)
                    if header.session_id and f"{header.session_id}/{header.round_index}" != key:
                        raise ValueError(_("its header names another round"))
                    self._checkers[round_id] = checker
                else:
                    found = self._checker(round_id, key)
                    if found is None:
                        raise ValueError(_("came before the round's header (record 0)"))
                    found.body_of(text, record.seq + 1)
            except SourceError as err:
                replies.append(_error(_refused(record.seq, key, err.problems[0])))
                continue
            except ValueError as err:
                replies.append(_error(_refused(record.seq, key, err)))
                continue
            accepted.append((record.seq, text))
        if accepted:
            upto = self.store.store(round_id, accepted)
        self._uptos[(game.game_id, key)] = upto
        tile = self._tiles[game.game_id]
        if key not in tile["rounds"]:
            tile["rounds"].append(key)
        tile["round"] = key
        replies.insert(0, encode(AckMessage(type="ack", round=key, upto=upto)))
        self.broadcast_tile(game.game_id)
        return replies

    def status(self, game: GameRow, message: StatusMessage) -> None:
        """A game's live status: its tile changes."""
        tile = self._tiles[game.game_id]
        for name in _STATUS_FIELDS:
            tile[name] = getattr(message, name)
        if message.round is not None:
            tile["round"] = message.round
        self.broadcast_tile(game.game_id)

    def tags(self, game: GameRow, message: TagsMessage) -> None:
        """The game's own observation tags: its tile's tag buttons use them."""
        self._tiles[game.game_id]["tags"] = list(message.tags)
        self.broadcast_tile(game.game_id)

    def cycles(self, game: GameRow, message: CyclesMessage) -> None:
        """A session's improvement cycles: kept (the latest per session) and the tile's
        ``cycles`` counter moved on, so a dashboard showing them reads them again."""
        self.store.set_cycles(game.game_id, message.session, encode(message))
        tile = self._tiles[game.game_id]
        tile["cycles"] = tile.get("cycles", 0) + 1
        self.broadcast_tile(game.game_id)

    def done(self, game: GameRow, message: DoneMessage) -> None:
        """A game answered a command: the dashboards are told."""
        waiting = self.pending.get(message.id)
        if waiting is None or game.game_id not in waiting:
            return  # not a command this hub sent this game: nothing to report
        waiting.discard(game.game_id)
        if not waiting:
            del self.pending[message.id]
        outcome = "done" if message.ok else "not done"
        self._tiles[game.game_id]["last_done"] = f"{outcome}: {message.message}"[:300]
        self._push(
            encode(
                DashboardDone(
                    type="done",
                    game_id=game.game_id,
                    id=message.id,
                    ok=message.ok,
                    message=message.message,
                )
            )
        )
        self.broadcast_tile(game.game_id)

    # --- dashboard ------------------------------------------------------------------

    def tile(self, game_id: str) -> Tile:
        """A team's tile as the dashboard shows it."""
        data = dict(self._tiles[game_id])
        data["connected"] = game_id in self.links
        key = data.get("round")
        data["records"] = self._uptos.get((game_id, key), -1) + 1 if key else 0
        data["rounds"] = list(data["rounds"])
        return Tile.model_validate(data, strict=False)

    def tiles(self) -> list[Tile]:
        """Every team's tile, in the order they joined."""
        return [self.tile(game_id) for game_id in self._tiles]

    def broadcast_tile(self, game_id: str) -> None:
        """Push a team's tile to every dashboard listening."""
        if self.dashboards:
            self._push(encode(TileMessage(type="tile", team=self.tile(game_id))))

    def _push(self, text: str) -> None:
        for queue in list(self.dashboards):
            if queue.qsize() >= DASHBOARD_QUEUE:  # too slow to keep up: it will reload
                self.dashboards.discard(queue)
                queue.put_nowait(None)
            else:
                queue.put_nowait(text)

    def listen(self) -> asyncio.Queue[str | None]:
        """A new dashboard: its queue, starting with every team's tile."""
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        for tile in self.tiles():
            queue.put_nowait(encode(TileMessage(type="tile", team=tile)))
        self.dashboards.add(queue)
        return queue

    def unlisten(self, queue: asyncio.Queue[str | None]) -> None:
        """A dashboard went away."""
        self.dashboards.discard(queue)

    def command(self, game_ids: list[str] | None, command: Command) -> tuple[str, list[str]]:
        """Send a command to some games (``None``: every connected game); returns the
        command's id and the games it went to.

        Raises:
            NotConnected: a named team is unknown or its game is not connected, or
                (``None``) no game is connected; nothing is sent then.
            LookupError: a rating names a round the team's game never sent.
        """
        targets = list(self.links) if game_ids is None else game_ids
        if not targets:
            raise NotConnected(_("no game is connected"))
        for game_id in targets:
            if game_id not in self._tiles:
                raise UnknownTeam(_("no such team"))
            if game_id not in self.links:
                team = self._tiles[game_id]["team"]
                raise NotConnected(_("{team} is not connected").format(team=team))
            if (
                isinstance(command, RatingCommand)
                and command.round not in self._tiles[game_id]["rounds"]
            ):
                raise LookupError(
                    _("{team} has sent no round {round}").format(
                        team=self._tiles[game_id]["team"], round=command.round
                    )
                )
        command_id = secrets.token_hex(6)
        text = encode(CommandMessage(type="command", id=command_id, command=command))
        self.pending[command_id] = set(targets)  # answers are matched on id and game
        for game_id in targets:
            self.links[game_id].outbox.put_nowait(text)
        if len(self.pending) > 10_000:  # answers that never came: forget the oldest
            for stale in list(self.pending)[:5000]:
                del self.pending[stale]
        return command_id, targets

    def close(self) -> None:
        """Close every link and dashboard, then the store."""
        for link in list(self.links.values()):
            link.close()
        for queue in list(self.dashboards):
            queue.put_nowait(None)
        self.store.close()


def _refused(seq: int, key: str, why: object) -> str:
    return _("record {seq} of {round} refused: {why}").format(seq=seq, round=key, why=why)


def _error(text: str, closed: bool = False) -> str:
    return encode(ErrorMessage(type="error", error=text[:300], closed=closed))


error_message = _error
"""One refusal as the wire text of an :class:`ErrorMessage` (cut to 300 characters)."""
