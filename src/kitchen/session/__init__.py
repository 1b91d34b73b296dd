"""Session logs (JSON Lines, append-only, crash-safe), and replaying them."""

from kitchen.session.recorder import RecordedRound
from kitchen.session.replay import ReplayResult, RoundLog, read_round_log, replay
from kitchen.session.round_log import LogHeader, RoundLogWriter
from kitchen.session.store import Session, data_dir, sessions_dir

__all__ = [
    "LogHeader",
    "RecordedRound",
    "ReplayResult",
    "RoundLog",
    "RoundLogWriter",
    "Session",
    "data_dir",
    "read_round_log",
    "replay",
    "sessions_dir",
]
