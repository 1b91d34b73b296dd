"""The hub's store: one SQLite file (stdlib :mod:`sqlite3`) in the workshop folder.

It keeps the workshop's settings (name, codes), the games that joined (a hash of each
token, never the token), every round's records keyed on ``(round, seq)`` so a resend never
doubles and a gap is filled by the resend, and the dashboard's login sessions (hashed), so
a hub restarted mid-workshop keeps its codes, its games and its logins.

Every change is one transaction, committed before the hub acknowledges it (WAL journal:
a crashed or killed hub loses nothing it acknowledged).
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kitchen.hub.security import new_token, token_hash
from kitchen.i18n import _

DB_NAME = "hub.sqlite3"
"""The store's file name inside the workshop folder."""

MAX_GAMES = 64
"""Most games one workshop takes (a workshop has four to eight teams)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS games (
    game_id TEXT PRIMARY KEY, team TEXT NOT NULL, machine TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE, joined REAL NOT NULL);
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY, game_id TEXT NOT NULL, round_key TEXT NOT NULL,
    upto INTEGER NOT NULL DEFAULT -1, UNIQUE (game_id, round_key));
CREATE TABLE IF NOT EXISTS records (
    round_id INTEGER NOT NULL, seq INTEGER NOT NULL, line TEXT NOT NULL,
    PRIMARY KEY (round_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS logins (
    sid_hash TEXT PRIMARY KEY, csrf TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS cycles (
    game_id TEXT NOT NULL, session TEXT NOT NULL, data TEXT NOT NULL, updated REAL NOT NULL,
    PRIMARY KEY (game_id, session));
"""

MAX_CYCLE_SESSIONS = 20
"""Most sessions whose improvement cycles the hub keeps per game (the latest)."""


@dataclass(frozen=True)
class GameRow:
    """A game that joined the workshop."""

    game_id: str
    team: str
    machine: str


@dataclass(frozen=True)
class RoundRow:
    """A round the hub holds records of: ``upto`` is the last record of its gap-free run
    from 0 (-1: not even the header yet), ``count`` how many records it holds in all."""

    round_id: int
    game_id: str
    key: str
    upto: int
    count: int


