"""The facilitator's panel during play: function keys and mouse clicks on the corner tab
become logged facilitator actions."""

from __future__ import annotations

import pygame
from frontend_support import (
    TICK,
    down,
    not_one_colour,
    press,
    skip_countdown,
)

from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.session import read_round_log, replay
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.facilitator import TAB
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.round_end import RoundEndScene

BROKEN_KIT = next(p for p in shipped_levels() if p.stem == "04_broken_kit")


def broken_kit(env, size=(640, 360)):
    app = env.app(size=size)
    level = load_level(BROKEN_KIT)
    play = PlayScene(app, level, BROKEN_KIT, [Seat(1, layout=0), Seat(2, layout=1)])
    app.push(play)
    skip_countdown(app)
    app.run_frames(5, TICK)
    return app, play


def of_type(play, kind):
    return [e for e in play.events if e.type == kind]


def click(app, logical_pos):
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=logical_pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=logical_pos, button=1))
    app.run_frames(1, TICK)


def test_function_keys_trigger_tag_extend_pause_and_end(env):
    app, play = broken_kit(env)
    first = play.level.spec.disruptions[0].label

    press(app, pygame.K_F2)
    assert play.facilitator.mode == "disruptions"
    app.run_frames(1, TICK)
    assert not_one_colour(app.logical)
    press(app, pygame.K_RETURN, frames=2)
    started = of_type(play, "disruption_started")
    assert [(e.label, e.source) for e in started] == [(first, "facilitator")]
    assert play.facilitator.mode is None
    assert play.banner is not None
    assert play.banner[0] == first

    press(app, pygame.K_F3)
    assert play.facilitator.mode == "tags"
    press(app, pygame.K_TAB)  # the second tag
    press(app, pygame.K_RETURN, frames=2)
    tags = of_type(play, "facilitator_tag")
    assert [e.label for e in tags] == [app.settings.tags[1]]

    length = play.round.spec.round_ticks
    press(app, pygame.K_F4, frames=2)
    extended = of_type(play, "round_extended")
    assert [(e.seconds, e.round_ticks) for e in extended] == [(30, length + 30 * 60)]

    press(app, pygame.K_F6)
    assert play.paused
    tick = play.round.tick
    app.run_frames(20, TICK)
    assert play.round.tick == tick, "paused by the facilitator: no ticks"
    press(app, pygame.K_F6)
    assert not play.paused
    app.run_frames(3, TICK)
    assert play.round.tick > tick

    press(app, pygame.K_F5)  # armed, not yet ended
    app.run_frames(3, TICK)
    assert not play.round.finished
    assert app.scene is play
    press(app, pygame.K_F5)
    app.run_frames(2, TICK)
    assert isinstance(app.scene, RoundEndScene)
    assert [e.reason for e in of_type(play, "round_ended")] == ["ended"]

    # Everything the facilitator did is in the log and replays identically.
    log = read_round_log(play.recorded.log_path)
    kinds = sorted({type(a).__name__ for acts in log.actions.values() for a in acts})
    assert kinds == ["EndRound", "ExtendRound", "Tag", "TriggerDisruption"]
    assert replay(log).identical


def test_f5_once_does_not_end_the_round_after_the_arming_expires(env):
    app, play = broken_kit(env)
    press(app, pygame.K_F5)
    app.run_frames(20, 0.25)  # 5 s: the second press must come within 3 s
    press(app, pygame.K_F5)
    app.run_frames(2, TICK)
    assert app.scene is play
    assert not play.round.finished


def test_the_corner_tab_opens_the_panel_with_the_mouse(env):
    app, play = broken_kit(env, size=(1920, 1080))
    assert app.to_logical((100, 1050)) == (100, 1050)  # logical == window at 1920x1080
    click(app, TAB.center)
    assert play.facilitator.mode == "menu"
    rows = play.facilitator._rows()
    labels = [label for label, _ in play.facilitator.entries()]
    assert labels[3] == "Add 30 seconds"
    length = play.round.spec.round_ticks
    click(app, rows[3].center)
    app.run_frames(1, TICK)
    assert [e.round_ticks for e in of_type(play, "round_extended")] == [length + 1800]

    # Menu -> "Trigger a disruption..." -> the second disruption, all by mouse.
    click(app, play.facilitator._rows()[1].center)
    assert play.facilitator.mode == "disruptions"
    click(app, play.facilitator._rows()[1].center)
    app.run_frames(1, TICK)
    started = of_type(play, "disruption_started")
    second = play.level.spec.disruptions[1].label
    assert [(e.label, e.source) for e in started] == [(second, "facilitator")]

    # The tab opens the menu again; a click on the panel's title keeps it open; the tab
    # closes it.
    click(app, TAB.center)
    assert play.facilitator.mode == "menu"
    click(app, (play.facilitator.panel_rect().x + 300, play.facilitator.panel_rect().y + 20))
    assert play.facilitator.mode == "menu"
    click(app, TAB.center)
    assert play.facilitator.mode is None

    # "Pause / resume" from the menu.
    click(app, TAB.center)
    click(app, play.facilitator._rows()[0].center)
    assert play.paused
    tick = play.round.tick
    app.run_frames(5, TICK)
    assert play.round.tick == tick
    click(app, play.facilitator._rows()[0].center)
    assert not play.paused


def test_f1_shows_the_help_and_the_players_keys_still_work(env):
    app, play = broken_kit(env)
    press(app, pygame.K_F1)
    assert play.facilitator.mode == "help"
    chef = play.round.chefs[1]
    x = chef.x
    down(pygame.K_d)
    app.run_frames(4, TICK)
    assert chef.x > x
    press(app, pygame.K_F1)
    assert play.facilitator.mode is None
