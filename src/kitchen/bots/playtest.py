"""Playtesting a level with bots: many headless rounds, summed up for level designers.

:func:`run_playtest` plays ``runs`` rounds (seeds ``seed``, ``seed + 1``, ...) with bots in
every chef slot, in parallel processes, and :func:`summarise` turns the results into the
figures ``kitchen playtest`` prints: the score distribution, stars per run, suggested star
thresholds, recipes never served, stations never used, and the busiest cells.

Suggested star thresholds (:func:`suggest_stars`) follow one documented rule: **1 star at
the 40th percentile, 2 stars at the 70th and 3 stars at the 90th percentile of the bots'
scores**, each rounded down to a multiple of 5 and kept at least 5 apart (1 star at least
5). The rule is calibrated on two bots: bots never tire and read every ticket, but they do
not talk, plan ahead or cook before an order arrives, so a team of people new to the game
should reach 1 star most of the time, and 3 stars means beating the bots' good days.

When every run scores 0 no thresholds are suggested (``suggested_thresholds`` is ``None``):
the summary's ``verdict`` says the bots could not serve the level and ``causes`` names what
:func:`kitchen.bots.servability.find_causes` sees in the map (empty when it sees nothing).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from kitchen.bots.servability import NO_CAUSE, find_causes
from kitchen.bots.team import BotTeam
from kitchen.sim.round import Round
from kitchen.sim.spec import KitchenSpec, Tile

STAR_PERCENTILES = (40, 70, 90)
"""Percentiles of bot scores suggested for 1, 2 and 3 stars."""

STAR_STEP = 5
"""Suggested thresholds are multiples of this, at least this far apart."""

TOP = 5
"""How many busiest cells to report."""

_USE_EVENTS = frozenset(
    {
        "item_spawned",
        "item_picked",
        "item_put_down",
        "item_combined",
        "item_processed",
        "item_binned",
        "order_served",
        "wrong_dish",
        "safety_incident",
        "cook_started",
    }
)
"""Events that show a chef (or a pot) used the station at the event's tile."""


@dataclass
class RunResult:
    """What one bot-played round produced."""

    seed: int
    score: int
    stars: int
    served: int
    expired: int
    wrong: int
    recipes_served: dict[str, int] = field(default_factory=dict)
    recipes_ordered: dict[str, int] = field(default_factory=dict)
    stations_used: list[Tile] = field(default_factory=list)
    blocked: dict[Tile, int] = field(default_factory=dict)
    """``chef_blocked`` events by the blocked chef's cell."""
    visits: dict[Tile, int] = field(default_factory=dict)
    """How often a chef stepped into each cell."""
    repaired: int = 0
    burnt: int = 0
    """How many pots burnt."""


def play_round(spec: KitchenSpec, seed: int, chefs: int, silos: bool = True) -> RunResult:
    """Play one round with bots in the first ``chefs`` chef slots."""
    players = sorted(spec.starts)[:chefs]
    rnd = Round(spec, seed=seed, players=players, silos=silos, people=())  # computer cooks only
    team = BotTeam(rnd)
    served: Counter[str] = Counter()
    ordered: Counter[str] = Counter()
    used: set[Tile] = set()
    blocked: Counter[Tile] = Counter()
    visits: Counter[Tile] = Counter()
    repaired = 0
    burnt = 0
    chefs_now = list(rnd.chefs.values())
    last = {c.player: c.cell for c in chefs_now}
    where = {c.player: (c.x, c.y) for c in chefs_now}
    step = rnd.step
    commands = team.commands
    while not rnd.finished:
        for event in step(commands()):
            kind = event.type
            if kind in _USE_EVENTS:
                used.add(event.tile)  # type: ignore[attr-defined]
                if kind == "order_served":
                    served[event.recipe] += 1  # type: ignore[attr-defined]
            elif kind == "chef_blocked":
                blocked[event.tile] += 1  # type: ignore[attr-defined]
            elif kind == "order_arrived":
                ordered[event.recipe] += 1  # type: ignore[attr-defined]
            elif kind == "disruption_ended":
                repaired += event.reason == "repaired"  # type: ignore[attr-defined]
            elif kind == "item_burnt":
                burnt += 1
        for chef in chefs_now:
            pos = (chef.x, chef.y)
            if pos == where[chef.player]:
                continue  # standing still: still in the same cell
            where[chef.player] = pos
            cell = chef.cell
            if cell != last[chef.player]:
                last[chef.player] = cell
                if chef.status != "away":
                    visits[cell] += 1
    return RunResult(
        seed=seed,
        score=rnd.score,
        stars=rnd.stars,
        served=rnd.served,
        expired=rnd.expired,
        wrong=rnd.wrong,
        recipes_served=dict(served),
        recipes_ordered=dict(ordered),
        stations_used=sorted(t for t in used if t in spec.stations),
        blocked=dict(blocked),
        visits=dict(visits),
        repaired=repaired,
        burnt=burnt,
    )


