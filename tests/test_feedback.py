"""Feedback for every action, checked on the real app driven by posted key events: the target
tile and its hint, points rising from the window and the ticket leaving, an expired ticket,
the "no" shake and sound of a pick-up that did nothing, a chef's squash, bars drawn above
the chefs, and hazard tape that stays on its tile."""

from __future__ import annotations

import pygame
from frontend_support import QUICK_SOUP_LEVEL, TICK, Pilot, write_level

from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.sim import Round
from kitchen.sim.items import Item
from kitchen.ui.input.seats import Seat
from kitchen.ui.render.grid import Grid
from kitchen.ui.render.stations import StationPainter
from kitchen.ui.render.tickets import recipe_steps
from kitchen.ui.scenes.play import PlayScene


def _play(env, text: str = QUICK_SOUP_LEVEL, monkeypatch=None):
    app = env.app(size=(960, 540))
    path = write_level(env.root, text)
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)])
    app.scenes.append(play)  # straight into play, no countdown
    played: list[str] = []
    if monkeypatch is not None:
        monkeypatch.setattr(app.audio, "play", lambda name, volume=1.0: played.append(name))
    return app, play, played


def test_the_target_tile_is_outlined_in_the_chefs_colour_with_a_hint(env):
    app, play, _ = _play(env)
    pilot = Pilot(app, 1, 0)
    crate = pilot.station("crate", "onion")
    pilot.go(crate)
    pilot.frame()
    tile, interact, use = play.view.effects.hints(play.round)[1]
    assert tile == crate
    assert interact is not None
    assert interact.action == "take"
    assert interact.label == "Take onion"
    assert use is None
    r = play.view.cell_rect(crate)
    colour = play.theme.player(1)
    edge = [app.logical.get_at((r.x + 3, y))[:3] for y in range(r.y, r.bottom)]
    assert edge.count(colour) > r.height // 2, "the target tile is not outlined"


def test_serving_sends_points_up_from_the_window_and_the_ticket_away(env, monkeypatch):
    app, play, played = _play(env, monkeypatch=monkeypatch)
    pilot = Pilot(app, 1, 0)
    soup = Item(900, "soup", "soup:onion+onion+onion")
    play.round.chefs[1].held = Item(901, "plate", contents=[soup])  # a plated soup in hand
    pilot.go(pilot.station("serve"))
    assert play.view.effects.hints(play.round)[1][1].action == "serve"
    pilot.act()
    feedback = play.feedback
    serve = pilot.station("serve")
    assert "serve" in played
    assert [(f.text.startswith("+"), f.good, f.tile) for f in feedback.floaters] == [
        (True, True, serve)
    ]
    assert [t.outcome for t in feedback.leaving] == ["served"]
    assert feedback.squashes.get(1) is not None
    for _ in range(3 * 60):  # the effects fade and are forgotten
        pilot.frame()
    assert not feedback.floaters
    assert not feedback.leaving


def test_an_expired_ticket_turns_red_and_leaves_with_its_penalty(env, monkeypatch):
    text = QUICK_SOUP_LEVEL.replace("patience: 120", "patience: 1")
    app, play, played = _play(env, text, monkeypatch)
    app.run_frames(70, TICK)
    assert "expired" in played
    leaving = play.feedback.leaving
    assert [t.outcome for t in leaving] == ["expired"]
    assert leaving[0].points < 0
    app.run_frames(10, TICK)  # drawn while it leaves: a dark red ticket where it was
    fill = app.logical.get_at((12 + 20, 12 + 100))[:3]
    assert fill[0] > 2 * fill[1], fill


def test_a_pick_up_that_can_do_nothing_shakes_no_with_a_sound(env, monkeypatch):
    app, play, played = _play(env, monkeypatch=monkeypatch)
    pilot = Pilot(app, 1, 0)
    pilot.go(pilot.station("serve"))  # empty hands at the window: nothing to do
    assert play.view.effects.hints(play.round)[1][1] is None
    pilot.act()
    assert "no" in played
    assert play.feedback.age(play.feedback.refusals, 1, 1.0) is not None
    before = pygame.image.tobytes(app.logical, "RGB")
    pilot.frame()
    assert pygame.image.tobytes(app.logical, "RGB") != before  # the shake moves


def test_a_progress_bar_is_drawn_above_a_chef_standing_below_it(env):
    rnd = Round(load_level(shipped_levels()[1]).spec, seed=1)
    tile, board = next((t, s) for t, s in rnd.stations.items() if s.kind == "board")
    board.item = Item(1, "ingredient", "onion")
    board.progress = rnd.spec.chop_ticks // 2
    app, play, _ = _play(env)
    view = play.view
    surface = pygame.Surface((1920, 1080))
    painter = StationPainter(Grid(view.origin, view.cell, view.rect), view.stations.pens)
    painter.draw(surface, rnd, 0.0)
    assert len(painter.bars) == 1
    painter.draw_bars(surface)
    bar = painter.bars[0].rect
    inside = surface.get_at((bar.x + 6, bar.centery))[:3]
    assert inside == play.theme.progress


def test_hazard_tape_stays_on_its_tile(env):
    app, play, _ = _play(env)
    rnd = play.round
    view = play.view
    tile, stove = next((t, s) for t, s in rnd.stations.items() if s.kind == "stove")
    r = view.cell_rect(tile)

    def drawn(broken: int | None) -> pygame.Surface:
        stove.broken = broken
        surface = pygame.Surface((1920, 1080))
        surface.fill((1, 2, 3))
        view.stations.draw(surface, rnd, 0.0)
        surface.fill((1, 2, 3), r)  # only what lies outside the stove's tile
        return surface

    working, broken = drawn(None), drawn(99)
    assert pygame.image.tobytes(working, "RGB") == pygame.image.tobytes(broken, "RGB")


def test_a_ticket_shows_the_steps_of_its_dish():
    rnd = Round(load_level(shipped_levels()[1]).spec, seed=1)
    steps = {name: recipe_steps(rnd, name) for name in rnd.spec.recipes}
    assert steps["onion_soup"] == [("onion", False)] * 3 + [("tool:pot", False)]
    assert any(chopped for dish in steps.values() for _, chopped in dish)
