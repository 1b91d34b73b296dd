"""A game's improvement cycles and tags on their way to the hub: the session's cycles read
by the game (``cycles.json`` studied against the finished rounds, in a thread of its own,
again only when something changed), sent over a real link to a real hub with the game's
tags, and a hub from before these messages refusing them without harm."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hub_helpers import record_round
from pdsa_support import level_text

from kitchen.session import Session
from kitchen.session.cycles import decide, plan_cycle
from kitchen.session.prediction_words import read_prediction
from kitchen.workshop.cycles_feed import CyclesFeed, read_cycles


def wait_for(check: Callable[[], bool], timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """A session of one short round and one planned cycle (not played yet)."""
    root = tmp_path_factory.mktemp("games")
    path = record_round(root, "Blue", ticks=200)
    session = Session.open(path.parent)
    prediction = read_prediction("at least 3 dishes")
    assert prediction is not None
    plan_cycle(
        session.folder,
        idea="Onions beside the pot",
        changes=[],
        prediction=prediction,
        level_text=level_text("helps"),
        original_level="02.yaml",
        compared_round=1,
        seed=1,
    )
    return session


def test_the_game_reads_its_cycles_against_its_finished_rounds(session):
    message = read_cycles(session.folder, ["round-01.jsonl"])
    assert message.session == session.id
    (cycle,) = message.cycles
    assert (cycle.cycle, cycle.idea, cycle.prediction) == (
        1,
        "Onions beside the pot",
        "at least 3 dishes",
    )
    assert (cycle.compared_round, cycle.tested_round, cycle.outcome) == (1, None, "not played yet")
    assert (cycle.system_share, cycle.decision) == (None, None)
    assert message.problem is None


def test_the_feed_studies_again_only_when_the_cycles_or_rounds_change(session):
    feed = CyclesFeed()
    assert feed.poll(session.folder, ["round-01.jsonl"])
    feed.join()
    first = feed.take()
    assert first is not None
    assert first.cycles[0].decision is None
    assert feed.take() is None  # handed over once
    assert not feed.poll(session.folder, ["round-01.jsonl"])  # nothing changed
    decide(session.folder, 1, "adopt", "kept it")
    assert feed.poll(session.folder, ["round-01.jsonl"])
    feed.join()
    second = feed.take()
    assert second is not None
    assert (second.cycles[0].decision, second.cycles[0].decision_note) == ("adopt", "kept it")
    assert not feed.poll(session.folder / "nothing-here", [])  # no cycles: nothing to send


# --- over a real link ----------------------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[object]:
    pytest.importorskip("websockets")
    pytest.importorskip("uvicorn")
    from kitchen.hub.config import HubConfig
    from kitchen.hub.serve import RunningHub

    running = RunningHub(HubConfig("Ward 7", tmp_path / "hub", "127.0.0.1", 0, announce=False))
    yield running
    running.stop()


def test_tags_and_cycles_reach_a_real_hub_and_come_again_after_a_restart(session, hub):
    from kitchen.hub.config import HubConfig
    from kitchen.hub.serve import RunningHub
    from kitchen.workshop.link import WorkshopLink

    link = WorkshopLink(
        f"127.0.0.1:{hub.config.port}", hub.hub.join_code, "Blue", backoff=(0.05, 0.2), poll=0.05
    )
    link.set_tags(["handover", "read-back"])
    link.set_tags(["x" * 200])  # not valid: left out, the hub keeps the good ones
    assert link.errors[-1].startswith("tags not sent")
    link.set_cycles(read_cycles(session.folder, ["round-01.jsonl"]))
    link.start()
    try:
        wait_for(lambda: link.game_id is not None and hub.hub.tile(link.game_id).cycles == 1)
        game_id = str(link.game_id)
        assert hub.hub.tile(game_id).tags == ["handover", "read-back"]
        ((_, kept_session, data, _),) = hub.hub.store.cycles(game_id)
        assert kept_session == session.id
        assert json.loads(data)["cycles"][0]["idea"] == "Onions beside the pot"
        # the hub restarted: its store kept the cycles, and the game sends both again
        port, folder = hub.config.port, hub.config.folder
        hub.stop()
        again = RunningHub(HubConfig("Ward 7", folder, "127.0.0.1", port, announce=False))
        try:
            assert again.hub.tile(game_id).cycles == 1
            assert again.hub.tile(game_id).tags is None
            wait_for(lambda: again.hub.tile(game_id).cycles == 2, timeout=15)
            wait_for(lambda: again.hub.tile(game_id).tags == ["handover", "read-back"])
            assert len(again.hub.store.cycles(game_id)) == 1
        finally:
            again.stop()
    finally:
        link.close()


def test_a_hub_that_does_not_know_the_messages_is_not_sent_them_again(session):
    from kitchen.workshop.link import WorkshopLink

    link = WorkshopLink("127.0.0.1:9", "CODE", "Blue")
    link.set_tags(["handover"])
    link.set_cycles(read_cycles(session.folder, ["round-01.jsonl"]))
    sent = link._outgoing(0.0)
    assert [json.loads(t)["type"] for t in sent] == ["tags", "cycles"]
    # an older hub answers each with one error line
    for kind in ("tags", "cycles"):
        error = {"type": "error", "error": f"message refused: unknown type '{kind}'; expected"}
        link._received(json.dumps(error))
    link.set_tags(["handover", "silo"])
    link.set_cycles(read_cycles(session.folder, []))
    assert link._outgoing(0.0) == []  # status and records go on as before
