"""End to end through the real App: menus, joining, a dish cooked and served with keys
only, the round's end, its log, pausing and quitting to the menu."""

from __future__ import annotations

import pygame
from frontend_support import (
    TICK,
    Pilot,
    cook_and_serve_onion_soup,
    end_round_now,
    press,
    write_level,
)

from kitchen.content import load_level
from kitchen.session import read_round_log, replay
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.level_select import LevelSelectScene
from kitchen.ui.scenes.overlays import CountdownScene, PauseScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.round_end import RoundEndScene
from kitchen.ui.scenes.title import TitleScene


def joined_round(env, app, path):
    """Title -> JoinScene for ``path`` (as ``kitchen play LEVEL``) -> two chefs join by
    their pick-up keys -> Enter -> the countdown runs out."""
    app.push(TitleScene(app))
    app.push(JoinScene(app, load_level(path), path))
    app.run_frames(1, TICK)
    press(app, pygame.K_e)  # WASD's pick-up key
    press(app, pygame.K_RSHIFT)  # the arrows' pick-up key
    join = app.scene
    assert isinstance(join, JoinScene)
    assert [(s.player, s.layout) for s in join.seats] == [(1, 0), (2, 1)]
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, CountdownScene)
    play = app.find(PlayScene)
    assert play is not None
    assert play.round.tick == 0
    for _ in range(40):  # 3-2-1-Go takes under 3 s; the round waits for it
        app.run_frames(1, 0.1)
        if app.scene is play:
            break
        assert play.round.tick == 0
    assert app.scene is play
    return play


def test_title_menu_leads_to_the_level_select_and_a_level_join_screen(env):
    app = env.app()
    app.push(TitleScene(app))
    app.run_frames(1, TICK)
    press(app, pygame.K_RETURN)  # "Play" is the first item
    select = app.scene
    assert isinstance(select, LevelSelectScene)
    assert select.entries
    assert all(level is not None for _, level, _ in select.entries)
    press(app, pygame.K_DOWN)
    assert select.index == 1
    press(app, pygame.K_RETURN)
    join = app.scene
    assert isinstance(join, JoinScene)
    assert join.level.spec.name == select.entries[1][1].spec.name
    press(app, pygame.K_RETURN)  # nobody joined yet: the round does not start
    assert app.scene is join
    assert "join" in join.message.lower()
    press(app, pygame.K_ESCAPE)
    assert app.scene is select
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)
    assert len(app.scenes) == 1


def test_two_players_join_cook_serve_and_the_round_ends_with_a_replayable_log(env):
    app = env.app()
    path = write_level(env.root)
    play = joined_round(env, app, path)
    rnd = play.round
    assert sorted(rnd.chefs) == [1, 2]

    before = rnd.score
    cook_and_serve_onion_soup(Pilot(app, player=1, layout=0))
    served = [e for e in play.events if e.type == "order_served"]
    assert len(served) == 1
    dish = served[0]
    assert dish.player == 1
    assert dish.recipe == "onion_soup"
    assert dish.points == rnd.spec.recipes["onion_soup"].value == 20
    assert rnd.score == before + dish.points + dish.tip
    assert dish.tip > 0  # served fast
    score = rnd.score

    # Run on to the end of the 30 s round (15 ticks per 0.25 s frame).
    for _ in range(200):
        if isinstance(app.scene, RoundEndScene):
            break
        app.run_frames(1, 0.25)
    end = app.scene
    assert isinstance(end, RoundEndScene)
    assert end.round is rnd
    assert rnd.finished
    assert rnd.score == score
    ended = [e for e in play.events if e.type == "round_ended"]
    assert len(ended) == 1
    assert ended[0].score == score
    assert ended[0].served == 1
    assert end.summary[0]["player"] == 1
    assert end.summary[0]["served"] == 1
    app.run_frames(1, TICK)  # the results screen draws

    log_path = play.recorded.log_path
    assert log_path is not None
    assert log_path.exists()
    assert env.data_dir in log_path.parents
    log = read_round_log(log_path)
    assert log.complete
    assert [e.to_dict() for e in log.events] == [e.to_dict() for e in play.events]
    result = replay(log)
    assert result.identical, result.mismatch


def test_esc_pauses_the_round_and_resume_carries_on(env):
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    app.run_frames(10, TICK)
    tick = play.round.tick
    assert tick == 10
    press(app, pygame.K_ESCAPE)
    pause = app.scene
    assert isinstance(pause, PauseScene)
    assert pause.play is play
    app.run_frames(30, TICK)
    assert play.round.tick == tick, "the round must not advance while paused"
    press(app, pygame.K_RETURN)  # "Resume" is highlighted
    assert app.scene is play
    app.run_frames(10, TICK)
    assert play.round.tick > tick


