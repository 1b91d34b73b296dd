"""The facilitator's dashboard in the hub's language: the page rendered with the catalogue's
words, its scripts' words given inside it (no script holds a word people read), every key
the scripts use present, and the French page without an English word left."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient

from kitchen.hub.app import create_app
from kitchen.hub.config import HubConfig
from kitchen.hub.dashboard_routes import STATIC, team_tool
from kitchen.hub.page_words import PLURALS, WORDS, dashboard_page, page_words
from kitchen.i18n import using_language

ENGLISH = (
    "Workshop dashboard",
    "Log in",
    "Log out",
    "Facilitator code",
    "Loading",
    "Connecting",
    "Live tiles",
    "All teams",
    "Pause all",
    "Resume all",
    "End all rounds",
    "Start huddle",
    "Trigger for all",
    "Improvement cycles",
    "No team has joined",
    "Workshop report",
    "Team figures only",
    "Time left",
    "Open orders",
    "Call-outs",
    "Closed loop",
    "Records stored",
    "End round",
    "Observation tags",
    "TEAM rating",
    "Tap again",
    "This page needs",
    "read the state",
    "printed by",
    "Views",
)
"""English words of the page that must not be left in the French one."""

PROTOCOL_VALUES = {"not met"}
"""Values the scripts compare with what the hub sends (a cycle's outcome), never shown."""

SAME_IN_FRENCH = {"pause", "cycles", "session", "scale_item"}
"""Keys whose French is written as the English is."""


def _visible(page: str) -> str:
    """The page's text as people see it (tags and the words' JSON left out), and the
    attributes people read."""
    without_words = re.sub(r'<div id="words"[^>]*></div>', "", page)
    shown = re.findall(r'(?:aria-label|data-confirm|title)="([^"]*)"', without_words)
    text = re.sub(r"<[^>]+>", " ", without_words)
    return html.unescape(" ".join([text, *shown]))


def _words_of(page: str) -> dict:
    found = re.search(r'<div id="words" hidden data-words="([^"]*)"></div>', page)
    assert found is not None
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture
def client(tmp_path: Path):
    app = create_app(HubConfig(workshop="Ward 7", folder=tmp_path / "ws", announce=False))
    with TestClient(app) as test_client:
        yield test_client


def test_the_page_is_in_the_hub_s_language(client):
    english = client.get("/").text
    assert '<html lang="en">' in english
    assert "Facilitator code" in english
    with using_language("fr"):
        french = client.get("/").text
    assert '<html lang="fr">' in french
    shown = _visible(french)
    for words in ENGLISH:
        assert words not in shown, words
    for words in ("Code animateur", "Se connecter", "Toutes les équipes", "Temps restant"):
        assert words in shown
    assert _words_of(french)["lang"] == "fr"


def test_the_french_words_of_the_scripts_are_all_french():
    with using_language("fr"):
        words = page_words()
    english = page_words()
    assert english["words"] == WORDS
    for key, text in words["words"].items():
        if key not in SAME_IN_FRENCH:
            assert text != WORDS[key], key
    assert words["plurals"]["all_sent"]["one"] == "{what}\u00a0: envoyé à {n} jeu"
    assert words["plurals"]["all_sent"]["other"] == "{what}\u00a0: envoyé à {n} jeux"
    assert english["plurals"]["left_out"]["one"] == "{n} earlier cycle not shown."
    assert words["tags"]["good closed loop"] == "bonne boucle fermée"
    for text in [*words["words"].values(), *words["tags"].values()]:
        for english_words in ENGLISH:
            assert english_words not in text


def test_the_words_cannot_break_out_of_the_page():
    page = dashboard_page()
    assert page.count('<div id="words"') == 1
    data = _words_of(page)
    assert data["words"]["quoted"] == "“{words}”"
    assert '"{' not in page.split('data-words="')[1].split('"></div>')[0]


def _scripts() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(STATIC.glob("*.js")))


def test_every_word_the_scripts_use_is_given_and_none_is_written_in_them():
    scripts = _scripts()
    used = set(re.findall(r'\bt\("(\w+)"', scripts))
    counted = set(re.findall(r'\btn\("(\w+)"', scripts))
    assert used, "the scripts take their words from words.js"
    assert used <= set(WORDS), used - set(WORDS)
    assert counted <= set(PLURALS), counted - set(PLURALS)
    for state in ("lobby", "playing", "paused", "huddle", "debrief"):
        assert f"state_{state}" in WORDS  # tiles.js: t(`state_${tile.state}`)
    for decision in ("adopt", "adapt", "abandon"):
        assert decision in WORDS  # cycles.js: t(cycle.decision)
    # a display string in a script: a capitalised word followed by lower-case words
    code = re.sub(r"^\s*(//|/?\*).*$", "", scripts, flags=re.MULTILINE)
    for literal in re.findall(r'"([^"\n]*)"|`([^`]*)`', code):
        text = re.sub(r"\$\{[^}]*\}", "", literal[0] or literal[1])
        if text in PROTOCOL_VALUES:
            continue
        assert not re.search(r"\b[A-Z][a-z]+ [a-z]{2,}", text), text
        assert not re.search(r"\b(?:the|not|of|to|no) [a-z]+", text), text


def test_the_team_form_is_given_in_the_hub_s_language():
    with using_language("fr"):
        tool = team_tool()
    english = team_tool()
    assert tool["items"][0]["key"] == english["items"][0]["key"]
    assert tool["items"][0]["short"] != english["items"][0]["short"]
    assert tool["scale"][0]["text"] != english["scale"][0]["text"]
    assert tool["global_question"] != english["global_question"]
    assert tool["tags"] == english["tags"]  # sent and logged as written
