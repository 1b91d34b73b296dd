"""What the facilitator observed (the TEAM tool, notes on tags) and the team's take-aways:
rated and typed in the real App with posted events, appended to the round log as
``observation`` records, read back and validated, ignored by replay, shown in the report."""

from __future__ import annotations

import json

import pygame
import pytest
from frontend_support import TICK, end_round_now, press, write_level
from test_frontend_flow import joined_round

from kitchen.cli import main
from kitchen.content import SourceError
from kitchen.debrief.analysis import analyse_logs
from kitchen.debrief.observations import ITEMS, SOURCE, observed_beside_measured
from kitchen.debrief.report import render_html
from kitchen.session import read_round_log, replay
from kitchen.session.log_model import TagNoteRecord, TakeawaysRecord, TeamRatingRecord
from kitchen.session.observation_log import append_observation
from kitchen.sim.actions import Tag
from kitchen.ui.scenes.debrief import DebriefScene
from kitchen.ui.scenes.observe import ObserveScene


def ended_round(env, app):
    """Play the quick-soup level in the App for a second, end it from the pause menu; the
    round and the results screen."""
    play = joined_round(env, app, write_level(env.root))
    app.run_frames(60, TICK)
    end = end_round_now(app)
    return play, end


def key(k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))


def typed(text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))


def click(app, pos) -> None:
    """A left click at logical ``pos`` (SDL gives pointer positions in logical coordinates,
    whatever the window's size)."""
    window = pos
    x, y = app.to_logical(window)
    assert abs(x - pos[0]) <= 3
    assert abs(y - pos[1]) <= 3
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=window, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=window, button=1))


def open_sheet_from_results(app, end) -> ObserveScene:
    labels = [item.text() for item in end.menu.items]
    assert "Observe: rate the team" in labels
    for _ in range(labels.index("Observe: rate the team")):
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    sheet = app.scene
    assert isinstance(sheet, ObserveScene)
    assert sheet.error is None
    return sheet


def test_the_facilitator_rates_a_round_from_the_results_screen_and_it_is_saved(env):
    app = env.app()
    play, end = ended_round(env, app)
    log_path = play.recorded.log_path
    before = log_path.read_bytes()
    sheet = open_sheet_from_results(app, end)
    # keys: 3 for the first item, 2 for the second, skip the third (N), 4 for the fourth
    for k in (pygame.K_3, pygame.K_2, pygame.K_n, pygame.K_DOWN, pygame.K_4):
        key(k)
    app.run_frames(1, TICK)
    # the mouse: "1" on the "composure" row, then the global rating 8
    row = [i.key for i in ITEMS].index("composure")
    one = next(rect for value, rect in sheet._buttons(row) if value == 1)
    click(app, one.center)
    app.run_frames(1, TICK)
    eight = next(rect for value, rect in sheet._buttons(len(ITEMS)) if value == 8)
    click(app, eight.center)
    app.run_frames(1, TICK)
    assert sheet.unsaved
    key(pygame.K_s)
    app.run_frames(1, TICK)
    assert "Saved into" in sheet.message
    assert not sheet.unsaved

    after = log_path.read_bytes()
    assert after.startswith(before), "the log is only appended to"
    last = json.loads(after.decode().splitlines()[-1])
    assert last["record"] == "observation"
    assert last["kind"] == "team"
    log = read_round_log(log_path)
    (rating,) = log.observations
    assert isinstance(rating, TeamRatingRecord)
    assert rating.ratings.leader_direction == 3
    assert rating.ratings.leader_overview == 2
    assert rating.ratings.communication is None  # skipped: not observed
    assert rating.ratings.working_together == 4
    assert rating.ratings.composure == 1
    assert rating.ratings.morale is None
    assert rating.global_rating == 8
    assert replay(log).identical

    # Esc leaves (nothing unsaved); the results screen is below
    key(pygame.K_ESCAPE)
    app.run_frames(1, TICK)
    assert app.scene is end


def test_leaving_the_sheet_with_unsaved_ratings_asks_once_more(env):
    app = env.app()
    _, end = ended_round(env, app)
    sheet = open_sheet_from_results(app, end)
    press(app, pygame.K_2)
    press(app, pygame.K_ESCAPE)
    assert app.scene is sheet
    assert "Not saved yet" in sheet.message
    press(app, pygame.K_ESCAPE)
    assert app.scene is end


