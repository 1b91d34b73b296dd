"""The game in a workshop: a round played by computer cooks streams to a real hub, the
dashboard's commands (a disruption, a tag with a note, the end, a TEAM rating) act in the
game as its own facilitator controls do, the huddle timer, the join screen, and the game
without the ``hub`` extra."""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
from frontend_support import TICK, skip_countdown, tap

from kitchen.cli import main
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.session import read_round_log
from kitchen.ui.render.huddle import HUDDLE_BOX, clock_text
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.title import TitleScene
from kitchen.ui.theme import PALETTES, contrast_ratio, theme_for
from kitchen.workshop.link import LinkState
from kitchen.workshop.protocol import CommandMessage, parse

BROKEN_KIT = next(p for p in shipped_levels() if p.stem == "04_broken_kit")


def computer_cooks(app: Any) -> PlayScene:
    """A round of level 04 played by computer cooks alone, recorded in the app's session."""
    play = PlayScene(app, load_level(BROKEN_KIT), BROKEN_KIT, [], bots=True)
    app.push(play)
    skip_countdown(app)
    return play


def run_until(app: Any, check: Callable[[], bool], timeout: float = 8.0) -> None:
    """Run the game frame by frame (one tick each) until ``check()`` holds."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        app.run_frames(2, TICK)
        time.sleep(0.005)


class StubLink:
    """A link without a hub: commands are handed in by the test."""

    def __init__(self) -> None:
        self.inbox: list[CommandMessage] = []
        self.answers: list[tuple[str, bool, str]] = []
        self.status: dict[str, Any] = {}
        self.rounds: dict[str, Path] = {}

    def start(self) -> StubLink:
        return self

    def state(self) -> LinkState:
        return LinkState("connected", "Ward 7")

    def commands(self) -> list[CommandMessage]:
        found, self.inbox = self.inbox, []
        return found

    def send(self, command: dict[str, Any], id: str = "c1") -> None:
        raw = json.dumps({"type": "command", "id": id, "command": command})
        self.inbox.append(parse(CommandMessage, raw))

    def done(self, command_id: str, ok: bool, message: str = "") -> None:
        self.answers.append((command_id, ok, message))

    def set_status(self, status: dict[str, Any]) -> None:
        self.status = status

    def set_tags(self, tags: list[str]) -> None:
        self.tags = tags

    def set_cycles(self, message: Any) -> None:
        self.cycles = message

    def track(self, key: str, path: Path) -> None:
        self.rounds[key] = path

    def tracked(self) -> dict[str, Path]:
        return dict(self.rounds)

    def close(self, wait: float = 0.0) -> None:
        pass


def stub_client(app: Any) -> StubLink:
    from kitchen.ui.workshop_client import WorkshopClient

    link = StubLink()
    app.workshop = WorkshopClient(app, link)  # type: ignore[arg-type]
    return link


# --- with a real hub -----------------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Any]:
    pytest.importorskip("websockets")
    pytest.importorskip("uvicorn")
    from kitchen.hub.config import HubConfig
    from kitchen.hub.serve import RunningHub

    running = RunningHub(HubConfig("Ward 7", tmp_path / "hub", port=0))
    yield running
    running.stop()


class Dashboard:
    """The facilitator's dashboard, over its HTTP API."""

    def __init__(self, hub: Any) -> None:
        self.url = hub.url
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        reply = self._post("/login", {"code": hub.hub.facilitator_code}, {})
        self.cookie = reply.headers["set-cookie"].split(";")[0]
        self.csrf = json.loads(reply.read())["csrf"]

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **headers},
            method="POST",
        )
        return self.opener.open(request, timeout=5)

    def command(self, game_id: str, command: dict[str, Any]) -> None:
        headers = {"Cookie": self.cookie, "X-CSRF-Token": self.csrf}
        self._post(f"/api/teams/{game_id}/command", command, headers).read()


