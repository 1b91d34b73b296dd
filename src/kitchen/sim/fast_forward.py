"""Several ticks at once with held commands: what the research environment's decision step
runs (:func:`advance`).

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

MIN_JUMP = 1
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
    events: list[Event] = []
    left = ticks
    first: Mapping[int, Command] | None = commands  # call-outs still to make
    if actions or any(c.interact for c in commands.values()):
        events = rnd.step(commands, actions)
        left -= 1
        first = None
    held = {
        p: Command(move=c.move, use=c.use) if c.interact or c.callout is not None else c
        for p, c in commands.items()
    }
    until = world_quiet_until(rnd)
    while left > 0 and not rnd.finished:
        jump, walks = quiet_ticks(rnd, held, min(left, until - rnd.tick))
        if jump >= MIN_JUMP:
            if first is not None:
                _call_outs(rnd, first, events)
            _jump(rnd, walks, jump)
            left -= jump
        else:
            events.extend(rnd.step(held if first is None else first))
            left -= 1
            until = world_quiet_until(rnd)
        first = None
    return events


def _call_outs(rnd: Round, commands: Mapping[int, Command], events: list[Event]) -> None:
    """The call-outs of a jumped tick (in a quiet tick they are its only events)."""
    for chef in rnd.chefs_in_order:
        command = commands.get(chef.player)
        if command is not None and command.callout is not None:
            rnd.calls.call(rnd.tick, chef.player, command.callout, events)


def world_quiet_until(rnd: Round) -> int:
    """The first tick at which anything but the chefs may change: an order, a disruption,
    a ticking station, the round's end."""
    tick = rnd.tick
    until = min(
        rnd.round_ticks - 1, rnd.disruptions.quiet_until(tick), rnd.orders.quiet_until(tick)
    )
    for station in rnd.ticking_stations:
        until = min(until, tick + station.quiet_ticks(rnd))
    return until if tick else 0


Walk = tuple[Chef, int, int, int, int]
"""A chef holding a move during a jump: ``(chef, dx, dy, vx, vy)``, the velocity in units a
tick (zero for a chef pushing against a counter)."""


def quiet_ticks(rnd: Round, held: Mapping[int, Command], limit: int) -> tuple[int, list[Walk]]:
    """How many of the next ticks (at most ``limit``, which the caller keeps within
    :func:`world_quiet_until`) can be jumped over with each chef holding their command, and
    how each chef walks meanwhile; ``(0, [])`` when none can."""
    quiet = limit
    if quiet < MIN_JUMP:
        return 0, []
    speed = rnd.spec.chef_speed
    zones = rnd.silos.zones
    walks: list[Walk] = []
    # every chef on the map: velocity, then how far it tries to go a tick on each axis
    present: list[tuple[Chef, int, int, int, int]] = []
    for chef in rnd.chefs_in_order:
        if chef.status == "away":
            continue
        if chef.status != "active":
            present.append((chef, 0, 0, 0, 0))
            continue
        if zones and chef.zone != zones.get(chef.cell):
            return 0, []
        command = held.get(chef.player, IDLE)
        dx, dy = command.move
        if command.use:
            facing = rnd.facing_station(chef)
            if (dx or dy) or (facing is not None and not _idle_use(facing)):
                return 0, []
        if not (dx or dy):
            if chef.blocked_by is not None:
                return 0, []  # standing still ends the block: an event
            present.append((chef, 0, 0, 0, 0))
            continue
        walk = _walk(rnd, chef, dx, dy, speed, bool(zones)) if chef.blocked_by is None else None
        if walk is not None:
            run, vx, vy = walk
            quiet = min(quiet, run)
            walks.append((chef, dx, dy, vx, vy))
        elif _pushing(rnd, chef, dx, dy, speed):
            walks.append((chef, dx, dy, 0, 0))
        else:
            return 0, []
        if quiet < MIN_JUMP:
            return 0, []
        vx, vy = walks[-1][3], walks[-1][4]
        present.append((chef, vx, vy, abs(dx) * speed, abs(dy) * speed))
    for n, (a, ax, ay, atx, aty) in enumerate(present):
        for b, bx, by, btx, bty in present[n + 1 :]:
            if ax or ay or bx or by:
                apart_x = _apart(b.x - a.x, bx - ax, atx + btx, quiet)
                apart_y = _apart(b.y - a.y, by - ay, aty + bty, quiet)
                quiet = min(quiet, max(apart_x, apart_y))
    return (quiet, walks) if quiet >= MIN_JUMP else (0, [])


