"""The shape of every record of a round log and of ``session.json``, checked on read.

Round logs and session files come back from disk, USB sticks and e-mail, so nothing in them
is trusted: every record is validated with the pydantic models below before the game uses
it, and every problem becomes one positioned line (``file:line:col: key.path: message``).
:func:`kitchen.session.replay.read_round_log` and
:meth:`kitchen.session.store.Session.open` are the only readers; ``kitchen replay``,
``kitchen report`` and the debrief all go through them, so no command accepts a file another
one refuses.

Limits (documented in ``docs/events.md``):

- :data:`MAX_LOG_BYTES`: a round log is at most 64 MB (a busy 10-minute round with four
  chefs is about 3 MB);
- :data:`MAX_SESSION_BYTES`: a ``session.json`` is at most 1 MB;
- JSON nesting at most :data:`kitchen.content.reading.MAX_JSON_DEPTH` levels per record;
- ticks at most :data:`MAX_TICK` (four hours of play), extensions 1 to
  :data:`MAX_EXTEND_SECONDS` seconds, every other whole number in an event within
  ±:data:`MAX_NUMBER`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import types
import typing
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    create_model,
)

from kitchen import events as _events
from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import check_json_depth, parse_json, position_of
from kitchen.events import CONTROLLERS, EVENTS_VERSION, Event, event_types
from kitchen.session.round_log import LOG_FORMAT, LOG_FORMAT_VERSION
from kitchen.sim.actions import ACTIONS, Action
from kitchen.sim.assists import Assists
from kitchen.sim.commands import CALLOUT_KINDS, check_callout
from kitchen.sim.spec import TICKS_PER_SECOND

MAX_LOG_BYTES = 64 * 1024 * 1024
"""Largest round log read (bytes)."""

MAX_SESSION_BYTES = 1024 * 1024
"""Largest ``session.json`` read (bytes)."""

MAX_TICK = 4 * 60 * 60 * TICKS_PER_SECOND
"""Latest tick a log may mention: four hours of play (the longest level is an hour, an
hour and a half with the longer-rounds assist, plus the facilitator's extensions)."""

MAX_EXTEND_SECONDS = 3600
"""Most time one ``extend`` action may add (the facilitator's button adds 30 s)."""

MAX_NUMBER = 10**9
"""Bound on every other whole number in an event (ids, points, durations)."""

MAX_ROUNDS = 9999
"""Highest round number in a session."""

_STRICT = ConfigDict(strict=True, extra="forbid")


# --- single values ---------------------------------------------------------------------


def _chef(value: int) -> int:
    if not 1 <= value <= 4:
        raise ValueError(f"a chef is numbered 1 to 4, not {value}")
    return value


def _seed(value: int) -> int:
    if value < 0:
        raise ValueError(f"must be a whole number 0 or more, not {value}")
    return value


def _callout(value: str | None) -> str | None:
    if value is not None and len(value) > 40:  # no call-out is this long: do not echo it
        raise ValueError(f"unknown call-out {_shown(value)}; use one of {', '.join(CALLOUT_KINDS)}")
    return None if value is None else check_callout(value)


def _unique_chefs(value: list[int]) -> list[int]:
    if len(set(value)) != len(value):
        raise ValueError(f"a chef is listed twice in {value}")
    return value


def _file_name(value: str) -> str:
    """A round's log must be a plain file name inside the session folder."""
    posix, windows = PurePosixPath(value), PureWindowsPath(value)
    if (
        not value
        or value in (".", "..")
        or "\x00" in value
        or posix.is_absolute()
        or windows.is_absolute()
        or windows.drive
        or len(posix.parts) != 1
        or len(windows.parts) != 1
        or len(value) > 255
        or _UNPRINTABLE.search(value)
    ):
        raise ValueError(f"must be a file name inside the session folder, not {_shown(value)}")
    return value


Chef = Annotated[int, AfterValidator(_chef)]
Tick = Annotated[int, Field(ge=0, le=MAX_TICK)]


# --- round-log records ------------------------------------------------------------------


class LevelRecord(BaseModel):
    """The level as it was played, stored whole in the header."""

    model_config = _STRICT
    name: str
    file: str = ""
    sha256: str | None = None
    text: str


class AssistsRecord(BaseModel):
    """Assist options of the round."""

    model_config = _STRICT
    slower_orders: bool = False
    longer_rounds: bool = False
    no_burning: bool = False


class SettingsRecord(BaseModel):
    """Round settings: roles and zones enforced, and assists."""

    model_config = _STRICT
    silos: bool = True
    assists: AssistsRecord = Field(default_factory=AssistsRecord)


class HeaderRecord(BaseModel):
    """Line 1 of a round log."""

    model_config = _STRICT
    record: Literal["header"]
    format: Literal["systems-kitchen-round"]
    format_version: Annotated[int, Field(ge=1, le=LOG_FORMAT_VERSION)]
    game_version: str = ""
    events_version: Annotated[int, Field(ge=1, le=EVENTS_VERSION)] = 1
    tick_rate: Literal[60] = TICKS_PER_SECOND
    created: str = ""
    team: str = ""
    session_id: str = ""
    round_index: Annotated[int, Field(ge=1, le=MAX_ROUNDS)] = 1
    level: LevelRecord
    seed: Annotated[int, AfterValidator(_seed)]
    players: Annotated[list[Chef], Field(min_length=1, max_length=4), AfterValidator(_unique_chefs)]
    people: Annotated[list[Chef], Field(max_length=4), AfterValidator(_unique_chefs)] | None = None
    settings: SettingsRecord = Field(default_factory=SettingsRecord)


Step = Annotated[int, Field(ge=-1, le=1)]


class CommandRecord(BaseModel):
    """A player's input that changed this tick (move and use carry forward)."""

    model_config = _STRICT
    record: Literal["command"]
    tick: Tick
    player: Chef
    move: tuple[Step, Step]
    use: bool
    interact: bool
    callout: Annotated[str | None, AfterValidator(_callout)] = None


class _ActionBase(BaseModel):
    model_config = _STRICT
    record: Literal["action"]
    tick: Tick


class TriggerRecord(_ActionBase):
    """The facilitator starts one of the level's disruptions."""

    action: Literal["trigger"]
    index: Annotated[int, Field(ge=0, le=MAX_NUMBER)]


class EndDisruptionRecord(_ActionBase):
    """The facilitator ends a running disruption."""

    action: Literal["end_disruption"]
    disruption_id: Annotated[int, Field(ge=0, le=MAX_NUMBER)]


class ExtendRecord(_ActionBase):
    """The facilitator gives the team more time."""

    action: Literal["extend"]
    seconds: Annotated[int, Field(ge=1, le=MAX_EXTEND_SECONDS)]


class EndRecord(_ActionBase):
    """The facilitator stops the round."""

    action: Literal["end"]
    reason: str = "ended"


class TagRecord(_ActionBase):
    """The facilitator marks a moment."""

    action: Literal["tag"]
    label: str
    note: str = ""


class SetControllerRecord(_ActionBase):
    """A chef changes hands (a pad takes it over, or no person plays it any more)."""

    action: Literal["set_controller"]
    player: Chef
    controller: Literal["person", "computer"]


ACTION_RECORDS: dict[str, type[_ActionBase]] = {
    "trigger": TriggerRecord,
    "end_disruption": EndDisruptionRecord,
    "extend": ExtendRecord,
    "end": EndRecord,
    "tag": TagRecord,
    "set_controller": SetControllerRecord,
}
assert set(ACTION_RECORDS) == set(ACTIONS), "every facilitator action needs a log record"

_Number = Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]


