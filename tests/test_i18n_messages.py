"""Command-line and validation messages in the language asked for (issue 16): the same error
and the same level problems, in French with ``--lang fr`` and unchanged in English, with the
same ``file:line:col`` structure and exit codes.

The French cases need the French catalogue to hold these messages; until it does they are
skipped (with the message that is missing), never passed."""

from __future__ import annotations

from pathlib import Path

import pytest
from i18n_support import english_afterwards, needs_french  # noqa: F401  (fixture)

from kitchen.cli import EXIT_PROBLEMS, EXIT_USAGE, main

NBSP = "\u00a0"

BAD_LEVEL = """\
name: bad_level
title: Bad
map: |
  ##########
  #1.P..S.D#
  #2...X...#
  ##########
recipes: [onion_soup, tomatto_soup]
round: {seconds: 5000}
colour: red
"""


@pytest.fixture
def bad_level(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_LEVEL, encoding="utf-8")
    return path


def test_a_cli_error_in_english_is_unchanged(capsys):
    assert main(["--lang", "en", "play", "nosuchlevel"]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert err.startswith("nosuchlevel: no such file or shipped level; shipped levels: tutorial, ")
    assert err.count("\n") == 1


def test_a_cli_error_in_french(capsys):
    needs_french("no such file or shipped level; shipped levels: {names}")
    assert main(["play", "nosuchlevel", "--lang", "fr"]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert err.startswith(
        f"nosuchlevel: aucun fichier ni niveau fourni de ce nom{NBSP}; niveaux fournis{NBSP}: "
        "tutorial, "
    )
    assert err.count("\n") == 1  # one line, no traceback


def test_a_usage_error_in_french(capsys):
    needs_french("kitchen: --seed must be 0 or more")
    assert main(["--lang", "fr", "simulate", "tutorial", "--seed", "-1"]) == EXIT_USAGE
    assert capsys.readouterr().err == f"kitchen{NBSP}: --seed doit valoir 0 ou plus\n"


def test_validation_problems_in_english_are_unchanged(bad_level, capsys):
    assert main(["--lang", "en", "validate", str(bad_level)]) == EXIT_PROBLEMS
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"{bad_level}:8:23: recipes[1]: unknown recipe 'tomatto_soup' (did you mean "
        "'tomato_soup'?); built-in recipes are onion_soup, tomato_soup, mushroom_soup, salad, "
        "cucumber_salad, tomato_toast, or write one out in full"
    )
    assert lines[1] == f"{bad_level}:9:18: round.seconds: must be at most 3600 (got 5000)"
    assert lines[2].startswith(f"{bad_level}:10:1: unknown key 'colour'; allowed here: version, ")


def test_validation_problems_in_french(bad_level, capsys):
    needs_french(
        "unknown recipe '{entry}'{suggest}; built-in recipes are {items}, or write one out in full",
        " (did you mean '{name}'?)",
        "must be at most {limit}{got}",
        " (got {value})",
        "unknown key '{key}'{hint}",
        "; allowed here: {keys}",
    )
    assert main(["validate", "--lang", "fr", str(bad_level)]) == EXIT_PROBLEMS
    lines = capsys.readouterr().out.splitlines()
    # The same problems at the same places (file:line:col: key path:), said in French.
    assert lines[0] == (
        f"{bad_level}:8:23: recipes[1]: recette inconnue 'tomatto_soup' (vouliez-vous dire "
        f"'tomato_soup'{NBSP}?){NBSP}; les recettes intégrées sont onion_soup, tomato_soup, "
        "mushroom_soup, salad, cucumber_salad, tomato_toast, sinon écrivez-en une en entier"
    )
    assert lines[1] == f"{bad_level}:9:18: round.seconds: doit valoir au plus 3600 (reçu 5000)"
    assert lines[2].startswith(
        f"{bad_level}:10:1: clé inconnue 'colour'{NBSP}; permis ici{NBSP}: version, "
    )
    assert len(lines) == 3
