"""The workshop hub's HTTP and WebSocket API, through Starlette's TestClient: joining,
streaming records (idempotent, gaps filled), refusals that leave other teams alone, the
dashboard's login, CSRF and Origin checks, commands and the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from hub_helpers import log_records, record_round, round_key
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from kitchen.hub.app import create_app
from kitchen.hub.config import HubConfig
from kitchen.hub.live import Hub
from kitchen.workshop.protocol import MAX_MESSAGE_BYTES


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("games")
    return [record_round(root, "Blue", seed=1), record_round(root, "Green", seed=2)]


@pytest.fixture
def hub_client(tmp_path: Path) -> tuple[TestClient, Hub]:
    config = HubConfig(workshop="Ward 7", folder=tmp_path / "ws", announce=False)
    app = create_app(config)
    with TestClient(app) as client:
        yield client, app.state.hub


def join(client: TestClient, hub: Hub, team: str = "Blue") -> dict[str, Any]:
    reply = client.post("/api/join", json={"join_code": hub.join_code, "team": team})
    assert reply.status_code == 200, reply.text
    data: dict[str, Any] = reply.json()
    return data


def login(client: TestClient, hub: Hub) -> str:
    reply = client.post("/login", json={"code": hub.facilitator_code})
    assert reply.status_code == 200
    csrf: str = reply.json()["csrf"]
    return csrf


def hello(ws: Any, token: str) -> dict[str, Any]:
    ws.send_text(json.dumps({"type": "hello", "token": token}))
    welcome: dict[str, Any] = json.loads(ws.receive_text())
    return welcome


def send_records(ws: Any, key: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Send one batch; returns the ack and any refusals that follow it."""
    ws.send_text(json.dumps({"type": "records", "round": key, "records": records}))
    replies = [json.loads(ws.receive_text())]
    assert replies[0]["type"] == "ack", replies
    return replies


def stored(hub: Hub, game_id: str, key: str) -> dict[int, Any]:
    (row,) = [r for r in hub.store.rounds(game_id) if r.key == key]
    return hub.store.records_of(row.round_id)


# --- joining --------------------------------------------------------------------------


def test_join_needs_the_join_code_and_gives_each_game_its_own_token(hub_client):
    client, hub = hub_client
    wrong = client.post("/api/join", json={"join_code": "ZZZZZZ", "team": "Blue"})
    assert (wrong.status_code, wrong.json()) == (403, {"error": "wrong join code"})
    typed = hub.join_code.lower()[:3] + " " + hub.join_code[3:]  # as a person types it
    a = client.post("/api/join", json={"join_code": typed, "team": "Blue", "machine": "lap 1"})
    b = join(client, hub, "Green")
    assert a.status_code == 200
    assert a.json()["workshop"] == "Ward 7"
    assert a.json()["token"] != b["token"]
    assert a.json()["game_id"] != b["game_id"]
    # the token is never stored, only its hash
    assert a.json()["token"].encode() not in hub.store.path.read_bytes()


def test_repeated_wrong_codes_are_slowed_down_per_address_and_purpose(hub_client):
    client, hub = hub_client
    codes = [client.post("/api/join", json={"join_code": "ZZZZZZ", "team": "B"}) for _ in range(5)]
    assert [r.status_code for r in codes] == [403, 403, 403, 403, 429]
    assert codes[-1].json()["error"].startswith("too many attempts, wait ")
    # even the right code waits now
    assert (
        client.post("/api/join", json={"join_code": hub.join_code, "team": "B"}).status_code == 429
    )
    # the facilitator's login from the same address is counted apart
    assert client.post("/login", json={"code": hub.facilitator_code}).status_code == 200


@pytest.mark.parametrize(
    ("body", "headers", "status", "error"),
    [
        (
            "join_code=x&team=y",
            {"content-type": "application/x-www-form-urlencoded"},
            415,
            "send JSON",
        ),
        ("{", {"content-type": "application/json"}, 400, "join refused: not JSON"),
        ('{"join_code": "A", "team": ""}', {"content-type": "application/json"}, 400, "team:"),
        (
            '{"join_code": "A", "team": "x", "path": "/etc"}',
            {"content-type": "application/json"},
            400,
            "path: Extra inputs",
        ),
        ("x" * 70_000, {"content-type": "application/json"}, 400, "request body over"),
    ],
)
def test_a_bad_join_request_is_refused_in_one_line(hub_client, body, headers, status, error):
    client, _ = hub_client
    reply = client.post("/api/join", content=body, headers=headers)
    assert reply.status_code == status
    assert error in reply.json()["error"]
    assert "\n" not in reply.json()["error"]


