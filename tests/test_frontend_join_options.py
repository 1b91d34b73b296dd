"""The join screen's facilitator options: computer cooks fill empty places (F3), silos off
for a redesign round (F2)."""

from __future__ import annotations

import pygame
from conftest import SHIPPED
from frontend_support import TICK, press, skip_countdown

from kitchen.content import load_level
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene


def test_f3_lets_computer_cooks_take_the_empty_places(env):
    app = env.app()
    path = next(p for p in SHIPPED if p.stem.endswith("tutorial"))
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    press(app, pygame.K_e)  # WASD joins as chef 1
    press(app, pygame.K_F3)
    assert app.scene.bots
    press(app, pygame.K_RETURN)
    play = app.find(PlayScene)
    assert play is not None
    assert play.bot_team is not None
    assert play.bot_team.players == [2]
    assert sorted(play.round.chefs) == [1, 2]
    skip_countdown(app)
    start = play.round.chefs[2].x, play.round.chefs[2].y
    app.run_frames(240, TICK)
    assert (play.round.chefs[2].x, play.round.chefs[2].y) != start, "the computer cook works"


def test_f2_lifts_the_silos_of_a_level_with_roles(env):
    app = env.app()
    path = next(p for p in SHIPPED if p.stem.endswith("silos"))
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    press(app, pygame.K_e)
    press(app, pygame.K_RSHIFT)
    press(app, pygame.K_F2)
    press(app, pygame.K_RETURN)
    play = app.find(PlayScene)
    assert play is not None
    assert not play.silos
    assert not play.round.silos.enforced
    assert play.recorded.log_path is not None


def test_a_direction_held_through_a_quick_chat_walks_the_chef_afterwards(env):
    from frontend_support import down, write_level

    app = env.app()
    path = write_level(env.root)
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    press(app, pygame.K_e)
    press(app, pygame.K_RETURN)
    skip_countdown(app)
    play = app.find(PlayScene)
    chef = play.round.chefs[1]
    press(app, pygame.K_r)  # open the quick-chat
    assert 1 in play.chats
    down(pygame.K_d)  # hold right while choosing
    app.run_frames(20, TICK)
    x = chef.x
    press(app, pygame.K_r)  # close it without calling
    assert 1 not in play.chats
    app.run_frames(20, TICK)
    assert chef.x > x, "the held key walks the chef once the chat is closed"


def test_an_unexpected_error_returns_to_the_menu_with_the_round_saved(env, monkeypatch):
    from frontend_support import write_level

    from kitchen.session import read_round_log

    app = env.app()
    path = write_level(env.root)
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    press(app, pygame.K_e)
    press(app, pygame.K_RETURN)
    skip_countdown(app)
    play = app.find(PlayScene)
    from frontend_support import down, up

    down(pygame.K_d)
    app.run_frames(30, TICK)
    up(pygame.K_d)
    app.run_frames(30, TICK)

    def broken(*args, **kwargs):
        raise RuntimeError("a drawing bug")

    monkeypatch.setattr(play.view, "draw", broken)
    app.safe_frame(TICK)
    assert isinstance(app.scene, TitleScene)
    assert len(app.scenes) == 1
    assert "Something went wrong (RuntimeError)" in app.notice
    crash = sorted(env.data_dir.glob("crash-*.txt"))
    assert crash
    assert "a drawing bug" in crash[0].read_text()
    from kitchen.session import replay

    log = read_round_log(play.recorded.log_path)
    assert max(log.changes) >= 25, "the inputs up to the error are in the log"
    assert replay(log).identical
    app.safe_frame(TICK)  # and the game goes on
    assert app.running
