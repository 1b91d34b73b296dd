"""The round as a timeline: what the debrief's Description phase shows, one lane per chef
and rows for orders, disruptions and the facilitator's tags. Pure data (times in seconds),
drawn by the HTML report (SVG) and the in-game debrief (pygame)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kitchen.content.builtins import BUILTIN_RECIPES
from kitchen.content.shown_names import place_name, tag_name
from kitchen.debrief.disruption_words import disruption_name, in_english
from kitchen.debrief.people import people_by_tick
from kitchen.debrief.talk_metrics import talk_track
from kitchen.events import (
    TALK_FRAME_TICKS,
    Callout,
    ChefBlocked,
    ChefUnblocked,
    DisruptionEnded,
    DisruptionStarted,
    Event,
    FacilitatorTag,
    Handoff,
    ItemBinned,
    ItemCombined,
    ItemProcessed,
    OrderArrived,
    OrderExpired,
    OrderServed,
    RoundEnded,
    RoundStarted,
    SafetyIncident,
)
from kitchen.i18n import N_, _, pgettext


@dataclass(frozen=True)
class Span:
    """Something with a start and an end: an order, a disruption, a block."""

    start: float
    end: float
    label: str
    kind: str
    """orders: ``served``, ``expired``, ``safety``, ``open``; disruptions: their kind;
    blocks: ``blocked``."""


@dataclass(frozen=True)
class Mark:
    """Something at one moment: a call-out, a hand-off, a serve, a tag."""

    time: float
    label: str
    kind: str
    player: int | None = None
    other: int | None = None
    """For a hand-off, the receiving chef."""


@dataclass
class Timeline:
    """Everything the timeline shows, in seconds from the round's start."""

    duration: float
    players: tuple[int, ...]
    length: float = 0.0
    """The round's length on the game clock, in seconds (the clock counts down from it)."""
    orders: list[Span] = field(default_factory=list)
    disruptions: list[Span] = field(default_factory=list)
    blocks: dict[int, list[Span]] = field(default_factory=dict)
    callouts: dict[int, list[Mark]] = field(default_factory=dict)
    actions: dict[int, list[Mark]] = field(default_factory=dict)
    handoffs: list[Mark] = field(default_factory=list)
    tags: list[Mark] = field(default_factory=list)
    talk: TalkLane | None = None
    """The talk lane: only in a round recorded with talk on (``None``: no lane at all)."""
    hands: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Who played each chef, in order (:meth:`~kitchen.debrief.people.PeopleTimeline.hands`:
    ``("person",)``, ``("computer",)``, ``("person", "computer")``...); each lane names it
    (:func:`~kitchen.debrief.people.hands_words`)."""

    def moments(self) -> list[Mark]:
        """Moments worth replaying, in time order: tags, disruptions, hand-offs, serves."""
        found = [
            *self.tags,
            *(Mark(d.start, d.label, "disruption") for d in self.disruptions),
            *(
                m
                for marks in self.actions.values()
                for m in marks
                if m.kind in ("served", "safety")
            ),
        ]
        return sorted(found, key=lambda m: m.time)

    def clock(self, seconds: float) -> str:
        """What the game's clock showed ``seconds`` into the round (time left, ``2:30``)."""
        return clock_text(max(0.0, (self.length or self.duration) - seconds))

    def order_rows(self) -> list[int]:
        """For each order (in :attr:`orders`' order), the row it is drawn in, so that orders
        open at the same time never overlap."""
        ends: list[float] = []
        rows = []
        for order in self.orders:
            row = next((k for k, end in enumerate(ends) if end <= order.start), len(ends))
            if row == len(ends):
                ends.append(0.0)
            ends[row] = order.end
            rows.append(row)
        return rows


@dataclass
class TalkLane:
    """When the kitchen talked (never what was said), from the opt-in microphones.

    Attributes:
        heard: stretches a listening microphone recorded (kind ``heard``).
        talk: stretches with talk (kind ``talk``; pauses under :data:`TALK_GAP_S` joined).
        notes: what happened to the microphones, e.g. ``microphone lost at 1:23`` or ``no
            microphone`` (kind: the microphone's state).
    """

    heard: list[Span] = field(default_factory=list)
    talk: list[Span] = field(default_factory=list)
    notes: list[Mark] = field(default_factory=list)


TALK_GAP_S = 0.5
"""Pauses in talk shorter than this are drawn as one stretch of talk."""


