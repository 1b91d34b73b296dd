"""A cool laptop: at most 60 frames a second, unchanged screens are not drawn again, and no
game runs where no window can appear."""

from __future__ import annotations

import os

import pygame
from frontend_support import TICK, not_one_colour, press, skip_countdown

from kitchen.cli import main
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.ui import display
from kitchen.ui.app import MAX_FPS
from kitchen.ui.display import offscreen_problem
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.base import Scene
from kitchen.ui.scenes.overlays import PauseScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene

TUTORIAL = next(p for p in shipped_levels() if p.stem == "01_tutorial")


def idle(app, frames: int) -> None:
    """``frames`` frames of the real loop with nothing happening."""
    for _ in range(frames):
        app.frame(TICK)


def counting_draws(monkeypatch, kind: type) -> list[int]:
    drawn: list[int] = []
    real = kind.draw

    def draw(self, surface):
        drawn.append(1)
        real(self, surface)

    monkeypatch.setattr(kind, "draw", draw)
    return drawn


def test_an_unchanged_title_screen_is_not_drawn_again(env, monkeypatch):
    app = env.app()
    drawn = counting_draws(monkeypatch, TitleScene)
    app.push(TitleScene(app))
    idle(app, 120)
    assert len(drawn) == 1  # the first frame only
    assert app.redraws.skipped == 119
    press(app, pygame.K_DOWN, dt=TICK)  # input: drawn again, once
    idle(app, 30)
    assert len(drawn) == 2
    app.notice = "Rounds are not being recorded"  # a change from outside the screen
    idle(app, 30)
    assert len(drawn) == 3
    app.scene.invalidate()
    idle(app, 30)
    assert len(drawn) == 4


def test_tools_and_tests_can_still_draw_every_frame(env, monkeypatch):
    app = env.app()
    drawn = counting_draws(monkeypatch, TitleScene)
    app.push(TitleScene(app))
    app.run_frames(5, TICK)
    assert len(drawn) == 5
    app.run_frames(5, TICK, always_draw=False)
    assert len(drawn) == 5


def test_a_round_is_drawn_every_frame_but_not_while_paused(env, monkeypatch):
    app = env.app()
    level = load_level(TUTORIAL)
    play = PlayScene(app, level, TUTORIAL, [Seat(1, layout=0)])
    app.push(play)
    skip_countdown(app)
    drawn = counting_draws(monkeypatch, PlayScene)
    idle(app, 10)
    assert len(drawn) == 10  # the round ticks: every frame changes
    app.push(PauseScene(app, play))
    idle(app, 10)
    assert len(drawn) == 11  # the pause menu appears, then nothing changes under it
    assert app.scene.changes_by_itself() is False


def test_a_screen_changes_by_itself_when_it_has_its_own_update_or_says_so():
    class Still(Scene):
        pass

    class Ticking(Scene):
        def update(self, dt: float) -> None:
            pass

    class Clock(Scene):
        animated = True

    assert Still(None).changes_by_itself() is False  # type: ignore[arg-type]
    assert Ticking(None).changes_by_itself() is True  # type: ignore[arg-type]
    assert Clock(None).changes_by_itself() is True  # type: ignore[arg-type]
    ticking = Ticking(None)  # type: ignore[arg-type]
    ticking.animated = False
    assert ticking.changes_by_itself() is False


def test_the_real_loop_runs_at_most_60_frames_a_second(env):
    assert MAX_FPS == 60
    app = env.app()
    app.go("title")
    pygame.time.set_timer(pygame.QUIT, 300, loops=1)
    app.run()
    frames = app.redraws.drawn + app.redraws.skipped
    assert frames <= 0.3 * 60 + 3
    assert app.redraws.drawn <= 2  # the title, then nothing changed


def test_kitchen_play_stops_when_sdl_would_show_no_window(env, monkeypatch, capsys):
    # No display and no driver asked for: SDL quietly picks its off-screen driver.
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    pygame.display.quit()

    def no_game(*args, **kwargs):
        raise AssertionError("the game must not start")

    monkeypatch.setattr("kitchen.ui.app.App", no_game)
    assert main(["play"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("kitchen: no screen")
    assert "SDL_VIDEODRIVER=dummy" in err[0]  # how to ask for no window on purpose
    assert not pygame.display.get_init()


def test_an_off_screen_driver_named_in_sdl_videodriver_is_allowed(monkeypatch):
    for driver in ("offscreen", "dummy"):
        monkeypatch.setenv("SDL_VIDEODRIVER", driver)
        pygame.display.quit()
        assert offscreen_problem() is None
        assert pygame.display.get_driver() == driver
    pygame.display.quit()


def test_with_no_graphics_card_the_window_reopens_with_sdls_software_renderer(env, monkeypatch):
    # pygame does not say which renderer SDL chose: a flip that costs the CPU what only
    # an emulated GPU costs makes the window open again with SDL's software renderer.
    monkeypatch.delenv("SDL_RENDER_DRIVER", raising=False)
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION", raising=False)
    monkeypatch.setattr(display, "_emulated_gpu", lambda: True)
    app = env.app(size=(1000, 600))
    assert os.environ["SDL_RENDER_DRIVER"] == "software"
    assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "0"
    assert app.screen.get_size() == (1920, 1080)
    assert pygame.display.get_window_size() == (1000, 600)
    app.go("title")
    app.run_frames(1, TICK)
    assert not_one_colour(app.screen)


def test_kitchen_replay_show_stops_when_sdl_would_show_no_window(
    env, tmp_path, monkeypatch, capsys
):
    log = tmp_path / "round.jsonl"
    assert main(["simulate", "tutorial", "--bots", "--log", str(log)]) == 0
    capsys.readouterr()
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    pygame.display.quit()
    assert main(["replay", str(log), "--show"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("kitchen: no screen")
