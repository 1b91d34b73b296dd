"""A team's improvement cycles and its own observation tags at the hub, through Starlette's
TestClient: a game's ``tags`` and ``cycles`` messages (checked, bounded, refused in one
line without closing the link), the tile's tag list and cycles counter, ``GET /api/cycles``
(login needed; kept in SQLite across a hub restart), and the message made from
``cycles_data`` (cut to size, the oldest cycles left out when too large)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient

from kitchen.hub.app import create_app
from kitchen.hub.config import HubConfig
from kitchen.workshop.protocol import MAX_MESSAGE_BYTES, parse_game_message
from kitchen.workshop.team_messages import CYCLES_BYTES, CyclesMessage, cycles_message

CYCLE = {
    "cycle": 1,
    "idea": "Onions beside the pot",
    "changes": ["onion crate next to the pot"],
    "prediction": {"words": "at least 3 dishes", "reads": "Dishes served at least 3"},
    "measure": "service.served",
    "measure_label": "Dishes served",
    "compared_round": 1,
    "seed": 5,
    "tested_round": 2,
    "before": 2,
    "result": 3,
    "outcome": "met",
    "decision": "adopt",
    "decision_note": "",
    "system_or_people": {
        "team_change": 1.0,
        "system_change": 1.0,
        "people_change": 0.0,
        "system_share": 1.0,
        "text": "System 100%: the redesign alone explains +1 of the team's +1.",
        "other_seeds": "",
    },
}
DATA = {
    "team": "Blue",
    "session": "2026-11-30_0748_blue",
    "problem": None,
    "cycles": [CYCLE],
    "run_charts": [{"label": "Dishes served", "verdict": "2 rounds: too few to call anything."}],
}


def cycles_text(session: str = "2026-11-30_0748_blue", data: dict[str, Any] = DATA) -> str:
    return cycles_message(session, data).model_dump_json()


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(HubConfig(workshop="Ward 7", folder=tmp_path / "ws", announce=False))
    with TestClient(app) as test_client:
        yield test_client


def join(client: TestClient, team: str) -> dict[str, Any]:
    hub = client.app.state.hub
    reply = client.post("/api/join", json={"join_code": hub.join_code, "team": team})
    data: dict[str, Any] = reply.json()
    return data


@contextlib.contextmanager
def connect(client: TestClient, token: str) -> Iterator[Any]:
    """A game's link, welcomed; on leaving, one round trip makes sure the hub handled
    everything sent."""
    with client.websocket_connect("/ws/game") as socket:
        socket.send_text(json.dumps({"type": "hello", "token": token}))
        assert json.loads(socket.receive_text())["type"] == "welcome"
        yield socket
        socket.send_text(json.dumps({"type": "hello", "token": "x"}))
        assert "already said hello" in json.loads(socket.receive_text())["error"]


def test_a_message_from_cycles_data_is_the_dashboard_s_view_of_each_cycle():
    message = cycles_message("s-1", DATA)
    (entry,) = message.cycles
    assert (entry.idea, entry.changes, entry.prediction, entry.prediction_reads) == (
        "Onions beside the pot",
        ["onion crate next to the pot"],
        "at least 3 dishes",
        "Dishes served at least 3",
    )
    assert (entry.before, entry.result, entry.outcome, entry.decision) == (2, 3, "met", "adopt")
    assert (entry.system_share, entry.system_text) == (1.0, CYCLE["system_or_people"]["text"])
    assert [c.label for c in message.charts] == ["Dishes served"]
    assert parse_game_message(message.model_dump_json()) == message
    with pytest.raises(ValueError, match="session"):
        cycles_message("../etc", DATA)  # a session is a folder's name, never a path


def test_long_cycles_are_cut_and_the_oldest_left_out_to_stay_small():
    long = {
        **CYCLE,
        "idea": "é\n" * 2000,  # two bytes a character, and a control character to drop
        "changes": ["ü" * 500] * 40,
        "decision_note": "ß" * 900,
        "system_or_people": {"system_share": float("nan"), "text": "n/a"},
    }
    many = [{**long, "cycle": n} for n in range(1, 51)]
    message = cycles_message("s", {**DATA, "cycles": many})
    size = len(message.model_dump_json().encode("utf-8"))
    assert size <= CYCLES_BYTES < MAX_MESSAGE_BYTES
    assert message.left_out == 50 - len(message.cycles) > 0
    assert message.cycles[-1].cycle == 50  # the latest are kept
    entry = message.cycles[-1]
    assert len(entry.idea) == 300
    assert entry.idea.endswith("…")
    assert "\n" not in entry.idea
    assert (len(entry.changes), entry.more_changes) == (12, 28)
    assert entry.system_share is None


def test_tags_and_cycles_reach_the_tile_and_the_cycles_view(client, tmp_path):
    blue, green = join(client, "Blue"), join(client, "Green")
    hub = client.app.state.hub
    with connect(client, blue["token"]) as game:
        game.send_text(json.dumps({"type": "tags", "tags": ["handover", "read-back"]}))
        game.send_text(cycles_text())
        game.send_text(json.dumps({"type": "status", "state": "debrief", "score": 4}))
    tile = hub.tile(blue["game_id"])
    assert (tile.tags, tile.cycles, tile.state) == (["handover", "read-back"], 1, "debrief")
    assert hub.tile(green["game_id"]).tags is None  # the dashboard's default tags

    assert client.get("/api/cycles").status_code == 401
    client.post("/login", json={"code": hub.facilitator_code})
    view = client.get("/api/cycles").json()
    assert [t["team"] for t in view["teams"]] == ["Blue", "Green"]
    (session,) = view["teams"][0]["sessions"]
    assert session["session"] == "2026-11-30_0748_blue"
    assert session["cycles"][0]["idea"] == "Onions beside the pot"
    assert session["cycles"][0]["system_share"] == 1.0
    assert view["teams"][1]["sessions"] == []

    # a later copy of the same session replaces it; another session is kept beside it
    changed = {**DATA, "cycles": [{**CYCLE, "decision": "adapt"}]}
    with connect(client, blue["token"]) as game:
        game.send_text(cycles_text(data=changed))
        game.send_text(cycles_text(session="2026-12-01_0900_blue"))
    sessions = client.get("/api/cycles").json()["teams"][0]["sessions"]
    assert [(s["session"], s["cycles"][0]["decision"]) for s in sessions] == [
        ("2026-11-30_0748_blue", "adapt"),
        ("2026-12-01_0900_blue", "adopt"),
    ]
    assert hub.tile(blue["game_id"]).cycles == 3


def test_the_cycles_are_kept_when_the_hub_restarts(tmp_path):
    config = HubConfig(workshop="Ward 7", folder=tmp_path / "ws", announce=False)
    with TestClient(create_app(config)) as client:
        blue = join(client, "Blue")
        with connect(client, blue["token"]) as game:
            game.send_text(cycles_text())
    with TestClient(create_app(config)) as client:
        hub = client.app.state.hub
        assert hub.tile(blue["game_id"]).cycles == 1
        client.post("/login", json={"code": hub.facilitator_code})
        (team,) = client.get("/api/cycles").json()["teams"]
        assert team["sessions"][0]["cycles"][0]["outcome"] == "met"


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ({"type": "tags", "tags": []}, "tags: List should have at least 1 item"),
        ({"type": "tags", "tags": ["x"] * 21}, "tags: List should have at most 20 items"),
        ({"type": "tags", "tags": ["a\nb"]}, "must not hold control characters"),
        (
            {"type": "cycles", "session": "../x", "cycles": []},
            "session: must be a session folder's name",
        ),
        ({"type": "cycles", "session": "s", "file": "/etc/passwd"}, "file: Extra inputs"),
        (
            {"type": "cycles", "session": "s", "cycles": [{"cycle": 1, "compared_round": 0}]},
            "cycles[0].compared_round: Input should be greater than or equal to 1",
        ),
    ],
)
def test_a_bad_tags_or_cycles_message_is_refused_and_the_link_stays(client, message, error):
    blue = join(client, "Blue")
    with connect(client, blue["token"]) as game:
        game.send_text(json.dumps(message))
        refusal = json.loads(game.receive_text())
        assert refusal["type"] == "error"
        assert not refusal["closed"]
        assert error in refusal["error"], refusal["error"]
        game.send_text(json.dumps({"type": "status", "score": 3}))
    hub = client.app.state.hub
    tile = hub.tile(blue["game_id"])
    assert (tile.score, tile.tags, tile.cycles) == (3, None, 0)
    assert hub.store.cycles() == []


def test_a_cycles_message_is_a_protocol_message():
    text = cycles_text()
    assert isinstance(parse_game_message(text), CyclesMessage)
