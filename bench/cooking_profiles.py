"""Cooking profiles for the lesson bench: teams whose cooking departs from the cooks' own.

``bench/lesson_discrimination.py`` plays every shipped level with the computer cooks
(:class:`kitchen.bots.BotTeam`) for the cooking. Those rounds are the level's baseline, so
no card about the cooking should fire on them, and none of those cards can be shown to fire
*when its behaviour is present*. A cooking profile changes the cooks' play, through the
ordinary commands a person would send, so that a behaviour a card is about really happens:

- ``wasteful``: a chef now and then takes an ingredient from a crate and bins it;
- ``hoarding``: a chef chops onions nobody ordered and leaves them on a counter (prepared
  items put down and never picked up: lost hand-overs);
- ``slow_pickup``: an item another chef put down is picked up only after a wait;
- ``own_area``: on a level with zones and no roles, each chef keeps to the zone it starts
  in (treats it as its department);
- ``roaming``: on the same levels, each chef spends most of the round working in another
  chef's zone, changing zone every few seconds;
- ``freeze``: everyone stops for 20 s after each disruption starts, then carries on (a hard
  hit). Whether the team then bounces back depends on what was on the stoves: when food
  burns, the cooks get back to their pace 60-100 s after the start; when not, service
  pauses 40-45 s and is back at its pace at once, which is ``recovered_well``'s behaviour.
  The profile cannot tell which, so that card is not scored in its rounds (``unsure``);
- ``freeze_long``: after the first disruption, everyone stops until the end (orders
  expire, chefs wait while tickets are open);
- ``hold_pass``: at one disruption, no dish goes to the pass for 45 s while the cooking
  carries on; then the dishes kept back go out and service is at its pace again at once (a
  real pause, longer than the level's cooks ever had, and a quick return: the behaviour of
  ``recovered_well``). The hold comes at the first disruption from 30 s on with two dishes
  served and no other disruption in the minute before it; a round with no such disruption
  does not show the behaviour (:attr:`CookingProfile.shown`);
- ``corridor_blocker``: a chef keeps stopping in the middle of a narrow passage;
- ``ignore_allergy``: the team reads allergy tickets as ordinary ones (the allergen is
  served: a never event).

Each :class:`CookingProfile` names the cards whose behaviour it shows (``cards``), the cards
whose behaviour it may or may not show (``unsure``: not scored in its rounds) and the
levels where the level lets the behaviour show (``applies``); ``start`` gives the round's
:class:`Perturbation`, which turns the cooks' planned commands into the commands sent, and
``shown`` says, after the round, whether the perturbation really did what the cards are
about (a profile waiting for an occasion may not get one).
``python bench/cooking_check.py`` plays them and prints the metrics against the baseline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kitchen.bots import quirks
from kitchen.bots.habits import chokepoints
from kitchen.bots.navigation import LiveMap
from kitchen.bots.quirks import Quirk
from kitchen.content import Level
from kitchen.debrief.baselines import find_baseline
from kitchen.sim.round import Round
from kitchen.sim.spec import TICKS_PER_SECOND, Tile

S = TICKS_PER_SECOND

Perturbation = Quirk
"""How a profile changes one round's cooking: ``commands(tick, planned)`` turns the computer
cooks' planned commands for a tick into the commands sent (:class:`kitchen.bots.quirks.Quirk`)."""

Maker = Callable[[Any, Level, list[int], int], Perturbation]


@dataclass(frozen=True)
class CookingProfile:
    """A way of cooking that shows the behaviour of ``cards``."""

    name: str
    cards: frozenset[str]
    summary: str
    test: Callable[[Level], bool]
    make: Maker
    did: Callable[[Perturbation], bool] | None = None
    unsure: frozenset[str] = frozenset()

    def applies(self, level: Level) -> bool:
        """Whether the behaviour can be shown on ``level``."""
        return self.test(level)

    def start(self, rec_round: Any, level: Level, players: list[int], seed: int) -> Perturbation:
        """The perturbation for one round (``rec_round``: a RecordedRound, not yet stepped)."""
        return self.make(rec_round, level, players, seed)

    def shown(self, perturbation: Perturbation) -> bool:
        """Whether the round's ``perturbation``, played, showed the behaviour of ``cards``."""
        return self.did is None or self.did(perturbation)


