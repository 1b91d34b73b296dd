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

pytestmark = pytest.mark.slow  # in CI's second pass (.ci/run): keeps the default run short

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
from kitchen.i18n import using_language  # noqa: E402
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
        if summary.is_displayed():
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
    wait_for(lambda: said_all.text == "Huddle of 2:00: done by 1 of 1 game", pump)
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
    wait_for(lambda: state.text == "Debrief", pump, what="the round over")
    assert field(tile, "time_left") == "Over"

    rate = tile.find_element(By.CSS_SELECTOR, "details.rate")
    cue = browser.execute_script(
        "return getComputedStyle(arguments[0], '::after').content",
        rate.find_element(By.TAG_NAME, "summary"),
    )
    assert cue == '" – round over, rate it now"'  # the cue to rate the round
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


def test_the_cycles_view_shows_every_team_s_cycles_on_a_phone(hub, browser):
    """Two teams' improvement cycles, sent by their games, side by side in the Cycles view
    of a 390-px page (no sideways scrolling, every control 44 px): each cycle's change,
    prediction, result, decision and system share; a change a game sends shows by itself;
    the live tiles' tag buttons are each game's own tags."""
    from websockets.sync.client import connect

    from kitchen.workshop.team_messages import cycles_message

    helps = {
        "cycle": 1,
        "idea": "Onions beside the pot",
        "changes": ["onion crate next to the pot", "a pass counter by the stove"],
        "prediction": {"words": "at least 3 dishes", "reads": "Dishes served at least 3"},
        "measure_label": "Dishes served",
        "compared_round": 1,
        "tested_round": 2,
        "before": 2,
        "result": 3,
        "outcome": "met",
        "decision": "adopt",
        "decision_note": "keep it",
        "system_or_people": {"system_share": 1.0, "text": "System 100%: the redesign alone"},
    }
    planned = {
        "cycle": 2,
        "idea": "A named ticket reader" + "!" * 120,  # one long word
        "prediction": {"words": "no lost hand-offs", "reads": "Lost hand-offs at most 0"},
        "compared_round": 2,
        "tested_round": None,
        "outcome": "not played yet",
        "system_or_people": {"system_share": None, "text": "n/a: not played yet"},
    }
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    tokens = {}
    for team in ("Blue", "Green"):
        body = {"join_code": hub.hub.join_code, "team": team}
        request = urllib.request.Request(
            hub.url + "/api/join",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        tokens[team] = json.loads(opener.open(request).read())["token"]

    def send(team: str, *messages: str) -> None:
        with connect(hub.url.replace("http", "ws") + "/ws/game", proxy=None) as ws:
            ws.send(json.dumps({"type": "hello", "token": tokens[team]}))
            ws.recv(timeout=5)
            for message in messages:
                ws.send(message)
            ws.send(json.dumps({"type": "hello", "token": "x"}))  # answered after the rest
            assert "already said hello" in str(ws.recv(timeout=5))

    def cycles(session: str, *entries: dict[str, Any]) -> str:
        data = {"cycles": list(entries), "run_charts": [{"verdict": "Too few rounds."}]}
        return cycles_message(session, data).model_dump_json()

    send(
        "Blue",
        json.dumps({"type": "tags", "tags": ["read-back", "handover"]}),
        cycles("s-blue", helps, planned),
    )
    send("Green", cycles("s-green", {**helps, "decision": None, "outcome": "not met"}))

    browser.set_window_size(390, 844)
    log_in(browser, hub)
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, ".tile")) == 2, what="tiles")
    blue_tile = browser.find_element(By.CSS_SELECTOR, ".tile")
    buttons = blue_tile.find_elements(By.CSS_SELECTOR, '[data-role="tags"] button')
    assert [b.get_attribute("textContent") for b in buttons] == ["read-back", "handover"]

    browser.find_element(By.ID, "view-cycles").click()
    assert not browser.find_element(By.ID, "teams-view").is_displayed()
    teams = wait_for(
        lambda: browser.find_elements(By.CSS_SELECTOR, ".team-cycles"), what="the cycles"
    )
    assert [t.find_element(By.CSS_SELECTOR, ".team").text for t in teams] == ["Blue", "Green"]
    first, second = teams[0].find_elements(By.CSS_SELECTOR, ".cycle")
    facts = {
        dt.text: dd.text
        for dt, dd in zip(
            first.find_elements(By.TAG_NAME, "dt"),
            first.find_elements(By.TAG_NAME, "dd"),
            strict=True,
        )
    }
    assert first.find_element(By.TAG_NAME, "h4").text == "Cycle 1: Onions beside the pot"
    assert facts == {
        "Change": "onion crate next to the pot\na pass counter by the stove",
        "Prediction": "“at least 3 dishes” (read as: Dishes served at least 3)",
        "Result": "Dishes served: 2 in round 1 → 3 in round 2 Prediction met",
        "System share": "100%\nSystem 100%: the redesign alone",
        "Decision": "Adopt – keep it",
    }
    assert "Not played yet (to be compared with round 2)" in second.text
    assert "Not decided yet" in second.text
    assert "Run chart – Too few rounds." in teams[0].text
    no_sideways_scroll(browser)
    # the two teams side by side on a wide screen, one under the other on the phone
    browser.set_window_size(1280, 900)
    tops = [t.rect["y"] for t in browser.find_elements(By.CSS_SELECTOR, ".team-cycles")]
    assert tops[0] == tops[1]
    browser.set_window_size(390, 844)

    # Green decides: its game sends its cycles again, and the view follows by itself
    send("Green", cycles("s-green", {**helps, "decision": "abandon", "outcome": "not met"}))
    read = "return [...document.querySelectorAll('.team-cycles')].map(e => e.innerText)"
    wait_for(lambda: "Abandon" in browser.execute_script(read)[1], what="the new decision")
    browser.find_element(By.ID, "view-teams").click()
    assert browser.find_element(By.ID, "tiles").is_displayed()


