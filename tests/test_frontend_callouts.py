"""Quick-chat call-outs from the players' own keys: asking for an item, answering "On it!"
(closing the loop), and standing still while choosing."""

from __future__ import annotations

import pygame
from frontend_support import (
    TICK,
    down,
    not_one_colour,
    press,
    skip_countdown,
    up,
    write_level,
)

from kitchen.content import load_level
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.play import PlayScene


def two_chefs(env):
    app = env.app()
    path = write_level(env.root)
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0), Seat(2, layout=1)])
    app.push(play)
    skip_countdown(app)
    return app, play


def callouts(play):
    return [e for e in play.events if e.type == "callout"]


def test_need_an_item_and_on_it_answer_by_keys(env):
    app, play = two_chefs(env)
    press(app, pygame.K_r)  # WASD's call-out key
    assert 1 in play.chats
    assert not play.chats[1].choosing_item
    app.run_frames(1, TICK)
    assert not_one_colour(app.logical)  # the quick-chat draws
    press(app, pygame.K_e)  # "Need ..." -> the item list
    assert play.chats[1].choosing_item
    assert play.chats[1].options()[0] == "Need onion"
    press(app, pygame.K_e)  # "Need onion"
    assert 1 not in play.chats
    app.run_frames(1, TICK)
    calls = callouts(play)
    assert [(e.player, e.kind, e.item) for e in calls] == [(1, "need", "onion")]
    need = calls[0]
    assert play._live_bubbles()[1] == "Need onion!"
    # The pick-up key went to the quick-chat, not to the kitchen.
    assert not [e for e in play.events if e.type in ("item_spawned", "item_picked")]

    press(app, pygame.K_SLASH)  # the arrows' call-out key
    assert 2 in play.chats
    press(app, pygame.K_DOWN)  # "On it!"
    assert play.chats[2].options()[play.chats[2].index] == "On it!"
    press(app, pygame.K_RSHIFT)
    app.run_frames(1, TICK)
    answer = callouts(play)[-1]
    assert (answer.player, answer.kind) == (2, "on_it")
    assert answer.answers == need.callout_id
    assert answer.answer_delay is not None
    assert answer.answer_delay > 0


def test_back_in_the_item_list_and_closing_with_the_use_key(env):
    app, play = two_chefs(env)
    press(app, pygame.K_r)
    press(app, pygame.K_e)
    chat = play.chats[1]
    for _ in range(len(chat.items)):
        press(app, pygame.K_s)  # down to "Back"
    assert chat.options()[chat.index] == "Back"
    press(app, pygame.K_e)
    assert 1 in play.chats
    assert not chat.choosing_item
    press(app, pygame.K_q)  # the use key closes it without a call
    assert 1 not in play.chats
    app.run_frames(2, TICK)
    assert callouts(play) == []


def test_a_chef_with_an_open_quick_chat_stands_still_even_with_a_direction_held(env):
    app, play = two_chefs(env)
    chef = play.round.chefs[1]
    down(pygame.K_d)
    app.run_frames(3, TICK)
    moving_from = chef.x
    app.run_frames(3, TICK)
    assert chef.x > moving_from, "holding D walks right"

    press(app, pygame.K_r)  # open the quick-chat while D stays held
    assert 1 in play.chats
    x = chef.x
    app.run_frames(10, TICK)
    assert chef.x == x, "the chef must stand still while choosing"
    # Pressing another direction key while the chat is open does not move the chef either.
    press(app, pygame.K_a, frames=5)
    assert chef.x == x

    # Chef 2 is not affected by chef 1's menu.
    other = play.round.chefs[2]
    y = other.y
    down(pygame.K_DOWN)
    app.run_frames(5, TICK)
    up(pygame.K_DOWN)
    assert other.y > y

    press(app, pygame.K_r)  # the call-out key again closes it
    assert 1 not in play.chats
    app.run_frames(5, TICK)
    assert chef.x > x, "D is still held: the chef walks on"
    up(pygame.K_d)
    app.run_frames(1, TICK)
