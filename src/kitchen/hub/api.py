"""The hub's HTTP routes and the dashboard's WebSocket (docs/workshop.md lists them)."""

from __future__ import annotations

import asyncio
import html
import math
import urllib.parse

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from kitchen.hub.auth import (
    COOKIE,
    BodyTooLarge,
    check_change,
    check_read,
    client_address,
    from_here,
    hub_of,
    is_json,
    login_csrf,
    read_body,
    refusal,
)
from kitchen.hub.live import NotConnected, UnknownTeam
from kitchen.hub.report import NoRounds, build_report
from kitchen.hub.security import codes_match, new_token
from kitchen.i18n import _, current_language
from kitchen.workshop.protocol import (
    CommandReply,
    JoinRequest,
    LoginRequest,
    ProtocolError,
    StateReply,
    parse,
    parse_command,
    to_json_object,
)


def _slowed(request: Request, purpose: str) -> JSONResponse | None:
    wait = hub_of(request).limiter.wait(f"{purpose} {client_address(request)}")
    if wait > 0:
        refused = refusal(429, _("too many attempts, wait {n} s").format(n=math.ceil(wait)))
        refused.headers["Retry-After"] = str(math.ceil(wait))  # the games read this, not the words
        return refused
    return None


async def join(request: Request) -> Response:
    """``POST /api/join``: a game joins with the join code and gets its id and token."""
    hub = hub_of(request)
    slowed = _slowed(request, "join")
    if slowed is not None:
        return slowed
    if not is_json(request):
        return refusal(415, _("send JSON (Content-Type: application/json)"))
    try:
        body = parse(JoinRequest, await read_body(request), "join")
    except (ProtocolError, BodyTooLarge) as err:
        return refusal(400, str(err))
    address = f"join {client_address(request)}"
    if not codes_match(body.join_code, hub.join_code):
        hub.limiter.failed(address)
        return refusal(403, _("wrong join code"))
    hub.limiter.succeeded(address)
    try:
        reply = hub.join(body.team, body.machine)
    except OverflowError as err:
        return refusal(409, str(err))
    return JSONResponse(to_json_object(reply))


async def login(request: Request) -> Response:
    """``POST /login``: the facilitator code (JSON ``{"code"}`` or a form field) starts a
    dashboard session cookie; a form is sent back to ``/``."""
    hub = hub_of(request)
    if not from_here(request):
        return refusal(403, _("cross-site request refused"))
    slowed = _slowed(request, "login")
    if slowed is not None:
        return slowed
    try:
        raw = await read_body(request)
    except BodyTooLarge as err:
        return refusal(400, str(err))
    form = not is_json(request)
    if form:
        fields = urllib.parse.parse_qs(raw.decode("utf-8", "replace"), max_num_fields=5)
        code = (fields.get("code") or [""])[0]
    else:
        try:
            code = parse(LoginRequest, raw, "login").code
        except ProtocolError as err:
            return refusal(400, str(err))
    address = f"login {client_address(request)}"
    if not codes_match(code, hub.facilitator_code):
        hub.limiter.failed(address)
        if form:
            return HTMLResponse(_login_page(_("Wrong facilitator code.")), status_code=403)
        return refusal(403, _("wrong facilitator code"))
    hub.limiter.succeeded(address)
    sid, csrf = new_token(), new_token()
    hub.store.add_login(sid, csrf)
    response: Response = (
        RedirectResponse("/", status_code=303) if form else JSONResponse({"csrf": csrf})
    )
    response.set_cookie(
        COOKIE,
        sid,
        max_age=int(hub.config.login_max_age_s),
        httponly=True,
        samesite="strict",
        path="/",
    )
    return response


async def logout(request: Request) -> Response:
    """``POST /logout``: ends this dashboard session."""
    refused = check_change(request)
    if refused is not None:
        return refused
    hub_of(request).store.remove_login(request.cookies.get(COOKIE, ""))
    response = JSONResponse({"ok": True})
    response.delete_cookie(COOKIE, path="/")
    return response


async def state(request: Request) -> Response:
    """``GET /api/state``: the workshop, this login's CSRF token and every team's tile."""
    refused = check_read(request)
    if refused is not None:
        return refused
    hub = hub_of(request)
    csrf = login_csrf(request) or ""
    reply = StateReply(workshop=hub.workshop, csrf=csrf, teams=hub.tiles())
    return JSONResponse(to_json_object(reply), headers={"Cache-Control": "no-store"})


async def _command(request: Request, game_ids: list[str] | None) -> Response:
    refused = check_change(request)
    if refused is not None:
        return refused
    if not is_json(request):
        return refusal(415, _("send JSON (Content-Type: application/json)"))
    try:
        command = parse_command(await read_body(request))
    except (ProtocolError, BodyTooLarge) as err:
        return refusal(400, str(err))
    try:
        command_id, sent = hub_of(request).command(game_ids, command)
    except UnknownTeam as err:
        return refusal(404, str(err))
    except NotConnected as err:
        return refusal(409, str(err))
    except LookupError as err:
        return refusal(404, str(err))
    return JSONResponse(to_json_object(CommandReply(id=command_id, sent_to=sent)))