FRENCH_PAGE_ENGLISH = (
    "Log in",
    "Facilitator code",
    "Live tiles",
    "All teams",
    "Pause all",
    "Time left",
    "Open orders",
    "Records stored",
    "Not connected",
    "Waiting",
    "Observation tags",
    "TEAM rating",
    "Save rating",
    "Round",
    "never or hardly ever",
    "good closed loop",
    "Workshop report",
    "dashboard",
)
"""English words a French facilitator must not meet on the page (tiles, tags, rating form
folded out)."""


def test_the_french_hub_shows_its_page_in_french(tmp_path, browser):
    """A hub serving in French: the login, the board, a team's tile, its tags and its TEAM
    form are all in French, numbers as French writes them, not one English word left."""
    with using_language("fr"):
        config = HubConfig("Atelier 7", tmp_path / "hub", "127.0.0.1", 0, announce=False)
        with RunningHub(config) as hub:
            body = {"join_code": hub.hub.join_code, "team": "Équipe bleue", "machine": "poste 3"}
            request = urllib.request.Request(
                hub.url + "/api/join",
                data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            )
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request).read()
            browser.set_window_size(1280, 900)
            browser.delete_all_cookies()
            browser.get(hub.url + "/")
            code = wait_for(lambda: browser.find_element(By.ID, "code"), what="the login form")
            wait_for(code.is_displayed, what="the login form")
            assert browser.find_element(By.ID, "login-title").text == "Se connecter"
            code.send_keys(hub.hub.join_code)
            browser.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
            error = browser.find_element(By.ID, "login-error")
            wait_for(lambda: error.text == "Code animateur incorrect.", what="the refusal")
            code.clear()
            log_in(browser, hub)
            tile = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".tile"), what="tile")[0]
            for summary in tile.find_elements(By.TAG_NAME, "summary"):
                summary.click()
            assert browser.find_element(By.ID, "live").text == "En direct"
            assert browser.title == "Atelier 7 – tableau de bord"
            assert tile.find_element(By.CSS_SELECTOR, ".badge.link").text == "Non connectée"
            assert tile.find_element(By.CSS_SELECTOR, ".badge.state").text == "En attente"
            assert field(tile, "records") == "0"
            assert "bonne boucle fermée" in tile.text
            assert "Enregistrer l’évaluation" in tile.text
            page = browser.execute_script("return document.body.innerText")
            assert "Toutes les équipes" in page
            for words in FRENCH_PAGE_ENGLISH:
                assert words not in page, words
            browser.delete_all_cookies()
