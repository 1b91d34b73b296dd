"""Running a hub: ``kitchen host`` (:func:`host_main`) and, for tests and the bench, a hub
in a background thread (:class:`RunningHub`).

Where it listens: by default on this machine's address on its local network (the one its
default route leaves by), so the teams' laptops can reach it while other interfaces (a VPN,
a second network card) are not served; ``--host 127.0.0.1`` keeps it to this machine and
``--host 0.0.0.0`` serves every interface.
"""

from __future__ import annotations

import re
import socket
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from kitchen.hub.config import HubConfig, default_folder, default_workshop_name
from kitchen.i18n import _

WS_MAX_BYTES = 1024 * 1024
"""Largest WebSocket frame uvicorn reads; anything over the protocol's 256 KiB but under
this is refused with a clear message, anything over this closes that one link."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def lan_address() -> str | None:
    """This machine's IPv4 address on its local network (the one its default route uses),
    or ``None`` with no network. Nothing is sent: a UDP socket is only pointed outwards."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (``port`` 0: any free one).

    Raises:
        OSError: the address is not this machine's, or the port is taken.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=128)


def _uvicorn_server(app: Any) -> Any:
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        ws_max_size=WS_MAX_BYTES,
        ws_ping_interval=20.0,
        ws_ping_timeout=20.0,
        timeout_graceful_shutdown=3,
    )
    return uvicorn.Server(config)


def _print_qr(url: str, out: TextIO) -> None:
    import segno

    try:
        segno.make(url, error="m").terminal(out=out, compact=True)
    except (UnicodeError, OSError):  # a console that cannot draw it: the address is above
        print(_("(the QR code cannot be drawn in this console)"), file=out)


def host_main(
    workshop: str | None,
    host: str | None,
    port: int,
    folder: str | None,
    announce: bool = True,
    out: TextIO = sys.stdout,
) -> int:
    """``kitchen host``: open (or reopen) the workshop, print how to reach it, serve until
    Ctrl+C. Every problem is one line on stderr and a non-zero exit."""
    from kitchen.hub.app import create_app
    from kitchen.hub.live import Hub

    name = (workshop or default_workshop_name()).strip()
    if not name or len(name) > 80 or re.search(r"[\x00-\x1f\x7f]", name):
        print(_("kitchen host: --workshop must be 1 to 80 printable characters"), file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= port <= 65535:
        print(_("kitchen host: --port must be 0 to 65535"), file=sys.stderr)
        return EXIT_USAGE
    where = Path(folder) if folder else default_folder(name)
    if where.exists() and not where.is_dir():
        print(_("kitchen host: {folder} is not a folder").format(folder=where), file=sys.stderr)
        return EXIT_USAGE
    chosen = host or lan_address()
    if chosen is None:
        print(_("No local network found: listening on 127.0.0.1 (this machine only)."), file=out)
        chosen = "127.0.0.1"
    try:
        listener = bind(chosen, port)
    except (OSError, OverflowError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        said = _("kitchen host: cannot listen on {address}: {reason}")
        print(said.format(address=f"{chosen}:{port}", reason=reason), file=sys.stderr)
        return EXIT_PROBLEMS
    config = HubConfig(name, where, chosen, listener.getsockname()[1], announce)
    try:
        hub = Hub(config)
    except (OSError, sqlite3.Error) as err:
        listener.close()
        reason = getattr(err, "strerror", None) or str(err)
        said = _("kitchen host: cannot open the workshop in {folder}: {reason}")
        print(said.format(folder=where, reason=reason), file=sys.stderr)
        return EXIT_PROBLEMS
    shown = (lan_address() or "127.0.0.1") if chosen in ("0.0.0.0", "::") else chosen
    url = f"http://{shown}:{config.port}/"
    if hub.workshop == name:
        print(_("Workshop hub: {name}").format(name=hub.workshop), file=out)
    else:
        said = _("Workshop hub: {name} (this folder's workshop, continued)")
        print(said.format(name=hub.workshop), file=out)
    facts = [
        (_("Dashboard (any browser):"), url),
        (_("Join code for the games:"), hub.join_code),
        (_("Facilitator code:"), hub.facilitator_code),
        (_("Workshop folder:"), str(where)),
    ]
    width = max(len(label) for label, _value in facts)
    for label, value in facts:
        print(f"  {label.ljust(width)} {value}", file=out)
    _print_qr(url, out)
    announcement: list[Any] = []
    if announce:

        def announce_now() -> None:
            from kitchen.hub.announce import announce as register

            done, line = register(hub.workshop, shown, config.port)
            if done is not None:
                announcement.append(done)
            print(line, file=out, flush=True)

        threading.Thread(target=announce_now, name="announce", daemon=True).start()
    print(_("Serving; stop with Ctrl+C."), file=out, flush=True)
    server = _uvicorn_server(create_app(config, hub))
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:  # uvicorn hands Ctrl+C back once it has shut down cleanly
        pass
    finally:
        for done in announcement:
            done.close()
        listener.close()
    print(_("Hub stopped; everything the games sent is kept in the workshop folder."), file=out)
    return EXIT_OK


class RunningHub:
    """A hub served by uvicorn in a background thread (tests, the bench): ``url``,
    ``ws_url``, ``hub`` and ``stop()``. Use as a context manager.

    Args:
        config: the hub's settings (``port`` 0 picks a free one; never announced).
    """

    def __init__(self, config: HubConfig) -> None:
        from kitchen.hub.app import create_app
        from kitchen.hub.live import Hub

        self._socket = bind(config.host, config.port)
        config.port = int(self._socket.getsockname()[1])
        config.announce = False
        self.config = config
        self.hub = Hub(config)
        self.url = f"http://{config.host}:{config.port}"
        self.ws_url = f"ws://{config.host}:{config.port}"
        self._server = _uvicorn_server(create_app(config, self.hub))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(_("the hub did not start"))
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop serving (the store is closed; its file stays)."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> RunningHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
