"""What people see is pinned by picture snapshots (see ``tests/snapshot_screens.py``): a
change of looks fails here until the snapshots are regenerated on purpose with
``python tools/regen_snapshots.py`` and reviewed."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from snapshot_screens import (
    APP_SCREENS,
    PIXEL_TOLERANCE,
    SNAPSHOT_DIR,
    differing_share,
    preview_names,
    render_app_screens,
    render_preview,
)

pytestmark = pytest.mark.slow  # in CI's second pass (.ci/run): keeps the default run short

REGEN = (
    "if the change of looks is intended, run `python tools/regen_snapshots.py` and review the PNGs"
)


def check(name: str, actual: pygame.Surface, out: Path) -> None:
    expected_path = SNAPSHOT_DIR / f"{name}.png"
    assert expected_path.exists(), f"no snapshot {expected_path.name}; {REGEN}"
    share = differing_share(pygame.image.load(str(expected_path)), actual)
    if share > PIXEL_TOLERANCE:
        saved = out / f"{name}.actual.png"
        pygame.image.save(actual, str(saved))
        pytest.fail(f"{name}: {share:.2%} of the pixels differ (saved {saved}); {REGEN}")


@pytest.mark.parametrize("name", preview_names())
def test_level_previews_look_as_recorded(name, tmp_path):
    check(name, render_preview(name, tmp_path), tmp_path)


def test_play_round_end_and_debrief_look_as_recorded(tmp_path):
    seen = []
    for name, surface in render_app_screens(tmp_path):
        check(name, surface, tmp_path)
        seen.append(name)
    assert seen == APP_SCREENS


def test_the_comparison_tolerates_drift_but_not_change():
    base = pygame.Surface((100, 100))
    base.fill((120, 80, 40))
    drift = base.copy()
    drift.fill((130, 70, 50))  # every channel within the tolerance
    assert differing_share(base, drift) == 0
    changed = base.copy()
    pygame.draw.rect(changed, (255, 255, 255), (0, 0, 10, 10))  # 1% of the pixels
    assert differing_share(base, changed) == pytest.approx(0.01)
    assert differing_share(base, pygame.Surface((50, 50))) == 1.0
