"""Improvement cycles played by computer cooks: the scripted three-cycle session of
tests/test_pdsa_three_cycles.py (a redesign that helps, one that does nothing, one that
hurts), studied with the cooks' check on the team's seed and two more, and the figures
printed: prediction beside result, system or people, the run chart's reading, and how long
the cooks took.

    .venv/bin/python bench/pdsa_cycles.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pdsa_support import RAMP, RAMP_SECONDS, three_cycle_session

from kitchen.debrief import labels
from kitchen.debrief.pdsa import session_cycles, session_of_folder


def main() -> None:
    """Play the session, study it and print the figures."""
    with tempfile.TemporaryDirectory() as root:
        start = time.perf_counter()
        session = three_cycle_session(Path(root))
        played = time.perf_counter() - start
        analysis = session_of_folder(session.folder)
        start = time.perf_counter()
        found = session_cycles(analysis, save=True)
        checked = time.perf_counter() - start
        print(
            f"4 rounds ({RAMP_SECONDS} s each) played in {played:.1f} s; "
            f"the cooks' checks (3 cycles x 2 kitchens x 3 seeds) in {checked:.1f} s"
        )
        for c, expected in zip(found.cycles, RAMP, strict=True):
            m = c.measure
            print(
                f"cycle {c.number} ({expected[0]}): predicted {c.prediction}; round "
                f"{c.tested_round}: {labels.show(m, c.result)} against "
                f"{labels.show(m, c.before)} in round {c.compared_round} -> {c.outcome}; "
                f"decision {c.decision}"
            )
            print(f"   {c.split.text} {c.other_seeds}")
            print(f"   expected system share {expected[4]}, got {c.split.share}")
        for chart in found.charts:
            print(chart.verdict)


if __name__ == "__main__":
    main()
