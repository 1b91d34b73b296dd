"""Several ticks at once with held commands: what the research environment's decision step
runs (:meth:`~kitchen.sim.round.Round.advance`).

:func:`advance` gives exactly the events and the state that calling
:meth:`Round.step <kitchen.sim.round.Round.step>` once a tick would. It steps tick by tick
whenever anything could happen, and jumps over stretches in which nothing can but chefs
walking straight through open floor (or pushing, motionless, against a counter) and timers
counting: no order due or expiring, no disruption running or due, no pot finishing, warning
or burning, no plate coming back, nobody using a station, nobody near anybody else, no zone
crossed, and the round not ending. tests/test_fast_forward.py holds it to the tick-by-tick
reference on every shipped level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from kitchen.events import Event
from kitchen.sim.actions import Action
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.movement import DIAGONAL, HALF, Chef, turn
from kitchen.sim.spec import UNIT
from kitchen.sim.stations import Station

if TYPE_CHECKING:
    from kitchen.sim.round import Round

MIN_JUMP = 2
"""Shorter quiet stretches are simply stepped."""


def advance(
    rnd: Round, commands: Mapping[int, Command], ticks: int, actions: Iterable[Action] = ()
) -> list[Event]:
    """Play ``ticks`` ticks: on the first, ``commands`` and ``actions`` as given; on the
    rest each chef keeps moving and holding use as commanded, without pressing interact
    again or repeating the call-out.

    Returns:
        The events of those ticks, in order (fewer ticks are played if the round ends).
    """
    if ticks < 1:
        raise ValueError(f"ticks must be at least 1, got {ticks}")
    chefs = rnd.chefs_in_order
    before = [(c.x, c.y) for c in chefs]
    events = rnd.step(commands, actions)
    held = {
        p: Command(move=c.move, use=c.use) if c.interact or c.callout is not None else c
        for p, c in commands.items()
    }
    left = ticks - 1
    still = [(c.x, c.y) == b for c, b in zip(chefs, before, strict=True)]
    while left > 0 and not rnd.finished:
        jump = quiet_ticks(rnd, held, still, left)
        if jump >= MIN_JUMP:
            _jump(rnd, held, still, jump)
            left -= jump
            continue
        before = [(c.x, c.y) for c in chefs]
        events.extend(rnd.step(held))
        left -= 1
        still = [(c.x, c.y) == b for c, b in zip(chefs, before, strict=True)]
    return events


def quiet_ticks(rnd: Round, held: Mapping[int, Command], still: list[bool], limit: int) -> int:
    """How many of the next ticks (at most ``limit``) can be jumped over, given each
    chef's held command and whether the last tick, played with it, left them where they
    were (``still``, in :attr:`Round.chefs_in_order` order). 0 when none can."""
    tick = rnd.tick
    quiet = min(
        limit,
        rnd.round_ticks - tick - 1,
        rnd.disruptions.quiet_until(tick) - tick,
        rnd.orders.quiet_until(tick) - tick,
    )
    if quiet < MIN_JUMP or tick == 0:
        return 0
    for station in rnd.ticking_stations:
        quiet = min(quiet, station.quiet_ticks(rnd))
    if quiet < MIN_JUMP:
        return 0
    speed = rnd.spec.chef_speed
    zones = rnd.silos.zones
    moving: list[tuple[Chef, int]] = []  # present chefs and how far they may go a tick
    for chef, stood in zip(rnd.chefs_in_order, still, strict=True):
        if chef.status == "away":
            continue
        if chef.status != "active":
            moving.append((chef, 0))
            continue
        if chef.blocked_by is not None or (zones and chef.zone != zones.get(chef.cell)):
            return 0
        command = held.get(chef.player, IDLE)
        dx, dy = command.move
        if command.use:
            facing = rnd.facing_station(chef)
            if (dx or dy) or (facing is not None and not _idle_use(facing)):
                return 0
        if (dx or dy) and not stood:
            quiet = min(quiet, _open_run(rnd, chef, dx, dy, speed, bool(zones)))
            moving.append((chef, speed))
        else:
            moving.append((chef, 0))
        if quiet < MIN_JUMP:
            return 0
    for n, (a, reach_a) in enumerate(moving):
        for b, reach_b in moving[n + 1 :]:
            reach = reach_a + reach_b
            if reach:
                gap = max(abs(a.x - b.x), abs(a.y - b.y)) - 2 * HALF
                # +1: the tick that showed a chef stuck must not have met anyone either
                quiet = min(quiet, gap // reach - 1)
    return quiet if quiet >= MIN_JUMP else 0


def _idle_use(station: Station) -> bool:
    """Whether holding use at ``station`` does nothing at all (a plain counter, a crate)."""
    return station.broken is None and type(station).use is Station.use


def _open_run(rnd: Round, chef: Chef, dx: int, dy: int, speed: int, zones: bool) -> int:
    """Ticks the chef can walk in ``(dx, dy)`` meeting no wall, forbidden cell or (with
    zones) new cell: a straight move may cross open cells, a diagonal one no cell edge."""
    if dx and dy:
        step = speed * DIAGONAL // 10000
        run = min(_edge_run(chef.x, dx, step), _edge_run(chef.y, dy, step))
        if zones:
            run = min(run, _centre_run(chef.x, dx, step), _centre_run(chef.y, dy, step))
        return run
    forbidden = rnd.silos.forbidden(chef.player)
    solid = rnd.mover.is_solid

    def blocked(col: int, row: int) -> bool:
        return solid(col, row) or (forbidden is not None and (col, row) in forbidden)

    if dx:
        run = _wall_run(chef.x, chef.y, dx, speed, lambda c, r: blocked(c, r))
        centre = chef.x
        d = dx
    else:
        run = _wall_run(chef.y, chef.x, dy, speed, lambda c, r: blocked(r, c))
        centre = chef.y
        d = dy
    if zones:
        run = min(run, _centre_run(centre, d, speed))
    return run


def _edge_run(pos: int, d: int, step: int) -> int:
    """Ticks before the leading edge at ``pos`` (a centre) enters a new cell."""
    if d > 0:
        edge = pos + HALF - 1
        return ((edge // UNIT + 1) * UNIT - 1 - edge) // step
    edge = pos - HALF
    return (edge - (edge // UNIT) * UNIT) // step


def _centre_run(pos: int, d: int, step: int) -> int:
    """Ticks before the centre at ``pos`` enters a new cell."""
    if d > 0:
        return ((pos // UNIT + 1) * UNIT - 1 - pos) // step
    return (pos - (pos // UNIT) * UNIT) // step


def _wall_run(
    along: int, across: int, d: int, step: int, blocked: Callable[[int, int], bool]
) -> int:
    """Ticks a chef centred at ``along`` on the axis of travel (``across`` on the other)
    walks before its leading edge would enter a blocked line of cells."""
    first, last = (across - HALF) // UNIT, (across + HALF - 1) // UNIT
    edge = along + HALF - 1 if d > 0 else along - HALF
    line = edge // UNIT
    for _ in range(64):  # a map is at most a few dozen cells across
        line += d
        if any(blocked(line, other) for other in range(first, last + 1)):
            break
    if d > 0:
        return (line * UNIT - 1 - edge) // step
    return (edge - (line + 1) * UNIT) // step


def _jump(rnd: Round, held: Mapping[int, Command], still: list[bool], ticks: int) -> None:
    """Play ``ticks`` quiet ticks at once (see :func:`quiet_ticks`)."""
    speed = rnd.spec.chef_speed
    for chef, stood in zip(rnd.chefs_in_order, still, strict=True):
        if chef.status != "active" or stood:
            continue
        dx, dy = held.get(chef.player, IDLE).move
        if dx or dy:
            turn(chef, dx, dy)
            step = speed * DIAGONAL // 10000 if dx and dy else speed
            chef.x += dx * step * ticks
            chef.y += dy * step * ticks
    for station in rnd.ticking_stations:
        station.skip(rnd, ticks)
    rnd.tick += ticks
