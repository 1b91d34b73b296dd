"""Team metrics computed from a round's events: service, flow, communication,
coordination and resilience. Pure functions, no pygame; every formula is in
``docs/metrics.md``.

Metrics are returned as plain nested dicts (``RoundMetrics.sections``) so that lesson rules
can name them by dotted path (``communication.closed_loop_ratio``) and reports can export
them as JSON and CSV without translation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kitchen.debrief.communication_metrics import communication_section
from kitchen.debrief.resilience_metrics import disruption_effects
from kitchen.debrief.round_events import PREPARED_TYPES, ChefTally, RoundEvents
from kitchen.debrief.stats import mean, median, rounded
from kitchen.debrief.talk_metrics import talk_section
from kitchen.events import (
    ActionRefused,
    ChefBlocked,
    ChefUnblocked,
    DisruptionEnded,
    DisruptionStarted,
    Event,
    FacilitatorTag,
    Handoff,
    ItemBinned,
    ItemBurnt,
    ItemCombined,
    ItemLost,
    ItemPicked,
    ItemPutDown,
    OrderArrived,
    OrderExpired,
    OrderServed,
    RoundEnded,
    SafetyIncident,
    ScoreChanged,
    WrongDish,
    ZoneChanged,
)
from kitchen.sim.spec import KitchenSpec

IDLE_GRACE_S = 5
"""Gaps between a chef's actions up to this long are work (walking, waiting); beyond it, idle."""


LEFT_ITEM_S = 30
"""Food put down and never picked up again for this long before the end is a lost hand-off."""


THROUGHPUT_BIN_S = 30
"""Width of the bins of the throughput-over-time series."""


_ACTION_TYPES = {
    "item_picked",
    "item_put_down",
    "item_combined",
    "order_served",
    "wrong_dish",
    "safety_incident",
    "item_binned",
    "item_spawned",
    "item_processed",
    "disruption_ended",
}


