"""No sound device: the game carries on silently."""

from __future__ import annotations

import pygame
import pytest
from frontend_support import (
    TICK,
    Pilot,
    press,
    skip_countdown,
    write_level,
)

from kitchen.content import load_level
from kitchen.ui.audio import Audio
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene


@pytest.fixture
def no_mixer(monkeypatch):
    """The mixer cannot start (as on a machine with no audio device): SDL has no audio
    driver and ``pygame.mixer.init`` raises. Touching any sound or the music fails loudly
    (with an error Audio does not catch), so a silent Audio must not touch them."""
    calls = []

    def broken_init(*args, **kwargs):
        calls.append(args or kwargs)
        raise pygame.error("no audio device (test)")

    def forbidden(*args, **kwargs):
        raise AssertionError("a disabled Audio must not touch the mixer")

    if pygame.mixer.get_init():
        pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_driver")
    monkeypatch.setattr(pygame.mixer, "init", broken_init)
    monkeypatch.setattr(pygame.mixer, "Sound", forbidden)
    monkeypatch.setattr(pygame.mixer, "set_num_channels", forbidden)
    monkeypatch.setattr(pygame.mixer.music, "load", forbidden)
    monkeypatch.setattr(pygame.mixer.music, "play", forbidden)
    monkeypatch.setattr(pygame.mixer.music, "stop", forbidden)
    monkeypatch.setattr(pygame.mixer, "quit", forbidden)
    yield calls
    monkeypatch.undo()
    pygame.quit()  # the next test's App starts pygame (and its mixer) afresh


def test_audio_without_a_mixer_is_disabled_and_silent(no_mixer):
    audio = Audio()
    assert audio.enabled is False
    assert audio.problem
    assert "no audio device" in audio.problem
    assert no_mixer, "Audio should have tried to start the mixer"
    assert audio.sounds == {}
    audio.play("serve")
    audio.play("no_such_sound", 0.5)
    audio.start_music()
    audio.set_levels(0.2, 0.3, True)
    audio.stop_music()
    audio.close()
    assert audio.enabled is False


def test_a_whole_app_runs_without_sound(env, no_mixer):
    app = env.app()
    assert app.audio.enabled is False
    app.push(TitleScene(app))
    press(app, pygame.K_DOWN)  # menu clicks
    press(app, pygame.K_UP)
    path = write_level(env.root)
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)])
    app.push(play)  # starts the music and the countdown beeps
    app.run_frames(5, 0.1)
    skip_countdown(app)
    pilot = Pilot(app, player=1, layout=0)
    pilot.go(pilot.station("crate", "onion"))
    pilot.act()  # a pick-up sound
    assert [e.type for e in play.events if e.type == "item_spawned"] == ["item_spawned"]
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # end the round: the music stops
    app.run_frames(2, TICK)
    assert play.round.finished
    assert app.running
    app.close()  # closing does not touch the mixer either
