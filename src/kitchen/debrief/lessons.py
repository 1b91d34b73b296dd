"""Lesson packs at work: which lessons a round's metrics bring up, in order of relevance,
with this team's numbers filled in.

A rule sees one flat table of numbers (:func:`rule_values`): every numeric metric by its
dotted name (``communication.closed_loop_ratio``), summaries of the disruptions
(``resilience.*``), and the round's context within its session (``context.*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kitchen.content.kitchen_map import suggest
from kitchen.content.lesson_model import ConditionDef, LessonDef, LessonPackDef
from kitchen.content.problems import Problem, SourceError
from kitchen.content.reading import position_of
from kitchen.content.source import SourceDoc, format_path, parse_yaml, read_yaml_file
from kitchen.content.validation import Schema, sorted_unique
from kitchen.debrief.metrics import RoundMetrics, compute_metrics
from kitchen.debrief.stats import mean
from kitchen.events import RoundEnded, RoundStarted
from kitchen.paths import assets_dir

PACK_SCHEMA = Schema(LessonPackDef)

PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)(?::(pct|int|1f|2f|s))?\}")
"""``{metric}`` or ``{metric:format}`` in a lesson's text; formats: pct, int, 1f, 2f, s."""

FORMATS = ("pct", "int", "1f", "2f", "s")
"""The formats a placeholder may give after ``:``."""

FILLED_FIELDS = ("title", "showed", "why", "questions")
"""The lesson texts whose placeholders are filled in (and checked)."""

# In a lesson's text: an escaped brace, a {...} placeholder, or a brace on its own.
_BRACES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_EXAMPLE = "{service.served}"

DERIVED = {
    "resilience.disruptions": "number of disruptions",
    "resilience.max_drop": "largest drop in dishes per minute after a disruption",
    "resilience.mean_recovery_s": "mean time to recover, over disruptions that hit a serving team and recovered",
    "resilience.unrecovered": "disruptions after which throughput never came back",
    "resilience.repaired": "breakdowns repaired by a chef",
    "resilience.first_callout_mean_s": "mean time from a disruption to the first call-out",
    "tags.count": "facilitator tags",
    "context.round_index": "the round's number in its session (1, 2, ...)",
    "context.silos": "1 if roles and zones were enforced, else 0",
    "context.has_zones": "1 if the level has zones",
    "context.score_change": "score minus the previous round's score (null in round 1)",
    "context.closed_loop_change": "closed-loop ratio minus the previous round's",
}


def rule_values(metrics: RoundMetrics, context: dict[str, Any] | None = None) -> dict[str, float | None]:
    """The flat table of numbers rules are evaluated against."""
    values: dict[str, float | None] = {}
    for section, entries in metrics.sections.items():
        for key, value in entries.items():
            if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                values[f"{section}.{key}"] = value
    ds = metrics.disruptions
    drops = [d["drop"] for d in ds if d["drop"] is not None]
    # A recovery only means something if the team was serving before the disruption.
    hit = [d for d in ds if (d["throughput_before"] or 0) > 0]
    recoveries = [d["recovery_s"] for d in hit if d["recovery_s"] is not None]
    calls = [d["first_callout_s"] for d in ds if d["first_callout_s"] is not None]
    values.update(
        {
            "resilience.disruptions": len(ds),
            "resilience.max_drop": max(drops) if drops else None,
            "resilience.mean_recovery_s": mean(recoveries),
            "resilience.unrecovered": sum(1 for d in hit if d["recovery_s"] is None),
            "resilience.repaired": sum(1 for d in ds if d["ended_by"] == "repaired"),
            "resilience.first_callout_mean_s": mean(calls),
            "tags.count": len(metrics.tags),
        }
    )
    ctx = {"round_index": 1, "silos": 1, "has_zones": 0, "score_change": None, "closed_loop_change": None}
    ctx.update(context or {})
    values.update({f"context.{k}": v for k, v in ctx.items()})
    return values


def known_names() -> set[str]:
    """Every name a rule or a placeholder may use."""
    empty = compute_metrics([RoundStarted(0, "", 0, (1,), 60, 60), RoundEnded(60, 0, 0, 0, 0, 0)])
    return set(rule_values(empty)) | set(DERIVED)


