"""The in-game debrief of a recorded round: its four phases by keys, replaying a chosen
moment, and saving the report."""

from __future__ import annotations

import pygame
from frontend_support import (
    TICK,
    not_one_colour,
    press,
)

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session
from kitchen.sim import TICKS_PER_SECOND
from kitchen.ui.scenes.debrief import PHASES, DebriefScene
from kitchen.ui.scenes.replay import ReplayScene

TUTORIAL = next(p for p in shipped_levels() if p.stem == "01_tutorial")


def bot_rounds(root, rounds=1, seed=3):
    """Whole rounds of the tutorial played by bots, filed in one session; their logs."""
    level = load_level(TUTORIAL)
    session = Session.create("Ward 7", root=root)
    paths = []
    for n in range(rounds):
        rec = RecordedRound(level, seed + n, [1, 2], session=session)
        team = BotTeam(rec.round)
        while not rec.round.finished:
            rec.step(team.commands())
        paths.append(rec.log_path)
    return paths


def picture(app):
    return pygame.image.tobytes(app.logical, "RGB")


def test_the_four_phases_step_by_keys_and_each_draws(env):
    log_path = bot_rounds(env.data_dir)[0]
    app = env.app()
    scene = DebriefScene(app, log_path)
    app.push(scene)
    assert scene.error is None
    assert scene.moments
    app.run_frames(1, TICK)
    seen = [picture(app)]
    assert scene.phase == 0
    assert not_one_colour(app.logical)
    press(app, pygame.K_RIGHT)
    assert scene.phase == 1
    seen.append(picture(app))
    press(app, pygame.K_RIGHT)
    assert scene.phase == 2
    seen.append(picture(app))
    press(app, pygame.K_RETURN)
    assert scene.phase == 3
    seen.append(picture(app))
    press(app, pygame.K_RIGHT)
    assert scene.phase == len(PHASES) - 1 == 3  # no phase past the last
    assert len(set(seen)) == 4, "each phase looks different"
    press(app, pygame.K_LEFT)
    assert scene.phase == 2
    press(app, pygame.K_DOWN)  # the next lesson card (if there are several)
    assert scene.lesson == (1 % max(1, len(scene.round.cards)))
    press(app, pygame.K_1)
    assert scene.phase == 0
    press(app, pygame.K_4)
    assert scene.phase == 3
    press(app, pygame.K_ESCAPE)
    assert app.scene is None


def test_a_moment_on_the_timeline_replays_from_just_before_it(env):
    log_path = bot_rounds(env.data_dir)[0]
    app = env.app()
    scene = DebriefScene(app, log_path)
    app.push(scene)
    press(app, pygame.K_RETURN)  # Reactions -> Description
    assert scene.phase == 1
    press(app, pygame.K_DOWN)  # the second moment
    moment = scene.moments[1]
    assert moment.time > 5
    press(app, pygame.K_RETURN)
    replay = app.scene
    assert isinstance(replay, ReplayScene)
    assert scene.phase == 1, "Enter on the Description replays instead of moving on"
    start = int((moment.time - 5) * TICKS_PER_SECOND)
    assert replay.start_tick == start
    assert start <= replay.playback.tick <= start + 2
    assert replay.end_tick == int((moment.time + 15) * TICKS_PER_SECOND)
    assert not_one_colour(app.logical)
    tick = replay.playback.tick
    app.run_frames(30, TICK)
    assert replay.playback.tick == tick + 30
    # The replayed round reaches the moment's event: the dish is served again.
    for _ in range(100):  # 20 s of replay at 15 ticks a frame
        app.run_frames(1, 0.25)
        if replay.paused:
            break
    assert replay.paused
    assert replay.playback.tick >= replay.end_tick
    assert replay.playback.round.served >= 2
    press(app, pygame.K_ESCAPE)
    assert app.scene is scene
    assert scene.phase == 1


def test_the_report_is_saved_next_to_the_log_from_the_last_phase(env):
    paths = bot_rounds(env.data_dir, rounds=2)
    app = env.app()
    scene = DebriefScene(app, paths[1])
    app.push(scene)
    assert [r.index for r in scene.session.rounds] == [1, 2]  # compared with round 1
    press(app, pygame.K_4)
    assert scene.phase == 3
    report = paths[1].parent / "report.html"
    assert not report.exists()
    press(app, pygame.K_e)
    assert report.exists()
    html = report.read_text(encoding="utf-8")
    assert "Ward 7" in html
    assert "<html" in html.lower()
    assert scene.saved
    assert str(report) in scene.saved
    app.run_frames(1, TICK)  # draws with the message


def test_e_before_the_last_phase_does_not_save(env):
    log_path = bot_rounds(env.data_dir)[0]
    app = env.app()
    scene = DebriefScene(app, log_path)
    app.push(scene)
    press(app, pygame.K_e)
    assert not (log_path.parent / "report.html").exists()