def test_quit_to_the_menu_closes_the_round_and_its_log(env):
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    app.run_frames(20, TICK)
    press(app, pygame.K_ESCAPE)
    for _ in range(3):
        press(app, pygame.K_DOWN)
    assert app.scene.menu.items[app.scene.menu.index].text() == "Quit to the menu"
    press(app, pygame.K_RETURN)
    assert len(app.scenes) == 1
    assert isinstance(app.scene, TitleScene)
    assert app.running
    log = read_round_log(play.recorded.log_path)
    assert not log.complete  # abandoned, not finished
    assert replay(log).identical
    app.run_frames(3, TICK)  # the title still runs and draws
    assert isinstance(app.scene, TitleScene)


def test_pause_menu_can_end_the_round_early(env):
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    app.run_frames(5, TICK)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # "End the round and see the results"
    app.run_frames(2, TICK)
    assert isinstance(app.scene, RoundEndScene)
    assert play.round.finished
    assert [e.reason for e in play.events if e.type == "round_ended"] == ["ended"]


def test_restart_from_the_pause_menu_starts_a_fresh_round_with_its_own_log(env):
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    app.run_frames(30, TICK)
    first_round, first_log = play.round, play.recorded.log_path
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # "Restart the round"
    assert isinstance(app.scene, CountdownScene)
    assert play.round is not first_round
    assert play.round.tick == 0
    assert play.recorded.log_path != first_log
    first = read_round_log(first_log)  # kept, unfinished
    assert not first.complete
    assert first.events[0].type == "round_started"
    logs = sorted(p.name for p in first_log.parent.glob("round-*.jsonl"))
    assert logs == ["round-01.jsonl", "round-02.jsonl"]


def test_the_team_name_typed_on_the_title_names_the_session_folder(env):
    app = env.app()
    app.push(TitleScene(app))
    press(app, pygame.K_DOWN)  # "Team: ..."
    press(app, pygame.K_RETURN)
    title = app.scene
    assert title.editing
    for _ in range(len("Team")):
        press(app, pygame.K_BACKSPACE)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Ward 9"))
    app.run_frames(1, TICK)
    press(app, pygame.K_RETURN)
    assert not title.editing
    assert app.team == "Ward 9"
    path = write_level(env.root)
    app.push(JoinScene(app, load_level(path), path))
    press(app, pygame.K_e)
    press(app, pygame.K_RETURN)
    play = app.find(PlayScene)
    assert play.recorded.log_path.parent.name.endswith("ward-9")
    assert read_round_log(play.recorded.log_path).header.team == "Ward 9"


def test_the_level_list_answers_the_mouse_in_a_scaled_window(env):
    app = env.app(size=(640, 360))  # a third of the logical size
    select = LevelSelectScene(app)
    app.push(select)
    app.run_frames(1, TICK)
    logical = (400, 180 + 2 * 86 + 38)  # the third entry
    # SDL's renderer scales the window; it gives pointer positions in logical coordinates.
    window = logical
    assert app.to_logical(window) == logical
    for _ in range(2):  # the first click chooses it, the second opens it
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=window, button=1))
        app.run_frames(1, TICK)
    join = app.scene
    assert isinstance(join, JoinScene)
    assert join.level.spec.name == select.entries[2][1].spec.name


def test_the_results_screen_menu_debriefs_and_plays_again(env):
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    end = end_round_now(app)
    assert end.menu.items[0].text() == "Debrief this round"
    press(app, pygame.K_RETURN)
    from kitchen.ui.scenes.debrief import DebriefScene

    debrief = app.scene
    assert isinstance(debrief, DebriefScene)
    assert debrief.error is None
    assert debrief.log_path == play.recorded.log_path
    press(app, pygame.K_ESCAPE)
    assert app.scene is end
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # "Play again"
    assert isinstance(app.scene, CountdownScene)
    again = app.find(PlayScene)
    assert again is not play
    assert again.seats == play.seats
    assert again.round.tick == 0


def test_a_data_folder_that_cannot_be_written_does_not_stop_the_game(env, monkeypatch):
    blocker = env.root / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("KITCHEN_DATA_DIR", str(blocker))
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    assert play.recorded.log_path is None
    assert app.notice
    assert "not being recorded" in app.notice
    app.run_frames(20, TICK)
    assert play.round.tick == 20
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    app.run_frames(1, TICK)
    end = app.scene
    assert isinstance(end, RoundEndScene)
    assert "Debrief this round" not in [item.text() for item in end.menu.items]
