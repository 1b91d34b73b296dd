"""The facilitator's dashboard in a real browser: Debian's Chromium, driven by Selenium with
the system's chromedriver, against a real hub (uvicorn on 127.0.0.1) that a real round
played by computer cooks streams to through the game's workshop link.

The browser sees the team's tile live, a disruption chosen in the browser starts in that
game, a TEAM rating entered on a 390-px-wide page is saved in the game's round log and its
line reaches the hub, and nothing on the phone-sized page scrolls sideways.

Skipped without the hub extra (as every hub test), and, with the reason, outside CI when
Chromium, chromedriver or Selenium is missing; `.ci/run` installs Chromium with apt-get, so
in CI a missing browser fails.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


# Like every hub test, skipped without the hub extra; the browser is another matter: .ci/run
# installs it, so in CI a missing one fails rather than skips.
pytest.importorskip("uvicorn")
pytest.importorskip("websockets")
_WHY = _missing()
if _WHY is not None:
    if os.environ.get("CI"):
        pytest.fail(f"the dashboard's browser tests need: {_WHY}", pytrace=False)
    pytest.skip(f"the dashboard's browser tests need: {_WHY}", allow_module_level=True)

from frontend_support import TICK, skip_countdown  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402

from kitchen.content import load_level  # noqa: E402
from kitchen.hub.config import HubConfig  # noqa: E402
from kitchen.hub.serve import RunningHub  # noqa: E402
from kitchen.paths import shipped_levels  # noqa: E402
from kitchen.session import read_round_log  # noqa: E402
from kitchen.session.log_model import TEAM_ITEMS  # noqa: E402
from kitchen.ui.scenes.play import PlayScene  # noqa: E402
from kitchen.ui.workshop_client import WorkshopClient  # noqa: E402
from kitchen.workshop.link import WorkshopLink  # noqa: E402

BROKEN_KIT = next(p for p in shipped_levels() if p.stem == "04_broken_kit")

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


def wait_for(
    check: Callable[[], Any],
    pump: Callable[[], None] | None = None,
    timeout: float = 20.0,
    what: str = "it",
) -> Any:
    """Wait until ``check()`` is truthy and return it, running ``pump`` (the game's frames)
    meanwhile; fails after ``timeout`` seconds (generous: CI runs this beside other tests)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        if pump is not None:
            pump()
        time.sleep(0.01)


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


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[RunningHub]:
    """A hub on 127.0.0.1 (a free port, not announced)."""
    with RunningHub(HubConfig("Ward 7", tmp_path / "hub", "127.0.0.1", 0, announce=False)) as hub:
        yield hub


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
        assert not browser.find_element(By.ID, "logout").is_displayed()
        browser.find_element(By.ID, "code").send_keys(hub.hub.facilitator_code)
        browser.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    wait_for(lambda: browser.find_element(By.ID, "board").is_displayed(), what="the dashboard")


def field(tile: WebElement, name: str) -> str:
    return str(tile.find_element(By.CSS_SELECTOR, f'dd[data-field="{name}"]').text)


def no_sideways_scroll(browser: webdriver.Chrome) -> None:
    """Nothing on the page is wider than the 390-px window, and every control is at least
    44 px each way (everything folded out first)."""
    for summary in browser.find_elements(By.CSS_SELECTOR, "details:not([open]) > summary"):
        summary.click()
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 390
    small = browser.execute_script(
        "return [...document.querySelectorAll('button, select, summary, .choices span, a.button')]"
        ".filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect())"
        ".filter(r => r.height < 44 || r.width < 44).length"
    )
    assert small == 0


def test_a_real_game_steered_from_the_browser(env, hub, browser):
    """Live tile, a disruption chosen in the browser starts in the game, the round ended
    from the browser, then a TEAM rating on the 390-px page lands in the game's log and
    the hub's copy."""
    app = env.app()
    app.team = "Blue"
    link = WorkshopLink(hub.url, hub.hub.join_code, "Blue", backoff=(0.05, 0.2), poll=0.05)
    app.workshop = WorkshopClient(app, link)
    app.workshop.status_every = 0.1
    play = PlayScene(app, load_level(BROKEN_KIT), BROKEN_KIT, [], bots=True)
    app.push(play)
    skip_countdown(app)

    def pump() -> None:
        app.run_frames(2, TICK)

    wait_for(lambda: link.game_id is not None, pump, what="the game to join")
    key = app.workshop.round_key(play.recorded.log_path)
    assert key is not None

    browser.set_window_size(1280, 900)
    log_in(browser, hub)
    tile = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".tile"), pump)[0]
    assert tile.find_element(By.CSS_SELECTOR, ".team").text == "Blue"
    wait_for(lambda: field(tile, "level") == play.level.title, pump, what="the live tile")
    assert tile.find_element(By.CSS_SELECTOR, ".badge.link").text == "Connected"
    assert tile.find_element(By.CSS_SELECTOR, ".badge.state").text == "Playing"
    assert browser.find_element(By.ID, "live").text == "Live"
    wait_for(lambda: int(field(tile, "records")) > 0, pump, what="records stored")
    assert field(tile, "talk") == "n/a"  # not sent live: never a made-up 0

    labels = [d.label for d in play.round.spec.disruptions]
    which = Select(tile.find_element(By.CSS_SELECTOR, '[data-role="which"]'))
    wait_for(lambda: len(which.options) == len(labels), pump, what="the level's disruptions")
    assert [o.text for o in which.options] == [f"{n + 1}. {t}" for n, t in enumerate(labels)]
    which.select_by_value("3")  # "A stove fails (facilitator)"
    tile.find_element(By.CSS_SELECTOR, '[data-role="trigger"]').click()
    started = wait_for(
        lambda: [e for e in play.events if e.type == "disruption_started" and e.label == labels[3]],
        pump,
        what="the disruption to start in the game",
    )
    assert started[0].source == "facilitator"
    message = tile.find_element(By.CSS_SELECTOR, ".message")
    wait_for(lambda: message.text == f"Done: triggered: {labels[3]}", pump)
    # the tile follows the game live (pushed over /ws/dashboard)
    wait_for(lambda: labels[3] in field(tile, "disruption"), pump, what="the disruption shown")

    # every team at once: a huddle timer pauses the game and shows on its screen; resume
    browser.find_element(By.ID, "huddle-all").click()
    wait_for(lambda: app.workshop.huddle is not None and play.paused, pump, what="the huddle")
    said_all = browser.find_element(By.ID, "all-message")
    wait_for(lambda: said_all.text == "Huddle of 2:00: done by 1 of 1 games", pump)
    assert browser.find_element(By.ID, "huddle-left").text.startswith("Huddle: ")
    browser.find_element(By.ID, "resume-all").click()
    wait_for(lambda: app.workshop.huddle is None and not play.paused, pump, what="resumed")

    # a tag with a note, in one tap
    tags = tile.find_element(By.CSS_SELECTOR, "details.observe")
    tags.find_element(By.TAG_NAME, "summary").click()
    note = tags.find_element(By.TAG_NAME, "textarea")
    note.send_keys("asked for a read-back")
    tags.find_element(By.XPATH, ".//button[text()='good closed loop']").click()
    wait_for(lambda: [e for e in play.events if e.type == "facilitator_tag"], pump, what="tag")
    wait_for(lambda: message.text == "Done: tagged: good closed loop", pump)
    assert note.get_attribute("value") == ""

    # on a phone: end the round (two taps), then rate it
    browser.set_window_size(390, 844)
    assert browser.execute_script("return window.innerWidth") == 390
    end = tile.find_element(By.CSS_SELECTOR, '[data-role="end"]')
    end.click()
    assert end.text == "Tap again to end"
    end.click()
    wait_for(lambda: play.round.finished and app.find(PlayScene) is None, pump, what="the end")
    state = tile.find_element(By.CSS_SELECTOR, ".badge.state")
    wait_for(lambda: state.text in ("Waiting", "Debrief"), pump, what="the round over")

    rate = tile.find_element(By.CSS_SELECTOR, "details.rate")
    rate.find_element(By.TAG_NAME, "summary").click()
    wait_for(lambda: "Not rated yet." in rate.text, pump, what="the form to load")
    chosen = {"communication": 3, "adapting": 1, "standards": 4}
    for item, value in chosen.items():
        rate.find_element(
            By.CSS_SELECTOR, f'input[name$="-{item}"][value="{value}"] + span'
        ).click()
    rate.find_element(By.CSS_SELECTOR, 'input[name$="-global"][value="7"] + span').click()
    rate.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    said = rate.find_element(By.CSS_SELECTOR, ".message")
    wait_for(lambda: said.text == "Saved in the log of Round 1.", pump, what="the game's answer")

    path = play.recorded.log_path
    assert path is not None
    rating = read_round_log(path).observations[-1]
    assert rating.kind == "team"
    assert rating.ratings.model_dump() == {item: chosen.get(item) for item in TEAM_ITEMS}
    assert rating.global_rating == 7
    notes = [o for o in read_round_log(path).observations if o.kind == "tag_note"]
    assert [(n.label, n.note) for n in notes] == [("good closed loop", "asked for a read-back")]
    lines = path.read_text(encoding="utf-8").splitlines()
    wait_for(lambda: link.acked(key) == len(lines) - 1, pump, what="the hub to hold it all")
    round_id, _ = hub.hub.store.round_id(str(link.game_id), key)
    stored = hub.hub.store.records_of(round_id)
    assert [stored[n] for n in sorted(stored)] == [json.loads(line) for line in lines]
    no_sideways_scroll(browser)

    # the report's link: the workshop report, styled (its inline styles are allowed)
    link = browser.find_element(By.ID, "report-html")
    assert link.get_attribute("href") == hub.url + "/report.html"
    browser.get(hub.url + "/report.html")
    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.text == "Ward 7: Systems Kitchen workshop"
    assert heading.value_of_css_property("font-size") == "28px"


