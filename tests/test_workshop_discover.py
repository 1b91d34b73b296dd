"""Finding hubs on the local network: a network that refuses, or no hub extra, is a status
line and never an error."""

from __future__ import annotations

import sys

import pytest

from kitchen.workshop.discover import FoundHub, HubFinder


def test_without_zeroconf_the_finder_is_off(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "zeroconf", None)  # as if not installed
    finder = HubFinder().start()
    assert finder.status == "off"
    assert finder.found() == []
    finder.close()


def test_a_network_that_refuses_is_one_clear_line(monkeypatch) -> None:
    zeroconf = pytest.importorskip("zeroconf")

    def refuse(*args, **kwargs):
        raise OSError("[Errno 19] No such device")

    monkeypatch.setattr(zeroconf, "Zeroconf", refuse)
    finder = HubFinder().start()
    assert finder.status == (
        "The network refused to look for workshops ([Errno 19] No such device); "
        "type the hub's address."
    )
    assert finder.found() == []


def test_found_hub_addresses() -> None:
    assert FoundHub("Ward 7", "192.168.1.20", 8470).address == "192.168.1.20:8470"
    assert FoundHub("Ward 7", "fe80::1", 8470).address == "[fe80::1]:8470"
