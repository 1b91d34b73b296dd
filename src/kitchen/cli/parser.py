"""The ``kitchen`` command's argument parser, saying argparse's own words in the language in
force: "usage:", the section headings, the help option's help and every error argparse
writes (issue 16).

argparse words its text in English through its own gettext domain, which the game does not
ship. :class:`KitchenParser` uses only argparse's public API: it adds the help option itself
(with its help text looked up in the game's catalogue), and rewrites the finished help and
usage text and the error messages through the catalogue. In English everything is exactly
what argparse writes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from kitchen.i18n import N_, _, ngettext, pgettext

_HEADINGS = {
    "positional arguments:": N_("positional arguments:"),
    "options:": N_("options:"),
}

# argparse's error texts (Python 3.11-3.13), each with what it becomes in the catalogue.
_ERRORS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"argument (?P<arg>.+?): (?P<rest>.*)", re.S),
        lambda m: _("argument {argument}: {message}").format(
            argument=m["arg"], message=_translate(m["rest"])
        ),
    ),
    (
        re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", re.S),
        lambda m: _("invalid choice: {value} (choose from {choices})").format(
            value=m["value"], choices=m["choices"]
        ),
    ),
    (  # the types the command's options use, named in words rather than Python's
        re.compile(r"invalid int value: (?P<value>.*)", re.S),
        lambda m: _("invalid int value: {value}").format(value=m["value"]),
    ),
    (
        re.compile(r"invalid float value: (?P<value>.*)", re.S),
        lambda m: _("invalid float value: {value}").format(value=m["value"]),
    ),
    (
        re.compile(r"invalid (?P<type>\w+) value: (?P<value>.*)", re.S),
        lambda m: _("invalid {type} value: {value}").format(type=m["type"], value=m["value"]),
    ),
    (
        re.compile(r"the following arguments are required: (?P<args>.*)", re.S),
        lambda m: _("the following arguments are required: {arguments}").format(
            arguments=m["args"]
        ),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<args>.*)", re.S),
        lambda m: _("unrecognized arguments: {arguments}").format(arguments=m["args"]),
    ),
    (
        re.compile(r"one of the arguments (?P<args>.*) is required", re.S),
        lambda m: _("one of the arguments {arguments} is required").format(arguments=m["args"]),
    ),
    (
        re.compile(r"not allowed with argument (?P<arg>.*)", re.S),
        lambda m: _("not allowed with argument {argument}").format(argument=m["arg"]),
    ),
    (
        re.compile(r"ignored explicit argument (?P<arg>.*)", re.S),
        lambda m: _("ignored explicit argument {argument}").format(argument=m["arg"]),
    ),
    (
        re.compile(r"ambiguous option: (?P<opt>.*?) could match (?P<matches>.*)", re.S),
        lambda m: _("ambiguous option: {option} could match {matches}").format(
            option=m["opt"], matches=m["matches"]
        ),
    ),
    (re.compile(r"expected one argument"), lambda m: _("expected one argument")),
    (re.compile(r"expected at most one argument"), lambda m: _("expected at most one argument")),
    (
        re.compile(r"expected at least one argument"),
        lambda m: _("expected at least one argument"),
    ),
    (
        re.compile(r"expected (?P<n>\d+) arguments?"),
        lambda m: ngettext("expected {n} argument", "expected {n} arguments", int(m["n"])).format(
            n=m["n"]
        ),
    ),
]


def _translate(message: str) -> str:
    """``message`` (an argparse error text, in English) in the language in force; a text
    argparse words in a way not listed here is left as it is."""
    for pattern, said in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return said(found)
    return message


def _localize_help(text: str) -> str:
    """Help or usage text with argparse's words in the language in force; the usage lines
    that follow the first keep lining up under the first."""
    english = "usage: "
    if not text.startswith(english):
        return text
    prefix = _("usage: ")
    shift = len(prefix) - len(english)
    lines = text.split("\n")
    lines[0] = prefix + lines[0][len(english) :]
    i = 1
    while i < len(lines) and lines[i].startswith(" "):  # the usage's wrapped lines
        if shift > 0:
            lines[i] = " " * shift + lines[i]
        elif shift < 0:
            lines[i] = lines[i][min(-shift, len(lines[i]) - len(lines[i].lstrip(" "))) :]
        i += 1
    lines[i:] = [_(_HEADINGS[line]) if line in _HEADINGS else line for line in lines[i:]]
    return "\n".join(lines)


def _placeholders() -> dict[str, str]:
    """The command's placeholders for values (argparse's metavars, as argparse makes them
    from the options' names), each in the language in force."""
    return {
        "level": pgettext("command-line placeholder", "level"),
        "levels": pgettext("command-line placeholder", "levels"),
        "file": pgettext("command-line placeholder", "file"),
        "files": pgettext("command-line placeholder", "files"),
        "logs": pgettext("command-line placeholder", "logs"),
        "SESSION_OR_LOG": pgettext("command-line placeholder", "SESSION_OR_LOG"),
        "COMMAND": pgettext("command-line placeholder", "COMMAND"),
        "FORMAT": pgettext("command-line placeholder", "FORMAT"),
        "CODE": pgettext("command-line placeholder", "CODE"),
        "ADDRESS": pgettext("command-line placeholder", "ADDRESS"),
        "SEED": pgettext("command-line placeholder", "SEED"),
        "SEEDS": pgettext("command-line placeholder", "SEEDS"),
        "COMMANDS": pgettext("command-line placeholder", "COMMANDS"),
        "PLAYERS": pgettext("command-line placeholder", "PLAYERS"),
        "CHEFS": pgettext("command-line placeholder", "CHEFS"),
        "RUNS": pgettext("command-line placeholder", "RUNS"),
        "LOG": pgettext("command-line placeholder", "LOG"),
        "PACE": pgettext("command-line placeholder", "PACE"),
        "SIZE": pgettext("command-line placeholder", "SIZE"),
        "OUTPUT": pgettext("command-line placeholder", "OUTPUT"),
        "LESSONS": pgettext("command-line placeholder", "LESSONS"),
        "WORKSHOP": pgettext("command-line placeholder", "WORKSHOP"),
        "HOST": pgettext("command-line placeholder", "HOST"),
        "PORT": pgettext("command-line placeholder", "PORT"),
        "FOLDER": pgettext("command-line placeholder", "FOLDER"),
    }


