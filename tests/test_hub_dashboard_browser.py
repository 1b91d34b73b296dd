"""The facilitator's dashboard in a real browser: Debian's Chromium, driven by Selenium with
the system's chromedriver, against a real hub (uvicorn on 127.0.0.1) that a real round
played by computer cooks streams to through the game's workshop link.

The browser sees the team's tile live, a disruption chosen in the browser starts in that
game, a TEAM rating entered on a 390-px-wide page is saved in the game's round log and its
line reaches the hub, and nothing on the phone-sized page scrolls sideways.

Skipped (with the reason) only outside CI when Chromium, chromedriver or Selenium is
missing; `.ci/run` installs Chromium with apt-get, so in CI a missing browser fails.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _missing() -> str | None:
    for module in ("selenium", "uvicorn", "websockets"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install '.[test,hub]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


_WHY = _missing()
if _WHY is not None:
    if os.environ.get("CI"):
        pytest.fail(f"the dashboard's browser tests need: {_WHY}", pytrace=False)
    pytest.skip(f"the dashboard's browser tests need: {_WHY}", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402

from kitchen.bots import BotTeam  # noqa: E402
from kitchen.content import load_level  # noqa: E402
from kitchen.hub.config import HubConfig  # noqa: E402
from kitchen.hub.serve import RunningHub  # noqa: E402
from kitchen.paths import shipped_levels  # noqa: E402
from kitchen.session import RecordedRound, Session  # noqa: E402
from kitchen.session.log_model import TEAM_ITEMS  # noqa: E402
from kitchen.session.observation_log import append_observation  # noqa: E402
from kitchen.sim.actions import Action, EndRound, TriggerDisruption  # noqa: E402
from kitchen.workshop.link import WorkshopLink  # noqa: E402
from kitchen.workshop.protocol import CommandMessage, RatingCommand  # noqa: E402

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


def wait_for(check: Callable[[], Any], timeout: float = 10.0, what: str = "it") -> Any:
    """Wait until ``check()`` is truthy and return it (fails after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


class Game:
    """A team's game: a round of level 04 (broken kit: disruptions) played by computer cooks, logged in a session,
    streamed through a :class:`WorkshopLink`, carrying out the hub's commands as the game's
    facilitator console would (trigger, pause, resume, end; a rating is appended to the
    round's log). Runs in its own thread at ten times real speed."""

    def __init__(self, root: Path, address: str, join_code: str, team: str) -> None:
        level = load_level(shipped_levels()[3])
        self.labels = [d.label for d in level.spec.disruptions]
        session = Session.create(team, root=root)
        self.recorded = RecordedRound(
            level, seed=3, players=sorted(level.spec.starts), session=session, people=()
        )
        assert self.recorded.log_path is not None
        self.path = self.recorded.log_path
        self.key = f"{session.id}/1"
        self.bots = BotTeam(self.recorded.round)
        self.link = WorkshopLink(address, join_code, team, backoff=(0.05, 0.2), poll=0.05)
        self.link.track(self.key, self.path)
        self.received: list[CommandMessage] = []
        self.paused = False
        self._actions: list[Action] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Game:
        self.link.start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.recorded.close()
        self.link.close()

    def _apply(self, message: CommandMessage) -> tuple[bool, str]:
        command = message.command
        rnd = self.recorded.round
        if command.kind == "trigger":
            if not 0 <= command.index < len(self.labels) or rnd.finished:
                return False, "no such disruption"
            self._actions.append(TriggerDisruption(index=command.index))
            return True, self.labels[command.index]
        if command.kind in ("pause", "resume"):
            self.paused = command.kind == "pause"
            return True, command.kind + "d"
        if command.kind == "end":
            self._actions.append(EndRound(reason="ended"))
            return True, "round ended"
        if isinstance(command, RatingCommand):
            if command.round != self.key or not rnd.finished:
                return False, "not a finished round of this game"
            append_observation(self.path, command.rating.model_dump())
            return True, "rating saved"
        return False, f"{command.kind} is not carried out by this test's game"

    def _status(self) -> dict[str, Any]:
        rnd = self.recorded.round
        active = rnd.disruptions.active
        state = "debrief" if rnd.finished else "paused" if self.paused else "playing"
        return {
            "state": state,
            "round": self.key,
            "level": rnd.spec.name,
            "time_left_s": rnd.seconds_left,
            "score": rnd.score,
            "open_orders": len(rnd.orders.open),
            "disruption": active[0].spec.label if active else None,
        }

    def _run(self) -> None:
        while not self._stop.is_set():
            for message in self.link.commands():
                self.received.append(message)
                ok, text = self._apply(message)
                self.link.done(message.id, ok, text)
            if not self.paused:
                for _ in range(30):
                    actions, self._actions = self._actions, []
                    self.recorded.step(self.bots.commands(), actions)
            self.link.set_status(self._status())
            time.sleep(0.05)

    def log_lines(self) -> list[dict[str, Any]]:
        text = self.path.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the module (a fresh profile, nothing downloaded)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="kitchen-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningHub, Game]]:
    """A hub on 127.0.0.1 and one team's game streaming to it."""
    root = tmp_path_factory.mktemp("workshop")
    config = HubConfig("Ward 7", root / "hub", "127.0.0.1", 0, announce=False)
    with RunningHub(config) as hub:
        game = Game(root / "sessions", hub.url, hub.hub.join_code, "Blue team").start()
        try:
            yield hub, game
        finally:
            game.stop()


def log_in(browser: webdriver.Chrome, hub: RunningHub) -> None:
    """Open the dashboard and log in with the facilitator code (unless still logged in)."""
    browser.get(hub.url + "/")
    shown = wait_for(
        lambda: [
            e for e in browser.find_elements(By.CSS_SELECTOR, "#login, #board") if e.is_displayed()
        ],
        what="the login form or the dashboard",
    )
    if shown[0].get_attribute("id") == "login":
        browser.find_element(By.ID, "code").send_keys(hub.hub.facilitator_code)
        browser.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    wait_for(lambda: browser.find_element(By.ID, "board").is_displayed(), what="the dashboard")


def the_tile(browser: webdriver.Chrome) -> WebElement:
    return wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".tile"), what="a team's tile")[
        0
    ]


