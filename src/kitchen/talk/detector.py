"""Deciding, ten times a second, whether this team is talking.

Two detectors share one idea: a calibration on the room's sound before the round (the team
quiet, the room as it is: fans, game sounds, the next team's conversation) learns how loud
the background gets in the speech band, and a frame is talk only when the speech band rises
clearly above that. They differ in how they tell speech from a loud noise:

- ``"energy"``: the adaptive energy detector: a frame is talk when enough of its 10 ms
  sub-frames are louder, in the speech band (300-3400 Hz), than the background's loud end;
  the background estimate follows the room slowly while nobody talks;
- ``"webrtc"``: the same gate, and WebRTC's voice activity detector (webrtcvad-wheels) must
  also hear voice in the frame.

``make_detector("auto")`` gives the one the corpus bench (bench/talk_detection.py) found
better; docs/talk.md gives the figures. Input: 16 kHz mono signed 16-bit samples (bytes).
"""

from __future__ import annotations

from collections import deque
from typing import Any, NamedTuple, Protocol

from kitchen.talk.frames import FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE

AUTO_KIND = "energy"
"""The detector ``"auto"`` stands for: the better one on the corpus (docs/talk.md)."""

KINDS = ("auto", "energy", "webrtc")
"""The detector kinds :func:`make_detector` knows."""

_SUB = 160  # a 10 ms sub-frame at 16 kHz
_SUBS = FRAME_SAMPLES // _SUB
_BAND_HZ = (300.0, 3400.0)
_FLOOR_DB = -100.0


class Verdict(NamedTuple):
    """A detector's answer for one frame: talk or not, and the frame's loudness in dBFS."""

    talk: bool
    level_db: float


class Detector(Protocol):
    """What the listener needs of a detector."""

    kind: str

    def calibrate(self, samples: bytes) -> None:
        """Learn the room's background from ``samples`` (the team quiet)."""

    def frame(self, samples: bytes) -> Verdict:
        """Decide one 100 ms frame (``FRAME_SAMPLES`` samples; shorter is padded)."""


def make_detector(kind: str = "auto") -> Detector:
    """A new detector of ``kind`` ("auto", "energy" or "webrtc"); ValueError for others.

    Needs numpy (and webrtcvad for "webrtc"): ImportError when the talk extra is missing.
    """
    if kind == "auto":
        kind = AUTO_KIND
    if kind == "energy":
        return EnergyDetector()
    if kind == "webrtc":
        return WebrtcDetector()
    raise ValueError(f"unknown talk detector {kind!r}: choose one of {', '.join(KINDS)}")