def test_a_workshop_round_streams_and_the_dashboard_steers_it(env, hub) -> None:
    from kitchen.ui.workshop_client import WorkshopClient
    from kitchen.workshop.link import WorkshopLink

    app = env.app()
    app.team = "Blue"
    link = WorkshopLink(
        f"127.0.0.1:{hub.config.port}", hub.hub.join_code, "Blue", backoff=(0.05, 0.2), poll=0.05
    )
    app.workshop = WorkshopClient(app, link)
    app.workshop.status_every = 0.1
    play = computer_cooks(app)
    run_until(app, lambda: link.state().connected and link.game_id is not None)
    game_id = str(link.game_id)
    key = app.workshop.round_key(play.recorded.log_path)
    assert key is not None
    run_until(app, lambda: hub.hub.tile(game_id).state == "playing" and link.acked(key) > 5)
    tile = hub.hub.tile(game_id)
    assert (tile.round, tile.level, tile.connected) == (key, play.level.title, True)

    dashboard = Dashboard(hub)
    dashboard.command(game_id, {"kind": "trigger", "index": 0})
    run_until(app, lambda: any(e.type == "disruption_started" for e in play.events))
    started = next(e for e in play.events if e.type == "disruption_started")
    assert started.source == "facilitator"  # as the console's own trigger
    run_until(app, lambda: hub.hub.tile(game_id).last_done.startswith("done: triggered"))

    dashboard.command(game_id, {"kind": "tag", "label": "good closed loop", "note": "asked"})
    run_until(app, lambda: any(e.type == "facilitator_tag" for e in play.events))
    dashboard.command(game_id, {"kind": "end"})
    run_until(app, lambda: play.round.finished and app.find(PlayScene) is None)

    rating = {"kind": "team", "ratings": {"communication": 3}, "global_rating": 7}
    dashboard.command(game_id, {"kind": "rating", "round": key, "rating": rating})
    path = play.recorded.log_path
    assert path is not None
    run_until(app, lambda: bool(read_round_log(path).observations[1:]))
    log = read_round_log(path)
    kinds = {o.kind: o for o in log.observations}
    assert kinds["tag_note"].note == "asked"
    assert kinds["tag_note"].label == "good closed loop"
    assert kinds["team"].ratings.communication == 3
    assert kinds["team"].global_rating == 7
    # the hub's copy is the local log, record for record, the rating included
    lines = path.read_text(encoding="utf-8").splitlines()
    run_until(app, lambda: link.acked(key) == len(lines) - 1)
    round_id, _ = hub.hub.store.round_id(game_id, key)
    stored = hub.hub.store.records_of(round_id)
    assert [stored[n] for n in sorted(stored)] == [json.loads(line) for line in lines]


def test_the_join_screen_joins_and_a_wrong_code_is_refused(env, hub) -> None:
    from kitchen.ui.workshop_join import WorkshopJoinScene

    app = env.app()
    app.go("title")
    assert "Join a workshop" in [item.text() for item in app.scene.menu.items]
    scene = WorkshopJoinScene(app)
    app.push(scene)
    for text in (f"127.0.0.1:{hub.config.port}", None, "wrong"):
        if text is None:
            tap(pygame.K_TAB)
        else:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        app.run_frames(1, TICK)
    tap(pygame.K_RETURN)
    run_until(app, lambda: scene.message.startswith("Not joined"))
    assert scene.message == "Not joined: wrong join code."
    assert app.workshop is None
    scene.code = hub.hub.join_code
    tap(pygame.K_RETURN)
    run_until(app, lambda: isinstance(app.scene, TitleScene))
    assert app.notice == "Joined the workshop Ward 7: rounds go to its hub."
    assert app.scene.menu.items[2].text() == "Workshop: Ward 7"


# --- commands, with a stand-in link ----------------------------------------------------


def test_a_huddle_pauses_shows_its_timer_and_resumes(env) -> None:
    app = env.app(size=(1920, 1080))
    link = stub_client(app)
    play = computer_cooks(app)
    app.run_frames(30, TICK)
    link.send({"kind": "huddle", "seconds": 10})
    app.run_frames(1, TICK)
    assert play.paused
    assert link.answers == [("c1", True, "huddle timer: 10 s")]
    tick = play.round.tick
    app.run_frames(12, 0.5)  # 6 s
    assert play.round.tick == tick
    assert app.workshop.status()["state"] == "huddle"
    app.draw()
    # the timer is drawn large in its box: 3 s... are left
    assert clock_text(app.workshop.huddle.left) == "0:04"
    box = app.logical.subsurface(HUDDLE_BOX)
    assert box.get_at((20, 200)) == app.theme.panel
    app.run_frames(16, 0.5)  # the timer runs out, "Time is up" for 2 s, then play goes on
    assert app.workshop.huddle is None
    assert not play.paused
    app.run_frames(5, TICK)
    assert play.round.tick > tick


