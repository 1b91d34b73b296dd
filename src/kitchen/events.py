"""The event vocabulary: the public record of a round.

Every meaningful happening in a round is one of the frozen dataclasses below. A round's
events are the only input the debrief has, so this vocabulary is versioned
(:data:`EVENTS_VERSION`) and documented in ``docs/events.md``. Events serialise to plain
JSON objects with :meth:`Event.to_dict` and come back with :func:`event_from_dict`.

Conventions shared by all events:

* ``tick`` is the simulation tick at which the event happened (``ticks_per_second`` is in
  :class:`RoundStarted`).
* ``player`` is a chef's number, 1-4, or ``None`` when no chef caused the event.
* ``tile`` is ``[x, y]`` of the map cell involved (column, row, from the top left), or ``None``.
* ``item`` is a short description of an item (see ``docs/events.md``), ``item_id`` its
  identity, stable for the item's whole life.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from typing_extensions import dataclass_transform  # typing has it from Python 3.11

EVENTS_VERSION = 2
"""Bumped whenever an event type or field changes meaning or is removed.

2: who played is recorded (``round_started.people``, ``controller_changed``) and the
conditions of the round (``conditions_set``); a version-1 log's chefs were all people.
``controller_changed.controller`` later gained the value ``nobody`` (a chef left standing);
a version-2 log written before it says ``computer`` for such a chef too. An ``on_it``
``callout`` later gained an ``item`` (the item it answers, ``on_it:onion``): a version-2 log
written before it has ``null`` there, and its acknowledgements were linked by addressee only."""

Tile = tuple[int, int]

CONTROLLERS = ("person", "computer", "nobody")
"""Who plays a chef (``controller_changed.controller``): a person, a computer cook, or
nobody (the chef stands still, e.g. the team carried on without a lost gamepad's chef)."""

MIC_STATES = ("calibrating", "listening", "lost", "none")
"""What a microphone is doing (``microphone_changed.state``): learning the room's noise floor
(its frames are not recorded), listening, lost mid-round (unplugged, or the device stopped),
or none (there was no microphone to open, or it refused the format)."""

MAX_MICS = 2
"""Microphones a round can listen with (numbered 0 and 1)."""

TALK_FRAME_TICKS = 6
"""Ticks in one talk frame (100 ms at 60 ticks per second): frame ``i`` of a round covers
ticks ``6 i`` to ``6 i + 5``."""

_REGISTRY: dict[str, type[Event]] = {}
_E = TypeVar("_E", bound="Event")


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every event: the tick it happened at."""

    type: ClassVar[str] = "event"
    tick: int

    def to_dict(self) -> dict[str, Any]:
        """Return the event as a JSON-ready dict with its ``type`` first."""
        out: dict[str, Any] = {"type": self.type}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = _listify(value)
            out[f.name] = value
        return out


@dataclass_transform(frozen_default=True)  # so type checkers see each event's constructor
def _event(cls: type[_E]) -> type[_E]:
    """Make ``cls`` a frozen, slotted event dataclass and register it by its ``type``."""
    made = dataclass(frozen=True, slots=True)(cls)
    _REGISTRY[made.type] = made
    return made


def _listify(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_listify(v) for v in value]
    return value


def _tupleify(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tupleify(v) for v in value)
    return value


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an event from :meth:`Event.to_dict` output (a field with a default, such as
    ``round_started.people`` in an older log, may be left out).

    Raises:
        ValueError: if the type is unknown or the fields do not match.
    """
    kind = data.get("type")
    cls = _REGISTRY.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"unknown event type {kind!r}")
    fields = dataclasses.fields(cls)
    names = {f.name for f in fields}
    needed = {f.name for f in fields if f.default is dataclasses.MISSING}
    kwargs = {k: _tupleify(v) for k, v in data.items() if k != "type"}
    unknown = set(kwargs) - names
    missing = needed - set(kwargs)
    if unknown or missing:
        raise ValueError(
            f"event {kind!r}: unknown fields {sorted(unknown)}, missing fields {sorted(missing)}"
        )
    return cls(**kwargs)


def event_types() -> dict[str, type[Event]]:
    """Return every registered event type by its ``type`` name."""
    return dict(_REGISTRY)


# --- round -----------------------------------------------------------------------------


@_event
class RoundStarted(Event):
    """The round began. Carries what a reader needs to interpret every later tick."""

    type: ClassVar[str] = "round_started"
    level: str
    seed: int
    players: tuple[int, ...]
    ticks_per_second: int
    round_ticks: int
    events_version: int = EVENTS_VERSION
    people: tuple[int, ...] = None  # type: ignore[assignment]  # None: filled in below
    """The chefs a person played at the start (the others are computer cooks); when not
    given (a version-1 log), every player."""

    def __post_init__(self) -> None:
        if self.people is None:
            object.__setattr__(self, "people", tuple(self.players))


