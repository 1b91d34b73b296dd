"""Do: the round that tests a redesign plays the redesigned kitchen with the same seed,
chefs and settings as the round it is compared with, so the same order stream and the
same disruption schedule come (a difference is not the luck of the orders).

What the seed fixes (:mod:`kitchen.sim.orders`, :mod:`kitchen.sim.disruptions`): the
scheduled orders; the generator's sequence of recipes and of gaps between orders; every
disruption's start time. A redesign that changes the recipes, the orders block, the round's
length or the disruptions changes those too: :func:`pacing_changes` names such changes and
:class:`FairRound` carries them as ``warnings``. One thing the seed cannot fix is the
generator's cap (``max_active``): a kitchen that clears tickets faster lets a held-back
order in sooner, which is the kitchen's own doing, not luck.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kitchen.content import Level, load_level
from kitchen.content.level_model import LevelDef
from kitchen.content.loader import load_level_text
from kitchen.content.problems import Problem, SourceError
from kitchen.i18n import _
from kitchen.session.cycles import Cycle, load_cycles, update_cycle
from kitchen.session.recorder import RecordedRound
from kitchen.session.replay import read_round_log
from kitchen.session.round_log import LogHeader
from kitchen.session.store import Session
from kitchen.sim.assists import Assists

PACING_BLOCKS = ("recipes", "ingredients", "orders", "round", "disruptions")
"""The parts of a level that decide which orders and disruptions come, and when."""


@dataclass(frozen=True)
class FairRound:
    """How to play the round that tests a cycle's redesign."""

    cycle: int
    level: Level
    level_path: Path
    seed: int
    players: tuple[int, ...]
    people: tuple[int, ...] | None
    silos: bool
    assists: Assists
    compared_round: int
    warnings: tuple[str, ...] = ()
    """Why the orders or disruptions may differ from the compared round's (empty: same)."""


def pacing_changes(old: LevelDef, new: LevelDef) -> list[str]:
    """The blocks of :data:`PACING_BLOCKS` the redesign ``new`` changed from ``old``."""
    return [
        _(
            "the redesign changes '{block}', so the orders or disruptions can differ from "
            "the compared round's"
        ).format(block=block)
        for block in PACING_BLOCKS
        if old.model_dump().get(block) != new.model_dump().get(block)
    ]


def compared_header(session: Session, round_index: int) -> LogHeader:
    """The log header of the session's round ``round_index``.

    Raises:
        SourceError: no such round, or its log cannot be read.
    """
    entry = next((r for r in session.rounds if r["index"] == round_index), None)
    if entry is None:
        raise SourceError(
            Problem(
                str(session.folder),
                0,
                0,
                _("the session has no round {n}").format(n=round_index),
            )
        )
    return read_round_log(session.folder / entry["log"]).header


def fair_round(session: Session, cycle: Cycle) -> FairRound:
    """The round that tests ``cycle``: its redesigned level, with the seed, chefs, people,
    silos and assists of the round it is compared with.

    Raises:
        SourceError: the redesigned level or the compared round's log cannot be read.
    """
    header = compared_header(session, cycle.compared_round)
    path = session.folder / cycle.level_file
    level = load_level(path)
    warnings: list[str] = []
    if header.seed != cycle.seed:
        warnings.append(
            _(
                "the cycle names seed {seed} but round {n} was played with seed {played}; "
                "the round's own seed is used"
            ).format(seed=cycle.seed, n=cycle.compared_round, played=header.seed)
        )
    try:
        old = load_level_definition(header)
    except SourceError:
        warnings.append(
            _("round {n}'s level cannot be read to compare").format(n=cycle.compared_round)
        )
    else:
        warnings.extend(pacing_changes(old, level.definition))
    return FairRound(
        cycle=cycle.number,
        level=level,
        level_path=path,
        seed=header.seed,
        players=header.players,
        people=header.people,
        silos=header.silos,
        assists=header.assists,
        compared_round=cycle.compared_round,
        warnings=tuple(warnings),
    )


def load_level_definition(header: LogHeader) -> LevelDef:
    """The level a round was played on, from the text its log keeps.

    Raises:
        SourceError: the text is no longer a valid level.
    """
    return load_level_text(header.level_text, header.level_file).definition


def start_fair_round(
    session: Session, number: int, people: tuple[int, ...] | None = None
) -> tuple[RecordedRound, FairRound]:
    """Start (and log under the session) the round that tests cycle ``number``, and note it
    in ``cycles.json`` as the cycle's tested round. The caller steps the round.

    ``people``: the chefs a person plays this time (default: as in the compared round).

    Raises:
        SourceError: ``cycles.json``, the redesign or the compared round cannot be read.
        KeyError: there is no such cycle.
    """
    cycle = load_cycles(session.folder).cycle(number)
    plan = fair_round(session, cycle)
    rec = RecordedRound(
        plan.level,
        plan.seed,
        plan.players,
        silos=plan.silos,
        assists=plan.assists,
        session=session,
        people=people if people is not None else plan.people,
    )
    if rec.log_path is not None:
        index = next(r["index"] for r in session.rounds if r["log"] == rec.log_path.name)
        update_cycle(session.folder, number, tested_round=index)
    return rec, plan
