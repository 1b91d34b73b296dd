"""The workshop hub and the game's workshop link in French: refusals a facilitator reads,
the lines `kitchen host` prints, the link's states a team reads and protocol refusals are
in the language in force; what games read from a refusal (how long to wait) does not
depend on its words."""

from __future__ import annotations

import io
import urllib.error
from email.message import Message
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient

from kitchen.hub.app import create_app
from kitchen.hub.config import HubConfig
from kitchen.hub.serve import host_main
from kitchen.i18n import using_language
from kitchen.workshop.link import AddressError, _retry_after, hub_urls
from kitchen.workshop.protocol import JoinRequest, ProtocolError, parse


@pytest.fixture
def client(tmp_path: Path):
    app = create_app(HubConfig(workshop="Atelier 7", folder=tmp_path / "ws", announce=False))
    with TestClient(app) as test_client:
        yield test_client


def test_the_hub_refuses_in_french(client):
    with using_language("fr"):
        wrong = [
            client.post("/api/join", json={"join_code": "NOPE22", "team": "Bleue"})
            for _attempt in range(5)
        ]
        assert wrong[0].json() == {"error": "code d’accès incorrect"}
        slowed = wrong[-1]
        assert slowed.status_code == 429
        assert slowed.json()["error"].startswith("trop de tentatives, attendez ")
        seconds = slowed.headers["Retry-After"]
        assert slowed.json()["error"].endswith(f"{seconds} s")
        assert client.get("/api/state").json() == {
            "error": "connectez-vous d’abord avec le code animateur"
        }
        code = client.app.state.hub.facilitator_code
        assert client.post("/login", json={"code": code}).status_code == 200
        assert client.get("/report.json").json()["error"].startswith("aucune manche")
        unknown = client.post(
            "/api/teams/nope/command",
            json={"kind": "pause"},
            headers={"X-CSRF-Token": client.get("/api/state").json()["csrf"]},
        )
        assert (unknown.status_code, unknown.json()) == (404, {"error": "équipe inconnue"})
        form = client.post("/login", data={"code": "WRONG"})
        assert "Code animateur incorrect." in form.text
        assert "lang='fr'" in form.text


def test_a_game_reads_how_long_to_wait_from_the_header_or_old_english_words():
    def refusal(headers: dict[str, str]) -> urllib.error.HTTPError:
        message = Message()
        for name, value in headers.items():
            message[name] = value
        return urllib.error.HTTPError("http://hub/api/join", 429, "", message, io.BytesIO())

    assert _retry_after(refusal({"Retry-After": "12"}), "trop de tentatives") == 12
    assert _retry_after(refusal({}), "too many attempts, wait 7 s") == 7
    assert _retry_after(refusal({}), "wrong join code") == 0


def test_kitchen_host_speaks_french(capsys):
    with using_language("fr"):
        assert host_main("Atelier", "127.0.0.1", 70000, None, announce=False) == 2
    assert capsys.readouterr().err == (
        "kitchen host\u00a0: --port doit être compris entre 0 et 65535\n"
    )


def test_the_link_and_the_protocol_speak_french():
    with using_language("fr"):
        with pytest.raises(AddressError, match="tapez l’adresse du hub"):
            hub_urls("  ")
        with pytest.raises(ProtocolError) as refused:
            parse(JoinRequest, '{"join_code": "A", "team": "x\\u0001"}', "join")
    said = str(refused.value)
    assert said.startswith("join refusé\u00a0: ")
    assert "ne doit pas contenir de caractère de contrôle" in said
    with pytest.raises(AddressError, match="type the hub's address"):
        hub_urls("")
