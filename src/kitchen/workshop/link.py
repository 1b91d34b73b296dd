"""A game's link to the workshop hub: a background thread that joins the workshop, streams
the round logs, sends the team's live status and receives the facilitator's commands.

The round log on this machine stays the source of truth: the link only reads it (tails the
file as the game writes it) and sends each complete line as a record numbered by its
0-based line number. Records go out in batches at most a second after they were written
(every :data:`POLL_S`). When the hub goes away the game plays on and logs as ever; the link
tries again after 0.5, 1, 2 ... :data:`BACKOFF_MAX_S` seconds, and on its return the hub's
:class:`~kitchen.workshop.protocol.Welcome` says how much of each round it holds, so the
link resends exactly what it is missing (the hub stores on ``(round, seq)``, so nothing is
lost and nothing doubled).

Nothing here ever raises into the game or waits on the network from the game's thread:
the game calls :meth:`WorkshopLink.track`, :meth:`WorkshopLink.set_status`,
:meth:`WorkshopLink.commands` and :meth:`WorkshopLink.done`, which only touch memory, and
reads :meth:`WorkshopLink.state` to show how the link is doing.

Uses the ``websockets`` library's synchronous client (the ``hub`` extra); it is imported
only when the link's thread starts.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitchen.i18n import _
from kitchen.workshop.protocol import (
    MAX_MESSAGE_BYTES,
    MAX_RECORDS,
    MAX_TEXT,
    AckMessage,
    CommandMessage,
    DoneMessage,
    ErrorMessage,
    ErrorReply,
    Hello,
    JoinReply,
    JoinRequest,
    ProtocolError,
    Record,
    RecordsMessage,
    StatusMessage,
    Welcome,
    encode,
    parse,
    parse_hub_message,
)
from kitchen.workshop.team_messages import CyclesMessage, TagsMessage

DEFAULT_PORT = 8470
"""The port a hub listens on unless its facilitator chose another (``kitchen host``)."""

POLL_S = 0.2
"""How often the link looks for new lines in the logs (records are at most this late, plus
the network)."""

STATUS_EVERY_S = 0.5
"""Least time between two status messages."""

BACKOFF_FIRST_S = 0.5
BACKOFF_MAX_S = 8.0
"""Waits between attempts to reach the hub: doubling from the first to the most."""

BATCH_BYTES = 160 * 1024
"""Most bytes of log lines in one records message (well under the protocol's 256 KiB)."""

CONNECT_TIMEOUT_S = 5.0

_log = logging.getLogger("kitchen.workshop")


class AddressError(ValueError):
    """A typed hub address that cannot be used (one clear line)."""


def hub_urls(address: str) -> tuple[str, str]:
    """The hub's HTTP and WebSocket base URLs for an address as a person typed it:
    ``192.168.1.20``, ``192.168.1.20:8470``, ``hub.local:9000`` or ``http://host:port/``.

    Raises:
        AddressError: not an address.
    """
    text = address.strip()
    if not text:
        raise AddressError(_("type the hub's address, e.g. 192.168.1.20:8470"))
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError:
        raise AddressError(_not_an_address(address)) from None
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host or re.search(r"[\s/@]", host):
        raise AddressError(_not_an_address(address))
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port or DEFAULT_PORT}"
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{netloc}", f"{ws}://{netloc}"


def _not_an_address(address: str) -> str:
    return _("not an address: {address}").format(address=repr(address.strip()[:60]))


def machine_name() -> str:
    """This computer's name, as the dashboard shows it."""
    name = re.sub(r"[\x00-\x1f\x7f]", "", socket.gethostname())
    return name[:MAX_TEXT]


class JoinRefused(Exception):
    """The hub refused to let the game join: ``str()`` is the hub's one line;
    ``wait_s`` is how long it asks to wait (too many attempts), else 0 (a wrong code:
    trying again will not help)."""

    def __init__(self, message: str, wait_s: float = 0.0) -> None:
        super().__init__(message)
        self.wait_s = wait_s


