"""Team metrics computed from a round's events: service, flow, communication,
coordination and resilience. Pure functions, no pygame; every formula is in
``docs/metrics.md``.

Metrics are returned as plain nested dicts (``RoundMetrics.sections``) so that lesson rules
can name them by dotted path (``communication.closed_loop_ratio``) and reports can export
them as JSON and CSV without translation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from kitchen.debrief.people import PeopleTimeline, people_by_tick
from kitchen.debrief.stats import gini_normalised, mean, median, population_sd, rounded
from kitchen.events import (
    ActionRefused,
    BurnWarning,
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
"""A ``need`` or ``help`` call counts as acknowledged when an ``on_it`` answers it within this
many seconds."""

LOOP_WINDOW_S = 30
"""An acknowledged call's loop is closed when the caller's ``thanks`` or the requested item
reaches the caller within this many seconds of the call."""

LATE_CALL_S = ACK_WINDOW_S
"""Calls made in the last this-many seconds of a round leave the denominators of the
acknowledgement and closed-loop ratios (there was no time left to answer them)."""

GINI_MIN_CALLS = 6
"""Below this many call-outs by people, the call-out Gini is not measurable."""

SPEAK_UP_WINDOW_S = 15
"""A hazard is spoken about when a person's related call comes within this many seconds of
it; hazards in the last this-many seconds of a round leave the count (no time to speak)."""

EXPIRING_S = 15
"""An order still open with this many seconds of patience left is about to expire (a hazard)."""

BLOCKED_HAZARD_S = 3
"""A chef blocked by another for at least this long is a blocked corridor (a hazard); a
shorter bump is not."""

NO_PEOPLE = "no people played"
ONE_PERSON = "only one person played: nobody to talk to"
"""Why a round's communication is not measured (``communication.not_measured``)."""

IDLE_GRACE_S = 5
"""Gaps between a chef's actions up to this long are work (walking, waiting); beyond it, idle."""

RESILIENCE_WINDOW_S = 60
"""Throughput before and after a disruption is measured over windows this long."""

MIN_WINDOW_S = 15
"""Shortest window a rate is measured over (so one early serve is not a huge rate)."""

