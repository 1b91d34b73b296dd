"""The ``kitchen`` command's own errors in French (issue 16): argparse's words through the
game's catalogue, one French line, a non-zero exit and no traceback."""

from __future__ import annotations

import re

import pytest

from kitchen.cli import EXIT_PROBLEMS, EXIT_USAGE, main

NBSP = "\u00a0"


def _says(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse exits; main returns for the game's own problems
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.rstrip("\n").split("\n")[-1]


@pytest.mark.parametrize(
    ("argv", "code", "line"),
    [
        (
            ["play", "nosuchlevel"],
            EXIT_PROBLEMS,
            f"nosuchlevel: aucun fichier ni niveau fourni de ce nom{NBSP}; niveaux fournis{NBSP}: ",
        ),
        (
            ["report"],
            EXIT_USAGE,
            f"kitchen report{NBSP}: erreur{NBSP}: les arguments suivants sont obligatoires{NBSP}: ",
        ),
        (
            ["simulate", "X", "--chefs", "deux"],
            EXIT_USAGE,
            f"kitchen simulate{NBSP}: erreur{NBSP}: argument --players/--chefs{NBSP}: "
            f"nombre entier non valable{NBSP}: 'deux'",
        ),
        (
            ["simulate", "X", "--pace", "vite"],
            EXIT_USAGE,
            f"kitchen simulate{NBSP}: erreur{NBSP}: argument --pace{NBSP}: "
            f"nombre non valable{NBSP}: 'vite'",
        ),
    ],
)
def test_a_command_line_error_is_one_french_line(argv, code, line, capsys):
    said_code, said = _says(["--lang", "fr", *argv], capsys)
    assert said_code == code
    assert said.startswith(line)
    assert "invalid" not in said
    assert "error:" not in said


def test_the_same_errors_in_english_are_argparse_s(capsys):
    assert _says(["--lang", "en", "simulate", "X", "--chefs", "deux"], capsys) == (
        EXIT_USAGE,
        "kitchen simulate: error: argument --players/--chefs: invalid int value: 'deux'",
    )


COMMANDS = [
    [],
    ["validate"],
    ["simulate"],
    ["replay"],
    ["play"],
    ["edit"],
    ["import"],
    ["import", "overcooked"],
    ["preview"],
    ["report"],
    ["host"],
    ["lessons"],
    ["baselines"],
    ["schema"],
    ["levels"],
    ["playtest"],
]
ENGLISH_PLACEHOLDERS = re.compile(
    r"\b(level|levels|file|files|logs|SESSION_OR_LOG|COMMAND|ADDRESS|SEEDS?|COMMANDS|PLAYERS"
    r"|CHEFS|RUNS|LOG|PACE|SIZE|OUTPUT|LESSONS|WORKSHOP|HOST|FOLDER)\b"
)


def _usage(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    out = capsys.readouterr().out
    return out.split("\n\n")[0]  # the usage lines, where every placeholder shows


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a) or "kitchen")
def test_every_placeholder_of_the_usage_is_french(argv, capsys):
    usage = _usage(["--lang", "fr", *argv], capsys)
    assert usage.startswith(f"utilisation{NBSP}: kitchen")
    placeholders = usage.replace(" ".join(["kitchen", *argv]), "")  # not the command's name
    assert ENGLISH_PLACEHOLDERS.findall(placeholders) == []


def test_in_english_the_placeholders_are_argparse_s(capsys):
    usage = _usage(["--lang", "en", "simulate"], capsys)
    assert "[--seed SEED]" in usage
    assert "[--players PLAYERS]" in usage
    assert usage.rstrip().endswith("level")
