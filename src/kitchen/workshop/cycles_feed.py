"""A session's improvement cycles for the workshop hub: when ``cycles.json`` or the
session's finished rounds change, the cycles are studied again
(:func:`kitchen.debrief.pdsa.cycles_data`, without playing the computer cooks: a check
the debrief stored is used, else the system share is "n/a" until it is) and made into one
:class:`~kitchen.workshop.team_messages.CyclesMessage`.

Studying a session takes a second or two, so :class:`CyclesFeed` does it in a thread of its
own: the game's frame only looks at a few file names and one ``stat`` a second.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from kitchen.content import SourceError
from kitchen.session.cycles import cycles_path
from kitchen.workshop.team_messages import CyclesMessage, cycles_message

_log = logging.getLogger("kitchen.workshop")

Signature = tuple[str, int, int, tuple[str, ...]]


def signature(folder: Path, logs: Iterable[str]) -> Signature | None:
    """What the cycles depend on: ``cycles.json``'s time and size, and the finished rounds'
    log names (``None``: the session has no cycles)."""
    try:
        st = os.stat(cycles_path(folder))
    except OSError:
        return None
    return (str(folder), st.st_mtime_ns, st.st_size, tuple(sorted(logs)))


def read_cycles(folder: Path, logs: Iterable[str]) -> CyclesMessage:
    """The session's cycles studied against its rounds ``logs`` (names of log files in
    ``folder``; a log that cannot be read is left out, so its round reads "n/a").

    Raises:
        SourceError: the session itself cannot be read.
    """
    from kitchen.debrief.analysis import SessionAnalysis, analyse_logs
    from kitchen.debrief.pdsa import cycles_data
    from kitchen.session.replay import read_round_log
    from kitchen.session.store import Session, shown_team

    session = Session.open(folder)
    wanted = set(logs)
    read = []
    for path in session.round_logs():
        if path.name not in wanted:
            continue
        try:
            read.append(read_round_log(path))
        except SourceError:
            continue
    found = analyse_logs(read) if read else []
    analysis = (
        found[0]
        if found
        else SessionAnalysis(shown_team(session.team), session.id, session.created)
    )
    return cycles_message(session.id, cycles_data(analysis, run_cooks=False))


class CyclesFeed:
    """Studies a session's cycles again, in the background, whenever they may have changed.

    :meth:`poll` (from the game's frame, cheap) starts a study when the :func:`signature`
    moved on and none is running; :meth:`take` hands over the finished message once.
    """

    def __init__(self) -> None:
        self._seen: Signature | None = None
        self._thread: threading.Thread | None = None
        self._result: CyclesMessage | None = None
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        """A study is running."""
        return self._thread is not None and self._thread.is_alive()

    def poll(self, folder: Path, logs: Iterable[str]) -> bool:
        """Start studying the session in ``folder`` (its finished rounds' log names
        ``logs``) when something changed since the last study; True if one started."""
        names = tuple(logs)
        found = signature(folder, names)
        if found is None or found == self._seen or self.busy:
            return False
        self._seen = found
        self._thread = threading.Thread(
            target=self._study, args=(folder, names), name="workshop-cycles", daemon=True
        )
        self._thread.start()
        return True

    def _study(self, folder: Path, logs: tuple[str, ...]) -> None:
        try:
            message = read_cycles(folder, logs)
        except Exception:  # the hub's copy is an extra: never a problem for the game
            _log.warning("workshop: the cycles of %s could not be read", folder, exc_info=True)
            return
        with self._lock:
            self._result = message

    def take(self) -> CyclesMessage | None:
        """The latest finished study, once (``None``: nothing new)."""
        with self._lock:
            message, self._result = self._result, None
        return message

    def join(self, timeout: float = 10.0) -> None:
        """Wait for a running study (for tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
