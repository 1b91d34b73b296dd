"""A first round that teaches (issue 12 §5): level 1's prompts in play, computer cooks
playing alone for a facilitator's preview, and the team name kept between launches."""

from __future__ import annotations

import json

import pygame
from conftest import SHIPPED
from frontend_support import TICK, Pilot, press, skip_countdown

from kitchen.content import load_level
from kitchen.events import RoundStarted
from kitchen.ui.render.tutorial_prompt import key_text, place_card
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene

TUTORIAL = next(p for p in SHIPPED if p.stem.endswith("tutorial"))


def join_screen(env, bots: bool = False):
    app = env.app()
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(TUTORIAL), TUTORIAL, bots=bots))
    return app


def started(play: PlayScene) -> RoundStarted:
    first = play.events[0]
    assert isinstance(first, RoundStarted)
    return first


# --- computer cooks alone ----------------------------------------------------------------


def test_with_computer_cooks_on_and_nobody_joined_enter_watches_them_play(env):
    app = join_screen(env, bots=True)  # as `kitchen play LEVEL --bots` opens it
    press(app, pygame.K_RETURN)
    play = app.find(PlayScene)
    assert play is not None
    assert play.seats == []
    assert play.bot_team is not None
    assert play.bot_team.players == [1, 2]
    skip_countdown(app)
    app.run_frames(30, TICK)
    assert started(play).people == ()
    assert started(play).players == (1, 2)
    log = play.recorded.log_path
    assert log is not None
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["people"] == []
    first_event = next(r["event"] for r in lines if r.get("record") == "event")
    assert first_event["people"] == []


def test_f4_watches_the_computer_cooks_even_after_someone_joined(env):
    app = join_screen(env)
    press(app, pygame.K_e)
    press(app, pygame.K_F4)
    play = app.find(PlayScene)
    assert play is not None
    assert play.seats == []
    assert play.bot_team.players == [1, 2]


def test_the_watch_button_can_be_clicked(env):
    app = join_screen(env)
    join = app.scene
    rect = next(r for r, label, _ in join._buttons() if label.startswith("F4"))
    view = app.view_rect()
    pos = (
        view.x + rect.centerx * view.width // 1920,
        view.y + rect.centery * view.height // 1080,
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    app.run_frames(1, TICK)
    play = app.find(PlayScene)
    assert play is not None
    assert play.seats == []


def test_nobody_joined_without_computer_cooks_says_how_to_start(env):
    app = join_screen(env)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, JoinScene)
    assert "F4" in app.scene.message
    press(app, pygame.K_F3)
    assert app.scene.message == ""


# --- the tutorial in play ----------------------------------------------------------------


def test_level_1_prompts_each_chef_with_their_keys_and_never_covers_them(env):
    app = join_screen(env)
    press(app, pygame.K_e)  # chef 1: WASD
    press(app, pygame.K_RSHIFT)  # chef 2: arrows
    press(app, pygame.K_RETURN)
    skip_countdown(app)
    play = app.find(PlayScene)
    view = play.tutorial.view(play.round.tick)
    assert view.number == 1
    assert view.chefs == ((1, False), (2, False))
    assert key_text(view.controls, play.seats[0], app.layouts) == "WASD to walk, then press E"
    assert key_text(view.controls, play.seats[1], app.layouts).endswith("press R-Shift")
    pilot = Pilot(app, 1, 0)
    crate = pilot.station("crate", "onion")
    pilot.go(crate)
    pilot.act()
    view = play.tutorial.view(play.round.tick)
    assert view.chefs == ((1, True), (2, False))
    card = play.tutorial.card
    assert card is not None
    assert not card.colliderect(play.view.cell_rect(crate))
    for chef in play.round.chefs.values():
        x, y = play.view.to_screen(chef.x, chef.y)
        assert not card.collidepoint(x, y)


def test_a_level_without_a_tutorial_shows_no_prompt(env):
    app = env.app()
    path = next(p for p in SHIPPED if p.stem.endswith("two_recipes"))
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    press(app, pygame.K_e)
    press(app, pygame.K_RETURN)
    skip_countdown(app)
    play = app.find(PlayScene)
    app.run_frames(2, TICK)
    assert play.tutorial.view(play.round.tick) is None
    assert play.tutorial.card is None


def test_the_card_goes_beside_the_kitchen_or_in_a_corner_clear_of_the_chefs():
    area = pygame.Rect(0, 208, 1920, 740)
    small = pygame.Rect(400, 208, 1120, 740)
    assert place_card((340, 300), small, area, []).x == 12
    wide = pygame.Rect(60, 208, 1800, 740)
    chef_top_left = pygame.Rect(100, 230, 150, 200)
    card = place_card((600, 300), wide, area, [chef_top_left])
    assert not card.colliderect(chef_top_left)
    assert area.contains(card)
    # every corner taken: the least covered one
    stations = [pygame.Rect(1300, 230, 150, 150)]
    card = place_card((600, 300), wide, area, [chef_top_left], stations)
    assert not card.colliderect(chef_top_left)
    assert not card.colliderect(stations[0])


def test_gamepad_chefs_are_told_their_buttons():
    from kitchen.ui.input.seats import Seat

    pad = Seat(1, pad=0)
    assert key_text(("move", "interact"), pad, []) == "stick to walk, then press A"
    assert key_text(("use",), pad, []) == "hold X"
    assert key_text(("callout",), None, []) == ""


# --- the team's name ---------------------------------------------------------------------


def test_the_team_name_is_remembered_between_launches(env):
    app = env.app()
    assert app.team == "Team"
    title = TitleScene(app)
    app.push(title)
    title.edit_team()
    title.draft = ""
    for char in "Ward 7":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    press(app, pygame.K_RETURN)
    assert app.team == "Ward 7"
    saved = json.loads((env.config_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["team_name"] == "Ward 7"
    app.close()
    again = env.app()
    assert again.team == "Ward 7"
    assert again.store.message is None


def test_a_team_name_the_settings_cannot_hold_is_not_kept(env):
    app = env.app()
    assert not app.store.remember_team("   ")
    assert not app.store.remember_team("Ward\x007")
    assert app.settings.team_name == "Team"
