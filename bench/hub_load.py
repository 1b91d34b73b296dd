"""Workshop hub under load: 12 teams stream 10 minutes of rounds each to one hub on the
loopback address while a dashboard listens.

Run: ``python bench/hub_load.py [--teams 12] [--minutes 10] [--speed 20] [--no-cut]``
(needs the ``hub`` extra).

1. Recording: each team's rounds are played by computer cooks (``kitchen.bots.BotTeam``
   driving every chef of a ``kitchen.session.RecordedRound``, levels 02 to 07 in turn,
   filed in a session folder as the game files them) until the team has 10 minutes of
   play; two processes record at once.
2. Streaming: ``kitchen host --host 127.0.0.1 --port 0`` runs as its own process. Each
   team joins with the join code and streams its logs' lines as the game does, paced by
   their ticks at ``--speed`` times real time and batched every ``--flush`` seconds, with a
   status message a second; a dashboard logged in with the facilitator code listens on
   ``/ws/dashboard``. With cuts (the default) every team drops its connection once in the
   middle of a round, reconnects, and resends everything after what the hub's welcome
   says it holds, plus its last 50 records again on purpose.
3. Checking: the hub is stopped (Ctrl+C) and its store compared with the local logs,
   record for record.

JSON lines:

- ``records_lost``: local records the hub does not hold, or holds different; goal 0;
- ``duplicates``: records the hub holds more often than the logs have them, or holds
  but no log has; goal 0;
- ``p95_delay_ms``: 95th percentile over every record of the time from the game sending it
  to the dashboard's first tile counting it; goal <= 250;
- ``info``: teams, records, rounds, wall time, speed, refusals, and whether the hub's
  downloaded report covers every team.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from kitchen.bots import BotTeam
from kitchen.content import load_level
from kitchen.hub.store import HubStore
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session
from kitchen.sim.spec import TICKS_PER_SECOND

LEVELS = range(1, 7)  # 02_two_recipes .. 07_redesigned
GOALS = {"records_lost": 0, "duplicates": 0, "p95_delay_ms": 250}


# --- 1. recording ---------------------------------------------------------------------------


def record_team(job: tuple[int, str, float]) -> list[str]:
    """Play one team's rounds with computer cooks until it has ``minutes`` of play."""
    index, root, minutes = job
    session = Session.create(f"Team {index + 1:02d}", root=Path(root))
    left = int(minutes * 60 * TICKS_PER_SECOND)
    paths: list[str] = []
    n = 0
    while left > 0:
        level = load_level(shipped_levels()[LEVELS[(index + n) % len(LEVELS)]])
        recorded = RecordedRound(
            level,
            seed=100 * index + n,
            players=sorted(level.spec.starts),
            session=session,
            people=(),
        )
        bots = BotTeam(recorded.round)
        while not recorded.round.finished and left > 0:
            recorded.step(bots.commands())
            left -= 1
        recorded.close()
        assert recorded.log_path is not None, recorded.log_error
        paths.append(str(recorded.log_path))
        n += 1
    return paths


def tick_of(line: dict[str, Any]) -> int:
    """The tick a log line belongs to (the header: 0)."""
    if "tick" in line:
        return int(line["tick"])
    event = line.get("event")
    return int(event.get("tick", 0)) if isinstance(event, dict) else 0


# --- 2. streaming ---------------------------------------------------------------------------