def test_a_phone_page_with_many_teams_fits_and_reconnects(hub, browser):
    """Long team names, teams connected or not: the 390-px page still fits its width; the
    hub restarted, the page is live again by itself (the login kept)."""
    for team in ("Night shift on ward 12 (the long-named team)", "Green", "B" * 80):
        body = {"join_code": hub.hub.join_code, "team": team, "machine": "m" * 80}
        request = urllib.request.Request(
            hub.url + "/api/join",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request).read()
    browser.set_window_size(390, 844)
    browser.delete_all_cookies()
    browser.get(hub.url + "/")
    code = wait_for(lambda: browser.find_element(By.ID, "code"), what="the login form")
    wait_for(code.is_displayed, what="the login form")
    code.send_keys(hub.hub.join_code)  # the games' code is not the facilitator's
    browser.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    error = browser.find_element(By.ID, "login-error")
    wait_for(lambda: error.text == "Wrong facilitator code.", what="the refusal")
    code.clear()
    log_in(browser, hub)
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, ".tile")) == 3, what="tiles")
    no_sideways_scroll(browser)

    # the hub goes away and comes back on the same address: the page reconnects by itself
    live = browser.find_element(By.ID, "live")
    assert live.text == "Live"
    hub.stop()
    wait_for(lambda: live.text.startswith("Reconnecting"), what="the page to notice")
    again = HubConfig("Ward 7", hub.config.folder, "127.0.0.1", hub.config.port, announce=False)
    with RunningHub(again):
        wait_for(lambda: live.text == "Live", what="the page to reconnect")
        assert len(browser.find_elements(By.CSS_SELECTOR, ".tile")) == 3