@dataclass(frozen=True)
class LessonPack:
    """A validated lesson pack and where it came from."""

    definition: LessonPackDef
    source_name: str

    @property
    def lessons(self) -> list[LessonDef]:
        """The pack's lessons in file order."""
        return list(self.definition.lessons)


def default_pack_path() -> Path:
    """The lesson pack shipped with the game."""
    return assets_dir() / "lessons" / "default.yaml"


def load_pack(path: str | Path | None = None) -> LessonPack:
    """Load and check a lesson pack (the shipped one by default).

    Raises:
        SourceError: with every problem, as ``file:line:col: path: message``.
    """
    doc = read_yaml_file(path or default_pack_path())
    return _check(doc)


def load_pack_text(text: str, name: str = "<pack>") -> LessonPack:
    """Load and check a lesson pack from YAML text."""
    return _check(parse_yaml(text, name))


def _check(doc: SourceDoc) -> LessonPack:
    if not isinstance(doc.data, dict):
        raise SourceError(doc.problem((), "a lesson pack is a mapping (name:, title:, lessons:)"))
    definition = PACK_SCHEMA.validate(doc)
    assert isinstance(definition, LessonPackDef)
    names = known_names()
    problems = []
    seen: set[str] = set()
    for i, lesson in enumerate(definition.lessons):
        path = ("lessons", i)
        if lesson.id in seen:
            problems.append(doc.problem((*path, "id"), f"lesson id '{lesson.id}' is used twice"))
        seen.add(lesson.id)
        for block in ("when", "any"):
            for j, cond in enumerate(getattr(lesson, block)):
                if cond.metric not in names:
                    problems.append(
                        doc.problem(
                            (*path, block, j, "metric"),
                            f"unknown metric '{cond.metric}'{suggest(cond.metric, sorted(names))}",
                        )
                    )
        for field in FILLED_FIELDS:
            value = getattr(lesson, field)
            texts = [((*path, field, q), t) for q, t in enumerate(value)] if isinstance(value, list) else [((*path, field), value)]
            for where, text in texts:
                for index, token, message in placeholder_problems(text, names):
                    problems.append(_problem_in_text(doc, where, text, index, token, message))
        for j, source in enumerate(lesson.sources):
            if source not in definition.sources:
                problems.append(
                    doc.problem(
                        (*path, "sources", j),
                        f"source '{source}' is not listed under the pack's 'sources'"
                        f"{suggest(source, list(definition.sources))}",
                    )
                )
    if problems:
        raise SourceError(*sorted_unique(problems))
    return LessonPack(definition, doc.name)


def placeholder_problems(text: str, names: set[str]) -> list[tuple[int, str, str]]:
    """What is wrong with the placeholders of one lesson text.

    A placeholder is ``{metric}`` or ``{metric:format}``: one known metric name and one of
    :data:`FORMATS`. ``{{`` and ``}}`` stand for a brace. Refused: unknown names, ``{}``,
    ``{0}``, attribute access (``{a.b.c}``), indexing (``{a[0]}``), conversions
    (``{a!r}``), other formats, and a brace left open or never opened.

    Returns:
        ``(index in text, the offending text, message)`` for each problem, in order.
    """
    found: list[tuple[int, str, str]] = []
    options = sorted(names)
    for match in _BRACES.finditer(text):
        token = match.group()
        if token in ("{{", "}}"):
            continue
        message: str | None
        if token == "{":
            message = "'{' is never closed; write {{ for a brace in the text"
        elif token == "}":
            message = "'}' closes nothing; write }} for a brace in the text"
        else:
            message = _placeholder_problem(token, match.group(1), names, options)
            if message is None:
                continue
        found.append((match.start(), token, message))
    return found


