"""Readability and safety of what is drawn: a resting mouse pointer never steals the menu,
a carried item never hides a chef's number, warnings blink slowly and at the same rate at
any frame rate, the burn alarm repeats, and 4K is scaled without error."""

from __future__ import annotations

import pygame
import pytest
from frontend_support import TICK

from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.sim import TICKS_PER_SECOND
from kitchen.sim.items import Item
from kitchen.sim.stations import Stove
from kitchen.ui.display import scale_filter
from kitchen.ui.input.seats import Seat
from kitchen.ui.render.kitchen_view import BLINKS_PER_SECOND, KitchenView, pot_warning
from kitchen.ui.round_feedback import ALARM_EVERY
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene


def _tutorial_play(app) -> PlayScene:
    path = shipped_levels()[0]
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)])
    app.scenes.append(play)  # straight into play, no countdown
    return play


def test_a_resting_pointer_does_not_take_the_menu_highlight(env):
    app = env.app()
    title = TitleScene(app)
    app.push(title)
    first = title.menu.index
    rects = title.menu.rects()
    other = next(i for i in range(len(rects)) if i != first)
    centre = rects[other].center
    # Window coordinates of that logical point (the test window is letterboxed).
    view = app.view_rect()
    pos = (view.x + centre[0] * view.width // 1920, view.y + centre[1] * view.height // 1080)
    # SDL's motion when the window opens under a still pointer: rel (0, 0).
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.run_frames(1, TICK)
    assert title.menu.index == first
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(3, 1), buttons=(0, 0, 0))
    )
    app.run_frames(1, TICK)
    assert title.menu.index == other


@pytest.mark.parametrize("facing", [(0, 1), (0, -1), (1, 0), (-1, 0)])
def test_a_carried_item_never_covers_the_chefs_number(env, facing):
    app = env.app()
    play = _tutorial_play(app)
    view: KitchenView = play.view
    chef = play.round.chefs[1]
    chef.facing = facing
    surface = pygame.Surface((1920, 1080))
    centre = (900.0, 600.0)
    c = view.cell
    number = pygame.Rect(0, 0, int(c * 0.3), int(c * 0.3))
    number.center = (round(centre[0]), round(centre[1] + c * 0.07))

    def draw(held):
        chef.held = held
        surface.fill((0, 0, 0))
        view._chef(surface, chef, centre, None)
        return pygame.image.tobytes(surface.subsurface(number), "RGB")

    bare = draw(None)
    for item in (
        Item(1, "plate", contents=[Item(2, "soup", "soup:onion+onion+onion")]),
        Item(3, "ingredient", "onion"),
    ):
        assert draw(item) == bare, f"{item.describe()} covers the number when facing {facing}"


def _blink_pattern(
    view: KitchenView, play: PlayScene, fps: int, seconds: float
) -> list[tuple[float, bool]]:
    """(time, on) for each frame of a warning pot drawn at ``fps``."""
    surface = pygame.Surface((1920, 1080))
    rnd = play.round
    out = []
    frames = int(seconds * fps)
    for frame in range(frames):
        t = frame / fps
        rnd.tick = int(t * TICKS_PER_SECOND)
        fraction = t * TICKS_PER_SECOND - rnd.tick
        view.draw(surface, rnd, None, fraction)
        out.append((t, view._blink(BLINKS_PER_SECOND)))
    return out


def test_warnings_blink_at_most_twice_a_second_whatever_the_frame_rate(env):
    app = env.app()
    play = _tutorial_play(app)
    view = play.view
    results = {}
    for fps in (30, 60, 144):
        pattern = _blink_pattern(view, play, fps, 2.0)
        flashes = sum(
            1 for (_, a), (_, b) in zip(pattern, pattern[1:], strict=False) if b and not a
        )
        assert flashes <= 2 * BLINKS_PER_SECOND  # 2 seconds: at most 2 flashes a second
        assert BLINKS_PER_SECOND < 3  # WCAG 2.3.1: fewer than three flashes a second
        results[fps] = [(round(t, 3), on) for t, on in pattern]
    # Sampled at the same instants, 30 and 144 fps show the same state.
    at_144 = dict(results[144])
    for t, on in results[30]:
        if t in at_144:
            assert at_144[t] == on


def _pot_about_to_burn(play: PlayScene) -> Stove:
    rnd = play.round
    tile, stove = next((t, s) for t, s in rnd.stations.items() if isinstance(s, Stove))
    stove.contents = [Item(900 + i, "ingredient", "onion") for i in range(3)]
    stove.state, stove.cook_ticks = "ready", 60
    stove.timer = rnd.spec.burn_ticks - rnd.spec.burn_warning_ticks
    return stove


def _burning_play(app) -> PlayScene:
    """Play on the first shipped level where pots burn (level 1 teaches: nothing burns)."""
    path = next(p for p in shipped_levels() if load_level(p).spec.burn_ticks is not None)
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)])
    app.scenes.append(play)  # straight into play, no countdown
    return play


def test_the_burn_alarm_repeats_while_a_pot_is_about_to_burn(env, monkeypatch):
    app = env.app()
    play = _burning_play(app)
    stove = _pot_about_to_burn(play)
    assert pot_warning(play.round, stove)
    played: list[str] = []
    monkeypatch.setattr(app.audio, "play", lambda name, volume=1.0: played.append(name))
    for _ in range(3 * ALARM_EVERY):
        play.tick()
    assert played.count("alarm") >= 3
    assert stove.state == "ready"  # still warning, not yet burnt


def test_a_4k_window_is_filled_by_exact_doubling(env):
    app = env.app(size=(3840, 2160))
    app.push(TitleScene(app))
    app.run_frames(2, TICK)
    # SDL's renderer scales the frame into the window, by whole pixels at an exact multiple.
    assert pygame.display.get_window_size() == (3840, 2160)
    assert app.window_view() == pygame.Rect(0, 0, 3840, 2160)
    assert scale_filter((3840, 2160)) == "nearest"
    assert scale_filter((1366, 768)) == "linear"
