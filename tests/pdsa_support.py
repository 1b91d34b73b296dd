"""Small kitchens for the improvement-cycle tests: a base kitchen and three redesigns (one
that helps: the onion crate beside the pot; one that does nothing: a counter nobody uses
moved to another corner; one that hurts: the crate moved to the far wall), and a session
built from rounds the computer cooks play."""

from __future__ import annotations

from pathlib import Path

from kitchen.bots.team import BotTeam
from kitchen.content import load_level_text
from kitchen.session import RecordedRound, Session

ROUND_SECONDS = 60

MAPS = {
    "base": ["XXXXXXOXXXXX", "X  1       P", "X          X", "XX     2   S", "XXXXXDXXXXXX"],
    "helps": ["XXXXXXXXXXOX", "X  1       P", "X          X", "XX     2   S", "XXXXXDXXXXXX"],
    "nothing": ["XXXXXXOXXXXX", "X  1       P", "XX         X", "X      2   S", "XXXXXDXXXXXX"],
    "hurts": ["XXXXXXXXXXXX", "O  1       P", "X          X", "XX     2   S", "XXXXXDXXXXXX"],
}

DISRUPTIONS = """disruptions:
  - {kind: breakdown, target: serve, at: 20, duration: 8, label: Window jammed}
  - {kind: breakdown, target: stove, chance: 1, duration: 4, label: Stove fails}
"""


def level_text(
    kind: str,
    *,
    name: str | None = None,
    redesign_of: str | None = None,
    disruptions: bool = False,
    seconds: int = ROUND_SECONDS,
) -> str:
    """The YAML of one of :data:`MAPS`."""
    rows = "\n".join("  " + r for r in MAPS[kind])
    text = f"""version: 1
name: {name or kind}
map: |
{rows}
recipes: [onion_soup]
round:
  seconds: {seconds}
orders:
  patience: 60
  generator: {{start: 0, every: [8, 12], max_active: 4}}
kitchen:
  burn_seconds: null
"""
    if redesign_of:
        text += f"redesign_of: {redesign_of}\n"
    if disruptions:
        text += DISRUPTIONS
    return text


def play_by_cooks(session: Session, text: str, seed: int, source: str) -> Path:
    """Record one round of the level ``text`` in ``session``, played by computer cooks."""
    level = load_level_text(text, source)
    rec = RecordedRound(level, seed, [1, 2], session=session, people=())
    team = BotTeam(rec.round)
    while not rec.round.finished:
        rec.step(team.commands())
    rec.close()
    assert rec.log_path is not None
    return rec.log_path
