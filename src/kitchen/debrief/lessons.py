"""Lesson packs at work: which lessons a round's metrics bring up, in order of relevance,
with this team's numbers filled in.

A rule sees one flat table of numbers (:func:`rule_values`): every numeric metric by its
dotted name (``communication.closed_loop_ratio``), summaries of the disruptions
(``resilience.*``), and the round's context within its session (``context.*``).
Reading and checking a pack's file is :mod:`kitchen.content.lesson_pack`'s job; the names
it checks against come from here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kitchen.content.baselines import MetricBaseline
from kitchen.content.lesson_model import ConditionDef, LessonDef
from kitchen.content.lesson_pack import BRACES, PLACEHOLDER, LessonPack, read_pack, read_pack_text
from kitchen.debrief.labels import NOT_MEASURABLE
from kitchen.debrief.metrics import RoundMetrics, compute_metrics
from kitchen.debrief.resilience_metrics import TOO_EARLY
from kitchen.debrief.stats import mean
from kitchen.debrief.talk_metrics import TALK_METRICS
from kitchen.events import RoundEnded, RoundStarted
from kitchen.i18n import _, format_number, format_percent, localize

DERIVED = {
    "resilience.disruptions": "number of disruptions",
    "resilience.max_drop": (
        "largest measurable drop in dishes per minute after a disruption (larger than the"
        " round's own variation before it)"
    ),
    "resilience.max_wait_s": (
        "the longest wait for a dish in the minute after a disruption (over disruptions that"
        " could be measured)"
    ),
    "resilience.mean_recovery_s": (
        "mean time to recover, over disruptions after which serving dropped or paused"
        " measurably and recovered"
    ),
    "resilience.unrecovered": (
        "disruptions after which serving dropped or paused measurably and never recovered"
    ),
    "resilience.repaired": "breakdowns repaired by a chef",
    "resilience.first_callout_mean_s": "mean time from a disruption to the first call-out",
    "flow.idle_while_open_share_max": (
        "the largest share of the time orders were open that one person spent idle (all chefs"
        " when no person played)"
    ),
    "communication.allergy_unspoken": (
        "allergy tickets nobody spoke about (warn:allergy or help within the speaking-up"
        " window; null when communication is not measured)"
    ),
    "communication.hazards_unspoken_share": (
        "share of the round's hazards nobody spoke about (hazards_unspoken / hazards; null"
        " without hazards or when communication is not measured)"
    ),
    "tags.count": "facilitator tags",
    "context.round_index": "the round's number in its session (1, 2, ...)",
    "context.silos": "1 if roles really restricted someone (silos on, in a level with roles)",
    "context.has_zones": "1 if the level has zones",
    "context.redesign_after_original": (
        "1 if this round's level is a redesign of a level the session played before it"
    ),
    "context.score_change": (
        "score minus the previous round's of the same level and settings (null if none)"
    ),
    "context.closed_loop_change": "closed-loop ratio (full loops) minus the previous round's",
}


def rule_values(
    metrics: RoundMetrics, context: dict[str, Any] | None = None
) -> dict[str, float | None]:
    """The flat table of numbers rules are evaluated against."""
    values: dict[str, float | None] = {}
    for section, entries in metrics.sections.items():
        for key, value in entries.items():
            if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                values[f"{section}.{key}"] = value
    ds = metrics.disruptions
    # A drop is only recorded when it was larger than the round's own variation before the
    # disruption, a pause when the wait for a dish was, and a recovery only after either
    # (docs/metrics.md).
    hit = [d for d in ds if d["drop"] is not None or d.get("paused")]
    drops = [d["drop"] for d in hit if d["drop"] is not None]
    waits = [
        d["longest_wait_s"]
        for d in ds
        if d["outcome"] != TOO_EARLY and d.get("longest_wait_s") is not None
    ]
    recoveries = [d["recovery_s"] for d in hit if d["recovery_s"] is not None]
    calls = [d["first_callout_s"] for d in ds if d["first_callout_s"] is not None]
    values.update(
        {
            "resilience.disruptions": len(ds),
            "resilience.max_drop": max(drops) if drops else None,
            "resilience.max_wait_s": max(waits) if waits else None,
            "resilience.mean_recovery_s": mean(recoveries),
            "resilience.unrecovered": sum(1 for d in hit if d["recovery_s"] is None),
            "resilience.repaired": sum(1 for d in ds if d["ended_by"] == "repaired"),
            "resilience.first_callout_mean_s": mean(calls),
            "tags.count": len(metrics.tags),
            "flow.idle_while_open_share_max": _idle_max(metrics),
            "communication.allergy_unspoken": _unspoken(metrics, "allergy"),
            "communication.hazards_unspoken_share": _unspoken_share(metrics),
        }
    )
    ctx = {
        "round_index": 1,
        "silos": 1,
        "has_zones": 0,
        "score_change": None,
        "closed_loop_change": None,
    }
    ctx.update(context or {})
    values.update({f"context.{k}": v for k, v in ctx.items()})
    return values


def _unspoken(metrics: RoundMetrics, kind: str) -> int | None:
    comm = metrics.sections.get("communication", {})
    if comm.get("hazards_unspoken") is None:
        return None
    return int((comm.get("hazards_unspoken_by_kind") or {}).get(kind, 0))


def _unspoken_share(metrics: RoundMetrics) -> float | None:
    comm = metrics.sections.get("communication", {})
    hazards, unspoken = comm.get("hazards"), comm.get("hazards_unspoken")
    if not hazards or unspoken is None:
        return None
    return round(float(unspoken) / float(hazards), 3)


def _idle_max(metrics: RoundMetrics) -> float | None:
    flow = metrics.sections.get("flow", {})
    mean_s, share = flow.get("idle_while_open_s_mean"), flow.get("idle_while_open_share")
    chefs = [c for c in metrics.chefs if c.get("person")] or list(metrics.chefs)
    idle = [c["idle_while_open_s"] for c in chefs if c.get("idle_while_open_s") is not None]
    if not idle or not mean_s or share is None:
        return None
    # the open time is the same for every chef: mean idle seconds / mean share
    return round(min(1.0, float(max(idle)) * float(share) / float(mean_s)), 3)


def known_names() -> set[str]:
    """Every name a rule or a placeholder may use."""
    empty = compute_metrics([RoundStarted(0, "", 0, (1,), 60, 60), RoundEnded(60, 0, 0, 0, 0, 0)])
    return set(rule_values(empty)) | set(DERIVED) | set(TALK_METRICS)


def load_pack(path: str | Path | None = None) -> LessonPack:
    """Load and check a lesson pack (the shipped one by default) against the names the
    debrief measures (:func:`known_names`).

    Raises:
        SourceError: with every problem, as ``file:line:col: path: message``.
    """
    return read_pack(path, known_names())


def load_pack_text(text: str, name: str = "<pack>") -> LessonPack:
    """Load and check a lesson pack from YAML text (see :func:`load_pack`)."""
    return read_pack_text(text, name, known_names())


# --- evaluation ------------------------------------------------------------------------


CARD_LIMIT = 3
"""Cards shown for a round by default; the rest are shown on request ("More cards")."""

Baseline = Mapping[str, MetricBaseline]
"""A level's baseline: what its computer cooks produced, by metric name."""


