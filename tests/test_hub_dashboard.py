"""The dashboard's routes (kitchen.hub.dashboard_routes) through Starlette's TestClient: the
page and its files (served by the hub, nothing from elsewhere, nothing inline that the
hub's Content-Security-Policy would block), the TEAM form served from the game's own
definitions, and one round as the dashboard reads it (level, disruptions, latest rating)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from hub_helpers import log_records, round_key
from starlette.testclient import TestClient

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.content.settings_model import DEFAULT_TAGS
from kitchen.debrief.observations import GLOBAL_QUESTION, ITEMS, SCALE
from kitchen.hub.api import REPORT_CSP
from kitchen.hub.app import create_app
from kitchen.hub.config import HubConfig
from kitchen.hub.dashboard_routes import STATIC
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session
from kitchen.session.observation_log import append_observation


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(HubConfig(workshop="Ward 7", folder=tmp_path / "ws", announce=False))
    with TestClient(app) as test_client:
        yield test_client


def log_in(client: TestClient) -> None:
    code = client.app.state.hub.facilitator_code
    assert client.post("/login", json={"code": code}).status_code == 200


def test_the_page_and_its_files_come_from_the_hub_with_nothing_inline(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Facilitator code" in page.text
    html = page.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline scripts break the CSP"
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline handlers break the CSP"
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://", text), f"{path.name} names another site"
        served = client.get(f"/static/{path.name}")
        assert served.status_code == 200
        assert served.text == text
    scripts = [p for p in STATIC.iterdir() if p.suffix == ".js"]
    assert scripts
    for path in scripts:
        kind = client.get(f"/static/{path.name}").headers["content-type"]
        assert "javascript" in kind  # modules are refused under nosniff otherwise
    assert client.get("/static/../dashboard_routes.py").status_code == 404


def test_the_team_tool_is_the_game_s_own_definition_and_needs_a_login(client):
    assert client.get("/api/team-tool").status_code == 401
    log_in(client)
    tool = client.get("/api/team-tool").json()
    assert [(i["key"], i["group"], i["text"], i["short"]) for i in tool["items"]] == [
        (i.key, i.group, i.text, i.short) for i in ITEMS
    ]
    assert [s["text"] for s in tool["scale"]] == list(SCALE)
    assert (tool["global_question"], tool["global_range"]) == (GLOBAL_QUESTION, [1, 10])
    assert tool["tags"] == list(DEFAULT_TAGS)


def test_a_round_as_the_dashboard_reads_it(client, tmp_path):
    level = load_level(shipped_levels()[3])  # broken kit: it has disruptions
    session = Session.create("Blue", root=tmp_path / "games")
    recorded = RecordedRound(level, seed=1, players=sorted(level.spec.starts), session=session)
    bots = BotTeam(recorded.round)
    for _ in range(120):
        recorded.step(bots.commands())
    recorded.close()
    path = recorded.log_path
    assert path is not None
    append_observation(path, {"kind": "team", "ratings": {"communication": 2}, "global_rating": 6})
    hub = client.app.state.hub
    game = client.post("/api/join", json={"join_code": hub.join_code, "team": "Blue"}).json()
    key = round_key(path)
    with client.websocket_connect("/ws/game") as ws:
        ws.send_text(json.dumps({"type": "hello", "token": game["token"]}))
        ws.receive_text()
        ws.send_text(json.dumps({"type": "records", "round": key, "records": log_records(path)}))
        assert json.loads(ws.receive_text())["type"] == "ack"

    url = f"/api/teams/{game['game_id']}/round"
    assert client.get(url, params={"round": key}).status_code == 401
    log_in(client)
    view = client.get(url, params={"round": key}).json()
    assert view["round"] == key
    assert view["level"] == level.spec.name
    assert view["disruptions"] == [
        {"index": n, "label": d.label} for n, d in enumerate(level.spec.disruptions)
    ]
    assert view["rating"]["global_rating"] == 6
    assert view["rating"]["ratings"]["communication"] == 2
    report = client.get("/report.html")
    assert report.status_code == 200
    assert report.headers["content-security-policy"] == REPORT_CSP  # styled, no script
    assert "<script" not in report.text
    bad = client.get(url, params={"round": "../etc/1"})
    assert bad.status_code == 400
    assert "round key" in bad.json()["error"]
    missing = client.get(url, params={"round": "other/1"})
    assert (missing.status_code, missing.json()) == (
        404,
        {"error": "the hub holds no such round of this team"},
    )
