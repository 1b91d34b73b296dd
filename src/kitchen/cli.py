"""The ``kitchen`` command.

Bad input is reported as messages (``file:line:col: message``) with a non-zero exit,
never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kitchen import __version__
from kitchen.cli_parser import KitchenParser, version_help
from kitchen.content import Level, SourceError, check_level_file, load_level
from kitchen.content.problems import Problem
from kitchen.i18n import _, localize, ngettext
from kitchen.paths import shipped_levels

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def resolve_level_path(arg: str) -> Path:
    """A level argument is a file path, or the name of a shipped level (``tutorial``,
    ``01_tutorial`` or the level's ``name``).

    Raises:
        SourceError: when it is neither.
    """
    path = Path(arg)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in arg:
        return path
    shipped = shipped_levels()
    for candidate in shipped:
        stem = candidate.stem
        if arg in (stem, stem.split("_", 1)[-1]):
            return candidate
    names = ", ".join(p.stem.split("_", 1)[-1] for p in shipped)
    raise SourceError(
        Problem(
            arg,
            0,
            0,
            _("no such file or shipped level; shipped levels: {names}").format(names=names),
        )
    )


def _print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    for problem in problems:
        print(problem, file=out)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check level files; print every problem; exit 1 if any."""
    paths = [Path(p) for p in args.files]
    if args.shipped:
        paths.extend(shipped_levels())
    if not paths:
        print(_("kitchen validate: give level files, or --shipped"), file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    for path in paths:
        problems = check_level_file(path)
        if problems:
            failed += 1
            _print_problems(problems, sys.stdout)
        elif not args.quiet:
            print(_("{path}: ok").format(path=path))
    if len(paths) > 1:
        valid = ngettext(
            "{valid} of {n} level file valid", "{valid} of {n} level files valid", len(paths)
        )
        print(valid.format(valid=len(paths) - failed, n=len(paths)), file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


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


def cmd_simulate(args: argparse.Namespace) -> int:
    """Run one round headless and print its events or a summary."""
    from kitchen.sim import Round

    level = load_level(resolve_level_path(args.level))
    script = _load_commands(Path(args.commands)) if args.commands else None
    players = _players(level, args.players)
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
            _print_problems(err.problems, sys.stderr)
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


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML report (and CSV and JSON) for sessions or round logs."""
    from kitchen.debrief.analysis import analyse_logs, collect_logs
    from kitchen.debrief.lessons import load_pack
    from kitchen.debrief.report import ReportClash, write_report

    unreadable: list[Problem] = []  # each bad input is said and the others still reported
    logs, warnings = collect_logs(args.inputs, unreadable)
    _print_problems(unreadable, sys.stderr)
    for warning in warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    if not logs:
        print(_("kitchen report: no rounds to report"), file=sys.stderr)
        return EXIT_PROBLEMS
    pack = load_pack(args.lessons)
    sessions = analyse_logs(logs, pack)
    try:
        written = write_report(
            sessions, args.output, research=args.research, team_only=args.team_only
        )
    except ReportClash as err:
        raise SourceError(Problem(str(err.path), 0, 0, err.reason)) from None
    except OSError as err:
        raise SourceError(
            Problem(args.output, 0, 0, _("cannot write: {why}").format(why=err.strerror or err))
        ) from None
    rounds = sum(len(s.rounds) for s in sessions)
    print(
        _("{sessions}, {rounds}:").format(
            sessions=ngettext("{n} session(s)", "{n} session(s)", len(sessions)).format(
                n=len(sessions)
            ),
            rounds=ngettext("{n} round(s)", "{n} round(s)", rounds).format(n=rounds),
        )
    )
    for path in written:
        print(f"  {path}")
    return EXIT_PROBLEMS if unreadable else EXIT_OK


def cmd_host(args: argparse.Namespace) -> int:
    """Run the workshop hub (needs the ``hub`` extra; docs/workshop.md)."""
    from kitchen.hub.requirements import INSTALL_HINT, missing

    if missing():
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_USAGE
    from kitchen.hub.serve import host_main

    return host_main(args.workshop, args.host, args.port, args.folder, not args.no_announce)


def cmd_lessons(args: argparse.Namespace) -> int:
    """Check lesson packs, or list the lessons of one."""
    from kitchen.debrief.lessons import load_pack

    if args.action == "check":
        failed = 0
        for name in args.files or [None]:
            try:
                pack = load_pack(name)
            except SourceError as err:
                failed += 1
                _print_problems(err.problems, sys.stdout)
                continue
            n = len(pack.lessons)
            fine = ngettext("{name}: ok ({n} lesson)", "{name}: ok ({n} lessons)", n)
            print(fine.format(name=pack.source_name, n=n))
        return EXIT_PROBLEMS if failed else EXIT_OK
    pack = load_pack(args.files[0] if args.files else None)
    print(f"{localize(pack.definition.title)} ({pack.source_name})")
    for lesson in pack.lessons:
        print(f"  {lesson.id:22} {localize(lesson.topic):40} {localize(lesson.title)}")
    return EXIT_OK


def cmd_baselines(args: argparse.Namespace) -> int:
    """Make (or with ``--check``, check) the baselines of levels: what each level alone
    produces, played by the computer cooks over several seeds (docs/lessons.md)."""
    from kitchen.content.baselines import baseline_path, level_digest, read_baseline
    from kitchen.debrief.baselines import baseline_yaml, make_baseline
    from kitchen.debrief.lessons import known_names
    from kitchen.paths import write_atomically

    if not 1 <= args.seeds <= 100:
        print(_("kitchen baselines: --seeds must be 1 to 100"), file=sys.stderr)
        return EXIT_USAGE
    paths = [resolve_level_path(a) for a in args.levels] or shipped_levels()
    levels = [(path, load_level(path)) for path in paths]
    stale = 0
    for path, level in levels:
        target = baseline_path(path)
        if args.check:
            try:
                found = read_baseline(target, known_names())
            except SourceError as err:
                stale += 1
                _print_problems(err.problems[:1], sys.stdout)
                continue
            if found.level_digest != level_digest(level.text):
                stale += 1
                stale_line = _(
                    "{target}: made from another version of {name}; run kitchen baselines"
                )
                print(stale_line.format(target=target, name=path.name))
            else:
                print(_("{path}: ok").format(path=target))
            continue
        seeds = range(args.seed, args.seed + args.seeds)
        write_atomically(target, baseline_yaml(make_baseline(level, tuple(seeds))))
        wrote = ngettext("wrote {target} ({n} seed)", "wrote {target} ({n} seeds)", args.seeds)
        print(wrote.format(target=target, n=args.seeds))
    return EXIT_PROBLEMS if stale else EXIT_OK


def _players(level: Level, wanted: int | None) -> list[int]:
    starts = sorted(level.spec.starts)
    if wanted is None:
        return starts
    if not 1 <= wanted <= len(starts):
        raise SourceError(
            Problem(
                level.source_name,
                0,
                0,
                _("--players must be 1 to {n} for this level").format(n=len(starts)),
            )
        )
    return starts[:wanted]


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
        fallback = build_parser().parse_args(
            ["simulate", str(level_path or shipped_levels()[0]), "--format", "summary"]
        )
        return cmd_simulate(fallback)
    return run_app(level_path=level_path, args=args)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print or write the JSON Schema of level files (or lesson packs)."""
    if args.lessons:
        from kitchen.content.lesson_model import LessonPackDef

        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **LessonPackDef.model_json_schema(),
            "title": "Systems Kitchen lesson pack",
        }
    else:
        from kitchen.content.level_model import level_json_schema

        schema = level_json_schema()
    text = json.dumps(schema, indent=2) + "\n"
    if args.output:
        from kitchen.paths import WontOverwrite, check_output_target, read_head, write_atomically

        out = Path(args.output)

        def is_schema(path: Path) -> bool:
            from kitchen.content.reading import parse_json

            head = read_head(path, 1_000_000) or b""
            try:
                found = parse_json(head.decode("utf-8"), str(path))
            except (SourceError, UnicodeDecodeError):
                return False
            return isinstance(found, dict) and str(found.get("title", "")).startswith(
                "Systems Kitchen"
            )

        try:
            check_output_target(out, is_ours=is_schema, what="a schema", suffix=".json")
            if out.suffix.lower() != ".json":
                raise WontOverwrite(out, _("a schema is JSON: give -o a file name ending in .json"))
            write_atomically(out, text)
        except WontOverwrite as err:
            raise SourceError(Problem(str(out), 0, 0, err.reason)) from None
        except OSError as err:
            raise SourceError(
                Problem(args.output, 0, 0, _("cannot write: {why}").format(why=err.strerror or err))
            ) from None
        print(_("wrote {path}").format(path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_preview(args: argparse.Namespace) -> int:
    """Draw a level to a PNG without opening a window."""
    path = resolve_level_path(args.level)
    level = load_level(path)
    output = Path(args.output or f"{path.stem}.png")
    from kitchen.paths import WontOverwrite
    from kitchen.ui.png_output import check_png_target
    from kitchen.ui.preview import render_level_png

    try:
        check_png_target(output)  # before drawing: a wrong -o is said at once
        render_level_png(level, output, args.palette)
    except WontOverwrite as err:
        raise SourceError(Problem(str(err.path), 0, 0, err.reason)) from None
    except OSError as err:
        raise SourceError(
            Problem(str(output), 0, 0, _("cannot write: {why}").format(why=err.strerror or err))
        ) from None
    print(_("wrote {path}").format(path=output))
    return EXIT_OK


def cmd_levels(args: argparse.Namespace) -> int:
    """List the shipped levels."""
    for path in shipped_levels():
        try:
            level = load_level(path)
        except SourceError as err:
            print(
                _("{name:24} INVALID: {problem}").format(
                    name=path.stem, problem=err.problems[0].message
                )
            )
            continue
        spec = level.spec
        line = _("{name:24} {title:28} {width}x{height}  chefs {chefs}  recipes {recipes}")
        print(
            line.format(
                name=path.stem,
                title=localize(level.title),
                width=spec.width,
                height=spec.height,
                chefs=len(spec.starts),
                recipes=", ".join(spec.recipes),
            )
        )
    return EXIT_OK


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


def cmd_edit(args: argparse.Namespace) -> int:
    """Open the visual level editor on a level file (``--new``: a new one from the template)."""
    from kitchen.content.level_edit import LevelDraft
    from kitchen.content.level_files import check_new_file

    path = resolve_level_path(args.level)
    if args.new:
        check_new_file(path)
        draft = LevelDraft.new(path)
    elif not path.exists():
        raise SourceError(
            Problem(str(path), 0, 0, _("no such file; add --new to start a new level there"))
        )
    else:
        draft = LevelDraft.open(path)
    from kitchen.ui.editor_app import run_editor

    return run_editor(draft, args.size)


def cmd_import(args: argparse.Namespace) -> int:
    """Make a level from another game's layout file (Overcooked-AI's)."""
    from kitchen.content.level_files import import_overcooked

    output = Path(args.output)
    import_overcooked(Path(args.file), output)
    print(_("wrote {path}").format(path=output))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = KitchenParser(
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
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play"])
    if getattr(args, "seed", 0) is not None and getattr(args, "seed", 0) < 0:
        print(_("kitchen: --seed must be 0 or more"), file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except SourceError as err:
        _print_problems(err.problems, sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