def _holds(
    cond: ConditionDef, values: dict[str, float | None], baseline: Baseline | None = None
) -> tuple[bool, float]:
    """Whether a condition holds, and how strongly (0..1: how far past its threshold).

    ``above_baseline: x`` holds when the value is more than ``x`` above the baseline's median
    and above its highest value; its strength is how far past ``median + x`` the value is,
    relative to ``max(x, the baseline's spread)``. Without a baseline for the metric (a level
    nobody made one for, or a metric the cooks cannot produce) it does not hold: the debrief
    cannot tell the team from the level.
    """
    value = values.get(cond.metric)
    name, threshold = cond.comparison
    if name == "missing":
        return (value is None) == bool(threshold), 0.0
    if value is None:
        return False, 0.0
    assert isinstance(threshold, float)
    if name in ("above_baseline", "below_baseline"):
        base = baseline.get(cond.metric) if baseline else None
        if base is None:
            return False, 0.0
        if name == "above_baseline":
            past, outside = value - base.median - threshold, value > base.high
        else:
            past, outside = base.median - value - threshold, value < base.low
        if past <= 0 or not outside:
            return False, 0.0
        return True, min(1.0, past / max(threshold, base.spread, 1e-9))
    ok = {
        "above": value > threshold,
        "at_least": value >= threshold,
        "below": value < threshold,
        "at_most": value <= threshold,
        "equals": value == threshold,
    }[name]
    strength = min(1.0, abs(value - threshold) / max(abs(threshold), 1.0)) if ok else 0.0
    return ok, strength


