"""The ``kitchen`` sub-commands that play rounds: ``simulate``, ``replay``, ``play``,
``playtest`` and ``host``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kitchen.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    players_of,
    print_problems,
    resolve_level_path,
)
from kitchen.cli.parser import KitchenParser
from kitchen.content import SourceError, load_level
from kitchen.content.problems import Problem
from kitchen.i18n import _, localize
from kitchen.paths import shipped_levels

MAX_COMMANDS_BYTES = 64 * 1024 * 1024
"""Largest command script ``simulate --commands`` reads (as large as a round log may be)."""


MAX_SHOWN_PROBLEMS = 20
"""A file with more problems than this is cut short after them (one line says so)."""


def _load_commands(path: Path):
    """Read a JSON Lines command script through the bounded reader: a regular file of at
    most :data:`MAX_COMMANDS_BYTES`, each line's nesting bounded, every problem positioned."""
    from kitchen.content.reading import check_control_characters, parse_json, read_text
    from kitchen.sim.commands import CommandScript, ScriptLine

    name = str(path)
    text = read_text(path, limit=MAX_COMMANDS_BYTES, name=name)
    check_control_characters(text, name)
    lines = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            lines.append(ScriptLine.from_dict(parse_json(line, name, first_line=number)))
        except SourceError as err:
            problems.extend(err.problems)
        except ValueError as err:
            problems.append(Problem(name, number, 1, str(err)))
        if len(problems) >= MAX_SHOWN_PROBLEMS:
            problems.append(
                Problem(name, 0, 0, _("stopped after {n} problems").format(n=MAX_SHOWN_PROBLEMS))
            )
            break
    if problems:
        raise SourceError(*problems)
    return CommandScript(lines)


def add_simulate_arguments(p: argparse.ArgumentParser) -> None:
    """Give ``p`` the ``simulate`` sub-command's arguments."""
    p.add_argument("level", help=_("a level file, or a shipped level's name"))
    p.add_argument("--seed", type=int, default=0, help=_("random seed (default 0)"))
    p.add_argument("--commands", help=_("JSON Lines command script (default: idle chefs)"))
    p.add_argument(
        "--players",
        "--chefs",
        dest="players",
        type=int,
        help=_("number of chefs (default: one per start)"),
    )
    p.add_argument(
        "--bots",
        action="store_true",
        help=_("computer cooks play every chef the command script does not (they talk)"),
    )
    p.add_argument(
        "--format", choices=("jsonl", "summary"), default="jsonl", help=_("output (default jsonl)")
    )
    p.add_argument("--log", help=_("also write a round log (JSON Lines) to this new file"))
    p.add_argument(
        "--pace",
        type=float,
        default=0,
        help=_("run at this many times real speed (default: flat out)"),
    )


def cmd_simulate(args: argparse.Namespace) -> int:
    """Run one round headless and print its events or a summary."""
    from kitchen.sim import Round

    level = load_level(resolve_level_path(args.level))
    script = _load_commands(Path(args.commands)) if args.commands else None
    players = players_of(level, args.players)
    # The people are the chefs the script drives; without a script nobody plays.
    people = [p for p in players if script is not None and p in script.players]
    recorder = None
    if args.log:
        from kitchen.session import RecordedRound

        recorder = RecordedRound(level, args.seed, players, log_path=args.log, people=people)
        if recorder.log_error:
            print(recorder.log_error, file=sys.stderr)  # it names the log file itself
            return EXIT_PROBLEMS
        rnd = recorder.round
    else:
        rnd = Round(level.spec, seed=args.seed, players=players, people=people)
    step = recorder.step if recorder else rnd.step
    feed = iter(script) if script else None
    team = None
    if args.bots:
        from kitchen.bots import BotTeam

        team = BotTeam(rnd, [p for p in players if p not in people], talk=True)
    counts: dict[str, int] = {}
    out = sys.stdout
    pace = args.pace
    started = time.perf_counter()
    while not rnd.finished:
        if pace:
            # Play at `pace` times real speed (to watch a log fill, or test a crash).
            due = started + rnd.tick / (60 * pace)
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        commands = next(feed) if feed else None
        if team is not None and team.players:
            commands = {**(commands or {}), **team.commands()}
        for event in step(commands):
            counts[event.type] = counts.get(event.type, 0) + 1
            if args.format == "jsonl":
                out.write(json.dumps(event.to_dict(), separators=(",", ":")) + "\n")
    if args.format == "summary":
        level_line = _("level     {title} ({name}), seed {seed}, chefs {chefs}")
        print(
            level_line.format(
                title=localize(level.title), name=level.spec.name, seed=args.seed, chefs=players
            )
        )
        score_line = _("score     {score}  stars {stars}/3  thresholds {thresholds}")
        print(
            score_line.format(
                score=rnd.score, stars=rnd.stars, thresholds=list(level.spec.scoring.stars)
            )
        )
        orders = _("orders    served {served}, expired {expired}, wrong {wrong}")
        print(orders.format(served=rnd.served, expired=rnd.expired, wrong=rnd.wrong))
        counted = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(_("events    {counts}").format(counts=counted))
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    """Re-run round logs through the simulation and check the events are identical."""
    from kitchen.session import read_round_log, replay

    failed = 0
    for name in args.logs:
        try:  # a damaged log is said in one line and the others are still replayed
            log = read_round_log(name)
            result = replay(log)
        except SourceError as err:
            failed += 1
            print_problems(err.problems, sys.stderr)
            continue
        for warning in log.warnings:
            print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
        header = log.header
        state = (
            _("complete")
            if log.complete
            else _("cut short at tick {tick}").format(tick=log.last_tick)
        )
        if result.identical:
            same = _(
                "{name}: identical: {events} events over {ticks} ticks "
                "({level}, seed {seed}, chefs {chefs}, {state})"
            )
            print(
                same.format(
                    name=name,
                    events=result.events,
                    ticks=result.ticks,
                    level=header.level_name,
                    seed=header.seed,
                    chefs=list(header.players),
                    state=state,
                )
            )
        else:
            failed += 1
            print(_("{name}: DIFFERENT: {mismatch}").format(name=name, mismatch=result.mismatch))
        if args.show and result.identical:
            from kitchen.ui.app import run_replay

            if run_replay(log, args) != 0:  # no window could be shown: said in one line
                return EXIT_PROBLEMS
    return EXIT_PROBLEMS if failed else EXIT_OK


