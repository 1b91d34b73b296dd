"""System or people? How much of a team's change after a redesign the redesign alone
explains, and how much is the team's own change in how it worked.

The computer cooks (:class:`kitchen.bots.BotTeam`, which play the same way every time)
play the old and the new kitchen on the team's seed, with as many chefs and the same silos
and assists as the team had. Then, on the cycle's measure (docs/metrics.md, "System or
people?"):

- the team's change ``T`` = the team's result in the tested round minus its result in the
  compared round;
- the system's change ``S`` = the cooks' result in the new kitchen minus theirs in the old
  one, on the team's seed;
- the people's change ``P = T - S`` (what is left when the redesign's own effect is taken
  away), so ``T = S + P`` always;
- the system share ``S / T``, given only when ``T`` is not 0 and ``S`` and ``T`` do not
  point opposite ways; otherwise "n/a", with ``S`` and ``P`` still shown.

The cooks also play the two kitchens on further seeds: the spread of their change there
says how much the figure depends on this one order stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kitchen.bots.team import BotTeam
from kitchen.content import SourceError, load_level_text
from kitchen.debrief import labels
from kitchen.debrief.metrics import compute_metrics
from kitchen.events import Event
from kitchen.i18n import _, current_language, format_percent
from kitchen.session.cycles import SystemCheck
from kitchen.session.round_log import LogHeader
from kitchen.sim.assists import Assists, apply_assists
from kitchen.sim.round import Round

EXTRA_SEEDS = 2
"""Further seeds the cooks play both kitchens on, besides the team's own."""


@dataclass(frozen=True)
class Share:
    """The team's change split into the redesign's and the people's."""

    team: float | None
    system: float | None
    people: float | None
    share: float | None
    """``system / team``; ``None`` when not measurable or not meaningful (see module)."""
    text: str


def _signed(name: str, value: float) -> str:
    shown = labels.show(name, abs(value))
    return shown if value == 0 else ("+" if value > 0 else "-") + shown


def _rounded(name: str, value: float) -> float:
    """``value`` as the measure is shown (a change hidden by rounding is no change)."""
    shown = labels.rounded_value(name, value)
    return float(shown) if isinstance(shown, (int, float)) else value


def _percent(share: float) -> str:
    # English keeps Python's own rounding and no grouping, as the report always showed it
    return f"{share:.0%}" if current_language() == "en" else format_percent(share)


def split_change(name: str, team: float | None, system: float | None) -> Share:
    """Split the team's change ``team`` on measure ``name`` into the redesign's part
    ``system`` (the cooks' change) and the people's (the rest), with one plain sentence."""
    if team is None or system is None:
        text = (
            _("n/a: the team's change cannot be measured")
            if team is None
            else _("n/a: the computer cooks' change cannot be measured")
        )
        return Share(team, system, None, None, text)
    t, s = _rounded(name, team), _rounded(name, system)
    people = _rounded(name, t - s)
    sys_txt, team_txt, ppl_txt = _signed(name, s), _signed(name, t), _signed(name, people)
    if t == 0 and s == 0:
        text = _(
            "n/a: nothing to explain. The team's result did not change, and the redesign "
            "alone changed nothing for the computer cooks either."
        )
        return Share(t, s, people, None, text)
    if t == 0:
        text = _(
            "n/a as a share: the team's result did not change, while the redesign alone "
            "moved the computer cooks' by {system}; the team's own change was {people}."
        ).format(system=sys_txt, people=ppl_txt)
        return Share(t, s, people, None, text)
    if s * t < 0:
        text = _(
            "n/a as a share: the redesign alone moved it {system}, the team's result "
            "moved {team}; the team's own change ({people}) went the other way and "
            "outweighed it."
        ).format(system=sys_txt, team=team_txt, people=ppl_txt)
        return Share(t, s, people, None, text)
    share = s / t
    if s == 0:
        text = _(
            "System {share}: the redesign alone changed nothing for the computer cooks; the "
            "whole change ({team}) is the team's own."
        ).format(share=_percent(0.0), team=team_txt)
    elif share > 1:
        text = _(
            "System {share}: the redesign alone would have given {system}, more than "
            "the team's {team}; the team's own change took {people} off it."
        ).format(share=_percent(share), system=sys_txt, team=team_txt, people=ppl_txt)
    else:
        text = _(
            "System {share}: the redesign alone explains {system} of the team's "
            "{team}; the team's own change in how it worked: {people}."
        ).format(share=_percent(share), system=sys_txt, team=team_txt, people=ppl_txt)
    return Share(t, s, people, share, text)


def cooks_result(
    level_text: str,
    level_name: str,
    seed: int,
    players: Sequence[int],
    silos: bool,
    assists: Assists,
    measure: str,
) -> float | None:
    """The computer cooks' result on ``measure`` in one kitchen (``None``: not measurable,
    or the level cannot be read)."""
    try:
        level = load_level_text(level_text, level_name)
    except SourceError:
        return None
    starts = sorted(level.spec.starts)
    chefs = [p for p in players if p in level.spec.starts]
    if len(chefs) < len(players):
        chefs = starts[: len(players)]
    spec = apply_assists(level.spec, assists)
    rnd = Round(spec, seed=seed, players=chefs, silos=silos, people=(), assists=assists)
    team = BotTeam(rnd)
    events: list[Event] = []
    while not rnd.finished:
        events.extend(rnd.step(team.commands()))
    try:
        value = compute_metrics(events, level.spec).value(measure)
    except KeyError:
        return None
    return float(value) if isinstance(value, (int, float)) else None


def system_check(
    old: LogHeader,
    new_text: str,
    new_name: str,
    measure: str,
    extra_seeds: int = EXTRA_SEEDS,
) -> SystemCheck:
    """The cooks on the old kitchen (as the compared round's log keeps it) and the new
    one, on the compared round's seed and ``extra_seeds`` more (seed + 1, ...)."""
    seeds = [old.seed + k for k in range(extra_seeds + 1)]
    args = (old.players, old.silos, old.assists, measure)
    return SystemCheck(
        measure=measure,
        seeds=seeds,
        old=[cooks_result(old.level_text, old.level_file, s, *args) for s in seeds],
        new=[cooks_result(new_text, new_name, s, *args) for s in seeds],
        chefs=len(old.players),
        silos=old.silos,
    )


def cooks_change(check: SystemCheck) -> float | None:
    """The cooks' change on the team's own seed (the first)."""
    a, b = check.old[0], check.new[0]
    return None if a is None or b is None else b - a


def other_seeds_text(check: SystemCheck) -> str:
    """How the cooks' change came out on the other seeds, in words ("" with none)."""
    changes = [
        b - a
        for a, b in zip(check.old[1:], check.new[1:], strict=True)
        if a is not None and b is not None
    ]
    if not changes:
        return ""
    shown = ", ".join(_signed(check.measure, c) for c in changes)
    return f"On {labels.plural(len(changes), 'other order stream')} the cooks' change was {shown}."
