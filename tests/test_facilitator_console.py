"""The facilitator console: its own window when a second display is present (the players'
screen then shows nothing of the facilitator's), a compact panel beside the kitchen with
one display. Both are driven through the real app with posted events."""

from __future__ import annotations

import pygame
import pytest
from frontend_support import TICK, not_one_colour, press, skip_countdown

from kitchen.content import load_level
from kitchen.debrief.observations import latest_rating, round_tags
from kitchen.paths import shipped_levels
from kitchen.session import read_round_log
from kitchen.ui.console_window import console_placement
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.observe import ObserveScene
from kitchen.ui.scenes.overlays import PauseScene
from kitchen.ui.scenes.play import SIDE_MARGIN, PlayScene
from kitchen.ui.scenes.round_end import RoundEndScene
from kitchen.ui.theme import LOGICAL_SIZE

BROKEN_KIT = next(p for p in shipped_levels() if p.stem == "04_broken_kit")


def start(app):
    play = PlayScene(
        app, load_level(BROKEN_KIT), BROKEN_KIT, [Seat(1, layout=0), Seat(2, layout=1)]
    )
    app.push(play)
    skip_countdown(app)
    app.run_frames(3, TICK)
    return play


def in_console(app, kind, **data):
    """Post an event as if it happened in the console window."""
    pygame.event.post(pygame.event.Event(kind, window=app.console_window.window, **data))


def console_key(app, key, frames=1):
    in_console(app, pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
    in_console(app, pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)
    app.run_frames(frames, TICK)


def console_click(app, point):
    """A click at ``point`` of the console's 1920x1080 canvas, in window pixels."""
    rect = app.console_window.view_rect()
    pos = (
        rect.x + round(point[0] * rect.width / LOGICAL_SIZE[0]),
        rect.y + round(point[1] * rect.height / LOGICAL_SIZE[1]),
    )
    in_console(app, pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
    in_console(app, pygame.MOUSEBUTTONUP, pos=pos, button=1)
    app.run_frames(1, TICK)


def of_type(play, kind):
    return [e for e in play.events if e.type == kind]


@pytest.mark.parametrize(
    ("choice", "displays", "expected"),
    [
        ("auto", 1, ("panel", 0)),
        ("auto", 2, ("window", 1)),
        ("window", 1, ("window", 0)),
        ("window", 2, ("window", 1)),
        ("panel", 2, ("panel", 0)),
    ],
)
def test_auto_opens_a_console_window_when_two_displays_are_present(
    monkeypatch, choice, displays, expected
):
    monkeypatch.setattr(pygame.display, "get_num_displays", lambda: displays)
    assert console_placement(choice) == expected
    with pytest.raises(ValueError, match="--console is one of window, panel, auto"):
        console_placement("projector")


def test_the_console_window_runs_the_round_and_the_players_screen_shows_none_of_it(env):
    app = env.app(console="window")
    assert app.console_mode == "window"
    assert isinstance(app.console_window.window, pygame.Window)
    play = start(app)
    controls = play.facilitator
    assert not controls.on_shared_screen

    # A tag chosen in the console is recorded at once; the note is typed after it.
    console_key(app, pygame.K_F3)
    assert controls.mode == "tags"
    console_key(app, pygame.K_RETURN, frames=2)
    assert [e.label for e in of_type(play, "facilitator_tag")] == [app.settings.tags[0]]
    assert controls.mode == "note"
    in_console(app, pygame.TEXTINPUT, text="asked twice")
    console_key(app, pygame.K_RETURN)
    assert controls.tagged[-1].note == "asked twice"

    # The players' screen is the same with the facilitator's list open or closed.
    controls.open("tags")
    app.run_frames(1, TICK)
    assert play.view is play.full_view, "the kitchen keeps the whole screen"
    surface = pygame.Surface(LOGICAL_SIZE)
    play.draw(surface)
    with_list = surface.copy()
    controls.close()
    play.draw(surface)
    assert pygame.image.tobytes(surface, "RGB") == pygame.image.tobytes(with_list, "RGB")

    # A click on a disruption's row triggers it; +30 s by its button.
    console_click(app, app.console_window.view.disruption_rows(play)[1].center)
    app.run_frames(1, TICK)
    started = of_type(play, "disruption_started")
    assert [(e.label, e.source) for e in started][-1:] == [
        (play.level.spec.disruptions[1].label, "facilitator")
    ]
    buttons = app.console_window.view.control_buttons()
    console_click(app, buttons["extend"].center)
    app.run_frames(1, TICK)
    assert len(of_type(play, "round_extended")) == 1

    # Keys the console does not use go to the game: chef 1 walks.
    chef = play.round.chefs[1]
    x = chef.x
    in_console(app, pygame.KEYDOWN, key=pygame.K_d, mod=0, unicode="d", scancode=0)
    app.run_frames(4, TICK)
    assert chef.x > x
    in_console(app, pygame.KEYUP, key=pygame.K_d, mod=0, unicode="d", scancode=0)
    assert not_one_colour(app.console_window.canvas)

    # End round: twice. The console then holds the rating form with the note on the tag.
    console_click(app, buttons["end"].center)
    app.run_frames(2, TICK)
    assert not play.round.finished
    console_click(app, buttons["end"].center)
    app.run_frames(3, TICK)
    assert isinstance(app.scene, RoundEndScene)
    sheet = app.console_window.sheet
    assert isinstance(sheet, ObserveScene)
    log = read_round_log(play.recorded.log_path)
    assert [(t.label, t.later_note) for t in round_tags(log)] == [
        (app.settings.tags[0], "asked twice")
    ]
    console_key(app, pygame.K_3)  # the first TEAM item: 3
    console_key(app, pygame.K_s)
    rating = latest_rating(read_round_log(play.recorded.log_path))
    assert rating is not None
    assert next(iter(rating.ratings.model_dump().values())) == 3
    console_key(app, pygame.K_ESCAPE)
    assert app.console_window.sheet is None
    assert isinstance(app.scene, RoundEndScene), "Esc in the console leaves only the form"


def test_closing_the_console_window_brings_the_panel_back(env):
    app = env.app(console="window")
    play = start(app)
    in_console(app, pygame.WINDOWCLOSE)
    app.run_frames(1, TICK)
    assert app.running
    assert app.console_window is None
    assert app.console_mode == "panel"
    assert play.facilitator.on_shared_screen
    press(app, pygame.K_F2)
    assert play.facilitator.is_open()


def test_one_display_the_panel_sits_beside_the_kitchen_and_esc_closes_it_first(env):
    app = env.app(size=(1920, 1080))
    assert app.console_window is None
    play = start(app)
    press(app, pygame.K_F2, frames=2)
    assert play.facilitator.is_open()
    panel = play.facilitator.panel_rect()
    assert not panel.colliderect(play.view.rect), "the panel never covers the kitchen"
    assert play.view is play.side_view
    assert play.view.rect.right <= 1920 - SIDE_MARGIN, "a gap at the screen's right edge"

    press(app, pygame.K_ESCAPE, frames=2)
    assert play.facilitator.mode is None
    assert app.scene is play, "Esc closed the panel, not opened the pause menu"
    assert play.view is play.full_view

    # A tag with a note, typed in the panel; saved into the log when the round ends.
    press(app, pygame.K_F3)
    press(app, pygame.K_RETURN, frames=2)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="silo at the pass"))
    press(app, pygame.K_RETURN)
    assert play.facilitator.mode is None
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, PauseScene)
    press(app, pygame.K_ESCAPE)
    play.end_now()
    app.run_frames(3, TICK)
    assert isinstance(app.scene, RoundEndScene)
    tags = round_tags(read_round_log(play.recorded.log_path))
    assert [(t.label, t.later_note) for t in tags] == [(app.settings.tags[0], "silo at the pass")]