def _bounded(annotation: Any) -> Any:
    """``annotation`` with every ``int`` in it bounded by :data:`MAX_NUMBER`."""
    if annotation is int:
        return _Number
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is tuple:
        return tuple[tuple(a if a is Ellipsis else _bounded(a) for a in args)]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_bounded(a) for a in args)]  # noqa: UP007
    return annotation


def _event_model(name: str, cls: type[Event]) -> type[BaseModel]:
    hints = typing.get_type_hints(cls, vars(_events))
    fields: dict[str, Any] = {"type": (Literal[name], ...)}
    for f in dataclasses.fields(cls):
        default = ... if f.default is dataclasses.MISSING else f.default
        fields[f.name] = (Tick if f.name == "tick" else _bounded(hints[f.name]), default)
    return create_model(f"{cls.__name__}Record", __config__=_STRICT, **fields)


EVENT_RECORDS: dict[str, type[BaseModel]] = {
    name: _event_model(name, cls) for name, cls in event_types().items()
}
"""One strict model per event type, made from the event's own dataclass so that the two
never drift apart."""


if typing.TYPE_CHECKING:
    # The unions are built at run time from the two registries; to a type checker a checked
    # event is one of the event records and an action one of the action records.
    _AnyEventRecord: typing.TypeAlias = BaseModel
    _AnyActionRecord: typing.TypeAlias = _ActionBase