def join_workshop(base_url: str, code: str, team: str, timeout: float = 5.0) -> JoinReply:
    """``POST /api/join``: join the workshop at ``base_url`` with its join code.

    Raises:
        JoinRefused: a wrong code, too many attempts, or another refusal.
        OSError: the hub cannot be reached (``urllib.error.URLError`` is one).
    """
    body = JoinRequest(join_code=code.strip()[:64] or "-", team=team, machine=machine_name())
    request = urllib.request.Request(
        base_url + "/api/join",
        data=encode(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # a LAN: no proxy
    try:
        with opener.open(request, timeout=timeout) as reply:
            raw = reply.read(MAX_MESSAGE_BYTES + 1)
    except urllib.error.HTTPError as err:
        raw = err.read(4096)
        try:
            text = parse(ErrorReply, raw, "refusal").error[:200]
        except ProtocolError:
            text = _("the hub refused to join (HTTP {status})").format(status=err.code)
        raise JoinRefused(text, _retry_after(err, text)) from None
    try:
        return parse(JoinReply, raw, _("the hub's answer"))
    except ProtocolError as err:
        raise JoinRefused(_("not a workshop hub ({reason})").format(reason=err)) from None


def _retry_after(err: urllib.error.HTTPError, text: str) -> float:
    """How long a refusal asks to wait: its ``Retry-After`` header, else (a hub from before
    it sent one, in English) the ``wait N s`` of its words; 0 when neither says."""
    header = (err.headers.get("Retry-After") or "").strip() if err.headers else ""
    if header.isdigit():
        return float(header)
    found = re.search(r"wait (\d+) s", text)
    return float(found.group(1)) if found else 0.0


@dataclass
class LinkState:
    """How the link is doing, for the game's indicator.

    ``state``: ``joining``, ``connected``, ``away`` (trying again), ``refused`` (the hub
    said no; it will not try again) or ``closed``.
    """

    state: str = "joining"
    workshop: str = ""
    detail: str = ""

    @property
    def connected(self) -> bool:
        """True while the hub is reachable and has said welcome."""
        return self.state == "connected"


@dataclass
class _Tracked:
    """One round log being streamed: where its lines start and what the hub holds."""

    key: str
    path: Path
    offsets: list[int] = field(default_factory=lambda: [0])
    """Byte offset of each line found so far, then the end of the last complete line."""
    next_seq: int = 0
    """The next record to send."""
    acked: int = -1


class WorkshopLink:
    """The game's side of the workshop (see the module's description).

    Args:
        address: the hub's address as typed (see :func:`hub_urls`).
        code: the workshop's join code.
        team: the team's name, shown on the dashboard.
        backoff: first and longest wait between attempts to reach the hub, in seconds.
        poll: how often the logs are read for new lines, in seconds.

    Raises:
        AddressError: ``address`` is not an address.
    """

    def __init__(
        self,
        address: str,
        code: str,
        team: str,
        backoff: tuple[float, float] = (BACKOFF_FIRST_S, BACKOFF_MAX_S),
        poll: float = POLL_S,
    ) -> None:
        self.base_url, self.ws_url = hub_urls(address)
        self.code = code.strip()
        self.team = (re.sub(r"[\x00-\x1f\x7f]", "", team).strip() or "Team")[:MAX_TEXT]
        self.backoff = backoff
        self.poll = poll
        self.game_id: str | None = None
        self.token: str | None = None
        self._lock = threading.Lock()
        self._state = LinkState()
        self._rounds: dict[str, _Tracked] = {}
        self._have: dict[str, int] = {}
        self._status: dict[str, Any] | None = None
        self._status_sent: dict[str, Any] | None = None
        self._tags: list[str] | None = None
        self._tags_sent: list[str] | None = None
        self._cycles: dict[str, str] = {}  # session -> the message's text
        self._cycles_sent: dict[str, str] = {}
        self._unknown: set[str] = set()  # message types this hub refused as unknown
        self._commands: queue.Queue[CommandMessage] = queue.Queue()
        self._done: queue.Queue[DoneMessage] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.errors: list[str] = []
        """The hub's refusals of what this game sent (latest last, at most 20)."""

    # --- the game's side (never blocks) -------------------------------------------------

    def start(self) -> WorkshopLink:
        """Start the link's thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="workshop-link", daemon=True)
            self._thread.start()
        return self

    def state(self) -> LinkState:
        """A copy of how the link is doing now."""
        with self._lock:
            return LinkState(self._state.state, self._state.workshop, self._state.detail)

    def track(self, key: str, path: str | Path) -> None:
        """Stream the round log at ``path`` as round ``key`` (``"{session}/{round}"``),
        from its first line, and keep sending what is appended to it later."""
        with self._lock:
            if key not in self._rounds:
                self._rounds[key] = _Tracked(key, Path(path), next_seq=self._have_of(key))

    def tracked(self) -> dict[str, Path]:
        """The rounds being streamed, by key."""
        with self._lock:
            return {key: t.path for key, t in self._rounds.items()}

    def acked(self, key: str) -> int:
        """The last record of round ``key`` the hub confirmed holding (-1: none)."""
        with self._lock:
            tracked = self._rounds.get(key)
            return -1 if tracked is None else tracked.acked

    def set_status(self, status: dict[str, Any]) -> None:
        """The team's live status (the fields of
        :class:`~kitchen.workshop.protocol.StatusMessage` but ``type``), sent when it
        changes, at most every :data:`STATUS_EVERY_S`."""
        with self._lock:
            self._status = dict(status)

    def set_tags(self, tags: list[str]) -> None:
        """The observation tags of the game's settings, for the dashboard's tag buttons
        (sent on connecting and when they change; left out when not valid)."""
        try:
            TagsMessage(type="tags", tags=list(tags))
        except ValueError:
            self._remember_error(
                _("tags not sent: 1 to 20 tags of 1 to 80 characters, no control characters")
            )
            return
        with self._lock:
            self._tags = list(tags)

    def set_cycles(self, message: CyclesMessage) -> None:
        """A session's improvement cycles, sent when they change (and again to a hub that
        was away)."""
        text = encode(message)
        with self._lock:
            self._cycles[message.session] = text

    def commands(self) -> list[CommandMessage]:
        """The facilitator's commands that arrived since the last call, oldest first."""
        found: list[CommandMessage] = []
        while True:
            try:
                found.append(self._commands.get_nowait())
            except queue.Empty:
                return found

    def done(self, command_id: str, ok: bool, message: str = "") -> None:
        """Tell the hub what became of a command (sent as soon as the hub is reachable)."""
        self._done.put(DoneMessage(type="done", id=command_id, ok=ok, message=message[:300]))

    def close(self, wait: float = 2.0) -> None:
        """Stop the link (the logs are untouched; what was not sent stays unsent)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=wait)
        self._set_state("closed", _("left the workshop"))

    # --- the thread ---------------------------------------------------------------------

    def _set_state(self, state: str, detail: str = "", workshop: str | None = None) -> None:
        with self._lock:
            self._state.state = state
            self._state.detail = detail
            if workshop is not None:
                self._state.workshop = workshop

    def _have_of(self, key: str) -> int:
        return self._have.get(key, -1) + 1

    def _run(self) -> None:
        wait = self.backoff[0]
        while not self._stop.is_set():
            try:
                if self.token is None:
                    self._join()
                if self._session():
                    wait = self.backoff[0]  # it was welcomed: the next wait starts short
            except JoinRefused as err:
                if err.wait_s <= 0:
                    self._set_state("refused", str(err))
                    return
                self._set_state("away", str(err))
                self._stop.wait(err.wait_s)
                continue
            except Exception as err:  # the hub away, a network error: try again later
                _log.debug("workshop link", exc_info=True)
                self._set_state("away", _reason(err))
            if self._stop.is_set():
                break
            detail = self.state().detail or _("the hub cannot be reached")
            again = _("{reason}; trying again in {n} s").format(reason=detail, n=f"{wait:g}")
            self._set_state("away", again)
            self._stop.wait(wait)
            wait = min(wait * 2, self.backoff[1])

    def _join(self) -> None:
        self._set_state("joining", _("joining the workshop"))
        reply = join_workshop(self.base_url, self.code, self.team)
        self.game_id, self.token = reply.game_id, reply.token
        self._set_state("joining", _("joined"), reply.workshop)

    def _session(self) -> bool:
        """One connection, until it breaks or the link stops; True if it was welcomed."""
        from websockets.exceptions import ConnectionClosed
        from websockets.sync.client import connect

        assert self.token is not None
        with connect(
            self.ws_url + "/ws/game",
            proxy=None,
            open_timeout=CONNECT_TIMEOUT_S,
            close_timeout=1.0,
            max_size=MAX_MESSAGE_BYTES,
            ping_interval=10,
            ping_timeout=10,
        ) as ws:
            ws.send(encode(Hello(type="hello", token=self.token)))
            welcome = self._welcome(ws.recv(timeout=CONNECT_TIMEOUT_S))
            if welcome is None:
                return False
            self._set_state("connected", "", welcome.workshop)
            self._status_sent = None
            self._tags_sent = None
            self._cycles_sent = {}
            self._unknown = set()
            last_status = 0.0
            try:
                while not self._stop.is_set():
                    try:
                        raw = ws.recv(timeout=self.poll)
                    except TimeoutError:
                        raw = None
                    if raw is not None:
                        self._received(raw)
                    for text in self._outgoing(time.monotonic() - last_status):
                        if text.startswith('{"type":"status"'):
                            last_status = time.monotonic()
                        ws.send(text)
            except ConnectionClosed:
                self._set_state("away", _("the connection to the hub was lost"))
        return True

    def _welcome(self, raw: str | bytes) -> Welcome | None:
        try:
            message = parse_hub_message(raw)
        except ProtocolError as err:
            self._set_state("away", _("not a workshop hub ({reason})").format(reason=err))
            return None
        if isinstance(message, ErrorMessage):
            if "token" in message.error:  # the hub forgot this game: join again
                self.token = None
            self._set_state("away", message.error)
            return None
        if not isinstance(message, Welcome):
            self._set_state("away", _("the hub did not say welcome"))
            return None
        with self._lock:
            self._have = dict(message.have)
            for key, tracked in self._rounds.items():
                tracked.next_seq = self._have_of(key)  # resend what the hub does not hold
                tracked.acked = self._have.get(key, -1)
        return message

    def _received(self, raw: str | bytes) -> None:
        try:
            message = parse_hub_message(raw)
        except ProtocolError as err:
            self._remember_error(str(err))
            return
        if isinstance(message, AckMessage):
            with self._lock:
                tracked = self._rounds.get(message.round)
                if tracked is not None:
                    tracked.acked = max(tracked.acked, message.upto)
        elif isinstance(message, CommandMessage):
            self._commands.put(message)
        elif isinstance(message, ErrorMessage):
            found = re.search(r"unknown type '(tags|cycles)'", message.error)
            if found:  # a hub from before these messages: stop sending them to it
                self._unknown.add(found.group(1))
            self._remember_error(message.error)

    def _remember_error(self, text: str) -> None:
        _log.warning("workshop hub: %s", text)
        self.errors = [*self.errors[-19:], text]

    def _outgoing(self, since_status: float) -> list[str]:
        """Everything to send now: command results, new records, a changed status."""
        out: list[str] = []
        while True:
            try:
                out.append(encode(self._done.get_nowait()))
            except queue.Empty:
                break
        with self._lock:
            rounds = list(self._rounds.values())
        for tracked in rounds:
            out.extend(self._batches(tracked))
        with self._lock:
            status = self._status
        if status is not None and status != self._status_sent and since_status >= STATUS_EVERY_S:
            try:
                out.append(encode(StatusMessage(type="status", **status)))
            except ValueError as err:  # a field out of range: say so once, never crash
                self._remember_error(_("status not sent: {reason}").format(reason=_reason(err)))
            self._status_sent = status
        with self._lock:
            tags, cycles = self._tags, dict(self._cycles)
        if tags is not None and tags != self._tags_sent and "tags" not in self._unknown:
            out.append(encode(TagsMessage(type="tags", tags=tags)))
            self._tags_sent = tags
        if "cycles" not in self._unknown:
            for session, text in cycles.items():
                if self._cycles_sent.get(session) != text:
                    out.append(text)
                    self._cycles_sent[session] = text
        return out

    def _batches(self, tracked: _Tracked) -> list[str]:
        """Messages with the complete lines of ``tracked`` from its next record on."""
        messages: list[str] = []
        while True:
            records = self._read(tracked)
            if not records:
                return messages
            message = RecordsMessage(type="records", round=tracked.key, records=records)
            messages.append(encode(message))
            tracked.next_seq = records[-1].seq + 1

    def _read(self, tracked: _Tracked) -> list[Record]:
        seq = tracked.next_seq
        if seq >= len(tracked.offsets):
            return []  # the resend starts past what was read: cannot happen, but never seek
        base = tracked.offsets[seq]
        try:
            with open(tracked.path, "rb") as log:
                log.seek(base)
                data = log.read(BATCH_BYTES)
                if data and b"\n" not in data:  # one line longer than a batch
                    data += log.readline(MAX_MESSAGE_BYTES)
        except OSError:
            return []
        records: list[Record] = []
        start = 0
        while len(records) < MAX_RECORDS:
            end = data.find(b"\n", start)
            if end < 0:
                break  # the rest is not a complete line yet
            at = base + end + 1
            if seq + 1 == len(tracked.offsets):
                tracked.offsets.append(at)
            try:
                line = json.loads(data[start:end].decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                line = None
            if isinstance(line, dict):
                records.append(Record(seq=seq, line=line))
            else:
                self._remember_error(
                    _("line {n} of {file} is not a record").format(
                        n=seq + 1, file=tracked.path.name
                    )
                )
            seq += 1
            start = end + 1
        if not records and seq > tracked.next_seq:
            tracked.next_seq = seq  # only damaged lines: skip them
        return records


def _reason(err: BaseException) -> str:
    """One short line for a network problem."""
    if isinstance(err, urllib.error.URLError):
        err = err.reason if isinstance(err.reason, BaseException) else err
    text = getattr(err, "strerror", None) or str(err) or type(err).__name__
    if isinstance(err, ConnectionRefusedError):
        text = _("the hub is not answering")
    elif isinstance(err, TimeoutError):
        text = _("the hub did not answer in time")
    return str(text).splitlines()[0][:200]