class Hub:
    """``kitchen host`` in its own process."""

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kitchen", "host", "--workshop", "Load bench",
             "--host", "127.0.0.1", "--port", "0", "--no-announce", "--folder", str(folder)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        text = ""
        assert self.process.stdout is not None
        while "Serving" not in text:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit(f"the hub did not start: {self.process.stderr.read()}")
            text += line
        found = re.search(r"http://(127\.0\.0\.1:\d+)/", text)
        assert found is not None
        self.address = found.group(1)
        self.join_code = re.findall(r"Join code for the games: (\S+)", text)[0]
        self.facilitator_code = re.findall(r"Facilitator code: +(\S+)", text)[0]

    def stop(self) -> str:
        """Stop the hub; returns what it wrote on stderr."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=30)
        return err


def http(url: str, body: dict[str, Any] | None = None, cookie: str = "") -> tuple[Any, Any]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if cookie:
        headers["Cookie"] = cookie
    with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=30) as r:
        return r.read(), r.headers


class Bench:
    """The teams, the dashboard and what they measured."""

    def __init__(self, hub: Hub, logs: list[list[str]], speed: float, flush: float, cut: bool):
        self.hub, self.speed, self.flush, self.cut = hub, speed, flush, cut
        self.logs = logs
        self.sent: dict[tuple[str, str, int], float] = {}
        self.delays: list[float] = []
        self.counted: dict[tuple[str, str], int] = {}
        self.refusals = 0
        self.done = asyncio.Event()
        self.games: list[dict[str, Any]] = []

    async def dashboard(self, cookie: str, ready: asyncio.Event) -> None:
        from websockets.asyncio.client import connect

        url = f"ws://{self.hub.address}/ws/dashboard"
        async with connect(url, additional_headers={"Cookie": cookie}, max_size=None) as ws:
            ready.set()
            while not self.done.is_set():
                try:
                    text = await asyncio.wait_for(ws.recv(), 0.5)
                except asyncio.TimeoutError:
                    continue
                now = time.perf_counter()
                message = json.loads(text)
                if message["type"] != "tile" or not message["team"]["round"]:
                    continue
                tile = message["team"]
                key = (tile["game_id"], tile["round"])
                before = self.counted.get(key, 0)
                for seq in range(before, tile["records"]):
                    sent = self.sent.get((*key, seq))
                    if sent is not None:
                        self.delays.append(now - sent)
                self.counted[key] = max(before, tile["records"])

    async def team(self, index: int, start: float) -> None:
        from websockets.asyncio.client import connect

        game = self.games[index]
        rounds = []
        for path in self.logs[index]:
            lines = [json.loads(t) for t in Path(path).read_text(encoding="utf-8").splitlines()]
            header = lines[0]
            rounds.append((f"{header['session_id']}/{header['round_index']}", lines))
        total_ticks = sum(tick_of(lines[-1]) for _, lines in rounds)
        rng = random.Random(index)
        cut_at = rng.randint(total_ticks // 4, 3 * total_ticks // 4) if self.cut else -1
        offset = 0  # ticks of the team's earlier rounds
        url = f"ws://{self.hub.address}/ws/game"
        ws = await connect(url)
        await ws.send(json.dumps({"type": "hello", "token": game["token"]}))
        json.loads(await ws.recv())
        reader = asyncio.ensure_future(self.read(ws))
        last_status = 0.0
        for key, lines in rounds:
            seq = 0
            while seq < len(lines):
                now = time.perf_counter()
                due_tick = (now - start) * self.speed * TICKS_PER_SECOND - offset
                batch = []
                while seq < len(lines) and tick_of(lines[seq]) <= due_tick and len(batch) < 2000:
                    batch.append({"seq": seq, "line": lines[seq]})
                    seq += 1
                if batch:
                    sent = time.perf_counter()
                    for record in batch:
                        self.sent.setdefault((game["game_id"], key, record["seq"]), sent)
                    await ws.send(json.dumps({"type": "records", "round": key, "records": batch}))
                if now - last_status >= 1.0:
                    last_status = now
                    status = {
                        "type": "status",
                        "state": "playing",
                        "round": key,
                        "level": lines[0]["level"]["name"][:80],
                        "score": seq,
                        "time_left_s": 60.0,
                        "open_orders": 2,
                        "callouts": seq // 10,
                    }
                    await ws.send(json.dumps(status))
                if 0 <= cut_at <= offset + due_tick and seq < len(lines):
                    cut_at = -1  # the connection drops: reconnect, resend what the hub lacks
                    reader.cancel()
                    await ws.close()
                    ws = await connect(url)
                    await ws.send(json.dumps({"type": "hello", "token": game["token"]}))
                    have = json.loads(await ws.recv())["have"].get(key, -1)
                    again = max(0, min(have + 1, seq - 50))  # and 50 the hub has, on purpose
                    records = [{"seq": n, "line": lines[n]} for n in range(again, seq)]
                    for i in range(0, len(records), 2000):
                        chunk = records[i : i + 2000]
                        await ws.send(
                            json.dumps({"type": "records", "round": key, "records": chunk})
                        )
                    reader = asyncio.ensure_future(self.read(ws))
                await asyncio.sleep(self.flush)
            offset += tick_of(lines[-1])
        await asyncio.sleep(1.0)
        reader.cancel()
        await ws.close()

    async def read(self, ws: Any) -> None:
        async for text in ws:
            if json.loads(text)["type"] == "error":
                self.refusals += 1

    async def run(self) -> float:
        base = f"http://{self.hub.address}"
        for i in range(len(self.logs)):
            body, _ = http(base + "/api/join", {"join_code": self.hub.join_code,
                                                "team": f"Team {i + 1:02d}"})  # fmt: skip
            self.games.append(json.loads(body))
        _, headers = http(base + "/login", {"code": self.hub.facilitator_code})
        cookie = headers["set-cookie"].split(";")[0]
        self.cookie = cookie
        ready = asyncio.Event()
        listener = asyncio.ensure_future(self.dashboard(cookie, ready))
        await ready.wait()
        start = time.perf_counter()
        await asyncio.gather(*(self.team(i, start) for i in range(len(self.logs))))
        wall = time.perf_counter() - start
        self.done.set()
        await listener
        return wall


# --- 3. checking ----------------------------------------------------------------------------


def compare(
    folder: Path, games: list[dict[str, Any]], logs: list[list[str]]
) -> tuple[int, int, int]:
    """Records lost, duplicates, and local records in all, hub store against local logs."""
    store = HubStore(folder)
    lost = duplicates = total = 0
    for game, paths in zip(games, logs, strict=True):
        held = {row.key: row for row in store.rounds(game["game_id"])}
        for path in paths:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
            total += len(lines)
            header = json.loads(lines[0])
            row = held.pop(f"{header['session_id']}/{header['round_index']}", None)
            copy: dict[int, Any] = {} if row is None else store.records_of(row.round_id)
            for seq, text in enumerate(lines):
                if copy.pop(seq, None) != json.loads(text):
                    lost += 1
            duplicates += len(copy)
            if row is not None:
                duplicates += max(0, row.count - len(lines))
        duplicates += sum(row.count for row in held.values())
    store.close()
    return lost, duplicates, total


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=12)
    parser.add_argument("--minutes", type=float, default=10.0, help="play per team")
    parser.add_argument("--speed", type=float, default=20.0, help="times real time")
    parser.add_argument("--flush", type=float, default=0.25, help="seconds between batches")
    parser.add_argument("--no-cut", action="store_true", help="no dropped connections")
    args = parser.parse_args()
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        began = time.perf_counter()
        jobs = [(i, str(root / "games"), args.minutes) for i in range(args.teams)]
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            logs = pool.map(record_team, jobs)
        recording = time.perf_counter() - began
        hub = Hub(root / "hub")
        try:
            bench = Bench(hub, logs, args.speed, args.flush, not args.no_cut)
            wall = asyncio.run(bench.run())
            report, _ = http(f"http://{hub.address}/report.json", cookie=bench.cookie)
            report_teams = len({s["team"] for s in json.loads(report)["sessions"]})
        except BaseException:
            print(f"hub stderr: {hub.stop()[-3000:]}", file=sys.stderr)
            raise
        else:
            hub.stop()
        lost, duplicates, total = compare(root / "hub", bench.games, logs)
    p95 = percentile(bench.delays, 95) * 1000 if bench.delays else None
    for name, value in (("records_lost", lost), ("duplicates", duplicates),
                        ("p95_delay_ms", None if p95 is None else round(p95, 1))):  # fmt: skip
        goal = GOALS[name]
        met = value is not None and value <= goal
        print(json.dumps({"name": name, "value": value, "goal": goal, "met": met}))
    print(json.dumps({
        "name": "info", "teams": args.teams, "minutes_per_team": args.minutes,
        "speed": args.speed, "records": total, "rounds": sum(len(x) for x in logs),
        "delays_measured": len(bench.delays),
        "median_delay_ms": round(percentile(bench.delays, 50) * 1000, 1) if bench.delays else None,
        "max_delay_ms": round(max(bench.delays) * 1000, 1) if bench.delays else None,
        "refusals": bench.refusals, "cuts": args.teams if not args.no_cut else 0,
        "stream_s": round(wall, 1), "record_s": round(recording, 1),
        "report_teams": report_teams,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
