"""The hub served for real: uvicorn on 127.0.0.1 with a free port (games over real
WebSockets, a dashboard listening), ``kitchen host`` as a process, and its refusals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("websockets")

from hub_helpers import log_records, record_round, round_key
from websockets.sync.client import connect

from kitchen import cli
from kitchen.hub.config import HubConfig
from kitchen.hub.serve import RunningHub, lan_address


def post(
    url: str, body: dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[int, Any, Any]:
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, json.loads(reply.read()), reply.headers
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read()), err.headers


def test_games_stream_to_a_real_hub_while_a_dashboard_listens(tmp_path):
    log = record_round(tmp_path / "games", "Blue")
    records, key = log_records(log), round_key(log)
    with RunningHub(HubConfig("Ward 7", tmp_path / "ws", host="127.0.0.1", port=0)) as running:
        hub = running.hub
        status, game, _ = post(
            running.url + "/api/join", {"join_code": hub.join_code, "team": "Blue"}
        )
        assert status == 200
        status, login, headers = post(running.url + "/login", {"code": hub.facilitator_code})
        assert status == 200
        cookie = headers["set-cookie"].split(";")[0]
        with connect(
            running.ws_url + "/ws/dashboard", additional_headers={"Cookie": cookie}
        ) as dash:
            assert json.loads(dash.recv(timeout=5))["team"]["team"] == "Blue"
            with connect(running.ws_url + "/ws/game") as ws:
                ws.send(json.dumps({"type": "hello", "token": game["token"]}))
                assert json.loads(ws.recv(timeout=5))["have"] == {}
                for start in range(0, len(records), 10):
                    batch = records[start : start + 10]
                    ws.send(json.dumps({"type": "records", "round": key, "records": batch}))
                    assert json.loads(ws.recv(timeout=5))["upto"] == batch[-1]["seq"]
                seen = 0
                while seen < len(records):
                    seen = json.loads(dash.recv(timeout=5))["team"].get("records", 0)
                assert seen == len(records)
        (row,) = hub.store.rounds()
        assert hub.store.records_of(row.round_id) == {r["seq"]: r["line"] for r in records}


def test_kitchen_host_runs_until_interrupted_and_answers_curl_like_requests(tmp_path):
    env = {**os.environ, "KITCHEN_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kitchen",
            "host",
            "--workshop",
            "Ward 7",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-announce",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = []
        deadline = time.monotonic() + 30
        while not any(line.startswith("Serving") for line in lines):
            assert time.monotonic() < deadline, lines
            line = process.stdout.readline()
            assert line, process.stderr.read()
            lines.append(line)
        text = "".join(lines)
        url = next(w for w in text.split() if w.startswith("http://127.0.0.1:"))
        join_code = next(ln.split()[-1] for ln in lines if "Join code" in ln)
        with urllib.request.urlopen(url + "api/health", timeout=5) as reply:
            assert json.loads(reply.read()) == {"hub": "systems-kitchen", "workshop": "Ward 7"}
        assert post(url + "api/join", {"join_code": join_code, "team": "Blue"})[0] == 200
        assert (tmp_path / "data" / "workshops" / "ward-7" / "hub.sqlite3").exists()
        assert "Facilitator code" in text
        assert "\u2580" in text or "\u2584" in text  # the QR code, drawn in half blocks
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Hub stopped" in out
    assert "Traceback" not in err


def test_kitchen_host_without_the_extra_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setattr("kitchen.hub.requirements.missing", lambda: ["starlette"])
    assert cli.main(["host"]) == 2
    assert capsys.readouterr().err == "The workshop hub needs: pip install 'systems-kitchen[hub]'\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--port", "70000"], 2, "kitchen host: --port must be 0 to 65535\n"),
        (
            ["--workshop", "x" * 81],
            2,
            "kitchen host: --workshop must be 1 to 80 printable characters\n",
        ),
        (["--host", "192.0.2.77"], 1, "kitchen host: cannot listen on 192.0.2.77:0: "),
    ],
)
def test_kitchen_host_refuses_bad_settings_in_one_line(tmp_path, capsys, args, code, message):
    argv = ["host", "--folder", str(tmp_path / "ws"), "--no-announce", "--port", "0", *args]
    assert cli.main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_kitchen_host_refuses_a_file_as_its_folder(tmp_path, capsys):
    (tmp_path / "f").write_text("x")
    assert cli.main(["host", "--folder", str(tmp_path / "f"), "--host", "127.0.0.1"]) == 2
    assert capsys.readouterr().err == f"kitchen host: {tmp_path / 'f'} is not a folder\n"


def test_the_default_address_is_a_local_network_one_never_loopback():
    address = lan_address()
    assert address is None or not address.startswith("127.")


def test_a_port_in_use_is_one_line(tmp_path, capsys):
    with RunningHub(HubConfig("W", tmp_path / "a", host="127.0.0.1", port=0)) as running:
        port = str(running.config.port)
        argv = ["host", "--folder", str(tmp_path / "b"), "--host", "127.0.0.1", "--port", port]
        assert cli.main(argv) == 1
    assert capsys.readouterr().err.startswith(f"kitchen host: cannot listen on 127.0.0.1:{port}: ")


def test_the_store_file_is_private(tmp_path):
    with RunningHub(HubConfig("W", tmp_path, host="127.0.0.1", port=0)):
        pass
    assert (Path(tmp_path) / "hub.sqlite3").stat().st_mode & 0o077 == 0


def test_a_network_that_refuses_the_announcement_is_one_line(monkeypatch):
    import zeroconf

    from kitchen.hub.announce import announce

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("multicast not allowed here")

    monkeypatch.setattr(zeroconf, "Zeroconf", refuse)
    done, line = announce("Ward 7", "127.0.0.1", 8470)
    assert done is None
    assert line == (
        "Not announced on the local network (multicast not allowed here); games join by address."
    )
