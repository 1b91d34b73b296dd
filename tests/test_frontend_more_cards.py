"""The debrief's Analysis phase shows the three lesson cards furthest from the level's
baseline; M shows every card; a card shows all its sources."""

from __future__ import annotations

import pygame
from frontend_support import TICK, press
from test_frontend_debrief import bot_rounds, picture

from kitchen.debrief.lessons import LessonCard
from kitchen.ui.scenes.debrief import DebriefScene


def card(i: int) -> LessonCard:
    sources = (f"Author {i}, first source, 2001.", f"Author {i}, second source, 2002.")
    return LessonCard(f"c{i}", f"Card {i}", "Topic", "showed", "why", ("q?",), sources, 5.0 - i)


def test_three_cards_then_m_for_more(env):
    app = env.app()
    scene = DebriefScene(app, bot_rounds(env.data_dir)[0])
    app.push(scene)
    scene.round.cards = [card(i) for i in range(5)]
    press(app, pygame.K_3)
    assert scene.phase == 2
    drawn = []
    for _ in range(3):
        app.run_frames(1, TICK)
        drawn.append(picture(app))
        press(app, pygame.K_DOWN)
    assert scene.lesson == 0, "Down cycles through the three shown cards"
    assert len(set(drawn)) == 3
    press(app, pygame.K_m)
    assert scene.more_cards
    assert scene._cards() == scene.round.cards
    for _ in range(4):
        press(app, pygame.K_DOWN)
    assert scene._cards()[scene.lesson].id == "c4"
    app.run_frames(1, TICK)
    press(app, pygame.K_m)
    assert not scene.more_cards
    assert len(scene._cards()) == 3
