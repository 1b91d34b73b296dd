"""A controller unplugged mid-round pauses the game with a message; the facilitator can
carry on without that chef (F9 or a click), and a newly plugged pad takes the idle chef
over by pressing A. Raw SDL events are posted, as a real unplug would send them."""

from __future__ import annotations

import pygame
from frontend_support import TICK, press, skip_countdown, write_level

from kitchen.content import load_level
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.overlays import PadLostScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene

PAD, NEW_PAD = 4, 9


def sdl_button(instance: int, button: int, is_down: bool = True) -> None:
    kind = pygame.CONTROLLERBUTTONDOWN if is_down else pygame.CONTROLLERBUTTONUP
    pygame.event.post(pygame.event.Event(kind, instance_id=instance, button=button))


def round_with_a_pad_and_a_keyboard(env):
    app = env.app()
    path = write_level(env.root)
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    sdl_button(PAD, pygame.CONTROLLER_BUTTON_A)
    sdl_button(PAD, pygame.CONTROLLER_BUTTON_A, False)
    app.run_frames(1, TICK)
    press(app, pygame.K_e)  # WASD joins as chef 2
    press(app, pygame.K_RETURN)
    skip_countdown(app)
    play = app.find(PlayScene)
    assert [(s.player, s.device) for s in play.seats] == [(1, "pad"), (2, "keys")]
    return app, play


def test_the_facilitator_carries_on_without_an_unplugged_chef_and_a_new_pad_takes_over(env):
    app, play = round_with_a_pad_and_a_keyboard(env)
    app.run_frames(30, TICK)
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=PAD))
    pygame.event.post(
        pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD)
    )  # SDL sends both
    app.run_frames(1, TICK)
    lost = app.scene
    assert isinstance(lost, PadLostScene)
    assert lost.player == 1
    tick = play.round.tick
    app.run_frames(20, TICK)
    assert play.round.tick == tick  # paused
    app.draw()

    # The facilitator clicks "carry on": the round resumes, chef 1 stands still.
    view = app.view_rect()
    centre = lost.button.center
    pos = (view.x + centre[0] * view.width // 1920, view.y + centre[1] * view.height // 1080)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    app.run_frames(1, TICK)
    assert app.scene is play
    chef1 = play.round.chefs[1]
    x = chef1.x
    app.run_frames(30, TICK)
    assert play.round.tick > tick
    assert chef1.x == x

    # A pad plugged in later presses A and takes chef 1 over; its d-pad moves chef 1.
    sdl_button(NEW_PAD, pygame.CONTROLLER_BUTTON_A)
    sdl_button(NEW_PAD, pygame.CONTROLLER_BUTTON_A, False)
    app.run_frames(1, TICK)
    assert play.seats[0].pad == NEW_PAD
    assert play.seats[0].connected
    sdl_button(NEW_PAD, pygame.CONTROLLER_BUTTON_DPAD_RIGHT)
    app.run_frames(10, TICK)
    assert chef1.x > x


def test_f9_also_carries_on(env):
    app, play = round_with_a_pad_and_a_keyboard(env)
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD))
    app.run_frames(1, TICK)
    assert isinstance(app.scene, PadLostScene)
    press(app, pygame.K_F9)
    assert app.scene is play
    assert not play.seats[0].connected
    tick = play.round.tick
    app.run_frames(5, TICK)
    assert play.round.tick == tick + 5
