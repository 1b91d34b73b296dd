"""Team metrics computed from a round's events: service, flow, communication,
coordination and resilience. Pure functions, no pygame; every formula is in
``docs/metrics.md``.

Metrics are returned as plain nested dicts (``RoundMetrics.sections``) so that lesson rules
can name them by dotted path (``communication.closed_loop_ratio``) and reports can export
them as JSON and CSV without translation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from kitchen.debrief.stats import gini, mean, median, rounded
from kitchen.events import (
    ActionRefused,
    Callout,
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
    RoundStarted,
    SafetyIncident,
    ScoreChanged,
    WrongDish,
    ZoneChanged,
)
from kitchen.sim.spec import KitchenSpec

_E = TypeVar("_E", bound=Event)

ACK_WINDOW_S = 10
"""A ``need`` or ``help`` call counts as closed-loop when answered within this many seconds."""

IDLE_GRACE_S = 5
"""Gaps between a chef's actions up to this long are work (walking, waiting); beyond it, idle."""

RESILIENCE_WINDOW_S = 60
"""Throughput before and after a disruption is measured over windows this long."""

MIN_WINDOW_S = 15
"""Shortest window a rate is measured over (so one early serve is not a huge rate)."""

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


class _Round:
    """The events of a round, indexed the ways the metrics need."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = list(events)
        self.by_type: dict[str, list[Event]] = defaultdict(list)
        for e in self.events:
            self.by_type[e.type].append(e)
        start = self.first(RoundStarted)
        self.tps = start.ticks_per_second if start else 60
        self.players: tuple[int, ...] = tuple(start.players) if start else ()
        self.level = start.level if start else ""
        self.seed = start.seed if start else None
        end = self.first(RoundEnded)
        self.complete = end is not None
        self.end_tick = end.tick if end else (self.events[-1].tick + 1 if self.events else 0)

    def first(self, kind: type[_E]) -> _E | None:
        found = self.of(kind)
        return found[0] if found else None

    def of(self, kind: type[_E]) -> list[_E]:
        # by_type files each event under its class's type name
        return cast("list[_E]", self.by_type.get(kind.type, []))

    def seconds(self, ticks: float) -> float:
        return ticks / self.tps

    @property
    def duration_s(self) -> float:
        return self.seconds(self.end_tick)


def compute_metrics(events: Iterable[Event], spec: KitchenSpec | None = None) -> RoundMetrics:
    """Compute every metric of a round from its events (and, for zone metrics, the level).

    A round cut short (no ``round_ended``) is measured up to its last event.
    """
    r = _Round(list(events))
    chefs = {p: _ChefTally(p) for p in r.players}
    _tally_actions(r, chefs)
    service = _service(r)
    flow = _flow(r, chefs)
    communication = _communication(r, chefs)
    coordination = _coordination(r, chefs, spec)
    info = {
        "level": r.level,
        "seed": r.seed,
        "players": list(r.players),
        "duration_s": rounded(r.duration_s, 1),
        "complete": r.complete,
    }
    return RoundMetrics(
        info=info,
        sections={
            "service": service,
            "flow": flow,
            "communication": communication,
            "coordination": coordination,
        },
        chefs=[c.as_dict() for c in chefs.values()],
        disruptions=_resilience(r),
        tags=[
            {"time_s": rounded(r.seconds(e.tick), 1), "label": e.label, "note": e.note}
            for e in r.of(FacilitatorTag)
        ],
    )


PREPARED_TYPES = ("item_processed", "cook_started")
"""Events that count as a chef preparing something: chopping or washing done, a pot started."""


@dataclass
class _ChefTally:
    player: int
    actions: int = 0
    action_ticks: list[int] = field(default_factory=list)
    callouts: int = 0
    handoffs_given: int = 0
    handoffs_received: int = 0
    served: int = 0
    prepared: int = 0
    idle_s: float = 0.0
    blocked_s: float = 0.0
    zone_crossings: int = 0
    home_zone: str | None = None
    home_share: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "actions": self.actions,
            "callouts": self.callouts,
            "handoffs_given": self.handoffs_given,
            "handoffs_received": self.handoffs_received,
            "served": self.served,
            "prepared": self.prepared,
            "idle_s": rounded(self.idle_s, 1),
            "blocked_s": rounded(self.blocked_s, 1),
            "zone_crossings": self.zone_crossings,
            "home_zone": self.home_zone,
            "home_share": rounded(self.home_share, 3),
        }


def _tally_actions(r: _Round, chefs: dict[int, _ChefTally]) -> None:
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
    for e in r.of(OrderServed):
        if e.player in chefs:
            chefs[e.player].served += 1
    for e in r.events:
        player = getattr(e, "player", None)
        if e.type in PREPARED_TYPES and player in chefs:
            chefs[player].prepared += 1


def _service(r: _Round) -> dict[str, Any]:
    patience = {e.order_id: e.patience_ticks for e in r.of(OrderArrived)}
    special = {e.order_id for e in r.of(OrderArrived) if e.exclude is not None}
    served = r.of(OrderServed)
    on_time = sum(1 for e in served if 2 * e.waited_ticks <= patience.get(e.order_id, 0))
    end = r.first(RoundEnded)
    scores = r.of(ScoreChanged)
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
    }


def _flow(r: _Round, chefs: dict[int, _ChefTally]) -> dict[str, Any]:
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
    taken_back = sum(1 for e in r.of(ItemPicked) if e.station == "stove")
    processed_binned = sum(1 for e in binned if ":chopped" in e.item or e.item.startswith("soup:"))
    _idle(r, chefs)
    idle = [c.idle_s for c in chefs.values()]
    idle_mean = mean(idle)
    return {
        "throughput_per_min": rounded(len(served) / minutes if minutes else 0.0, 2),
        "throughput_series": series,
        "binned": len(binned),
        "burnt_pots": len(burnt),
        "burnt_ingredients": burnt_ingredients,
        "lost_items": lost,
        "waste": len(binned) + burnt_ingredients + lost,
        "rework": len(r.of(WrongDish)) + len(r.of(SafetyIncident)) + taken_back + processed_binned,
        "idle_s_mean": rounded(idle_mean, 1),
        "idle_share": rounded(
            idle_mean / r.duration_s if idle_mean is not None and r.duration_s else None, 3
        ),
    }


def _away_spans(r: _Round) -> dict[int, list[tuple[int, int]]]:
    """Per chef, the (start, end) ticks they were redeployed (not idle by choice)."""
    ends = {e.disruption_id: e.tick for e in r.of(DisruptionEnded)}
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for e in r.of(DisruptionStarted):
        if e.kind == "redeployment":
            for p in e.players:
                spans[p].append((e.tick, ends.get(e.disruption_id, r.end_tick)))
    return spans


def _idle(r: _Round, chefs: dict[int, _ChefTally]) -> None:
    grace = IDLE_GRACE_S * r.tps
    away = _away_spans(r)
    for chef in chefs.values():
        marks = [0, *sorted(chef.action_ticks), r.end_tick]
        idle_ticks = 0
        for a, b in zip(marks, marks[1:], strict=False):
            gap = b - a
            for s, e in away.get(chef.player, ()):
                gap -= max(0, min(b, e) - max(a, s))
            idle_ticks += max(0, gap - grace)
        chef.idle_s = r.seconds(idle_ticks)


def _communication(r: _Round, chefs: dict[int, _ChefTally]) -> dict[str, Any]:
    calls = r.of(Callout)
    by_id = {c.callout_id: c for c in calls}
    for c in calls:
        if c.player in chefs:
            chefs[c.player].callouts += 1
    needing = [c for c in calls if c.kind in ("need", "help")]
    # A log's reader refuses an answer without its delay, and the simulation always gives both.
    answer_delays = [
        c.answer_delay
        for c in calls
        if c.answers is not None
        and c.answer_delay is not None
        and by_id.get(c.answers, c).kind in ("need", "help")
    ]
    window = ACK_WINDOW_S * r.tps
    closed = [d for d in answer_delays if d <= window]
    checkbacks = [c for c in calls if c.kind == "thanks" and c.answers is not None]
    delays = [r.seconds(d) for d in answer_delays]
    minutes = r.duration_s / 60
    return {
        "callouts": len(calls),
        "callouts_per_min": rounded(len(calls) / minutes if minutes else 0.0, 2),
        "calls_needing_answer": len(needing),
        "calls_answered_in_time": len(closed),
        "closed_loop_ratio": rounded(len(closed) / len(needing), 3) if needing else None,
        "ack_delay_mean_s": rounded(mean(delays), 2),
        "ack_delay_median_s": rounded(median(delays), 2),
        "checkbacks": len(checkbacks),
        "callout_gini": rounded(gini([c.callouts for c in chefs.values()]), 3),
        "action_gini": rounded(gini([c.actions for c in chefs.values()]), 3),
        "silent_chefs": sum(1 for c in chefs.values() if c.callouts == 0),
    }


def _coordination(
    r: _Round, chefs: dict[int, _ChefTally], spec: KitchenSpec | None
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
        "lost_burnt_pots": lost["burnt_pots"],
        "lost_left_items": lost["left_items"],
        "lost_binned_by_other": lost["binned_by_other"],
        "blocks": len(blocks),
        "blocked_s": rounded(sum(c.blocked_s for c in chefs.values()), 1),
        "zone_crossings": sum(c.zone_crossings for c in chefs.values()),
        "silo_index": rounded(mean(shares), 3) if shares else None,
        "refused_actions": len(r.of(ActionRefused)),
    }


def _lost_handoffs(r: _Round) -> Counter[str]:
    """Hand-overs that failed: a pot left to burn; food put down on a counter or board and
    left there until the end; food put down by one chef and thrown away by another."""
    lost: Counter[str] = Counter(burnt_pots=len(r.of(ItemBurnt)), left_items=0, binned_by_other=0)
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


def _zones(r: _Round, chefs: dict[int, _ChefTally], spec: KitchenSpec | None) -> None:
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


def _resilience(r: _Round) -> list[dict[str, Any]]:
    served = [e.tick for e in r.of(OrderServed)]
    calls = [e.tick for e in r.of(Callout)]
    ends = {e.disruption_id: e for e in r.of(DisruptionEnded)}
    window, least = RESILIENCE_WINDOW_S * r.tps, MIN_WINDOW_S * r.tps
    out = []
    for d in r.of(DisruptionStarted):
        start = d.tick
        end = ends[d.disruption_id].tick if d.disruption_id in ends else r.end_tick
        lo = max(0, start - window)
        before = None
        if start - lo >= least:
            before = sum(1 for t in served if lo <= t < start) * 60 * r.tps / (start - lo)
        hi = min(r.end_tick, start + window)
        after = None
        if hi - start >= least:
            after = sum(1 for t in served if start <= t < hi) * 60 * r.tps / (hi - start)
        recovery = _recovery(served, start, before, r, least, window)
        first_call = next((t for t in calls if t >= start), None)
        end_event = ends.get(d.disruption_id)
        out.append(
            {
                "id": d.disruption_id,
                "kind": d.kind,
                "label": d.label,
                "source": d.source,
                "start_s": rounded(r.seconds(start), 1),
                "end_s": rounded(r.seconds(end), 1),
                "ended_by": end_event.reason if end_event else None,
                "repaired_by": end_event.player if end_event else None,
                "throughput_before": rounded(before, 2),
                "throughput_after": rounded(after, 2),
                "drop": rounded(before - after, 2)
                if before is not None and after is not None
                else None,
                "recovery_s": rounded(recovery, 1),
                "first_callout_s": rounded(r.seconds(first_call - start), 1)
                if first_call is not None
                else None,
            }
        )
    return out


def _recovery(
    served: list[int], start: int, before: float | None, r: _Round, least: int, window: int
) -> float | None:
    """Seconds from ``start`` until the rate of serving since the disruption (over the last
    window, at least ``least`` long) is back to ``before``; ``None`` if it never came back or
    nothing was being served before (there was no pace to recover)."""
    if not before:
        return None
    step = r.tps
    t = start + least
    while t <= r.end_tick:
        lo = max(start, t - window)
        rate = sum(1 for s in served if lo <= s < t) * 60 * r.tps / (t - lo)
        if rate >= before:
            return r.seconds(t - start)
        t += step
    return None
