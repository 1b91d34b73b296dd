"""Every message between a game, the workshop hub and the hub's dashboard (protocol 1).

Both sides validate every message with these models before acting on it: a message is at
most :data:`MAX_MESSAGE_BYTES` long, JSON, of exactly one known shape (no unknown fields,
every number and text bounded). :func:`parse` turns anything else into one
:class:`ProtocolError` whose text is a single clear line, never the raw input echoed back.

No field of any message is ever used as a file name or path: a round is named by a
:data:`RoundKey` (``"{session_id}/{round_index}"``, letters, digits, ``_`` and ``-`` then a
round number, so it cannot spell ``..`` or a separator), and the hub files everything under
names it makes itself.

Records are the lines of a game's round log, numbered by ``seq``: the 0-based line number in
the log file (line 0 is the header). Observation records appended to the log after the round
keep the numbering, so storing on ``(round, seq)`` makes a resend idempotent.

The exchanges (docs/workshop.md has the whole picture):

- ``POST /api/join`` :class:`JoinRequest` -> :class:`JoinReply` | :class:`ErrorReply`;
- ``WS /ws/game``: the game sends :class:`Hello` first, then :class:`RecordsMessage`,
  :class:`StatusMessage` and :class:`DoneMessage`, and (optional, see
  :mod:`kitchen.workshop.team_messages`) :class:`TagsMessage` and :class:`CyclesMessage`;
  the hub sends :class:`Welcome`,
  :class:`AckMessage`, :class:`CommandMessage` and :class:`ErrorMessage`;
- ``WS /ws/dashboard``: the hub pushes :class:`TileMessage` and :class:`DashboardDone`;
- ``POST /api/command`` and ``POST /api/teams/{game_id}/command``: a :data:`Command`.
"""

from __future__ import annotations

import json
import typing
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from kitchen.content.error_words import error_words
from kitchen.content.json_words import json_reason
from kitchen.i18n import N_, _, ngettext
from kitchen.session.log_model import MAX_NOTE, TeamRatings
from kitchen.workshop.team_messages import (
    MAX_TAGS,
    SESSION_PATTERN,
    CyclesMessage,
    Tag,
    TagsMessage,
)

PROTOCOL_VERSION = 1
"""Sent in the hub's zeroconf announcement (TXT ``v``) and its :class:`Welcome`."""

SERVICE_TYPE = "_systems-kitchen._tcp.local."
"""The zeroconf (mDNS) service type a hub announces itself under."""

MAX_MESSAGE_BYTES = 256 * 1024
"""Largest message either side accepts (bytes of its JSON text)."""

MAX_RECORDS = 4096
"""Most records in one ``records`` message (a second of a busy round is far fewer)."""

MAX_SEQ = 10_000_000
"""Highest record number (a round log is at most 64 MB, and every line is several bytes)."""

MAX_TEXT = 80
"""Longest team name, machine name, level name, disruption label or tag label."""

MAX_MESSAGE_TEXT = 300
"""Longest free text in a command's result."""

MAX_HUDDLE_SECONDS = 1800
"""Longest huddle timer (30 minutes)."""

_MESSAGE = ConfigDict(strict=True, extra="forbid", frozen=True)

_NAME_PATTERN = r"^[^\x00-\x1f\x7f]*$"

ROUND_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}/[1-9][0-9]{0,3}$"
"""A round key: a session folder's name, ``/``, the round's number in its ``session.json``."""