def _apart(gap: int, closing: int, slack: int, cap: int) -> int:
    """Ticks (at most ``cap``) two chefs ``gap`` apart on one axis, the gap changing by
    ``closing`` a tick, stay apart on it by more than their reach in a tick (``slack``),
    so no half-done move of either can touch the other."""
    room = abs(gap) - 2 * HALF - slack
    if room < 0:
        return 0
    if closing == 0 or (closing > 0) == (gap > 0):
        return cap
    return min(cap, room // abs(closing))


def _pushing(rnd: Round, chef: Chef, dx: int, dy: int, speed: int) -> bool:
    """Whether the chef would not move at all holding ``(dx, dy)``, stopped by the same
    chef as now (or by nobody): it pushes against a counter or a teammate and, while they
    stay put, keeps doing so tick after tick."""
    ghost = Chef(chef.player, chef.x, chef.y, chef.facing)
    present = [c for c in rnd.chefs_in_order if c.status != "away" and c is not chef]
    blocker = rnd.mover.move(ghost, dx, dy, speed, present, rnd.silos.forbidden(chef.player))
    return blocker == chef.blocked_by and (ghost.x, ghost.y, ghost.facing) == (
        chef.x,
        chef.y,
        chef.facing,
    )


def _idle_use(station: Station) -> bool:
    """Whether holding use at ``station`` does nothing at all (a plain counter, a crate)."""
    return station.broken is None and type(station).use is Station.use


def _walk(
    rnd: Round, chef: Chef, dx: int, dy: int, speed: int, zones: bool
) -> tuple[int, int, int] | None:
    """``(ticks, vx, vy)``: how long and how fast the chef walks freely (or, on a diagonal,
    slides along a counter it is flush against); ``None`` when it cannot for two ticks."""
    if dx and dy:
        step = speed * DIAGONAL // 10000
        run = _open_run(rnd, chef, dx, dy, speed, zones)
        if run >= MIN_JUMP:
            return run, dx * step, dy * step
        slide = _slide(rnd, chef, dx, dy, step, zones)
        return slide if slide is not None and slide[0] >= MIN_JUMP else None
    run = _open_run(rnd, chef, dx, dy, speed, zones)
    return (run, dx * speed, dy * speed) if run >= MIN_JUMP else None


def _slide(
    rnd: Round, chef: Chef, dx: int, dy: int, step: int, zones: bool
) -> tuple[int, int, int] | None:
    """A diagonal walk flush against a counter on one axis: that axis stays put while the
    other moves, for as long as every row (column) the chef touches is blocked ahead."""
    blocked = _blocked_test(rnd, chef)
    if _flush(chef.x, dx) is not None:
        ahead = _flush(chef.x, dx)
        assert ahead is not None
        run = _slide_run(chef.y, chef.x, dy, step, ahead, lambda a, b: blocked(b, a))
        if zones:
            run = min(run, _centre_run(chef.y, dy, step))
        return run, 0, dy * step
    ahead = _flush(chef.y, dy)
    if ahead is None:
        return None
    run = _slide_run(chef.x, chef.y, dx, step, ahead, blocked)
    if zones:
        run = min(run, _centre_run(chef.x, dx, step))
    return run, dx * step, 0


def _flush(pos: int, d: int) -> int | None:
    """The line of cells just ahead when the chef's edge is flush with a cell border."""
    if d > 0 and (pos + HALF) % UNIT == 0:
        return (pos + HALF) // UNIT
    if d < 0 and (pos - HALF) % UNIT == 0:
        return (pos - HALF) // UNIT - 1
    return None


def _slide_run(
    along: int, across: int, d: int, step: int, ahead: int, blocked: Callable[[int, int], bool]
) -> int:
    """Ticks a chef at ``along`` slides (``blocked(line_along, line_across)``) with every
    line it touches blocked at ``ahead`` across, and none blocked in its own way."""
    first, last = (across - HALF) // UNIT, (across + HALF - 1) // UNIT
    low, high = (along - HALF) // UNIT, (along + HALF - 1) // UNIT
    if not all(blocked(line, ahead) for line in range(low, high + 1)):
        return 0
    edge = along + HALF - 1 if d > 0 else along - HALF
    line = edge // UNIT
    for _ in range(64):
        line += d
        if not blocked(line, ahead) or any(blocked(line, o) for o in range(first, last + 1)):
            break
    if d > 0:
        return (line * UNIT - 1 - edge) // step
    return (edge - (line + 1) * UNIT) // step


def _blocked_test(rnd: Round, chef: Chef) -> Callable[[int, int], bool]:
    """``blocked(col, row)`` for this chef: solid, or outside the chef's zones."""
    forbidden = rnd.silos.forbidden(chef.player)
    solid = rnd.mover.is_solid

    def blocked(col: int, row: int) -> bool:
        return solid(col, row) or (forbidden is not None and (col, row) in forbidden)

    return blocked


def _open_run(rnd: Round, chef: Chef, dx: int, dy: int, speed: int, zones: bool) -> int:
    """Ticks the chef can walk in ``(dx, dy)`` meeting no wall, forbidden cell or (with
    zones) new cell: a straight move may cross open cells, a diagonal one no cell edge."""
    if dx and dy:
        step = speed * DIAGONAL // 10000
        run = min(_edge_run(chef.x, dx, step), _edge_run(chef.y, dy, step))
        if zones:
            run = min(run, _centre_run(chef.x, dx, step), _centre_run(chef.y, dy, step))
        return run
    blocked = _blocked_test(rnd, chef)
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


def _jump(rnd: Round, walks: list[Walk], ticks: int) -> None:
    """Play ``ticks`` quiet ticks at once (see :func:`quiet_ticks`)."""
    for chef, dx, dy, vx, vy in walks:
        turn(chef, dx, dy)
        chef.x += vx * ticks
        chef.y += vy * ticks
    for station in rnd.ticking_stations:
        station.skip(rnd, ticks)
    rnd.tick += ticks
