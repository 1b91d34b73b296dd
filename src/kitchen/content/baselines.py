"""Level baselines: what a level alone produces, so the debrief can tell a team's behaviour
from the level's.

A baseline file sits in a ``baselines/`` folder beside its level (``levels/06_silos.yaml``
has ``levels/baselines/06_silos.yaml``). It holds, for each metric the debrief measures, the
median and the range the computer cooks produced over several seeds. ``kitchen baselines``
makes and refreshes them; ``docs/lessons.md`` explains how lesson rules use them.

This module only reads, checks and writes the files; the debrief computes the numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kitchen.content.lesson_model import MetricName
from kitchen.content.problems import SourceError
from kitchen.content.source import SourceDoc, parse_yaml, read_yaml_file
from kitchen.content.suggest import suggest
from kitchen.content.validation import Schema, sorted_unique
from kitchen.i18n import _

BASELINE_FOLDER = "baselines"
"""The folder, beside a level file, holding its baseline."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MetricBaseline(_Strict):
    """What the computer cooks produced for one metric over the baseline's seeds."""

    median: float
    low: float = Field(description="the lowest value over the seeds")
    high: float = Field(description="the highest value over the seeds")
    measured: Annotated[int, Field(ge=1, le=1000)] = Field(
        description="how many of the seeds could measure it"
    )

    @model_validator(mode="after")
    def _ordered(self) -> MetricBaseline:
        if not self.low <= self.median <= self.high:
            raise ValueError(
                _("low <= median <= high must hold (got {low}, {median}, {high})").format(
                    low=self.low, median=self.median, high=self.high
                )
            )
        return self

    @property
    def spread(self) -> float:
        """``high - low``: how much the level alone varies."""
        return self.high - self.low


class BaselineDef(_Strict):
    """A level's baseline file."""

    version: Literal[1] = 1
    level: str = Field(max_length=80, description="the level's name")
    level_digest: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="sha256 of the level file's text (line ends made \\n) it was made from",
    )
    made_by: str = Field(max_length=200, description="how the numbers were made")
    seeds: list[Annotated[int, Field(ge=0)]] = Field(min_length=1, max_length=1000)
    metrics: dict[MetricName, MetricBaseline]


BASELINE_SCHEMA = Schema(BaselineDef)


def level_digest(text: str) -> str:
    """The digest a baseline records of its level's text (the same whatever the line ends)."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def baseline_path(level_file: str | Path) -> Path:
    """Where the baseline of the level in ``level_file`` is kept."""
    path = Path(level_file)
    return path.parent / BASELINE_FOLDER / path.name


def check_baseline(doc: SourceDoc, metric_names: Collection[str] | None = None) -> BaselineDef:
    """Check a parsed baseline file (and, given ``metric_names``, that it names only them).

    Raises:
        SourceError: with every problem, as ``file:line:col: path: message``.
    """
    if not isinstance(doc.data, dict):
        raise SourceError(
            doc.problem((), _("a baseline is a mapping (level:, level_digest:, metrics:)"))
        )
    definition = BASELINE_SCHEMA.validate(doc)
    assert isinstance(definition, BaselineDef)
    if metric_names is not None:
        names = sorted(metric_names)
        problems = [
            doc.problem(
                ("metrics", name),
                _("unknown metric '{name}'{suggest}").format(
                    name=name, suggest=suggest(name, names)
                ),
                key=True,
            )
            for name in definition.metrics
            if name not in metric_names
        ]
        if problems:
            raise SourceError(*sorted_unique(problems))
    return definition


def read_baseline(path: str | Path, metric_names: Collection[str] | None = None) -> BaselineDef:
    """Read and check a baseline file (through the bounded reader).

    Raises:
        SourceError: the file cannot be read or is not a valid baseline.
    """
    return check_baseline(read_yaml_file(path), metric_names)


def read_baseline_text(
    text: str, name: str = "<baseline>", metric_names: Collection[str] | None = None
) -> BaselineDef:
    """Read and check a baseline from YAML text (see :func:`read_baseline`)."""
    return check_baseline(parse_yaml(text, name), metric_names)
