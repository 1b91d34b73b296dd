"""The architecture's import contracts (pyproject.toml, [tool.importlinter]) hold: layers
cli > ui > debrief > session > content > sim > events, computer cooks on the simulation
only, and pygame only in the front end. A broken contract names the import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    exe = Path(sys.executable).parent / "lint-imports"
    command = [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not a source checkout")
    result = subprocess.run(
        [*command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