@dataclass
class RoundMetrics:
    """Every metric of one round.

    Attributes:
        sections: ``{"service": {...}, "flow": {...}, "communication": {...},
            "coordination": {...}}``, each a dict of metric name to number (or ``None``
            when it cannot be measured, e.g. a ratio with nothing to divide).
        chefs: one dict per chef (actions, call-outs, hand-offs, idle time...).
        disruptions: one dict per disruption (throughput drop, time to recover...).
        tags: the facilitator's tags with their moments.
        info: level, seed, players, duration.
    """

    info: dict[str, Any]
    sections: dict[str, dict[str, Any]]
    chefs: list[dict[str, Any]] = field(default_factory=list)
    disruptions: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)

    def value(self, name: str) -> Any:
        """A metric by dotted name, e.g. ``communication.closed_loop_ratio``.

        Raises:
            KeyError: no such metric.
        """
        section, _, key = name.partition(".")
        return self.sections[section][key]

    def names(self) -> list[str]:
        """Every metric's dotted name."""
        return [f"{s}.{k}" for s, values in self.sections.items() for k in values]

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready."""
        return {
            "info": self.info,
            **self.sections,
            "chefs": self.chefs,
            "disruptions": self.disruptions,
            "tags": self.tags,
        }


def compute_metrics(events: Iterable[Event], spec: KitchenSpec | None = None) -> RoundMetrics:
    """Compute every metric of a round from its events (and, for zone metrics, the level).

    A round cut short (no ``round_ended``) is measured up to its last event.
    """
    r = RoundEvents(list(events))
    people = set(r.people.people_ever())
    chefs = {p: ChefTally(p, person=p in people) for p in r.players}
    _tally_actions(r, chefs)
    service = _service(r)
    flow = _flow(r, chefs)
    communication = communication_section(r, chefs)
    coordination = _coordination(r, chefs, spec)
    info = {
        "level": r.level,
        "seed": r.seed,
        "players": list(r.players),
        "people": sorted(people),
        "duration_s": rounded(r.duration_s, 1),
        "complete": r.complete,
    }
    sections = {
        "service": service,
        "flow": flow,
        "communication": communication,
        "coordination": coordination,
    }
    talk = talk_section(r)  # only a round recorded with talk on has the section
    if talk is not None:
        sections["talk"] = talk
    return RoundMetrics(
        info=info,
        sections=sections,
        chefs=[c.as_dict() for c in chefs.values()],
        disruptions=disruption_effects(r),
        tags=[
            {"time_s": rounded(r.seconds(e.tick), 1), "label": e.label, "note": e.note}
            for e in r.of(FacilitatorTag)
        ],
    )


def _tally_actions(r: RoundEvents, chefs: dict[int, ChefTally]) -> None:
    for e in r.events:
        if e.type not in _ACTION_TYPES:
            continue
        player = getattr(e, "player", None)
        if player is None or player not in chefs:
            continue
        if isinstance(e, DisruptionEnded) and e.reason != "repaired":
            continue
        chefs[player].actions += 1
        chefs[player].action_ticks.append(e.tick)
        if r.by_person(player, e.tick):
            chefs[player].actions_as_person += 1
    for e in r.of(OrderServed):
        if e.player in chefs:
            chefs[e.player].served += 1
    for e in r.events:
        player = getattr(e, "player", None)
        if e.type in PREPARED_TYPES and player in chefs:
            chefs[player].prepared += 1


def _service(r: RoundEvents) -> dict[str, Any]:
    patience = {e.order_id: e.patience_ticks for e in r.of(OrderArrived)}
    special = {e.order_id for e in r.of(OrderArrived) if e.exclude is not None}
    served = r.of(OrderServed)
    on_time = sum(1 for e in served if 2 * e.waited_ticks <= patience.get(e.order_id, 0))
    end = r.first(RoundEnded)
    scores = r.of(ScoreChanged)
    choices, urgent = _urgent_first(r)
    return {
        "orders": len(r.of(OrderArrived)),
        "served": len(served),
        "served_on_time": on_time,
        "expired": len(r.of(OrderExpired)),
        "wrong_dishes": len(r.of(WrongDish)),
        "safety_incidents": len(r.of(SafetyIncident)),
        "special_orders": len(special),
        "special_orders_served": sum(1 for e in served if e.order_id in special),
        "mean_wait_s": rounded(mean([r.seconds(e.waited_ticks) for e in served]), 1),
        "score": end.score if end else (scores[-1].score if scores else 0),
        "stars": end.stars if end else None,
        "serves_with_choice": choices,
        "urgent_first_ratio": rounded(urgent / choices, 3) if choices else None,
    }


def _urgent_first(r: RoundEvents) -> tuple[int, int]:
    """Dishes served while tickets of at least two recipes were open, and of those, how many
    were of the recipe of the ticket with the least time left (any of them, on a tie)."""
    open_orders: dict[int, tuple[str, int]] = {}  # order id -> recipe, tick it runs out
    choices = urgent = 0
    for e in r.events:
        if isinstance(e, OrderArrived):
            open_orders[e.order_id] = (e.recipe, e.tick + e.patience_ticks)
        elif isinstance(e, OrderServed):
            if len({recipe for recipe, _ in open_orders.values()}) >= 2:
                choices += 1
                soonest = min(deadline for _, deadline in open_orders.values())
                most_urgent = {rc for rc, deadline in open_orders.values() if deadline == soonest}
                urgent += e.recipe in most_urgent
            open_orders.pop(e.order_id, None)
        elif isinstance(e, (OrderExpired, SafetyIncident)):
            open_orders.pop(e.order_id, None)
    return choices, urgent


def _flow(r: RoundEvents, chefs: dict[int, ChefTally]) -> dict[str, Any]:
    served = r.of(OrderServed)
    minutes = r.duration_s / 60
    bins = max(1, -(-int(r.duration_s) // THROUGHPUT_BIN_S))
    series = [0] * bins
    for e in served:
        series[min(bins - 1, int(r.seconds(e.tick) // THROUGHPUT_BIN_S))] += 1
    binned = r.of(ItemBinned)
    burnt = r.of(ItemBurnt)
    burnt_ingredients = sum(len(e.item_ids) for e in burnt)
    lost = len(r.of(ItemLost))
    # One press of the bin is one thing thrown away (a plate's food goes in one go); burnt
    # scraps were already counted when their pot burnt.
    throws = {(e.tick, e.player) for e in binned if e.item != "burnt"}
    taken_back = sum(1 for e in r.of(ItemPicked) if e.station == "stove")
    processed_binned = sum(1 for e in binned if ":chopped" in e.item or e.item.startswith("soup:"))
    open_s = _idle(r, chefs)
    idle = [c.idle_s for c in chefs.values()]
    idle_mean = mean(idle)
    idle_open_mean = mean([c.idle_while_open_s for c in chefs.values()])
    return {
        "throughput_per_min": rounded(len(served) / minutes if minutes else 0.0, 2),
        "throughput_series": series,
        "binned": len(binned),
        "burnt_pots": len(burnt),
        "burnt_ingredients": burnt_ingredients,
        "lost_items": lost,
        "waste": len(throws) + len(burnt) + lost,
        "rework": len(r.of(WrongDish)) + len(r.of(SafetyIncident)) + taken_back + processed_binned,
        "idle_s_mean": rounded(idle_mean, 1),
        "idle_share": rounded(
            idle_mean / r.duration_s if idle_mean is not None and r.duration_s else None, 3
        ),
        "idle_while_open_s_mean": rounded(idle_open_mean, 1),
        "idle_while_open_share": rounded(
            idle_open_mean / open_s if idle_open_mean is not None and open_s else None, 3
        ),
    }


def _away_spans(r: RoundEvents) -> dict[int, list[tuple[int, int]]]:
    """Per chef, the (start, end) ticks they were redeployed (not idle by choice) or
    nobody played them (a chef left standing is not the team waiting)."""
    ends = {e.disruption_id: e.tick for e in r.of(DisruptionEnded)}
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for e in r.of(DisruptionStarted):
        if e.kind == "redeployment":
            for p in e.players:
                spans[p].append((e.tick, ends.get(e.disruption_id, r.end_tick)))
    for p in r.players:
        spans[p].extend(r.people.nobody_spans(p, r.end_tick))
    merged: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p, found in spans.items():  # overlapping spans must not be taken off twice
        for begin, end in sorted(found):
            if merged[p] and begin <= merged[p][-1][1]:
                merged[p][-1] = (merged[p][-1][0], max(end, merged[p][-1][1]))
            else:
                merged[p].append((begin, end))
    return merged


def _open_marks(r: RoundEvents) -> list[bool]:
    """Per tick of the round, whether at least one ticket was open (work to do)."""
    change = [0] * (r.end_tick + 1)
    opened: dict[int, int] = {}
    for e in r.events:
        if isinstance(e, OrderArrived):
            opened[e.order_id] = min(e.tick, r.end_tick)
        elif isinstance(e, (OrderServed, OrderExpired, SafetyIncident)) and e.order_id in opened:
            change[opened.pop(e.order_id)] += 1
            change[min(e.tick, r.end_tick)] -= 1
    for tick in opened.values():
        change[tick] += 1
    marks, level = [], 0
    for delta in change[:-1]:
        level += delta
        marks.append(level > 0)
    return marks


def _idle(r: RoundEvents, chefs: dict[int, ChefTally]) -> float:
    """Each chef's idle time, and their idle time while work was open; returns how long
    work was open in the round, in seconds."""
    grace = IDLE_GRACE_S * r.tps
    away = _away_spans(r)
    open_marks = _open_marks(r)
    for chef in chefs.values():
        # Prefix counts of the ticks that were open and not spent away.
        counted = list(open_marks)
        for s, e in away.get(chef.player, ()):
            counted[max(0, s) : max(0, e)] = [False] * len(counted[max(0, s) : max(0, e)])
        prefix = [0]
        for mark in counted:
            prefix.append(prefix[-1] + mark)
        marks = [0, *sorted(chef.action_ticks), r.end_tick]
        idle_ticks = idle_open_ticks = 0
        for a, b in zip(marks, marks[1:], strict=False):
            gap = b - a
            for s, e in away.get(chef.player, ()):
                gap -= max(0, min(b, e) - max(a, s))
            idle_ticks += max(0, gap - grace)
            lo, hi = min(a, r.end_tick), min(b, r.end_tick)
            idle_open_ticks += max(0, prefix[hi] - prefix[lo] - grace)
        chef.idle_s = r.seconds(idle_ticks)
        chef.idle_while_open_s = r.seconds(idle_open_ticks)
    return r.seconds(sum(open_marks))


def _coordination(
    r: RoundEvents, chefs: dict[int, ChefTally], spec: KitchenSpec | None
) -> dict[str, Any]:
    handoffs = r.of(Handoff)
    for h in handoffs:
        if h.from_player in chefs:
            chefs[h.from_player].handoffs_given += 1
        if h.to_player in chefs:
            chefs[h.to_player].handoffs_received += 1
    delays = [r.seconds(h.delay_ticks) for h in handoffs]
    for e in r.of(ChefUnblocked):
        if e.player in chefs:
            chefs[e.player].blocked_s += r.seconds(e.ticks)
    blocks = r.of(ChefBlocked)
    lost = _lost_handoffs(r)
    _zones(r, chefs, spec)
    shares = [c.home_share for c in chefs.values() if c.home_share is not None]
    pairs = Counter(f"{h.from_player}->{h.to_player}" for h in handoffs)
    return {
        "handoffs": len(handoffs),
        "handoff_delay_mean_s": rounded(mean(delays), 2),
        "handoff_delay_median_s": rounded(median(delays), 2),
        "handoff_pairs": dict(sorted(pairs.items())),
        "lost_handoffs": sum(lost.values()),
        "lost_left_items": lost["left_items"],
        "lost_binned_by_other": lost["binned_by_other"],
        "blocks": len(blocks),
        "blocked_s": rounded(sum(c.blocked_s for c in chefs.values()), 1),
        "zone_crossings": sum(c.zone_crossings for c in chefs.values()),
        "silo_index": rounded(mean(shares), 3) if shares else None,
        "refused_actions": len(r.of(ActionRefused)),
    }


def _lost_handoffs(r: RoundEvents) -> Counter[str]:
    """Hand-overs that failed: food put down on a counter or board and left there until the
    end; food put down by one chef and thrown away by another. (A burnt pot is waste, not a
    hand-over: nobody put it down for anyone.)"""
    lost: Counter[str] = Counter(left_items=0, binned_by_other=0)
    waiting: dict[int, int] = {}  # item id -> tick it was put down, while it sits there
    has_food: set[int] = set()  # plates something was put on
    last_put_by: dict[int, int] = {}
    for e in r.events:
        if isinstance(e, ItemPutDown):
            last_put_by[e.item_id] = e.player
            if e.station in ("counter", "board"):
                waiting[e.item_id] = e.tick
        elif isinstance(e, (ItemPicked, ItemCombined, ItemLost)):
            waiting.pop(e.item_id, None)
            if isinstance(e, ItemCombined) and e.into_id is not None:
                has_food.add(e.into_id)
        elif isinstance(e, ItemBinned) and last_put_by.get(e.item_id) not in (None, e.player):
            lost["binned_by_other"] += 1
    cutoff = r.end_tick - LEFT_ITEM_S * r.tps
    empty_plates = {
        e.item_id for e in r.of(ItemPutDown) if e.item == "plate" and e.item_id not in has_food
    }
    lost["left_items"] = sum(
        1 for item_id, tick in waiting.items() if tick <= cutoff and item_id not in empty_plates
    )
    return lost


def _zones(r: RoundEvents, chefs: dict[int, ChefTally], spec: KitchenSpec | None) -> None:
    if spec is None or not spec.zones:
        return
    role_zones = {p: set(role.zones) for role in spec.roles for p in role.players if role.zones}
    changes: dict[int, list[Any]] = defaultdict(list)
    for e in r.of(ZoneChanged):
        changes[e.player].append(e)
    for chef in chefs.values():
        start = spec.starts.get(chef.player)
        zone = spec.zones.get(start) if start else None
        time_in: Counter[str | None] = Counter()
        last_named = zone
        tick = 0
        for e in changes.get(chef.player, ()):
            time_in[zone] += e.tick - tick
            zone, tick = e.zone, e.tick
            if zone is not None and zone != last_named:
                if last_named is not None:
                    chef.zone_crossings += 1
                last_named = zone
        time_in[zone] += r.end_tick - tick
        home = role_zones.get(chef.player) or ({spec.zones[start]} if start in spec.zones else None)
        if home is None:
            named = [(t, z) for z, t in time_in.items() if z is not None]
            home = {max(named)[1]} if named else None
        if home and r.end_tick:
            chef.home_zone = ", ".join(sorted(home))
            chef.home_share = sum(t for z, t in time_in.items() if z in home) / r.end_tick
