"""Talk recording in a round: runs the microphone listeners (:mod:`kitchen.talk`) and turns
their frames into the round's ``talk_heard`` and ``microphone`` actions, so talk is logged
and replayed like every other input (docs/talk.md).

Talk recording is opt-in and per session: :func:`talk_switch` holds whether it is on for
this run of the game (off at every start), switched on the join screen (F7) or in settings.
``KITCHEN_TALK_FILE`` (one WAV file, or two joined with the path separator) switches it on
and listens to the files in place of microphones, for tests and demonstrations.

Frames are put on the round's clock: a listener's frame ``i`` belongs to the round's frame
``offset + i``, where ``offset`` is the round's frame when the listener started, and it is
sent only once the round's clock has reached it. A microphone's frames therefore wait for
the round (a file read faster than real time is paced to it), and when a live microphone
runs more than :data:`MAX_AHEAD` frames ahead of the round (the round was paused, or the
game fell behind), the frames heard meanwhile are dropped: they belong to no moment of the
round. Calibration frames are never sent. Nothing here keeps or writes sound.
"""

from __future__ import annotations

import os
import weakref
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitchen.events import MAX_MICS, TALK_FRAME_TICKS
from kitchen.i18n import N_, _
from kitchen.sim.actions import Action, MicrophoneState, TalkHeard
from kitchen.sim.spec import KitchenSpec

ENV_FILE = "KITCHEN_TALK_FILE"
"""Environment variable: WAV file(s) listened to in place of microphones (tests, demos)."""

CALIBRATION_S = 10.0
"""Seconds each microphone spends learning the room's noise at the start of a round."""

BATCH = 10
"""Frames sent in one ``talk_heard`` action (one second)."""

MAX_AHEAD = 20
"""Frames (2 s) a live microphone may run ahead of the round before the excess is dropped."""

MIN_LEVEL_DB = -120.0
"""Loudness recorded for a silent frame (dBFS; silence itself is minus infinity)."""

TALK_RECORDED = N_(
    "Talk recording is ON: each microphone records talk or no talk ten times a second, and "
    "how loud. Never sound: nothing anyone says is kept."
)
"""The line shown wherever talk recording is switched on (English: shown with ``_()``)."""

TALK_SHORT = N_(
    "Microphone: talk or no talk and how loud, ten times a second; never sound. No video."
)
"""What the join screen adds to what is recorded when talk recording is on."""


@dataclass
class TalkSwitch:
    """Whether this run of the game records talk (off until someone switches it on)."""

    on: bool = False
    files: list[Path] = field(default_factory=list)
    """WAV files listened to in place of microphones (``KITCHEN_TALK_FILE``)."""


_SWITCHES: weakref.WeakKeyDictionary[Any, TalkSwitch] = weakref.WeakKeyDictionary()


def talk_switch(app: Any) -> TalkSwitch:
    """The talk switch of the running game ``app`` (made on first use: on only when
    ``KITCHEN_TALK_FILE`` names files)."""
    switch = _SWITCHES.get(app)
    if switch is None:
        raw = os.environ.get(ENV_FILE, "")
        files = [Path(p) for p in raw.split(os.pathsep) if p][:MAX_MICS]
        switch = _SWITCHES[app] = TalkSwitch(on=bool(files), files=files)
    return switch


def install_hint() -> str | None:
    """The line to show when the ``talk`` extra is missing, else ``None``."""
    from kitchen.talk import INSTALL_HINT, missing_dependencies

    return INSTALL_HINT if missing_dependencies() else None


def label_choices(spec: KitchenSpec | None) -> list[str]:
    """What a microphone can be given to in this level: the whole kitchen (``""``), each
    zone, each role."""
    if spec is None:
        return [""]
    zones = sorted(set(spec.zones.values()))
    roles = [r.name for r in spec.roles if r.name not in zones]
    return ["", *zones, *roles]


@dataclass
class _Frame:
    slot: int
    talk: bool
    level: float


