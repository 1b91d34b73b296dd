"""The ``kitchen`` command.

Bad input is reported as messages (``file:line:col: message``) with a non-zero exit,
never as a traceback. Each group of sub-commands has its own module here (``play``,
``levels``, ``debrief``); ``arguments`` declares them all and ``parser`` says argparse's
own words in the language in force.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kitchen.cli.arguments import build_parser
from kitchen.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, print_problems
from kitchen.cli.parser import KitchenParser
from kitchen.cli.play import MAX_COMMANDS_BYTES
from kitchen.content import SourceError
from kitchen.i18n import _

__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "MAX_COMMANDS_BYTES",
    "KitchenParser",
    "build_parser",
    "main",
]


def _take_lang(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """``--lang CODE`` (or ``--lang=CODE``) taken from anywhere before ``--``, and the rest."""
    rest: list[str] = []
    lang: str | None = None
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang" and i + 1 < len(args):
            lang, i = args[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang, i = arg.partition("=")[2], i + 1
            continue
        rest.append(arg)
        i += 1
    return lang, rest


def _choose_language(lang: str | None) -> bool:
    """Put in force ``--lang``, else the settings' language, else the system's; False (and a
    line on stderr) for a ``--lang`` without a catalogue."""
    from kitchen import i18n
    from kitchen.content.settings_store import read_language

    if lang is not None:
        code = lang.strip().replace("-", "_")
        if i18n.resolve_language(code) != code.split("_")[0].lower():
            choices = ", ".join(i18n.available_languages())
            refused = _("kitchen: --lang {code}: no such language (choose {choices})")
            print(refused.format(code=lang, choices=choices), file=sys.stderr)
            return False
        i18n.set_language(code)
        return True
    i18n.set_language(read_language() or i18n.system_language())
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kitchen`` command; returns the exit code."""
    from kitchen.i18n import current_language, set_language

    before = current_language()
    lang, rest = _take_lang(sys.argv[1:] if argv is None else argv)
    if not _choose_language(lang):
        return EXIT_USAGE
    try:
        return _run(rest)
    finally:
        set_language(before)  # a caller running several commands gets its own back


def _run(argv: Sequence[str]) -> int:
    parser = build_parser(KitchenParser)  # looked up here, so a test can swap it
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play"])
    if getattr(args, "seed", 0) is not None and getattr(args, "seed", 0) < 0:
        print(_("kitchen: --seed must be 0 or more"), file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except SourceError as err:
        print_problems(err.problems, sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
