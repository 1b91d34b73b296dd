"""The ``kitchen`` sub-commands for level files: ``validate``, ``levels``, ``preview``,
``schema``, ``edit`` and ``import``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kitchen.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    print_problems,
    resolve_level_path,
)
from kitchen.content import SourceError, check_level_file, load_level
from kitchen.content.problems import Problem
from kitchen.i18n import _, localize, ngettext
from kitchen.paths import shipped_levels


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
            print_problems(problems, sys.stdout)
        elif not args.quiet:
            print(_("{path}: ok").format(path=path))
    if len(paths) > 1:
        valid = ngettext(
            "{valid} of {n} level file valid", "{valid} of {n} level files valid", len(paths)
        )
        print(valid.format(valid=len(paths) - failed, n=len(paths)), file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


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
