"""Resilience metrics: what each disruption did to the serving rate, measured against the
round's own variation before it, and how long recovery took. Formulas: ``docs/metrics.md``."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from kitchen.debrief.round_events import RoundEvents
from kitchen.debrief.stats import population_sd, rounded
from kitchen.events import (
    Callout,
    DisruptionEnded,
    DisruptionStarted,
    OrderServed,
)

RESILIENCE_WINDOW_S = 60
"""Throughput before and after a disruption is measured over windows this long."""


MIN_WINDOW_S = 15
"""Shortest window a rate is measured over (so one early serve is not a huge rate)."""


VARIATION_BIN_S = 15
"""The serving rate's own variation before a disruption is measured over bins this long."""


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


def disruption_effects(r: RoundEvents) -> list[dict[str, Any]]:
    """One entry per disruption: the serving rate before and after it, whether the drop
    was larger than the round's own variation before it, and how long recovery took."""
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
    served: list[int], start: int, before: float, variation: float, r: RoundEvents
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