@dataclass(frozen=True)
class LessonCard:
    """A lesson brought up by a round, ready to show."""

    id: str
    title: str
    topic: str
    showed: str
    why: str
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    relevance: float


def card_of(
    pack: LessonPack, lesson: LessonDef, values: dict[str, float | None], relevance: float
) -> LessonCard:
    """``lesson``'s card in the language in force, its texts filled with ``values``."""
    return LessonCard(
        lesson.id,
        fill(localize(lesson.title), values),
        localize(lesson.topic),
        fill(localize(lesson.showed), values),
        fill(localize(lesson.why), values),
        tuple(fill(localize(q), values) for q in lesson.questions),
        tuple(pack.definition.sources[s].cite for s in lesson.sources),
        relevance,
    )


def evaluate(
    pack: LessonPack, values: dict[str, float | None], baseline: Baseline | None = None
) -> list[LessonCard]:
    """The lessons whose rules hold for ``values``, most relevant first (show the first
    :data:`CARD_LIMIT`, the rest on request).

    Relevance = weight × (1 + mean strength of the conditions), where a condition's strength
    is how far the metric is past its threshold (for a baseline comparison: past the level's
    baseline median plus the threshold), relative to the threshold (capped at 1). Conditions
    comparing with the level's ``baseline`` hold only when there is one.
    """
    cards: list[tuple[float, int, LessonCard]] = []
    for order, lesson in enumerate(pack.lessons):
        results = [_holds(c, values, baseline) for c in lesson.when]
        if not all(ok for ok, _ in results):
            continue
        if lesson.any:
            alternatives = [_holds(c, values, baseline) for c in lesson.any]
            if not any(ok for ok, _ in alternatives):
                continue
            results.append(max(alternatives, key=lambda r: r[1]))
        strength = sum(s for _, s in results) / len(results)
        relevance = round(lesson.weight * (1 + strength), 3)
        cards.append((-relevance, order, card_of(pack, lesson, values, relevance)))
    return [card for _, _, card in sorted(cards, key=lambda c: (c[0], c[1]))]


def fill(text: str, values: dict[str, float | None]) -> str:
    """Fill ``{metric}`` placeholders with this round's numbers (``{{`` and ``}}`` give a
    brace)."""

    def one(match: re.Match[str]) -> str:
        token = match.group()
        if token in ("{{", "}}"):
            return token[0]
        placeholder = PLACEHOLDER.fullmatch(token)
        if placeholder is None:
            return token
        return format_value(values.get(placeholder.group(1)), placeholder.group(2))

    return BRACES.sub(one, text).strip()


def format_value(value: float | None, fmt: str | None = None) -> str:
    """A number as people read it in the language in force: ``pct`` 0.42 -> 42% (French
    42 %), ``s`` 12.3 -> 12 s, ``1f`` 1234.5 -> 1,234.5 (French 1 234,5)."""
    if value is None or not math.isfinite(value):
        return _(NOT_MEASURABLE)
    if fmt == "pct":
        return format_percent(value)
    if fmt == "int":
        return format_number(value)
    if fmt == "1f":
        return format_number(value, 1)
    if fmt == "2f":
        return format_number(value, 2)
    if fmt == "s":
        return _("{seconds} s").format(seconds=format_number(value))
    if isinstance(value, float) and not value.is_integer():
        return format_number(value, len(f"{value:.2f}".rstrip("0").partition(".")[2]))
    return format_number(value)
