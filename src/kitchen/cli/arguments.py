"""The ``kitchen`` command's arguments: every sub-command, its options and their help."""

from __future__ import annotations

import argparse

from kitchen import __version__
from kitchen.cli.debrief import cmd_baselines, cmd_lessons, cmd_report
from kitchen.cli.levels import (
    cmd_edit,
    cmd_import,
    cmd_levels,
    cmd_preview,
    cmd_schema,
    cmd_validate,
)
from kitchen.cli.parser import KitchenParser, version_help
from kitchen.cli.play import (
    add_simulate_arguments,
    cmd_host,
    cmd_play,
    cmd_playtest,
    cmd_replay,
    cmd_simulate,
)
from kitchen.i18n import _


def build_parser(parser_class: type[KitchenParser] = KitchenParser) -> argparse.ArgumentParser:
    """The argument parser for every sub-command, made of ``parser_class``."""
    parser = parser_class(
        prog="kitchen",
        description=_("Systems Kitchen: a co-op kitchen game for healthcare-leadership workshops."),
    )
    parser.add_argument(
        "--version", action="version", version=f"kitchen {__version__}", help=version_help()
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=_(
            "the language of the game, debrief and reports (en, fr; anywhere on the line, "
            "e.g. kitchen report --lang fr); default: the settings' language, else the system's"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help=_("check level files and print every problem"))
    p.add_argument("files", nargs="*", help=_("level files (.yaml)"))
    p.add_argument("--shipped", action="store_true", help=_("also check every shipped level"))
    p.add_argument("-q", "--quiet", action="store_true", help=_("print only problems"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("simulate", help=_("run a round headless and print its events"))
    add_simulate_arguments(p)
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("replay", help=_("re-run round logs and check the events are identical"))
    p.add_argument("logs", nargs="+", help=_("round log files (.jsonl)"))
    p.add_argument("--show", action="store_true", help=_("also play the round back on screen"))
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("play", help=_("open the game (the main menu, or a given level)"))
    p.add_argument("level", nargs="?", help=_("a level file, or a shipped level's name"))
    p.add_argument("--seed", type=int, default=None, help=_("random seed (default: random)"))
    p.add_argument("--windowed", action="store_true", help=_("start in a window, not fullscreen"))
    p.add_argument("--size", default=None, help=_("window size, e.g. 1280x720"))
    p.add_argument(
        "--watch", action="store_true", help=_("reload the level whenever its file is saved")
    )
    p.add_argument(
        "--bots",
        action="store_true",
        help=_(
            "computer cooks take the places nobody joins; with nobody joined, ENTER on the "
            "join screen watches them play alone (a preview; the log records that no person played)"
        ),
    )
    p.add_argument("--no-silos", action="store_true", help=_("lift the level's roles and zones"))
    p.add_argument(
        "--console",
        choices=("window", "panel", "auto"),
        default="auto",
        help=_(
            "the facilitator's console: its own window (the kitchen goes on the second "
            "display), a panel beside the kitchen, or auto: a window when two displays are "
            "present (default)"
        ),
    )
    p.add_argument(
        "--workshop",
        metavar="ADDRESS",
        help=_(
            "join the workshop hub at ADDRESS (host or host:port, from 'kitchen host'): "
            "rounds stream to it and the facilitator steers from its dashboard"
        ),
    )
    p.add_argument("--code", help=_("the workshop's join code (with --workshop)"))
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("edit", help=_("open the visual level editor on a level file"))
    p.add_argument("level", help=_("a level file, or a shipped level's name (saved as a copy)"))
    p.add_argument("--new", action="store_true", help=_("start a new level from the template"))
    p.add_argument("--size", default=None, help=_("window size, e.g. 1280x720"))
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("import", help=_("make a level from another game's layout file"))
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    q = formats.add_parser("overcooked", help=_("an Overcooked-AI .layout file"))
    q.add_argument("file", help=_("the .layout file (HumanCompatibleAI/overcooked_ai)"))
    q.add_argument("-o", "--output", required=True, help=_("the level file to write (new)"))
    q.set_defaults(func=cmd_import)

    p = sub.add_parser("preview", help=_("draw a level to a PNG (no window needed)"))
    p.add_argument("level", help=_("a level file, or a shipped level's name"))
    p.add_argument("-o", "--output", help=_("the PNG to write (default: LEVEL.png here)"))
    p.add_argument(
        "--palette", choices=("warm", "okabe_ito", "projector"), default="warm", help=_("colours")
    )
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser(
        "report", help=_("write a debrief report (HTML, CSV, JSON) for sessions or logs")
    )
    p.add_argument(
        "inputs", nargs="+", metavar="SESSION_OR_LOG", help=_("session folders or round logs")
    )
    p.add_argument(
        "-o",
        "--output",
        default="report.html",
        help=_(
            "the HTML file (CSV and JSON go beside it), or a folder to put report.html in; "
            "only an earlier report is ever replaced (default report.html)"
        ),
    )
    p.add_argument("--lessons", help=_("a lesson pack to use instead of the shipped one"))
    p.add_argument(
        "--research",
        action="store_true",
        help=_(
            "pseudonymise for research: teams named T1, T2..., sessions S1, S2..., "
            "start dates only, no facilitator notes (docs/report.md)"
        ),
    )
    p.add_argument(
        "--team-only",
        action="store_true",
        help=_(
            "team figures only, no number per person (no per-chef table, call-outs by person "
            "or who answered whom): to show the whole group"
        ),
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "host",
        help=_("run the workshop hub: games stream to it, facilitators steer from a browser"),
    )
    p.add_argument("--workshop", help=_("the workshop's name (default: Workshop <today's date>)"))
    p.add_argument(
        "--host",
        help=_(
            "the address to listen on (default: this machine's local-network address; "
            "127.0.0.1: this machine only; 0.0.0.0: every interface)"
        ),
    )
    p.add_argument("--port", type=int, default=8470, help=_("the port (default 8470; 0: any)"))
    p.add_argument(
        "--folder", help=_("the workshop folder (default: the data folder's workshops/<name>)")
    )
    p.add_argument(
        "--no-announce", action="store_true", help=_("do not announce the hub on the network")
    )
    p.set_defaults(func=cmd_host)

    p = sub.add_parser("lessons", help=_("check a lesson pack, or list its lessons"))
    p.add_argument("action", choices=("check", "list"))
    p.add_argument("files", nargs="*", help=_("lesson pack files (default: the shipped pack)"))
    p.set_defaults(func=cmd_lessons)

    p = sub.add_parser(
        "baselines",
        help=_("make the levels' baselines (what each level alone produces) for the lessons"),
    )
    p.add_argument("levels", nargs="*", help=_("level files or shipped names (default: shipped)"))
    p.add_argument("--seeds", type=int, default=20, help=_("rounds per level (default 20)"))
    p.add_argument("--seed", type=int, default=1, help=_("the first seed (default 1)"))
    p.add_argument("--check", action="store_true", help=_("only check they exist and are fresh"))
    p.set_defaults(func=cmd_baselines)

    p = sub.add_parser("schema", help=_("print the JSON Schema of level files, for editors"))
    p.add_argument("-o", "--output", help=_("write it to this file instead of printing it"))
    p.add_argument("--lessons", action="store_true", help=_("the schema of lesson packs instead"))
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("levels", help=_("list the shipped levels"))
    p.set_defaults(func=cmd_levels)

    p = sub.add_parser(
        "playtest",
        help=_("play a level many times with bots and summarise the runs"),
        description=_(
            "Play a level many times with computer cooks and summarise the runs. "
            "Exits with 1 when every run scores 0: the bots could not serve the level, so no "
            "star thresholds are suggested and the likely cause is named."
        ),
    )
    p.add_argument("level", help=_("a level file, or a shipped level's name"))
    p.add_argument("--chefs", type=int, default=2, help=_("number of bot chefs (default 2)"))
    p.add_argument("--runs", type=int, default=20, help=_("rounds to play (default 20)"))
    p.add_argument(
        "--seed", type=int, default=0, help=_("seed of the first run; runs use seed, seed+1, ...")
    )
    p.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    p.add_argument("--no-silos", action="store_true", help=_("lift the level's roles and zones"))
    p.set_defaults(func=cmd_playtest)
    return parser
