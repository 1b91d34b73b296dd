"""Small kitchens for the improvement-cycle tests: a base kitchen and three redesigns (one
that helps: the onion crate beside the pot; one that does nothing: a counter nobody uses
moved to another corner; one that hurts: the crate moved to the far wall), and a session
built from rounds the computer cooks play."""

from __future__ import annotations

from pathlib import Path

from kitchen.bots.team import BotTeam
from kitchen.content import load_level_text
from kitchen.session import RecordedRound, Session
from kitchen.session.cycles import Change, decide, plan_cycle
from kitchen.session.fair_round import start_fair_round
from kitchen.session.prediction_words import read_prediction
from kitchen.session.store import slug

ROUND_SECONDS = 60

MAPS = {
    "base": ["XXXXXXOXXXXX", "X  1       P", "X          X", "XX     2   S", "XXXXXDXXXXXX"],
    "helps": ["XXXXXXXXXXOX", "X  1       P", "X          X", "XX     2   S", "XXXXXDXXXXXX"],
    "nothing": ["XXXXXXOXXXXX", "X  1       P", "XX         X", "X      2   S", "XXXXXDXXXXXX"],
    "hurts": ["XXXXXXXXXXXX", "O  1       P", "X          X", "XX     2   S", "XXXXXDXXXXXX"],
    # the ramp of three cycles: helps, then nothing (the unused counter moved), then hurts
    "helps_moved": ["XXXXXXXXXXOX", "X  1       P", "XX         X", "X      2   S", "XXXXXDXXXXXX"],
    "far_crate": ["XXXXXXXXXXXX", "O  1       P", "XX         X", "X      2   S", "XXXXXDXXXXXX"],
}

RAMP = (
    # (map, idea, change, prediction words, expected system share)
    (
        "helps",
        "Onions beside the pot",
        ("move", "onion crate next to the pot"),
        "at least 3 dishes",
        1.0,
    ),
    (
        "helps_moved",
        "Clear the spare counter",
        ("move", "unused counter to the other corner"),
        "at least 4 dishes",
        None,
    ),
    (
        "far_crate",
        "Onions by the door",
        ("move", "onion crate to the far wall"),
        "at least 3 dishes",
        1.0,
    ),
)
"""Three cycles, each building on the last kitchen: one that helps, one that does nothing,
one that hurts, with what the cooks' check should make of each."""
RAMP_SECONDS = 45
RAMP_SEED = 5

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


def three_cycle_session(root: Path, team: str = "Ward 7") -> Session:
    """A session of four rounds played by computer cooks: the base kitchen, then the three
    cycles of :data:`RAMP`, each planned on the kitchen of the round before, played with
    its seed (the fair round), and decided."""
    session = Session.create(team, root=root)
    original = root / f"{slug(team)}-base.yaml"
    original.write_text(level_text("base", seconds=RAMP_SECONDS), encoding="utf-8")
    play_by_cooks(session, original.read_text(encoding="utf-8"), RAMP_SEED, str(original))
    for number, (kind, idea, (what, change), words, _) in enumerate(RAMP, start=1):
        prediction = read_prediction(words)
        assert prediction is not None
        plan_cycle(
            session.folder,
            idea=idea,
            changes=[Change(kind=what, what=change)],  # type: ignore[arg-type]
            prediction=prediction,
            level_text=level_text(kind, name=f"ramp_{number}", seconds=RAMP_SECONDS),
            original_level=str(original),
            compared_round=number,
            seed=RAMP_SEED,
        )
        rec, _ = start_fair_round(session, number)
        cooks = BotTeam(rec.round)
        while not rec.round.finished:
            rec.step(cooks.commands())
        rec.close()
        decide(session.folder, number, ("adopt", "adapt", "abandon")[number - 1])
    return session
