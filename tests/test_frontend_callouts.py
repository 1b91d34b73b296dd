"""Quick-chat call-outs from the players' own keys and pads: asking for an item, answering
"On it!" (closing the loop), addressing a teammate, warning of a hazard, and standing still
while choosing."""

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
from kitchen.ui.input.gamepads import PAD_BUTTON
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


THREE_CHEFS = """\
version: 1
name: quick_three
title: Quick Three
description: Three chefs, one fast onion soup.
map: |
  XXPXPXXX
  O      S
  X 1 2 3X
  D      X
  XXXBXXXX
recipes: [{name: onion_soup, cook_seconds: 1}]
round: {seconds: 30}
orders:
  patience: 120
  schedule: [{at: 0, recipe: onion_soup}]
scoring: {stars: [10, 20, 30]}
"""

PAD = 7


def pad_press(app, button: str) -> None:
    pygame.event.post(pygame.event.Event(PAD_BUTTON, pad=PAD, button=button, down=True))
    pygame.event.post(pygame.event.Event(PAD_BUTTON, pad=PAD, button=button, down=False))
    app.run_frames(1, TICK)


def test_a_call_addressed_to_a_teammate_by_keys_and_answered_by_pad(env):
    app = env.app()
    path = write_level(env.root, THREE_CHEFS, "three.yaml")
    seats = [Seat(1, layout=0), Seat(2, layout=1), Seat(3, pad=PAD)]
    play = PlayScene(app, load_level(path), path, seats)
    app.push(play)
    skip_countdown(app)

    press(app, pygame.K_r)  # chef 1 opens the quick-chat
    chat = play.chats[1]
    assert chat.addressee() == "To everyone"
    press(app, pygame.K_d)  # right: chef 2
    assert chat.addressee() == "To chef 2"
    press(app, pygame.K_d)  # right again: chef 3
    assert chat.addressee() == "To chef 3"
    press(app, pygame.K_a)  # and back to chef 2
    assert chat.addressee() == "To chef 2"
    app.run_frames(1, TICK)
    assert not_one_colour(app.logical)
    press(app, pygame.K_e)  # "Need ..."
    press(app, pygame.K_e)  # "Need onion", to chef 2
    assert 1 not in play.chats
    app.run_frames(1, TICK)
    need = callouts(play)[-1]
    assert (need.player, need.kind, need.item, need.to) == (1, "need", "onion", 2)
    assert play._live_bubbles()[1] == "Need onion! -> 2"

    # Chef 3 on a pad: Y opens, the d-pad's left wraps round to the last teammate (chef 2),
    # left again to chef 1, down to "On it!", A sends it to chef 1: it answers chef 1's call
    # (the chef it names), though that call was for chef 2 (chef 3 steps in).
    pad_press(app, "y")
    chat3 = play.chats[3]
    assert chat3.teammates == [1, 2]
    pad_press(app, "left")
    assert chat3.addressee() == "To chef 2"
    pad_press(app, "left")
    assert chat3.addressee() == "To chef 1"
    pad_press(app, "down")
    assert chat3.options()[chat3.index] == "On it!"
    pad_press(app, "a")
    app.run_frames(1, TICK)
    answer = callouts(play)[-1]
    assert (answer.player, answer.kind, answer.to, answer.answers) == (3, "on_it", 1, 1)
    assert play._live_bubbles()[3] == "On it! -> 1"


def test_a_warning_to_everyone_from_the_quick_chat(env):
    app, play = two_chefs(env)
    press(app, pygame.K_r)
    chat = play.chats[1]
    assert chat.options()[-1] == "Warn ..."
    press(app, pygame.K_w)  # up wraps round to "Warn ..."
    press(app, pygame.K_e)
    assert chat.menu == "warn"
    assert chat.options() == ["Burning!", "Broken!", "Allergy!", "Expiring!", "Blocked!", "Back"]
    press(app, pygame.K_e)  # "Burning!"
    app.run_frames(1, TICK)
    warn = callouts(play)[-1]
    assert (warn.kind, warn.item, warn.to) == ("warn", "burning", None)
    assert play._live_bubbles()[1] == "Burning!"


def test_back_from_the_warnings_returns_to_warn(env):
    app, play = two_chefs(env)
    press(app, pygame.K_r)
    chat = play.chats[1]
    press(app, pygame.K_w)
    press(app, pygame.K_e)
    press(app, pygame.K_w)  # up wraps round to "Back"
    press(app, pygame.K_e)
    assert chat.menu == "top"
    assert chat.options()[chat.index] == "Warn ..."
    # With one teammate, right goes to chef 2 and right again back to everyone.
    press(app, pygame.K_d)
    assert chat.addressee() == "To chef 2"
    press(app, pygame.K_d)
    assert chat.addressee() == "To everyone"