class MicChannel:
    """One microphone's listener and its frames on their way into the round.

    ``listener`` is a :class:`kitchen.talk.listener.Listener` (or anything with ``start``,
    ``stop``, ``drain`` and ``status``); ``live``: frames come at the pace of the clock (a
    microphone), so running ahead of the round means it was paused.
    """

    def __init__(
        self, listener: Any, mic: int, label: str, live: bool, calibration_s: float
    ) -> None:
        self.listener = listener
        self.mic = mic
        self.label = label
        self.live = live
        self.skip = round(calibration_s * 10)
        self.offset = 0
        self.pending: deque[_Frame] = deque()
        self.batch: list[_Frame] = []
        self.state = ""  # the state last sent
        self.sent_to = -1  # the last round frame sent

    def start(self, tick: int) -> None:
        """Start listening now (round tick ``tick``)."""
        self.offset = -(-tick // TALK_FRAME_TICKS)
        self.listener.start()

    def actions(self, tick: int) -> list[Action]:
        """What to send into the round at ``tick``."""
        out: list[Action] = []
        now = tick // TALK_FRAME_TICKS
        for f in self.listener.drain():
            if f.index >= self.skip:
                level = max(MIN_LEVEL_DB, min(0.0, round(float(f.level_db), 1)))
                self.pending.append(_Frame(self.offset + f.index, bool(f.talk), level))
        if self.live and self.pending and self.pending[-1].slot > now + MAX_AHEAD:
            shift = self.pending[-1].slot - now
            self.offset -= shift
            for f in self.pending:
                f.slot -= shift
            while self.pending and self.pending[0].slot <= self.sent_to:
                self.pending.popleft()
        status = self.listener.status
        if not self.state and status != "none":
            out.append(self._say("calibrating" if self.skip else "listening"))
        while self.pending and self.pending[0].slot <= now:
            f = self.pending.popleft()
            if self.state != "listening":
                out.append(self._say("listening"))
            if self.batch and f.slot != self.batch[-1].slot + 1:
                out += self._flush()
            self.batch.append(f)
            self.sent_to = f.slot
            if len(self.batch) >= BATCH:
                out += self._flush()
        if status in ("lost", "none") and not self.pending and self.state != status:
            out += self._flush()
            out.append(self._say(status))
        return out

    def _say(self, state: str) -> MicrophoneState:
        self.state = state
        return MicrophoneState(self.mic, state, self.label)

    def _flush(self) -> list[Action]:
        if not self.batch:
            return []
        batch, self.batch = self.batch, []
        talk = "".join("1" if f.talk else "0" for f in batch)
        return [TalkHeard(self.mic, batch[0].slot, talk, tuple(f.level for f in batch))]

    def stop(self) -> None:
        """Stop listening (frames not yet sent are forgotten)."""
        self.listener.stop()


class TalkCapture:
    """The microphones of one round."""

    def __init__(self, channels: list[MicChannel]) -> None:
        self.channels = channels
        self.started = False

    @classmethod
    def for_round(cls, app: Any, spec: KitchenSpec) -> TalkCapture | None:
        """The capture for a round of ``spec`` when talk recording is on, else ``None``.
        Microphones come from the settings (or ``KITCHEN_TALK_FILE``); a microphone that
        cannot open says so in the round (``none``), it never stops the round."""
        switch = talk_switch(app)
        if not switch.on:
            return None
        from kitchen.talk.listener import Listener
        from kitchen.talk.sources import DeviceSource, FileSource

        choices = label_choices(spec)
        mics = list(app.settings.talk.microphones)
        count = len(switch.files) if switch.files else len(mics)
        channels = []
        for mic in range(min(count, MAX_MICS)):
            wanted = mics[mic].label if mic < len(mics) else ""
            label = wanted if wanted in choices else ""
            if switch.files:
                source: Any = FileSource(switch.files[mic])
            else:
                source = DeviceSource(mics[mic].device or None)
            listener = Listener(source, mic=mic, calibration_s=CALIBRATION_S)
            channels.append(MicChannel(listener, mic, label, not switch.files, CALIBRATION_S))
        return cls(channels)

    def actions(self, tick: int) -> list[Action]:
        """The talk actions for round tick ``tick`` (listening starts at the first call)."""
        if not self.started:
            self.started = True
            for channel in self.channels:
                channel.start(tick)
        out: list[Action] = []
        for channel in self.channels:
            out += channel.actions(tick)
        return out

    def states(self) -> list[tuple[int, str, str]]:
        """Each microphone's state as the round knows it: ``(mic, state, label)``."""
        return [(c.mic, c.state or "calibrating", c.label) for c in self.channels]

    def close(self) -> None:
        """Stop every listener."""
        for channel in self.channels:
            channel.stop()


def toggle_talk(app: Any) -> None:
    """Switch talk recording on or off for this session (the join screen's F7, settings);
    switching it on without the ``talk`` extra says how to install it."""
    switch = talk_switch(app)
    switch.on = not switch.on
    hint = install_hint() if switch.on and not switch.files else None
    if hint:
        app.notice = hint


def talk_button(app: Any) -> str:
    """The join screen's talk button."""
    return _("F7  Talk recording: ON") if talk_switch(app).on else _("F7  Talk recording: OFF")


def recorded_line(app: Any, recorded: str) -> str:
    """What the join screen says is recorded: ``recorded`` (the round's log), and with talk
    recording on, what the microphones record (in the language in force: ``recorded`` is
    looked up in the catalogue)."""
    if not talk_switch(app).on:
        return _(recorded)
    return _(recorded).replace(_("No sound or video."), _(TALK_SHORT))
