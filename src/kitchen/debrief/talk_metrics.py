"""Talk metrics: when the team talked, from the opt-in microphone's talk/no-talk frames
(``talk_frames`` and ``microphone_changed`` events). Never what was said: the log holds no
sound. Formulas: ``docs/metrics.md`` (Talk).

A round recorded without microphones has no ``talk`` section at all (not zeros): the
debrief then shows no talk lane and no talk cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kitchen.debrief.communication_metrics import _hazards
from kitchen.debrief.round_events import RoundEvents
from kitchen.debrief.stats import median, rounded
from kitchen.events import (
    TALK_FRAME_TICKS,
    DisruptionStarted,
    Event,
    MicrophoneChanged,
    OrderArrived,
    OrderExpired,
    OrderServed,
    SafetyIncident,
    TalkFrames,
)

FRAME_S = 0.1
"""One talk frame, in seconds."""

TALK_WINDOW_S = 60
"""The minute before and after a disruption; also the longest wait for a first talk that is
counted (a longer silence counts as this many seconds)."""

MIN_HEARD_S = 30
"""A minute before or after a disruption is measured only if at least this much of it was
heard (a microphone listening, calibration over)."""

QUIET_BEFORE = 0.15
"""A disruption can leave the kitchen quieter only if the team talked at least this share of
the minute before it (a quiet team cannot go quiet)."""

TALK_METRICS = {
    "talk.microphones": "microphones that listened in the round",
    "talk.heard_s": "seconds of the round heard by a listening microphone",
    "talk.talk_s": "seconds with talk",
    "talk.talk_share": "share of the heard time with talk",
    "talk.typical_wait_s": "median time from a heard moment to the next talk (capped at 60 s)",
    "talk.hazards_heard": "hazards that happened while a microphone listened",
    "talk.hazard_silence_s_median": "median time from a hazard to the first talk",
    "talk.hazard_silence_vs_typical": (
        "hazard_silence_s_median / typical_wait_s (typical at least 1 s): how much longer the"
        " team stayed silent after a hazard than after any moment"
    ),
    "talk.disruption_silence_s_max": "longest time from a disruption to the first talk",
    "talk.largest_drop": (
        "largest fall in the share of time with talk from the minute before a disruption to"
        " the minute after it"
    ),
    "talk.quieter_after": (
        "disruptions after which the team talked half as much or less than in the minute"
        " before (having talked at least 15% of it)"
    ),
    "talk.longest_silence_open_s": "longest heard stretch without talk while orders were open",
}
"""Every number of the talk section a lesson rule may use, with its meaning."""


@dataclass
class TalkTrack:
    """A round's talk on the round's clock, one slot per 100 ms frame.

    Attributes:
        frames: slots in the round.
        heard: per slot, 1 if a listening microphone recorded it.
        talk: per slot, 1 if any microphone heard talk.
        level: per slot, the loudest level heard (dBFS), or ``None``.
        changes: every ``microphone_changed``, in order.
        mics: each microphone seen, with its label (zone or role, or ``""``).
    """

    frames: int
    heard: bytearray
    talk: bytearray
    level: list[float | None]
    changes: list[MicrophoneChanged] = field(default_factory=list)
    mics: dict[int, str] = field(default_factory=dict)

    def tick_of(self, frame: int) -> int:
        """The first tick of slot ``frame``."""
        return frame * TALK_FRAME_TICKS

    def first_talk_after(self, tick: int, limit_s: float = TALK_WINDOW_S) -> float | None:
        """Seconds from ``tick`` to the first talk at or after it, capped at ``limit_s``;
        ``None`` when ``tick`` was not heard, or the heard stretch ended before any talk and
        before ``limit_s`` (the silence cannot be told)."""
        start = tick // TALK_FRAME_TICKS
        if not 0 <= start < self.frames or not self.heard[start]:
            return None
        limit = round(limit_s / FRAME_S)
        for i in range(start, min(self.frames, start + limit)):
            if not self.heard[i]:
                return None
            if self.talk[i]:
                return max(0.0, (i * TALK_FRAME_TICKS - tick) / (TALK_FRAME_TICKS / FRAME_S))
        if start + limit > self.frames:
            return None
        return float(limit_s)

    def share(self, first: int, last: int) -> float | None:
        """Talk frames / heard frames in slots ``first`` to ``last - 1``; ``None`` when less
        than :data:`MIN_HEARD_S` of them was heard."""
        first, last = max(0, first), min(self.frames, last)
        heard = sum(self.heard[first:last])
        if heard * FRAME_S < MIN_HEARD_S:
            return None
        pairs = zip(self.talk[first:last], self.heard[first:last], strict=True)
        return sum(t for t, h in pairs if h) / heard


def talk_track(events: Sequence[Event], end_tick: int) -> TalkTrack | None:
    """The round's talk, or ``None`` when it was recorded without microphones (no talk
    event at all)."""
    frames_ev = [e for e in events if isinstance(e, TalkFrames)]
    changes = [e for e in events if isinstance(e, MicrophoneChanged)]
    if not frames_ev and not changes:
        return None
    frames = -(-max(end_tick, 1) // TALK_FRAME_TICKS)
    track = TalkTrack(frames, bytearray(frames), bytearray(frames), [None] * frames, changes)
    for c in changes:
        track.mics[c.mic] = c.label
    for e in frames_ev:
        track.mics.setdefault(e.mic, "")
        for k, (said, level) in enumerate(zip(e.talk, e.levels, strict=False)):
            i = e.first_index + k
            if not 0 <= i < frames:
                continue
            track.heard[i] = 1
            if said == "1":
                track.talk[i] = 1
            old = track.level[i]
            track.level[i] = level if old is None else max(old, level)
    return track


def _open_frames(r: RoundEvents, frames: int) -> bytearray:
    """Per slot, 1 if a ticket was open at its first tick."""
    change = [0] * (frames + 1)
    opened: dict[int, int] = {}

    def slot(tick: int) -> int:
        return min(frames, -(-tick // TALK_FRAME_TICKS))

    for e in r.events:
        if isinstance(e, OrderArrived):
            opened[e.order_id] = e.tick
        elif isinstance(e, (OrderServed, OrderExpired, SafetyIncident)) and e.order_id in opened:
            change[slot(opened.pop(e.order_id))] += 1
            change[slot(e.tick)] -= 1
    for tick in opened.values():
        change[slot(tick)] += 1
    out, level = bytearray(frames), 0
    for i in range(frames):
        level += change[i]
        out[i] = level > 0
    return out


def _longest_silence(track: TalkTrack, open_frames: bytearray) -> int:
    """The longest run of slots heard, without talk and with a ticket open."""
    best = run = 0
    for heard, said, busy in zip(track.heard, track.talk, open_frames, strict=False):
        run = run + 1 if heard and not said and busy else 0
        best = max(best, run)
    return best


def _typical_wait(track: TalkTrack) -> float | None:
    """Median over heard slots of the seconds to the next talk (capped at the window);
    slots whose silence runs into the end of a heard stretch shorter than the cap are left
    out, as in :meth:`TalkTrack.first_talk_after`."""
    cap = round(TALK_WINDOW_S / FRAME_S)
    waits: list[float] = []
    next_talk: int | None = None  # slot of the next talk within the current heard stretch
    stretch_end = track.frames
    for i in range(track.frames - 1, -1, -1):
        if not track.heard[i]:
            next_talk, stretch_end = None, i
            continue
        if track.talk[i]:
            next_talk = i
        if next_talk is not None and next_talk - i < cap:
            waits.append((next_talk - i) * FRAME_S)
        elif i + cap <= stretch_end:
            waits.append(float(TALK_WINDOW_S))
    return median(waits)


def disruption_talk(r: RoundEvents, track: TalkTrack) -> list[dict[str, Any]]:
    """Per disruption: when it started, the seconds to the first talk, and the share of
    time with talk in the minute before and the minute after it."""
    window = round(TALK_WINDOW_S / FRAME_S)
    out = []
    for d in r.of(DisruptionStarted):
        at = d.tick // TALK_FRAME_TICKS
        before, after = track.share(at - window, at), track.share(at, at + window)
        out.append(
            {
                "disruption_id": d.disruption_id,
                "kind": d.kind,
                "label": d.label,
                "start_s": rounded(r.seconds(d.tick), 1),
                "silence_s": rounded(track.first_talk_after(d.tick), 1),
                "before_share": rounded(before, 3),
                "after_share": rounded(after, 3),
            }
        )
    return out


def talk_section(r: RoundEvents) -> dict[str, Any] | None:
    """The ``talk`` metrics section, or ``None`` for a round recorded without microphones."""
    track = talk_track(r.events, r.end_tick)
    if track is None:
        return None
    heard, said = sum(track.heard), sum(track.talk)
    listening = {c.mic for c in track.changes if c.state == "listening"}
    listening |= {e.mic for e in r.of(TalkFrames)}
    hazard_waits = []
    hazards_heard = 0
    for tick, _ in _hazards(r):
        if tick < r.end_tick and track.heard[min(track.frames - 1, tick // TALK_FRAME_TICKS)]:
            hazards_heard += 1
            wait = track.first_talk_after(tick)
            if wait is not None:
                hazard_waits.append(wait)
    typical = _typical_wait(track)
    hazard_median = median(hazard_waits)
    ratio = None
    if hazard_median is not None and typical is not None:
        ratio = hazard_median / max(typical, 1.0)
    by_disruption = disruption_talk(r, track)
    silences = [d["silence_s"] for d in by_disruption if d["silence_s"] is not None]
    drops = [
        d["before_share"] - d["after_share"]
        for d in by_disruption
        if d["before_share"] is not None and d["after_share"] is not None
    ]
    quieter = sum(
        1
        for d in by_disruption
        if d["before_share"] is not None
        and d["after_share"] is not None
        and d["before_share"] >= QUIET_BEFORE
        and d["after_share"] <= d["before_share"] / 2
    )
    measured = heard > 0
    longest = _longest_silence(track, _open_frames(r, track.frames))
    return {
        "microphones": len(listening),
        "heard_s": rounded(heard * FRAME_S, 1),
        "talk_s": rounded(said * FRAME_S, 1),
        "talk_share": rounded(said / heard, 3) if measured else None,
        "typical_wait_s": rounded(typical, 1),
        "hazards_heard": hazards_heard if measured else None,
        "hazard_silence_s_median": rounded(hazard_median, 1),
        "hazard_silence_vs_typical": rounded(ratio, 2),
        "disruption_silence_s_max": rounded(max(silences), 1) if silences else None,
        "largest_drop": rounded(max(drops), 3) if drops else None,
        "quieter_after": quieter if drops else None,
        "longest_silence_open_s": rounded(longest * FRAME_S, 1) if measured else None,
        "by_disruption": by_disruption,
        "microphone_changes": [
            {
                "time_s": rounded(r.seconds(c.tick), 1),
                "mic": c.mic,
                "state": c.state,
                "label": c.label,
            }
            for c in track.changes
        ],
    }
