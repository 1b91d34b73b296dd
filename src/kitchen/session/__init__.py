"""Session logs (JSON Lines, append-only, crash-safe), and replaying them."""

from kitchen.session.recorder import RecordedRound
from kitchen.session.replay import ReplayResult, RoundLog, read_round_log, replay
from kitchen.session.round_log import LogHeader, RoundLogWriter
from kitchen.session.store import Session

__all__ = [
    "LogHeader",
    "RecordedRound",
    "ReplayResult",
    "RoundLog",
    "RoundLogWriter",
    "Session",
    "read_round_log",
    "replay",
]