# --- streaming --------------------------------------------------------------------------


def test_records_are_stored_once_and_a_gap_is_filled_by_the_resend(hub_client, logs):
    client, hub = hub_client
    game = join(client, hub)
    records, key = log_records(logs[0]), round_key(logs[0])
    with client.websocket_connect("/ws/game") as ws:
        assert hello(ws, game["token"]) == {
            "type": "welcome",
            "game_id": game["game_id"],
            "workshop": "Ward 7",
            "protocol": 1,
            "have": {},
        }
        assert send_records(ws, key, records[:10])[0]["upto"] == 9
        # a gap: 20.. arrives before 10..19
        assert send_records(ws, key, records[20:30])[0]["upto"] == 9
        assert send_records(ws, key, records[5:25])[0]["upto"] == 29  # overlap + gap filled
        assert send_records(ws, key, records)[0]["upto"] == len(records) - 1  # all again
    held = stored(hub, game["game_id"], key)
    assert held == {r["seq"]: r["line"] for r in records}  # record for record, none doubled
    # a game that comes back is told what the hub holds
    with client.websocket_connect("/ws/game") as ws:
        assert hello(ws, game["token"])["have"] == {key: len(records) - 1}


def test_a_bad_record_is_refused_and_the_rest_of_the_batch_kept(hub_client, logs):
    client, hub = hub_client
    game = join(client, hub)
    records, key = log_records(logs[0]), round_key(logs[0])
    broken = [*records[:5], {"seq": 5, "line": {"record": "action", "tick": -3}}, *records[6:8]]
    with client.websocket_connect("/ws/game") as ws:
        hello(ws, game["token"])
        ws.send_text(json.dumps({"type": "records", "round": key, "records": broken}))
        ack, refusal = json.loads(ws.receive_text()), json.loads(ws.receive_text())
        assert ack == {"type": "ack", "round": key, "upto": 4}
        assert refusal["type"] == "error"
        assert refusal["error"].startswith(f"record 5 of {key} refused: ")
        assert not refusal["closed"]
        # the link stays open: the right record 5 fills the gap
        assert send_records(ws, key, records[5:6])[0]["upto"] == 7


def test_a_header_for_another_round_or_a_body_before_any_header_is_refused(hub_client, logs):
    client, hub = hub_client
    game = join(client, hub)
    records = log_records(logs[0])
    with client.websocket_connect("/ws/game") as ws:
        hello(ws, game["token"])
        ws.send_text(json.dumps({"type": "records", "round": "other/3", "records": records[:3]}))
        replies = [json.loads(ws.receive_text()) for _ in range(4)]
    assert replies[0] == {"type": "ack", "round": "other/3", "upto": -1}
    assert "its header names another round" in replies[1]["error"]
    assert "came before the round's header" in replies[2]["error"]


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("{", "message refused: not JSON"),
        ('{"type": "launch"}', "unknown type 'launch'"),
        (
            '{"type": "records", "round": "../../etc/1", "records": [{"seq": 0, "line": {}}]}',
            "round: must be a round key",
        ),
        (
            '{"type": "records", "round": "C:\\\\x/1", "records": [{"seq": 0, "line": {}}]}',
            "round: must be a round key",
        ),
        ('{"type": "status", "score": "lots"}', "score: Input should be a valid integer"),
        ('{"type": "status", "file": "/etc/passwd"}', "file: Extra inputs are not permitted"),
        ('{"type": "hello", "token": "x"}', "already said hello"),
        (json.dumps({"type": "status", "level": "x" * MAX_MESSAGE_BYTES}), "bytes, at most 262144"),
    ],
)
def test_a_bad_message_is_refused_without_touching_other_teams(hub_client, logs, message, error):
    client, hub = hub_client
    bad, good = join(client, hub, "Blue"), join(client, hub, "Green")
    records, key = log_records(logs[1]), round_key(logs[1])
    with (
        client.websocket_connect("/ws/game") as bad_ws,
        client.websocket_connect("/ws/game") as good_ws,
    ):
        hello(bad_ws, bad["token"])
        hello(good_ws, good["token"])
        bad_ws.send_text(message)
        refusal = json.loads(bad_ws.receive_text())
        assert refusal["type"] == "error"
        assert error in refusal["error"]
        assert not refusal["closed"]
        assert len(refusal["error"]) <= 300
        assert send_records(good_ws, key, records)[0]["upto"] == len(records) - 1
        # and the bad game's link still works
        bad_ws.send_text('{"type": "status", "state": "playing", "score": 3}')
    assert hub.tile(bad["game_id"]).score == 3


