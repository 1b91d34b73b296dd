"""Rewrite the picture snapshots in tests/snapshots/ (see tests/snapshot_screens.py).

Run after an intended change of looks, then open the PNGs and review them before
committing:

    python tools/regen_snapshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import pygame
from snapshot_screens import SNAPSHOT_DIR, render_all


def main() -> int:
    """Render every snapshot and save it as a PNG."""
    SNAPSHOT_DIR.mkdir(exist_ok=True)
    for name, surface in render_all().items():
        path = SNAPSHOT_DIR / f"{name}.png"
        pygame.image.save(surface, str(path))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