RoundKey = Annotated[str, Field(pattern=ROUND_KEY_PATTERN, max_length=105)]
Text = Annotated[str, Field(max_length=MAX_TEXT, pattern=_NAME_PATTERN)]
TeamName = Annotated[str, Field(min_length=1, max_length=MAX_TEXT, pattern=_NAME_PATTERN)]
Secret = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]
"""A join code, facilitator code or token (the hub makes them; nothing else is accepted)."""
Code = Annotated[str, Field(min_length=1, max_length=64)]
"""A code as a person typed it (checked against the hub's own, never stored or echoed)."""
GameId = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
CommandId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Seq = Annotated[int, Field(ge=0, le=MAX_SEQ)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Note = Annotated[str, Field(max_length=MAX_NOTE)]
GameState = Literal["lobby", "playing", "paused", "huddle", "debrief"]


# --- commands (dashboard -> hub -> game) --------------------------------------------------


class TriggerCommand(BaseModel):
    """Start the level's disruption number ``index`` (as the facilitator console does)."""

    model_config = _MESSAGE
    kind: Literal["trigger"]
    index: Annotated[int, Field(ge=0, le=99)]


class PauseCommand(BaseModel):
    """Pause the round."""

    model_config = _MESSAGE
    kind: Literal["pause"]


class ResumeCommand(BaseModel):
    """Resume a paused round."""

    model_config = _MESSAGE
    kind: Literal["resume"]


class HuddleCommand(BaseModel):
    """Pause and show a huddle timer of ``seconds`` on the players' screen."""

    model_config = _MESSAGE
    kind: Literal["huddle"]
    seconds: Annotated[int, Field(ge=10, le=MAX_HUDDLE_SECONDS)]


class EndCommand(BaseModel):
    """End the round (as the console's End does)."""

    model_config = _MESSAGE
    kind: Literal["end"]


class TagCommand(BaseModel):
    """Mark this moment of the round with a tag and an optional note."""

    model_config = _MESSAGE
    kind: Literal["tag"]
    label: Annotated[str, Field(min_length=1, max_length=MAX_TEXT, pattern=_NAME_PATTERN)]
    note: Note = ""


class TeamRating(BaseModel):
    """A TEAM rating exactly as the game's rating form appends it to a round log
    (:func:`kitchen.session.observation_log.append_observation` takes ``model_dump()``)."""

    model_config = _MESSAGE
    kind: Literal["team"]
    ratings: TeamRatings
    global_rating: Annotated[int, Field(ge=1, le=10)] | None = None


class RatingCommand(BaseModel):
    """Store this TEAM rating with the team's round ``round``."""

    model_config = _MESSAGE
    kind: Literal["rating"]
    round: RoundKey
    rating: TeamRating


if typing.TYPE_CHECKING:
    Command: typing.TypeAlias = (
        TriggerCommand
        | PauseCommand
        | ResumeCommand
        | HuddleCommand
        | EndCommand
        | TagCommand
        | RatingCommand
    )
else:
    Command = Annotated[
        TriggerCommand
        | PauseCommand
        | ResumeCommand
        | HuddleCommand
        | EndCommand
        | TagCommand
        | RatingCommand,
        Field(discriminator="kind"),
    ]
"""Any command the dashboard can send a game."""

COMMAND_KINDS = ("trigger", "pause", "resume", "huddle", "end", "tag", "rating")


# --- game -> hub ------------------------------------------------------------------------


class Record(BaseModel):
    """One line of a round log: its 0-based line number and the line's JSON object."""

    model_config = _MESSAGE
    seq: Seq
    line: dict[str, Any]


class Hello(BaseModel):
    """The first message on ``/ws/game``: the token ``/api/join`` gave this game."""

    model_config = _MESSAGE
    type: Literal["hello"]
    token: Secret


class RecordsMessage(BaseModel):
    """A batch of one round's records (sent at most a second after they were logged)."""

    model_config = _MESSAGE
    type: Literal["records"]
    round: RoundKey
    records: Annotated[list[Record], Field(min_length=1, max_length=MAX_RECORDS)]


class StatusMessage(BaseModel):
    """What the team's dashboard tile shows (sent when it changes, about once a second)."""

    model_config = _MESSAGE
    type: Literal["status"]
    state: GameState = "lobby"
    round: RoundKey | None = None
    level: Text = ""
    time_left_s: Annotated[float, Field(ge=0.0, le=36000.0, allow_inf_nan=False)] | None = None
    score: Annotated[int, Field(ge=-1_000_000, le=1_000_000)] = 0
    open_orders: Count = 0
    disruption: Text | None = None
    callouts: Count = 0
    closed_loop_ratio: Share | None = None
    talk_share: Share | None = None


class DoneMessage(BaseModel):
    """The game's answer to a :class:`CommandMessage`: carried out or not, and why."""

    model_config = _MESSAGE
    type: Literal["done"]
    id: CommandId
    ok: bool
    message: Annotated[str, Field(max_length=MAX_MESSAGE_TEXT)] = ""


if typing.TYPE_CHECKING:
    GameMessage: typing.TypeAlias = (
        Hello | RecordsMessage | StatusMessage | DoneMessage | TagsMessage | CyclesMessage
    )
else:
    GameMessage = Annotated[
        Hello | RecordsMessage | StatusMessage | DoneMessage | TagsMessage | CyclesMessage,
        Field(discriminator="type"),
    ]
"""Anything a game sends on ``/ws/game``."""


# --- hub -> game ------------------------------------------------------------------------


class Welcome(BaseModel):
    """The hub's answer to :class:`Hello`: for each of this game's rounds it holds, the last
    record number of its gap-free run from 0 (the game resends everything after it)."""

    model_config = _MESSAGE
    type: Literal["welcome"]
    game_id: GameId
    workshop: Text = ""
    protocol: int = PROTOCOL_VERSION
    have: dict[RoundKey, Seq] = Field(default_factory=dict)


class AckMessage(BaseModel):
    """Records 0..``upto`` of ``round`` are stored (a gap-free run)."""

    model_config = _MESSAGE
    type: Literal["ack"]
    round: RoundKey
    upto: Annotated[int, Field(ge=-1, le=MAX_SEQ)]


class CommandMessage(BaseModel):
    """A command from the dashboard; the game answers with a :class:`DoneMessage`."""

    model_config = _MESSAGE
    type: Literal["command"]
    id: CommandId
    command: Command


class ErrorMessage(BaseModel):
    """The hub refused a message (one clear line); ``closed``: it also closes the link."""

    model_config = _MESSAGE
    type: Literal["error"]
    error: Annotated[str, Field(max_length=MAX_MESSAGE_TEXT)]
    closed: bool = False


if typing.TYPE_CHECKING:
    HubMessage: typing.TypeAlias = Welcome | AckMessage | CommandMessage | ErrorMessage
else:
    HubMessage = Annotated[
        Welcome | AckMessage | CommandMessage | ErrorMessage, Field(discriminator="type")
    ]
"""Anything the hub sends a game on ``/ws/game``."""


# --- dashboard --------------------------------------------------------------------------


class Tile(BaseModel):
    """One team's tile on the dashboard: who, whether connected, its latest status and how
    many records of its current round the hub holds."""

    model_config = _MESSAGE
    game_id: GameId
    team: TeamName
    machine: Text = ""
    connected: bool = False
    state: GameState = "lobby"
    round: RoundKey | None = None
    level: Text = ""
    time_left_s: float | None = None
    score: int = 0
    open_orders: int = 0
    disruption: Text | None = None
    callouts: int = 0
    closed_loop_ratio: float | None = None
    talk_share: float | None = None
    records: int = 0
    rounds: list[RoundKey] = Field(default_factory=list)
    last_done: Annotated[str, Field(max_length=MAX_MESSAGE_TEXT)] = ""
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] | None = None
    """The observation tags of the game's settings (``None``: not sent; the default tags)."""
    cycles: int = 0
    """How many times the team's improvement cycles reached the hub (0: never); the
    dashboard reads ``GET /api/cycles`` again when it changes."""


