"""Shared helpers for the tests of messages in several languages.

This module holds no tests itself.
"""

from __future__ import annotations

import pytest

from kitchen import i18n


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the language in force as English, whatever it set."""
    yield
    i18n.set_language("en")


def needs_french(*messages: str) -> None:
    """Skip without a compiled French catalogue; fail if it does not translate every one of
    ``messages`` (tests/test_i18n.py keeps the catalogue complete)."""
    with i18n.using_language("fr"):
        if i18n.current_language() != "fr":
            pytest.skip("no compiled French catalogue")
        untranslated = [m for m in messages if i18n._(m) == m]
    assert not untranslated, f"the French catalogue lacks {untranslated}"
