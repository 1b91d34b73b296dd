"""How a hub is set up: the workshop's name, its folder, where it listens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kitchen.paths import data_dir
from kitchen.session.store import slug

DEFAULT_PORT = 8470
"""The port ``kitchen host`` listens on unless told otherwise."""

LOGIN_MAX_AGE_S = 12 * 60 * 60
"""How long a dashboard login lasts (a workshop day)."""


def default_workshop_name() -> str:
    """``Workshop YYYY-MM-DD`` (today)."""
    return f"Workshop {date.today().isoformat()}"


def default_folder(workshop: str) -> Path:
    """Where a workshop's store goes unless told: ``<data dir>/workshops/<name as a slug>``."""
    return data_dir() / "workshops" / slug(workshop)


@dataclass
class HubConfig:
    """A hub's settings.

    Args:
        workshop: the workshop's name (shown to games and on the dashboard).
        folder: the workshop folder (the SQLite store and the report's round copies).
        host: the address to listen on (see docs/workshop.md for the choice).
        port: the TCP port (0: any free one).
        announce: announce the hub on the local network with zeroconf.
        message_rate: messages a second one game may send on average ...
        message_burst: ... and in a burst.
    """

    workshop: str
    folder: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    announce: bool = True
    login_max_age_s: float = LOGIN_MAX_AGE_S
    message_rate: float = 50.0
    message_burst: float = 400.0