# --- where each behaviour can show -------------------------------------------------------


def _useless_chopped(level: Level) -> str | None:
    """A crate's ingredient that can be chopped but that no recipe of the level wants
    chopped (a chopped one is of use to nobody), if any; only on levels with a board."""
    spec = level.spec
    if not any(s.kind == "board" for s in spec.stations.values()):
        return None
    wanted = {key for r in spec.recipes.values() for key in (*r.cook, *r.plate)}
    for tile in sorted(spec.stations):
        name = spec.stations[tile].ingredient
        ing = spec.ingredients.get(name or "")
        if name and ing is not None and ing.choppable and f"{name}:chopped" not in wanted:
            return name
    return None


def _passages(level: Level) -> list[Tile]:
    """The level's narrow passages (cells whose loss splits the kitchen)."""
    return chokepoints(LiveMap(Round(level.spec)))


def _open_plan(level: Level) -> bool:
    """No zones and no narrow passage: a chef's errand to the bin crosses no boundary."""
    return not level.spec.zones and not _passages(level)


def _zones_without_roles(level: Level) -> bool:
    """Zones that nobody is tied to: where the team itself decides who stays where."""
    spec = level.spec
    return len(set(spec.zones.values())) >= 2 and not spec.roles


def _disrupted(level: Level) -> bool:
    """A disruption starts (scheduled or at random) while the round is under way, with a
    minute of service before it to compare with."""
    return any((d.at is not None and d.at >= 45 * S) or d.chance for d in level.spec.disruptions)


def _disrupted_early(level: Level) -> bool:
    """A disruption may start from 30 s on (scheduled, or at random): with two 15 s bins of
    service before it, the first that can be measured against the round's own variation."""
    return any((d.at is not None and d.at >= 30 * S) or d.chance for d in level.spec.disruptions)


def _stops_after_service(level: Level) -> bool:
    """:func:`_stoppable`, and the first disruption from 30 s on is scheduled at 40 s or
    later: the cooks have served before it, so stopping there is a measurable drop (on
    level 4 the stove fails at 35 s, before the first dish, and the drop is not measurable)."""
    starts = sorted(d.at for d in level.spec.disruptions if d.at is not None and d.at >= 30 * S)
    return _stoppable(level) and bool(starts) and starts[0] >= 40 * S


def _allergy_tickets(level: Level) -> bool:
    """A special-requirement ticket is scheduled."""
    return any(d.kind == "special_order" and d.at is not None for d in level.spec.disruptions)


def _handovers(level: Level) -> bool:
    """The level's computer cooks pass items to each other often enough (at least 4
    hand-offs in the median round) that a round has the card's 3 to judge by, and their
    mean wait stays under 15 s, so a 20 s wait before each pick-up departs from it."""
    count, delay = (
        _baseline(level, "coordination.handoffs"),
        _baseline(level, "coordination.handoff_delay_mean_s"),
    )
    return count is not None and delay is not None and count.median >= 4 and delay.high <= 15


def _baseline(level: Level, metric: str) -> Any:
    """The level's baseline for ``metric`` (median, low, high), or ``None``."""
    baseline = find_baseline(level.text, level.source_name)
    return baseline.metrics.get(metric) if baseline else None


def _stoppable(level: Level) -> bool:
    """A disruption comes with service to compare with (:func:`_disrupted`), and the cooks'
    own largest drop after one is small enough (at most 2 dishes a minute) that a team
    stopping altogether is a harder hit than the level's (it can only drop by what it was
    serving, about 3 a minute)."""
    drop = _baseline(level, "resilience.max_drop")
    return _disrupted(level) and drop is not None and drop.high <= 2


# --- the profiles ------------------------------------------------------------------------------


