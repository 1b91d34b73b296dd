"""Two messages a game sends its hub besides records and status (protocol 1, added later
and optional: a hub that does not know them answers one ``error`` line and the game stops
sending them on that connection; a game that never sends them is served as before).

- :class:`TagsMessage`: the observation tags the facilitator set in the game's own settings,
  so the dashboard's one-tap tag buttons are the game's own (sent on connecting and when
  they change).
- :class:`CyclesMessage`: a session's improvement cycles (``cycles.json`` studied against
  the session's rounds by :func:`kitchen.debrief.pdsa.cycles_data`), cut to what the
  dashboard's Cycles view shows: each cycle's change, prediction, result, decision and
  system share, and each run chart's verdict. Sent when the cycles or the session's rounds
  change; the hub keeps the latest per game and session.

Like every message, both are strict (no unknown field) and bounded: a cycles message is at
most :data:`~kitchen.workshop.protocol.MAX_MESSAGE_BYTES`; :func:`cycles_message` leaves out
the oldest cycles (counting them in ``left_out``) rather than send a larger one. No field
names a file: a session is named by its folder's name, a pattern that cannot spell a path.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_TAGS = 20
"""Most tags in a :class:`TagsMessage` (the game's settings allow 12)."""

MAX_TAG = 80
"""Longest tag (the game's settings allow 40)."""

MAX_CYCLES = 50
"""Most cycles in one message (as ``cycles.json`` holds at most)."""

MAX_CHARTS = 10
MAX_CHANGES = 12
"""Changes listed per cycle; the rest are counted in ``more_changes``."""

CYCLES_BYTES = 240 * 1024
"""Largest cycles message :func:`cycles_message` makes (under the protocol's 256 KiB)."""

SESSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$"
"""A session folder's name (as in a round key)."""

_MESSAGE = ConfigDict(strict=True, extra="forbid", frozen=True)
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


Words80 = Annotated[str, Field(max_length=80, pattern=_PRINTABLE)]
Words160 = Annotated[str, Field(max_length=160, pattern=_PRINTABLE)]
Words200 = Annotated[str, Field(max_length=200, pattern=_PRINTABLE)]
Words300 = Annotated[str, Field(max_length=300, pattern=_PRINTABLE)]
Words400 = Annotated[str, Field(max_length=400, pattern=_PRINTABLE)]
Words600 = Annotated[str, Field(max_length=600, pattern=_PRINTABLE)]
Tag = Annotated[str, Field(min_length=1, max_length=MAX_TAG, pattern=_PRINTABLE)]
SessionName = Annotated[str, Field(pattern=SESSION_PATTERN, max_length=100)]
Number = Annotated[float, Field(ge=-1e9, le=1e9, allow_inf_nan=False)]
RoundNumber = Annotated[int, Field(ge=1, le=9999)]


class TagsMessage(BaseModel):
    """The observation tags of the game's settings, in its order."""

    model_config = _MESSAGE
    type: Literal["tags"]
    tags: Annotated[list[Tag], Field(min_length=1, max_length=MAX_TAGS)]


class CycleEntry(BaseModel):
    """One improvement cycle as the dashboard shows it (texts as the team wrote them, cut
    with "…" when longer than the field)."""

    model_config = _MESSAGE
    cycle: Annotated[int, Field(ge=1, le=MAX_CYCLES)]
    idea: Words300 = ""
    changes: Annotated[list[Words160], Field(max_length=MAX_CHANGES)] = []
    more_changes: Annotated[int, Field(ge=0, le=1000)] = 0
    prediction: Words300 = ""
    """The prediction in the team's words."""
    prediction_reads: Words200 = ""
    """How the game reads it: ``Dishes served at least 9``."""
    measure_label: Words80 = ""
    compared_round: RoundNumber
    tested_round: RoundNumber | None = None
    before: Number | None = None
    result: Number | None = None
    outcome: Words200 = ""
    """``met``, ``not met``, or why it cannot be said (``not played yet``, ``n/a: ...``)."""
    decision: Literal["adopt", "adapt", "abandon"] | None = None
    decision_note: Words300 = ""
    system_share: Number | None = None
    """The redesign's share of the team's change (``None``: n/a, see ``system_text``)."""
    system_text: Words400 = ""


class ChartEntry(BaseModel):
    """One run chart's verdict in plain words."""

    model_config = _MESSAGE
    label: Words80 = ""
    verdict: Words600 = ""


class CyclesMessage(BaseModel):
    """A session's improvement cycles, studied (see the module's description)."""

    model_config = _MESSAGE
    type: Literal["cycles"]
    session: SessionName
    problem: Words300 | None = None
    """Why the cycles cannot be read (``cycles.json`` damaged), else ``None``."""
    cycles: Annotated[list[CycleEntry], Field(max_length=MAX_CYCLES)] = []
    left_out: Annotated[int, Field(ge=0, le=MAX_CYCLES)] = 0
    """The oldest cycles left out to keep the message small."""
    charts: Annotated[list[ChartEntry], Field(max_length=MAX_CHARTS)] = []


def cut(text: Any, limit: int) -> str:
    """``text`` on one line without control characters, cut to ``limit`` with "…"."""
    line = re.sub(r"[\x00-\x1f\x7f]+", " ", str(text or "")).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) and abs(value) <= 1e9 else None