class EnergyDetector:
    """The adaptive energy detector (see the module's docstring).

    ``margin_db``: how far above the background's loud end (its ``percentile``) a 10 ms
    sub-frame must be to count as loud; ``min_loud``: loud sub-frames a frame needs;
    ``hangover``: frames that stay talk after the last loud one (the gaps between words);
    ``adapt_s``: seconds of background the running estimate is taken over.
    """

    kind = "energy"

    def __init__(
        self,
        margin_db: float = 4.0,
        percentile: float = 95.0,
        min_loud: int = 2,
        hangover: int = 2,
        adapt_s: float = 30.0,
    ) -> None:
        import numpy as np

        self._np: Any = np
        self.margin_db = margin_db
        self.percentile = percentile
        self.min_loud = min_loud
        self.hangover = hangover
        self._window = np.hanning(_SUB).astype(np.float32)
        freqs = np.fft.rfftfreq(_SUB, 1.0 / SAMPLE_RATE)
        self._band = (freqs >= _BAND_HZ[0]) & (freqs <= _BAND_HZ[1])
        self._calibrated_loud: float | None = None
        self._background: deque[float] = deque(maxlen=int(adapt_s * 10))
        self._since_update = 0
        self._gate = -45.0  # before calibration: a quiet room's guess
        self._hang = 0

    @property
    def gate_db(self) -> float:
        """The speech-band level (dB) a sub-frame must pass to count as loud."""
        return self._gate

    def calibrate(self, samples: bytes) -> None:
        """Learn the background's loud end from ``samples`` (whole frames; the rest ignored)."""
        np = self._np
        frames = len(samples) // FRAME_BYTES
        if frames == 0:
            return
        x = np.frombuffer(samples[: frames * FRAME_BYTES], dtype="<i2")
        sub_db = self._sub_db(x)
        loud = float(np.percentile(sub_db, self.percentile))
        self._calibrated_loud = loud
        self._gate = loud + self.margin_db
        self._background.clear()
        for row in sub_db.reshape(frames, _SUBS):
            self._background.append(float(np.percentile(row, self.percentile)))
        self._hang = 0

    def frame(self, samples: bytes) -> Verdict:
        """Decide one frame; see the class docstring."""
        np = self._np
        x = np.frombuffer(_fit(samples), dtype="<i2")
        level = _level_db(np, x)
        sub_db = self._sub_db(x)
        loud = int(np.count_nonzero(sub_db > self._gate))
        talk = self._decide(loud >= self.min_loud)
        if not talk:
            self._adapt(float(np.percentile(sub_db, self.percentile)))
        return Verdict(talk, level)

    def _decide(self, raw: bool) -> bool:
        if raw:
            self._hang = self.hangover
            return True
        if self._hang > 0:
            self._hang -= 1
            return True
        return False

    def _adapt(self, frame_loud: float) -> None:
        """Follow the background slowly; never below the calibration's by more than 6 dB."""
        if self._calibrated_loud is None:
            return
        self._background.append(frame_loud)
        self._since_update += 1
        if self._since_update < 10:
            return
        self._since_update = 0
        np = self._np
        loud = float(np.percentile(np.fromiter(self._background, dtype=float), 80.0))
        loud = max(loud, self._calibrated_loud - 6.0)
        self._gate = loud + self.margin_db

    def _sub_db(self, x: Any) -> Any:
        """Speech-band energy (dB) of each 10 ms sub-frame of ``x``."""
        np = self._np
        subs = x[: len(x) // _SUB * _SUB].astype(np.float32).reshape(-1, _SUB) / 32768.0
        power = np.abs(np.fft.rfft(subs * self._window, axis=1)) ** 2
        band = power[:, self._band].sum(axis=1) / _SUB
        return 10.0 * np.log10(band + 1e-10)


class WebrtcDetector(EnergyDetector):
    """The energy gate, and WebRTC's voice activity detector must also hear voice.

    ``mode``: webrtcvad's aggressiveness (0-3); ``min_voiced``: 20 ms chunks of the frame
    (of five) it must call voice; the gate's ``min_loud`` is one sub-frame here.
    """

    kind = "webrtc"

    def __init__(
        self, mode: int = 2, min_voiced: int = 2, margin_db: float = 3.0, min_loud: int = 1
    ) -> None:
        super().__init__(margin_db=margin_db, min_loud=min_loud)
        import webrtcvad

        self._vad = webrtcvad.Vad(mode)
        self.min_voiced = min_voiced

    def frame(self, samples: bytes) -> Verdict:
        """Decide one frame; see the class docstring."""
        np = self._np
        data = _fit(samples)
        x = np.frombuffer(data, dtype="<i2")
        level = _level_db(np, x)
        sub_db = self._sub_db(x)
        loud = int(np.count_nonzero(sub_db > self._gate)) >= self.min_loud
        voiced = 0
        if loud:
            step = 2 * SAMPLE_RATE // 50  # 20 ms in bytes
            for start in range(0, FRAME_BYTES, step):
                voiced += bool(self._vad.is_speech(data[start : start + step], SAMPLE_RATE))
        talk = self._decide(loud and voiced >= self.min_voiced)
        if not talk:
            self._adapt(float(np.percentile(sub_db, self.percentile)))
        return Verdict(talk, level)


def _fit(samples: bytes) -> bytes:
    """Exactly one frame of bytes: cut, or padded with silence."""
    if len(samples) >= FRAME_BYTES:
        return samples[:FRAME_BYTES]
    return samples + bytes(FRAME_BYTES - len(samples))


def _level_db(np: Any, x: Any) -> float:
    """Loudness of ``x`` in dBFS (root mean square against full scale), one decimal place."""
    mean_square = float(np.mean((x.astype(np.float32) / 32768.0) ** 2)) if len(x) else 0.0
    if mean_square <= 0.0:
        return _FLOOR_DB
    return round(max(_FLOOR_DB, 10.0 * _log10(mean_square)), 1)


def _log10(value: float) -> float:
    import math

    return math.log10(value)
