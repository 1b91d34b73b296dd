"""From round logs to what the debrief shows: metrics and lesson cards for each round, with
each round seen beside the session's earlier rounds *of the same level* (like-for-like:
a round is only called better or worse than a round of the same level and settings), and
the comparisons a level asks for (a redesign against the level it redesigns, a blackout's
before and after)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kitchen.content import SourceError
from kitchen.content.baselines import BaselineDef
from kitchen.content.lesson_pack import LessonPack
from kitchen.content.level_model import LevelDef
from kitchen.content.problems import Problem
from kitchen.debrief import labels
from kitchen.debrief.baselines import find_baseline
from kitchen.debrief.communication_metrics import ACK_WINDOW_S
from kitchen.debrief.lessons import CARD_LIMIT, LessonCard, evaluate, load_pack, rule_values
from kitchen.debrief.metrics import RoundMetrics, compute_metrics
from kitchen.debrief.people import people_by_tick
from kitchen.events import (
    Callout,
    ConditionsSet,
    DisruptionEnded,
    DisruptionStarted,
    Event,
    RoundStarted,
)
from kitchen.i18n import N_, _, localize, pgettext
from kitchen.session.replay import RoundLog, read_round_log
from kitchen.session.store import Session, shown_team

COMPARED: tuple[str, ...] = (
    "service.score",
    "service.served",
    "service.expired",
    "service.safety_incidents",
    "flow.waste",
    "communication.callouts_per_min",
    "communication.acknowledged_ratio",
    "communication.closed_loop_ratio",
    "communication.callout_gini",
    "coordination.handoffs",
    "coordination.lost_handoffs",
    "coordination.blocked_s",
)
"""Metrics compared between rounds and teams (labels, rounding and direction: :mod:`labels`)."""

NOT_COMPARED = N_("no earlier round of this level: not compared")
"""Said instead of better/worse when there is no earlier round of the same level."""

OTHER_SETTINGS = N_("different settings: not compared")
"""Said when the same level was played before, but with other silos or assists."""

PERIOD_WORDS = {"before": N_("before"), "during": N_("during"), "after": N_("after")}
"""The blackout's periods as the comparison's line says them."""

_LEVEL_NUMBER = re.compile(r"^(\d+)[_-]")


@dataclass
class RoundAnalysis:
    """One round: its log, metrics and the lessons it brought up."""

    log: RoundLog
    metrics: RoundMetrics
    values: dict[str, Any]
    cards: list[LessonCard]
    index: int
    baseline: BaselineDef | None = None
    """What the level alone produces (``None``: no baseline for this level and settings)."""

    @property
    def shown_cards(self) -> list[LessonCard]:
        """The cards shown by default: the :data:`CARD_LIMIT` furthest from the baseline."""
        return self.cards[:CARD_LIMIT]

    @property
    def more_cards(self) -> list[LessonCard]:
        """The cards shown on request ("More cards")."""
        return self.cards[CARD_LIMIT:]

    @property
    def label(self) -> str:
        """``Round 2: The Corridor``."""
        return _("Round {n}: {level}").format(n=self.index, level=self.level_title)

    @cached_property
    def definition(self) -> LevelDef | None:
        """The level's definition as it was played (``None`` if its text cannot be read)."""
        try:
            return self.log.level().definition
        except SourceError:
            return None

    @property
    def level_title(self) -> str:
        """The level's title as it was played."""
        d = self.definition
        if d is None:
            return self.log.header.level_name
        return localize(d.title) or d.name.replace("_", " ").capitalize()

    @property
    def level_name(self) -> str:
        """The level's id (``silos``)."""
        return self.log.header.level_name

    @property
    def level_number(self) -> int | None:
        """The number a shipped level's file starts with (``06_silos.yaml``: 6), if any."""
        found = _LEVEL_NUMBER.match(Path(self.log.header.level_file).name)
        return int(found.group(1)) if found else None

    @property
    def level_caption(self) -> str:
        """``Departments (level 6)``, or just the title for a level without a number."""
        n = self.level_number
        if n is None:
            return self.level_title
        return _("{title} (level {n})").format(title=self.level_title, n=n)

    @property
    def level_short(self) -> str:
        """``L6`` for a numbered level, else the level's id: for narrow columns."""
        n = self.level_number
        if n is None:
            return self.level_name
        return pgettext("a level's number, in a narrow column", "L{n}").format(n=n)

    @property
    def settings(self) -> tuple[bool, tuple[str, ...]]:
        """Silos on or off and the assists switched on: rounds compare only with the same."""
        return _settings(self.log)

    @property
    def settings_caption(self) -> str:
        """``silos on``, ``silos off, assists: no burning``; silos are named only in a level
        with roles (elsewhere the switch restricts nobody), so a level without roles and
        without assists has an empty caption."""
        silos, assists = self.settings
        shown = ", ".join(a.replace("_", " ") for a in assists)
        if not self.log.level().spec.roles:
            return _("assists: {assists}").format(assists=shown) if assists else ""
        text = _("silos on") if silos else _("silos off")
        if assists:
            text = _("{silos}, assists: {assists}").format(silos=text, assists=shown)
        return text