def _round(value: Any) -> int | None:
    return value if isinstance(value, int) and 1 <= value <= 9999 else None


def cycle_entry(data: dict[str, Any]) -> CycleEntry:
    """One cycle of :func:`kitchen.debrief.pdsa.cycles_data` as a :class:`CycleEntry`."""
    prediction = data.get("prediction") or {}
    split = data.get("system_or_people") or {}
    changes = [str(c) for c in data.get("changes") or []]
    decision = data.get("decision")
    return CycleEntry(
        cycle=int(data["cycle"]),
        idea=cut(data.get("idea"), 300),
        changes=[cut(c, 160) for c in changes[:MAX_CHANGES]],
        more_changes=min(1000, max(0, len(changes) - MAX_CHANGES)),
        prediction=cut(prediction.get("words"), 300),
        prediction_reads=cut(prediction.get("reads"), 200),
        measure_label=cut(data.get("measure_label"), 80),
        compared_round=_round(data.get("compared_round")) or 1,
        tested_round=_round(data.get("tested_round")),
        before=_number(data.get("before")),
        result=_number(data.get("result")),
        outcome=cut(data.get("outcome"), 200),
        decision=decision if decision in ("adopt", "adapt", "abandon") else None,
        decision_note=cut(data.get("decision_note"), 300),
        system_share=_number(split.get("system_share")),
        system_text=cut(split.get("text"), 400),
    )


def cycles_message(session: str, data: dict[str, Any]) -> CyclesMessage:
    """The message for a session's :func:`~kitchen.debrief.pdsa.cycles_data`, at most
    :data:`CYCLES_BYTES` long (the oldest cycles left out when needed).

    Raises:
        ValueError: ``session`` is not a session folder's name.
    """
    entries = [cycle_entry(c) for c in (data.get("cycles") or [])][-MAX_CYCLES:]
    charts = [
        ChartEntry(label=cut(c.get("label"), 80), verdict=cut(c.get("verdict"), 600))
        for c in (data.get("run_charts") or [])[:MAX_CHARTS]
    ]
    problem = data.get("problem")
    total = len(data.get("cycles") or [])
    while True:
        message = CyclesMessage(
            type="cycles",
            session=session,
            problem=None if problem is None else cut(problem, 300),
            cycles=entries,
            left_out=min(MAX_CYCLES, total - len(entries)),
            charts=charts,
        )
        if len(message.model_dump_json().encode("utf-8")) <= CYCLES_BYTES or not entries:
            return message
        entries = entries[1:]