class HubStore:
    """The workshop's SQLite store (safe to use from several threads, one at a time)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / DB_NAME
        fresh = not self.path.exists()
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        if fresh:
            os.chmod(self.path, 0o600)  # codes and hashes: the facilitator's eyes only
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    # --- settings -----------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        """A stored setting, or ``None``."""
        with self._lock:
            row = self._db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self._lock:
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, value),
            )

    # --- games --------------------------------------------------------------------------

    def add_game(self, team: str, machine: str) -> tuple[GameRow, str]:
        """File a new game; returns it and its token (the only time the token is seen).

        Raises:
            OverflowError: the workshop already has :data:`MAX_GAMES` games.
        """
        token = new_token()
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM games").fetchone()
            if count >= MAX_GAMES:
                raise OverflowError(_("the workshop is full ({n} games)").format(n=MAX_GAMES))
            while True:
                game_id = "g" + secrets.token_hex(4)
                try:
                    self._db.execute(
                        "INSERT INTO games VALUES (?, ?, ?, ?, ?)",
                        (game_id, team, machine, token_hash(token), time.time()),
                    )
                    break
                except sqlite3.IntegrityError:  # the same id drawn twice: draw again
                    continue
        return GameRow(game_id, team, machine), token

    def game_by_token(self, token: str) -> GameRow | None:
        """The game holding ``token``, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT game_id, team, machine FROM games WHERE token_hash=?", (token_hash(token),)
            ).fetchone()
        return None if row is None else GameRow(*row)

    def games(self) -> list[GameRow]:
        """Every game that joined, in the order they joined."""
        with self._lock:
            rows = self._db.execute(
                "SELECT game_id, team, machine FROM games ORDER BY joined, game_id"
            ).fetchall()
        return [GameRow(*row) for row in rows]

    # --- records ------------------------------------------------------------------------

    def round_id(self, game_id: str, key: str) -> tuple[int, int]:
        """The id of ``game_id``'s round ``key`` (filed now if new) and its ``upto``."""
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO rounds (game_id, round_key) VALUES (?, ?)", (game_id, key)
            )
            row = self._db.execute(
                "SELECT id, upto FROM rounds WHERE game_id=? AND round_key=?", (game_id, key)
            ).fetchone()
        return int(row[0]), int(row[1])

    def store(self, round_id: int, records: Iterable[tuple[int, str]]) -> int:
        """Store records (``seq``, JSON text) of a round; one already held is left as it
        is. Returns the round's new ``upto`` (the last record of its gap-free run)."""
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT OR IGNORE INTO records (round_id, seq, line) VALUES (?, ?, ?)",
                    ((round_id, seq, line) for seq, line in records),
                )
                (upto,) = db.execute("SELECT upto FROM rounds WHERE id=?", (round_id,)).fetchone()
                for (seq,) in db.execute(
                    "SELECT seq FROM records WHERE round_id=? AND seq>? ORDER BY seq",
                    (round_id, upto),
                ):
                    if seq != upto + 1:
                        break
                    upto = seq
                db.execute("UPDATE rounds SET upto=? WHERE id=?", (upto, round_id))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return int(upto)

    def line(self, round_id: int, seq: int) -> str | None:
        """One stored record's JSON text, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT line FROM records WHERE round_id=? AND seq=?", (round_id, seq)
            ).fetchone()
        return None if row is None else str(row[0])

    def rounds(self, game_id: str | None = None) -> list[RoundRow]:
        """The rounds held (of one game, or of all), in the order they were filed."""
        query = (
            "SELECT r.id, r.game_id, r.round_key, r.upto, "
            "(SELECT COUNT(*) FROM records WHERE round_id=r.id) FROM rounds r"
        )
        with self._lock:
            if game_id is None:
                rows = self._db.execute(query + " ORDER BY r.id").fetchall()
            else:
                rows = self._db.execute(
                    query + " WHERE r.game_id=? ORDER BY r.id", (game_id,)
                ).fetchall()
        return [RoundRow(*row) for row in rows]

    def have(self, game_id: str) -> dict[str, int]:
        """For each of a game's rounds with a header, the last record of its gap-free run."""
        with self._lock:
            rows = self._db.execute(
                "SELECT round_key, upto FROM rounds WHERE game_id=? AND upto>=0", (game_id,)
            ).fetchall()
        return {str(key): int(upto) for key, upto in rows}

    def lines(self, round_id: int, upto: int | None = None) -> Iterator[tuple[int, str]]:
        """A round's records in order (only ``seq <= upto`` when given)."""
        limit = 2**62 if upto is None else upto
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, line FROM records WHERE round_id=? AND seq<=? ORDER BY seq",
                (round_id, limit),
            ).fetchall()
        for seq, line in rows:
            yield int(seq), str(line)

    def records_of(self, round_id: int) -> dict[int, Any]:
        """A round's records as parsed JSON, by ``seq`` (for checks and the bench)."""
        return {seq: json.loads(line) for seq, line in self.lines(round_id)}

    # --- improvement cycles -------------------------------------------------------------

    def set_cycles(self, game_id: str, session: str, data: str) -> None:
        """Keep a session's cycles (a checked ``cycles`` message's JSON text), replacing
        what the game sent before for it; only the latest :data:`MAX_CYCLE_SESSIONS`
        sessions of a game are kept."""
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "INSERT INTO cycles VALUES (?, ?, ?, ?) ON CONFLICT(game_id, session) "
                    "DO UPDATE SET data=excluded.data, updated=excluded.updated",
                    (game_id, session, data, time.time()),
                )
                db.execute(
                    "DELETE FROM cycles WHERE game_id=? AND session NOT IN (SELECT session "
                    "FROM cycles WHERE game_id=? ORDER BY updated DESC LIMIT ?)",
                    (game_id, game_id, MAX_CYCLE_SESSIONS),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def cycles(self, game_id: str | None = None) -> list[tuple[str, str, str, float]]:
        """``(game_id, session, data, updated)`` of the cycles kept (of one game, or of
        all), oldest session first."""
        query = "SELECT game_id, session, data, updated FROM cycles"
        with self._lock:
            if game_id is None:
                rows = self._db.execute(query + " ORDER BY updated, session").fetchall()
            else:
                rows = self._db.execute(
                    query + " WHERE game_id=? ORDER BY updated, session", (game_id,)
                ).fetchall()
        return [(str(g), str(s), str(d), float(u)) for g, s, d, u in rows]

    # --- dashboard logins ---------------------------------------------------------------

    def add_login(self, sid: str, csrf: str) -> None:
        """Remember a dashboard login (its session id hashed) and its CSRF token."""
        with self._lock:
            self._db.execute(
                "INSERT INTO logins VALUES (?, ?, ?)", (token_hash(sid), csrf, time.time())
            )

    def login_csrf(self, sid: str, max_age_s: float) -> str | None:
        """The CSRF token of a dashboard login no older than ``max_age_s``, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT csrf, created FROM logins WHERE sid_hash=?", (token_hash(sid),)
            ).fetchone()
        if row is None or time.time() - float(row[1]) > max_age_s:
            return None
        return str(row[0])

    def remove_login(self, sid: str) -> None:
        """Forget a dashboard login (logging out)."""
        with self._lock:
            self._db.execute("DELETE FROM logins WHERE sid_hash=?", (token_hash(sid),))
