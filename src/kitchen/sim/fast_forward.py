"""Several ticks at once with held commands: what the research environment's decision step
runs (:func:`advance`).

:func:`advance` gives exactly the events and the state that calling
:meth:`Round.step <kitchen.sim.round.Round.step>` once a tick would. Whenever the world is
quiet (no order due or expiring, no disruption running or due, no pot finishing, warning
or burning, no plate coming back, nobody working a station, the round not ending) it
jumps over the ticks in which each chef moves by the same amount every tick: walking
through open floor, across cell edges that block nothing, sliding along a counter or a
teammate it is flush against, or pushing, motionless, against one; so long as nobody comes
within reach of anybody else and no zone is crossed. A quiet tick that is not like that
(a chef reaching a counter or a teammate) only moves the chefs; when such a tick changes
nothing, the rest of the quiet stretch repeats it and is jumped too. Anything else is
stepped. tests/test_fast_forward.py holds it to the tick-by-tick reference on every
shipped level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from kitchen.events import Event
from kitchen.sim.actions import Action
from kitchen.sim.commands import IDLE, Command
from kitchen.sim.movement import DIAGONAL, GRID_MARGIN, HALF, Chef, turn
from kitchen.sim.spec import UNIT
from kitchen.sim.stations import Station

if TYPE_CHECKING:
    from kitchen.sim.round import Round

MIN_JUMP = 1
"""Shorter quiet stretches are simply stepped."""

FOREVER = 1 << 62
WIDTH = 2 * HALF
"""A chef's width: two chefs closer than this on both axes would overlap."""
M = GRID_MARGIN


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
    held = commands
    for c in commands.values():
        if c.interact or c.callout is not None:
            held = {
                p: _held(c) if c.interact or c.callout is not None else c
                for p, c in commands.items()
            }
            if actions or c.interact or any(c.interact for c in commands.values()):
                events = rnd.step(commands, actions)
                left -= 1
                first = None
            break
    else:
        if actions:
            events = rnd.step(commands, actions)
            left -= 1
            first = None
    memo = rnd.quiet_memo
    until = memo[1] if memo[0] == rnd.tick and left == ticks else world_quiet_until(rnd)
    while left > 0 and not rnd.finished:
        window = min(left, until - rnd.tick)
        if window >= MIN_JUMP:
            jump, walks = quiet_ticks(rnd, held, window)
            if jump:
                if first is not None:
                    _call_outs(rnd, first, events)
                    first = None
                _jump(rnd, walks, jump)
                left -= jump
                continue
            if _hands_idle(rnd, held):
                # a quiet tick only the chefs' moves make busy: play just those
                before = _chef_states(rnd) if first is None else None
                count = len(events)
                rnd.move_chefs(held if first is None else first, events)
                _jump(rnd, [], 1)
                first = None
                left -= 1
                if (
                    before is not None
                    and left
                    and len(events) == count
                    and _chef_states(rnd) == before
                ):
                    # it changed nothing: so will every quiet tick after it
                    rest = min(left, until - rnd.tick)
                    _jump(rnd, [], rest)
                    left -= rest
                continue
        events.extend(rnd.step(held if first is None else first))
        first = None
        left -= 1
        until = world_quiet_until(rnd)
    rnd.quiet_memo = (rnd.tick, until)
    return events


_HELD: dict[tuple[tuple[int, int], bool], Command] = {}


def _held(command: Command) -> Command:
    """What a chef keeps doing after the first tick of ``command``: its move and use."""
    key = (command.move, command.use)
    held = _HELD.get(key)
    if held is None:
        held = _HELD[key] = Command(move=command.move, use=command.use)
    return held


def _chef_states(rnd: Round) -> list[tuple[int, int, tuple[int, int], int | None]]:
    return [(c.x, c.y, c.facing, c.blocked_by) for c in rnd.chefs_in_order]


