"""Scripted microphone talk for the lesson bench: what a microphone on the table would have
heard, 100 ms frame by frame, sent into the round as the game's microphone capture sends it
(``microphone`` and ``talk_heard`` actions, :mod:`kitchen.ui.talk_capture`), so the talk
cards (``talk_*``, docs/metrics.md "talk") are measured from a round log like a real one.

The profiles (``docs/lessons.md``, section "Does each card fire on its behaviour?"):

- ``steady``: the team talks about 60 % of the time, in turns of 1-3 s with pauses of
  0.5-2 s, all round;
- ``quiet``: a word of 0.5-1 s every 10-20 s (about 5 % of the time);
- ``quiet_after_disruption``: steady, but for the minute after a disruption starts only a
  word every 15-20 s (a disruption starting in that minute does not lengthen it);
- ``silent_after_hazards``: steady, but silent for 12-16 s from each hazard (as
  ``communication.hazards`` counts them: a pot about to burn, a breakdown, an allergy
  ticket, an order about to expire, a chef blocked);
- ``long_silence``: steady, but from 40 s on, once a ticket is open, nobody says a word
  until 65 s have passed without a word while tickets were open (at most 110 s); if every
  ticket gets served first, someone speaks a word once the next ticket arrives and the
  team falls silent again (until one silence has lasted the 65 s); a disruption starting
  in the silence breaks it (someone speaks), and no silence starts in the minute after a
  disruption (that would be going quiet after it).

No silence of any profile but ``long_silence`` lasts 40 s or more (a run of hazards does
not chain silences past it), so a profile shows its own behaviour and not another's. The
first 10 s are calibration, as in the game (no frames); frames are sent in one-second
batches 4 s behind the round's clock, so that a silence can start at the moment the hazard
arose (a blocked passage is known only once it has lasted ``BLOCKED_HAZARD_S``).
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from talk_profiles import HazardWatch

from kitchen.events import (
    TALK_FRAME_TICKS,
    DisruptionStarted,
    Event,
    OrderArrived,
    OrderExpired,
    OrderServed,
    SafetyIncident,
)
from kitchen.sim.actions import Action, MicrophoneState, TalkHeard
from kitchen.sim.spec import TICKS_PER_SECOND

MIC_PROFILES = (
    "steady",
    "quiet",
    "quiet_after_disruption",
    "silent_after_hazards",
    "long_silence",
)

F = TICKS_PER_SECOND // TALK_FRAME_TICKS
"""Frames a second."""

CALIBRATION_FRAMES = 10 * F
LAG_FRAMES = 4 * F
"""Frames are sent this far behind the round's clock."""
BATCH = F
MAX_SILENCE_FRAMES = 40 * F
"""No silence but ``long_silence``'s lasts this long."""
LONG_SILENCE_FRAMES = 110 * F
"""The longest silence ``long_silence`` keeps ..."""
KEPT_SILENCE_FRAMES = 65 * F
"""... ending it once this long has passed without a word while tickets were open (tickets
may all be served for a while: that time is not work waiting)."""
LEVEL_TALK, LEVEL_QUIET = -22.0, -48.0