@_event
class ConditionsSet(Event):
    """The conditions the round is played under, right after ``round_started``.

    ``silos``: roles actually restrict someone (enforced, and the level has a role that
    limits where a chef may go, reading the tickets or serving); ``assists``: the assists
    switched on, by name; ``zones``: the level has zones (``zone_changed`` is recorded).
    """

    type: ClassVar[str] = "conditions_set"
    silos: bool
    assists: tuple[str, ...]
    zones: bool


@_event
class ControllerChanged(Event):
    """A chef changed hands mid-round: ``controller`` is ``person`` (a person plays it from
    now on), ``computer`` (a computer cook does) or ``nobody`` (it stands still). A log
    written before ``nobody`` existed says ``computer`` for a chef left standing too."""

    type: ClassVar[str] = "controller_changed"
    player: int
    controller: str


@_event
class RoundEnded(Event):
    """The round's clock ran out (or it was ended early): the final tally."""

    type: ClassVar[str] = "round_ended"
    score: int
    stars: int
    served: int
    expired: int
    wrong: int
    reason: str = "time"


# --- orders ----------------------------------------------------------------------------


@_event
class OrderArrived(Event):
    """A ticket came in for ``recipe``; it expires ``patience_ticks`` from now."""

    type: ClassVar[str] = "order_arrived"
    order_id: int
    recipe: str
    patience_ticks: int
    source: str = "regular"
    exclude: str | None = None


@_event
class OrderServed(Event):
    """A plate matching the order went through the serving window."""

    type: ClassVar[str] = "order_served"
    order_id: int
    recipe: str
    player: int
    item_id: int
    tile: Tile
    points: int
    tip: int
    waited_ticks: int


@_event
class OrderExpired(Event):
    """A ticket's patience ran out before it was served."""

    type: ClassVar[str] = "order_expired"
    order_id: int
    recipe: str
    penalty: int


@_event
class WrongDish(Event):
    """A plate was served that matches no open order; it is thrown away."""

    type: ClassVar[str] = "wrong_dish"
    player: int
    item_id: int
    item: str
    tile: Tile
    penalty: int


@_event
class ScoreChanged(Event):
    """The team's score moved by ``delta`` (never below zero) for ``reason``."""

    type: ClassVar[str] = "score_changed"
    delta: int
    score: int
    reason: str


# --- items -----------------------------------------------------------------------------


@_event
class ItemSpawned(Event):
    """A new item came into the world from ``source``.

    Sources: ``crate`` (an ingredient), ``plate_stack``, ``pot`` (soup ladled onto a plate, or
    burnt food scraped out), ``dirty_return`` (a used plate coming back), ``sink``.
    """

    type: ClassVar[str] = "item_spawned"
    item_id: int
    item: str
    source: str
    tile: Tile
    player: int | None = None


@_event
class ItemPicked(Event):
    """A chef picked an item up from a station (a counter, board, stack or sink)."""

    type: ClassVar[str] = "item_picked"
    player: int
    item_id: int
    item: str
    tile: Tile
    station: str


@_event
class ItemPutDown(Event):
    """A chef put the item they held onto a station that holds it (counter, board, sink)."""

    type: ClassVar[str] = "item_put_down"
    player: int
    item_id: int
    item: str
    tile: Tile
    station: str


@_event
class ItemCombined(Event):
    """Item ``item_id`` went into container ``into_id`` (onto a plate, into a pot).

    The item stops existing on its own; ``into`` describes the container afterwards.
    A pot is a station, not an item, so for pots ``into_id`` is ``None``.
    """

    type: ClassVar[str] = "item_combined"
    player: int
    item_id: int
    item: str
    into_id: int | None
    into: str
    tile: Tile


@_event
class ItemProcessed(Event):
    """An item changed state at a station: ``chop``, ``cook`` (pot ready) or ``wash``.

    For ``cook`` the item is the pot's contents and ``item_id`` is ``None``.
    """

    type: ClassVar[str] = "item_processed"
    process: str
    item_id: int | None
    item: str
    tile: Tile
    player: int | None = None


@_event
class CookStarted(Event):
    """A pot holds exactly what a recipe needs and started cooking."""

    type: ClassVar[str] = "cook_started"
    tile: Tile
    item: str
    cook_ticks: int
    player: int | None = None


@_event
class BurnWarning(Event):
    """A cooked pot will burn in ``ticks_left`` ticks unless someone takes the food out."""

    type: ClassVar[str] = "burn_warning"
    tile: Tile
    item: str
    ticks_left: int


@_event
class ItemBurnt(Event):
    """Food left too long in a pot burnt. Its ingredients are lost (waste)."""

    type: ClassVar[str] = "item_burnt"
    tile: Tile
    item: str
    item_ids: tuple[int, ...]


