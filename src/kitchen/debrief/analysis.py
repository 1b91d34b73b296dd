"""From round logs to what the debrief shows: metrics and lesson cards for each round, with
each round seen in the context of its session's earlier rounds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitchen.content import SourceError
from kitchen.content.lesson_pack import LessonPack
from kitchen.content.problems import Problem
from kitchen.debrief.lessons import LessonCard, evaluate, load_pack, rule_values
from kitchen.debrief.metrics import RoundMetrics, compute_metrics
from kitchen.session.replay import RoundLog, read_round_log
from kitchen.session.store import Session

COMPARED = (
    ("service.score", "Score", True),
    ("service.served", "Dishes served", True),
    ("service.expired", "Orders expired", False),
    ("service.safety_incidents", "Safety incidents", False),
    ("flow.waste", "Waste", False),
    ("communication.callouts_per_min", "Call-outs / min", None),
    ("communication.closed_loop_ratio", "Closed-loop ratio", True),
    ("communication.callout_gini", "Call-out inequality (Gini)", False),
    ("coordination.handoffs", "Hand-offs", None),
    ("coordination.lost_handoffs", "Lost hand-offs", False),
    ("coordination.blocked_s", "Time blocked (s)", False),
)
"""Metrics compared between rounds and teams: name, label, and whether more is better
(``None``: neither)."""

FORMATS = {"communication.closed_loop_ratio": "pct", "communication.callout_gini": "2f"}
"""How compared metrics are shown (see :func:`kitchen.debrief.lessons.format_value`)."""


@dataclass
class RoundAnalysis:
    """One round: its log, metrics and the lessons it brought up."""

    log: RoundLog
    metrics: RoundMetrics
    values: dict[str, Any]
    cards: list[LessonCard]
    index: int

    @property
    def label(self) -> str:
        """``Round 2: The Corridor``."""
        return f"Round {self.index}: {self.level_title}"

    @property
    def level_title(self) -> str:
        """The level's title as it was played."""
        try:
            return self.log.level().title
        except SourceError:
            return self.log.header.level_name


@dataclass
class SessionAnalysis:
    """A team's session: its rounds in order."""

    team: str
    session_id: str
    created: str
    rounds: list[RoundAnalysis] = field(default_factory=list)

    def changes(self) -> list[dict[str, Any]]:
        """Round-by-round comparison of the key metrics: for each metric, its value in each
        round and whether the latest round improved on the one before."""
        out = []
        for name, label, more_is_better in COMPARED:
            series = [r.values.get(name) for r in self.rounds]
            verdict = None
            if (
                len(series) >= 2
                and series[-1] is not None
                and series[-2] is not None
                and more_is_better is not None
            ):
                delta = series[-1] - series[-2]
                verdict = (
                    "same"
                    if delta == 0
                    else ("better" if (delta > 0) == more_is_better else "worse")
                )
            out.append(
                {
                    "name": name,
                    "label": label,
                    "values": series,
                    "verdict": verdict,
                    "format": FORMATS.get(name),
                }
            )
        return out


def analyse_round(
    log: RoundLog, pack: LessonPack, index: int = 1, previous: RoundAnalysis | None = None
) -> RoundAnalysis:
    """Metrics and lesson cards for one round (``previous``: the session's round before)."""
    level = log.level()
    metrics = compute_metrics(log.events, level.spec)
    context: dict[str, Any] = {
        "round_index": index,
        "silos": 1 if log.header.silos else 0,
        "has_zones": 1 if level.spec.zones else 0,
    }
    if previous is not None:
        context["score_change"] = metrics.value("service.score") - previous.metrics.value(
            "service.score"
        )
        now, before = (
            metrics.value("communication.closed_loop_ratio"),
            previous.metrics.value("communication.closed_loop_ratio"),
        )
        context["closed_loop_change"] = (
            None if now is None or before is None else round(now - before, 3)
        )
    values = rule_values(metrics, context)
    return RoundAnalysis(log, metrics, values, evaluate(pack, values), index)


def analyse_logs(logs: Sequence[RoundLog], pack: LessonPack | None = None) -> list[SessionAnalysis]:
    """Group round logs into sessions (by the session id in their headers, else one session
    per log's folder) and analyse each round in order."""
    pack = pack or load_pack()
    groups: dict[str, list[RoundLog]] = {}
    for log in logs:
        key = log.header.session_id or str(log.path.parent)
        groups.setdefault(key, []).append(log)
    sessions = []
    for key, members in groups.items():
        members.sort(key=lambda lg: (lg.header.round_index, lg.header.created, str(lg.path)))
        first = members[0].header
        session = SessionAnalysis(first.team or "Team", key, first.created)
        previous = None
        for i, log in enumerate(members, start=1):
            previous = analyse_round(log, pack, i, previous)
            session.rounds.append(previous)
        sessions.append(session)
    return sessions


def collect_logs(
    paths: Iterable[str | Path], problems: list[Problem] | None = None
) -> tuple[list[RoundLog], list[str]]:
    """Read round logs named directly or found in session folders, each through
    :func:`~kitchen.session.replay.read_round_log` (the reader ``kitchen replay`` uses).

    Args:
        paths: round logs and session folders.
        problems: when given, a file that cannot be read (a damaged log, a bad
            ``session.json``) adds its problems here and the other files are still read;
            without it the first such file raises.

    Returns:
        The logs and any warnings (a torn last line, an empty session).

    Raises:
        SourceError: a path is neither a log nor a session folder, or a log is damaged
            (only when ``problems`` is not given).
    """
    logs: list[RoundLog] = []
    warnings: list[str] = []

    def read(path: Path) -> None:
        try:
            logs.append(read_round_log(path))
        except SourceError as err:
            if problems is None:
                raise
            problems.extend(err.problems)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                session = Session.open(path)
            except SourceError as err:
                if problems is None:
                    raise
                problems.extend(err.problems)
                continue
            files = session.round_logs()
            if not files:
                warnings.append(f"{path}: this session has no rounds yet")
            for file in files:
                read(file)
        else:
            read(path)
    for log in logs:
        warnings.extend(log.warnings)
    return logs, warnings
