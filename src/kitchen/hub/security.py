"""Codes, tokens and limits: what keeps a workshop hub safe on a shared network.

- The join code (games) and the facilitator code (dashboard) are separate, random, made
  with :mod:`secrets` and compared in constant time; each game gets its own token, stored
  only as a hash.
- :class:`FailureLimiter` slows repeated wrong codes from one address: after a few, every
  further attempt is refused for a while that doubles with each failure (up to a minute).
- :class:`MessageRate` bounds how fast one game may send messages.
- :func:`same_origin` refuses cross-site browser requests (a form or WebSocket opened by
  another site carries its own ``Origin``).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be mistaken for one another (no 0/O, 1/I)."""

JOIN_CODE_LENGTH = 6
FACILITATOR_CODE_LENGTH = 10

FREE_FAILURES = 3
"""Wrong codes from one address before attempts are slowed down."""

MAX_WAIT_S = 60.0
"""The longest an address is made to wait between attempts."""

FORGET_AFTER_S = 600.0
"""An address's failures are forgotten after this long without one."""


def new_code(length: int) -> str:
    """A random code of ``length`` characters from :data:`CODE_ALPHABET`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """A code as typed (any case, spaces or dashes between groups) in its stored form."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def codes_match(typed: str, expected: str) -> bool:
    """Whether ``typed`` is ``expected`` (constant-time, after :func:`normalise_code`)."""
    return secrets.compare_digest(
        normalise_code(typed).encode("utf-8", "replace"), expected.encode("utf-8")
    )


def new_token() -> str:
    """A fresh secret (a game's token, a dashboard session or CSRF token)."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """How a token is stored: its SHA-256 (the token itself is never written down)."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    blocked_until: float = 0.0


@dataclass
class FailureLimiter:
    """Slows repeated wrong codes from one address (per address, in memory)."""

    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, _Failures] = field(default_factory=dict)

    def wait(self, address: str) -> float:
        """Seconds ``address`` must still wait before its next attempt (0: may try now)."""
        entry = self._seen.get(address)
        if entry is None:
            return 0.0
        return max(0.0, entry.blocked_until - self.clock())

    def failed(self, address: str) -> None:
        """Count a wrong code from ``address``."""
        now = self.clock()
        if len(self._seen) > 10_000:  # many addresses: forget the stale ones
            stale = [a for a, e in self._seen.items() if now - e.last > FORGET_AFTER_S]
            for a in stale:
                del self._seen[a]
        entry = self._seen.setdefault(address, _Failures())
        if now - entry.last > FORGET_AFTER_S:
            entry.count = 0
        entry.count += 1
        entry.last = now
        if entry.count > FREE_FAILURES:
            delay = min(MAX_WAIT_S, 2.0 ** (entry.count - FREE_FAILURES))
            entry.blocked_until = now + delay

    def succeeded(self, address: str) -> None:
        """A right code from ``address``: its failures are forgotten."""
        self._seen.pop(address, None)


@dataclass
class MessageRate:
    """A token bucket: ``rate`` messages a second on average, bursts of ``burst``."""

    rate: float = 50.0
    burst: float = 400.0
    clock: Callable[[], float] = time.monotonic
    _tokens: float = -1.0
    _last: float = 0.0

    def allow(self) -> bool:
        """Whether one more message may be taken now (and take it)."""
        now = self.clock()
        if self._tokens < 0:
            self._tokens, self._last = self.burst, now
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether a browser request's ``Origin`` is the hub itself (no ``Origin``: not a
    cross-site browser request, e.g. a game or curl, and allowed)."""
    if origin is None:
        return True
    if host is None:
        return False
    return origin in (f"http://{host}", f"https://{host}")
