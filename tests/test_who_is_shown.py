"""After a round, every place that names the chefs says which a computer cook played: the
results screen's table, the debrief's timeline lanes, and the report's chefs line, timeline
lanes and "Each chef" table ("Chef 2 (computer)"; a chef that changed hands says so). A round
only people played names nobody that way. The report's chef colours are the game's, and the
results screen says where the round was saved in a few words, not a full path."""

from __future__ import annotations

import re

import pygame
import pytest
from frontend_support import (  # noqa: F401  (env is a fixture)
    TICK,
    draws_of,
    end_round_now,
    env,
    press,
    write_level,
)
from i18n_support import english_afterwards  # noqa: F401  (an autouse fixture)
from test_round_end_layout import FOUR_CHEFS

from kitchen import i18n
from kitchen.bots import BotTeam
from kitchen.chef_colours import CHEF_COLOURS
from kitchen.content import load_level
from kitchen.debrief.analysis import analyse_logs
from kitchen.debrief.people import hands_words, people_by_tick
from kitchen.debrief.report import pseudonymised, render_html, team_only_view
from kitchen.debrief.timeline import build_timeline
from kitchen.events import ControllerChanged, RoundEnded, RoundStarted
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, read_round_log
from kitchen.sim import Command
from kitchen.sim.actions import EndRound, SetController
from kitchen.ui.input.seats import Seat
from kitchen.ui.render.timeline_view import TimelineView
from kitchen.ui.scenes.join import JoinScene
from kitchen.ui.scenes.overlays import CountdownScene, PauseScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.round_end import TABLE, RoundEndScene
from kitchen.ui.scenes.title import TitleScene
from kitchen.ui.text import TextCache, TextDraw
from kitchen.ui.theme import DARK_INK, PALETTES, contrast_ratio, readable_on, theme_for

S = 60  # ticks per second
TUTORIAL = shipped_levels()[0]


# --- who played, in words ----------------------------------------------------------------


def test_who_played_each_chef_in_order_from_a_hand_built_log():
    events = [
        RoundStarted(0, "test", 0, (1, 2, 3, 4), S, 60 * S, people=(1, 3, 4)),
        ControllerChanged(0, 4, "computer"),  # at once: the person never played chef 4
        ControllerChanged(20 * S, 3, "computer"),
        ControllerChanged(30 * S, 1, "nobody"),
        ControllerChanged(40 * S, 1, "person"),
        ControllerChanged(60 * S, 2, "person"),  # as the round ends: no time at all
        RoundEnded(60 * S, 0, 0, 0, 0, 0),
    ]
    people = people_by_tick(events)
    hands = {p: people.hands(p, 60 * S) for p in (1, 2, 3, 4)}
    assert hands == {
        1: ("person", "nobody", "person"),
        2: ("computer",),
        3: ("person", "computer"),
        4: ("computer",),
    }
    assert [hands_words(hands[p]) for p in (1, 2, 3, 4)] == [
        "partly standing still",
        "computer",
        "person, then computer",
        "computer",
    ]
    assert hands_words(("person",)) == hands_words(()) == ""
    assert hands_words(("computer", "person", "computer")) == "partly computer"
    assert hands_words(("person", "computer"), brief=True) == "partly computer"
    with i18n.using_language("fr"):
        assert hands_words(("person", "computer")) == "humain, puis ordinateur"
        assert hands_words(("computer",)) == "ordinateur"


# --- the report ----------------------------------------------------------------------------


def record(folder, people, computer, changes=None, seconds=40):
    """A round of the tutorial: ``people`` walk about, a computer cook plays ``computer``;
    ``changes`` hands chefs over at given ticks (``{tick: [SetController]}``)."""
    level = load_level(TUTORIAL)
    path = folder / "round-01.jsonl"
    rec = RecordedRound(level, 4, [1, 2], people=people, log_path=path)
    team = BotTeam(rec.round, computer)
    while not rec.round.finished:
        tick = rec.round.tick
        actions = [*(changes or {}).get(tick, [])]
        if tick == seconds * S:
            actions.append(EndRound())
        commands = {p: Command(move=(1 if tick % 120 < 60 else -1, 0)) for p in people}
        rec.step({**commands, **team.commands()}, actions)
    rec.close()
    return path