def field(tile: WebElement, name: str) -> str:
    return str(tile.find_element(By.CSS_SELECTOR, f'dd[data-field="{name}"]').text)


def test_the_dashboard_shows_live_tiles_and_a_disruption_reaches_the_game(browser, workshop):
    hub, game = workshop
    log_in(browser, hub)
    tile = the_tile(browser)
    assert tile.find_element(By.CSS_SELECTOR, ".team").text == "Blue team"
    wait_for(lambda: tile.find_element(By.CSS_SELECTOR, ".badge.link").text == "Connected")
    wait_for(lambda: field(tile, "level") == game.recorded.round.spec.name, what="the level")
    assert browser.find_element(By.ID, "live").text == "Live"
    first = wait_for(lambda: int(field(tile, "records") or 0), what="records")
    wait_for(lambda: int(field(tile, "records")) > first, what="the tile to move on")
    assert field(tile, "closed_loop") == "n/a"  # this game does not measure it: never a 0
    assert field(tile, "talk") == "not recorded"

    which = Select(tile.find_element(By.CSS_SELECTOR, '[data-role="which"]'))
    wait_for(lambda: len(which.options) == len(game.labels), what="the level's disruptions")
    assert [o.text for o in which.options] == [f"{n + 1}. {t}" for n, t in enumerate(game.labels)]
    which.select_by_value("3")  # "A stove fails (facilitator)"
    tile.find_element(By.CSS_SELECTOR, '[data-role="trigger"]').click()
    wait_for(lambda: [m for m in game.received if m.command.kind == "trigger"], what="it")
    assert [m.command.model_dump() for m in game.received] == [{"kind": "trigger", "index": 3}]
    message = tile.find_element(By.CSS_SELECTOR, ".message")
    label = game.labels[3]
    wait_for(lambda: message.text == f"Trigger 4. {label}: done", what="the game's answer")
    triggers = [r for r in game.log_lines() if r.get("action") == "trigger"]
    assert [t["index"] for t in triggers] == [3]


def test_a_rating_on_a_phone_sized_page_reaches_the_game_s_log_and_the_hub(browser, workshop):
    hub, game = workshop
    browser.set_window_size(390, 844)
    log_in(browser, hub)
    assert browser.execute_script("return window.innerWidth") == 390
    tile = the_tile(browser)
    end = tile.find_element(By.CSS_SELECTOR, '[data-role="end"]')
    end.click()
    assert end.text == "Tap again to end"
    end.click()
    wait_for(lambda: game.recorded.round.finished, what="the round to end")
    wait_for(lambda: tile.find_element(By.CSS_SELECTOR, ".badge.state").text == "Debrief")

    rate = tile.find_element(By.CSS_SELECTOR, "details.rate")
    rate.find_element(By.TAG_NAME, "summary").click()
    wait_for(lambda: "Not rated yet." in rate.text, what="the form to load")
    chosen = {"communication": 3, "adapting": 1, "standards": 4}
    for key, value in chosen.items():
        rate.find_element(By.CSS_SELECTOR, f'input[name$="-{key}"][value="{value}"] + span').click()
    rate.find_element(By.CSS_SELECTOR, 'input[name$="-global"][value="7"] + span').click()
    rate.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    message = rate.find_element(By.CSS_SELECTOR, ".message")
    wait_for(lambda: message.text == "Saved in the log of Round 1.", what="the game's answer")

    expected = {key: chosen.get(key) for key in TEAM_ITEMS}
    rating = game.log_lines()[-1]
    assert rating["record"] == "observation"
    assert (rating["kind"], rating["ratings"], rating["global_rating"]) == ("team", expected, 7)
    round_id, _ = hub.hub.store.round_id(game.link.game_id or "", game.key)
    wait_for(lambda: rating in hub.hub.store.records_of(round_id).values(), what="the hub's copy")

    # every part of the page open at once, and still nothing scrolls sideways
    for details in browser.find_elements(By.CSS_SELECTOR, "details:not([open]) > summary"):
        details.click()
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 390
    small = browser.execute_script(
        "return [...document.querySelectorAll('button, select, summary, .choices span, a.button')]"
        ".filter(e => e.offsetParent !== null)"
        ".map(e => e.getBoundingClientRect())"
        ".filter(r => r.height < 44 || r.width < 44).length"
    )
    assert small == 0