@_event
class ItemBinned(Event):
    """A chef threw an item away (waste). A plate's contents are binned, the plate kept."""

    type: ClassVar[str] = "item_binned"
    player: int
    item_id: int
    item: str
    tile: Tile


# --- people ----------------------------------------------------------------------------


@_event
class Handoff(Event):
    """An item put down by one chef was picked up by another: a hand-over between people."""

    type: ClassVar[str] = "handoff"
    item_id: int
    item: str
    from_player: int
    to_player: int
    tile: Tile
    delay_ticks: int


@_event
class ChefBlocked(Event):
    """A chef trying to move was stopped by another chef standing in the way."""

    type: ClassVar[str] = "chef_blocked"
    player: int
    by_player: int
    tile: Tile


@_event
class ChefUnblocked(Event):
    """A blocked chef moved again, or stopped trying; ``ticks`` is how long it lasted."""

    type: ClassVar[str] = "chef_unblocked"
    player: int
    by_player: int
    ticks: int


@_event
class ActionRefused(Event):
    """A chef tried something their role does not allow (e.g. serving), or at a station
    that is broken."""

    type: ClassVar[str] = "action_refused"
    player: int
    action: str
    tile: Tile
    reason: str


@_event
class ZoneChanged(Event):
    """A chef walked from one zone of the kitchen into another (``None``: outside zones)."""

    type: ClassVar[str] = "zone_changed"
    player: int
    zone: str | None
    from_zone: str | None


@_event
class Callout(Event):
    """A chef made a quick-chat call, to one chef (``to``) or to everyone (``to`` is
    ``None``). An acknowledgement names the call it answers.

    ``on_it`` answers an open ``need`` or ``help`` of another chef (an ``on_it`` naming an
    item, ``on_it:onion``, a ``need`` of that item first); ``thanks`` answers an
    open ``on_it`` given to the thanking chef's own call, or else an open ``ready`` of
    another chef (closing the loop). Of those, a call from the chef the answer names comes
    first, then one addressed to the answering chef, then one to everyone; the latest within
    each (see docs/events.md).
    """

    type: ClassVar[str] = "callout"
    player: int
    callout_id: int
    kind: str
    item: str | None = None
    answers: int | None = None
    answer_delay: int | None = None
    to: int | None = None


# --- disruptions and the facilitator ----------------------------------------------------


@_event
class DisruptionStarted(Event):
    """Something went wrong in the kitchen (see docs/events.md for the kinds)."""

    type: ClassVar[str] = "disruption_started"
    disruption_id: int
    kind: str
    label: str
    source: str
    duration_ticks: int | None = None
    tiles: tuple[Tile, ...] = ()
    players: tuple[int, ...] = ()
    detail: str = ""


@_event
class DisruptionEnded(Event):
    """A disruption is over: its time ran out, a chef repaired it, the facilitator ended it,
    it was instantaneous, or the round ended."""

    type: ClassVar[str] = "disruption_ended"
    disruption_id: int
    kind: str
    reason: str
    player: int | None = None


@_event
class SafetyIncident(Event):
    """A dish containing what a special-requirement ticket excludes was served to it."""

    type: ClassVar[str] = "safety_incident"
    order_id: int
    recipe: str
    exclude: str
    player: int
    item_id: int
    tile: Tile
    penalty: int


@_event
class ItemLost(Event):
    """An item left the kitchen other than by serving or the bin (a counter under it was
    taken away by a layout change)."""

    type: ClassVar[str] = "item_lost"
    item_id: int
    item: str
    tile: Tile
    reason: str


@_event
class FacilitatorTag(Event):
    """The facilitator marked this moment with an observation."""

    type: ClassVar[str] = "facilitator_tag"
    label: str
    note: str = ""


@_event
class RoundExtended(Event):
    """The facilitator gave the team more time; ``round_ticks`` is the new length."""

    type: ClassVar[str] = "round_extended"
    seconds: int
    round_ticks: int


# --- talk (an opt-in microphone; docs/talk.md) ----------------------------------------------


@_event
class TalkFrames(Event):
    """A microphone heard ``len(talk)`` consecutive 100 ms frames (usually ten, one second):
    ``talk`` has one character per frame, ``1`` talk and ``0`` no talk, and ``levels`` each
    frame's loudness in dBFS (1 decimal). ``first_index`` is the round's frame number of the
    first one (frame ``i`` covers ticks ``6 i`` to ``6 i + 5``). Never sound itself."""

    type: ClassVar[str] = "talk_frames"
    mic: int
    first_index: int
    talk: str
    levels: tuple[float, ...]


@_event
class MicrophoneChanged(Event):
    """Microphone ``mic`` changed state (one of :data:`MIC_STATES`); ``label`` is the zone
    or role it is given to, or ``""``."""

    type: ClassVar[str] = "microphone_changed"
    mic: int
    state: str
    label: str = ""