def _play(args: tuple[KitchenSpec, int, int, bool]) -> RunResult:
    return play_round(*args)


def run_playtest(
    spec: KitchenSpec,
    runs: int,
    chefs: int,
    seed: int = 0,
    silos: bool = True,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[RunResult]:
    """Play ``runs`` rounds (seeds ``seed``..``seed + runs - 1``) with ``chefs`` bots.

    Rounds run in a process pool with ``workers`` processes (default: one per core, at
    most one per run). ``progress(done, runs)`` is called after each round.

    Returns:
        The results, in seed order.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    if not 1 <= chefs <= len(spec.starts):
        raise ValueError(f"chefs must be 1 to {len(spec.starts)} for this level")
    if workers is None:
        workers = min(runs, os.cpu_count() or 1)
    jobs = [(spec, s, chefs, silos) for s in range(seed, seed + runs)]
    results: list[RunResult] = []
    if workers <= 1:
        for job in jobs:
            results.append(_play(job))
            if progress:
                progress(len(results), runs)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for future in as_completed([pool.submit(_play, job) for job in jobs]):
                results.append(future.result())
                if progress:
                    progress(len(results), runs)
    return sorted(results, key=lambda r: r.seed)


# --- statistics ----------------------------------------------------------------------


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (0-100) by linear interpolation between ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * pct / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def suggest_stars(scores: Sequence[int]) -> list[int]:
    """Star thresholds from bot scores: the 40th, 70th and 90th percentiles, rounded down to
    multiples of 5, at least 5 and rising by at least 5 (see the module docstring)."""
    out: list[int] = []
    floor = STAR_STEP
    for pct in STAR_PERCENTILES:
        value = int(percentile(scores, pct)) // STAR_STEP * STAR_STEP
        value = max(value, floor)
        out.append(value)
        floor = value + STAR_STEP
    return out


def summarise(
    spec: KitchenSpec,
    results: Sequence[RunResult],
    chefs: int,
    title: str | None = None,
    silos: bool = True,
) -> dict[str, Any]:
    """The playtest summary as plain data (what ``kitchen playtest --json`` prints).

    ``verdict`` is ``None`` unless every run scored 0; then it says so, ``causes`` lists
    what stopped the bots (see :mod:`kitchen.bots.servability`) and
    ``suggested_thresholds`` is ``None``.
    """
    scores = [r.score for r in results]
    verdict, causes = _verdict(spec, results, chefs, silos)
    served: Counter[str] = Counter()
    ordered: Counter[str] = Counter()
    used: set[Tile] = set()
    blocked: Counter[Tile] = Counter()
    visits: Counter[Tile] = Counter()
    for r in results:
        served.update(r.recipes_served)
        ordered.update(r.recipes_ordered)
        used.update((x, y) for x, y in r.stations_used)
        blocked.update(r.blocked)
        visits.update(r.visits)
    star_counts = Counter(r.stars for r in results)
    n = len(results)
    return {
        "level": spec.name,
        "title": title or spec.name,
        "runs": n,
        "chefs": chefs,
        "seeds": [results[0].seed, results[-1].seed] if results else [],
        "score": {
            "min": min(scores),
            "median": percentile(scores, 50),
            "mean": round(sum(scores) / n, 1),
            "max": max(scores),
        },
        "scores": scores,
        "stars": [r.stars for r in results],
        "star_counts": {str(k): star_counts.get(k, 0) for k in range(4)},
        "thresholds": list(spec.scoring.stars),
        "suggested_thresholds": None if verdict else suggest_stars(scores),
        "threshold_rule": "1/2/3 stars at the 40th/70th/90th percentile of bot scores, "
        "rounded down to multiples of 5",
        "served_per_run": round(sum(r.served for r in results) / n, 1),
        "expired_per_run": round(sum(r.expired for r in results) / n, 1),
        "repairs_per_run": round(sum(r.repaired for r in results) / n, 1),
        "never_served": [
            {"recipe": name, "ordered": ordered.get(name, 0)}
            for name in spec.recipes
            if not served.get(name)
        ],
        "served_by_recipe": {name: served.get(name, 0) for name in spec.recipes},
        "unused_stations": [
            {
                "tile": list(tile),
                "kind": st.kind,
                **({"ingredient": st.ingredient} if st.ingredient else {}),
            }
            for tile, st in sorted(spec.stations.items(), key=lambda kv: (kv[0][1], kv[0][0]))
            if st.kind != "counter" and tile not in used
        ],
        "counters_used": sum(1 for t in used if spec.stations[t].kind == "counter"),
        "counters": sum(1 for st in spec.stations.values() if st.kind == "counter"),
        "bottlenecks": [{"tile": list(tile), "blocked": count} for tile, count in _top(blocked)],
        "busiest": [{"tile": list(tile), "visits": count} for tile, count in _top(visits)],
        "notes": [] if verdict else _notes(results),
        "verdict": verdict,
        "causes": causes,
    }


def _runs(n: int) -> str:
    return f"{n} run" if n == 1 else f"{n} runs"


def _verdict(
    spec: KitchenSpec, results: Sequence[RunResult], chefs: int, silos: bool
) -> tuple[str | None, list[str]]:
    """What to say when every run scored 0 (``None`` otherwise), and the causes found."""
    if not results or any(r.score for r in results):
        return None, []
    served = sum(r.served for r in results)
    if served:
        orders = f"{served} order" if served == 1 else f"{served} orders"
        return (
            f"every run scored 0: the bots served {orders} in {_runs(len(results))}, "
            + "but penalties (expired tickets, wrong dishes) took every point",
            [],
        )
    causes = find_causes(spec, chefs, silos, results)
    if not causes:
        return f"the bots served nothing; {NO_CAUSE}", []
    return (
        f"the bots could not serve this level: they served nothing in {_runs(len(results))}",
        causes,
    )


def _notes(results: Sequence[RunResult]) -> list[str]:
    """Warnings that help read the figures."""
    notes = []
    if results and all(r.expired == 0 for r in results):
        notes.append(
            "the bots let no ticket expire: scores are capped by how many orders arrive, "
            "so the suggested thresholds are a ceiling; people will usually score lower"
        )
    nothing = [r.seed for r in results if r.served == 0]
    if nothing and len(nothing) < len(results):
        seeds = ", ".join(map(str, nothing[:10])) + (", ..." if len(nothing) > 10 else "")
        notes.append(
            f"{len(nothing)} of {_runs(len(results))} served nothing (seeds {seeds}): "
            "the bots sometimes could not serve; play those seeds to see why"
        )
    return notes


def _top(counts: Counter[Tile]) -> list[tuple[Tile, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0]))[:TOP]


def _cell(tile: Sequence[int]) -> str:
    return f"({tile[0]},{tile[1]})"


def format_summary(summary: dict[str, Any]) -> str:
    """The summary as the text ``kitchen playtest`` prints."""
    s = summary
    sc = s["score"]
    cell = _cell
    lines = [
        f"level       {s['title']} ({s['level']}), {s['runs']} runs with {s['chefs']} bots, "
        f"seeds {s['seeds'][0]}-{s['seeds'][1]}",
        f"score       min {sc['min']}  median {sc['median']:g}  mean {sc['mean']:g}  "
        f"max {sc['max']}",
        f"stars       per run: {' '.join(map(str, s['stars']))}   "
        + "  ".join(f"{k}★ x{v}" for k, v in s["star_counts"].items()),
        f"thresholds  level {s['thresholds']}   "
        + (
            f"suggested {s['suggested_thresholds']}  ({s['threshold_rule']})"
            if s["suggested_thresholds"] is not None
            else "suggested none: every run scored 0"
        ),
        f"orders      served {s['served_per_run']:g}/run, expired {s['expired_per_run']:g}/run, "
        f"repairs {s['repairs_per_run']:g}/run; by recipe: "
        + ", ".join(f"{k} {v}" for k, v in s["served_by_recipe"].items()),
    ]
    never = s["never_served"]
    lines.append(
        "never served "
        + (
            ", ".join(
                f"{n['recipe']} "
                f"({'ordered ' + str(n['ordered']) + 'x' if n['ordered'] else 'never ordered'})"
                for n in never
            )
            if never
            else "none: every recipe was served"
        )
    )
    unused = s["unused_stations"]
    lines.append(
        "unused      "
        + (
            ", ".join(
                f"{u['kind']}{' ' + u['ingredient'] if 'ingredient' in u else ''} {cell(u['tile'])}"
                for u in unused
            )
            if unused
            else "none"
        )
        + f"; counters used {s['counters_used']} of {s['counters']}"
    )
    lines.append(
        "bottlenecks "
        + (
            ", ".join(f"{cell(b['tile'])} blocked {b['blocked']}x" for b in s["bottlenecks"])
            if s["bottlenecks"]
            else "none: no chef was ever blocked"
        )
    )
    lines.append(
        "busiest     " + ", ".join(f"{cell(b['tile'])} {b['visits']} visits" for b in s["busiest"])
    )
    lines.extend(f"note        {note}" for note in s.get("notes", ()))
    if s.get("verdict"):
        lines.append(f"verdict     {s['verdict']}")
        lines.extend(f"cause       {cause}" for cause in s.get("causes", ()))
    return "\n".join(lines)