def test_a_game_sending_too_fast_has_messages_dropped_with_a_refusal(tmp_path):
    config = HubConfig("W", tmp_path, announce=False, message_rate=1.0, message_burst=3.0)
    app = create_app(config)
    with TestClient(app) as client:
        hub = app.state.hub
        game = join(client, hub)
        with client.websocket_connect("/ws/game") as ws:
            hello(ws, game["token"])
            for score in range(5):
                ws.send_text(json.dumps({"type": "status", "score": score}))
            refusal = json.loads(ws.receive_text())
            assert refusal["error"].startswith("too many messages (at most 1 a second)")
        assert hub.tile(game["game_id"]).score == 2


def test_a_wrong_token_closes_the_link_and_counts_as_a_failure(hub_client):
    client, hub = hub_client
    for _ in range(4):
        with client.websocket_connect("/ws/game") as ws:
            ws.send_text(json.dumps({"type": "hello", "token": "not-a-token"}))
            assert json.loads(ws.receive_text()) == {
                "type": "error",
                "error": "unknown token: join the workshop again",
                "closed": True,
            }
            with pytest.raises(WebSocketDisconnect):
                ws.receive_text()
    with client.websocket_connect("/ws/game") as ws:
        assert json.loads(ws.receive_text())["error"].startswith("too many attempts, wait ")


# --- the dashboard ----------------------------------------------------------------------


def test_the_dashboard_needs_the_facilitator_code_not_the_join_code(hub_client):
    client, hub = hub_client
    assert client.get("/api/state").status_code == 401
    assert client.post("/login", json={"code": hub.join_code}).status_code == 403
    page = client.get("/")
    assert page.status_code == 200
    assert "Facilitator code" in page.text
    csrf = login(client, hub)
    state = client.get("/api/state").json()
    assert state == {"workshop": "Ward 7", "csrf": csrf, "teams": []}
    cookie = client.post("/login", json={"code": hub.facilitator_code}).headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "samesite=strict" in cookie.lower()


def test_a_login_form_sends_the_browser_back_to_the_dashboard(hub_client):
    client, hub = hub_client
    reply = client.post("/login", data={"code": hub.facilitator_code}, follow_redirects=False)
    assert (reply.status_code, reply.headers["location"]) == (303, "/")
    wrong = client.post("/login", data={"code": "nope"}, follow_redirects=False)
    assert wrong.status_code == 403
    assert "Wrong facilitator code." in wrong.text


def test_state_changes_need_the_csrf_header_and_the_hub_s_own_origin(hub_client):
    client, hub = hub_client
    csrf = login(client, hub)
    pause = {"kind": "pause"}
    no_header = client.post("/api/command", json=pause)
    assert no_header.status_code == 403
    assert "X-CSRF-Token" in no_header.json()["error"]
    cross = client.post(
        "/api/command", json=pause, headers={"X-CSRF-Token": csrf, "Origin": "http://evil.example"}
    )
    assert (cross.status_code, cross.json()) == (403, {"error": "cross-site request refused"})
    forged_login = client.post(
        "/login", data={"code": hub.facilitator_code}, headers={"Origin": "http://evil.example"}
    )
    assert forged_login.status_code == 403
    ok_origin = client.post(
        "/api/command", json=pause, headers={"X-CSRF-Token": csrf, "Origin": "http://testserver"}
    )
    assert (ok_origin.status_code, ok_origin.json()) == (409, {"error": "no game is connected"})
    client.cookies.clear()
    assert (
        client.post("/api/command", json=pause, headers={"X-CSRF-Token": csrf}).status_code == 401
    )