def tagged_log(env):
    """A bot-played tutorial round with two tags, filed in a session; its log path."""
    from kitchen.bots import BotTeam
    from kitchen.content import load_level
    from kitchen.paths import shipped_levels
    from kitchen.session import RecordedRound, Session

    tutorial = next(p for p in shipped_levels() if p.stem == "01_tutorial")
    session = Session.create("Ward 7", root=env.data_dir)
    rec = RecordedRound(load_level(tutorial), 3, [1, 2], session=session)
    team = BotTeam(rec.round)
    while not rec.round.finished:
        tick = rec.round.tick
        tags = {600: [Tag("good closed loop")], 3000: [Tag("silo", "stayed put")]}
        rec.step(team.commands(), tags.get(tick, []))
    return rec.log_path


def test_the_debrief_opens_the_sheet_notes_on_tags_and_take_aways_reach_the_report(env):
    log_path = tagged_log(env)
    app = env.app()
    debrief = DebriefScene(app, log_path)
    app.push(debrief)
    app.run_frames(1, TICK)
    press(app, pygame.K_o)
    sheet = app.scene
    assert isinstance(sheet, ObserveScene)
    assert sheet.log is debrief.round.log
    assert [(t.tick, t.label) for t in sheet.tags] == [(600, "good closed loop"), (3000, "silo")]
    # rate communication 4, then write a note on the second tag
    for _ in range(2):
        press(app, pygame.K_DOWN)
    press(app, pygame.K_4)
    for _ in range(sheet.rows - sheet.cursor - 1):
        press(app, pygame.K_DOWN)
    assert sheet._tag_at(sheet.cursor).label == "silo"
    press(app, pygame.K_RETURN)
    assert sheet.editing
    typed("Chef 2 never left the stove <b>")
    app.run_frames(1, TICK)
    press(app, pygame.K_RETURN)
    assert not sheet.editing
    press(app, pygame.K_s)
    assert "Saved" in sheet.message
    press(app, pygame.K_m)
    assert sheet.show_measured
    press(app, pygame.K_ESCAPE)
    assert app.scene is debrief

    # the Application phase: the team types its take-aways
    press(app, pygame.K_4)
    assert debrief.phase == 3
    press(app, pygame.K_t)
    assert debrief.takeaways.editing
    typed("Say who the call is for")
    app.run_frames(1, TICK)
    press(app, pygame.K_TAB)
    typed("Hand over at the pass, not the stove")
    app.run_frames(1, TICK)
    press(app, pygame.K_ESCAPE)  # stops typing (and saves); the debrief stays open
    assert app.scene is debrief
    assert not debrief.takeaways.editing
    assert "saved" in debrief.takeaways.message

    log = read_round_log(log_path)
    kinds = [o.kind for o in log.observations]  # type: ignore[attr-defined]
    assert kinds[0] == "team"
    assert "tag_note" in kinds
    assert kinds[-1] == "takeaways"
    note = next(o for o in log.observations if isinstance(o, TagNoteRecord))
    assert (note.tick, note.label, note.note) == (3000, "silo", "Chef 2 never left the stove <b>")
    take = log.observations[-1]
    assert isinstance(take, TakeawaysRecord)
    assert take.keep == "Say who the call is for"
    assert take.change == "Hand over at the pass, not the stove"
    assert take.at_work == ""
    assert replay(log).identical

    # the report, made from the debrief (E) and from the command line
    press(app, pygame.K_e)
    html = (log_path.parent / "report.html").read_text(encoding="utf-8")
    for text in (
        "Observed beside measured",
        "Team members communicated clearly and effectively with each other.",
        "4 / 4",
        "not observed",
        "Closed-loop ratio",
        "Chef 2 never left the stove &lt;b&gt;",
        "Say who the call is for",
        "Hand over at the pass, not the stove",
        "Resuscitation 2010;81(4):446-452",
    ):
        assert text in html, text
    out = env.root / "out.html"
    assert main(["report", str(log_path.parent), "-o", str(out)]) == 0
    assert "Say who the call is for" in out.read_text(encoding="utf-8")


