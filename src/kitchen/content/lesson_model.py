"""Lesson packs: YAML files that map patterns in a team's metrics to lessons about health
and care systems. Facilitators edit the shipped pack or write their own; see
``docs/lessons.md``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kitchen.content.localized import localized
from kitchen.i18n import LocalText

if TYPE_CHECKING:
    from typing import TypeAlias

    from kitchen.i18n import LocalText

    Text60: TypeAlias = LocalText
    Text80: TypeAlias = LocalText
    Text300: TypeAlias = LocalText
    Text600: TypeAlias = LocalText
    Text1200: TypeAlias = LocalText
    Text2000: TypeAlias = LocalText
else:  # text, or {en: ..., fr: ...} (kitchen.content.localized)
    Text60, Text80, Text300 = localized(60), localized(80), localized(300)
    Text600, Text1200, Text2000 = localized(600), localized(1200), localized(2000)

Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
MetricName = Annotated[
    str,
    Field(
        pattern=r"^[a-z_]+\.[a-z0-9_]+$",
        description="a metric's dotted name, e.g. communication.closed_loop_ratio",
    ),
]

COMPARISONS = (
    "above",
    "at_least",
    "below",
    "at_most",
    "equals",
    "above_baseline",
    "below_baseline",
)
"""``above_baseline: x``: more than ``x`` above the median the level's computer cooks produce
and above the highest they produced (``below_baseline``: the mirror); see docs/lessons.md."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionDef(_Strict):
    """One test of one metric. Give exactly one comparison; a metric that cannot be measured
    in a round (``null``) never satisfies a comparison, only ``missing: true``."""

    metric: MetricName
    above: float | None = None
    at_least: float | None = None
    below: float | None = None
    at_most: float | None = None
    equals: float | None = None
    above_baseline: float | None = Field(
        None,
        ge=0,
        description="holds when the metric is more than this above the level's baseline median"
        " and above the highest value of the baseline",
    )
    below_baseline: float | None = Field(
        None,
        ge=0,
        description="holds when the metric is more than this below the level's baseline median"
        " and below the lowest value of the baseline",
    )
    missing: bool | None = Field(None, description="true: holds when the metric cannot be measured")

    @model_validator(mode="after")
    def _one_comparison(self) -> ConditionDef:
        given = [c for c in (*COMPARISONS, "missing") if getattr(self, c) is not None]
        if len(given) != 1:
            raise ValueError(
                f"give exactly one of {', '.join(COMPARISONS)} or missing (got "
                f"{', '.join(given) or 'none'})"
            )
        return self

    @property
    def comparison(self) -> tuple[str, float | bool]:
        """The comparison's name and threshold."""
        for name in (*COMPARISONS, "missing"):
            value = getattr(self, name)
            if value is not None:
                return name, value
        raise AssertionError("validated to have one comparison")


class SourceDef(_Strict):
    """A source a lesson rests on."""

    cite: str = Field(max_length=400, description="author, year, title, where published")
    url: str | None = Field(None, max_length=300)


class LessonDef(_Strict):
    """A lesson card and the rule that brings it up."""

    id: Name
    title: Text80
    topic: Text60 = Field(description="the theme, e.g. 'Closed-loop communication'")
    when: list[ConditionDef] = Field(min_length=1, description="all must hold")
    any: list[ConditionDef] = Field(default_factory=list, description="if given, one must hold too")
    weight: Annotated[float, Field(ge=0.1, le=10)] = Field(
        1.0, description="importance for ordering"
    )
    showed: Text600 = Field(description="what the data showed; {metric} fills in numbers")
    why: Text1200 = Field(description="why it matters in health and care")
    questions: list[Text300] = Field(min_length=1, max_length=3)
    sources: list[Name] = Field(default_factory=list)


class LessonPackDef(_Strict):
    """A whole lesson pack."""

    version: Literal[1] = 1
    name: Name
    title: Text80
    description: Text2000 = Field(default_factory=LocalText.empty)
    sources: dict[Name, SourceDef] = Field(default_factory=dict)
    lessons: list[LessonDef] = Field(min_length=1, max_length=100)
