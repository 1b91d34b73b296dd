"""Golden event logs: a fixed round of every shipped level, to show any change to the rules.

Each golden file (``tests/golden/<level>.jsonl``) holds a header, the commands computer cooks
gave (only the ticks where a chef's input changed or a button was pressed) and every event
the simulation made. The test plays the *current* shipped level with those commands and
compares the events; ``<level>.metrics.json`` holds the debrief metrics of those events.

Regenerate after an intended change of rules with ``python tools/regen_golden.py`` and
review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kitchen.bots.team import BotTeam
from kitchen.content import load_level
from kitchen.debrief.metrics import compute_metrics
from kitchen.events import Event, event_from_dict
from kitchen.paths import shipped_levels
from kitchen.sim.commands import Command
from kitchen.sim.round import Round

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SEED = 2026
TICKS = 3 * 60 * 60
"""Three minutes of play at 60 ticks a second (or the whole round, if shorter)."""
FORMAT = 1


def golden_path(level_file: Path) -> Path:
    """The golden log of a shipped level."""
    return GOLDEN_DIR / f"{level_file.stem}.jsonl"


def metrics_path(level_file: Path) -> Path:
    """The golden metrics of a shipped level."""
    return GOLDEN_DIR / f"{level_file.stem}.metrics.json"


def _command_dict(command: Command) -> dict[str, Any]:
    return {
        "move": list(command.move),
        "interact": command.interact,
        "use": command.use,
        "callout": command.callout,
    }


def record(level_file: Path) -> tuple[list[dict[str, Any]], list[Event]]:
    """Play ``level_file`` with computer cooks in every place; the records and the events."""
    level = load_level(level_file)
    players = sorted(level.spec.starts)
    rnd = Round(level.spec, seed=SEED, players=players)
    team = BotTeam(rnd)
    header = {"golden": FORMAT, "level": level_file.name, "seed": SEED, "players": players}
    records: list[dict[str, Any]] = [header]
    events: list[Event] = []
    held: dict[int, dict[str, Any]] = {}
    while not rnd.finished and rnd.tick < TICKS:
        commands = team.commands()
        changed = {}
        for player, command in sorted(commands.items()):
            as_dict = _command_dict(command)
            if as_dict != held.get(player) or command.interact or command.callout:
                changed[str(player)] = as_dict
            held[player] = as_dict
        if changed:
            records.append({"tick": rnd.tick, "commands": changed})
        events.extend(rnd.step(commands))
    return records, events


def write(level_file: Path) -> None:
    """(Re)write the golden log and metrics of ``level_file``."""
    records, events = record(level_file)
    GOLDEN_DIR.mkdir(exist_ok=True)
    lines = [json.dumps(r, separators=(",", ":")) for r in records]
    lines += [json.dumps({"event": e.to_dict()}, separators=(",", ":")) for e in events]
    golden_path(level_file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    level = load_level(level_file)
    metrics = compute_metrics(events, level.spec).to_dict()
    metrics_path(level_file).write_text(
        json.dumps(metrics, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def read(
    level_file: Path,
) -> tuple[dict[str, Any], dict[int, dict[int, Command]], list[dict[str, Any]]]:
    """The header, the commands by tick and the event dicts of a golden log."""
    header: dict[str, Any] = {}
    commands: dict[int, dict[int, Command]] = {}
    events: list[dict[str, Any]] = []
    for line in golden_path(level_file).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "golden" in record:
            header = record
        elif "event" in record:
            events.append(record["event"])
        else:
            commands[record["tick"]] = {
                int(p): Command(
                    move=tuple(c["move"]),
                    interact=c["interact"],
                    use=c["use"],
                    callout=c["callout"],
                )
                for p, c in record["commands"].items()
            }
    return header, commands, events


def replay(level_file: Path) -> list[dict[str, Any]]:
    """Play the current shipped level with the golden commands; the event dicts."""
    header, by_tick, golden_events = read(level_file)
    level = load_level(level_file)
    rnd = Round(level.spec, seed=header["seed"], players=header["players"])
    last_tick = golden_events[-1]["tick"] if golden_events else 0
    held: dict[int, Command] = {}
    out: list[dict[str, Any]] = []
    while not rnd.finished and rnd.tick <= last_tick:
        for player, command in by_tick.get(rnd.tick, {}).items():
            held[player] = command
        commands = dict(held)
        out.extend(e.to_dict() for e in rnd.step(commands))
        # Presses last one tick; moves and holds carry on until they change.
        held = {p: Command(move=c.move, use=c.use) for p, c in held.items()}
    return out


def first_difference(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> str | None:
    """A readable account of where two event lists first differ, or ``None``."""
    for index, (want, have) in enumerate(zip(expected, got, strict=False)):
        if want != have:
            return (
                f"event {index} (tick {want.get('tick')}) differs:\n"
                f"  golden: {json.dumps(want, sort_keys=True)}\n"
                f"  now:    {json.dumps(have, sort_keys=True)}"
            )
    if len(expected) != len(got):
        shorter = min(len(expected), len(got))
        extra = (expected if len(expected) > len(got) else got)[shorter]
        side = "golden log has" if len(expected) > len(got) else "new run has"
        return (
            f"the {side} more events ({len(expected)} golden, {len(got)} now); the first extra "
            f"is at tick {extra.get('tick')}: {json.dumps(extra, sort_keys=True)}"
        )
    return None


def golden_metrics(level_file: Path) -> dict[str, Any]:
    """The stored metrics of a golden log."""
    return json.loads(metrics_path(level_file).read_text(encoding="utf-8"))


def current_metrics(level_file: Path) -> dict[str, Any]:
    """The metrics the current debrief computes from the golden events (round-tripped
    through JSON so they compare like the stored ones)."""
    _, _, events = read(level_file)
    level = load_level(level_file)
    metrics = compute_metrics([event_from_dict(e) for e in events], level.spec).to_dict()
    return json.loads(json.dumps(metrics, sort_keys=True))


def all_levels() -> list[Path]:
    """The shipped level files."""
    return list(shipped_levels())