def _hands_idle(rnd: Round, held: Mapping[int, Command]) -> bool:
    """Whether no chef holding use works a station by it (which changes the station), nor
    walks on holding it (it may come to face one)."""
    for player, command in held.items():
        if command.use:
            chef = rnd.chefs.get(player)
            if chef is None or chef.status != "active":
                continue
            if command.move != (0, 0):
                return False
            facing = rnd.stations.get(chef.target)
            if facing is not None and not _idle_use(facing):
                return False
    return True


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
    if not tick:
        return 0
    until = min(
        rnd.round_ticks - 1, rnd.disruptions.quiet_until(tick), rnd.orders.quiet_until(tick)
    )
    for station in rnd.ticking_stations:
        quiet = station.quiet_ticks(rnd)
        if tick + quiet < until:
            until = tick + quiet
    return until


Walk = tuple[Chef, int, int, int, int, int, int]
"""A chef holding a move during a jump: ``(chef, dx, dy, vx, vy, limit_x, limit_y)``, the
velocity in units a tick (zero on an axis where the chef pushes against a counter or a
teammate) and how far at most it goes on each axis (it stops against a counter)."""

Lean = tuple[Chef, int, Chef]
"""``(chef, axis, teammate)``: the chef pushes on ``axis`` (0 for x, 1 for y) against a
teammate flush in its way, which stops it there each tick."""


def quiet_ticks(rnd: Round, held: Mapping[int, Command], limit: int) -> tuple[int, list[Walk]]:
    """How many of the next ticks (at most ``limit``, which the caller keeps within
    :func:`world_quiet_until`) can be jumped over with each chef holding their command, and
    how each chef walks meanwhile; ``(0, [])`` when none can."""
    quiet = limit
    if quiet < MIN_JUMP:
        return 0, []
    zones = rnd.silos.zones
    walls = rnd.silos.walls
    mover = rnd.mover
    stride = mover.grid_stride
    speed = rnd.spec.chef_speed
    present = [c for c in rnd.chefs_in_order if c.status != "away"]
    walks: list[Walk] = []
    # each chef on the map: its velocity, how far it tries to go a tick, and whether it may
    # stop against a counter meanwhile, per axis
    motion: list[tuple[Chef, int, int, int, int, bool, bool]] = []
    leans: list[Lean] = []
    for chef in present:
        if chef.status != "active":
            motion.append((chef, 0, 0, 0, 0, False, False))
            continue
        if zones and chef.zone != zones.get(chef.cell):
            return 0, []
        command = held.get(chef.player, IDLE)
        dx, dy = command.move
        if command.use:
            if dx or dy:
                return 0, []
            facing = rnd.stations.get(chef.target)
            if facing is not None and not _idle_use(facing):
                return 0, []
        if not (dx or dy):
            if chef.blocked_by is not None:
                return 0, []  # standing still ends the block: an event
            motion.append((chef, 0, 0, 0, 0, False, False))
            continue
        grid = mover.blocked_grid(walls.get(chef.player))
        if dx and dy:
            tries = speed * DIAGONAL // 10000
            run, vx, vy, lx, ly, lean = _glide_diagonal(
                grid, stride, chef, dx, dy, tries, bool(zones), present, quiet
            )
        else:
            tries = speed
            run, vx, vy, lx, ly, lean = _glide_straight(
                grid, stride, chef, dx, dy, speed, bool(zones), present
            )
        if run < quiet:
            if run < MIN_JUMP:
                return 0, []
            quiet = run
        if (lean[0][2].player if lean else None) != chef.blocked_by:
            return 0, []  # a block starting or ending: an event
        walks.append((chef, dx, dy, vx, vy, lx, ly))
        motion.append((chef, vx, vy, dx * tries, dy * tries, lx < FOREVER, ly < FOREVER))
        if lean:
            leans.extend(lean)
    if not walks:
        return quiet, walks
    pairs: set[tuple[int, int]] = set()
    if leans:
        velocity = {c.player: (vx, vy) for c, vx, vy, _, _, _, _ in motion}
        stops = {c.player: (sx, sy) for c, _, _, _, _, sx, sy in motion}
        for a, axis, b in leans:
            va, vb = velocity[a.player], velocity[b.player]
            if vb[axis]:
                return 0, []
            other = 1 - axis
            gap = (b.y - a.y) if axis == 0 else (b.x - a.x)
            slack = abs(va[other]) + abs(vb[other])
            a_stops, b_stops = stops[a.player][other], stops[b.player][other]
            for closing in _closings(va[other], a_stops, vb[other], b_stops):
                quiet = _touching(gap, closing, slack, quiet)
            if quiet < MIN_JUMP:
                return 0, []
            pairs.add((a.player, b.player))
            pairs.add((b.player, a.player))
    for n, (a, ax, ay, arx, ary, asx, asy) in enumerate(motion):
        for b, bx, by, brx, bry, bsx, bsy in motion[n + 1 :]:
            if not (arx or ary or brx or bry) or (a.player, b.player) in pairs:
                continue
            gap = b.x - a.x
            if abs(gap) - WIDTH - abs(arx) - abs(brx) >= (abs(ax) + abs(bx)) * quiet:
                continue  # far apart on x all along
            gap_y = b.y - a.y
            if abs(gap_y) - WIDTH - abs(ary) - abs(bry) >= (abs(ay) + abs(by)) * quiet:
                continue
            slack = _toward(arx, gap) + _toward(-brx, gap)
            apart = quiet
            for closing in _closings(ax, asx, bx, bsx):
                apart = _apart(gap, closing, slack, apart)
            if apart < quiet:
                gap = b.y - a.y
                slack = _toward(ary, gap) + _toward(-bry, gap)
                apart_y = quiet
                for closing in _closings(ay, asy, by, bsy):
                    apart_y = _apart(gap, closing, slack, apart_y)
                apart = max(apart, apart_y)
                if apart < MIN_JUMP:
                    return 0, []
                quiet = apart
    return quiet, walks


