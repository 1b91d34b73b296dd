"""A team that bounces back after a disruption gets the ``recovered_well`` card, and the
level's own computer cooks do not (docs/lessons.md, "Bouncing back"): played through the
real simulation, measured by the real resilience metric (docs/metrics.md, "resilience")
and judged against the shipped baseline."""

from __future__ import annotations

import pytest

from kitchen.bots.quirks import HoldPass
from kitchen.bots.team import BotTeam
from kitchen.content import load_level
from kitchen.debrief.baselines import find_baseline
from kitchen.debrief.lessons import evaluate, load_pack, rule_values
from kitchen.debrief.metrics import RoundMetrics, compute_metrics
from kitchen.paths import levels_dir
from kitchen.sim.round import Round
from kitchen.sim.spec import TICKS_PER_SECOND as S


def _play(name: str, seed: int, hold: bool) -> tuple[RoundMetrics, list[str], HoldPass | None]:
    level = load_level(levels_dir() / f"{name}.yaml")
    spec = level.spec
    rnd = Round(spec, seed=seed, players=sorted(spec.starts), people=sorted(spec.starts))
    team = BotTeam(rnd)
    quirk = HoldPass(rnd, 45 * S, after=30 * S, clear=60 * S) if hold else None
    events = []
    while not rnd.finished:
        commands = dict(team.commands())
        if quirk is not None:
            commands = dict(quirk.commands(rnd.tick, commands))
        events.extend(rnd.step(commands))
    metrics = compute_metrics(events, spec)
    baseline = find_baseline(level.text, level.source_name)
    assert baseline is not None
    cards = [c.id for c in evaluate(load_pack(), rule_values(metrics), baseline.metrics)]
    return metrics, cards, quirk


@pytest.mark.parametrize("name", ["08_lost_board", "09_short_staffed"])
def test_a_pause_at_the_pass_and_a_quick_return_brings_up_bouncing_back(name: str) -> None:
    metrics, cards, quirk = _play(name, 101, hold=True)
    assert quirk is not None
    assert len(quirk.starts) == 1
    held = quirk.starts[0] / S
    (d,) = [d for d in metrics.disruptions if abs(d["start_s"] - held) < 0.1]
    # no dish for the 45 s of the hold, then the dishes kept back and service as usual
    assert d["paused"] is True
    assert 45 <= d["longest_wait_s"] < 46
    assert 45 <= d["recovery_s"] < 46
    assert "recovered_well" in cards


def test_the_cooks_own_round_does_not() -> None:
    metrics, cards, _ = _play("08_lost_board", 101, hold=False)
    assert max(d["longest_wait_s"] or 0 for d in metrics.disruptions) < 30
    assert "recovered_well" not in cards