def test_a_damaged_log_shows_its_problem_instead_of_crashing(env):
    bad = env.root / "round-01.jsonl"
    bad.write_text("this is not a round log\n", encoding="utf-8")
    app = env.app()
    scene = DebriefScene(app, bad)
    app.push(scene)
    app.run_frames(1, TICK)
    assert scene.error
    assert "round-01.jsonl" in scene.error
    press(app, pygame.K_RIGHT)
    assert scene.phase == 0
    press(app, pygame.K_ESCAPE)
    assert app.scene is None


def test_a_damaged_earlier_round_leaves_the_other_rounds_in_the_debrief(env):
    from kitchen.ui.scenes.debrief import load_debrief

    first, second, third = bot_rounds(env.data_dir, rounds=3)
    lines = second.read_text(encoding="utf-8").splitlines(keepends=True)
    second.write_text("".join([*lines[:5], '{"record": "event", "event": "hello"}\n', *lines[5:]]))
    session, this = load_debrief(third)
    assert [r.log.path for r in session.rounds] == [first, third]
    assert this.log.path == third


def drawn_text(app, monkeypatch, methods=("draw",)):
    """Every text the app draws from now on, in order (through ``methods`` of its text
    cache: ``draw``, and ``draw_wrapped`` when asked)."""
    seen = []

    def spy_on(method):
        real = getattr(app.text, method)

        def spy(surface, text, *args, **kwargs):
            seen.append(text)
            return real(surface, text, *args, **kwargs)

        monkeypatch.setattr(app.text, method, spy)

    for method in methods:
        spy_on(method)
    return seen


def test_the_application_phase_compares_only_rounds_of_the_same_level(env, monkeypatch):
    first, second = bot_rounds(env.data_dir, rounds=2)  # the tutorial twice
    other = next(p for p in shipped_levels() if p.stem == "02_two_recipes")
    level = load_level(other)
    session = Session.open(first.parent)
    rec = RecordedRound(level, 3, sorted(level.spec.starts)[:2], session=session)
    team = BotTeam(rec.round)
    while not rec.round.finished:
        rec.step(team.commands())
    third = rec.log_path

    app = env.app()
    scene = DebriefScene(app, second)
    app.push(scene)
    press(app, pygame.K_4)
    seen = drawn_text(app, monkeypatch)
    app.run_frames(1, TICK)
    assert "This round beside earlier rounds of First Shift (level 1)" in seen
    assert any(t.startswith("Better or worse: against round 1, the same level") for t in seen)
    assert {"R1", "R2", "L1"} <= set(seen)
    assert {"better", "worse", "same"} & set(seen)

    app = env.app()
    scene = DebriefScene(app, third)
    app.push(scene)
    press(app, pygame.K_4)
    seen = drawn_text(app, monkeypatch)
    app.run_frames(1, TICK)
    assert "No earlier round of this level: not compared" in seen
    assert not {"better", "worse", "same"} & set(seen)
    assert "R3" in seen
    assert "L2" in seen
    assert "R1" not in seen  # rounds of another level are not put beside it
    assert scene.round.index == 3


def test_the_application_phase_says_why_call_outs_read_na_with_one_person(env, monkeypatch):
    level = load_level(TUTORIAL)
    session = Session.create("Ward 7", root=env.data_dir)
    rec = RecordedRound(level, 3, [1, 2], session=session, people=[1])
    team = BotTeam(rec.round)
    while not rec.round.finished:
        rec.step(team.commands())
    app = env.app()
    app.push(DebriefScene(app, rec.log_path))
    press(app, pygame.K_4)
    seen = drawn_text(app, monkeypatch, ("draw", "draw_wrapped"))
    app.run_frames(1, TICK)
    assert "n/a: only one person played: nobody to talk to" in seen


def test_enter_replays_on_the_description_page_and_its_footer_says_so(env, monkeypatch):
    app = env.app()
    scene = DebriefScene(app, bot_rounds(env.data_dir)[0])
    app.push(scene)
    press(app, pygame.K_2)
    assert scene.moments
    seen = drawn_text(app, monkeypatch)
    app.run_frames(1, TICK)
    footers = [t for t in seen if "Left back" in t]
    assert footers == ["Right next   Left back   1-4 jump   Esc close"]
    assert any("Enter: replay" in t for t in seen)


def test_saving_the_take_aways_does_not_move_their_fields(env):
    app = env.app()
    scene = DebriefScene(app, bot_rounds(env.data_dir)[0])
    app.push(scene)
    press(app, pygame.K_4)
    before = [scene.takeaways.field_rect(i) for i in range(3)]
    scene.takeaways.message = "Take-aways saved with this round"
    app.run_frames(1, TICK)
    assert [scene.takeaways.field_rect(i) for i in range(3)] == before