def analysed(path):
    return analyse_logs([read_round_log(path)])


def chef_cells(html: str) -> list[str]:
    """The names in the "Each chef" table, in order."""
    table = html.split("<h4>Each chef</h4>", 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr><td><span class="chef"[^>]*></span>([^<]*)</td>', table)


def test_the_report_names_the_computer_cooks_chef_and_only_it(tmp_path):
    sessions = analysed(record(tmp_path, people=[1], computer=[2]))
    html = render_html(sessions)
    assert chef_cells(html) == ["Chef 1", "Chef 2 (computer)"]
    svg = html.split("<h4>What happened</h4>", 1)[1].split("</svg>", 1)[0]
    assert ">Chef 1<" in svg
    assert ">Chef 2<" in svg
    assert ">(computer)<" in svg  # under chef 2's name in its lane
    chefs_line = html.split("seed 4, chefs", 1)[1].split("</p>", 1)[0]
    assert "1 (computer)" not in chefs_line
    assert "2 (computer)" in chefs_line
    # The team-only view and the research export still say who played (not how well).
    team = render_html(team_only_view(sessions), team_only=True)
    assert "<h4>Each chef</h4>" not in team
    assert ">(computer)<" in team
    research = render_html(pseudonymised(sessions), research=True)
    assert chef_cells(research) == ["Chef 1", "Chef 2 (computer)"]


def test_a_round_only_people_played_names_no_computer(tmp_path):
    html = render_html(analysed(record(tmp_path, people=[1, 2], computer=[])))
    assert chef_cells(html) == ["Chef 1", "Chef 2"]
    table = html.split("<h4>Each chef</h4>", 1)[1].split("</table>", 1)[0]
    assert "computer" not in table
    assert "(computer)" not in html
    assert "(person" not in html


def test_a_chef_taken_over_mid_round_says_so(tmp_path):
    handed = {10 * S: [SetController(2, "computer")]}
    path = record(tmp_path, people=[1, 2], computer=[], changes=handed)
    html = render_html(analysed(path))
    assert chef_cells(html) == ["Chef 1", "Chef 2 (person, then computer)"]
    assert ">(person, then computer)<" in html
    with i18n.using_language("fr"):
        french = render_html(analysed(path))
    assert "Cuisinier 2 (humain, puis ordinateur)" in french


def test_the_reports_chef_colours_are_the_games(tmp_path):
    html = render_html(analysed(record(tmp_path, people=[1], computer=[2])))
    dots = re.findall(r'<span class="chef" style="background: (#[0-9A-Fa-f]{6})">', html)
    assert dots[:2] == ["#870000", "#141473"]  # the chefs line: maroon, navy
    for palette in PALETTES:
        theme = theme_for(palette)
        assert [theme.player(p) for p in (1, 2, 3, 4)] == list(CHEF_COLOURS)
    for p, colour in enumerate(CHEF_COLOURS, start=1):
        hex_colour = "#{:02X}{:02X}{:02X}".format(*colour)
        if p <= 2:
            assert f'fill="{hex_colour}"' in html, p  # the lanes' bars
        # a number or word on a chef's colour stays readable in white or near-black
        assert contrast_ratio(readable_on(colour), colour) >= 4.5, colour
    assert "#D55E00" not in dots  # the report's old orange and light blue
    assert "#0072B2" not in dots
    assert readable_on(CHEF_COLOURS[2]) == DARK_INK  # lime takes dark ink


# --- the debrief's timeline ----------------------------------------------------------------


def lane_words(events) -> list[str]:
    pygame.init()
    text = TextCache()
    drawn: list[TextDraw] = []
    text.on_draw = drawn.append
    view = TimelineView(build_timeline(events), pygame.Rect(60, 250, 1800, 700))
    view.draw(pygame.Surface((1920, 1080)), theme_for("warm"), text)
    return [d.text for d in drawn if d.rect.right <= view.x(0)]


def test_the_debriefs_timeline_lanes_say_who_played(tmp_path):
    handed = {10 * S: [SetController(1, "computer")]}
    path = record(tmp_path, people=[1], computer=[2], changes=handed)
    words = lane_words(read_round_log(path).events)
    assert "Chef 2" in words
    assert "(computer)" in words
    assert "(person, then computer)" in words
    people_only = tmp_path / "people"
    people_only.mkdir()
    words = lane_words(read_round_log(record(people_only, [1, 2], [])).events)
    assert {"Chef 1", "Chef 2"} <= set(words)
    assert not [w for w in words if "(" in w]


# --- the results screen --------------------------------------------------------------------


def play_round(env, app, computer_cooks: bool) -> RoundEndScene:  # noqa: F811
    """Chef 1 joins the quick soup level on the keyboard; with ``computer_cooks`` F3 lets a
    computer cook take chef 2, else a second person joins. The facilitator ends the round."""
    path = write_level(env.root)
    app.push(TitleScene(app))
    join = JoinScene(app, load_level(path), path)
    app.push(join)
    app.run_frames(1, TICK)
    press(app, pygame.K_e)
    press(app, pygame.K_F3 if computer_cooks else pygame.K_RSHIFT)
    assert join.bots is computer_cooks
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, CountdownScene)
    for _ in range(40):
        app.run_frames(1, 0.1)
        if isinstance(app.scene, PlayScene):
            break
    app.run_frames(30, TICK)
    end = end_round_now(app)
    return end


