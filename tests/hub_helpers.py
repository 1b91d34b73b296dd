"""Shared by the hub's tests: a short round recorded by computer cooks, and a joined game."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session


def record_round(root: Path, team: str = "Blue", ticks: int = 400, seed: int = 1) -> Path:
    """A round log of ``ticks`` ticks of level 02 played by two computer cooks."""
    level = load_level(shipped_levels()[1])
    session = Session.create(team, root=root)
    recorded = RecordedRound(
        level, seed=seed, players=sorted(level.spec.starts)[:2], session=session, people=()
    )
    team_bots = BotTeam(recorded.round)
    for _ in range(ticks):
        recorded.step(team_bots.commands())
    recorded.close()
    assert recorded.log_path is not None
    return recorded.log_path


def log_records(path: Path) -> list[dict[str, Any]]:
    """A round log's lines as protocol records (``seq`` = line number from 0)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [{"seq": n, "line": json.loads(line)} for n, line in enumerate(lines)]


def round_key(path: Path) -> str:
    """The round key of a log written in a session folder."""
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    return f"{header['session_id']}/{header['round_index']}"
