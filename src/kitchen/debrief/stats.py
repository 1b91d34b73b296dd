"""Small statistics used by the metrics: Gini coefficient, mean, median, rates."""

from __future__ import annotations

from collections.abc import Sequence


def gini(values: Sequence[float]) -> float:
    """Gini coefficient of ``values``: 0 when everyone contributes equally, approaching 1
    when one person does everything.

    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean). Silent members must be passed as zeros.
    All zeros (nobody contributed) count as perfectly equal: 0.
    """
    n = len(values)
    if n == 0:
        return 0.0
    total = sum(values)
    if total == 0:
        return 0.0
    diff = sum(abs(a - b) for a in values for b in values)
    return diff / (2 * n * total)


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, or ``None`` for no values."""
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """Median, or ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def rounded(value: float | None, digits: int = 2) -> float | None:
    """``round`` that passes ``None`` through."""
    return None if value is None else round(value, digits)