async def team_command(request: Request) -> Response:
    """``POST /api/teams/{game_id}/command``: a command to one team's game."""
    return await _command(request, [str(request.path_params["game_id"])])


async def all_command(request: Request) -> Response:
    """``POST /api/command``: a command to every connected game."""
    return await _command(request, None)


REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
)
"""The HTML report's own Content-Security-Policy: its inline styles, nothing else (the
hub's policy for its pages would leave the report unstyled)."""

_REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


async def report(request: Request) -> Response:
    """``GET /report.html|.csv|.json``: the workshop report over every team's stored
    rounds, made by the same engine as ``kitchen report`` (``?team_only=1``: no figure
    per person)."""
    kind = str(request.path_params["kind"])
    if kind not in _REPORT_TYPES:
        return refusal(404, _("the report is /report.html, /report.csv or /report.json"))
    refused = check_read(request)
    if refused is not None:
        return refused
    hub = hub_of(request)
    team_only = request.query_params.get("team_only", "") in ("1", "true", "yes")
    try:
        texts = await run_in_threadpool(build_report, hub, team_only)
    except NoRounds as err:
        return refusal(404, str(err))
    text = dict(zip(("html", "csv", "json"), texts, strict=True))[kind]
    headers = {"Cache-Control": "no-store"}
    if kind == "html":  # its styles are inline (one self-contained file); it has no script
        headers["Content-Security-Policy"] = REPORT_CSP
    else:
        headers["Content-Disposition"] = f'attachment; filename="workshop-report.{kind}"'
    return Response(text, media_type=_REPORT_TYPES[kind], headers=headers)


def _login_page(message: str = "") -> str:
    note = f'<p role="alert">{html.escape(message)}</p>' if message else ""
    title = html.escape(_("Workshop hub"))
    return (
        f"<!doctype html><html lang='{current_language()}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title}</title></head><body>"
        f"<h1>{title}</h1>{note}<form method='post' action='/login'>"
        f"<label>{html.escape(_('Facilitator code'))} "
        "<input name='code' autocomplete='off' required></label> "
        f"<button type='submit'>{html.escape(_('Log in'))}</button></form></body></html>"
    )


async def home(request: Request) -> Response:
    """``GET /``: the login page, or (logged in) where the dashboard's data is. The
    dashboard's own page (:mod:`kitchen.hub.dashboard_routes`) replaces this when present."""
    if login_csrf(request) is None:
        return HTMLResponse(_login_page())
    title = html.escape(_("Workshop hub"))
    said = html.escape(
        _(
            "Logged in. The dashboard's page is not installed; its data: {state}, "
            "the report: {report}."
        )
    ).format(
        state="<a href='/api/state'>/api/state</a>",
        report="<a href='/report.html'>HTML</a>, <a href='/report.csv'>CSV</a>, "
        "<a href='/report.json'>JSON</a>",
    )
    return HTMLResponse(
        f"<!doctype html><html lang='{current_language()}'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><h1>{title}</h1><p>{said}</p></body></html>"
    )


async def health(request: Request) -> Response:
    """``GET /api/health``: the hub answers (no data; for a game checking an address)."""
    return JSONResponse({"hub": "systems-kitchen", "workshop": hub_of(request).workshop})


async def dashboard_socket(websocket: WebSocket) -> None:
    """``WS /ws/dashboard``: every team's tile, then each change as it happens."""
    if not from_here(websocket) or login_csrf(websocket) is None:
        await websocket.close(code=4403, reason=_("log in with the facilitator code first")[:120])
        return
    await websocket.accept()
    hub = hub_of(websocket)
    queue = hub.listen()

    async def drain() -> None:
        try:
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
        except WebSocketDisconnect:
            return

    reader = asyncio.ensure_future(drain())
    try:
        while True:
            getter = asyncio.ensure_future(queue.get())
            finished, _pending = await asyncio.wait(
                {getter, reader}, return_when=asyncio.FIRST_COMPLETED
            )
            if reader in finished:
                getter.cancel()
                return
            text = getter.result()
            if text is None:
                await websocket.close(code=1001)
                return
            await websocket.send_text(text)
    except (WebSocketDisconnect, RuntimeError, OSError):
        return
    finally:
        reader.cancel()
        hub.unlisten(queue)


routes: list[BaseRoute] = [
    Route("/", home, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/api/health", health, methods=["GET"]),
    Route("/api/join", join, methods=["POST"]),
    Route("/api/state", state, methods=["GET"]),
    Route("/api/command", all_command, methods=["POST"]),
    Route("/api/teams/{game_id:str}/command", team_command, methods=["POST"]),
    Route("/report.{kind:str}", report, methods=["GET"]),
    WebSocketRoute("/ws/dashboard", dashboard_socket),
]
"""The hub's own routes (the game's WebSocket is in :mod:`kitchen.hub.game_socket`)."""
