"""The Improve phase through the real app, driven with posted events as a facilitator
would: debrief -> Improve -> move a crate in the redesign mode -> idea and prediction ->
save -> play the redesign (the compared round's seed, read from the log header) -> round
end -> debrief -> Improve -> adopt. The session folder holds the redesign and the cycle;
the level the team started from is never written."""

from __future__ import annotations

import shutil

import pygame
import pytest

from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.session.cycles import load_cycles
from kitchen.session.replay import read_round_log
from kitchen.ui.app import App
from kitchen.ui.scenes.debrief import DebriefScene
from kitchen.ui.scenes.improve import ImproveScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.redesign_editor import RedesignScene
from kitchen.ui.scenes.round_end import RoundEndScene

TICKS = 90


@pytest.fixture
def app(tmp_path, monkeypatch):
    for name in ("config", "data"):
        (tmp_path / name).mkdir()
        monkeypatch.setenv(f"KITCHEN_{name.upper()}_DIR", str(tmp_path / name))
    app = App(size=(640, 360), fullscreen=False, seed=None)  # a new seed every round
    pygame.event.clear()
    yield app
    app.close()


def post(app, event_type, **kw):
    pygame.event.post(pygame.event.Event(event_type, **kw))
    app.run_frames(1)


def click(app, pos):
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    post(app, pygame.MOUSEBUTTONUP, pos=pos, button=1)


def key(app, k):
    post(app, pygame.KEYDOWN, key=k, mod=0, unicode="")


def type_text(app, text):
    post(app, pygame.TEXTINPUT, text=text)


def widget(scene, text):
    return next(w.rect.center for w in scene.buttons() if w.text == text and w.field is None)


def field(scene, name):
    return next(w.rect.center for w in scene.buttons() if w.field == name)


def readable(app, screen):
    """Draw the top screen once and check every string: 24 px at 1080p, 4.5:1 contrast."""
    from test_readability import Checker

    checker = Checker()
    checker.screen = f"debrief-{screen}"  # the debrief's floor: 24 px
    app.text.on_draw = checker
    try:
        surface = pygame.Surface((1920, 1080))
        app.scene.draw(surface)
    finally:
        app.text.on_draw = None
    assert checker.drawn, screen
    assert not checker.problems, "\n".join(map(str, checker.problems))


def play_round(app, play):
    """A short round of computer cooks, ended from the facilitator's side."""
    while app.scene is not play:
        app.pop()  # the countdown
    for _ in range(TICKS):
        play.tick()
    play.end_now()
    play.update(0.1)
    end = app.find(RoundEndScene)
    assert end is not None
    return end


def test_plan_play_and_decide_a_cycle_through_the_app(app, tmp_path):
    level_path = tmp_path / "ward.yaml"
    shutil.copy(shipped_levels()[1], level_path)  # two recipes; the lettuce crate at (0,1)
    original = level_path.read_bytes()
    play = app.go("play", level=load_level(level_path), path=level_path, seats=[], bots=True)
    end = play_round(app, play)
    first_log = end.play.recorded.log_path
    seed = read_round_log(first_log).header.seed
    end.debrief()
    debrief = app.scene
    assert isinstance(debrief, DebriefScene)
    key(app, pygame.K_c)
    improve = app.scene
    assert isinstance(improve, ImproveScene)
    assert improve.mode == "plan"
    # the redesign: pick the lettuce crate up and put it on the counter between the stoves
    click(app, widget(improve, "Open the redesign"))
    editor = app.scene
    assert isinstance(editor, RedesignScene)
    editor.canvas.fit(editor.draft.size)
    click(app, editor.canvas.cell_rect(0, 1).center)
    click(app, editor.canvas.cell_rect(4, 0).center)
    assert improve.redesign.changes() == [("move", "moved the lettuce crate from (0,1) to (4,0)")]
    for tab in ("Changes", "Roles", "Protocols", "Problems"):
        editor.tab = tab
        readable(app, f"redesign {tab}")
    key(app, pygame.K_ESCAPE)
    assert app.scene is improve
    # the idea and the prediction, typed
    click(app, field(improve, "idea"))
    type_text(app, "Lettuce beside the stoves")
    key(app, pygame.K_RETURN)  # on to the prediction
    type_text(app, "at least 2 dishes")
    key(app, pygame.K_RETURN)
    assert improve.form.reads_as() == "Dishes served at least 2"
    readable(app, "improve plan")
    click(app, widget(improve, "Save the plan"))
    readable(app, "improve ready")
    assert improve.mode == "ready", improve.message
    folder = first_log.parent
    cycle = load_cycles(folder).cycle(1)
    assert cycle.idea == "Lettuce beside the stoves"
    assert cycle.prediction.measure == "service.served"
    assert cycle.seed == seed
    assert [c.what for c in cycle.changes] == ["moved the lettuce crate from (0,1) to (4,0)"]
    assert (folder / "redesign-01.yaml").read_text(encoding="utf-8").count("L") >= 1
    # play the redesign: the compared round's seed, on the redesigned kitchen
    click(app, widget(improve, "Play the redesign"))
    play2 = app.find(PlayScene)
    assert play2 is not None
    assert play2 is not play
    log2 = play2.recorded.log_path
    header = read_round_log(log2).header
    assert header.seed == seed
    assert header.level_file.endswith("redesign-01.yaml")
    assert play2.level.spec.stations[(4, 0)].ingredient == "lettuce"
    assert load_cycles(folder).cycle(1).tested_round == 2
    end2 = play_round(app, play2)
    end2.debrief()
    key(app, pygame.K_c)
    act = app.scene
    assert isinstance(act, ImproveScene)
    assert act.mode == "act"
    assert act.study is not None
    assert act.study.outcome in ("met", "not met")
    readable(app, "improve act")
    click(app, widget(act, "Adopt"))
    click(app, field(act, "note"))
    type_text(app, "fewer trips for the salad")
    click(app, widget(act, "Save the decision"))
    decided = load_cycles(folder).cycle(1)
    assert decided.decision == "adopt"
    assert decided.decision_note == "fewer trips for the salad"
    assert act.mode == "decided"
    readable(app, "improve decided")
    assert level_path.read_bytes() == original
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["redesign-01.yaml"]
