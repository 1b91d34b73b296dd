"""Deciding, ten times a second, whether this team is talking.

Both detectors learn the room first: a calibration on its sound before the round (the team
quiet, the room as it is: fans, game sounds, the next team's conversation) measures how loud
the background gets. Then:

- ``"energy"``, the adaptive energy detector: each frame's loudness in the speech band
  (250-3500 Hz), averaged over the frames around it (a triangular window of +-0.4 s, so
  the verdict comes 0.4 s late), must pass the loudest the room was during calibration
  (its 99th percentile, same averaging), and the frame itself (with its two neighbours)
  must be louder than the room usually is (the calibration's 70th percentile), which trims
  the averaging's spill past the end of a turn. While nobody talks, the gate follows the room
  slowly (within -1 dB and +6 dB of the calibrated one: the quiet frames it sees are the
  room's quieter ones, so it leans low);
- ``"webrtc"``: WebRTC's voice activity detector (webrtcvad-wheels, aggressiveness 3) on
  20 ms chunks, the share of voiced chunks averaged the same way and gated against the
  calibration's share, and the energy gate at the calibration's 90th percentile.

``make_detector("auto")`` gives the one the corpus bench (bench/talk_detection.py) found
better: "energy" (the voice detector calls the room's babble voice too; docs/talk.md gives
the figures). Input: 16 kHz mono signed 16-bit samples (bytes), one 100 ms frame a call.
"""

from __future__ import annotations

from collections import deque
from typing import Any, NamedTuple, Protocol

from kitchen.talk.frames import FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE

AUTO_KIND = "energy"
"""The detector ``"auto"`` stands for: the better one on the corpus (docs/talk.md)."""

KINDS = ("auto", "energy", "webrtc")
"""The detector kinds :func:`make_detector` knows."""