def _default_metavar(prefix_chars: str, names: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The placeholder argparse would show for an argument's value (its public rule: a
    positional's name, an option's longest name in capitals), or ``None`` when it shows none
    of its own (no value, or a list of choices)."""
    if "metavar" in kwargs:
        return kwargs["metavar"]
    action = kwargs.get("action")
    if "choices" in kwargs or action not in (None, "store", "append", "extend") or not names:
        return None
    if names[0][:1] not in prefix_chars:
        return kwargs.get("dest", names[0])
    dest = kwargs.get("dest")
    if dest is None:
        longs = [n for n in names if n[:2] == n[:1] * 2 and n[:1] in prefix_chars]
        dest = (longs or list(names))[0].lstrip(prefix_chars).replace("-", "_")
    return str(dest).upper()


def _placeholder(metavar: Any) -> Any:
    """``metavar`` in the language in force (as it is when the catalogue has no word)."""
    if isinstance(metavar, str):
        return _placeholders().get(metavar, metavar)
    return metavar


class KitchenParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` whose own words (usage, headings, the help
    option, errors) go through the game's catalogue; sub-parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", help=_("show this help message and exit")
            )

    def add_argument(self, *names: Any, **kwargs: Any) -> argparse.Action:
        """As argparse's, the value's placeholder (``SEED``, ``level``) in the language in
        force; in English exactly argparse's."""
        metavar = _default_metavar(self.prefix_chars, names, kwargs)
        said = _placeholder(metavar)
        if metavar is not None and said != metavar:
            kwargs["metavar"] = said
        return super().add_argument(*names, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """As argparse's, the sub-command placeholder (``COMMAND``) in the language in force."""
        if "metavar" in kwargs:
            kwargs["metavar"] = _placeholder(kwargs["metavar"])
        return super().add_subparsers(**kwargs)

    def format_usage(self) -> str:
        """The usage line, its "usage:" in the language in force."""
        return _localize_help(super().format_usage())

    def format_help(self) -> str:
        """The help text, argparse's headings in the language in force."""
        return _localize_help(super().format_help())

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``message`` (in the language in force) and exit with 2, as
        argparse does."""
        self.print_usage(sys.stderr)
        self.exit(
            2,
            _("{prog}: error: {message}").format(prog=self.prog, message=_translate(message))
            + "\n",
        )


def version_help() -> str:
    """The ``--version`` option's help text in the language in force."""
    return _("show program's version number and exit")
