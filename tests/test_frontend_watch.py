"""Live reload (``kitchen play LEVEL --watch``): saving the level file restarts the round
with the new level; saving a broken file shows where the problem is and keeps playing."""

from __future__ import annotations

import os

from frontend_support import (
    QUICK_SOUP_LEVEL,
    TICK,
    not_one_colour,
    skip_countdown,
    write_level,
)

from kitchen.content import load_level
from kitchen.ui.input.seats import Seat
from kitchen.ui.level_watch import WATCH_EVERY
from kitchen.ui.scenes.play import PlayScene


def save(path, text, bump):
    """Write ``text`` and move the file's mtime on by ``bump`` seconds (so the change is
    seen even on file systems with coarse timestamps)."""
    old = path.stat().st_mtime
    path.write_text(text, encoding="utf-8")
    os.utime(path, (old + bump, old + bump))


def watched(env):
    app = env.app()
    path = write_level(env.root)
    play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)], watch=True)
    app.push(play)
    skip_countdown(app)
    app.run_frames(10, TICK)
    return app, play, path


def test_saving_a_changed_level_reloads_it_and_starts_a_new_round(env):
    app, play, path = watched(env)
    old_round, old_log = play.round, play.recorded.log_path
    rounds = app.rounds_played
    assert play.level.title == "Quick Soup"
    text = QUICK_SOUP_LEVEL.replace("title: Quick Soup", "title: Quicker Soup").replace(
        "recipes: [{name: onion_soup, cook_seconds: 1}]",
        "recipes: [{name: onion_soup, cook_seconds: 2, value: 35}]",
    )
    save(path, text, 5)
    app.run_frames(int(WATCH_EVERY / TICK) + 5, TICK)
    assert play.level.title == "Quicker Soup"
    assert play.round.spec.recipes["onion_soup"].value == 35
    assert play.round is not old_round
    assert app.rounds_played == rounds + 1
    assert 0 < play.round.tick < 60
    assert play.events[0].type == "round_started"
    assert play.watch_error is None
    assert play.banner is not None
    assert play.banner[0] == "Level reloaded"
    assert play.recorded.log_path != old_log  # the new round has its own log
    assert not_one_colour(app.logical)


def test_saving_a_broken_level_keeps_the_old_one_running_and_says_where(env):
    app, play, path = watched(env)
    level, rnd = play.level, play.round
    broken = QUICK_SOUP_LEVEL.replace("round: {seconds: 30}", "round: {seconds: thirty}")
    save(path, broken, 5)
    app.run_frames(int(WATCH_EVERY / TICK) + 5, TICK)
    assert play.watch_error, "the problem must be shown"
    line = broken.splitlines().index("round: {seconds: thirty}") + 1
    assert f"{path}:{line}:" in play.watch_error, play.watch_error  # file:line:column
    assert "round.seconds" in play.watch_error
    assert play.level is level
    assert play.round is rnd
    tick = rnd.tick
    app.run_frames(10, TICK)
    assert rnd.tick == tick + 10, "the last good version keeps running"
    assert not_one_colour(app.logical)

    # YAML that does not parse at all.
    save(path, "name: [unclosed\n", 10)
    app.run_frames(int(WATCH_EVERY / TICK) + 5, TICK)
    assert play.watch_error
    assert play.watch_error.startswith(f"{path}:")
    assert "YAML" in play.watch_error
    assert play.round is rnd
    assert rnd.tick > tick + 10

    # Fixed again: the error goes and the level reloads.
    save(path, QUICK_SOUP_LEVEL.replace("Quick Soup", "Fixed Soup"), 15)
    app.run_frames(int(WATCH_EVERY / TICK) + 5, TICK)
    assert play.watch_error is None
    assert play.level.title == "Fixed Soup"
    assert play.round is not rnd


def test_a_deleted_level_file_is_ignored(env):
    app, play, path = watched(env)
    rnd = play.round
    path.unlink()
    app.run_frames(int(WATCH_EVERY / TICK) + 5, TICK)
    assert play.round is rnd
    assert play.watch_error is None
    assert rnd.tick > 10
