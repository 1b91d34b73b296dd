"""The dashboard's page and what it reads besides the hub's API (mounted first by
:func:`kitchen.hub.app.create_app`, so its ``/`` replaces the hub's plain login page).

- ``GET /``: the dashboard (``templates/dashboard.html.j2`` in the hub's language, its
  scripts' words inside it: :mod:`kitchen.hub.page_words`); it logs in with the
  facilitator code itself, and without JavaScript its form still posts to ``/login``.
- ``GET /static/...``: the page's script and style sheet (files of this package, no build
  step, nothing from elsewhere).
- ``GET /api/team-tool``: the TEAM rating form's items, scale and global rating (in the
  hub's language), and the observation tags, from the game's own definitions
  (:mod:`kitchen.debrief.observations`, :data:`kitchen.content.settings_model.DEFAULT_TAGS`),
  so the two can never differ.
- ``GET /api/teams/{game_id}/round?round=KEY``: one of a team's rounds as the dashboard
  needs it: the level played, its disruptions (what a trigger's ``index`` names) and the
  latest TEAM rating stored with it.
- ``GET /api/cycles``: every team's improvement cycles side by side
  (:mod:`kitchen.hub.cycles_view`).

Everything but the page and its files needs a dashboard login (:mod:`kitchen.hub.auth`).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kitchen.content import load_level_text
from kitchen.content.problems import SourceError
from kitchen.content.settings_model import DEFAULT_TAGS
from kitchen.debrief.observations import GLOBAL_QUESTION, ITEMS, SCALE, SOURCE
from kitchen.hub.auth import check_read, hub_of, refusal
from kitchen.hub.cycles_view import cycles_route
from kitchen.hub.live import Hub
from kitchen.hub.page_words import dashboard_page
from kitchen.i18n import _
from kitchen.session.log_model import MAX_NOTE
from kitchen.workshop.protocol import MAX_TEXT, ROUND_KEY_PATTERN

STATIC = Path(__file__).with_name("static")
"""The dashboard's files (packaged with the wheel)."""

_NO_STORE = {"Cache-Control": "no-store"}


async def page(request: Request) -> Response:
    """``GET /``: the dashboard page (it shows its login form until logged in)."""
    return HTMLResponse(dashboard_page(), headers={"Cache-Control": "no-cache"})


def team_tool() -> dict[str, Any]:
    """The TEAM rating form (in the language in force) and the observation tags (as the
    games send them; the page shows them in its language), as the dashboard shows them."""
    return {
        "source": SOURCE,
        "scale": [{"value": n, "text": _(text)} for n, text in enumerate(SCALE)],
        "items": [
            {"key": i.key, "group": _(i.group), "text": _(i.text), "short": _(i.short)}
            for i in ITEMS
        ],
        "global_question": _(GLOBAL_QUESTION),
        "global_range": [1, 10],
        "tags": [tag for tag in DEFAULT_TAGS if len(tag) <= MAX_TEXT],
        "max_note": MAX_NOTE,
    }


async def team_tool_route(request: Request) -> Response:
    """``GET /api/team-tool``: :func:`team_tool`."""
    refused = check_read(request)
    if refused is not None:
        return refused
    return JSONResponse(team_tool())


@functools.lru_cache(maxsize=32)
def _disruption_labels(text: str, name: str) -> tuple[str, ...]:
    """The labels of a level's disruptions, in the order a trigger's ``index`` counts."""
    level = load_level_text(text, name)
    return tuple(d.label for d in level.spec.disruptions)


def round_view(hub: Hub, game_id: str, key: str) -> dict[str, Any] | None:
    """What the dashboard shows of one stored round (``None``: the hub holds no such round
    of this team): the level, its disruptions and the latest TEAM rating."""
    rows = [row for row in hub.store.rounds(game_id) if row.key == key]
    if not rows:
        return None
    row = rows[0]
    view: dict[str, Any] = {"round": key, "level": "", "disruptions": [], "rating": None}
    header_text = hub.store.line(row.round_id, 0)
    if header_text is not None:
        level = json.loads(header_text).get("level") or {}
        name = str(level.get("name", ""))
        view["level"] = name
        try:
            labels = _disruption_labels(str(level.get("text", "")), name or "level")
        except SourceError:
            labels = ()  # the hub checked the header; a level it cannot load has no menu
        view["disruptions"] = [{"index": n, "label": label} for n, label in enumerate(labels)]
    for _line, text in hub.store.lines(row.round_id):
        if '"observation"' not in text:
            continue  # cheap test first: most lines are commands and events
        line = json.loads(text)
        if line.get("record") == "observation" and line.get("kind") == "team":
            view["rating"] = {
                "ratings": line.get("ratings", {}),
                "global_rating": line.get("global_rating"),
            }
    return view


async def team_round(request: Request) -> Response:
    """``GET /api/teams/{game_id}/round?round=KEY``: :func:`round_view`."""
    refused = check_read(request)
    if refused is not None:
        return refused
    game_id = str(request.path_params["game_id"])
    key = request.query_params.get("round", "")
    if not re.fullmatch(ROUND_KEY_PATTERN, key):
        return refusal(400, _("round must be a round key: session name, '/', round number"))
    view = await run_in_threadpool(round_view, hub_of(request), game_id, key)
    if view is None:
        return refusal(404, _("the hub holds no such round of this team"))
    return JSONResponse(view, headers=_NO_STORE)


routes: list[BaseRoute] = [
    Route("/", page, methods=["GET"]),
    Route("/api/team-tool", team_tool_route, methods=["GET"]),
    Route("/api/teams/{game_id:str}/round", team_round, methods=["GET"]),
    Route("/api/cycles", cycles_route, methods=["GET"]),
    Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
]
"""The dashboard's routes, mounted before the hub's own."""
