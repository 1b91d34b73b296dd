"""``WS /ws/game``: a game's link to the hub.

The game's first message is :class:`~kitchen.workshop.protocol.Hello` with its token (a
wrong one counts as a failed attempt from that address and closes the link); then it sends
records, status and command results, and the hub sends acknowledgements, commands and
refusals. Every message is checked for size, shape and rate; a bad one is refused with one
:class:`~kitchen.workshop.protocol.ErrorMessage` and the link stays open, and nothing one
game sends can affect another team.
"""

from __future__ import annotations

import asyncio
import logging
import math

from starlette.websockets import WebSocket, WebSocketDisconnect

from kitchen.hub.auth import client_address, from_here, hub_of
from kitchen.hub.live import GameLink, Hub, error_message
from kitchen.i18n import _
from kitchen.workshop.protocol import (
    DoneMessage,
    Hello,
    ProtocolError,
    RecordsMessage,
    StatusMessage,
    parse,
    parse_game_message,
)
from kitchen.workshop.team_messages import CyclesMessage, TagsMessage

HELLO_TIMEOUT_S = 10.0
"""How long a new link may take to say hello."""

CLOSE_REFUSED = 4403
"""Close code: wrong or missing token (or a cross-site page)."""

CLOSE_SLOWED = 4429
"""Close code: too many wrong tokens from this address; wait."""

_log = logging.getLogger("kitchen.hub")


async def _refuse(websocket: WebSocket, text: str, code: int) -> None:
    await websocket.send_text(error_message(text, closed=True))
    await websocket.close(code=code)


async def _hello(websocket: WebSocket, hub: Hub) -> GameLink | None:
    address = f"token {client_address(websocket)}"
    wait = hub.limiter.wait(address)
    if wait > 0:
        said = _("too many attempts, wait {n} s").format(n=math.ceil(wait))
        await _refuse(websocket, said, CLOSE_SLOWED)
        return None
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), HELLO_TIMEOUT_S)
        hello = parse(Hello, raw, "hello")
    except asyncio.TimeoutError:
        await _refuse(websocket, _("say hello with your token first"), CLOSE_REFUSED)
        return None
    except ProtocolError as err:
        await _refuse(websocket, str(err), CLOSE_REFUSED)
        return None
    game = hub.store.game_by_token(hello.token)
    if game is None:
        hub.limiter.failed(address)
        await _refuse(websocket, _("unknown token: join the workshop again"), CLOSE_REFUSED)
        return None
    hub.limiter.succeeded(address)
    link, welcome = hub.connect(game)
    link.outbox.put_nowait(welcome.model_dump_json())
    return link


async def _send(websocket: WebSocket, link: GameLink) -> None:
    while True:
        text = await link.outbox.get()
        if text is None:
            await websocket.close(code=1000)
            return
        await websocket.send_text(text)


def _handle(hub: Hub, link: GameLink, raw: str) -> None:
    if not link.rate.allow():
        link.outbox.put_nowait(
            error_message(
                _("too many messages (at most {n} a second): this one was dropped").format(
                    n=f"{hub.config.message_rate:g}"
                )
            )
        )
        return
    try:
        message = parse_game_message(raw)
    except ProtocolError as err:
        link.outbox.put_nowait(error_message(str(err)))
        return
    if isinstance(message, RecordsMessage):
        for reply in hub.records(link.game, message):
            link.outbox.put_nowait(reply)
    elif isinstance(message, StatusMessage):
        hub.status(link.game, message)
    elif isinstance(message, DoneMessage):
        hub.done(link.game, message)
    elif isinstance(message, TagsMessage):
        hub.tags(link.game, message)
    elif isinstance(message, CyclesMessage):
        hub.cycles(link.game, message)
    else:
        link.outbox.put_nowait(error_message(_("message refused: already said hello")))


async def game_socket(websocket: WebSocket) -> None:
    """Serve one game's link until it closes."""
    if not from_here(websocket):
        await websocket.close(code=CLOSE_REFUSED, reason=_("cross-site request refused")[:120])
        return
    await websocket.accept()
    hub = hub_of(websocket)
    try:
        link = await _hello(websocket, hub)
    except (WebSocketDisconnect, RuntimeError, OSError):
        return
    if link is None:
        return
    sender = asyncio.ensure_future(_send(websocket, link))
    try:
        while not sender.done():
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            text = message.get("text")
            if text is None:
                link.outbox.put_nowait(error_message(_("message refused: send JSON text")))
                continue
            try:
                _handle(hub, link, text)
            except Exception:  # a bug must not take the hub or another team down
                _log.exception("handling a message from %s", link.game.game_id)
                link.outbox.put_nowait(error_message(_("the hub could not handle that message")))
    except (WebSocketDisconnect, RuntimeError, OSError):
        pass
    finally:
        sender.cancel()
        hub.disconnect(link)