def _wasteful(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.Chores(rec.round, players, seed, 18 * S, 15 * S, quirks.waste_plan)


def _hoarding(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    name = _useless_chopped(level)
    assert name is not None
    return quirks.Chores(rec.round, players, seed, 30 * S, 12 * S, quirks.hoard_plan(name))


def _slow_pickup(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.SlowPickup(rec.round, 20 * S)


def _own_area(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    homes = quirks.home_zones(rec.round)
    first = sorted(set(level.spec.zones.values()))[0]
    return quirks.Departments(rec.round, lambda p, t: homes.get(p, first))


def _roaming(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.Departments(rec.round, quirks.roaming_zone(rec.round, 0.3, 30 * S))


def _freeze(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.Freeze(rec.round, 20 * S)


def _freeze_long(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.Freeze(rec.round, None, after=30 * S)


def _hold_pass(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.HoldPass(rec.round, 45 * S, after=30 * S, clear=60 * S)


def _held(perturbation: Perturbation) -> bool:
    return bool(getattr(perturbation, "starts", ()))


def _blocker(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.CorridorBlocker(rec.round, players, seed, park=12 * S, every=24 * S)


def _ignore_allergy(rec: Any, level: Level, players: list[int], seed: int) -> Perturbation:
    return quirks.IgnoreRequirements(rec.round)


def _profile(
    name: str,
    cards: set[str],
    summary: str,
    test: Callable[[Level], bool],
    make: Maker,
    did: Callable[[Perturbation], bool] | None = None,
    unsure: frozenset[str] = frozenset(),
) -> CookingProfile:
    return CookingProfile(name, frozenset(cards), summary, test, make, did, unsure)


COOKING_PROFILES: tuple[CookingProfile, ...] = (
    _profile(
        "wasteful",
        {"waste_and_rework"},
        "a chef takes an ingredient from a crate and bins it, every 18 s",
        _open_plan,
        _wasteful,
    ),
    _profile(
        "hoarding",
        {"lost_handovers"},
        "a chef chops an ingredient no recipe wants chopped and leaves it on a counter, every 30 s",
        lambda level: _useless_chopped(level) is not None,
        _hoarding,
    ),
    _profile(
        "slow_pickup",
        {"slow_handovers"},
        "an item another chef put down is picked up only after 20 s on the counter",
        _handovers,
        _slow_pickup,
    ),
    _profile(
        "own_area",
        # Not waiting_around: with the cooks' stalls fixed (bots/handoffs.clear_pass), chefs
        # keeping to their own area on level 7 stand idle no more than the cooks do; when they
        # do, the outcome counts as present beyond the baseline (lesson_discrimination.py).
        {"stayed_in_silos"},
        "each chef keeps to the zone it starts in, on a level whose zones bind nobody",
        _zones_without_roles,
        _own_area,
    ),
    _profile(
        "roaming",
        {"crossed_boundaries"},
        "each chef works 30% of every 30 s in its own zone and the rest in the next one",
        _zones_without_roles,
        _roaming,
    ),
    _profile(
        "freeze",
        {"disruption_hit_hard"},
        "everyone stops for 20 s after each disruption starts, then carries on",
        _stoppable,
        _freeze,
        unsure=frozenset({"recovered_well"}),
    ),
    _profile(
        "freeze_long",
        {"disruption_hit_hard", "patients_waiting", "waiting_around"},
        "everyone stops from the first disruption (30 s or later) until the end",
        _stops_after_service,
        _freeze_long,
    ),
    _profile(
        "hold_pass",
        {"recovered_well"},
        "at one disruption no dish goes to the pass for 45 s, then service goes on as usual",
        _disrupted_early,
        _hold_pass,
        _held,
    ),
    _profile(
        "corridor_blocker",
        {"bottleneck_blocking"},
        "a chef stands 12 s in the middle of the narrow passage, every 24 s",
        lambda level: bool(_passages(level)) and not level.spec.roles,
        _blocker,
    ),
    _profile(
        "ignore_allergy",
        {"never_event"},
        "the team reads allergy tickets as ordinary ones and serves the allergen",
        _allergy_tickets,
        _ignore_allergy,
    ),
)
"""Every cooking profile, in the order the bench plays them."""