def drawn(app, end: RoundEndScene) -> list[TextDraw]:
    return draws_of(app, end)


@pytest.mark.parametrize("computer_cooks", [True, False])
def test_the_results_table_names_the_computer_cooks_chef(env, computer_cooks):  # noqa: F811
    app = env.app()
    end = play_round(env, app, computer_cooks)
    texts = [d.text for d in drawn(app, end) if TABLE.contains(d.rect)]
    assert "Chef 1" in texts
    if computer_cooks:
        assert "Chef 2 (computer)" in texts
    else:
        assert "Chef 2" in texts
        assert not [t for t in texts if "computer" in t]


def test_the_results_screen_says_where_the_round_went_in_a_few_words(env):  # noqa: F811
    app = env.app()
    end = play_round(env, app, computer_cooks=True)
    log = end.play.recorded.log_path
    assert log is not None
    assert log.exists()
    seen = drawn(app, end)
    saved = [d for d in seen if log.name in d.text]
    assert [d.text for d in saved] == [f"Round saved for the debrief ({log.name})"]
    assert not [d.text for d in seen if str(log.parent) in d.text or str(env.data_dir) in d.text]
    line = saved[0].rect
    assert line.top - TABLE.bottom >= 30, "room between the table and the line"
    assert 1080 - line.bottom >= 30, "room under it"
    for rect in end.menu.rects():
        assert not rect.colliderect(line)
    assert saved[0].px >= 28


def test_four_chefs_in_french_fit_their_columns_with_a_change_of_hands(env):  # noqa: F811
    """The longest names (French, a chef that changed hands) stay in their column: the
    numbers' columns keep their room and nothing in a row runs into the next thing."""
    app = env.app()
    with i18n.using_language("fr"):
        path = write_level(env.root, FOUR_CHEFS)
        play = PlayScene(app, load_level(path), path, [Seat(1, layout=0)], bots=True)
        app.reset_to(play)
        app.pop()  # the countdown
        for tick in range(30):
            if tick == 10:
                play.driver.set_controller(3, "person")
            play.tick()
        pause = PauseScene(app, play)
        app.push(pause)
        pause.end()
        play.update(0.1)
        end = app.find(RoundEndScene)
        assert end is not None
        app.reset_to(end)
        seen = [d for d in drawn(app, end) if TABLE.contains(d.rect)]
    texts = [d.text for d in seen]
    assert "Cuisinier 1" in texts
    assert "Cuisinier 2 (ordinateur)" in texts
    assert "Cuisinier 4 (ordinateur)" in texts
    assert [t for t in texts if t.startswith("Cuisinier 3 (")] in (
        ["Cuisinier 3 (ordinateur, puis humain)"],
        ["Cuisinier 3 (en partie ordinateur)"],
    )
    for i, a in enumerate(seen):
        for b in seen[i + 1 :]:
            assert not a.rect.colliderect(b.rect), (a.text, a.rect, b.text, b.rect)