def _runs(flags: Sequence[int], join: int = 0) -> list[tuple[int, int]]:
    """``(first, end)`` of each run of set flags, runs less than ``join`` apart joined."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate([*flags, 0]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if runs and start - runs[-1][1] < join:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((start, i))
            start = None
    return runs


def talk_lane(events: Sequence[Event], end_tick: int, tps: int) -> TalkLane | None:
    """The talk lane of a round, or ``None`` when it was recorded without talk."""
    track = talk_track(events, end_tick)
    if track is None:
        return None
    frame_s = TALK_FRAME_TICKS / tps
    lane = TalkLane()
    for first, end in _runs(track.heard):
        lane.heard.append(Span(first * frame_s, end * frame_s, "heard", "heard"))
    for first, end in _runs(track.talk, round(TALK_GAP_S / frame_s)):
        lane.talk.append(Span(first * frame_s, end * frame_s, "talk", "talk"))
    several = len(track.mics) > 1
    for c in track.changes:
        if c.state not in ("lost", "none"):
            continue
        at = c.tick / tps
        if c.state == "lost":
            text = _("microphone lost at {time}").format(time=clock_text(at))
        else:
            text = _("no microphone")
        if several and c.label:
            text = _("mic {n} ({label}): {text}").format(
                n=c.mic + 1, label=place_name(c.label), text=text
            )
        elif several:
            text = _("mic {n}: {text}").format(n=c.mic + 1, text=text)
        lane.notes.append(Mark(at, text, c.state))
    return lane


def clock_text(seconds: float) -> str:
    """``m:ss`` of a number of seconds (rounded down to the second)."""
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


def place_labels(
    spans: Sequence[tuple[float, float]], max_rows: int, least: float = 24.0
) -> list[tuple[int, float] | None]:
    """Place text labels so that they never overlap: each ``(x, width)`` gets a row (the
    first of ``max_rows`` with room) and the width it may use. When no row has room, the
    label goes in the row whose last label started earliest, and that label is cut short
    to make room (if at least ``least`` is left of it); otherwise the label gets ``None``
    (no room: it is left to the tooltip). Labels are placed in order of ``x``."""
    gap = 6.0
    last: list[int | None] = [None] * max_rows  # index of each row's last label
    result: list[tuple[int, float] | None] = [None] * len(spans)
    for i in sorted(range(len(spans)), key=lambda k: spans[k][0]):
        x, width = spans[i]

        def end(row: int) -> float:
            j = last[row]
            got = result[j] if j is not None else None
            return float("-inf") if j is None or got is None else spans[j][0] + got[1] + gap

        row = next((k for k in range(max_rows) if end(k) <= x), None)
        if row is None:
            row = min(range(max_rows), key=lambda k: spans[last[k] or 0][0])
            j = last[row]
            room = x - spans[j][0] - gap if j is not None else 0.0
            if j is None or room < least:
                continue
            result[j] = (row, room)
        result[i] = (row, width)
        last[row] = i
    return result


CALL_LABELS = {
    "need": N_("Need"),
    "on_it": N_("On it!"),
    "ready": N_("Ready!"),
    "help": N_("Help!"),
    "thanks": N_("Thanks!"),
}

ON_IT_ITEM = N_("On it! ({item})")
"""An ``on_it`` that names the item it answers (``on_it:lettuce``)."""


def dish_words(recipe: str) -> str:
    """A recipe id as the timeline names it (``onion soup``); in another language than
    English, a built-in dish by its name in that language (``soupe à l’oignon``)."""
    found = BUILTIN_RECIPES.get(recipe)
    if found is None or in_english():
        return recipe.replace("_", " ")
    title = _(str(found["title"]))
    return title[:1].lower() + title[1:]


def _items() -> dict[str, str]:
    return {
        "onion": pgettext("item on the timeline", "onion"),
        "onion:chopped": pgettext("item on the timeline", "chopped onion"),
        "tomato": pgettext("item on the timeline", "tomato"),
        "tomato:chopped": pgettext("item on the timeline", "chopped tomato"),
        "lettuce": pgettext("item on the timeline", "lettuce"),
        "lettuce:chopped": pgettext("item on the timeline", "chopped lettuce"),
        "mushroom": pgettext("item on the timeline", "mushroom"),
        "mushroom:chopped": pgettext("item on the timeline", "chopped mushroom"),
        "cucumber": pgettext("item on the timeline", "cucumber"),
        "cucumber:chopped": pgettext("item on the timeline", "chopped cucumber"),
        "bread": pgettext("item on the timeline", "bread"),
    }


def item_words(key: str) -> str:
    """An item key as the timeline names it: the key itself in English (``tomato:chopped``);
    in another language a built-in ingredient, whole or chopped, in that language
    (``tomate coupée``); any other item keeps its key."""
    if in_english():
        return key
    return _items().get(key, key)


def build_timeline(events: Sequence[Event], level_text: str | None = None) -> Timeline:
    """Turn a round's events into a :class:`Timeline`, its labels in the language in force
    (``level_text``: the level the round was played on, whose disruption labels name its
    disruptions; see :func:`~kitchen.debrief.disruption_words.disruption_name`)."""
    start = next((e for e in events if isinstance(e, RoundStarted)), None)
    tps = start.ticks_per_second if start else 60
    players = tuple(start.players) if start else ()
    end_tick = next(
        (e.tick for e in events if isinstance(e, RoundEnded)), events[-1].tick if events else 0
    )

    def t(tick: int) -> float:
        return tick / tps

    length = t(start.round_ticks) if start else 0.0
    tl = Timeline(t(end_tick), players, length)
    tl.blocks = {p: [] for p in players}
    tl.callouts = {p: [] for p in players}
    tl.actions = {p: [] for p in players}
    arrived: dict[int, tuple[int, str, str | None]] = {}
    disruptions: dict[int, tuple[int, str, str]] = {}
    blocked: dict[int, int] = {}
    for e in events:
        kind = e.type
        if isinstance(e, OrderArrived):
            arrived[e.order_id] = (e.tick, e.recipe, e.exclude)
        elif isinstance(e, (OrderServed, OrderExpired, SafetyIncident)) and e.order_id in arrived:
            tick, recipe, exclude = arrived.pop(e.order_id)
            outcome = {
                "order_served": "served",
                "order_expired": "expired",
                "safety_incident": "safety",
            }[kind]
            label = dish_words(recipe)
            if exclude:
                label = _("{recipe} (no {exclude})").format(
                    recipe=label, exclude=item_words(exclude)
                )
            tl.orders.append(Span(t(tick), t(e.tick), label, outcome))
            if not isinstance(e, OrderExpired) and e.player in tl.actions:
                tl.actions[e.player].append(
                    Mark(
                        t(e.tick), label, "served" if kind == "order_served" else "safety", e.player
                    )
                )
        elif isinstance(e, DisruptionStarted):
            named = disruption_name(e.kind, e.label, level_text)
            disruptions[e.disruption_id] = (e.tick, e.kind, named)
        elif isinstance(e, DisruptionEnded) and e.disruption_id in disruptions:
            tick, dkind, label = disruptions.pop(e.disruption_id)
            tl.disruptions.append(Span(t(tick), t(max(e.tick, tick)), label, dkind))
        elif isinstance(e, ChefBlocked):
            blocked[e.player] = e.tick
        elif isinstance(e, ChefUnblocked) and e.player in blocked and e.player in tl.blocks:
            tl.blocks[e.player].append(
                Span(
                    t(blocked.pop(e.player)),
                    t(e.tick),
                    _("blocked by {player}").format(player=e.by_player),
                    "blocked",
                )
            )
        elif isinstance(e, Callout) and e.player in tl.callouts:
            if e.kind == "on_it" and e.item:
                label = _(ON_IT_ITEM).format(item=item_words(e.item))
            else:
                label = _(CALL_LABELS.get(e.kind, e.kind)) + (
                    f" {item_words(e.item)}" if e.item else ""
                )
            tl.callouts[e.player].append(
                Mark(t(e.tick), label, "answer" if e.answers else e.kind, e.player)
            )
        elif isinstance(e, Handoff):
            tl.handoffs.append(
                Mark(t(e.tick), item_words(e.item), "handoff", e.from_player, e.to_player)
            )
        elif isinstance(e, FacilitatorTag):
            tl.tags.append(Mark(t(e.tick), tag_name(e.label), "tag"))
        elif (
            isinstance(e, (ItemProcessed, ItemCombined, ItemBinned))
            and e.player is not None
            and e.player in tl.actions
        ):
            tl.actions[e.player].append(Mark(t(e.tick), item_words(e.item), kind, e.player))
    for tick, recipe, _exclude in arrived.values():
        tl.orders.append(Span(t(tick), tl.duration, dish_words(recipe), "open"))
    for tick, dkind, label in disruptions.values():
        tl.disruptions.append(Span(t(tick), tl.duration, label, dkind))
    tl.orders.sort(key=lambda s: s.start)
    tl.disruptions.sort(key=lambda s: s.start)
    tl.talk = talk_lane(events, end_tick, tps)
    people = people_by_tick(events)
    tl.hands = {p: people.hands(p, end_tick) for p in players}
    return tl
