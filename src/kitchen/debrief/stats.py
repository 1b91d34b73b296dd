"""Small statistics used by the metrics: Gini coefficient, mean, median, spread."""

from __future__ import annotations

import math
from collections.abc import Sequence


def gini(values: Sequence[float]) -> float | None:
    """Gini coefficient of ``values``: 0 when everyone contributes equally, (n-1)/n when one
    of n does everything.

    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean). Silent members must be passed as zeros.
    ``None`` (not measurable) when there are no values or nobody contributed: an empty room
    is not a perfectly equal one.
    """
    n = len(values)
    total = sum(values)
    if n == 0 or total <= 0:
        return None
    diff = sum(abs(a - b) for a in values for b in values)
    return diff / (2 * n * total)


def gini_normalised(values: Sequence[float]) -> float | None:
    """:func:`gini` scaled by n/(n-1), so that one member doing everything reads 1 whatever
    the team's size; ``None`` for fewer than two members or when nobody contributed."""
    n = len(values)
    g = gini(values)
    if g is None or n < 2:
        return None
    return g * n / (n - 1)


def population_sd(values: Sequence[float]) -> float | None:
    """Standard deviation of ``values`` (dividing by n), or ``None`` for no values."""
    m = mean(values)
    if m is None:
        return None
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


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