def contrast(a, b):
    def lum(c):
        def f(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b_ = (f(v) for v in c[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_console_text_is_readable_at_1080p(env, monkeypatch):
    """Every text the console draws is at least 24 px in its window on a 1080p laptop and
    has a contrast of at least 4.5:1 against each fill it can be drawn on."""
    from kitchen.ui.console_window import console_size

    app = env.app(console="window")
    play = start(app)
    console = app.console_window
    drawn = []
    original = app.text.draw
    recording = []  # the console's own views (the TEAM form is the shared observe sheet)

    def record(surface, text, size, colour, *args, **kw):
        if surface is console.canvas and recording:
            drawn.append((text, size, colour))
        return original(surface, text, size, colour, *args, **kw)

    monkeypatch.setattr(app.text, "draw", record)
    play.facilitator.tag(app.settings.tags[0])
    play.facilitator.draft = "a note"
    app.run_frames(2, TICK)
    recording.append(True)
    console.draw()
    play.facilitator.finish_note(keep=True)
    play.facilitator.open("help")
    console.draw()
    play.facilitator.close()
    recording.clear()
    play.end_now()
    app.run_frames(3, TICK)
    console.close_sheet()
    recording.append(True)
    console.draw()
    assert len(drawn) > 30
    scale = console_size((1920, 1080))[1] / LOGICAL_SIZE[1]
    t = app.theme
    for text, size, colour in drawn:
        assert size * scale >= 24, (text, size)
        fills = [t.accent] if colour == t.accent_text else [t.panel, t.backdrop]
        for fill in fills:
            assert contrast(colour, fill) >= 4.5, (text, colour, fill)
