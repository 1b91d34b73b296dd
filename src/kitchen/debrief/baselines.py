"""Making and finding level baselines: the metrics a level alone produces, played by the
computer cooks over several seeds (:mod:`kitchen.content.baselines` reads and checks the
files). Lesson rules compare a team with them (``above_baseline``, ``below_baseline``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from kitchen.bots.team import BotTeam
from kitchen.content import Level, SourceError
from kitchen.content.baselines import (
    BASELINE_FOLDER,
    BaselineDef,
    MetricBaseline,
    baseline_path,
    level_digest,
    read_baseline,
)
from kitchen.debrief.lessons import known_names, rule_values
from kitchen.debrief.metrics import compute_metrics
from kitchen.debrief.stats import median
from kitchen.events import Event
from kitchen.paths import levels_dir
from kitchen.sim.round import Round

DEFAULT_SEEDS: tuple[int, ...] = tuple(range(1, 21))
"""The seeds ``kitchen baselines`` plays each level with."""

MADE_BY = "computer cooks in every chef slot, silos as the level sets them, no call-outs"


def play_cooks(level: Level, seed: int, people: Iterable[int] | None = ()) -> list[Event]:
    """The events of one round of ``level`` played by the computer cooks in every chef slot
    (``people``: the chefs marked as played by a person; none by default)."""
    spec = level.spec
    rnd = Round(spec, seed=seed, players=sorted(spec.starts), people=people)
    team = BotTeam(rnd)
    events: list[Event] = []
    while not rnd.finished:
        events.extend(rnd.step(team.commands()))
    return events


def baseline_values(level: Level, seed: int) -> dict[str, float]:
    """The measurable metrics of one computer-cooked round (no context, no tags)."""
    values = rule_values(compute_metrics(play_cooks(level, seed), level.spec))
    if values.get("resilience.disruptions") and values.get("resilience.max_drop") is None:
        # disrupted with no measurable drop: for the cooks that is a drop of 0, which a
        # team's real drop is compared with
        values["resilience.max_drop"] = 0.0
    return {
        k: float(v)
        for k, v in values.items()
        if v is not None and not k.startswith(("context.", "tags."))
    }


def make_baseline(level: Level, seeds: Sequence[int] = DEFAULT_SEEDS) -> BaselineDef:
    """Play ``level`` with the computer cooks once per seed and summarise every metric."""
    runs = [baseline_values(level, seed) for seed in seeds]
    names = sorted({k for run in runs for k in run})
    metrics = {}
    for name in names:
        got = [run[name] for run in runs if name in run]
        mid = median(got)
        assert mid is not None
        metrics[name] = MetricBaseline(
            median=round(mid, 3), low=round(min(got), 3), high=round(max(got), 3), measured=len(got)
        )
    return BaselineDef(
        level=level.definition.name,
        level_digest=level_digest(level.text),
        made_by=MADE_BY,
        seeds=list(seeds),
        metrics=metrics,
    )


def baseline_yaml(baseline: BaselineDef) -> str:
    """A baseline as the YAML text of its file."""
    data = baseline.model_dump()
    data["metrics"] = {
        k: {kk: (int(vv) if float(vv).is_integer() else vv) for kk, vv in v.items()}
        for k, v in data["metrics"].items()
    }
    head = (
        "# What this level alone produces: every metric the debrief measures, played by the\n"
        "# computer cooks over the seeds below (median, lowest, highest). Made by\n"
        "# `kitchen baselines`; lesson rules compare a team with it (docs/lessons.md).\n"
    )
    return head + yaml.safe_dump(data, sort_keys=False, width=100, default_flow_style=None)


def find_baseline(level_text: str, level_file: str | Path | None = None) -> BaselineDef | None:
    """The baseline made from exactly this level text: beside ``level_file``, else among the
    shipped levels' baselines (``None`` if there is none, it cannot be read, or it was made
    from another version of the level)."""
    digest = level_digest(level_text)
    candidates: list[Path] = []
    if level_file:
        candidates.append(baseline_path(level_file))
    shipped = levels_dir() / BASELINE_FOLDER
    if shipped.is_dir():
        candidates.extend(sorted(shipped.glob("*.yaml")))
    for path in candidates:
        found = _read_cached(path)
        if found is not None and found.level_digest == digest:
            return found
    return None


def _read_cached(path: Path) -> BaselineDef | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int, size: int) -> BaselineDef | None:
    """A baseline file, read once while it is unchanged (a report reads many rounds)."""
    try:
        return read_baseline(path, known_names())
    except SourceError:
        return None