class TileMessage(BaseModel):
    """Pushed on ``/ws/dashboard`` whenever a team's tile changes."""

    model_config = _MESSAGE
    type: Literal["tile"]
    team: Tile


class DashboardDone(BaseModel):
    """Pushed on ``/ws/dashboard`` when a game answers a command."""

    model_config = _MESSAGE
    type: Literal["done"]
    game_id: GameId
    id: CommandId
    ok: bool
    message: Annotated[str, Field(max_length=MAX_MESSAGE_TEXT)] = ""


if typing.TYPE_CHECKING:
    DashboardMessage: typing.TypeAlias = TileMessage | DashboardDone
else:
    DashboardMessage = Annotated[TileMessage | DashboardDone, Field(discriminator="type")]
"""Anything the hub pushes on ``/ws/dashboard``."""


# --- HTTP bodies ------------------------------------------------------------------------


class JoinRequest(BaseModel):
    """``POST /api/join``: a game asks to join with the workshop's join code."""

    model_config = _MESSAGE
    join_code: Code
    team: TeamName
    machine: Text = ""


class JoinReply(BaseModel):
    """The hub's answer to a good join: this game's id and its own token."""

    model_config = _MESSAGE
    game_id: GameId
    token: Secret
    workshop: Text


class ErrorReply(BaseModel):
    """Any refusal over HTTP: one clear line."""

    model_config = _MESSAGE
    error: str


class LoginRequest(BaseModel):
    """``POST /login``: the facilitator code (JSON or a form field ``code``)."""

    model_config = _MESSAGE
    code: Code


class StateReply(BaseModel):
    """``GET /api/state``: the workshop, this dashboard session's CSRF token, every team."""

    model_config = _MESSAGE
    workshop: Text
    csrf: Secret
    teams: list[Tile]


class CommandReply(BaseModel):
    """The answer to a dashboard command: its id and the games it was sent to."""

    model_config = _MESSAGE
    id: CommandId
    sent_to: list[GameId]


# --- parsing ----------------------------------------------------------------------------


class ProtocolError(ValueError):
    """A message that is refused: ``str(error)`` is one clear line naming what is wrong."""


T = TypeVar("T")

_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(shape: Any) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(shape)
    if adapter is None:
        adapter = _ADAPTERS[shape] = TypeAdapter(shape)
    return adapter


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)[:40]
    return text


