"""Validation problems never fall back to pydantic's English in French (issue 16): every
error type pydantic_core lists has the project's words, and a level or lesson pack damaged
in every value says each problem in French; English keeps pydantic's own messages."""

from __future__ import annotations

import copy
import typing
from pathlib import Path

import pytest
import yaml
from pydantic_core.core_schema import ErrorType

from kitchen.content import SourceError, load_level_text
from kitchen.content.error_words import ERROR_WORDS, error_words
from kitchen.i18n import _, using_language
from kitchen.paths import shipped_levels

ROOT = Path(__file__).resolve().parent.parent
PYDANTIC_ENGLISH = ("Input should", "Field required", "String should", "should have", "valid ")
"""Phrases of pydantic's own messages that must never reach a French problem."""


def test_every_pydantic_error_type_has_words_translated_to_french():
    types = typing.get_args(ErrorType)
    assert len(types) > 100
    assert set(types) <= set(ERROR_WORDS)
    with using_language("fr"):
        untranslated = [t for t in types if _(ERROR_WORDS[t]) == ERROR_WORDS[t]]
    assert untranslated == []


def test_the_words_are_filled_from_the_error_s_context_and_english_is_pydantic_s():
    english = "Input should be greater than 0"
    with using_language("fr"):
        assert error_words("greater_than", {"gt": 0}, english) == "doit être supérieur à 0"
        assert error_words("multiple_of", {}, "x") == "doit être un multiple de ?"
        assert error_words("a_type_pydantic_adds_later", {}, "Later words") == "Later words"
    with using_language("en"):
        assert error_words("greater_than", {"gt": 0}, english) == english


WRONG = ["abc", 1.5, -7, [], {"x": 1}, None]


def _leaves(data: object, path: tuple = ()) -> list[tuple]:
    """The path of every scalar in a YAML document's data."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _leaves(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _leaves(v, (*path, i))]
    return [path]


def _damaged(data: object, path: tuple, value: object) -> str:
    copied = copy.deepcopy(data)
    node = copied
    for part in path[:-1]:
        node = node[part]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    return yaml.safe_dump(copied, allow_unicode=True)


def _french_problems(load: typing.Callable[[str], object], data: object, n: int) -> list[str]:
    """Every problem said, in French, of ``data`` with ``n`` of its values (spread over the
    document, so the test stays quick) each replaced by every :data:`WRONG` value."""
    said = []
    leaves = _leaves(data)
    with using_language("fr"):
        for path in leaves[:: max(1, len(leaves) // n)]:
            for value in WRONG:
                try:
                    load(_damaged(data, path, value))
                except SourceError as err:
                    said.extend(p.message for p in err.problems)
    return said


@pytest.mark.parametrize("what", ["level", "lesson pack"])
def test_a_damaged_level_or_lesson_pack_says_every_problem_in_french(what):
    if what == "level":
        path = next(p for p in shipped_levels() if "broken_kit" in p.name)
        load: typing.Callable[[str], object] = load_level_text
    else:
        from kitchen.debrief.lessons import load_pack_text

        path = ROOT / "assets" / "lessons" / "default.yaml"
        load = load_pack_text
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if what == "lesson pack":
        data["lessons"] = data["lessons"][:1]  # one lesson: every kind of value, quicker
    said = _french_problems(load, data, 8 if what == "level" else 4)
    assert len(said) >= 20
    english = [m for m in said if any(phrase in m for phrase in PYDANTIC_ENGLISH)]
    assert english == []