_SUB = 320  # a 20 ms sub-frame at 16 kHz
_BAND_HZ = (250.0, 3500.0)
_WEIGHTS = (1.0, 2.0, 3.0, 4.0, 5.0, 4.0, 3.0, 2.0, 1.0)  # the frame in the middle
_DELAY = len(_WEIGHTS) // 2
_FLOOR_DB = -100.0


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

    ``percentile``: the calibration's loud end the averaged loudness must pass;
    ``margin_db``: added to it; ``adapt_s``: seconds of quiet the gate follows the room over.
    """

    kind = "energy"
    delay = _DELAY

    def __init__(
        self,
        percentile: float = 99.0,
        margin_db: float = 0.0,
        near_percentile: float = 70.0,
        adapt_s: float = 30.0,
    ) -> None:
        import numpy as np

        self._np: Any = np
        self.percentile = percentile
        self.margin_db = margin_db
        self.near_percentile = near_percentile
        self._window = np.hanning(_SUB).astype(np.float32)
        freqs = np.fft.rfftfreq(_SUB, 1.0 / SAMPLE_RATE)
        self._band = (freqs >= _BAND_HZ[0]) & (freqs <= _BAND_HZ[1])
        self._weights = np.asarray(_WEIGHTS) / sum(_WEIGHTS)
        self._features: deque[float] = deque(maxlen=len(_WEIGHTS))
        self._levels: deque[float] = deque()
        self._gate = -40.0  # before calibration: a quiet room's guess
        self._near_gate = -50.0
        self._calibrated: float | None = None
        self._offset = 0.0
        self._quiet: deque[float] = deque(maxlen=max(1, int(adapt_s * 10)))
        self._since_adapt = 0

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
        self._calibrated = float(np.percentile(smoothed, self.percentile)) + self.margin_db
        self._offset = self._calibrated - float(np.percentile(smoothed, 90.0))
        self._gate = self._calibrated
        near = np.convolve(np.pad(np.asarray(features), 1, mode="edge"), np.ones(3) / 3, "valid")
        self._near_gate = float(np.percentile(near, self.near_percentile))
        self._quiet.clear()
        self._features.clear()
        self._features.extend(features[-_DELAY:])  # the frames before the next one
        self._levels.clear()

    def frame(self, samples: bytes) -> Verdict | None:
        """Take one frame; see :class:`Detector`."""
        data = _fit(samples)
        self._levels.append(self.level_db(data))
        if not self._features:  # nothing before it: as if the room had been like this
            self._features.extend([self._feature(data)] * _DELAY)
            self._features.append(self._features[-1])
        else:
            self._features.append(self._feature(data))
        if len(self._features) < len(_WEIGHTS):
            return None
        return self._decide()

    def flush(self) -> list[Verdict]:
        """The verdicts still held, deciding them with the last frame repeated after them."""
        out: list[Verdict] = []
        while self._levels:
            if self._features:
                self._features.append(self._features[-1])
            out.append(self._decide())
        return out

    def level_db(self, samples: bytes) -> float:
        """Loudness of ``samples`` in dBFS (RMS against full scale), one decimal place."""
        np = self._np
        x = np.frombuffer(samples[: len(samples) // 2 * 2], dtype="<i2").astype(np.float32)
        if not len(x):
            return _FLOOR_DB
        mean_square = float(np.mean((x / 32768.0) ** 2))
        if mean_square <= 0.0:
            return _FLOOR_DB
        return round(max(_FLOOR_DB, 10.0 * float(np.log10(mean_square))), 1)

    def _decide(self) -> Verdict:
        level = self._levels.popleft()
        value = self._smoothed()
        talk = self._is_talk(value)
        if not talk:
            self._adapt(value)
        return Verdict(talk, level)

    def _is_talk(self, value: float) -> bool:
        return value > self._gate and self._near() > self._near_gate

    def _near(self) -> float:
        """The loudness of the frame being decided and its two neighbours (mean of dB)."""
        values = list(self._features)
        middle = len(values) - 1 - _DELAY
        near = values[max(0, middle - 1) : middle + 2]
        return sum(near) / len(near)

    def _smoothed(self) -> float:
        values = list(self._features)[-len(_WEIGHTS) :]
        values = [values[0]] * (len(_WEIGHTS) - len(values)) + values
        return float(self._np.dot(self._weights, values))

    def _smooth_all(self, features: list[float]) -> Any:
        np = self._np
        padded = np.pad(np.asarray(features), _DELAY, mode="edge")
        return np.convolve(padded, self._weights[::-1], mode="valid")

    def _adapt(self, value: float) -> None:
        """Follow the room while nobody talks, within -1 dB and +6 dB of the calibration."""
        if self._calibrated is None:
            return
        self._quiet.append(value)
        self._since_adapt += 1
        if self._since_adapt < 10 or len(self._quiet) < 50:
            return
        self._since_adapt = 0
        loud = float(self._np.percentile(self._np.fromiter(self._quiet, dtype=float), 90.0))
        self._gate = min(max(loud + self._offset, self._calibrated - 1.0), self._calibrated + 6.0)

    def _feature(self, samples: bytes) -> float:
        """The frame's speech-band loudness (dB)."""
        np = self._np
        x = np.frombuffer(_fit(samples), dtype="<i2").astype(np.float32) / 32768.0
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
        self._voiced.extend(shares[-_DELAY:])

    def frame(self, samples: bytes) -> Verdict | None:
        """Take one frame; see :class:`Detector`."""
        share = self._voiced_share(_fit(samples))
        if not self._voiced:
            self._voiced.extend([share] * _DELAY)
        self._voiced.append(share)
        return super().frame(samples)

    def flush(self) -> list[Verdict]:
        """The verdicts still held."""
        out: list[Verdict] = []
        while self._levels:
            if self._voiced:
                self._voiced.append(self._voiced[-1])
            if self._features:
                self._features.append(self._features[-1])
            out.append(self._decide())
        return out

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


def _fit(samples: bytes) -> bytes:
    """Exactly one frame of bytes: cut, or padded with silence."""
    if len(samples) >= FRAME_BYTES:
        return samples[:FRAME_BYTES]
    return samples + bytes(FRAME_BYTES - len(samples))


__all__ = ["FRAME_SAMPLES", "Detector", "EnergyDetector", "Verdict", "WebrtcDetector"]
