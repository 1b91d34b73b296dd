"""Every shipped level draws: its preview on the level select and a frame of play; and the
1920x1080 logical surface is letterboxed into any window."""

from __future__ import annotations

import pygame
import pytest
from frontend_support import (
    TICK,
    not_one_colour,
    press,
    skip_countdown,
)

from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.ui.display import game_window
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.level_select import LevelSelectScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.theme import LOGICAL_SIZE

SHIPPED = shipped_levels()


def test_the_level_select_previews_and_describes_every_shipped_level(env):
    app = env.app()
    select = LevelSelectScene(app)
    app.push(select)
    assert [p.name for p, _, _ in select.entries] == [p.name for p in SHIPPED]
    seen = []
    for i, (path, level, message) in enumerate(select.entries):
        assert level is not None, f"{path.name}: {message}"
        assert select.index == i
        app.run_frames(1, TICK)
        preview = select.preview(i)
        assert preview is not None
        assert preview.get_size() == (1000, 520)
        assert not_one_colour(preview), f"{path.name}: blank preview"
        assert not_one_colour(app.logical)
        seen.append(pygame.image.tobytes(app.logical, "RGB"))
        press(app, pygame.K_DOWN)
    assert select.index == 0  # wrapped round
    assert len(set(seen)) == len(SHIPPED), "each level's screen should look different"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_a_frame_of_play_draws_for_every_shipped_level(env, path):
    app = env.app()
    level = load_level(path)
    players = max(1, level.definition.players.min or 1)
    seats = [Seat(p, layout=p - 1) for p in sorted(level.spec.starts)[:players]]
    play = PlayScene(app, level, path, seats)
    app.push(play)
    app.run_frames(1, TICK)  # the countdown over the kitchen
    assert not_one_colour(app.logical)
    skip_countdown(app)
    app.run_frames(2, TICK)
    assert app.scene is play
    assert play.round.tick == 3
    assert not_one_colour(app.logical)
    # The window shows the logical surface, scaled.
    assert not_one_colour(app.screen)


def test_letterboxing_keeps_16_9_and_maps_the_window_centre_to_the_logical_centre(env):
    app = env.app(size=(1000, 1000))
    # SDL's renderer scales the 1920x1080 frame into the window (pygame's SCALED mode).
    assert pygame.display.get_window_size() == (1000, 1000)
    assert app.screen.get_size() == LOGICAL_SIZE
    rect = app.window_view()
    assert rect.width == 1000
    assert abs(rect.width / rect.height - 16 / 9) < 0.01
    assert rect.center == (500, 500)
    assert rect.y > 0  # bars above and below
    # SDL gives pointer positions in logical coordinates already.
    assert app.view_rect() == pygame.Rect((0, 0), LOGICAL_SIZE)
    assert app.to_logical((960, 540)) == (960, 540)
    from kitchen.ui.scenes.title import TitleScene

    app.push(TitleScene(app))
    app.run_frames(1, TICK)
    assert not_one_colour(app.screen)


def test_a_resized_window_is_letterboxed_again(env):
    app = env.app(size=(640, 360))
    assert app.window_view().size == (640, 360)
    window = game_window()
    assert window is not None
    window.size = (1000, 400)
    app.dispatch(pygame.event.Event(pygame.VIDEORESIZE, size=(1000, 400), w=1000, h=400))
    rect = app.window_view()
    assert rect.height == 400
    assert rect.center == (500, 200)
    assert abs(rect.width / rect.height - 16 / 9) < 0.01
