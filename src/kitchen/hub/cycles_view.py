"""``GET /api/cycles``: every team's improvement cycles side by side, as the games sent them
(:class:`~kitchen.workshop.team_messages.CyclesMessage`, kept per game and session in the
hub's store), for the dashboard's Cycles view. Needs a dashboard login."""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kitchen.hub.auth import check_read, hub_of
from kitchen.hub.live import Hub


def cycles_view(hub: Hub) -> dict[str, Any]:
    """Every team in the order they joined, each with the sessions whose cycles its game
    sent (``sessions``: ``session``, ``updated`` (Unix time), ``problem``, ``cycles``,
    ``left_out``, ``charts``; the session updated last comes last)."""
    kept: dict[str, list[dict[str, Any]]] = {}
    for game_id, session, data, updated in hub.store.cycles():
        message = json.loads(data)
        message.pop("type", None)
        kept.setdefault(game_id, []).append({**message, "session": session, "updated": updated})
    teams = []
    for tile in hub.tiles():
        teams.append(
            {
                "game_id": tile.game_id,
                "team": tile.team,
                "connected": tile.connected,
                "sessions": kept.get(tile.game_id, []),
            }
        )
    return {"workshop": hub.workshop, "teams": teams}


async def cycles_route(request: Request) -> Response:
    """``GET /api/cycles``: :func:`cycles_view`."""
    refused = check_read(request)
    if refused is not None:
        return refused
    view = await run_in_threadpool(cycles_view, hub_of(request))
    return JSONResponse(view, headers={"Cache-Control": "no-store"})