def _one_line(err: ValidationError) -> str:
    first = err.errors(include_url=False, include_input=False)[0]
    loc = tuple(part for part in first["loc"] if isinstance(part, int | str))
    # the discriminated union puts the chosen tag in the path: drop it, people never see it
    if loc and isinstance(loc[0], str) and first["type"] != "union_tag_invalid":
        loc = loc[1:] if len(loc) > 1 and loc[0] in _TAGS else loc
    where = _where(loc)
    ctx = first.get("ctx") or {}
    message = error_words(first["type"], ctx, first["msg"])
    if first["type"] == "union_tag_invalid":
        name = str(ctx.get("discriminator", "kind")).strip("'")
        # a game looks for "unknown type 'tags'" in the words of a hub from before that
        # message; such a hub speaks English, so the words may be translated
        message = _("unknown {name} {value}; expected one of {expected}").format(
            name=name,
            value=repr(str(ctx.get("tag", ""))[:40]),
            expected=ctx.get("expected_tags", ""),
        )
    elif first["type"] == "union_tag_not_found":
        message = _("missing {name}").format(name=ctx.get("discriminator", "kind"))
    elif first["type"] == "string_pattern_mismatch":
        help_text = _PATTERN_HELP.get(str(ctx.get("pattern")))
        message = _(help_text) if help_text else _("holds characters not allowed here")
    more = err.error_count() - 1
    suffix = ngettext(" (and {n} more problem)", " (and {n} more problems)", more) if more else ""
    suffix = suffix.format(n=more)
    return (f"{where}: {message}" if where else message)[:240] + suffix


_PATTERN_HELP = {
    ROUND_KEY_PATTERN: N_(
        "must be a round key: session name (letters, digits, _ and -), '/', round number"
    ),
    _NAME_PATTERN: N_("must not hold control characters"),
    SESSION_PATTERN: N_("must be a session folder's name (letters, digits, _ and -)"),
}

_TAGS = frozenset(
    {"hello", "records", "status", "done", "welcome", "ack", "command", "error", "tile"}
    | {"tags", "cycles"}
    | set(COMMAND_KINDS)
)


@typing.overload
def parse(shape: type[T], raw: str | bytes, what: str = "message") -> T: ...


@typing.overload
def parse(shape: Any, raw: str | bytes, what: str = "message") -> Any: ...


def parse(shape: Any, raw: str | bytes, what: str = "message") -> Any:
    """Check ``raw`` (JSON text) against ``shape`` (a model or one of the unions above).

    Raises:
        ProtocolError: too large, not JSON, or not of the shape; one clear line that never
            repeats the input.
    """
    size = len(raw.encode("utf-8", "replace") if isinstance(raw, str) else raw)
    if size > MAX_MESSAGE_BYTES:
        said = _("{what} refused: {size} bytes, at most {limit}")
        raise ProtocolError(said.format(what=what, size=size, limit=MAX_MESSAGE_BYTES))
    try:
        value = _adapter(shape).validate_json(raw)
    except ValidationError as err:
        first = err.errors(include_url=False, include_input=False)[0]
        if first["type"] == "json_invalid":
            said = _("{what} refused: not JSON ({reason})")
            raise ProtocolError(said.format(what=what, reason=json_reason(first["msg"]))) from None
        said = _("{what} refused: {reason}").format(what=what, reason=_one_line(err))
        raise ProtocolError(said) from None
    return value


def parse_game_message(raw: str | bytes) -> GameMessage:
    """A message a game sent on ``/ws/game`` (see :func:`parse`)."""
    result: GameMessage = parse(GameMessage, raw)
    return result


def parse_hub_message(raw: str | bytes) -> HubMessage:
    """A message the hub sent a game on ``/ws/game`` (see :func:`parse`)."""
    result: HubMessage = parse(HubMessage, raw)
    return result


def parse_dashboard_message(raw: str | bytes) -> DashboardMessage:
    """A message the hub pushed on ``/ws/dashboard`` (see :func:`parse`)."""
    result: DashboardMessage = parse(DashboardMessage, raw)
    return result


def parse_command(raw: str | bytes) -> Command:
    """A command posted by the dashboard (see :func:`parse`)."""
    result: Command = parse(Command, raw, "command")
    return result


def encode(message: BaseModel) -> str:
    """A message as compact JSON text (what goes on the wire)."""
    return message.model_dump_json(exclude_none=False)


def to_json_object(message: BaseModel) -> dict[str, Any]:
    """A message as a JSON-ready dict (for HTTP replies)."""
    data: dict[str, Any] = json.loads(message.model_dump_json())
    return data
