"""The results screen: its table's text never runs together (four chefs, large numbers, both
views), and the players' menu offers the TEAM rating form only when the facilitator has no
console window of their own (there, the console opens the form)."""

from __future__ import annotations

import pygame
import pytest
from frontend_support import draws_of, env, write_level  # noqa: F401  (env is a fixture)

from kitchen.content import load_level
from kitchen.ui.input.seats import Seat
from kitchen.ui.scenes.overlays import PauseScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.round_end import TABLE, RoundEndScene
from kitchen.ui.text import TextDraw

FOUR_CHEFS = """\
version: 1
name: four_chefs
title: Four Chefs
description: Four chefs, one soup.
map: |
  XXPXPXXXXX
  O        S
  X 1 2 3 4X
  D        X
  XXXBXXXXXX
recipes: [{name: onion_soup, cook_seconds: 1}]
round: {seconds: 30}
orders:
  patience: 120
  schedule: [{at: 0, recipe: onion_soup}]
scoring: {stars: [10, 20, 30]}
"""


def ended(app, folder) -> RoundEndScene:
    """A four-chef round played by computer cooks for a moment, ended from the pause menu."""
    path = write_level(folder, FOUR_CHEFS)
    level = load_level(path)
    seats = [Seat(n, layout=n - 1) for n in (1, 2)]
    play = PlayScene(app, level, path, seats, bots=True)
    app.reset_to(play)
    app.pop()  # the countdown
    for _ in range(20):
        play.tick()
    pause = PauseScene(app, play)
    app.push(pause)
    pause.end()
    play.update(0.1)
    end = app.find(RoundEndScene)
    assert end is not None, app.scenes
    app.reset_to(end)
    return end


def rows_of_text(app, end: RoundEndScene) -> dict[int, list[TextDraw]]:
    """The table's strings as drawn, by the line they sit on."""
    rows: dict[int, list[TextDraw]] = {}
    for d in draws_of(app, end):
        if TABLE.contains(d.rect):
            rows.setdefault(d.rect.centery // 36, []).append(d)
    return rows


@pytest.mark.parametrize("team_only", [False, True])
def test_no_text_in_a_row_of_the_table_runs_into_the_next(env, team_only):  # noqa: F811
    app = env.app()
    end = ended(app, env.root)
    assert len(end.summary) == 4
    for row in end.summary:
        row.update(served=999, prepared=999, given=999, received=999, callouts=999)
    end.team_only = team_only
    rows = rows_of_text(app, end)
    heads = [d.text for line in rows.values() for d in line]
    assert "Handed over" in heads
    assert "Received" in heads
    assert len(rows) == (2 if team_only else 5), {k: [d.text for d in v] for k, v in rows.items()}
    for line in rows.values():
        assert len(line) == 6, [d.text for d in line]
        for i, a in enumerate(line):
            for b in line[i + 1 :]:
                assert not a.rect.colliderect(b.rect), (a.text, a.rect, b.text, b.rect)


@pytest.mark.parametrize(("console", "offered"), [("panel", True), ("window", False)])
def test_the_players_menu_offers_the_rating_form_only_without_a_console_window(
    env,  # noqa: F811
    console,
    offered,
):
    app = env.app(console=console)
    assert app.console_mode == console
    end = ended(app, env.root)
    labels = [item.text() for item in end.menu.items]
    assert "Debrief this round" in labels
    assert ("Observe: rate the team" in labels) is offered
    pygame.event.clear()
