"""Regenerate the golden event logs and metrics in tests/golden/ (one per shipped level).

Run after an intended change to the rules, a shipped level or the metrics, then review the
diff (``git diff --stat tests/golden``) before committing:

    python tools/regen_golden.py            # every shipped level
    python tools/regen_golden.py tutorial   # levels whose file name contains "tutorial"
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from golden_logs import all_levels, golden_path, write


def main(argv: list[str]) -> int:
    """Write the golden files of the levels named in ``argv`` (all when none)."""
    levels = [p for p in all_levels() if not argv or any(a in p.stem for a in argv)]
    if not levels:
        print(f"no shipped level matches {' '.join(argv)}", file=sys.stderr)
        return 1
    for level in levels:
        write(level)
        print(f"wrote {golden_path(level)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
