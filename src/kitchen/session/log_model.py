"""The shape of every record of a round log and of ``session.json``, checked on read.

Round logs and session files come back from disk, USB sticks and e-mail, so nothing in them
is trusted: every record is validated with the pydantic models below before the game uses
it, and every problem becomes one positioned line (``file:line:col: key.path: message``,
written by :mod:`kitchen.session.log_messages`). The models are applied line by line by
:class:`kitchen.session.record_checker.RecordChecker`;
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
import types
import typing
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, create_model

from kitchen import events as _events
from kitchen.content.fields import NAME_MAX
from kitchen.events import EVENTS_VERSION, MAX_MICS, Event, event_types
from kitchen.i18n import _
from kitchen.session.log_messages import UNPRINTABLE, shown
from kitchen.session.round_log import LOG_FORMAT_VERSION
from kitchen.sim.actions import ACTIONS, MAX_TALK_BATCH
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

MIN_LEVEL_DB = -200.0
"""Quietest loudness a talk frame may record (dBFS); the capture floors silence above it."""

_STRICT = ConfigDict(strict=True, extra="forbid")


# --- single values ---------------------------------------------------------------------


def _chef(value: int) -> int:
    if not 1 <= value <= 4:
        raise ValueError(_("a chef is numbered 1 to 4, not {given}").format(given=value))
    return value


def _seed(value: int) -> int:
    if value < 0:
        raise ValueError(_("must be a whole number 0 or more, not {given}").format(given=value))
    return value


MAX_CALLOUT = len("on_it:") + NAME_MAX + len("@4")
"""The longest call-out a level allows: ``on_it:`` (or ``need:``) with the longest item name
a level may give an ingredient, addressed to a chef."""


def _callout(value: str | None) -> str | None:
    if value is not None and len(value) > MAX_CALLOUT:  # no call-out is longer: do not echo it
        raise ValueError(
            _("unknown call-out {given}; use one of {items}").format(
                given=shown(value), items=", ".join(CALLOUT_KINDS)
            )
        )
    return None if value is None else check_callout(value)


def _unique_chefs(value: list[int]) -> list[int]:
    if len(set(value)) != len(value):
        raise ValueError(_("a chef is listed twice in {chefs}").format(chefs=value))
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
        or UNPRINTABLE.search(value)
    ):
        raise ValueError(
            _("must be a file name inside the session folder, not {given}").format(
                given=shown(value)
            )
        )
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


class ActionRecord(BaseModel):
    """What every facilitator action line holds."""

    model_config = _STRICT
    record: Literal["action"]
    tick: Tick


class TriggerRecord(ActionRecord):
    """The facilitator starts one of the level's disruptions."""

    action: Literal["trigger"]
    index: Annotated[int, Field(ge=0, le=MAX_NUMBER)]


class EndDisruptionRecord(ActionRecord):
    """The facilitator ends a running disruption."""

    action: Literal["end_disruption"]
    disruption_id: Annotated[int, Field(ge=0, le=MAX_NUMBER)]


class ExtendRecord(ActionRecord):
    """The facilitator gives the team more time."""

    action: Literal["extend"]
    seconds: Annotated[int, Field(ge=1, le=MAX_EXTEND_SECONDS)]


class EndRecord(ActionRecord):
    """The facilitator stops the round."""

    action: Literal["end"]
    reason: str = "ended"


class TagRecord(ActionRecord):
    """The facilitator marks a moment."""

    action: Literal["tag"]
    label: str
    note: str = ""


class SetControllerRecord(ActionRecord):
    """A chef changes hands (a pad takes it over, a computer cook does, or nobody plays it
    any more: ``nobody``, which a log from before it existed does not have)."""

    action: Literal["set_controller"]
    player: Chef
    controller: Literal["person", "computer", "nobody"]


Mic = Annotated[int, Field(ge=0, lt=MAX_MICS)]
TalkString = Annotated[str, Field(min_length=1, max_length=MAX_TALK_BATCH, pattern="^[01]+$")]
Level = Annotated[float, Field(ge=MIN_LEVEL_DB, le=0.0, allow_inf_nan=False)]
"""A talk frame's loudness in dBFS (silence is floored at :data:`MIN_LEVEL_DB`)."""


class TalkHeardRecord(ActionRecord):
    """The microphone capture heard these 100 ms frames (talk or no talk, and loudness)."""

    action: Literal["talk_heard"]
    mic: Mic
    first_index: Annotated[int, Field(ge=0, le=MAX_TICK)]
    talk: TalkString
    levels: Annotated[list[Level], Field(min_length=1, max_length=MAX_TALK_BATCH)]


class MicrophoneRecord(ActionRecord):
    """A microphone changed state (the capture writes it)."""

    action: Literal["microphone"]
    mic: Mic
    state: Literal["calibrating", "listening", "lost", "none"]
    label: Annotated[str, Field(max_length=80)] = ""


ACTION_RECORDS: dict[str, type[ActionRecord]] = {
    "trigger": TriggerRecord,
    "end_disruption": EndDisruptionRecord,
    "extend": ExtendRecord,
    "end": EndRecord,
    "tag": TagRecord,
    "set_controller": SetControllerRecord,
    "talk_heard": TalkHeardRecord,
    "microphone": MicrophoneRecord,
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
    _AnyActionRecord: typing.TypeAlias = ActionRecord
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

BODY: TypeAdapter[CommandRecord | ActionRecord | EventRecord | ObservationRecord] = TypeAdapter(
    BodyRecord
)


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