def _workshop_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with ``--workshop`` / ``--code``, if anything."""
    address, code = getattr(args, "workshop", None), getattr(args, "code", None)
    if address is None:
        return _("--code is given without --workshop") if code else None
    if not (code or "").strip():
        return _("--workshop needs --code (the workshop's join code)")
    import importlib.util

    if importlib.util.find_spec("websockets") is None:
        return _("joining a workshop needs: pip install 'systems-kitchen[hub]'")
    from kitchen.workshop.link import AddressError, hub_urls

    try:
        hub_urls(address)
    except AddressError as err:
        return _("--workshop: {problem}").format(problem=err)
    return None


def cmd_play(args: argparse.Namespace) -> int:
    """Open the game window: the main menu, or straight into a given level."""
    level_path = resolve_level_path(args.level) if args.level else None
    if level_path is not None:
        load_level(level_path)  # report problems as messages before opening a window
    problem = _workshop_problem(args)
    if problem is not None:
        print(_("kitchen play: {problem}").format(problem=problem), file=sys.stderr)
        return 2
    try:
        from kitchen.ui.app import run_app
    except ImportError as err:
        cannot = _(
            "kitchen: the game window cannot start here ({error}); playing a headless round instead"
        )
        print(cannot.format(error=err), file=sys.stderr)
        simulate = KitchenParser(prog="kitchen simulate")
        add_simulate_arguments(simulate)
        fallback = simulate.parse_args(
            [str(level_path or shipped_levels()[0]), "--format", "summary"]
        )
        return cmd_simulate(fallback)
    return run_app(level_path=level_path, args=args)


def cmd_playtest(args: argparse.Namespace) -> int:
    """Play a level many times with bots and print what a level designer needs to know."""
    from kitchen.bots.playtest import format_summary, run_playtest, summarise

    level = load_level(resolve_level_path(args.level))
    spec = level.spec
    if args.runs < 1:
        print(_("kitchen playtest: --runs must be 1 or more"), file=sys.stderr)
        return EXIT_USAGE
    if not 1 <= args.chefs <= len(spec.starts):
        raise SourceError(
            Problem(
                level.source_name,
                0,
                0,
                _("--chefs must be 1 to {n} for this level").format(n=len(spec.starts)),
            )
        )

    def progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        line = _("playtest [{bar}] {done}/{total} runs").format(bar=bar, done=done, total=total)
        sys.stderr.write("\r" + line)
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    progress(0, args.runs)
    try:
        results = run_playtest(
            spec, args.runs, args.chefs, seed=args.seed, silos=not args.no_silos, progress=progress
        )
    except Exception as err:  # a bug in a worker process: report it, no traceback
        failed = _("kitchen playtest: a round failed: {kind}: {error}")
        print("\n" + failed.format(kind=type(err).__name__, error=err), file=sys.stderr)
        return EXIT_PROBLEMS
    summary = summarise(spec, results, args.chefs, title=level.title, silos=not args.no_silos)
    if args.json:
        print(json.dumps(summary))
    else:
        print(format_summary(summary))
    # every run scored 0: no thresholds, and a script must not take the level as fine
    return EXIT_PROBLEMS if summary["verdict"] else EXIT_OK


def cmd_host(args: argparse.Namespace) -> int:
    """Run the workshop hub (needs the ``hub`` extra; docs/workshop.md)."""
    from kitchen.hub.requirements import INSTALL_HINT, missing

    if missing():
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_USAGE
    from kitchen.hub.serve import host_main

    return host_main(args.workshop, args.host, args.port, args.folder, not args.no_announce)
