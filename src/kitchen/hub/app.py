"""The hub's ASGI application: :func:`create_app`.

Routes come from :mod:`kitchen.hub.api` (HTTP and the dashboard's WebSocket) and
:mod:`kitchen.hub.game_socket`; when :mod:`kitchen.hub.dashboard_routes` exists, its
``routes`` (a list of Starlette routes: the dashboard's page and static files) are mounted
FIRST, so its ``/`` replaces the hub's plain login page.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.routing import BaseRoute, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kitchen.hub import api
from kitchen.hub.config import HubConfig
from kitchen.hub.game_socket import game_socket
from kitchen.hub.live import Hub

DASHBOARD_MODULE = "kitchen.hub.dashboard_routes"
"""The module whose ``routes`` the app mounts first, when it exists."""

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'self'; connect-src 'self'; img-src 'self' data:; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
]
"""Sent with every HTTP response: no framing, no inline or foreign scripts."""


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response (pure ASGI: WebSockets pass)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def dashboard_routes() -> list[BaseRoute]:
    """The dashboard's routes (:data:`DASHBOARD_MODULE`), or none when it is absent."""
    if importlib.util.find_spec(DASHBOARD_MODULE) is None:
        return []
    module = importlib.import_module(DASHBOARD_MODULE)
    routes: list[BaseRoute] = list(getattr(module, "routes", []))
    return routes


def create_app(config: HubConfig, hub: Hub | None = None) -> Starlette:
    """The hub's application for ``config`` (``hub``: an already opened :class:`Hub`);
    ``app.state.hub`` is the :class:`Hub` every route uses."""
    live = hub if hub is not None else Hub(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        live.close()

    routes = [*dashboard_routes(), *api.routes, WebSocketRoute("/ws/game", game_socket)]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(SecurityHeaders)
    app.state.hub = live
    return app
