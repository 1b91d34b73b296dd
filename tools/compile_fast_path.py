"""Build (or remove) the optional compiled simulation the research environment uses.

    python tools/compile_fast_path.py           # compile kitchen.sim's copy with mypyc
    python tools/compile_fast_path.py --status  # is there a build for these sources?
    python tools/compile_fast_path.py --clean   # remove every build

Needs mypy (it brings mypyc: ``pip install mypy``, in the ``test`` extra) and a C compiler.
The build goes to the user cache folder (``KITCHEN_FAST_PATH_DIR`` moves it), never into the
source tree; the pure-Python simulation stays the reference (``KITCHEN_PURE=1`` runs it). See
docs/research.md and :mod:`kitchen.env.fast_path`.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Build, report on or remove the compiled simulation; 0 on success, 1 with one line
    saying why not."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--clean", action="store_true", help="remove every compiled build")
    group.add_argument("--status", action="store_true", help="say whether a build matches")
    args = parser.parse_args(argv)
    try:
        from kitchen.env import fast_path
    except ImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.clean:
        fast_path.clean()
        return 0
    if args.status:
        print(f"{fast_path.status()}: {fast_path.build_dir()}")
        return 0
    try:
        import mypyc  # noqa: F401
    except ImportError:
        print("error: mypyc is missing: pip install mypy", file=sys.stderr)
        return 1
    try:
        fast_path.build()
    except (RuntimeError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
