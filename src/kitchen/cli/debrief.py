"""The ``kitchen`` sub-commands for the debrief: ``report``, ``lessons`` and
``baselines``."""

from __future__ import annotations

import argparse
import sys

from kitchen.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    print_problems,
    resolve_level_path,
)
from kitchen.content import SourceError, load_level
from kitchen.content.problems import Problem
from kitchen.i18n import _, localize, ngettext
from kitchen.paths import shipped_levels


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML report (and CSV and JSON) for sessions or round logs."""
    from kitchen.debrief.analysis import analyse_logs, collect_logs
    from kitchen.debrief.lessons import load_pack
    from kitchen.debrief.report import ReportClash, write_report

    unreadable: list[Problem] = []  # each bad input is said and the others still reported
    logs, warnings = collect_logs(args.inputs, unreadable)
    print_problems(unreadable, sys.stderr)
    for warning in warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    if not logs:
        if not unreadable:  # else each input's problem has said why, one line each
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
                print_problems(err.problems, sys.stdout)
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
                print_problems(err.problems[:1], sys.stdout)
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