def test_commands_without_a_round_are_refused_in_one_line(env) -> None:
    app = env.app()
    link = stub_client(app)
    app.go("title")
    link.send({"kind": "trigger", "index": 0}, "a")
    link.send({"kind": "rating", "round": "nosuch/1", "rating": {"kind": "team", "ratings": {}}})
    app.run_frames(1, TICK)
    assert link.answers == [
        ("a", False, "no round is being played"),
        ("c1", False, "this game has no round nosuch/1"),
    ]
    assert link.status == {"state": "lobby"}
    play = computer_cooks(app)
    link.send({"kind": "trigger", "index": 99}, "b")
    link.send({"kind": "pause"}, "c")
    app.run_frames(1, TICK)
    assert link.answers[-2:] == [
        ("b", False, "this level has 4 disruptions"),
        ("c", True, "paused"),
    ]
    assert play.paused
    app.run_frames(70, TICK)  # the status is worked out once a second
    assert link.status["state"] == "paused"
    assert link.status["level"] == play.level.title


def test_the_huddle_and_indicator_are_readable() -> None:
    from kitchen.ui.render import huddle

    source = Path(huddle.__file__).read_text(encoding="utf-8")
    assert "TEXT_NOTE" not in source
    assert "36" not in source
    for name in PALETTES:
        theme = theme_for(name)
        assert contrast_ratio(theme.text, theme.panel) >= 4.5, name
        assert contrast_ratio(theme.accent, theme.panel) >= 4.5, name


# --- without the hub extra ---------------------------------------------------------------


def test_without_the_hub_extra_the_game_is_as_before(env, monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "websockets", None)  # as if not installed
    app = env.app()
    app.go("title")
    labels = [item.text() for item in app.scene.menu.items]
    # the title's own items (the language choice among them), and no workshop item
    assert labels == ["Play", f"Team: {app.team}", "Language: English", "Settings", "Quit"]
    assert app.workshop is None
    app.run_frames(3, TICK)
    assert main(["play", "--workshop", "127.0.0.1", "--code", "x"]) == 2
    err = capsys.readouterr().err
    assert err == "kitchen play: joining a workshop needs: pip install 'systems-kitchen[hub]'\n"


