"""Gamepads through posted events: joining, moving, unplugging mid-round (the round
pauses until the chef switches to the keyboard), and stray SDL removal events."""

from __future__ import annotations

import pygame
import pytest
from frontend_support import (
    TICK,
    down,
    press,
    skip_countdown,
    up,
    write_level,
)

from kitchen.content import load_level
from kitchen.ui.input.gamepads import PAD_BUTTON, PAD_REMOVED
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.overlays import CountdownScene, PadLostScene, PauseScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene

PAD = 7


def pad_button(button: str, is_down: bool = True, pad: int = PAD) -> None:
    pygame.event.post(pygame.event.Event(PAD_BUTTON, pad=pad, button=button, down=is_down))


def pad_round(env, pads=(PAD,), countdown=False):
    """Pads join with A on the join screen; Start begins the round; the countdown ends
    (unless ``countdown``)."""
    app = env.app()
    path = write_level(env.root)
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    for pad in pads:
        pad_button("a", pad=pad)
        pad_button("a", False, pad=pad)
    app.run_frames(1, TICK)
    join = app.scene
    want = [(i + 1, pad, None) for i, pad in enumerate(pads)]
    assert [(s.player, s.pad, s.layout) for s in join.seats] == want
    pad_button("start")
    app.run_frames(1, TICK)
    assert isinstance(app.scene, CountdownScene)
    play = app.find(PlayScene)
    assert [s.device for s in play.seats] == ["pad"] * len(pads)
    if not countdown:
        skip_countdown(app)
    return app, play


def test_a_pad_joins_plays_and_unplugging_it_pauses_until_the_chef_takes_the_keyboard(env):
    app, play = pad_round(env)
    chef = play.round.chefs[1]

    # The pad's d-pad (a raw SDL controller event, translated by Gamepads) moves the chef.
    x0 = chef.x
    right = pygame.CONTROLLER_BUTTON_DPAD_RIGHT
    pygame.event.post(
        pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=PAD, button=right)
    )
    app.run_frames(6, TICK)
    assert chef.x > x0
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONUP, instance_id=PAD, button=right))
    app.run_frames(1, TICK)
    x1 = chef.x
    app.run_frames(3, TICK)
    assert chef.x == x1  # released: standing still

    # Unplugged mid-round.
    pygame.event.post(pygame.event.Event(PAD_REMOVED, pad=PAD))
    app.run_frames(1, TICK)
    lost = app.scene
    assert isinstance(lost, PadLostScene)
    assert lost.player == 1
    assert not play.seats[0].connected
    tick = play.round.tick
    app.run_frames(30, TICK)
    assert play.round.tick == tick, "the round must wait while the pad is missing"

    # Enter: chef 1 moves to the first free keyboard layout (WASD) and play resumes.
    press(app, pygame.K_RETURN)
    assert app.scene is play
    seat = play.seats[0]
    assert (seat.pad, seat.layout, seat.connected) == (None, 0, True)
    app.run_frames(5, TICK)
    assert play.round.tick == tick + 6  # the Enter frame and five more
    x2 = chef.x
    down(pygame.K_d)
    app.run_frames(5, TICK)
    up(pygame.K_d)
    app.run_frames(1, TICK)
    assert chef.x > x2, "the chef now answers to WASD"


def test_esc_on_the_pad_lost_screen_opens_the_pause_menu(env):
    app, play = pad_round(env)
    pygame.event.post(pygame.event.Event(PAD_REMOVED, pad=PAD))
    app.run_frames(1, TICK)
    assert isinstance(app.scene, PadLostScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PadLostScene)


def test_plugging_a_pad_back_in_and_pressing_a_resumes_on_the_pad(env):
    app, play = pad_round(env)
    pygame.event.post(pygame.event.Event(PAD_REMOVED, pad=PAD))
    app.run_frames(1, TICK)
    assert isinstance(app.scene, PadLostScene)
    pad_button("a", pad=9)  # a new pad (new instance id) presses A
    app.run_frames(1, TICK)
    assert app.scene is play
    assert (play.seats[0].pad, play.seats[0].connected) == (9, True)
    tick = play.round.tick
    app.run_frames(3, TICK)
    assert play.round.tick == tick + 3


def test_sdl_removal_events_for_unknown_pads_do_not_crash_or_pause(env):
    app, play = pad_round(env)
    tick = play.round.tick
    for kind in (pygame.CONTROLLERDEVICEREMOVED, pygame.JOYDEVICEREMOVED):
        pygame.event.post(pygame.event.Event(kind, instance_id=12345))
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED))  # no instance_id at all
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=-1, button=0))
    app.run_frames(3, TICK)
    assert app.scene is play
    assert play.round.tick == tick + 3
    assert play.seats[0].connected

    # The same on the title and join screens.
    app.reset_to(TitleScene(app))
    for kind in (pygame.CONTROLLERDEVICEREMOVED, pygame.JOYDEVICEREMOVED):
        pygame.event.post(pygame.event.Event(kind, instance_id=4321))
    app.run_frames(2, TICK)
    assert isinstance(app.scene, TitleScene)
    assert app.running


def test_a_real_removal_of_the_seated_pad_is_reported_once(env):
    """SDL reports a controller's removal twice (as controller and as joystick): one
    PadLostScene, not two."""
    app, play = pad_round(env)
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=PAD))
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD))
    app.run_frames(2, TICK)
    assert isinstance(app.scene, PadLostScene)
    assert sum(isinstance(s, PadLostScene) for s in app.scenes) == 1


@pytest.mark.parametrize("overlay", ["countdown", "pause", "other_pad_lost"])
def test_a_pad_unplugged_while_an_overlay_is_open_still_pauses_the_round(env, overlay):
    app, play = pad_round(env, pads=(PAD, 8), countdown=overlay == "countdown")
    if overlay == "pause":
        press(app, pygame.K_ESCAPE)
        assert isinstance(app.scene, PauseScene)
    elif overlay == "other_pad_lost":
        pygame.event.post(pygame.event.Event(PAD_REMOVED, pad=8))
        app.run_frames(1, TICK)
        assert isinstance(app.scene, PadLostScene)
        assert app.scene.player == 2
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=PAD))
    app.run_frames(1, TICK)
    # Close the overlay the ordinary way.
    if overlay == "countdown":
        app.run_frames(40, 0.1)
    elif overlay == "pause":
        press(app, pygame.K_ESCAPE)
    else:
        press(app, pygame.K_RETURN)  # chef 2 takes the keyboard
    app.run_frames(3, TICK)
    seat = play.seats[0]
    assert not seat.connected, "chef 1's pad is gone"
    lost = app.find(PadLostScene)
    assert lost is not None
    assert lost.player == 1
