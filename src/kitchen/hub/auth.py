"""The dashboard's login and cross-site protection, for every route that needs them
(the hub's own and :mod:`kitchen.hub.dashboard_routes`).

A facilitator logs in with the facilitator code (``POST /login``); the hub sets an
HttpOnly, SameSite=Strict session cookie and keeps a CSRF token for that login, given in
``GET /api/state``. Every state-changing request needs the cookie AND the header
``X-CSRF-Token`` AND, when the browser sends one, an ``Origin`` that is the hub itself.
"""

from __future__ import annotations

import secrets

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse

from kitchen.hub.live import Hub
from kitchen.hub.security import same_origin
from kitchen.i18n import _

COOKIE = "kitchen_hub"
"""The dashboard session cookie's name."""

CSRF_HEADER = "X-CSRF-Token"
"""The header every state-changing dashboard request carries."""

MAX_BODY = 64 * 1024
"""Largest HTTP request body the hub reads (bytes)."""


def hub_of(conn: HTTPConnection) -> Hub:
    """The :class:`Hub` serving this request."""
    hub: Hub = conn.app.state.hub
    return hub


def refusal(status: int, text: str) -> JSONResponse:
    """A refusal: ``{"error": text}`` with ``status``."""
    return JSONResponse({"error": text}, status_code=status)


def client_address(conn: HTTPConnection) -> str:
    """The address a request came from (for slowing repeated failures)."""
    return conn.client.host if conn.client is not None else "unknown"


def from_here(conn: HTTPConnection) -> bool:
    """Whether a browser request comes from the hub's own pages (no ``Origin``: not a
    cross-site browser request)."""
    return same_origin(conn.headers.get("origin"), conn.headers.get("host"))


def login_csrf(conn: HTTPConnection) -> str | None:
    """The CSRF token of this request's dashboard login, or ``None`` (not logged in)."""
    sid = conn.cookies.get(COOKIE)
    if not sid or len(sid) > 128:
        return None
    hub = hub_of(conn)
    return hub.store.login_csrf(sid, hub.config.login_max_age_s)


def check_read(conn: HTTPConnection) -> JSONResponse | None:
    """``None`` when the request may read dashboard data, else the refusal to send."""
    if not from_here(conn):
        return refusal(403, _("cross-site request refused"))
    if login_csrf(conn) is None:
        return refusal(401, _("log in with the facilitator code first"))
    return None


def check_change(request: Request) -> JSONResponse | None:
    """``None`` when the request may change something (logged in, same origin, the right
    ``X-CSRF-Token``), else the refusal to send."""
    if not from_here(request):
        return refusal(403, _("cross-site request refused"))
    csrf = login_csrf(request)
    if csrf is None:
        return refusal(401, _("log in with the facilitator code first"))
    sent = request.headers.get(CSRF_HEADER, "")
    if not secrets.compare_digest(sent.encode("utf-8", "replace"), csrf.encode("utf-8")):
        return refusal(
            403, _("missing or wrong {header} header (reload the page)").format(header=CSRF_HEADER)
        )
    return None


class BodyTooLarge(ValueError):
    """A request body over :data:`MAX_BODY`."""


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request's body, read no further than ``limit`` bytes.

    Raises:
        BodyTooLarge: it is longer.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(_("request body over {n} bytes").format(n=limit))
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(_("request body over {n} bytes").format(n=limit))
    return body


def is_json(request: Request) -> bool:
    """Whether the request says its body is JSON (a cross-site form cannot say so)."""
    return request.headers.get("content-type", "").split(";")[0].strip() == "application/json"
