"""Communication metrics: call-outs, acknowledgements and closed loops, equality of voice,
directed calls and speaking up after hazards (people only). Formulas: ``docs/metrics.md``."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from kitchen.debrief.round_events import ChefTally, RoundEvents
from kitchen.debrief.stats import gini_normalised, mean, median, rounded
from kitchen.events import (
    BurnWarning,
    Callout,
    ChefBlocked,
    ChefUnblocked,
    DisruptionStarted,
    Handoff,
    OrderArrived,
    OrderExpired,
    OrderServed,
    SafetyIncident,
)
from kitchen.i18n import N_

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


NO_PEOPLE = N_("no people played")


ONE_PERSON = N_("only one person played: nobody to talk to")
"""Why a round's communication is not measured (``communication.not_measured``)."""


def _item_name(item: str) -> str:
    """What an item is, whatever its state or contents: ``onion:chopped`` -> ``onion``,
    ``plate[soup:onion]`` -> ``plate``."""
    return item.split("[", 1)[0].split(":", 1)[0]


def communication_section(r: RoundEvents, chefs: dict[int, ChefTally]) -> dict[str, Any]:
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


def _hazards(r: RoundEvents) -> list[tuple[int, str]]:
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
    r: RoundEvents, calls: list[Callout]
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
    r: RoundEvents, by_id: dict[int, Callout], acknowledged: dict[int, Callout]
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