def _closings(va: int, a_stops: bool, vb: int, b_stops: bool) -> tuple[int, ...]:
    """How fast the gap between two chefs may change on an axis, each moving at ``va``
    (``vb``) until, if it ``stops``, a counter stops it."""
    if not (a_stops or b_stops):
        return (vb - va,)
    if a_stops and b_stops:
        return (vb - va, vb, -va)
    return (vb - va, vb) if a_stops else (vb - va, -va)


def _toward(tries: int, gap: int) -> int:
    """How far a chef trying to go ``tries`` a tick reaches toward a teammate ``gap`` ahead
    (the mover only stops a chef walking toward another)."""
    if tries > 0:
        return tries if gap >= 0 else 0
    if tries < 0:
        return -tries if gap <= 0 else 0
    return 0


def _apart(gap: int, closing: int, slack: int, cap: int) -> int:
    """Ticks (at most ``cap``) two chefs ``gap`` apart on one axis, the gap changing by
    ``closing`` a tick, stay apart on it by more than their reach toward each other in a
    tick (``slack``), so no half-done move of either can touch the other."""
    room = abs(gap) - WIDTH - slack
    if room < 0:
        return 0
    if closing == 0 or (closing > 0) == (gap > 0):
        return cap
    return min(cap, room // abs(closing) + 1)


def _touching(gap: int, closing: int, slack: int, cap: int) -> int:
    """Ticks (at most ``cap``) two chefs ``gap`` apart across the axis one pushes the other
    on stay overlapping across it (closer than a chef's width, with ``slack`` to spare for
    moves within a tick), the gap changing by ``closing`` a tick."""
    allow = WIDTH - 1 - slack
    if abs(gap) > allow:
        return 0
    if closing > 0:
        return min(cap, (allow - gap) // closing + 1)
    if closing < 0:
        return min(cap, (gap + allow) // -closing + 1)
    return cap


def _idle_use(station: Station) -> bool:
    """Whether holding use at ``station`` does nothing at all (a plain counter, a crate)."""
    return station.broken is None and type(station).use is Station.use


def _leaning_on(chef: Chef, present: list[Chef], axis: int, d: int) -> list[Lean]:
    """The first teammate (in moving order) flush in the chef's way on ``axis``: the one
    the mover stops it against (as a one-item list; empty when there is none)."""
    for other in present:
        if other is chef:
            continue
        if axis == 0:
            if abs(other.y - chef.y) < WIDTH and (other.x - chef.x) * d == WIDTH:
                return [(chef, 0, other)]
        elif abs(other.x - chef.x) < WIDTH and (other.y - chef.y) * d == WIDTH:
            return [(chef, 1, other)]
    return []


def _glide_straight(
    grid: list[bool],
    stride: int,
    chef: Chef,
    dx: int,
    dy: int,
    speed: int,
    zones: bool,
    present: list[Chef],
) -> tuple[int, int, int, int, int, list[Lean]]:
    """``(ticks, vx, vy, limit_x, limit_y, leans)`` for a chef walking straight: for how
    many ticks :meth:`Mover.move <kitchen.sim.movement.Mover.move>` moves it by exactly
    ``(vx, vy)`` each, but no further than ``limit_x`` (``limit_y``) in all, where it is
    clamped against a counter (the caller checks that no other teammate comes within
    reach); 0 when the next tick is not like that (the corner assist nudges it)."""
    if dx:
        along, across, d, axis = chef.x, chef.y, dx, 0
        first = ((across - HALF) // UNIT + M) * stride + M
        last = ((across + HALF - 1) // UNIT + M) * stride + M
        step = 1
    else:
        along, across, d, axis = chef.y, chef.x, dy, 1
        first = (across - HALF) // UNIT + M + M * stride
        last = (across + HALF - 1) // UNIT + M + M * stride
        step = stride
    edge = along + HALF - 1 if d > 0 else along - HALF
    line = edge // UNIT + d
    while not (grid[first + line * step] or grid[last + line * step]):
        line += d
    if d > 0:
        run = (line * UNIT - 1 - edge) // speed
        flush = line * UNIT - 1 == edge
    else:
        run = (edge - (line + 1) * UNIT) // speed
        flush = (line + 1) * UNIT == edge
    if flush:
        # pushing at a counter: still, unless the corner assist nudges it along
        if dx:
            cell = (chef.y // UNIT + M) * stride + (chef.x + dx * (HALF + 1)) // UNIT + M
        else:
            cell = ((chef.y + dy * (HALF + 1)) // UNIT + M) * stride + chef.x // UNIT + M
        return (FOREVER if grid[cell] else 0), 0, 0, 0, 0, []
    lean = _leaning_on(chef, present, axis, d)
    if lean:  # held by the teammate (a counter just ahead would make it nudge)
        return (FOREVER if run else 0), 0, 0, 0, 0, lean
    if zones:
        run = min(run, _cell_run(along, d, speed))
        return run, dx * speed, dy * speed, FOREVER, FOREVER, []
    # after ``run`` ticks it is clamped flush against the counter: then it stays, unless
    # the corner assist nudges it
    stop = line * UNIT - HALF if d > 0 else (line + 1) * UNIT + HALF
    if dx:
        cell = (chef.y // UNIT + M) * stride + line + M
    else:
        cell = (line + M) * stride + chef.x // UNIT + M
    if not grid[cell]:
        return run, dx * speed, dy * speed, FOREVER, FOREVER, []
    limit = abs(stop - along)
    return FOREVER, dx * speed, dy * speed, limit, limit, []


def _glide_diagonal(
    grid: list[bool],
    stride: int,
    chef: Chef,
    dx: int,
    dy: int,
    step: int,
    zones: bool,
    present: list[Chef],
    cap: int,
) -> tuple[int, int, int, int, int, list[Lean]]:
    """``(ticks, vx, vy, limit_x, limit_y, leans)`` like :func:`_glide_straight` for a
    chef walking diagonally (ticks at most ``cap``). The mover moves x, then y: each may enter a new
    line of cells if nothing blocks it there. An axis flush against a counter (or a
    teammate) ahead stays put while what it touches on the other axis stays blocked."""
    x, y = chef.x, chef.y

    def rows_blocked(col: int, at_y: int) -> bool:
        c = col + M
        return (
            grid[((at_y - HALF) // UNIT + M) * stride + c]
            or grid[((at_y + HALF - 1) // UNIT + M) * stride + c]
        )

    def cols_blocked(row: int, at_x: int) -> bool:
        r = (row + M) * stride + M
        return grid[r + (at_x - HALF) // UNIT] or grid[r + (at_x + HALF - 1) // UNIT]

    ahead_x = _flush(x, dx)
    hold_x = ahead_x is not None and rows_blocked(ahead_x, y)
    ahead_y = _flush(y, dy)
    hold_y = ahead_y is not None and cols_blocked(ahead_y, x)
    leans: list[Lean] = []
    lean_x = lean_y = False
    for other in present:  # a teammate flush in the way, as in _leaning_on
        if other is chef:
            continue
        gx, gy = other.x - x, other.y - y
        if -WIDTH < gx < WIDTH or -WIDTH < gy < WIDTH:
            if not hold_x and not lean_x and -WIDTH < gy < WIDTH and gx * dx == WIDTH:
                lean_x = True
                leans.insert(0, (chef, 0, other))
            if not hold_y and not lean_y and -WIDTH < gx < WIDTH and gy * dy == WIDTH:
                lean_y = True
                leans.append((chef, 1, other))
    if (hold_x or lean_x) and (hold_y or lean_y):
        return FOREVER, 0, 0, FOREVER, FOREVER, leans
    vx = 0 if hold_x or lean_x else dx * step
    vy = 0 if hold_y or lean_y else dy * step
    # Play the cell edges the moving point(s) cross, one by one. An axis that reaches a
    # counter is clamped flush against it and held from then on: it moved ``limit_x``
    # (``limit_y``) in all.
    limit_x = limit_y = FOREVER
    cvx, cvy = vx, vy  # velocities now
    t, xt, yt = 0, x, y
    # the units of the edges the mover checks (leading) and of the rear ones, per axis
    lead_dx, rear_dx = (HALF - 1, -HALF) if dx > 0 else (-HALF, HALF - 1)
    lead_dy, rear_dy = (HALF - 1, -HALF) if dy > 0 else (-HALF, HALF - 1)
    while True:
        # ticks until each point enters a new cell: (UNIT - 1 - p % UNIT) // step + 1
        # moving forward, (p % UNIT) // step + 1 moving back
        if cvx:
            p = (xt + lead_dx) % UNIT
            lead_x = nxt = (UNIT - 1 - p if dx > 0 else p) // step + 1
            if not cvy:  # the rows x is stopped by may change when y's rear edge moves
                p = (xt + rear_dx) % UNIT
                nxt = min(nxt, (UNIT - 1 - p if dx > 0 else p) // step + 1)
            if zones:
                p = xt % UNIT
                nxt = min(nxt, (UNIT - 1 - p if dx > 0 else p) // step + 1)
        else:
            lead_x = nxt = FOREVER
        if cvy:
            p = (yt + lead_dy) % UNIT
            lead_y = (UNIT - 1 - p if dy > 0 else p) // step + 1
            if lead_y < nxt:
                nxt = lead_y
            if not cvx:
                p = (yt + rear_dy) % UNIT
                nxt = min(nxt, (UNIT - 1 - p if dy > 0 else p) // step + 1)
            if zones:
                p = yt % UNIT
                nxt = min(nxt, (UNIT - 1 - p if dy > 0 else p) // step + 1)
        else:
            lead_y = FOREVER
        if t + nxt > cap:
            return cap, vx, vy, limit_x, limit_y, leans
        x0, y0 = xt + cvx * (nxt - 1), yt + cvy * (nxt - 1)
        x1, y1 = x0 + cvx, y0 + cvy
        if zones and (x1 // UNIT != x0 // UNIT or y1 // UNIT != y0 // UNIT):
            return t + nxt - 1, vx, vy, limit_x, limit_y, leans  # a new cell: maybe a zone
        was_y = cvy
        if lead_x == nxt:  # x enters a new column, checked against the rows at y before
            col = (x1 + lead_dx) // UNIT
            c = col + M
            if (
                grid[((y0 - HALF) // UNIT + M) * stride + c]
                or grid[((y0 + HALF - 1) // UNIT + M) * stride + c]
            ):
                if zones:
                    return t + nxt - 1, vx, vy, limit_x, limit_y, leans
                x1 = col * UNIT - HALF if dx > 0 else (col + 1) * UNIT + HALF
                limit_x, cvx, hold_x, ahead_x = abs(x1 - x), 0, True, col
        if lead_y == nxt:  # then y enters a new row, checked against the columns at x after
            row = (y1 + lead_dy) // UNIT
            r = (row + M) * stride + M
            if grid[r + (x1 - HALF) // UNIT] or grid[r + (x1 + HALF - 1) // UNIT]:
                if zones:
                    return t + nxt - 1, vx, vy, limit_x, limit_y, leans
                y1 = row * UNIT - HALF if dy > 0 else (row + 1) * UNIT + HALF
                limit_y, cvy, hold_y, ahead_y = abs(y1 - y), 0, True, row
        t += nxt
        if cvx == 0 and cvy == 0:
            return FOREVER, vx, vy, limit_x, limit_y, leans
        # A still axis stays still only while what it touches still stops it: x is
        # checked against the rows y left at the tick before (so from the next tick on,
        # even when it was stopped only now), y against the columns x reached this very
        # tick.
        if cvx == 0 and not _still_held(hold_x, ahead_x, rows_blocked, y1, y0):
            return t, vx, vy, limit_x, limit_y, leans
        if cvy == 0 and was_y == 0 and not _still_held(hold_y, ahead_y, cols_blocked, x1, x0):
            return t - 1, vx, vy, limit_x, limit_y, leans
        xt, yt = x1, y1


def _still_held(wall: bool, ahead: int | None, blocked: object, now: int, before: int) -> bool:
    """Whether an axis held still (by a counter when ``wall``, else by a teammate) stays
    so with the other axis at ``now`` instead of ``before``: a counter must still be there;
    a teammate must not have a counter come between (the caller keeps the two touching)."""
    if (now - HALF) // UNIT == (before - HALF) // UNIT and (now + HALF - 1) // UNIT == (
        before + HALF - 1
    ) // UNIT:
        return True
    if ahead is None:
        return not wall
    there = blocked(ahead, now)  # type: ignore[operator]
    return bool(there) if wall else not there


def _flush(pos: int, d: int) -> int | None:
    """The line of cells just ahead when the chef's edge is flush with a cell border."""
    if d > 0 and (pos + HALF) % UNIT == 0:
        return (pos + HALF) // UNIT
    if d < 0 and (pos - HALF) % UNIT == 0:
        return (pos - HALF) // UNIT - 1
    return None


def _cell_run(pos: int, d: int, step: int) -> int:
    """Ticks the point ``pos``, moving ``d * step`` a tick, stays in the same cell."""
    if d > 0:
        return ((pos // UNIT + 1) * UNIT - 1 - pos) // step
    return (pos - (pos // UNIT) * UNIT) // step


def _jump(rnd: Round, walks: list[Walk], ticks: int) -> None:
    """Play ``ticks`` quiet ticks at once (see :func:`quiet_ticks`)."""
    for chef, dx, dy, vx, vy, limit_x, limit_y in walks:
        turn(chef, dx, dy)
        if vx:
            chef.x += (
                vx * ticks if abs(vx) * ticks <= limit_x else (limit_x if vx > 0 else -limit_x)
            )
        if vy:
            chef.y += (
                vy * ticks if abs(vy) * ticks <= limit_y else (limit_y if vy > 0 else -limit_y)
            )
    for station in rnd.ticking_stations:
        station.skip(rnd, ticks)
    rnd.tick += ticks
