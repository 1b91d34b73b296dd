"""Adding what people observed to a round log after the round.

A round log is append-only: the facilitator's TEAM rating, their notes on tags and the
team's take-aways are new ``{"record": "observation", ...}`` lines at its end (a later
record of the same kind replaces an earlier one when read). Each record is checked with the
reader's own models before it is written, so the game never writes a line it would refuse.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kitchen.content.problems import Problem, SourceError
from kitchen.i18n import _
from kitchen.session.log_model import ObservationRecord
from kitchen.session.record_checker import RecordChecker
from kitchen.session.replay import read_round_log
from kitchen.session.round_log import now_iso


def append_observation(path: str | Path, data: dict[str, Any]) -> ObservationRecord:
    """Check ``data`` as an observation record and append it to the round log at ``path``.

    ``created`` is filled in with the current time when not given. The log must read back
    whole first (an observation is never added to a damaged log, nor after a torn last line,
    which would glue the two together).

    Returns:
        The record as the reader sees it.

    Raises:
        SourceError: the log cannot be read, ends mid-line, or ``data`` is not a valid
            observation record (one positioned message each).
        OSError: the file cannot be written.
    """
    path = Path(path)
    name = str(path)
    log = read_round_log(path)
    if log.warnings:
        raise SourceError(
            Problem(
                name,
                0,
                0,
                _(
                    "the log ends with an incomplete line (the game stopped mid-write); "
                    "observations are not added to it"
                ),
            )
        )
    data = {"record": "observation", "created": now_iso(), **data}
    line = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    with open(path, "rb") as existing:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: existing.read(1 << 20), b""))
    checker = RecordChecker(name)
    record = checker.body_of(line, lines + 1)
    if not isinstance(record, ObservationRecord):
        raise SourceError(Problem(name, lines + 1, 1, _("not an observation record")))
    try:
        encoded = (line + "\n").encode("utf-8")
    except UnicodeEncodeError:
        raise SourceError(
            Problem(name, lines + 1, 1, _("the text holds a character that cannot be saved"))
        ) from None
    with open(path, "ab") as out:
        out.write(encoded)
        out.flush()
        os.fsync(out.fileno())
    return record
