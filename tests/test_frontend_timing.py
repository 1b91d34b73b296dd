"""The game plays the same at any frame rate: the same key timeline gives the same events
at 30 and at 144 frames per second; and a long stall does not make the round race."""

from __future__ import annotations

from fractions import Fraction

import pygame
from frontend_support import (
    TICK,
    key_event,
    skip_countdown,
    write_level,
)

from kitchen.content import load_level
from kitchen.ui.input.seats import Seat
from kitchen.ui.loop import MAX_TICKS_PER_FRAME
from kitchen.ui.scenes.play import PlayScene

# Chef 1 (WASD) starts at cell (2, 2) of the quick-soup kitchen: walk up to the stove row,
# left to the onion crate, take an onion, turn up to the counter and put it down. Times are
# in 30ths of a second.
TIMELINE = [
    (1, "down", pygame.K_w),
    (14, "up", pygame.K_w),
    (15, "down", pygame.K_a),
    (30, "up", pygame.K_a),
    (32, "down", pygame.K_e),
    (33, "up", pygame.K_e),
    (35, "down", pygame.K_w),
    (36, "up", pygame.K_w),
    (38, "down", pygame.K_e),
    (39, "up", pygame.K_e),
    (40, "down", pygame.K_d),
    (47, "up", pygame.K_d),
]
END = Fraction(50, 30)


def play_at(env, fps: int):
    """Run the timeline at ``fps``; return the PlayScene."""
    app = env.app()
    path = write_level(env.root, name=f"quick{fps}.yaml")
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0), Seat(2, layout=1)])
    app.push(play)
    skip_countdown(app)  # that frame already runs one tick
    start_tick = play.round.tick
    pending = [(Fraction(t, 30), kind, key) for t, kind, key in TIMELINE]
    frame = 0
    dt = Fraction(1, fps)
    while frame * dt < END:
        now = frame * dt
        while pending and pending[0][0] <= now:
            _, kind, key = pending.pop(0)
            pygame.event.post(key_event(pygame.KEYDOWN if kind == "down" else pygame.KEYUP, key))
        app.run_frames(1, 1 / fps)
        frame += 1
    assert not pending
    return play, start_tick


def test_the_same_inputs_give_the_same_round_at_30_and_144_fps(env):
    slow, s0 = play_at(env, 30)
    fast, f0 = play_at(env, 144)
    assert s0 == f0
    slow_events = [e.to_dict() for e in slow.events]
    fast_events = [e.to_dict() for e in fast.events]
    assert slow_events == fast_events
    took = [e for e in slow_events if e["type"] == "item_spawned" and e["source"] == "crate"]
    assert [(e["player"], e["item"]) for e in took] == [(1, "onion")], "chef 1 takes an onion"
    put = [e for e in slow_events if e["type"] == "item_put_down"]
    assert [(e["player"], e["item"], e["station"]) for e in put] == [(1, "onion", "counter")]
    # The chefs ended up in the same place, having moved.
    start = slow.level.spec.starts[1]
    for play in (slow, fast):
        assert play.round.chefs[1].cell != start
    assert {p: (c.x, c.y, c.facing) for p, c in slow.round.chefs.items()} == {
        p: (c.x, c.y, c.facing) for p, c in fast.round.chefs.items()
    }
    assert slow.round.tick == fast.round.tick == s0 + 100


def test_a_two_second_stall_runs_at_most_the_catch_up_cap_of_ticks(env):
    app = env.app()
    path = write_level(env.root)
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)])
    app.push(play)
    skip_countdown(app)
    app.run_frames(3, TICK)
    before = play.round.tick
    app.run_frames(1, dt=2.0)
    ran = play.round.tick - before
    assert 0 < ran <= MAX_TICKS_PER_FRAME
    # ...and the backlog is dropped, not raced through afterwards.
    before = play.round.tick
    app.run_frames(1, TICK)
    assert play.round.tick - before == 1
    assert play.loop.dropped_seconds > 1.5
