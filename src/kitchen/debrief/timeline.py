"""The round as a timeline: what the debrief's Description phase shows, one lane per chef
and rows for orders, disruptions and the facilitator's tags. Pure data (times in seconds),
drawn by the HTML report (SVG) and the in-game debrief (pygame)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kitchen.events import (
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
    orders: list[Span] = field(default_factory=list)
    disruptions: list[Span] = field(default_factory=list)
    blocks: dict[int, list[Span]] = field(default_factory=dict)
    callouts: dict[int, list[Mark]] = field(default_factory=dict)
    actions: dict[int, list[Mark]] = field(default_factory=dict)
    handoffs: list[Mark] = field(default_factory=list)
    tags: list[Mark] = field(default_factory=list)

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


CALL_LABELS = {
    "need": "Need",
    "on_it": "On it!",
    "ready": "Ready!",
    "help": "Help!",
    "thanks": "Thanks!",
}


def build_timeline(events: Sequence[Event]) -> Timeline:
    """Turn a round's events into a :class:`Timeline`."""
    start = next((e for e in events if isinstance(e, RoundStarted)), None)
    tps = start.ticks_per_second if start else 60
    players = tuple(start.players) if start else ()
    end_tick = next(
        (e.tick for e in events if isinstance(e, RoundEnded)), events[-1].tick if events else 0
    )

    def t(tick: int) -> float:
        return tick / tps

    tl = Timeline(t(end_tick), players)
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
            label = recipe.replace("_", " ") + (f" (no {exclude})" if exclude else "")
            tl.orders.append(Span(t(tick), t(e.tick), label, outcome))
            if not isinstance(e, OrderExpired) and e.player in tl.actions:
                tl.actions[e.player].append(
                    Mark(
                        t(e.tick), label, "served" if kind == "order_served" else "safety", e.player
                    )
                )
        elif isinstance(e, DisruptionStarted):
            disruptions[e.disruption_id] = (e.tick, e.kind, e.label)
        elif isinstance(e, DisruptionEnded) and e.disruption_id in disruptions:
            tick, dkind, label = disruptions.pop(e.disruption_id)
            tl.disruptions.append(Span(t(tick), t(max(e.tick, tick)), label, dkind))
        elif isinstance(e, ChefBlocked):
            blocked[e.player] = e.tick
        elif isinstance(e, ChefUnblocked) and e.player in blocked and e.player in tl.blocks:
            tl.blocks[e.player].append(
                Span(t(blocked.pop(e.player)), t(e.tick), f"blocked by {e.by_player}", "blocked")
            )
        elif isinstance(e, Callout) and e.player in tl.callouts:
            label = CALL_LABELS.get(e.kind, e.kind) + (f" {e.item}" if e.item else "")
            tl.callouts[e.player].append(
                Mark(t(e.tick), label, "answer" if e.answers else e.kind, e.player)
            )
        elif isinstance(e, Handoff):
            tl.handoffs.append(Mark(t(e.tick), e.item, "handoff", e.from_player, e.to_player))
        elif isinstance(e, FacilitatorTag):
            tl.tags.append(Mark(t(e.tick), e.label, "tag"))
        elif (
            isinstance(e, (ItemProcessed, ItemCombined, ItemBinned))
            and e.player is not None
            and e.player in tl.actions
        ):
            tl.actions[e.player].append(Mark(t(e.tick), e.item, kind, e.player))
    for tick, recipe, _exclude in arrived.values():
        tl.orders.append(Span(t(tick), tl.duration, recipe.replace("_", " "), "open"))
    for tick, dkind, label in disruptions.values():
        tl.disruptions.append(Span(t(tick), tl.duration, label, dkind))
    tl.orders.sort(key=lambda s: s.start)
    tl.disruptions.sort(key=lambda s: s.start)
    return tl