def test_a_round_without_observations_says_so_in_the_report(env):
    log = read_round_log(tagged_log(env))
    html = render_html(analyse_logs([log]))
    assert "did not rate this round on the TEAM tool" in html
    assert "take-aways" not in html.split("Observed beside measured")[1].split("</div>")[0]


def test_observed_rows_pair_items_with_measures_and_say_n_a(env):
    log_path = tagged_log(env)
    append_observation(log_path, {"kind": "team", "ratings": {"communication": 3}})
    log = read_round_log(log_path)
    rows = observed_beside_measured({"communication.closed_loop_ratio": None}, log.observations[0])
    comm = next(r for r in rows if r.key == "communication")
    assert comm.shown == "3 / 4"
    assert ("Closed-loop ratio", "n/a") in comm.measured
    morale = next(r for r in rows if r.key == "morale")
    assert morale.shown == "not observed"
    assert morale.measured == []
    assert rows[-1].key == "global"
    assert rows[-1].shown == "not observed"
    assert "Cooper" in SOURCE


@pytest.mark.parametrize(
    ("record", "key", "message"),
    [
        (
            {"kind": "team", "ratings": {"communication": 5}},
            "ratings.communication",
            "must be at most 4, not 5",
        ),
        (
            {"kind": "team", "ratings": {"moral": 3}},
            "ratings.moral",
            "is not a field of this record",
        ),
        (
            {"kind": "team", "ratings": {}, "global_rating": 11},
            "global_rating",
            "must be at most 10, not 11",
        ),
        (
            {"kind": "tema"},
            "kind",
            'unknown observation kind "tema"; one of team, tag_note, takeaways',
        ),
        ({"kind": "tag_note", "tick": 5, "label": "silo"}, "note", "is missing"),
        ({"kind": "takeaways", "keep": 7}, "keep", "must be text in quotes, not 7"),
        (
            {"kind": "takeaways", "keep": "x" * 2001},
            "keep",
            "is 2001 characters long; at most 2000",
        ),
    ],
)
def test_a_damaged_observation_record_is_one_positioned_line(env, capsys, record, key, message):
    log_path = tagged_log(env)
    line = json.dumps({"record": "observation", "created": "", **record}, separators=(",", ":"))
    with open(log_path, "a", encoding="utf-8") as f:
        f.write(line + "\n")
    number = len(log_path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(SourceError) as err:
        read_round_log(log_path)
    (problem,) = err.value.problems
    text = str(problem)
    assert "\n" not in text
    if message == "is missing":
        assert text.startswith(f"{log_path}:{number}:")
        assert text.endswith(f"{key}: {message}")
    else:
        last = key.split(".")[-1]
        col = line.index(f'"{last}":') + len(f'"{last}":') + 1
        assert text == f"{log_path}:{number}:{col}: {key}: {message}"
    # the same one line from the command line, exit 1, no traceback
    assert main(["replay", str(log_path)]) == 1
    assert f"{key}: {message}" in capsys.readouterr().err


def test_the_game_never_writes_an_observation_the_reader_refuses(env):
    log_path = tagged_log(env)
    before = log_path.read_bytes()
    with pytest.raises(SourceError, match="ratings.communication: must be at most 4"):
        append_observation(log_path, {"kind": "team", "ratings": {"communication": 9}})
    assert log_path.read_bytes() == before


def test_no_observation_is_appended_after_a_torn_last_line(env):
    log_path = tagged_log(env)
    with open(log_path, "ab") as f:
        f.write(b'{"record":"event","event":{"type":"order_')
    before = log_path.read_bytes()
    with pytest.raises(SourceError, match="incomplete line"):
        append_observation(log_path, {"kind": "takeaways", "keep": "x"})
    assert log_path.read_bytes() == before


def test_replay_ignores_observations(env):
    log_path = tagged_log(env)
    plain = read_round_log(log_path)
    append_observation(log_path, {"kind": "team", "ratings": {"morale": 4}, "global_rating": 9})
    append_observation(log_path, {"kind": "takeaways", "keep": "talk"})
    log = read_round_log(log_path)
    assert len(log.observations) == 2
    assert log.events == plain.events
    assert log.changes == plain.changes
    assert log.actions == plain.actions
    result = replay(log)
    assert result.identical
    assert result.events == len(plain.events)