@dataclass(frozen=True)
class Pairing:
    """Which earlier round a round is compared with, or why it is not."""

    against: RoundAnalysis | None
    reason: str | None = None
    """``None`` when paired; else :data:`NOT_COMPARED` or :data:`OTHER_SETTINGS`."""
    seed_differs: bool = False


def _settings(log: RoundLog) -> tuple[bool, tuple[str, ...]]:
    h = log.header
    assists = tuple(sorted(k for k, on in asdict(h.assists).items() if on))
    return bool(h.silos), assists


def pair(rounds: Sequence[RoundAnalysis], i: int) -> Pairing:
    """The round ``rounds[i]`` is compared with: the latest earlier round of the same level
    and settings, preferring one played with the same seed (the same orders)."""
    return pair_log(rounds[:i], rounds[i].log)


def pair_log(earlier: Sequence[RoundAnalysis], log: RoundLog) -> Pairing:
    """The round of ``earlier`` that the round logged in ``log`` is compared with."""
    same_level = [r for r in earlier if r.level_name == log.header.level_name]
    same = [r for r in same_level if r.settings == _settings(log)]
    if not same:
        return Pairing(None, _(OTHER_SETTINGS) if same_level else _(NOT_COMPARED))
    seed = log.header.seed
    best = next((r for r in reversed(same) if r.log.header.seed == seed), same[-1])
    return Pairing(best, None, best.log.header.seed != seed)