def test_commands_reach_the_games_and_their_answers_reach_the_dashboard(hub_client, logs):
    client, hub = hub_client
    blue, green = join(client, hub, "Blue"), join(client, hub, "Green")
    csrf = login(client, hub)
    headers = {"X-CSRF-Token": csrf}
    key = round_key(logs[0])
    with (
        client.websocket_connect("/ws/game") as blue_ws,
        client.websocket_connect("/ws/game") as green_ws,
    ):
        hello(blue_ws, blue["token"])
        hello(green_ws, green["token"])
        dash = client.websocket_connect("/ws/dashboard").__enter__()
        first = [json.loads(dash.receive_text()) for _ in range(2)]
        assert {m["team"]["team"] for m in first} == {"Blue", "Green"}
        assert all(m["type"] == "tile" and m["team"]["connected"] for m in first)

        one = client.post(
            f"/api/teams/{blue['game_id']}/command",
            json={"kind": "trigger", "index": 1},
            headers=headers,
        )
        assert one.status_code == 200
        assert one.json()["sent_to"] == [blue["game_id"]]
        command = json.loads(blue_ws.receive_text())
        assert command == {
            "type": "command",
            "id": one.json()["id"],
            "command": {"kind": "trigger", "index": 1},
        }
        blue_ws.send_text(
            json.dumps({"type": "done", "id": command["id"], "ok": True, "message": "Stove fails"})
        )
        assert json.loads(dash.receive_text()) == {
            "type": "done",
            "game_id": blue["game_id"],
            "id": command["id"],
            "ok": True,
            "message": "Stove fails",
        }
        assert json.loads(dash.receive_text())["team"]["last_done"] == "done: Stove fails"

        every = client.post("/api/command", json={"kind": "huddle", "seconds": 60}, headers=headers)
        assert sorted(every.json()["sent_to"]) == sorted([blue["game_id"], green["game_id"]])
        for ws in (blue_ws, green_ws):
            assert json.loads(ws.receive_text())["command"] == {"kind": "huddle", "seconds": 60}

        bad = client.post("/api/command", json={"kind": "huddle", "seconds": 5}, headers=headers)
        assert bad.status_code == 400
        assert bad.json()["error"].startswith("command refused: seconds:")
        rating = {"kind": "team", "ratings": {"communication": 3}, "global_rating": 7}
        unknown_round = client.post(
            f"/api/teams/{blue['game_id']}/command",
            json={"kind": "rating", "round": key, "rating": rating},
            headers=headers,
        )
        assert unknown_round.status_code == 404
        assert (
            client.post(
                "/api/teams/nobody/command", json={"kind": "end"}, headers=headers
            ).status_code
            == 404
        )

        send_records(blue_ws, key, log_records(logs[0])[:3])
        rated = client.post(
            f"/api/teams/{blue['game_id']}/command",
            json={"kind": "rating", "round": key, "rating": rating},
            headers=headers,
        )
        assert rated.status_code == 200
        sent = json.loads(blue_ws.receive_text())["command"]
        assert sent == {
            "kind": "rating",
            "round": key,
            "rating": {
                **rating,
                "ratings": {**{k: None for k in sent["rating"]["ratings"]}, "communication": 3},
            },
        }
        dash.__exit__(None, None, None)
    # the games went away: commands to them are refused
    gone = client.post(
        f"/api/teams/{blue['game_id']}/command", json={"kind": "end"}, headers=headers
    )
    assert (gone.status_code, gone.json()) == (409, {"error": "Blue is not connected"})


