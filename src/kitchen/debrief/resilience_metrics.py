"""Resilience metrics: what each disruption did to the serving rate and to the waits between
dishes, measured against the round's own variation before it, and how long recovery took.
Formulas: ``docs/metrics.md``."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from math import sqrt
from typing import Any

from kitchen.debrief.round_events import RoundEvents
from kitchen.debrief.stats import population_sd, rounded
from kitchen.events import (
    Callout,
    DisruptionEnded,
    DisruptionStarted,
    OrderServed,
)
from kitchen.i18n import N_

RESILIENCE_WINDOW_S = 60
"""Throughput before and after a disruption is measured over windows this long."""


MIN_WINDOW_S = 15
"""Shortest window a rate is measured over (so one early serve is not a huge rate)."""


VARIATION_BIN_S = 15
"""The serving rate's own variation before a disruption is measured over bins this long."""

TOO_EARLY = N_("too early or too late to measure")
"""The outcome of a disruption with too little of the round before or after it to measure."""

_HIT = {
    (True, True): N_("dropped and recovered"),
    (True, False): N_("dropped, not recovered"),
    (False, True): N_("paused and recovered"),
    (False, False): N_("paused, not recovered"),
}
"""The outcome of a disruption that hit, by (a drop was reported, the pace came back); a
drop with a pause is a drop."""


def _rate(served: list[int], lo: int, hi: int, tps: int) -> float:
    """Dishes served per minute in ticks ``[lo, hi)`` (``served`` sorted)."""
    return (bisect_left(served, hi) - bisect_left(served, lo)) * 60 * tps / (hi - lo)


def _variation(served: list[int], lo: int, start: int, tps: int) -> float | None:
    """The serving rate's own variation in ``[lo, start)``, as a window's rate: the standard
    deviation of the rate over bins of ``VARIATION_BIN_S`` counted back from ``start``,
    divided by the square root of the bins in a ``RESILIENCE_WINDOW_S`` window (a minute's
    rate averages four bins, so it varies half as much as one bin's); ``None`` with fewer
    than two whole bins."""
    size = VARIATION_BIN_S * tps
    bins = (start - lo) // size
    if bins < 2:
        return None
    sd = population_sd(
        [_rate(served, start - (k + 1) * size, start - k * size, tps) for k in range(bins)]
    )
    return None if sd is None else sd / sqrt(RESILIENCE_WINDOW_S / VARIATION_BIN_S)


def _longest_wait(served: list[int], lo: int, hi: int) -> int:
    """The longest stretch of ticks ``[lo, hi)`` without a dish served: from ``lo`` to the
    first dish, between dishes, and from the last dish to ``hi`` (``served`` sorted)."""
    inside = served[bisect_left(served, lo) : bisect_left(served, hi)]
    marks = [lo, *inside, hi]
    return max(b - a for a, b in zip(marks, marks[1:], strict=False))


def _usual_gap(served: list[int], lo: int, start: int) -> float | None:
    """The mean gap between consecutive dishes served in ticks ``[lo, start)``; ``None``
    with fewer than two dishes."""
    inside = served[bisect_left(served, lo) : bisect_left(served, start)]
    if len(inside) < 2:
        return None
    return (inside[-1] - inside[0]) / (len(inside) - 1)


def _paused(usual_gap: float | None, wait_before: int, wait_after: int) -> bool:
    """Whether serving paused beyond the round's own variation: the longest wait for a dish
    in the window after the start is longer than the longest in the window before it, and
    longer than two of the usual gaps between dishes before it (at that pace, at least one
    dish went missing). Not measurable (``False``) with fewer than two dishes before."""
    if usual_gap is None:
        return False
    return wait_after > wait_before and wait_after > 2 * usual_gap


def disruption_effects(r: RoundEvents) -> list[dict[str, Any]]:
    """One entry per disruption: the serving rate before and after it and the longest wait
    for a dish in each window, whether serving dropped or paused beyond the round's own
    variation before it, and how long recovery took."""
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
        wait_before = _longest_wait(served, lo, start) if before is not None else None
        wait_after = _longest_wait(served, start, hi) if after is not None else None
        drop: float | None = None
        paused = False
        recovery: float | None = None
        if (
            before is None
            or after is None
            or variation is None
            or wait_before is None
            or wait_after is None
        ):
            outcome = TOO_EARLY
        else:
            if before - after > variation:
                drop = before - after
            paused = _paused(_usual_gap(served, lo, start), wait_before, wait_after)
            if drop is None and not paused:
                outcome = N_("no measurable drop")
            else:
                recovery = _recovery(served, start, before, variation, r)
                outcome = _HIT[drop is not None, recovery is not None]
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
                "longest_wait_before_s": rounded(
                    None if wait_before is None else r.seconds(wait_before), 1
                ),
                "longest_wait_s": rounded(None if wait_after is None else r.seconds(wait_after), 1),
                "paused": paused,
                "recovery_s": rounded(recovery, 1),
                "outcome": outcome,
                "first_callout_s": rounded(r.seconds(first_call - start), 1)
                if first_call is not None
                else None,
            }
        )
    return out


def _recovery(
    served: list[int], start: int, before: float, variation: float, r: RoundEvents
) -> float | None:
    """Seconds from ``start`` to the first dish served at or after it from which the team
    was back at its pace: the dishes served after it, over the next ``RESILIENCE_WINDOW_S``
    (clipped at the round's end, at least ``MIN_WINDOW_S``), come to at least ``before``
    minus the round's own ``variation`` a minute; ``None`` if no dish starts such a window."""
    window, least = RESILIENCE_WINDOW_S * r.tps, MIN_WINDOW_S * r.tps
    for at in served[bisect_left(served, start) :]:
        hi = min(r.end_tick, at + window)
        if hi - at < least:
            return None
        pace = (bisect_right(served, hi) - bisect_right(served, at)) * 60 * r.tps / (hi - at)
        if pace >= before - variation:
            return r.seconds(at - start)
    return None