class MicTalk:
    """One microphone's scripted talk; :meth:`actions` each tick, given the events of the
    tick before (what the team could see)."""

    def __init__(self, profile: str, seed: int) -> None:
        if profile not in MIC_PROFILES:
            raise ValueError(f"unknown microphone profile {profile!r}")
        self.profile = profile
        self.rng = random.Random(f"mic:{seed}")
        self.frames = bytearray()  # every decided frame, by the round's frame number
        self.sent = CALIBRATION_FRAMES
        self.talking = False
        self.run_left = 0
        self.silent_until = -1  # a frame: no talk before it (hazard, long silence)
        self.quiet_until = -(10**6)  # a frame: only a word now and then before it
        self.quiet_after: list[float] = []
        """Seconds at which the kitchen went quiet after a disruption, having talked steadily
        in the minute before."""
        self.silence_start = -1  # the long silence under way, if any
        self.next_silence = 40 * F
        self.open: set[int] = set()
        self.open_frames = bytearray()  # per frame, 1 if a ticket was open
        self.watch = HazardWatch()

    # --- the script -------------------------------------------------------------------------

    def _see(self, tick: int, events: list[Event]) -> None:
        now = tick // TALK_FRAME_TICKS
        for e in events:
            if isinstance(e, OrderArrived):
                self.open.add(e.order_id)
            elif isinstance(e, (OrderServed, OrderExpired, SafetyIncident)):
                self.open.discard(e.order_id)
            elif isinstance(e, DisruptionStarted):
                if self.profile == "quiet_after_disruption" and now >= self.quiet_until:
                    if now >= self.quiet_until + 60 * F:  # steady in the minute before
                        self.quiet_after.append(tick / TICKS_PER_SECOND)
                    self.quiet_until = now + 60 * F
                    self._start_run(False, self.rng.randint(15 * F, 20 * F))
                if self.profile == "long_silence":
                    # no long silence in the minute after a disruption (that would be the
                    # kitchen going quiet after it); one under way is broken: someone speaks
                    self.next_silence = max(self.next_silence, now + 60 * F)
                    if self.silence_start >= 0:
                        self.next_silence = now + 60 * F  # it may be tried again later
                        self.silence_start = -1
                        self.silent_until = now
                        self._start_run(True, self.rng.randint(10, 30))
        hazards = self.watch.see(tick, events)
        if self.profile == "silent_after_hazards":
            for arose, _ in hazards:
                first = max(arose // TALK_FRAME_TICKS, self.sent)
                last = first + self.rng.randint(12 * F, 16 * F)
                if self._silence_before(first) + last - first >= MAX_SILENCE_FRAMES:
                    continue  # a run of hazards does not chain into a long silence
                for i in range(first, len(self.frames)):
                    self.frames[i] = 0
                self.silent_until = max(self.silent_until, last)
                self.talking, self.run_left = False, 0

    def _open_run(self, frame: int) -> int:
        """Frames just before ``frame`` without talk while a ticket was open."""
        n = 0
        while frame - n - 1 >= 0 and not self.frames[frame - n - 1]:
            if not self.open_frames[frame - n - 1]:
                break
            n += 1
        return n

    def _silence_before(self, frame: int) -> int:
        """Silent frames just before ``frame``."""
        n = 0
        while frame - n - 1 >= 0 and frame - n - 1 < len(self.frames):
            if self.frames[frame - n - 1]:
                break
            n += 1
        return n

    def _start_run(self, talking: bool, frames: int) -> None:
        self.talking, self.run_left = talking, frames

    def _decide(self, i: int) -> int:
        """Whether frame ``i`` (the next one) is talk."""
        p = self.profile
        if p == "long_silence":
            if self.silence_start < 0 and i >= self.next_silence and self.open:
                self.silence_start = i
                self.silent_until = i + LONG_SILENCE_FRAMES
                self.next_silence = 10**9  # one long silence, unless it is broken
            if self.silence_start >= 0 and self._open_run(i) >= KEPT_SILENCE_FRAMES:
                self.silent_until = i  # work waited this long in silence: enough
                self.silence_start = -1
            elif self.silence_start >= 0 and self.open and not self.open_frames[i - 1]:
                # every ticket was served: the silence with work waiting starts again from
                # this ticket, after a word
                self.silent_until = i
                self.silence_start = -1
                self.next_silence = i + 10
                self._start_run(True, 10)
            if self.silence_start >= 0 and i >= self.silent_until:
                self.silence_start = -1
        if i < self.silent_until:
            return 0
        if self.run_left <= 0:
            quiet = p == "quiet" or (p == "quiet_after_disruption" and i < self.quiet_until)
            talk = not self.talking
            if talk:
                frames = self.rng.randint(5, 10) if quiet else self.rng.randint(10, 30)
            elif quiet:
                frames = self.rng.randint(10 * F if p == "quiet" else 15 * F, 20 * F)
            else:
                frames = self.rng.randint(5, 20)
            self._start_run(talk, frames)
        self.run_left -= 1
        return 1 if self.talking else 0

    # --- into the round --------------------------------------------------------------------

    def actions(self, tick: int, events: Iterable[Event] = ()) -> list[Action]:
        """This tick's microphone actions."""
        out: list[Action] = []
        if tick == 0:
            out.append(MicrophoneState(0, "calibrating"))
        self._see(tick, list(events))
        if tick % TALK_FRAME_TICKS == 0:
            i = tick // TALK_FRAME_TICKS
            while len(self.frames) < i:  # frames decided in order, one per slot
                self.frames.append(0)
                self.open_frames.append(0)
            self.frames.append(self._decide(i))
            self.open_frames.append(1 if self.open else 0)
            if i - LAG_FRAMES >= self.sent + BATCH:
                if self.sent == CALIBRATION_FRAMES:
                    out.append(MicrophoneState(0, "listening"))
                batch = self.frames[self.sent : self.sent + BATCH]
                talk = "".join("1" if f else "0" for f in batch)
                levels = tuple(LEVEL_TALK if f else LEVEL_QUIET for f in batch)
                out.append(TalkHeard(0, self.sent, talk, levels))
                self.sent += BATCH
        return out

    def longest_open_silence_s(self) -> float:
        """The longest run of sent frames without talk while a ticket was open, in seconds
        (what the script did: ``long_silence`` rounds are scored by it)."""
        best = run = 0
        for i in range(CALIBRATION_FRAMES, self.sent):
            run = run + 1 if not self.frames[i] and self.open_frames[i] else 0
            best = max(best, run)
        return best / F