VARIATION_BIN_S = 15
"""The serving rate's own variation before a disruption is measured over bins this long."""

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
        self.people: PeopleTimeline = people_by_tick(self.events)

    def by_person(self, player: int | None, tick: int) -> bool:
        """Whether ``player`` was played by a person at ``tick``."""
        return player is not None and self.people.is_person(player, tick)

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
    people = set(r.people.people_ever())
    chefs = {p: _ChefTally(p, person=p in people) for p in r.players}
    _tally_actions(r, chefs)
    service = _service(r)
    flow = _flow(r, chefs)
    communication = _communication(r, chefs)
    coordination = _coordination(r, chefs, spec)
    info = {
        "level": r.level,
        "seed": r.seed,
        "players": list(r.players),
        "people": sorted(people),
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
    person: bool = True
    actions: int = 0
    actions_as_person: int = 0
    action_ticks: list[int] = field(default_factory=list)
    callouts: int = 0
    handoffs_given: int = 0
    handoffs_received: int = 0
    served: int = 0
    prepared: int = 0
    idle_s: float = 0.0
    idle_while_open_s: float = 0.0
    blocked_s: float = 0.0
    zone_crossings: int = 0
    home_zone: str | None = None
    home_share: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "person": self.person,
            "actions": self.actions,
            "callouts": self.callouts,
            "handoffs_given": self.handoffs_given,
            "handoffs_received": self.handoffs_received,
            "served": self.served,
            "prepared": self.prepared,
            "idle_s": rounded(self.idle_s, 1),
            "idle_while_open_s": rounded(self.idle_while_open_s, 1),
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
        if r.by_person(player, e.tick):
            chefs[player].actions_as_person += 1
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


def _urgent_first(r: _Round) -> tuple[int, int]:
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


def _away_spans(r: _Round) -> dict[int, list[tuple[int, int]]]:
    """Per chef, the (start, end) ticks they were redeployed (not idle by choice)."""
    ends = {e.disruption_id: e.tick for e in r.of(DisruptionEnded)}
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for e in r.of(DisruptionStarted):
        if e.kind == "redeployment":
            for p in e.players:
                spans[p].append((e.tick, ends.get(e.disruption_id, r.end_tick)))
    return spans


def _open_marks(r: _Round) -> list[bool]:
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


def _idle(r: _Round, chefs: dict[int, _ChefTally]) -> float:
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


def _item_name(item: str) -> str:
    """What an item is, whatever its state or contents: ``onion:chopped`` -> ``onion``,
    ``plate[soup:onion]`` -> ``plate``."""
    return item.split("[", 1)[0].split(":", 1)[0]


def _communication(r: _Round, chefs: dict[int, _ChefTally]) -> dict[str, Any]:
    """Call-outs between people (see docs/metrics.md): a computer cook's calls and silence
    are left out, and with fewer than two people nothing is measured."""
    people = [c for c in chefs.values() if c.person]
    calls = [c for c in r.of(Callout) if r.by_person(c.player, c.tick)]
    for c in calls:
        chefs[c.player].callouts += 1
    by_person = {str(c.player): c.callouts for c in people}
    reason = NO_PEOPLE if not people else ONE_PERSON if len(people) == 1 else None
    if reason is not None:
        return {
            "not_measured": reason,
            "people": len(people),
            "callouts_by_person": by_person,
            **dict.fromkeys(_COMMUNICATION_MEASURED),
        }
    by_id = {c.callout_id: c for c in calls}
    late = r.end_tick - LATE_CALL_S * r.tps
    needing = [c for c in calls if c.kind in ("need", "help") and c.tick < late]
    counted = {c.callout_id for c in needing}
    # The first answer to each counted call (the simulation links each answer to one call).
    answers: dict[int, Callout] = {}
    for c in calls:
        if c.kind == "on_it" and c.answers in counted and c.answer_delay is not None:
            answers.setdefault(c.answers, c)
    window = ACK_WINDOW_S * r.tps
    acknowledged = {
        i: a for i, a in answers.items() if a.answer_delay is not None and a.answer_delay <= window
    }
    closed = _closed_loops(r, by_id, acknowledged)
    delays = [r.seconds(a.answer_delay) for a in answers.values() if a.answer_delay is not None]
    checkbacks = [
        c
        for c in calls
        if c.kind == "thanks"
        and c.answers is not None
        and by_id.get(c.answers, c).kind in ("on_it", "ready")
    ]
    minutes = r.duration_s / 60
    counts = [c.callouts for c in people]
    requests = Counter(c.player for c in calls if c.kind in ("need", "help"))
    directed = [c for c in calls if c.to is not None]
    hazards, unspoken, speak_up = _speaking_up(r, calls)
    pairs = Counter(
        f"{c.player}->{by_id[c.answers].player}"
        for c in calls
        if c.kind == "on_it" and c.answers in by_id
    )
    return {
        "not_measured": None,
        "people": len(people),
        "callouts_by_person": by_person,
        "callouts": len(calls),
        "callouts_per_min": rounded(len(calls) / minutes if minutes else None, 2),
        "calls_needing_answer": len(needing),
        "late_calls": sum(1 for c in calls if c.kind in ("need", "help") and c.tick >= late),
        "calls_answered_in_time": len(acknowledged),
        "acknowledged_ratio": rounded(len(acknowledged) / len(needing), 3) if needing else None,
        "calls_closed_loop": len(closed),
        "closed_loop_ratio": rounded(len(closed) / len(needing), 3) if needing else None,
        "ack_delay_mean_s": rounded(mean(delays), 2),
        "ack_delay_median_s": rounded(median(delays), 2),
        "checkbacks": len(checkbacks),
        "callout_gini": rounded(gini_normalised(counts), 3)
        if sum(counts) >= GINI_MIN_CALLS
        else None,
        "action_gini": rounded(gini_normalised([c.actions_as_person for c in people]), 3),
        "silent_chefs": sum(1 for c in people if c.callouts == 0),
        "requests_by_person": {str(c.player): requests[c.player] for c in people},
        "answers_by_pair": dict(sorted(pairs.items())),
        "directed_share": rounded(len(directed) / len(calls), 3) if calls else None,
        "directed_by_pair": dict(sorted(Counter(f"{c.player}->{c.to}" for c in directed).items())),
        "hazards": len(hazards),
        "hazards_unspoken": len(unspoken) if hazards else None,
        "hazards_unspoken_by_kind": dict(sorted(Counter(kind for _, kind in unspoken).items())),
        "speak_up_s_median": rounded(median(speak_up), 1),
    }


_COMMUNICATION_MEASURED = (
    "callouts",
    "callouts_per_min",
    "calls_needing_answer",
    "late_calls",
    "calls_answered_in_time",
    "acknowledged_ratio",
    "calls_closed_loop",
    "closed_loop_ratio",
    "ack_delay_mean_s",
    "ack_delay_median_s",
    "checkbacks",
    "callout_gini",
    "action_gini",
    "silent_chefs",
    "requests_by_person",
    "answers_by_pair",
    "directed_share",
    "directed_by_pair",
    "hazards",
    "hazards_unspoken",
    "hazards_unspoken_by_kind",
    "speak_up_s_median",
)
"""The communication metrics that are ``None`` when fewer than two people played."""


def _hazards(r: _Round) -> list[tuple[int, str]]:
    """Every hazard of the round as ``(tick, warning)``, the warning being the ``warn``
    call-out about it: a pot about to burn (``burning``), a breakdown (``broken``), a ticket
    with an excluded ingredient (``allergy``), an order left with ``EXPIRING_S`` seconds of
    patience (``expiring``), a chef blocked for ``BLOCKED_HAZARD_S`` seconds or more
    (``blocked``)."""
    found = [(e.tick, "burning") for e in r.of(BurnWarning)]
    found += [(e.tick, "broken") for e in r.of(DisruptionStarted) if e.kind == "breakdown"]
    found += [(e.tick, "allergy") for e in r.of(OrderArrived) if e.exclude is not None]
    closed: dict[int, int] = {}
    for e in r.events:
        if isinstance(e, (OrderServed, OrderExpired, SafetyIncident)):
            closed.setdefault(e.order_id, e.tick)
    for o in r.of(OrderArrived):
        at = max(o.tick, o.tick + o.patience_ticks - EXPIRING_S * r.tps)
        if closed.get(o.order_id, r.end_tick + 1) > at:
            found.append((at, "expiring"))
    unblocked: dict[int, list[int]] = defaultdict(list)
    for u in r.of(ChefUnblocked):
        unblocked[u.player].append(u.tick)
    for b in r.of(ChefBlocked):
        ends = [t for t in unblocked[b.player] if t >= b.tick]
        if min(ends, default=r.end_tick) - b.tick >= BLOCKED_HAZARD_S * r.tps:
            found.append((b.tick, "blocked"))
    return sorted(found)


def _speaking_up(
    r: _Round, calls: list[Callout]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[float]]:
    """The hazards counted (not in the round's last ``SPEAK_UP_WINDOW_S`` seconds), those
    nobody spoke about, and for the others the seconds to the first related call by a person:
    a ``warn`` about that hazard or a ``help``, within ``SPEAK_UP_WINDOW_S`` of it (one call
    may speak about several hazards of its kind)."""
    window = SPEAK_UP_WINDOW_S * r.tps
    hazards = [h for h in _hazards(r) if h[0] <= r.end_tick - window]
    unspoken: list[tuple[int, str]] = []
    delays: list[float] = []
    for tick, warning in hazards:
        first = next(
            (
                c.tick
                for c in calls
                if tick <= c.tick <= tick + window
                and (c.kind == "help" or (c.kind == "warn" and c.item == warning))
            ),
            None,
        )
        if first is None:
            unspoken.append((tick, warning))
        else:
            delays.append(r.seconds(first - tick))
    return hazards, unspoken, delays


def _closed_loops(
    r: _Round, by_id: dict[int, Callout], acknowledged: dict[int, Callout]
) -> set[int]:
    """The acknowledged calls whose loop closed within ``LOOP_WINDOW_S`` of the call: the
    caller's ``thanks`` answered the acknowledgement, or a person handed the caller the item
    they asked for (each hand-off closes one call)."""
    loop = LOOP_WINDOW_S * r.tps
    thanks_to: dict[int, list[Callout]] = {}  # acknowledgement id -> the thanks answering it
    for c in by_id.values():
        if c.kind == "thanks" and c.answers is not None:
            thanks_to.setdefault(c.answers, []).append(c)
    closed: set[int] = set()
    for call_id, ack in acknowledged.items():
        call = by_id[call_id]
        if any(
            t.player == call.player and t.tick - call.tick <= loop
            for t in thanks_to.get(ack.callout_id, ())
        ):
            closed.add(call_id)
    used: set[int] = set()
    handoffs = r.of(Handoff)
    for call_id in sorted(set(acknowledged) - closed, key=lambda i: by_id[i].tick):
        call = by_id[call_id]
        if call.item is None:
            continue
        for n, h in enumerate(handoffs):
            if (
                n not in used
                and h.to_player == call.player
                and call.tick <= h.tick <= call.tick + loop
                and _item_name(h.item) == call.item
                and r.by_person(h.from_player, h.tick)
            ):
                used.add(n)
                closed.add(call_id)
                break
    return closed


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
        "lost_left_items": lost["left_items"],
        "lost_binned_by_other": lost["binned_by_other"],
        "blocks": len(blocks),
        "blocked_s": rounded(sum(c.blocked_s for c in chefs.values()), 1),
        "zone_crossings": sum(c.zone_crossings for c in chefs.values()),
        "silo_index": rounded(mean(shares), 3) if shares else None,
        "refused_actions": len(r.of(ActionRefused)),
    }