def test_status_and_records_update_the_tile_live(hub_client, logs):
    client, hub = hub_client
    game = join(client, hub)
    login(client, hub)
    records, key = log_records(logs[0]), round_key(logs[0])
    with (
        client.websocket_connect("/ws/dashboard") as dash,
        client.websocket_connect("/ws/game") as ws,
    ):
        assert json.loads(dash.receive_text())["team"]["connected"] is False
        hello(ws, game["token"])
        assert json.loads(dash.receive_text())["team"]["connected"] is True
        ws.send_text(
            json.dumps(
                {
                    "type": "status",
                    "state": "playing",
                    "round": key,
                    "level": "Two recipes",
                    "time_left_s": 95.5,
                    "score": 40,
                    "open_orders": 2,
                    "disruption": "Stove fails",
                    "callouts": 7,
                    "closed_loop_ratio": 0.5,
                    "talk_share": None,
                }
            )
        )
        tile = json.loads(dash.receive_text())["team"]
        assert tile | {"records": 0} == {
            "game_id": game["game_id"],
            "team": "Blue",
            "machine": "",
            "connected": True,
            "state": "playing",
            "round": key,
            "level": "Two recipes",
            "time_left_s": 95.5,
            "score": 40,
            "open_orders": 2,
            "disruption": "Stove fails",
            "callouts": 7,
            "closed_loop_ratio": 0.5,
            "talk_share": None,
            "records": 0,
            "rounds": [],
            "last_done": "",
            "tags": None,
            "cycles": 0,
        }
        send_records(ws, key, records)
        tile = json.loads(dash.receive_text())["team"]
        assert (tile["records"], tile["rounds"]) == (len(records), [key])


def test_the_dashboard_socket_needs_a_login_and_the_hub_s_origin(hub_client):
    client, hub = hub_client
    with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect("/ws/dashboard"):
        pass
    assert refused.value.code == 4403
    login(client, hub)
    with (
        pytest.raises(WebSocketDisconnect),
        client.websocket_connect("/ws/dashboard", headers={"Origin": "http://evil.example"}),
    ):
        pass


def test_the_report_covers_every_team_and_needs_a_login(hub_client, logs):
    client, hub = hub_client
    assert client.get("/report.html").status_code == 401
    login(client, hub)
    assert client.get("/report.html").json() == {"error": "no rounds to report yet"}
    for log, team in zip(logs, ("Blue", "Green"), strict=True):
        game = join(client, hub, team)
        with client.websocket_connect("/ws/game") as ws:
            hello(ws, game["token"])
            send_records(ws, round_key(log), log_records(log))
    page = client.get("/report.html")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Ward 7" in page.text
    assert "Blue" in page.text
    assert "Green" in page.text
    data = client.get("/report.json").json()
    assert sorted(s["team"] for s in data["sessions"]) == ["Blue", "Green"]
    assert data["report"] == "systems-kitchen report"
    csv = client.get("/report.csv")
    assert csv.headers["content-disposition"] == 'attachment; filename="workshop-report.csv"'
    assert csv.text.count("\n") >= 3
    assert client.get("/report.exe").status_code == 404
    assert "team_only" in client.get("/report.json?team_only=1").json()


def test_a_restarted_hub_keeps_its_codes_games_and_records(tmp_path, logs):
    config = HubConfig("Ward 7", tmp_path, announce=False)
    app = create_app(config)
    records, key = log_records(logs[0]), round_key(logs[0])
    with TestClient(app) as client:
        hub = app.state.hub
        codes = (hub.join_code, hub.facilitator_code)
        game = join(client, hub)
        with client.websocket_connect("/ws/game") as ws:
            hello(ws, game["token"])
            send_records(ws, key, records[:20])
    app = create_app(HubConfig("Another name", tmp_path, announce=False))
    with TestClient(app) as client:
        hub = app.state.hub
        assert (hub.join_code, hub.facilitator_code, hub.workshop) == (*codes, "Ward 7")
        with client.websocket_connect("/ws/game") as ws:
            assert hello(ws, game["token"])["have"] == {key: 19}
            assert send_records(ws, key, records[20:])[0]["upto"] == len(records) - 1
        assert stored(hub, game["game_id"], key) == {r["seq"]: r["line"] for r in records}
        assert hub.tile(game["game_id"]).records == len(records)


def test_every_response_carries_the_security_headers(hub_client):
    client, _ = hub_client
    headers = client.get("/").headers
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
