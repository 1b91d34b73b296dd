"""Deciding, ten times a second, whether this team is talking.

Every detector learns the room first: a calibration on its sound before the round (the team
quiet, the room as it is: fans, game sounds, the next team's conversation) measures how loud
the background gets. Then:

- ``"turn"`` (:mod:`kitchen.talk.turns`): finds a turn by the averaged speech-band loudness
  against the room's calibration, then keeps only the frames of it that are themselves loud
  and voiced (a voice's periodicity, :mod:`kitchen.talk.features`), with short pauses
  between them: sharp edges at 10 dB, clatter next to a turn left out; a small model
  (:mod:`kitchen.talk.model`) vetoes the frames that sound like the room's babble rather
  than one near voice. Verdicts 0.5 s late;
- ``"energy"``, the earlier energy detector: each frame's loudness in the speech band
  (250-3500 Hz), averaged over the frames around it (a triangular window of +-0.4 s), must
  pass the loudest the room was during calibration (its 99th percentile, same averaging) to
  start talk; talk goes on while the average stays above the room's 95th percentile; the
  frame with its two neighbours must be louder than the room mostly is (its 80th
  percentile); a pause of one or two frames between talk is talk. Verdicts 0.6 s late;
- ``"webrtc"``: WebRTC's voice activity detector (webrtcvad-wheels, aggressiveness 3) on
  20 ms chunks, the share of voiced chunks averaged the same way and gated against the
  calibration's share, and the energy gate at the calibration's 90th percentile.

``make_detector("auto")`` gives the one the corpus bench (bench/talk_detection.py) found
best: "turn" (docs/talk.md gives the figures). Input: 16 kHz mono signed 16-bit samples
(bytes), one 100 ms frame a call.
"""

from __future__ import annotations

from collections import deque
from typing import Any, NamedTuple, Protocol

from kitchen.talk.frames import FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE

AUTO_KIND = "turn"
"""The detector ``"auto"`` stands for: the better one on the corpus (docs/talk.md)."""

KINDS = ("auto", "turn", "energy", "webrtc")
"""The detector kinds :func:`make_detector` knows."""

_SUB = 320  # a 20 ms sub-frame at 16 kHz
_BAND_HZ = (250.0, 3500.0)
_WEIGHTS = (1.0, 2.0, 3.0, 4.0, 5.0, 4.0, 3.0, 2.0, 1.0)  # the frame in the middle
_AHEAD = len(_WEIGHTS) // 2  # frames the averaging looks ahead
_FILL = 2  # pauses of at most this many frames between talk are talk
_FLOOR_DB = -100.0