def _lost_handoffs(r: _Round) -> Counter[str]:
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


def _rate(served: list[int], lo: int, hi: int, tps: int) -> float:
    """Dishes served per minute in ticks ``[lo, hi)`` (``served`` sorted)."""
    return (bisect_left(served, hi) - bisect_left(served, lo)) * 60 * tps / (hi - lo)


def _variation(served: list[int], lo: int, start: int, tps: int) -> float | None:
    """The serving rate's own variation in ``[lo, start)``: the standard deviation of the
    rate over bins of ``VARIATION_BIN_S`` counted back from ``start``; ``None`` with fewer
    than two whole bins."""
    size = VARIATION_BIN_S * tps
    bins = (start - lo) // size
    if bins < 2:
        return None
    return population_sd(
        [_rate(served, start - (k + 1) * size, start - k * size, tps) for k in range(bins)]
    )


def _resilience(r: _Round) -> list[dict[str, Any]]:
    served = sorted(e.tick for e in r.of(OrderServed))
    calls = [e.tick for e in r.of(Callout) if r.by_person(e.player, e.tick)]
    ends = {e.disruption_id: e for e in r.of(DisruptionEnded)}
    window, least = RESILIENCE_WINDOW_S * r.tps, MIN_WINDOW_S * r.tps
    out = []
    for d in r.of(DisruptionStarted):
        start = d.tick
        end = ends[d.disruption_id].tick if d.disruption_id in ends else r.end_tick
        lo = max(0, start - window)
        before = _rate(served, lo, start, r.tps) if start - lo >= least else None
        hi = min(r.end_tick, start + window)
        after = _rate(served, start, hi, r.tps) if hi - start >= least else None
        variation = _variation(served, lo, start, r.tps)
        drop: float | None = None
        recovery: float | None = None
        if before is None or after is None or variation is None:
            outcome = "too early or too late to measure"
        elif before - after > variation:
            drop = before - after
            recovery = _recovery(served, start, before, variation, r)
            outcome = "dropped and recovered" if recovery is not None else "dropped, not recovered"
        else:
            outcome = "no measurable drop"
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
                "variation_before": rounded(variation, 2),
                "drop": rounded(drop, 2),
                "recovery_s": rounded(recovery, 1),
                "outcome": outcome,
                "first_callout_s": rounded(r.seconds(first_call - start), 1)
                if first_call is not None
                else None,
            }
        )
    return out


def _trailing_rate(served: list[int], t: int, window: int, tps: int) -> float:
    """Dishes served per minute in ticks ``[t - window, t]`` (or since the round's start)."""
    lo = max(0, t - window)
    return (bisect_right(served, t) - bisect_left(served, lo)) * 60 * tps / max(1, t - lo)


def _recovery(
    served: list[int], start: int, before: float, variation: float, r: _Round
) -> float | None:
    """Seconds from ``start`` until the serving rate over the last ``RESILIENCE_WINDOW_S``
    (reaching back before the start if need be), having fallen below ``before`` minus the
    round's own ``variation``, is back to ``before``; ``None`` if it never came back."""
    window = RESILIENCE_WINDOW_S * r.tps
    fell = False
    for t in range(start, r.end_tick + 1):
        rate = _trailing_rate(served, t, window, r.tps)
        if not fell:
            fell = rate < before - variation
        elif rate >= before:
            return r.seconds(t - start)
    return None
