"""Session logs: written as the round runs, read back, replayed identically, and safe
against a crash (a process killed mid-round)."""

from __future__ import annotations

import json
import os
import random
import selectors
import signal
import subprocess
import sys

import pytest
from conftest import SHIPPED

from kitchen.content import SourceError, load_level
from kitchen.session import RecordedRound, Session, read_round_log, replay
from kitchen.sim import Command
from kitchen.sim.actions import EndRound, ExtendRound, Tag
from kitchen.sim.assists import Assists

NO_ASSISTS = Assists()


def noisy_commands(players, ticks, seed):
    """People-like input: held moves and use, occasional presses and call-outs."""
    rng = random.Random(seed)
    moves = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    held = {p: Command() for p in players}
    calls = [None] * 40 + ["need:onion", "on_it", "help", "thanks", "ready"]
    for _ in range(ticks):
        out = {}
        for p in players:
            if rng.random() < 0.06:
                held[p] = Command(move=rng.choice(moves), use=rng.random() < 0.3)
            out[p] = Command(
                move=held[p].move,
                use=held[p].use,
                interact=rng.random() < 0.05,
                callout=rng.choice(calls) if rng.random() < 0.05 else None,
            )
        yield out


def play_logged(level, seed, path, players=None, actions_at=None, assists=NO_ASSISTS, silos=True):
    players = players or sorted(level.spec.starts)
    rec = RecordedRound(level, seed, players, silos=silos, assists=assists, log_path=path)
    actions_at = actions_at or {}
    for commands in noisy_commands(players, 10**6, seed):
        if rec.round.finished:
            break
        rec.step(commands, actions_at.get(rec.round.tick, []))
    return rec


# Two seeds (different orders and random disruptions) per level: the golden logs already pin
# each level's events; this checks the round trip through a real log file.
@pytest.mark.parametrize("seed", [1, 2])
def test_every_shipped_level_replays_identically(tmp_path, shipped_level_path, seed):
    level = load_level(shipped_level_path)
    rec = play_logged(level, seed, tmp_path / "round.jsonl")
    log = read_round_log(rec.log_path)
    assert log.complete
    assert not log.warnings
    result = replay(log)
    assert result.identical, result.mismatch
    assert result.events == len(log.events) > 5


def test_facilitator_actions_and_assists_are_logged_and_replayed(tmp_path):
    level = load_level(SHIPPED[0])
    rec = play_logged(
        level,
        4,
        tmp_path / "r.jsonl",
        actions_at={100: [Tag("silo", "two camps")], 200: [ExtendRound(30)], 9000: [EndRound()]},
        assists=Assists(slower_orders=True, longer_rounds=True, no_burning=True),
    )
    log = read_round_log(rec.log_path)
    assert log.header.assists == Assists(True, True, True)
    types = [e.type for e in log.events]
    assert "facilitator_tag" in types
    assert "round_extended" in types
    assert log.events[-1].type == "round_ended"
    assert log.events[-1].reason == "ended"
    assert log.events[-1].tick == 9000
    assert replay(log).identical


