"""A game's link to a real workshop hub (uvicorn on 127.0.0.1): rounds played by computer
cooks stream to it, and when the hub is killed and restarted mid-round, or the connection
is cut, the hub's copy still equals the local log record for record."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("websockets")
pytest.importorskip("uvicorn")

import contextlib

from hub_helpers import log_records

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.hub.config import HubConfig
from kitchen.hub.serve import RunningHub
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session
from kitchen.session.observation_log import append_observation
from kitchen.sim.actions import EndRound
from kitchen.workshop.link import AddressError, WorkshopLink, hub_urls

FAST = {"backoff": (0.05, 0.2), "poll": 0.05}


def wait_for(check: Callable[[], bool], timeout: float = 8.0) -> None:
    """Wait until ``check()`` holds (fails the test after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


class Playing:
    """A round of level 02 played tick by tick by computer cooks, logged in a session."""

    def __init__(self, root: Path, team: str = "Blue") -> None:
        level = load_level(shipped_levels()[1])
        self.session = Session.create(team, root=root)
        self.recorded = RecordedRound(
            level, seed=3, players=sorted(level.spec.starts), session=self.session, people=()
        )
        self.bots = BotTeam(self.recorded.round)
        assert self.recorded.log_path is not None
        self.path = self.recorded.log_path
        self.key = f"{self.session.id}/1"

    def play(self, ticks: int) -> None:
        for _ in range(ticks):
            self.recorded.step(self.bots.commands())

    def lines(self) -> int:
        return len(self.path.read_text(encoding="utf-8").splitlines())


def hub_copy(hub: RunningHub, game_id: str, key: str) -> list[dict[str, object]]:
    """The hub's stored records of a round, as ``{"seq", "line"}`` in order."""
    round_id, _ = hub.hub.store.round_id(game_id, key)
    stored = hub.hub.store.records_of(round_id)
    return [{"seq": seq, "line": stored[seq]} for seq in sorted(stored)]


class Cutter:
    """A TCP relay between the game and the hub whose connections can be cut at once."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.pairs.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Drop every connection in the middle of whatever it was sending."""
        self.cuts += 1
        pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for s in pair:
                try:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                    s.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.server.close()
        self.cut()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[RunningHub]:
    running = RunningHub(HubConfig("Test workshop", tmp_path / "hub", port=0))
    yield running
    running.stop()


def test_a_round_streams_and_survives_a_hub_restart(tmp_path: Path, hub: RunningHub) -> None:
    game = Playing(tmp_path / "sessions")
    link = WorkshopLink(f"127.0.0.1:{hub.config.port}", hub.hub.join_code, "Blue", **FAST)
    link.start()
    try:
        link.track(game.key, game.path)
        game.play(400)
        wait_for(lambda: link.state().connected and link.acked(game.key) == game.lines() - 1)
        assert link.state().workshop == "Test workshop"
        assert link.game_id is not None
        # the hub is killed mid-round; the game plays on and logs as ever
        hub.stop()
        game.play(400)
        assert not link.state().connected
        port = hub.config.port
        restarted = RunningHub(HubConfig("Test workshop", tmp_path / "hub", port=port))
        try:
            game.play(400)
            wait_for(lambda: link.acked(game.key) == game.lines() - 1)
            assert hub_copy(restarted, link.game_id, game.key) == log_records(game.path)
            # the round ends: its last records, and a rating added after it, arrive too
            game.recorded.step({}, [EndRound("ended")])
            assert game.recorded.round.finished
            append_observation(game.path, {"kind": "team", "ratings": {"communication": 3}})
            wait_for(lambda: link.acked(game.key) == game.lines() - 1)
            assert hub_copy(restarted, link.game_id, game.key) == log_records(game.path)
            assert log_records(game.path)[-1]["line"]["kind"] == "team"
            assert link.errors == []
        finally:
            restarted.stop()
    finally:
        link.close()


def test_cut_connections_lose_and_double_nothing(tmp_path: Path, hub: RunningHub) -> None:
    game = Playing(tmp_path / "sessions")
    relay = Cutter(hub.config.port)
    link = WorkshopLink(f"127.0.0.1:{relay.port}", hub.hub.join_code, "Blue", **FAST)
    link.start()
    try:
        link.track(game.key, game.path)
        for _ in range(6):
            game.play(300)
            time.sleep(0.07)  # records in flight ...
            relay.cut()  # ... when the connection drops
            game.play(300)
        wait_for(lambda: link.state().connected and link.acked(game.key) == game.lines() - 1)
        assert link.game_id is not None
        assert hub_copy(hub, link.game_id, game.key) == log_records(game.path)
        assert link.errors == []
    finally:
        link.close()
        relay.close()


def test_status_reaches_the_teams_tile(hub: RunningHub) -> None:
    link = WorkshopLink(f"127.0.0.1:{hub.config.port}", hub.hub.join_code, "Green", **FAST)
    link.set_status({"state": "playing", "level": "Level 2", "score": 40, "open_orders": 2})
    link.start()
    try:
        wait_for(lambda: link.game_id is not None and hub.hub.tile(link.game_id).score == 40)
        tile = hub.hub.tile(str(link.game_id))
        assert (tile.team, tile.state, tile.level, tile.connected) == (
            "Green",
            "playing",
            "Level 2",
            True,
        )
    finally:
        link.close()


def test_a_wrong_join_code_is_refused_in_one_line(hub: RunningHub) -> None:
    link = WorkshopLink(f"127.0.0.1:{hub.config.port}", "not-the-code", "Red", **FAST)
    link.start()
    try:
        wait_for(lambda: link.state().state == "refused")
        assert link.state().detail == "wrong join code"
    finally:
        link.close()


def test_no_hub_the_game_carries_on(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    game = Playing(tmp_path)
    link = WorkshopLink(f"127.0.0.1:{port}", "code", "Blue", **FAST).start()
    try:
        link.track(game.key, game.path)
        started = time.monotonic()
        game.play(200)
        link.set_status({"state": "playing"})
        assert link.commands() == []
        link.done("abc", True, "")
        assert time.monotonic() - started < 2  # nothing the game calls waits on the network
        wait_for(lambda: link.state().state == "away")
        assert "trying again" in link.state().detail
    finally:
        link.close()
    assert link.state().state == "closed"


def test_hub_addresses() -> None:
    assert hub_urls("192.168.1.20") == ("http://192.168.1.20:8470", "ws://192.168.1.20:8470")
    assert hub_urls(" hub.local:9000 ") == ("http://hub.local:9000", "ws://hub.local:9000")
    assert hub_urls("http://10.0.0.2:8000/") == ("http://10.0.0.2:8000", "ws://10.0.0.2:8000")
    for bad in ("", "ftp://x", "http://:80", "a b:1", "host:99999"):
        with pytest.raises(AddressError):
            hub_urls(bad)