def test_play_workshop_options_are_checked_before_the_window_opens(capsys) -> None:
    pytest.importorskip("websockets")
    assert main(["play", "--workshop", "127.0.0.1"]) == 2
    assert main(["play", "--code", "abc"]) == 2
    assert main(["play", "--workshop", "a b", "--code", "abc"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "kitchen play: --workshop needs --code (the workshop's join code)",
        "kitchen play: --code is given without --workshop",
        "kitchen play: --workshop: not an address: 'a b'",
    ]


# --- status after the round, talk, the game's tags, a rating into an open sheet -----------


def ended_round(app: Any) -> PlayScene:
    """A round of computer cooks, ended at once: the results screen is open."""
    app.workshop.status_every = 0.01
    play = computer_cooks(app)
    app.run_frames(20, TICK)
    play.end_now()
    run_until(app, lambda: app.find(PlayScene) is None)
    app.run_frames(2, TICK)
    return play


def test_the_status_says_debrief_until_the_team_leaves_the_round_s_screens(env) -> None:
    app = env.app()
    link = stub_client(app)
    play = ended_round(app)
    status = link.status
    assert status["state"] == "debrief"  # the dashboard's cue to rate the round
    assert status["round"] == app.workshop.round_key(play.recorded.log_path)
    assert (status["level"], status["score"]) == (play.level.title, play.round.score)
    assert (status["time_left_s"], status["disruption"]) == (None, None)
    app.scene.observe()  # the observation sheet over the results: still the debrief
    app.run_frames(2, TICK)
    assert link.status["state"] == "debrief"
    app.go("title", how="reset")
    app.run_frames(2, TICK)
    assert link.status == {"state": "lobby"}
    assert link.tags == list(app.settings.tags)  # the game's own tags go with the status


def test_talk_share_is_sent_live_when_talk_is_recorded(env) -> None:
    from kitchen.sim.actions import TalkHeard

    app = env.app()
    link = stub_client(app)
    app.workshop.status_every = 0.01
    app.workshop.measure_every = 0.0
    play = computer_cooks(app)
    app.run_frames(10, 7 * TICK)  # 70 ticks
    assert link.status["talk_share"] is None  # no microphone: n/a, never 0
    # the microphone's last second, heard as it is sent: half of it with talk
    play.driver.pending.append(TalkHeard(0, 1, "1111100000", (-20.0,) * 10))
    app.run_frames(2, TICK)
    assert link.status["talk_share"] == 0.5  # as the debrief's talk.talk_share
    assert link.status["state"] == "playing"


def test_a_rating_from_the_dashboard_shows_in_the_open_sheet(env) -> None:
    from kitchen.debrief.observations import ITEMS, latest_rating
    from kitchen.ui.scenes.observe import ObserveScene

    app = env.app()
    link = stub_client(app)
    play = ended_round(app)
    path = play.recorded.log_path
    key = app.workshop.round_key(path)
    assert path is not None
    assert key is not None
    app.scene.observe()
    sheet = app.scene
    assert isinstance(sheet, ObserveScene)
    first = ITEMS[0].key
    rating = {"kind": "team", "ratings": {first: 3}, "global_rating": 7}
    link.send({"kind": "rating", "round": key, "rating": rating}, "r1")
    app.run_frames(1, TICK)
    assert link.answers[-1][:2] == ("r1", True)
    assert (sheet.ratings[first], sheet.overall, sheet.unsaved) == (3, 7, False)
    assert sheet.message == "The TEAM rating saved from the workshop dashboard is shown."
    assert latest_rating(sheet.log) is not None

    # the facilitator is changing the sheet: what is typed is kept, and the sheet says so
    sheet.rate(0, 1)
    rating = {"kind": "team", "ratings": {first: 4}, "global_rating": 8}
    link.send({"kind": "rating", "round": key, "rating": rating}, "r2")
    app.run_frames(1, TICK)
    assert (sheet.ratings[first], sheet.overall, sheet.unsaved) == (1, 7, True)
    assert sheet.message.startswith("The dashboard saved a TEAM rating for this round.")
    sheet.save()  # saved after the dashboard's: the latest counts
    latest = latest_rating(read_round_log(path))
    assert latest is not None
    assert latest.ratings.model_dump()[first] == 1


def test_the_session_s_cycles_go_to_the_link_once_studied(env) -> None:
    from pdsa_support import level_text

    from kitchen.session.cycles import plan_cycle
    from kitchen.session.prediction_words import read_prediction

    app = env.app()
    link = stub_client(app)
    play = ended_round(app)
    assert getattr(link, "cycles", None) is None  # no cycles.json: nothing to send
    prediction = read_prediction("at least 3 dishes")
    assert prediction is not None
    plan_cycle(
        app.session.folder,
        idea="Spare plates by the pass",
        changes=[],
        prediction=prediction,
        level_text=level_text("helps"),
        original_level=str(play.path),
        compared_round=1,
        seed=1,
    )
    run_until(app, lambda: getattr(link, "cycles", None) is not None)
    assert link.cycles.session == app.session.id
    assert [c.idea for c in link.cycles.cycles] == ["Spare plates by the pass"]


def test_a_rating_from_the_dashboard_shows_in_the_console_window_s_sheet(env) -> None:
    from kitchen.debrief.observations import ITEMS
    from kitchen.ui.scenes.observe import ObserveScene

    app = env.app(console="window")
    link = stub_client(app)
    play = ended_round(app)
    sheet = app.console_window.sheet  # an ended round opens its form in the console
    assert isinstance(sheet, ObserveScene)
    key = app.workshop.round_key(play.recorded.log_path)
    rating = {"kind": "team", "ratings": {ITEMS[1].key: 2}, "global_rating": 5}
    link.send({"kind": "rating", "round": key, "rating": rating})
    app.run_frames(1, TICK)
    assert (sheet.ratings[ITEMS[1].key], sheet.overall, sheet.unsaved) == (2, 5, False)
