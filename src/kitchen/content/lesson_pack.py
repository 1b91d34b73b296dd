"""Reading a lesson pack: the YAML file checked into :class:`LessonPackDef`, with every
metric name and ``{placeholder}`` checked against the names the debrief can measure.

The debrief (:mod:`kitchen.debrief.lessons`) knows which metric names exist and evaluates
the rules; this module only reads and checks the file a facilitator wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kitchen.content.lesson_model import LessonDef, LessonPackDef
from kitchen.content.problems import Problem, SourceError
from kitchen.content.source import SourceDoc, format_path, parse_yaml, read_yaml_file
from kitchen.content.suggest import suggest
from kitchen.content.validation import Schema, sorted_unique
from kitchen.i18n import LocalText, _
from kitchen.paths import assets_dir

PACK_SCHEMA = Schema(LessonPackDef)

PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)(?::(pct|int|1f|2f|s))?\}")
"""``{metric}`` or ``{metric:format}`` in a lesson's text; formats: pct, int, 1f, 2f, s."""

FORMATS = ("pct", "int", "1f", "2f", "s")
"""The formats a placeholder may give after ``:``."""

FILLED_FIELDS = ("title", "showed", "why", "questions")
"""The lesson texts whose placeholders are filled in (and checked)."""

BRACES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
"""In a lesson's text: an escaped brace, a ``{...}`` placeholder, or a brace on its own."""

_EXAMPLE = "{service.served}"


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


def read_pack(path: str | Path | None, metric_names: Collection[str]) -> LessonPack:
    """Read and check a lesson pack (the shipped one when ``path`` is ``None``).

    Args:
        path: the pack's YAML file.
        metric_names: every name a rule or a placeholder may use.

    Raises:
        SourceError: with every problem, as ``file:line:col: path: message``.
    """
    doc = read_yaml_file(path or default_pack_path())
    return check_pack(doc, metric_names)


def read_pack_text(text: str, name: str, metric_names: Collection[str]) -> LessonPack:
    """Read and check a lesson pack from YAML text (see :func:`read_pack`)."""
    return check_pack(parse_yaml(text, name), metric_names)


def check_pack(doc: SourceDoc, metric_names: Collection[str]) -> LessonPack:
    """Check a parsed lesson pack: its shape, unique lesson ids, known metric names in
    rules and placeholders, and sources listed under the pack's ``sources``.

    Raises:
        SourceError: with every problem, sorted by position.
    """
    if not isinstance(doc.data, dict):
        raise SourceError(
            doc.problem((), _("a lesson pack is a mapping (name:, title:, lessons:)"))
        )
    definition = PACK_SCHEMA.validate(doc)
    assert isinstance(definition, LessonPackDef)
    names = set(metric_names)
    problems = []
    offsets: _Offsets | None = None
    seen: set[str] = set()
    for i, lesson in enumerate(definition.lessons):
        path = ("lessons", i)
        if lesson.id in seen:
            problems.append(
                doc.problem((*path, "id"), _("lesson id '{id}' is used twice").format(id=lesson.id))
            )
        seen.add(lesson.id)
        for block in ("when", "any"):
            for j, cond in enumerate(getattr(lesson, block)):
                if cond.metric not in names:
                    problems.append(
                        doc.problem(
                            (*path, block, j, "metric"),
                            _("unknown metric '{metric}'{suggest}").format(
                                metric=cond.metric, suggest=suggest(cond.metric, sorted(names))
                            ),
                        )
                    )
        for field in FILLED_FIELDS:
            value = getattr(lesson, field)
            texts: list[tuple[tuple[Any, ...], str]]
            if isinstance(value, list):
                texts = [((*path, field, q), t) for q, t in enumerate(value)]
            else:
                texts = [((*path, field), value)]
            for where, text in _each_language(texts):
                for index, token, message in placeholder_problems(text, names):
                    offsets = offsets or _Offsets.of(doc)
                    problems.append(
                        _problem_in_text(doc, offsets, where, text, index, token, message)
                    )
        for j, source in enumerate(lesson.sources):
            if source not in definition.sources:
                problems.append(
                    doc.problem(
                        (*path, "sources", j),
                        _(
                            "source '{source}' is not listed under the pack's 'sources'{suggest}"
                        ).format(source=source, suggest=suggest(source, list(definition.sources))),
                    )
                )
    if problems:
        raise SourceError(*sorted_unique(problems))
    return LessonPack(definition, doc.name)


def _each_language(
    texts: list[tuple[tuple[Any, ...], str]],
) -> list[tuple[tuple[Any, ...], str]]:
    """Each text in every language it is given in, with its key path (``(..., "fr")`` for
    a translation written as ``{en: ..., fr: ...}``)."""
    out: list[tuple[tuple[Any, ...], str]] = []
    for where, text in texts:
        if isinstance(text, LocalText) and len(text.translations) > 1:
            out.extend(((*where, lang), t) for lang, t in text.translations.items())
        else:
            out.append((where, text))
    return out


