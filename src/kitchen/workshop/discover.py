"""Finding workshop hubs on the local network (zeroconf / mDNS), for the title screen's
"Join workshop: <name>".

:class:`HubFinder` browses for :data:`~kitchen.workshop.protocol.SERVICE_TYPE` in
zeroconf's own threads; the game only reads :meth:`HubFinder.found` and
:attr:`HubFinder.status`, which never wait. A network that refuses multicast, a machine
with no network or a game without the ``hub`` extra is not an error: :attr:`status` says so
in one line, and a team can still type the hub's address.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from kitchen.i18n import _
from kitchen.workshop.protocol import MAX_TEXT, PROTOCOL_VERSION, SERVICE_TYPE

RESOLVE_TIMEOUT_MS = 3000

_log = logging.getLogger("kitchen.workshop")


@dataclass(frozen=True)
class FoundHub:
    """A hub announced on the local network."""

    workshop: str
    host: str
    port: int

    @property
    def address(self) -> str:
        """``host:port``, as a person would type it."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return "".join(ch for ch in str(value or "") if ch.isprintable())[:MAX_TEXT]


def _local(address: str) -> bool:
    return address.startswith("127.") or address == "::1"


class HubFinder:
    """Browses the local network for workshop hubs until :meth:`close`.

    ``status``: ``"looking"``, ``"off"`` (the ``hub`` extra is not installed) or a one-line
    reason the network refused; :meth:`found` lists what answered so far.
    """

    def __init__(self) -> None:
        self.status = "looking"
        self._lock = threading.Lock()
        self._found: dict[str, FoundHub] = {}
        self._zeroconf: Any = None
        self._browser: Any = None
        self._closed = False

    def start(self) -> HubFinder:
        """Start browsing (in zeroconf's threads; returns at once)."""
        try:
            from zeroconf import ServiceBrowser, Zeroconf
        except ImportError:
            self.status = "off"
            return self
        try:
            self._zeroconf = Zeroconf()
            self._browser = ServiceBrowser(self._zeroconf, SERVICE_TYPE, handlers=[self._changed])
        except Exception as err:  # no multicast here: typing the address still works
            reason = str(err).splitlines()[0][:100] if str(err) else type(err).__name__
            said = _(
                "The network refused to look for workshops ({reason}); type the hub's address."
            )
            self.status = said.format(reason=reason)
            self.close()
        return self

    def found(self) -> list[FoundHub]:
        """The hubs announced now, by workshop name."""
        with self._lock:
            return sorted(self._found.values(), key=lambda hub: (hub.workshop, hub.address))

    def _changed(self, **change: Any) -> None:
        name = str(change.get("name", ""))
        state = getattr(change.get("state_change"), "name", "")
        if state == "Removed":
            with self._lock:
                self._found.pop(name, None)
            return
        # resolving waits on the network: never in zeroconf's own thread
        threading.Thread(target=self._resolve, args=(name,), daemon=True).start()

    def _resolve(self, name: str) -> None:
        from zeroconf import ServiceInfo

        zeroconf = self._zeroconf
        if zeroconf is None or self._closed:
            return
        try:
            info = ServiceInfo(SERVICE_TYPE, name)
            if not info.request(zeroconf, RESOLVE_TIMEOUT_MS):
                return
            # another machine cannot use a loopback address: those go last
            addresses = sorted(info.parsed_addresses(), key=lambda a: (_local(a), ":" in a))
            props = {_text(k): _text(v) for k, v in (info.properties or {}).items()}
        except Exception:  # a malformed answer from someone else's device
            _log.debug("resolving %s", name, exc_info=True)
            return
        if not addresses or not info.port or props.get("v", "") != str(PROTOCOL_VERSION):
            return
        workshop = props.get("workshop") or name.split(".")[0]
        with self._lock:
            if not self._closed:
                self._found[name] = FoundHub(workshop, addresses[0], int(info.port))

    def close(self) -> None:
        """Stop browsing."""
        self._closed = True
        zeroconf, self._zeroconf = self._zeroconf, None
        if zeroconf is not None:
            try:
                zeroconf.close()
            except Exception:  # closing a socket that the network already took away
                _log.debug("closing zeroconf", exc_info=True)