def test_a_torn_last_line_is_ignored_with_a_warning(tmp_path):
    level = load_level(SHIPPED[1])
    rec = play_logged(level, 9, tmp_path / "r.jsonl")
    text = rec.log_path.read_text(encoding="utf-8")
    cut = text[: len(text) * 2 // 3]
    cut = cut[: cut.rfind("\n") + 1] + '{"record":"event","ev'
    torn = tmp_path / "torn.jsonl"
    torn.write_text(cut, encoding="utf-8")
    log = read_round_log(torn)
    assert len(log.warnings) == 1
    assert "incomplete last line" in log.warnings[0]
    assert not log.complete
    assert log.events
    result = replay(log)
    assert result.identical, result.mismatch
    assert result.events == len(log.events)


def test_damage_in_the_middle_of_a_log_is_an_error_with_its_line(tmp_path):
    level = load_level(SHIPPED[0])
    rec = play_logged(level, 1, tmp_path / "r.jsonl")
    lines = rec.log_path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = "not json\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_round_log(bad)
    assert f"{bad}:6:" in str(err.value)


def test_a_log_from_a_newer_game_is_refused_clearly(tmp_path):
    path = tmp_path / "new.jsonl"
    path.write_text(
        json.dumps({"record": "header", "format": "systems-kitchen-round", "format_version": 99})
        + "\n"
    )
    with pytest.raises(SourceError, match="newer than this game reads"):
        read_round_log(path)


def test_a_log_is_never_overwritten_and_write_failures_do_not_stop_play(tmp_path):
    level = load_level(SHIPPED[0])
    path = tmp_path / "r.jsonl"
    path.write_text("a team's earlier data\n")
    rec = RecordedRound(level, 1, [1], log_path=path)
    assert rec.log_error
    assert "never overwritten" in rec.log_error
    assert path.read_text() == "a team's earlier data\n"
    rec.step({1: Command(move=(1, 0))})  # the round still plays
    assert rec.round.tick == 1


def test_sessions_file_their_rounds_in_order(tmp_path):
    session = Session.create("Ward 7 <b>Team</b>", root=tmp_path)
    assert session.folder.parent == tmp_path
    assert "ward-7-b-team-b" in session.id
    level = load_level(SHIPPED[0])
    for seed in (1, 2):
        rec = RecordedRound(level, seed, [1, 2], session=session)
        while not rec.round.finished:
            rec.step({})
    again = Session.open(session.folder)
    assert again.team == "Ward 7 <b>Team</b>"
    assert [r["index"] for r in again.rounds] == [1, 2]
    logs = again.round_logs()
    assert [p.name for p in logs] == ["round-01.jsonl", "round-02.jsonl"]
    assert read_round_log(logs[1]).header.round_index == 2
    assert read_round_log(logs[1]).header.team == "Ward 7 <b>Team</b>"


def test_a_round_killed_mid_play_leaves_a_log_that_replays_to_its_last_event(tmp_path):
    """SIGKILL the game in the middle of a round: the log reads back (a torn last line at
    most) and replays identically up to the last event it holds."""
    level_path = SHIPPED[-1]
    level = load_level(level_path)
    players = sorted(level.spec.starts)
    script = tmp_path / "commands.jsonl"
    with script.open("w") as f:
        held = {}
        for tick, commands in enumerate(noisy_commands(players, 6000, 5)):
            for p, c in commands.items():
                if held.get(p) != (c.move, c.use) or c.interact or c.callout:
                    line = {"tick": tick, "player": p, "move": list(c.move), "use": c.use}
                    if c.interact:
                        line["interact"] = True
                    if c.callout:
                        line["callout"] = c.callout
                    f.write(json.dumps(line) + "\n")
                    held[p] = (c.move, c.use)
    log_path = tmp_path / "killed.jsonl"
    # The child prints each event as it logs it (unbuffered): kill it once it has printed an
    # event well into the round, rather than polling the log's size with sleeps.
    proc = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "kitchen",
            "simulate",
            str(level_path),
            "--seed",
            "8",
            "--commands",
            str(script),
            "--log",
            str(log_path),
            "--pace",
            "10",
            "--format",
            "jsonl",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            while True:
                assert selector.select(timeout=30), "the child printed nothing for 30 s"
                line = proc.stdout.readline()
                assert line, f"the child ended early: {proc.stderr.read()}"
                if json.loads(line)["tick"] >= 1500:
                    break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    log = read_round_log(log_path)
    assert not log.complete, "the round should have been cut short"
    assert 0 < log.last_tick < level.spec.round_ticks
    result = replay(log)
    assert result.identical, result.mismatch
    assert result.events == len(log.events)


def test_playback_seeks_to_any_moment_and_matches_the_log(tmp_path):
    from kitchen.session.replay import Playback

    level = load_level(SHIPPED[1])
    rec = play_logged(level, 6, tmp_path / "r.jsonl")
    log = read_round_log(rec.log_path)
    playback = Playback(log)
    playback.seek(3000)
    assert playback.tick == 3000
    later = []
    for _ in range(600):
        later.extend(playback.advance())
    expected = [e for e in log.events if 3000 <= e.tick < 3600]
    assert [e.to_dict() for e in later] == [e.to_dict() for e in expected]
    positions = {p: (c.x, c.y) for p, c in playback.round.chefs.items()}
    playback.seek(1000)  # backwards
    playback.seek(3600)
    assert {p: (c.x, c.y) for p, c in playback.round.chefs.items()} == positions
    playback.seek(10**9)
    assert playback.tick == log.last_tick + 1 or playback.round.finished
    assert playback.advance() == []


def test_stepping_a_finished_recorded_round_does_nothing(tmp_path):
    level = load_level(SHIPPED[0])
    rec = play_logged(level, 2, tmp_path / "r.jsonl")
    size = rec.log_path.stat().st_size
    assert rec.round.finished
    assert rec.step({1: Command(move=(1, 0))}) == []
    assert rec.log_path.stat().st_size == size


def test_kitchen_replay_show_plays_the_round_back_on_screen(tmp_path, monkeypatch, capsys):
    from kitchen.cli import main
    from kitchen.ui.app import App

    monkeypatch.setenv("KITCHEN_CONFIG_DIR", str(tmp_path / "config"))
    level = load_level(SHIPPED[0])
    rec = play_logged(level, 3, tmp_path / "r.jsonl")
    shown = {}

    def run_briefly(self, clock=None):
        self.run_frames(90)
        scene = self.scene
        shown["tick"] = scene.playback.tick
        shown["scene"] = type(scene).__name__
        self.close()

    monkeypatch.setattr(App, "run", run_briefly)
    assert main(["replay", str(rec.log_path), "--show"]) == 0
    assert "identical" in capsys.readouterr().out
    assert shown["scene"] == "ReplayScene"
    assert shown["tick"] >= 80