def loudness_db(np: Any, samples: bytes) -> float:
    """Loudness of 16-bit ``samples`` in dBFS (RMS against full scale), one decimal place;
    ``np`` is numpy (imported lazily by the detectors, as the talk extra provides it)."""
    x = np.frombuffer(samples[: len(samples) // 2 * 2], dtype="<i2").astype(np.float32)
    if not len(x):
        return _FLOOR_DB
    mean_square = float(np.mean((x / 32768.0) ** 2))
    if mean_square <= 0.0:
        return _FLOOR_DB
    return round(max(_FLOOR_DB, 10.0 * float(np.log10(mean_square))), 1)


class Verdict(NamedTuple):
    """A detector's answer for one frame: talk or not, and the frame's loudness in dBFS."""

    talk: bool
    level_db: float


class Detector(Protocol):
    """What the listener needs of a detector.

    Verdicts come ``delay`` frames late (the detector looks ahead): :meth:`frame` returns the
    verdict of the frame ``delay`` calls back, or None while it has not seen enough;
    :meth:`flush` returns the ones still held, at the end.
    """

    kind: str
    delay: int

    def calibrate(self, samples: bytes) -> None:
        """Learn the room's background from ``samples`` (whole frames; the team quiet)."""

    def frame(self, samples: bytes) -> Verdict | None:
        """Take one 100 ms frame; the verdict ``delay`` frames back, if there is one yet."""

    def flush(self) -> list[Verdict]:
        """The verdicts still held (the last ``delay`` frames), oldest first."""

    def level_db(self, samples: bytes) -> float:
        """Loudness of ``samples`` in dBFS, one decimal place (decides nothing)."""


def make_detector(kind: str = "auto") -> Detector:
    """A new detector of ``kind`` ("auto", "turn", "energy" or "webrtc"); ValueError for others.

    Needs numpy (and webrtcvad for "webrtc"): ImportError when the talk extra is missing.
    """
    if kind == "auto":
        kind = AUTO_KIND
    if kind == "turn":
        from kitchen.talk.turns import TurnDetector  # it builds on this module's Verdict

        return TurnDetector()
    if kind == "energy":
        return EnergyDetector()
    if kind == "webrtc":
        return WebrtcDetector()
    raise ValueError(f"unknown talk detector {kind!r}: choose one of {', '.join(KINDS)}")


class EnergyDetector:
    """The energy detector (see the module's docstring).

    ``percentile``: the calibration's loud end the averaged loudness must pass to start talk
    (plus ``margin_db``); ``stay_percentile``: the one it must stay above to go on;
    ``near_percentile``: the one the frame and its neighbours must pass.
    """

    kind = "energy"
    delay = _AHEAD + _FILL

    def __init__(
        self,
        percentile: float = 99.0,
        margin_db: float = 0.0,
        stay_percentile: float = 95.0,
        near_percentile: float = 80.0,
    ) -> None:
        import numpy as np

        self._np: Any = np
        self.percentile = percentile
        self.margin_db = margin_db
        self.stay_percentile = stay_percentile
        self.near_percentile = near_percentile
        self._window = np.hanning(_SUB).astype(np.float32)
        freqs = np.fft.rfftfreq(_SUB, 1.0 / SAMPLE_RATE)
        self._band = (freqs >= _BAND_HZ[0]) & (freqs <= _BAND_HZ[1])
        self._weights = np.asarray(_WEIGHTS) / sum(_WEIGHTS)
        self._features: deque[float] = deque(maxlen=len(_WEIGHTS))
        self._levels: deque[float] = deque()
        self._gate = -40.0  # before calibration: a quiet room's guess
        self._stay = 3.0  # how far below the gate talk, once started, may fall and go on
        self._near_gate = -50.0
        self._on = False
        self._pending: deque[Verdict] = deque()
        self._last_talk = False

    @property
    def gate(self) -> float:
        """The averaged speech-band loudness (dB) a frame must pass to be talk."""
        return self._gate

    def calibrate(self, samples: bytes) -> None:
        """Learn the gate from ``samples`` (whole frames; a partial last frame is ignored)."""
        np = self._np
        count = len(samples) // FRAME_BYTES
        if count == 0:
            return
        features = [
            self._feature(samples[i * FRAME_BYTES : (i + 1) * FRAME_BYTES]) for i in range(count)
        ]
        smoothed = self._smooth_all(features)
        self._gate = float(np.percentile(smoothed, self.percentile)) + self.margin_db
        self._stay = self._gate - float(np.percentile(smoothed, self.stay_percentile))
        near = np.convolve(np.pad(np.asarray(features), 1, mode="edge"), np.ones(3) / 3, "valid")
        self._near_gate = float(np.percentile(near, self.near_percentile))
        self._features.clear()
        self._features.extend(features[-_AHEAD:])  # the frames before the next one
        self._levels.clear()
        self._pending.clear()
        self._on = self._last_talk = False

    def frame(self, samples: bytes) -> Verdict | None:
        """Take one frame; see :class:`Detector`."""
        data = fit_frame(samples)
        self._levels.append(self.level_db(data))
        if not self._features:  # nothing before it: as if the room had been like this
            self._features.extend([self._feature(data)] * _AHEAD)
            self._features.append(self._features[-1])
        else:
            self._features.append(self._feature(data))
        if len(self._features) < len(_WEIGHTS):
            return None
        self._pending.append(self._decide())
        if len(self._pending) <= _FILL:
            return None
        return self._fill(list(self._pending)[1:])

    def flush(self) -> list[Verdict]:
        """The verdicts still held, deciding them with the last frame repeated after them."""
        while self._levels:
            self._pad()
            self._pending.append(self._decide())
        out: list[Verdict] = []
        while self._pending:
            out.append(self._fill(list(self._pending)[1:]))
        return out

    def _pad(self) -> None:
        """Past the last frame, the averaging sees it repeated."""
        if self._features:
            self._features.append(self._features[-1])

    def _fill(self, after: list[Verdict]) -> Verdict:
        """Hand on the oldest pending verdict: a short pause between talk is talk."""
        verdict = self._pending.popleft()
        if not verdict.talk and self._last_talk and any(v.talk for v in after[:_FILL]):
            verdict = Verdict(True, verdict.level_db)
        self._last_talk = verdict.talk
        return verdict

    def level_db(self, samples: bytes) -> float:
        """Loudness of ``samples`` in dBFS (RMS against full scale), one decimal place."""
        return loudness_db(self._np, samples)

    def _decide(self) -> Verdict:
        level = self._levels.popleft()
        value = self._smoothed()
        return Verdict(self._is_talk(value), level)

    def _is_talk(self, value: float) -> bool:
        self._on = value > self._gate or (self._on and value > self._gate - self._stay)
        return self._on and self._near() > self._near_gate

    def _near(self) -> float:
        """The loudness of the frame being decided and its two neighbours (mean of dB)."""
        values = list(self._features)
        middle = len(values) - 1 - _AHEAD
        near = values[max(0, middle - 1) : middle + 2]
        return sum(near) / len(near)

    def _smoothed(self) -> float:
        values = list(self._features)[-len(_WEIGHTS) :]
        values = [values[0]] * (len(_WEIGHTS) - len(values)) + values
        return float(self._np.dot(self._weights, values))

    def _smooth_all(self, features: list[float]) -> Any:
        np = self._np
        padded = np.pad(np.asarray(features), _AHEAD, mode="edge")
        return np.convolve(padded, self._weights[::-1], mode="valid")

    def _feature(self, samples: bytes) -> float:
        """The frame's speech-band loudness (dB)."""
        np = self._np
        x = np.frombuffer(fit_frame(samples), dtype="<i2").astype(np.float32) / 32768.0
        subs = x.reshape(-1, _SUB) * self._window
        power = np.abs(np.fft.rfft(subs, axis=1)) ** 2
        return float(10.0 * np.log10(power[:, self._band].sum() / x.size + 1e-12))


class WebrtcDetector(EnergyDetector):
    """WebRTC's voice detector, averaged and gated against the calibration (module docstring).

    ``mode``: webrtcvad's aggressiveness (0-3); ``percentile``: of the calibration's averaged
    voiced share; the energy gate is the calibration's 90th percentile.
    """

    kind = "webrtc"

    def __init__(self, mode: int = 3, percentile: float = 95.0) -> None:
        super().__init__(percentile=90.0)
        import webrtcvad

        self._vad = webrtcvad.Vad(mode)
        self.voice_percentile = percentile
        self._voiced: deque[float] = deque(maxlen=len(_WEIGHTS))
        self._voice_gate = 0.5

    def calibrate(self, samples: bytes) -> None:
        """Learn both gates from ``samples``."""
        super().calibrate(samples)
        np = self._np
        count = len(samples) // FRAME_BYTES
        if count == 0:
            return
        shares = [
            self._voiced_share(samples[i * FRAME_BYTES : (i + 1) * FRAME_BYTES])
            for i in range(count)
        ]
        self._voice_gate = float(np.percentile(self._smooth_all(shares), self.voice_percentile))
        self._voiced.clear()
        self._voiced.extend(shares[-_AHEAD:])

    def frame(self, samples: bytes) -> Verdict | None:
        """Take one frame; see :class:`Detector`."""
        share = self._voiced_share(fit_frame(samples))
        if not self._voiced:
            self._voiced.extend([share] * _AHEAD)
        self._voiced.append(share)
        return super().frame(samples)

    def _pad(self) -> None:
        """Past the last frame, both averages see it repeated."""
        if self._voiced:
            self._voiced.append(self._voiced[-1])
        super()._pad()

    def _is_talk(self, value: float) -> bool:
        values = list(self._voiced)
        values = [values[0]] * (len(_WEIGHTS) - len(values)) + values
        voiced = float(self._np.dot(self._weights, values))
        return value > self._gate and voiced > self._voice_gate

    def _voiced_share(self, samples: bytes) -> float:
        step = 2 * SAMPLE_RATE // 50  # 20 ms in bytes
        chunks = [samples[i : i + step] for i in range(0, FRAME_BYTES, step)]
        voiced = sum(bool(self._vad.is_speech(chunk, SAMPLE_RATE)) for chunk in chunks)
        return voiced / len(chunks)


def fit_frame(samples: bytes) -> bytes:
    """Exactly one frame of bytes: cut, or padded with silence."""
    if len(samples) >= FRAME_BYTES:
        return samples[:FRAME_BYTES]
    return samples + bytes(FRAME_BYTES - len(samples))


__all__ = [
    "FRAME_SAMPLES",
    "Detector",
    "EnergyDetector",
    "Verdict",
    "WebrtcDetector",
    "fit_frame",
    "make_detector",
]