def _placeholder_problem(token: str, inside: str, names: set[str], options: list[str]) -> str | None:
    name, colon, fmt = inside.partition(":")
    if not name.strip():
        return f"'{token}' names no metric; write a metric name such as {_EXAMPLE}, or {{{{}}}} to show braces"
    if name != name.strip() or " " in name:
        return f"'{token}': a placeholder has no spaces; write it as {{{name.strip().replace(' ', '')}}}"
    if "!" in name:
        return f"'{token}': conversions such as !r are not allowed; write {{metric}} or {{metric:format}}"
    if "[" in name or "]" in name:
        return f"'{token}': indexing is not allowed; a placeholder is one metric name such as {_EXAMPLE}"
    if name.isdigit():
        return f"'{token}' is a numbered placeholder; name a metric instead, such as {_EXAMPLE}"
    if name.count(".") > 1:
        return (
            f"'{token}': attribute access is not allowed; a placeholder is one metric name "
            f"such as {_EXAMPLE}{suggest(name, options)}"
        )
    if name not in names:
        if "." not in name:
            return f"unknown name '{token}'; a placeholder names a metric such as {_EXAMPLE}{suggest(name, options)}"
        return f"unknown metric '{{{name}}}'{suggest(name, options)}"
    if colon and fmt not in FORMATS:
        return f"unknown format ':{fmt}' in '{token}'; the formats are {', '.join(FORMATS)}"
    return None


def _problem_in_text(doc: SourceDoc, path: tuple[Any, ...], text: str, index: int, token: str, message: str) -> Problem:
    """A problem positioned at ``token`` (``text[index:]``) inside the scalar at ``path``,
    found in the file between where the scalar starts and where the next value starts; at
    the scalar's start if it cannot be found there (escapes in a quoted string)."""
    start_pos = doc.position(path)
    line_starts = [0]
    for i, char in enumerate(doc.text):
        if char == "\n":
            line_starts.append(i + 1)

    def offset(line: int, col: int) -> int:
        return line_starts[min(line, len(line_starts)) - 1] + col - 1

    start = offset(start_pos.line, start_pos.col)
    later = [offset(p.line, p.col) for p in (*doc.values.values(), *doc.keys.values())]
    end = min((o for o in later if o > start), default=len(doc.text))
    occurrence = text[:index].count(token)
    at = start - 1
    for _ in range(occurrence + 1):
        at = doc.text.find(token, at + 1, end)
        if at < 0:
            return Problem(doc.name, start_pos.line, start_pos.col, message, format_path(path))
    line, col = position_of(doc.text, at)
    return Problem(doc.name, line, col, message, format_path(path))


# --- evaluation ------------------------------------------------------------------------


def _holds(cond: ConditionDef, values: dict[str, float | None]) -> tuple[bool, float]:
    """Whether a condition holds, and how strongly (0..1: how far past its threshold)."""
    value = values.get(cond.metric)
    name, threshold = cond.comparison
    if name == "missing":
        return (value is None) == bool(threshold), 0.0
    if value is None:
        return False, 0.0
    assert isinstance(threshold, float)
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


def evaluate(pack: LessonPack, values: dict[str, float | None]) -> list[LessonCard]:
    """The lessons whose rules hold for ``values``, most relevant first.

    Relevance = weight × (1 + mean strength of the conditions), where a condition's strength
    is how far the metric is past its threshold, relative to the threshold (capped at 1).
    """
    cards: list[tuple[float, int, LessonCard]] = []
    for order, lesson in enumerate(pack.lessons):
        results = [_holds(c, values) for c in lesson.when]
        if not all(ok for ok, _ in results):
            continue
        if lesson.any:
            alternatives = [_holds(c, values) for c in lesson.any]
            if not any(ok for ok, _ in alternatives):
                continue
            results.append(max(alternatives, key=lambda r: r[1]))
        strength = sum(s for _, s in results) / len(results)
        relevance = round(lesson.weight * (1 + strength), 3)
        sources = tuple(pack.definition.sources[s].cite for s in lesson.sources)
        cards.append(
            (
                -relevance,
                order,
                LessonCard(
                    lesson.id,
                    fill(lesson.title, values),
                    lesson.topic,
                    fill(lesson.showed, values),
                    fill(lesson.why, values),
                    tuple(fill(q, values) for q in lesson.questions),
                    sources,
                    relevance,
                ),
            )
        )
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

    return _BRACES.sub(one, text).strip()


def format_value(value: float | None, fmt: str | None = None) -> str:
    """A number as people read it: ``pct`` 0.42 -> 42%, ``s`` 12.3 -> 12 s."""
    if value is None:
        return "n/a"
    if fmt == "pct":
        return f"{value * 100:.0f}%"
    if fmt == "int":
        return f"{value:.0f}"
    if fmt == "1f":
        return f"{value:.1f}"
    if fmt == "2f":
        return f"{value:.2f}"
    if fmt == "s":
        return f"{value:.0f} s"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.0f}"