else:
    _AnyEventRecord = Annotated[
        typing.Union[tuple(EVENT_RECORDS.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]
    _AnyActionRecord = Annotated[
        typing.Union[tuple(ACTION_RECORDS.values())],  # noqa: UP007
        Field(discriminator="action"),
    ]


class EventRecord(BaseModel):
    """An event line: the event is checked against the model of its ``type``."""

    model_config = _STRICT
    record: Literal["event"]
    event: _AnyEventRecord


# --- observation records (written after the round, never replayed) ---------------------

MAX_NOTE = 2000
"""Longest text a facilitator or the team types into an observation record (characters)."""

TEAM_ITEMS = (
    "leader_direction",
    "leader_overview",
    "communication",
    "working_together",
    "composure",
    "morale",
    "adapting",
    "monitoring",
    "anticipating",
    "prioritising",
    "standards",
)
"""The keys of the eleven TEAM items (Cooper et al., 2010), in the published order; their
wording is in :mod:`kitchen.debrief.observations`."""


def _note(value: str) -> str:
    if len(value) > MAX_NOTE:
        raise ValueError(f"is {len(value)} characters long; at most {MAX_NOTE}")
    return value


Note = Annotated[str, AfterValidator(_note)]
Rating = Annotated[int, Field(ge=0, le=4)]


class TeamRatings(BaseModel):
    """The TEAM items rated 0 (never or hardly ever) to 4 (always or nearly always); an item
    left out or ``null`` was not observed."""

    model_config = _STRICT
    leader_direction: Rating | None = None
    leader_overview: Rating | None = None
    communication: Rating | None = None
    working_together: Rating | None = None
    composure: Rating | None = None
    morale: Rating | None = None
    adapting: Rating | None = None
    monitoring: Rating | None = None
    anticipating: Rating | None = None
    prioritising: Rating | None = None
    standards: Rating | None = None


assert tuple(TeamRatings.model_fields) == TEAM_ITEMS, "one field per TEAM item, in order"


class ObservationRecord(BaseModel):
    """What people wrote about a round after it: appended to its log, never replayed."""

    model_config = _STRICT
    record: Literal["observation"]
    created: Note = ""


class TeamRatingRecord(ObservationRecord):
    """The facilitator's TEAM rating of the round (the latest one in a log counts)."""

    kind: Literal["team"]
    ratings: TeamRatings
    global_rating: Annotated[int, Field(ge=1, le=10)] | None = None


class TagNoteRecord(ObservationRecord):
    """The facilitator's note on one of the round's tags (``tick`` and ``label`` name it)."""

    kind: Literal["tag_note"]
    tick: Tick
    label: Note
    note: Note


class TakeawaysRecord(ObservationRecord):
    """The team's take-aways typed in the debrief's Application phase."""

    kind: Literal["takeaways"]
    keep: Note = ""
    change: Note = ""
    at_work: Note = ""


OBSERVATION_RECORDS: dict[str, type[ObservationRecord]] = {
    "team": TeamRatingRecord,
    "tag_note": TagNoteRecord,
    "takeaways": TakeawaysRecord,
}

if typing.TYPE_CHECKING:
    _AnyObservationRecord: typing.TypeAlias = ObservationRecord
else:
    _AnyObservationRecord = Annotated[
        typing.Union[tuple(OBSERVATION_RECORDS.values())],  # noqa: UP007
        Field(discriminator="kind"),
    ]


BodyRecord = Annotated[
    typing.Union[CommandRecord, _AnyActionRecord, EventRecord, _AnyObservationRecord],  # noqa: UP007
    Field(discriminator="record"),
]
"""Any line after the header."""

BODY: TypeAdapter[CommandRecord | _ActionBase | EventRecord | ObservationRecord] = TypeAdapter(
    BodyRecord
)

_EVENT_CLASSES = event_types()
_CHEF_FIELDS = ("player", "by_player", "from_player", "to_player")


# --- session.json -----------------------------------------------------------------------


class RoundEntry(BaseModel):
    """One round filed in ``session.json``."""

    model_config = _STRICT
    index: Annotated[int, Field(ge=1, le=MAX_ROUNDS)]
    log: Annotated[str, AfterValidator(_file_name)]
    level: str


class SessionRecord(BaseModel):
    """``session.json``: the team, when the session began, and its rounds."""

    model_config = _STRICT
    team: str
    created: str
    rounds: list[RoundEntry] = Field(default_factory=list)


# --- messages ---------------------------------------------------------------------------

_KINDS = {
    "dict_type": "an object {...}",
    "model_type": "an object {...}",
    "model_attributes_type": "an object {...}",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text in quotes",
    "list_type": "a list [...]",
    "tuple_type": "a list [...]",
    "float_type": "a number",
}


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
MAX_MESSAGE = 200
"""Longest message text (it may quote a file's content, which can be anything)."""


def printable(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` on one line, with invisible characters written as ``\\uXXXX``, cut to
    ``limit`` characters: safe to print whatever a damaged file held."""
    text = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shown(value: Any) -> str:
    """A short JSON rendering of ``value`` for messages."""
    if isinstance(value, dict):
        return "an object {...}"
    if isinstance(value, (list, tuple)):
        return "a list [...]"
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return printable(text, 40)


def key_path(loc: Sequence[str | int]) -> str:
    """``("rounds", 0, "log")`` -> ``rounds[0].log``; odd keys are quoted:
    ``event["p\\ufefflayer"]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(part):
            out += f"[{_shown(part)}]"
        else:
            out += f".{part}" if out else part
    return out


def describe_error(error: Any) -> str:
    """One pydantic error as a sentence a facilitator can act on."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind in _KINDS:
        return f"must be {_KINDS[kind]}, not {_shown(given)}"
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a field of this record"
    if kind == "greater_than_equal":
        return f"must be {ctx.get('ge')} or more, not {_shown(given)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {_shown(given)}"
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}, not {_shown(given)}"
    if kind == "too_short":
        return f"must hold at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"must hold at most {ctx.get('max_length')} item(s)"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return printable(str(ctx["error"]))
    return printable(str(error.get("msg", "is not valid")).replace("Input should be", "must be"))


# --- finding a key in JSON text, for positions --------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, i: int) -> int:
    return _WHITESPACE.match(text, i).end()  # type: ignore[union-attr]


def _child(text: str, i: int, key: str | int) -> int | None:
    """Index of the value under ``key`` in the object or list starting at ``text[i]``."""
    found = None
    if text.startswith("{", i) and isinstance(key, str):
        j = _skip(text, i + 1)
        while text.startswith('"', j):
            name, j = json.decoder.scanstring(text, j + 1)  # type: ignore[attr-defined]
            j = _skip(text, j)
            if not text.startswith(":", j):
                return found
            j = _skip(text, j + 1)
            if name == key:
                found = j  # the last one wins, as in json.loads
            _, j = _DECODER.raw_decode(text, j)
            j = _skip(text, j)
            if not text.startswith(",", j):
                break
            j = _skip(text, j + 1)
    elif text.startswith("[", i) and isinstance(key, int):
        j, n = _skip(text, i + 1), 0
        while j < len(text) and not text.startswith("]", j):
            if n == key:
                return j
            _, j = _DECODER.raw_decode(text, j)
            j = _skip(text, j)
            if not text.startswith(",", j):
                break
            j, n = _skip(text, j + 1), n + 1
    return found


def locate(text: str, loc: Sequence[str | int]) -> int:
    """Where the value at ``loc`` starts in JSON ``text`` (or the deepest part of the path
    that is there: a missing key points at its object)."""
    i = _skip(text, 0)
    for key in loc:
        try:
            found = _child(text, i, key)
        except (ValueError, IndexError):
            found = None
        if found is None:
            break
        i = found
    return i


def problems_of(
    err: ValidationError,
    name: str,
    text: str,
    *,
    first_line: int = 1,
    prefix: Sequence[str | int] = (),
    skip: int = 0,
) -> list[Problem]:
    """Positioned problems for a validation error of the JSON value in ``text``.

    ``prefix`` is where the validated value sits in ``text``; ``skip`` drops that many
    leading parts of each error's location (a model's own tag)."""
    out = []
    for error in err.errors():
        loc = (*prefix, *error["loc"][skip:])
        line, col = position_of(text, locate(text, loc), first_line=first_line)
        out.append(Problem(name, line, col, describe_error(error), key_path(loc)))
    return out


# --- checking records -------------------------------------------------------------------


def _body_path(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The key path in the line of a :data:`BodyRecord` error location (without the tags
    pydantic puts in for each discriminated union)."""
    if not loc:
        return ()
    tag, rest = loc[0], tuple(loc[1:])
    if tag in ("action", "observation"):
        rest = rest[1:]
    elif tag == "event" and len(rest) >= 2 and rest[0] == "event":
        rest = ("event", *rest[2:])
    return rest


_TAGS = {  # discriminator: (its key, what it names, what is accepted)
    "'record'": (
        "record",
        "record",
        'a line is a "command", an "action", an "event" or an "observation"',
    ),
    "'kind'": ("kind", "observation kind", f"one of {', '.join(OBSERVATION_RECORDS)}"),
    "'action'": ("action", "facilitator action", f"one of {', '.join(ACTION_RECORDS)}"),
    "'type'": ("type", "event type", "the event types are listed in docs/events.md"),
}


class RecordChecker:
    """Checks the lines of one round log, one by one.

    Args:
        name: the log's name in messages.
        level_check: given the header, returns the problems with its level (it loads the
            level stored in the header) as ``(key path, message)`` pairs; ``None`` skips it.
    """

    def __init__(
        self,
        name: str,
        level_check: Callable[[HeaderRecord], list[tuple[tuple[str | int, ...], str]]]
        | None = None,
    ) -> None:
        self.name = name
        self.header: HeaderRecord | None = None
        self._level_check = level_check
        self._seated: frozenset[int] = frozenset(range(1, 5))

    def _problem(self, text: str, number: int, loc: Sequence[str | int], message: str) -> Problem:
        line, col = position_of(text, locate(text, loc), first_line=number)
        return Problem(self.name, line, col, message, key_path(loc))

    def _fail(self, text: str, number: int, loc: Sequence[str | int], message: str) -> SourceError:
        return SourceError(self._problem(text, number, loc, message))

    def header_of(self, text: str, number: int = 1) -> HeaderRecord:
        """Check the header line ``text``.

        Raises:
            SourceError: it is not a round-log header, or a field is wrong.
        """
        record = parse_json(text, self.name, first_line=number)
        if (
            not isinstance(record, dict)
            or record.get("record") != "header"
            or record.get("format") != LOG_FORMAT
        ):
            raise SourceError(
                Problem(
                    self.name, number, 1, "the first line is not a Systems Kitchen round-log header"
                )
            )
        version = record.get("format_version")
        if (
            isinstance(version, int)
            and not isinstance(version, bool)
            and version > LOG_FORMAT_VERSION
        ):
            raise self._fail(
                text,
                number,
                ("format_version",),
                f"log format version {version} is newer than this game reads "
                f"({LOG_FORMAT_VERSION}); "
                "update the game to read it",
            )
        try:
            header = HeaderRecord.model_validate(record)
        except ValidationError as err:
            raise SourceError(*problems_of(err, self.name, text, first_line=number)) from None
        level = header.level
        digest = hashlib.sha256(level.text.encode("utf-8", "surrogatepass")).hexdigest()
        if level.sha256 is not None and digest != level.sha256:
            raise self._fail(
                text,
                number,
                ("level", "sha256"),
                "does not match the level text stored beside it (the log was edited)",
            )
        if self._level_check is not None:
            found = self._level_check(header)
            if found:
                raise SourceError(
                    *(self._problem(text, number, loc, message) for loc, message in found)
                )
        strangers = [p for p in header.people or () if p not in header.players]
        if strangers:
            raise self._fail(
                text,
                number,
                ("people",),
                f"chefs {strangers} are not playing in this round (chefs {header.players})",
            )
        self.header = header
        self._seated = frozenset(header.players)
        return header

    def body_of(
        self, text: str, number: int
    ) -> CommandRecord | _ActionBase | Event | ObservationRecord:
        """Check a line after the header: a command, an action, an event or an observation.

        Raises:
            SourceError: naming what is wrong, positioned in the line.
        """
        check_json_depth(text, self.name, first_line=number)
        try:
            record = BODY.validate_json(text)
        except ValidationError as err:
            raise SourceError(*self._body_problems(err, text, number)) from None
        if isinstance(record, EventRecord):
            return self._event(record.event, text, number)
        if isinstance(record, SetControllerRecord) and record.player not in self._seated:
            raise self._fail(
                text,
                number,
                ("player",),
                f"chef {record.player} is not playing in this round (chefs {sorted(self._seated)})",
            )
        return record

    def _body_problems(self, err: ValidationError, text: str, number: int) -> list[Problem]:
        errors = err.errors()
        if any(e["type"] == "json_invalid" for e in errors):
            parse_json(text, self.name, first_line=number)  # raises with json's position
            return [Problem(self.name, number, 1, f"not JSON: {errors[0]['msg']}")]
        out = []
        for error in errors:
            kind, ctx = error["type"], error.get("ctx") or {}
            if (
                kind in ("union_tag_invalid", "union_tag_not_found")
                and ctx.get("discriminator") in _TAGS
            ):
                key, noun, accepted = _TAGS[ctx["discriminator"]]
                loc = (*_body_path(error["loc"]), key)
                if key == "record" and ctx.get("tag") == "header":
                    out.append(
                        self._problem(text, number, loc, "a second header: only line 1 is a header")
                    )
                elif kind == "union_tag_not_found":
                    out.append(self._problem(text, number, loc, f"is missing; {accepted}"))
                else:
                    out.append(
                        self._problem(
                            text,
                            number,
                            loc,
                            f"unknown {noun} {_shown(ctx.get('tag'))}; {accepted}",
                        )
                    )
                continue
            if kind == "model_attributes_type" or (kind == "dict_type" and not error["loc"]):
                out.append(
                    Problem(
                        self.name,
                        number,
                        1,
                        "each line must be a JSON object {...}, not " + _shown(error.get("input")),
                    )
                )
                continue
            out.append(self._problem(text, number, _body_path(error["loc"]), describe_error(error)))
        return out

    def _event(self, checked: BaseModel, text: str, number: int) -> Event:
        values = dict(checked.__dict__)
        kind = values.pop("type")
        for key in _CHEF_FIELDS:
            chef = values.get(key)
            if chef is not None and chef not in self._seated:
                raise self._fail(
                    text,
                    number,
                    ("event", key),
                    f"chef {chef} is not playing in this round (chefs {sorted(self._seated)})",
                )
        if kind == "round_started":
            strangers = [p for p in values["people"] or () if p not in values["players"]]
            if strangers:
                raise self._fail(
                    text,
                    number,
                    ("event", "people"),
                    f"chefs {strangers} are not among the players {list(values['players'])}",
                )
            if values["ticks_per_second"] != TICKS_PER_SECOND:
                raise self._fail(
                    text,
                    number,
                    ("event", "ticks_per_second"),
                    f"must be {TICKS_PER_SECOND}, not {values['ticks_per_second']}",
                )
            if not 1 <= values["round_ticks"] <= MAX_TICK:
                raise self._fail(
                    text,
                    number,
                    ("event", "round_ticks"),
                    f"must be 1 to {MAX_TICK}, not {values['round_ticks']}",
                )
        if kind == "controller_changed" and values["controller"] not in CONTROLLERS:
            raise self._fail(
                text,
                number,
                ("event", "controller"),
                f"must be {' or '.join(CONTROLLERS)}, not {_shown(values['controller'])}",
            )
        if kind == "conditions_set":
            known = [f.name for f in dataclasses.fields(Assists)]
            unknown = [a for a in values["assists"] if a not in known]
            if unknown:
                raise self._fail(
                    text,
                    number,
                    ("event", "assists"),
                    f"unknown assist {_shown(unknown[0])}; the assists are {', '.join(known)}",
                )
        if kind == "callout":
            answers, delay = values.get("answers"), values.get("answer_delay")
            if (answers is None) != (delay is None):
                present = "answers" if delay is None else "answer_delay"
                missing = "answer_delay" if delay is None else "answers"
                raise self._fail(
                    text,
                    number,
                    ("event", present),
                    f"an answer to a call has both answers and answer_delay; {missing} is missing",
                )
            if delay is not None and delay < 0:
                raise self._fail(
                    text, number, ("event", "answer_delay"), f"must be 0 or more, not {delay}"
                )
        return _EVENT_CLASSES[kind](**values)


def action_of(record: _ActionBase) -> Action:
    """The facilitator action a checked action record stands for."""
    fields = record.model_dump(exclude={"record", "tick"})
    return ACTIONS[fields.pop("action")](**fields)


# --- session.json -----------------------------------------------------------------------


def check_session(data: Any, text: str, name: str, folder: Path) -> SessionRecord:
    """Check a parsed ``session.json`` of ``folder``: its shape, and that every round's log
    lies inside the folder (no ``../``, no absolute path, no link leading out).

    Raises:
        SourceError: one positioned problem per thing wrong.
    """
    if not isinstance(data, dict):
        raise SourceError(
            Problem(
                name,
                1,
                1,
                f'a session file is an object {{"team": ..., "rounds": [...]}}, not {_shown(data)}',
            )
        )
    try:
        session = SessionRecord.model_validate(data)
    except ValidationError as err:
        raise SourceError(*problems_of(err, name, text)) from None
    try:
        inside = folder.resolve()
    except (OSError, RuntimeError) as err:
        raise SourceError(
            Problem(str(folder), 0, 0, f"cannot open the session folder: {err}")
        ) from None
    problems = []
    for n, entry in enumerate(session.rounds):
        path = folder / entry.log
        try:
            if not path.is_symlink():
                continue
        except OSError:
            continue  # reading it later says what is wrong
        try:
            target = path.resolve()
        except (OSError, RuntimeError):
            target = None
        if target is None or not target.is_relative_to(inside):
            loc = ("rounds", n, "log")
            line, col = position_of(text, locate(text, loc))
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    f"{_shown(entry.log)} is a link leading out of the session folder; "
                    "it is not read",
                    key_path(loc),
                )
            )
    if problems:
        raise SourceError(*problems)
    return session
