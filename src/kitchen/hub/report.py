"""The workshop report: every team's stored rounds through the same report engine as
``kitchen report`` (:mod:`kitchen.debrief.report`).

The hub rebuilds a round log file (``<workshop folder>/rounds/<game id>/round-<n>.jsonl``,
names the hub makes itself) from each round's gap-free run of records, reads it back with
the game's own reader and analyses each game's rounds as ``kitchen report`` would.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kitchen.content.problems import SourceError
from kitchen.debrief.analysis import SessionAnalysis, analyse_logs
from kitchen.debrief.lessons import load_pack
from kitchen.debrief.report import metrics_csv, metrics_json, render_html, team_only_view
from kitchen.i18n import _
from kitchen.paths import write_atomically
from kitchen.session.replay import RoundLog, read_round_log

if TYPE_CHECKING:
    from kitchen.hub.live import Hub


class NoRounds(LookupError):
    """No team has sent a round yet."""


def rebuild_logs(hub: Hub) -> dict[str, list[Path]]:
    """Write each stored round's gap-free records as a round log; returns them by game.
    A file is rewritten only when the round holds more records than it did."""
    written: dict[str, list[Path]] = {}
    folder = hub.config.folder / "rounds"
    for row in hub.store.rounds():
        if row.upto < 0:
            continue
        path = folder / row.game_id / f"round-{row.round_id:05d}.jsonl"
        written.setdefault(row.game_id, []).append(path)
        if hub.rebuilt.get(row.round_id) == row.upto and path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(line + "\n" for _, line in hub.store.lines(row.round_id, row.upto))
        write_atomically(path, text)
        hub.rebuilt[row.round_id] = row.upto
    return written


def workshop_sessions(hub: Hub) -> list[SessionAnalysis]:
    """Every team's sessions, analysed game by game (a round whose stored copy cannot be
    read is left out, as ``kitchen report`` leaves out a damaged log)."""
    pack = load_pack()
    sessions: list[SessionAnalysis] = []
    for paths in rebuild_logs(hub).values():
        logs: list[RoundLog] = []
        for path in paths:
            try:
                logs.append(read_round_log(path))
            except SourceError:
                continue
        if logs:
            sessions.extend(analyse_logs(logs, pack))
    return sessions


def build_report(hub: Hub, team_only: bool = False) -> tuple[str, str, str]:
    """The workshop report's HTML, CSV and JSON texts.

    Raises:
        NoRounds: no round has reached the hub yet.
    """
    sessions = workshop_sessions(hub)
    if not sessions:
        raise NoRounds(_("no rounds to report yet"))
    if team_only:
        sessions = team_only_view(sessions)
    title = _("{workshop}: Systems Kitchen workshop").format(workshop=hub.workshop)
    return (
        render_html(sessions, title=title, team_only=team_only),
        metrics_csv(sessions),
        metrics_json(sessions, team_only=team_only),
    )
