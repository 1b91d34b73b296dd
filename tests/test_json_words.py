"""JSON syntax errors and the hub's refusals in the language in force (issue 16): Python's
json messages and pydantic's are the parser's own in English and the catalogue's in French;
a message not known here is a plain "not valid JSON"; the settings file's notice is French."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kitchen.cli import main
from kitchen.content.json_words import (
    PYTHON_WORDS,
    SERDE_WORDS,
    is_json_problem,
    json_problem,
    json_reason,
)
from kitchen.content.problems import SourceError
from kitchen.content.reading import parse_json
from kitchen.content.settings_store import SettingsStore
from kitchen.i18n import _, using_language
from kitchen.ui.input.bindings import SDL_KEY_NAMES
from kitchen.workshop.protocol import JoinRequest, ProtocolError, parse

# One text per message the json module gives (3.11's C scanner; 3.13 adds trailing commas).
BROKEN = {
    "Expecting value": "[1, ]x",
    "Expecting ',' delimiter": '{"a": 1 "b": 2}',
    "Expecting ':' delimiter": '{"a" 1}',
    "Expecting property name enclosed in double quotes": "{1: 2}",
    "Unterminated string starting at": '"abc',
    "Invalid control character": '"a\x01b"',
    "Invalid \\uXXXX escape": '"\\u12"',
    "Invalid \\escape": '"\\q"',
    "Extra data": "{} {}",
}


def _refusal(text: str) -> str:
    with pytest.raises(SourceError) as info:
        parse_json(text, "log.jsonl")
    return info.value.problems[0].message


@pytest.mark.parametrize("start", sorted(BROKEN))
def test_each_json_message_is_its_own_in_english_and_french_in_french(start):
    english = _refusal(BROKEN[start])
    assert english.startswith(f"not JSON: {start}")
    with using_language("fr"):
        french = _refusal(BROKEN[start])
        assert french == _("not JSON: {why}").format(why=_(PYTHON_WORDS[start]))
        assert is_json_problem(french)
    assert french.startswith("pas du JSON")
    assert start not in french


def test_every_known_message_has_french_and_an_unknown_one_says_not_valid_json():
    with using_language("fr"):
        for words in (*PYTHON_WORDS.values(), *SERDE_WORDS.values()):
            assert _(words) != words, words
        assert json_problem("Exceeds the limit (4300 digits)") == "ce n’est pas du JSON valide"
        assert json_reason("Invalid JSON: something new at line 1 column 2") == (
            "ce n’est pas du JSON valide"
        )
        assert json_reason("Invalid JSON: EOF while parsing a value at line 1 column 0") == (
            "le texte s’arrête avant une valeur attendue, ligne 1, colonne 0"
        )
    assert json_problem("Exceeds the limit (4300 digits)") == (
        "not JSON: Exceeds the limit (4300 digits)"
    )
    assert json_reason("Invalid JSON: trailing comma at line 1 column 8") == (
        "Invalid JSON: trailing comma at line 1 column 8"
    )


def test_a_protocol_refusal_says_pydantics_detail_in_french():
    long_team = json.dumps({"join_code": "ABC234", "team": "x" * 200})
    with pytest.raises(ProtocolError) as english:
        parse(JoinRequest, long_team, "join")
    assert "String should have at most" in str(english.value)
    with using_language("fr"):
        with pytest.raises(ProtocolError) as french:
            parse(JoinRequest, long_team, "join")
        with pytest.raises(ProtocolError) as not_json:
            parse(JoinRequest, '{"team": ', "join")
        with pytest.raises(ProtocolError) as wrong_type:
            parse(JoinRequest, '{"join_code": "ABC234", "team": 5}', "join")
    assert str(french.value).startswith("join refusé")
    assert "est trop long (au plus " in str(french.value)
    assert "String" not in str(french.value)
    assert "le texte s’arrête" in str(not_json.value)
    assert "EOF" not in str(not_json.value)
    assert "Input should" not in str(wrong_type.value)


def test_the_hub_refuses_a_long_team_name_in_french(tmp_path: Path):
    pytest.importorskip("starlette")
    pytest.importorskip("httpx2")
    from starlette.testclient import TestClient

    from kitchen.hub.app import create_app
    from kitchen.hub.config import HubConfig

    app = create_app(HubConfig(workshop="Atelier", folder=tmp_path / "ws", announce=False))
    with TestClient(app) as client, using_language("fr"):
        code = client.app.state.hub.join_code
        refused = client.post("/api/join", json={"join_code": code, "team": "y" * 200})
        broken = client.post(
            "/api/join", content=b"{", headers={"content-type": "application/json"}
        )
    assert refused.status_code == 400
    assert "est trop long" in refused.json()["error"]
    assert "String" not in refused.json()["error"]
    assert broken.status_code == 400
    assert "EOF" not in broken.json()["error"]
    assert broken.json()["error"].startswith("join refusé")


def test_a_broken_settings_file_is_reported_in_french(tmp_path: Path):
    path = tmp_path / "settings.json"
    for text, says in (
        ('{"volume": 0.3,', "Votre fichier de réglages n’est pas du JSON valide ("),
        ("[1, 2]", "Votre fichier de réglages contient une liste, pas l’objet de réglages"),
        ('{"volume": "fort"}', "Votre fichier de réglages a un problème"),
    ):
        path.write_text(text, encoding="utf-8")
        with using_language("fr"):
            store = SettingsStore(path, keys=SDL_KEY_NAMES)
            store.load()
        assert store.message is not None
        assert store.backup is not None
        assert store.message.startswith(says), store.message
        assert store.message.endswith(
            f"Réglages par défaut utilisés. Copie mise de côté : {store.backup.name}."
        )
        assert "Your" not in store.message
        assert "Default" not in store.message


def test_kitchen_replay_of_a_file_that_is_not_json_is_one_french_line(capsys, tmp_path):
    broken = tmp_path / "hostname"
    broken.write_text("machine-name\n", encoding="utf-8")
    assert main(["--lang", "fr", "replay", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    # not a line of JSON at all: named for what it is not, a round log
    assert ":1:1: pas un journal de manche (les journaux de manche sont les fichiers" in err, err
    assert main(["--lang", "en", "replay", str(broken)]) == 1
    assert capsys.readouterr().err.endswith(
        ":1:1: not a round log (round logs are the .jsonl files the game writes after each "
        "round, one JSON record a line)\n"
    )


@pytest.mark.skipif(not Path("/etc/hostname").is_file(), reason="no /etc/hostname")
def test_kitchen_replay_etc_hostname_in_french_exits_1_with_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "kitchen", "--lang", "fr", "replay", "/etc/hostname"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert "pas un journal de manche" in done.stderr
    assert "Traceback" not in done.stderr
