"""Announcing the hub on the local network (zeroconf / mDNS), so a game's title screen can
offer "Join workshop: <name>" without typing an address.

A network that refuses multicast (or a machine with no network) is not an error: the hub
says in one line that it is not announced, and games join by typing the address.
"""

from __future__ import annotations

import socket
from typing import Any

from kitchen.i18n import _
from kitchen.session.store import slug
from kitchen.workshop.protocol import PROTOCOL_VERSION, SERVICE_TYPE


class Announcement:
    """The hub's zeroconf service record, registered until :meth:`close`."""

    def __init__(self, zeroconf: Any, info: Any) -> None:
        self._zeroconf = zeroconf
        self._info = info

    def close(self) -> None:
        """Withdraw the announcement (quietly: the hub is stopping anyway)."""
        try:
            self._zeroconf.unregister_service(self._info)
        except Exception:  # a network gone by now needs no goodbye
            pass
        finally:
            self._zeroconf.close()


def service_name(workshop: str, port: int) -> str:
    """The announced instance name: a short form of the workshop's name, with the port so
    two hubs on one machine never clash."""
    return f"Systems Kitchen {slug(workshop)[:30]} {port}.{SERVICE_TYPE}"


def announce(workshop: str, address: str, port: int) -> tuple[Announcement | None, str]:
    """Announce a hub listening on ``address:port``; returns the announcement (``None``
    when the network refused) and one line saying what happened."""
    from zeroconf import ServiceInfo, Zeroconf

    try:
        packed = socket.inet_aton(address)
    except OSError:
        return None, _("Not announced on the local network ({address} is not IPv4).").format(
            address=address
        )
    info = ServiceInfo(
        SERVICE_TYPE,
        service_name(workshop, port),
        addresses=[packed],
        port=port,
        properties={"workshop": workshop[:200], "v": str(PROTOCOL_VERSION)},
        server=f"{socket.gethostname().split('.')[0] or 'kitchen-hub'}.local.",
    )
    zeroconf = None
    try:
        zeroconf = Zeroconf()
        zeroconf.register_service(info, allow_name_change=True)
    except Exception as err:  # the network refused: games can still type the address
        if zeroconf is not None:
            zeroconf.close()
        reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        said = _("Not announced on the local network ({reason}); games join by address.")
        return None, said.format(reason=reason)
    said = _("Announced on the local network as {workshop}.").format(workshop=repr(workshop))
    return Announcement(zeroconf, info), said
