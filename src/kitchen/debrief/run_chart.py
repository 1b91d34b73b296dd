"""Run charts: a measure round by round with its median, read with the four standard rules
of Perla, Provost & Murray ("The run chart: a simple analytical tool for learning from
variation in healthcare processes", BMJ Qual Saf 2011;20:46-51), so a team can tell a real
change from noise, and is told plainly when there are too few rounds to call anything.

The rules, as implemented (docs/metrics.md, "Run charts"):

1. **Shift**: six or more consecutive points all above or all below the median. A point
   on the median neither breaks a shift nor adds to it (it is skipped).
2. **Trend**: five or more consecutive points all going up or all going down. Equal
   neighbours count once (a repeated value is skipped), so 3, 4, 4, 5, 6, 7 is a trend of
   five.
3. **Too few or too many runs**: a run is a series of points on one side of the median;
   points on the median are left out. The number of runs is held against Perla et al.'s
   Table 1 (after Swed & Eisenhart 1943), which starts at 10 points off the median: with
   fewer the rule is not applied.
4. **Astronomical point**: the paper leaves this to judgement (a point everyone looking
   at the chart would agree is unusual). As a prompt, a point is flagged when it lies
   beyond three interquartile ranges from the quartiles of the other points (Tukey's "far
   out"), from six points on; the facilitator makes the call.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from kitchen.debrief import labels
from kitchen.i18n import _, format_number, ngettext

MIN_TREND: Final = 5
"""Points a trend needs."""
MIN_SHIFT: Final = 6
"""Points a shift needs."""
MIN_RUNS_POINTS: Final = 10
"""Points off the median the runs rule needs (the first row of the table)."""
MIN_ASTRONOMICAL: Final = 6
"""Points from which an astronomical point is flagged."""
FAR_OUT: Final = 3.0
"""Interquartile ranges beyond the quartiles that make a point "far out"."""

RUNS_TABLE: Final[dict[int, tuple[int, int]]] = {
    10: (3, 9),
    11: (3, 10),
    12: (3, 11),
    13: (4, 11),
    14: (4, 12),
    15: (5, 12),
    16: (5, 13),
    17: (5, 13),
    18: (6, 14),
    19: (6, 15),
    20: (6, 16),
    21: (7, 16),
    22: (7, 17),
    23: (7, 17),
    24: (8, 18),
    25: (8, 18),
    26: (9, 19),
    27: (10, 19),
    28: (10, 20),
    29: (10, 20),
    30: (11, 21),
}
"""Points off the median -> (lower limit, upper limit) of the number of runs: fewer runs
than the lower limit are too few, more than the upper limit too many (Perla et al. 2011,
Table 1, rows 10-30; a workshop session never has more rounds)."""

Rule = Literal["shift", "trend", "runs", "astronomical"]


@dataclass(frozen=True)
class Signal:
    """One rule that signals non-random variation."""

    rule: Rule
    points: tuple[int, ...]
    """Indexes (0-based) of the points involved."""
    text: str


@dataclass
class RunChart:
    """A measure across rounds, its median and what the rules say."""

    measure: str
    label: str
    rounds: list[int]
    values: list[float]
    median: float | None
    useful: int
    """Points off the median (the runs rule counts these)."""
    runs: int
    signals: list[Signal] = field(default_factory=list)
    not_applied: list[str] = field(default_factory=list)
    """Rules that could not be applied, and why."""
    verdict: str = ""
    """The whole reading in plain words."""
    marks: dict[int, str] = field(default_factory=dict)
    """Round number -> a note drawn on the chart (e.g. "change 1 tested")."""

    @property
    def too_few(self) -> bool:
        """Whether no rule at all could be applied."""
        return len(self.values) < MIN_TREND


def sides(values: Sequence[float], median: float) -> list[int]:
    """+1 above the median, -1 below, 0 on it, for each value."""
    return [(v > median) - (v < median) for v in values]


def count_runs(values: Sequence[float], median: float) -> int:
    """Runs about the median: series of points on one side, points on it left out."""
    off = [s for s in sides(values, median) if s]
    return sum(1 for i, s in enumerate(off) if i == 0 or s != off[i - 1])


def find_shifts(values: Sequence[float], median: float) -> list[tuple[int, ...]]:
    """Each stretch of :data:`MIN_SHIFT` or more points on one side of the median (points
    on the median skipped), as the indexes of its points off the median."""
    out: list[tuple[int, ...]] = []
    current: list[int] = []
    side = 0
    for i, s in enumerate(sides(values, median)):
        if s == 0:
            continue
        if s != side:
            if len(current) >= MIN_SHIFT:
                out.append(tuple(current))
            current, side = [], s
        current.append(i)
    if len(current) >= MIN_SHIFT:
        out.append(tuple(current))
    return out


def find_trends(values: Sequence[float]) -> list[tuple[int, ...]]:
    """Each stretch of :data:`MIN_TREND` or more points all going up or all going down,
    a value equal to the one before it skipped, as the indexes of the points counted."""
    kept = [i for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    out: list[tuple[int, ...]] = []
    start = 0
    for k in range(1, len(kept) + 1):
        ends = k == len(kept)
        if not ends and k >= 2:
            a, b, c = (values[kept[j]] for j in (k - 2, k - 1, k))
            ends = (b > a) != (c > b)
        if ends:
            if k - start >= MIN_TREND:
                out.append(tuple(kept[start:k]))
            start = k - 1
    return out


def _quartiles(values: Sequence[float]) -> tuple[float, float]:
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def find_astronomical(values: Sequence[float]) -> list[int]:
    """Points beyond :data:`FAR_OUT` interquartile ranges from the quartiles of the
    others (none when the others do not vary: then it is the facilitator's call)."""
    if len(values) < MIN_ASTRONOMICAL:
        return []
    out = []
    for i, v in enumerate(values):
        others = [x for j, x in enumerate(values) if j != i]
        q1, q3 = _quartiles(others)
        spread = q3 - q1
        if spread > 0 and (v > q3 + FAR_OUT * spread or v < q1 - FAR_OUT * spread):
            out.append(i)
    return out


def _rounds_text(rounds: Sequence[int], points: Sequence[int]) -> str:
    chosen = [rounds[i] for i in points]
    if len(chosen) > 2 and chosen == list(range(chosen[0], chosen[-1] + 1)):
        return _("rounds {first}-{last}").format(first=chosen[0], last=chosen[-1])
    listed = ", ".join(str(r) for r in chosen)
    return ngettext("round {rounds}", "rounds {rounds}", len(chosen)).format(rounds=listed)


def run_chart(
    measure: str,
    label: str,
    rounds: Sequence[int],
    values: Sequence[float | None],
    marks: dict[int, str] | None = None,
) -> RunChart:
    """The run chart of ``values`` (one per round in ``rounds``; a round where the measure
    is n/a is left off the chart) and what the rules say about it."""
    pairs = [(r, float(v)) for r, v in zip(rounds, values, strict=True) if v is not None]
    rs = [r for r, _v in pairs]
    vs = [v for _r, v in pairs]
    median = statistics.median(vs) if vs else None
    chart = RunChart(measure, label, rs, vs, median, 0, 0, marks=dict(marks or {}))
    n = len(vs)
    if median is None:
        chart.verdict = _("{label}: no round has measured it yet.").format(label=label)
        return chart
    chart.useful = sum(1 for s in sides(vs, median) if s)
    chart.runs = count_runs(vs, median)
    if n < MIN_TREND:
        chart.not_applied = [
            _(
                "{points}: too few to call anything. A trend needs {trend} rounds, a "
                "shift {shift}, the runs rule {runs} off the median; with fewer, "
                "any rise or fall may be chance."
            ).format(points=_points(n), trend=MIN_TREND, shift=MIN_SHIFT, runs=MIN_RUNS_POINTS)
        ]
        chart.verdict = _("{label}: {verdict}").format(label=label, verdict=chart.not_applied[0])
        return chart
    for pts in find_shifts(vs, median):
        if vs[pts[0]] > median:
            said = _("Shift: {n} points in a row above the median ({rounds}).")
        else:
            said = _("Shift: {n} points in a row below the median ({rounds}).")
        chart.signals.append(
            Signal("shift", pts, said.format(n=len(pts), rounds=_rounds_text(rs, pts)))
        )
    for pts in find_trends(vs):
        if vs[pts[-1]] > vs[pts[0]]:
            said = _("Trend: {n} points in a row going up ({rounds}).")
        else:
            said = _("Trend: {n} points in a row going down ({rounds}).")
        chart.signals.append(
            Signal("trend", pts, said.format(n=len(pts), rounds=_rounds_text(rs, pts)))
        )
    if n < MIN_SHIFT:
        chart.not_applied.append(
            _("Shift: needs {need} rounds; there are {n}.").format(need=MIN_SHIFT, n=n)
        )
    limits = RUNS_TABLE.get(chart.useful)
    if limits is None:
        if chart.useful < MIN_RUNS_POINTS:
            said = _("Runs: needs {need} points off the median; there are {n}.").format(
                need=MIN_RUNS_POINTS, n=chart.useful
            )
        else:
            said = _("Runs: the table stops at {most} points off the median.").format(
                most=max(RUNS_TABLE)
            )
        chart.not_applied.append(said)
    else:
        low, high = limits
        if chart.runs < low or chart.runs > high:
            if chart.runs < low:
                said = _(
                    "Too few runs: {runs} runs with {useful} points off the "
                    "median (between {low} and {high} are expected by chance)."
                )
            else:
                said = _(
                    "Too many runs: {runs} runs with {useful} points off the "
                    "median (between {low} and {high} are expected by chance)."
                )
            chart.signals.append(
                Signal(
                    "runs",
                    tuple(i for i, s in enumerate(sides(vs, median)) if s),
                    said.format(runs=chart.runs, useful=chart.useful, low=low, high=high),
                )
            )
    if n < MIN_ASTRONOMICAL:
        chart.not_applied.append(
            _("Astronomical point: flagged from {need} rounds; there are {n}.").format(
                need=MIN_ASTRONOMICAL, n=n
            )
        )
    for i in find_astronomical(vs):
        chart.signals.append(
            Signal(
                "astronomical",
                (i,),
                _(
                    "Astronomical point: round {round} ({value}) is far from all the others; "
                    "does everyone agree it is unusual?"
                ).format(round=rs[i], value=_general(vs[i])),
            )
        )
    if chart.signals:
        said = " ".join(s.text for s in chart.signals)
        chart.verdict = _("{label}: {verdict}").format(label=label, verdict=said)
    else:
        chart.verdict = _(
            "{label}: no rule signals over {points}: what the chart shows is "
            "consistent with chance (random variation)."
        ).format(label=label, points=_points(n))
    return chart


def median_text(chart: RunChart) -> str:
    """The median as shown (a count's median between two counts keeps its half: 2.5)."""
    m = chart.median
    if m is None:
        return labels.not_measurable()
    if labels.metric(chart.measure).fmt == "int" and m != int(m):
        return format_number(m, 1, grouping=False)
    return labels.show(chart.measure, m)


def _points(n: int) -> str:
    return ngettext("{n} round", "{n} rounds", n).format(n=n)


def _general(value: float) -> str:
    """``{value:g}`` with the decimal mark of the language in force (``2,5`` in French)."""
    text = f"{value:g}"
    if "e" in text or "." not in text:
        return text
    return format_number(value, len(text.split(".")[1]), grouping=False)