def placeholder_problems(text: str, names: Collection[str]) -> list[tuple[int, str, str]]:
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
    said: dict[str, str | None] = {}  # a text may repeat one bad placeholder hundreds of times
    for match in BRACES.finditer(text):
        token = match.group()
        if token in ("{{", "}}"):
            continue
        message: str | None
        if token == "{":
            message = _("'{' is never closed; write {{ for a brace in the text")
        elif token == "}":
            message = _("'}' closes nothing; write }} for a brace in the text")
        else:
            if token not in said:
                said[token] = _placeholder_problem(token, match.group(1), names, options)
            message = said[token]
            if message is None:
                continue
        found.append((match.start(), token, message))
    return found


def _placeholder_problem(
    token: str, inside: str, names: Collection[str], options: list[str]
) -> str | None:
    name, colon, fmt = inside.partition(":")
    if not name.strip():
        return _(
            "'{token}' names no metric; write a metric name such as "
            "{_EXAMPLE}, or {{{{}}}} to show braces"
        ).format(token=token, _EXAMPLE=_EXAMPLE)
    if name != name.strip() or " " in name:
        joined = name.strip().replace(" ", "")
        return _("'{token}': a placeholder has no spaces; write it as {{{joined}}}").format(
            token=token, joined=joined
        )
    if "!" in name:
        return _(
            "'{token}': conversions such as !r are not allowed; write "
            "{{metric}} or {{metric:format}}"
        ).format(token=token)
    if "[" in name or "]" in name:
        return _(
            "'{token}': indexing is not allowed; a placeholder is one metric "
            "name such as {_EXAMPLE}"
        ).format(token=token, _EXAMPLE=_EXAMPLE)
    if name.isdigit():
        return _(
            "'{token}' is a numbered placeholder; name a metric instead, such as {_EXAMPLE}"
        ).format(token=token, _EXAMPLE=_EXAMPLE)
    if name.count(".") > 1:
        return _(
            "'{token}': attribute access is not allowed; a placeholder is "
            "one metric name such as {_EXAMPLE}{suggest}"
        ).format(token=token, _EXAMPLE=_EXAMPLE, suggest=suggest(name, options))
    if name not in names:
        if "." not in name:
            return _(
                "unknown name '{token}'; a placeholder names a metric such as {_EXAMPLE}{suggest}"
            ).format(token=token, _EXAMPLE=_EXAMPLE, suggest=suggest(name, options))
        return _("unknown metric '{{{name}}}'{suggest}").format(
            name=name, suggest=suggest(name, options)
        )
    if colon and fmt not in FORMATS:
        return _("unknown format ':{fmt}' in '{token}'; the formats are {items}").format(
            fmt=fmt, token=token, items=", ".join(FORMATS)
        )
    return None


@dataclass(frozen=True)
class _Offsets:
    """Where each line of a pack's text starts, and where each of its keys and values starts
    (sorted): made once per pack, which may have thousands of placeholder problems."""

    line_starts: list[int]
    starts: list[int]
    found: dict[tuple[int, str], list[int]]

    @classmethod
    def of(cls, doc: SourceDoc) -> _Offsets:
        line_starts = [0] + [i + 1 for i, char in enumerate(doc.text) if char == "\n"]
        made = cls(line_starts, [], {})
        positions = (*doc.values.values(), *doc.keys.values())
        made.starts.extend(sorted(made.offset(p.line, p.col) for p in positions))
        return made

    def offset(self, line: int, col: int) -> int:
        """The index in the text of a 1-based line and column."""
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col - 1

    def places(self, text: str, token: str, start: int, end: int) -> list[int]:
        """Every index where ``token`` starts in ``text[start:end]``, overlapping ones too."""
        key = (start, token)
        if key not in self.found:
            places: list[int] = []
            at = text.find(token, start, end)
            while at >= 0:
                places.append(at)
                at = text.find(token, at + 1, end)
            self.found[key] = places
        return self.found[key]


def _problem_in_text(
    doc: SourceDoc,
    offsets: _Offsets,
    path: tuple[Any, ...],
    text: str,
    index: int,
    token: str,
    message: str,
) -> Problem:
    """A problem positioned at ``token`` (``text[index:]``) inside the scalar at ``path``,
    found in the file between where the scalar starts and where the next value starts; at
    the scalar's start if it cannot be found there (escapes in a quoted string)."""
    start_pos = doc.position(path)
    start = offsets.offset(start_pos.line, start_pos.col)
    later = bisect_right(offsets.starts, start)
    end = offsets.starts[later] if later < len(offsets.starts) else len(doc.text)
    occurrence = text[:index].count(token)
    places = offsets.places(doc.text, token, start, end)
    if occurrence >= len(places):
        return Problem(doc.name, start_pos.line, start_pos.col, message, format_path(path))
    at = places[occurrence]
    line = bisect_right(offsets.line_starts, at)
    return Problem(
        doc.name, line, at - offsets.line_starts[line - 1] + 1, message, format_path(path)
    )
