"""Bring a language's catalogue in line with the code: extract, merge, fill, compile.

    python tools/update_catalogue.py                      # report what is missing (changes nothing)
    python tools/update_catalogue.py --fill new.json      # ... using translations from a JSON file
    python tools/update_catalogue.py --fill new.json --write   # write the .po and compile the .mo

The JSON file maps an English msgid to its translation: a string, or a list of strings for a
plural (padded to the language's number of plural forms; `{"plural": ..., "msgstr": [...]}`
is read as its `msgstr` list). For a `pgettext` string the key is
`"context\\u0004msgid"`. Entries the code no longer uses are dropped, never kept as obsolete;
nothing is marked fuzzy. See docs/translating.md.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "kitchen" / "locales"


def extract() -> Catalog:
    """The template catalogue: every string the code and templates use (babel.cfg)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    template = Catalog(project="Systems Kitchen")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, comment_tags=("TRANSLATORS:",)
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read_fills(paths: list[Path]) -> dict[tuple[str | None, str], str | list[str]]:
    """Translations from JSON files, keyed by (context, msgid)."""
    fills: dict[tuple[str | None, str], str | list[str]] = {}
    for path in paths:
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            context, _, msgid = key.rpartition("\x04")
            if isinstance(value, dict):  # {"plural": "...", "msgstr": [...]}: the forms only
                value = value.get("msgstr", "")
            if not isinstance(value, (str, list)) or not all(isinstance(v, str) for v in value):
                raise SystemExit(f"{path}: {key!r}: give a string or a list of strings")
            fills[(context or None, msgid)] = value
    return fills


def merged(language: str, fills: dict[tuple[str | None, str], str | list[str]]) -> Catalog:
    """The language's catalogue updated to the code, with `fills` applied."""
    po = LOCALES / language / "LC_MESSAGES" / "kitchen.po"
    with po.open("rb") as f:
        catalogue = read_po(f, locale=language)
    catalogue.update(extract(), no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    forms = catalogue.num_plurals
    for message in catalogue:
        if not message.id:
            continue
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        value = fills.get((message.context, singular))
        if value is None:
            continue
        if isinstance(message.id, tuple):
            strings = [value] if isinstance(value, str) else list(value)
            strings += [strings[-1]] * (forms - len(strings))
            message.string = tuple(strings[:forms])
        else:
            message.string = value if isinstance(value, str) else value[0]
        message.flags.discard("fuzzy")
    return catalogue


def untranslated(catalogue: Catalog) -> list[str]:
    """The msgids that still have no translation."""
    out = []
    for message in catalogue:
        if message.id and not all(message.string or [""]):
            out.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--fill", type=Path, action="append", default=[])
    parser.add_argument("--write", action="store_true", help="write the .po and compile the .mo")
    args = parser.parse_args(argv)
    catalogue = merged(args.lang, read_fills(args.fill))
    missing = untranslated(catalogue)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    if args.write:
        buffer = io.BytesIO()
        write_po(buffer, catalogue, width=100, no_location=True, sort_output=True)
        po = LOCALES / args.lang / "LC_MESSAGES" / "kitchen.po"
        po.write_bytes(buffer.getvalue())
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "compile", "-D", "kitchen"]
            + ["-d", str(LOCALES), "-l", args.lang],
            check=True,
        )
        print(f"wrote {po.relative_to(ROOT)} ({len(missing)} untranslated)")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