@dataclass
class LevelComparison:
    """A comparison a level asks for: rows of (metric, value then, value now)."""

    title: str
    note: str
    columns: tuple[str, str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    missing: str | None = None
    """Why the comparison cannot be shown (e.g. the level it redesigns was not played)."""
    line: str = ""
    """The whole comparison in one sentence, for the one-page summary."""


@dataclass
class SessionAnalysis:
    """A team's session: its rounds in order."""

    team: str
    session_id: str
    created: str
    rounds: list[RoundAnalysis] = field(default_factory=list)

    def changes(self) -> list[dict[str, Any]]:
        """Round-by-round comparison of the key metrics, paired by level.

        For each metric: its ``values`` and ``cells`` (value, verdict against the paired
        earlier round of the same level, that round's number) in each round, and the
        ``verdict`` of the latest round: ``better``/``worse``/``same``, ``None`` when neither
        direction is better, or :data:`NOT_COMPARED` / :data:`OTHER_SETTINGS`.
        """
        pairings = [pair(self.rounds, i) for i in range(len(self.rounds))]
        out = []
        for name in COMPARED:
            cells = []
            for r, p in zip(self.rounds, pairings, strict=True):
                value = r.values.get(name)
                against = p.against
                cells.append(
                    {
                        "value": value,
                        "round": r.index,
                        "level": r.level_short,
                        "verdict": labels.verdict(name, value, against.values.get(name))
                        if against
                        else None,
                        "against": against.index if against else None,
                        "seed_differs": p.seed_differs,
                        "reason": p.reason,
                    }
                )
            latest = cells[-1] if len(cells) >= 2 else None
            verdict = None if latest is None else (latest["reason"] or latest["verdict"])
            out.append(
                {
                    "name": name,
                    "label": labels.label(name),
                    "values": [c["value"] for c in cells],
                    "cells": cells,
                    "verdict": verdict,
                    "format": labels.metric(name).fmt,
                }
            )
        return out

    def by_level(self) -> dict[str, list[RoundAnalysis]]:
        """The session's rounds grouped by level (in the order levels were first played)."""
        groups: dict[str, list[RoundAnalysis]] = {}
        for r in self.rounds:
            groups.setdefault(r.level_name, []).append(r)
        return groups

    def level_comparisons(self, upto: RoundAnalysis | None = None) -> list[LevelComparison]:
        """The comparisons the session's levels ask for (for every round, or only ``upto``):
        a redesign against the level it redesigns, and a blackout's before and after."""
        out = []
        for i, r in enumerate(self.rounds):
            if upto is not None and r is not upto:
                continue
            redesign = redesign_comparison(self.rounds[: i + 1], r)
            if redesign is not None:
                out.append(redesign)
            blackout = blackout_comparison(r)
            if blackout is not None:
                out.append(blackout)
        return out


def redesign_comparison(
    rounds: Sequence[RoundAnalysis], r: RoundAnalysis
) -> LevelComparison | None:
    """``r`` against the latest earlier round of the level it is a redesign of, on the
    metrics its level file lists in ``compare`` (``None`` if it is no redesign)."""
    d = r.definition
    of = d.redesign_of if d is not None else None
    if d is None or not of:
        return None
    names = list(d.compare)
    earlier = [x for x in rounds if x is not r and x.index <= r.index and x.level_name == of]
    seed = r.log.header.seed
    base = next((x for x in reversed(earlier) if x.log.header.seed == seed), None)
    base = base or (earlier[-1] if earlier else None)
    comparison = LevelComparison(
        title=_("{level} against the level it redesigns").format(level=r.level_caption),
        note="",
        columns=("", _("Round {n}").format(n=r.index)),
    )
    if base is None:
        comparison.missing = _(
            "Round {n} is a redesign of the level '{of}', which this session has not "
            "played before it: play that level first, ideally with the same seed, to compare."
        ).format(n=r.index, of=of)
        comparison.line = comparison.missing
        return comparison
    comparison.columns = (
        _("Round {n}: {level}").format(n=base.index, level=base.level_caption),
        _("Round {n}").format(n=r.index),
    )
    if base.log.header.seed == seed:
        seeds = _("same seed, so the same orders")
    else:
        seeds = _("another seed")
    comparison.note = _(
        "As the level asks: round {n} compared with round {base} ({seeds}). "
        "The levels differ by design, so the change is shown, not judged."
    ).format(n=r.index, base=base.index, seeds=seeds)
    for name in names:
        before, now = base.values.get(name), r.values.get(name)
        comparison.rows.append(
            {
                "name": name,
                "label": labels.label(name),
                "before": labels.show(name, before),
                "now": labels.show(name, now),
                "change": _direction(name, now, before),
            }
        )
    parts = [
        _("{label} {before} to {now} ({change})").format(
            label=x["label"], before=x["before"], now=x["now"], change=x["change"]
        )
        for x in comparison.rows
    ]
    comparison.line = _(
        "Round {n} ({level}) against round {base} ({base_level}, {seeds}): {parts}"
    ).format(
        n=r.index,
        level=r.level_caption,
        base=base.index,
        base_level=base.level_caption,
        seeds=seeds,
        parts="; ".join(parts or [_("no measures listed")]),
    )
    return comparison


def _direction(name: str, now: Any, before: Any) -> str:
    a, b = labels.rounded_value(name, now), labels.rounded_value(name, before)
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return labels.not_measurable()
    if a == b:
        return _("no change")
    return _("higher") if a > b else _("lower")


def blackout_periods(events: Sequence[Event]) -> list[tuple[str, int, int]] | None:
    """Calls needing an answer (``need``, ``help``) before, during and after the round's
    blackouts (when the order board could not be read), and how many of them were
    acknowledged within ``ACK_WINDOW_S`` seconds: ``[(period, calls, acknowledged)]``, or
    ``None`` if the round had no blackout. Only calls made by people count, and only
    acknowledgements from people (computer cooks' calls say nothing about the team). A call
    in the round's last ``ACK_WINDOW_S`` seconds is left out (there was no time to answer
    it)."""
    start = next((e for e in events if isinstance(e, RoundStarted)), None)
    tps = start.ticks_per_second if start else 60
    last_tick = events[-1].tick if events else 0
    spans: list[tuple[int, int]] = []
    open_at: dict[int, int] = {}
    for e in events:
        if isinstance(e, DisruptionStarted) and e.kind == "blackout":
            open_at[e.disruption_id] = e.tick
        elif isinstance(e, DisruptionEnded) and e.disruption_id in open_at:
            spans.append((open_at.pop(e.disruption_id), e.tick))
    spans.extend((t, last_tick) for t in open_at.values())
    if not spans:
        return None
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    window = ACK_WINDOW_S * tps
    people = people_by_tick(events)
    calls = [e for e in events if isinstance(e, Callout) and people.is_person(e.player, e.tick)]
    answered: dict[int, int] = {}
    for c in calls:
        if c.answers is not None and c.answers not in answered:
            answered[c.answers] = c.tick
    tally = {"before": [0, 0], "during": [0, 0], "after": [0, 0]}
    for c in calls:
        if c.kind not in ("need", "help") or c.tick > last_tick - window:
            continue
        if c.tick < first:
            period = "before"
        elif c.tick < last:
            period = "during"
        else:
            period = "after"
        tally[period][0] += 1
        at = answered.get(c.callout_id)
        if at is not None and at - c.tick <= window:
            tally[period][1] += 1
    return [(k, v[0], v[1]) for k, v in tally.items()]


def blackout_comparison(r: RoundAnalysis) -> LevelComparison | None:
    """Calls acknowledged before, during and after ``r``'s blackout (``None`` without one)."""
    periods = blackout_periods(r.log.events)
    if periods is None:
        return None
    comparison = LevelComparison(
        title=_("Round {n}: calls acknowledged before and after the blackout").format(n=r.index),
        note=_(
            "Calls for an item or for help, and how many were acknowledged within "
            "{window} s, before the order board went dark, while it was dark (from the "
            "first blackout to the end of the last), and after. Same round, same level."
        ).format(window=ACK_WINDOW_S),
        columns=(_("Calls"), _("Acknowledged")),
    )
    parts = []
    for period, calls, acked in periods:
        name = f"blackout.ack_{period}"
        comparison.rows.append(
            {
                "name": name,
                "label": labels.label(name),
                "before": labels.count_of(calls, "call"),
                "now": labels.show(name, acked / calls if calls else None),
                "change": "",
            }
        )
        parts.append(
            _("{period} {share} ({acked} of {calls})").format(
                period=_(PERIOD_WORDS.get(period, period)),
                share=labels.show(name, acked / calls if calls else None),
                acked=acked,
                calls=labels.count_of(calls, "call"),
            )
        )
    comparison.line = _(
        "Round {n} ({level}): calls acknowledged within {window} s, {parts} the blackout"
    ).format(n=r.index, level=r.level_caption, window=ACK_WINDOW_S, parts=", ".join(parts))
    return comparison


def effective_silos(log: RoundLog) -> bool:
    """Whether roles really restricted someone in the round: what the round's
    ``conditions_set`` event says, or for older logs, silos switched on in a level with roles
    (level 7 has none, so its round is never "in silos" whatever the switch said)."""
    for event in log.events:
        if isinstance(event, ConditionsSet):
            return event.silos
    return log.header.silos and bool(log.level().spec.roles)


def analyse_round(
    log: RoundLog,
    pack: LessonPack,
    index: int = 1,
    previous: RoundAnalysis | None = None,
    earlier_levels: Collection[str] = (),
) -> RoundAnalysis:
    """Metrics and lesson cards for one round (``previous``: the round it is compared
    with, the session's latest earlier round of the same level and settings;
    ``earlier_levels``: the levels the session played before this round)."""
    level = log.level()
    metrics = compute_metrics(log.events, level.spec)
    original = level.definition.redesign_of
    context: dict[str, Any] = {
        "round_index": index,
        "silos": 1 if effective_silos(log) else 0,
        "has_zones": 1 if level.spec.zones else 0,
        "redesign_after_original": 1 if original and original in earlier_levels else 0,
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
    baseline = round_baseline(log)
    cards = evaluate(pack, values, baseline.metrics if baseline else None)
    return RoundAnalysis(log, metrics, values, cards, index, baseline)


def round_baseline(log: RoundLog) -> BaselineDef | None:
    """The baseline a round is compared with: the one made from exactly its level, and only
    when it was played as the baseline was made (silos as the level sets them, no assists)."""
    silos, assists = _settings(log)
    if assists or (not silos and log.level().spec.roles):
        return None
    return find_baseline(log.header.level_text, log.header.level_file)


def analyse_logs(logs: Sequence[RoundLog], pack: LessonPack | None = None) -> list[SessionAnalysis]:
    """Group round logs into sessions (by the session id in their headers, else one session
    per log's folder) and analyse each round in order.

    A round keeps the number its log's header gives it (a log given on its own is still
    "Round 3"); only when a group's logs repeat a number (old logs without one) are they
    numbered by their order.
    """
    pack = pack or load_pack()
    groups: dict[str, list[RoundLog]] = {}
    for log in logs:
        # logs with no session are grouped by their folder (resolved: a log named without a
        # folder is in the current one, whose name is shown)
        key = log.header.session_id or str(log.path.resolve().parent)
        groups.setdefault(key, []).append(log)
    sessions = []
    for key, members in groups.items():
        members.sort(key=lambda lg: (lg.header.round_index, lg.header.created, str(lg.path)))
        first = members[0].header
        session_id = first.session_id or Path(key).name or members[0].path.stem
        session = SessionAnalysis(shown_team(first.team), session_id, first.created)
        numbers = [lg.header.round_index for lg in members]
        keep_numbers = len(set(numbers)) == len(numbers)
        for i, log in enumerate(members, start=1):
            index = log.header.round_index if keep_numbers else i
            paired = pair_log(session.rounds, log).against
            earlier = {r.log.header.level_name for r in session.rounds}
            session.rounds.append(analyse_round(log, pack, index, paired, earlier))
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
                warnings.append(_("{path}: this session has no rounds yet").format(path=path))
            for file in files:
                read(file)
        else:
            read(path)
    for log in logs:
        warnings.extend(log.warnings)
    return logs, warnings
