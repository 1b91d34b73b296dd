"""What the turn detector measures in each 100 ms frame: loudness in the speech band, voicing.

- **speech-band loudness** (dB): the power between 250 and 3500 Hz, from five 20 ms
  sub-frames (Hann window, FFT), as the energy detector measures it;
- **voicing** (0..1): how periodic the sound is at a voice's pitch. For each 20 ms sub-frame,
  the 40 ms ending with it (taken down to 8 kHz) is compared with itself shifted by 2.5 to
  16.7 ms (a fundamental of 60 to 400 Hz): the largest normalised autocorrelation over those
  shifts. Vowels of a voice give 0.8-0.95; noise, kitchen clatter and fan hiss 0.2-0.5. The
  frame's voicing is its most voiced sub-frame's.

For the babble veto (:mod:`kitchen.talk.model`) :meth:`FeatureMeter.measure_all` also gives
each 20 ms sub-frame's speech-band loudness and a 16-band spectrum (dB). Only such numbers
are kept (by the detector, for a second or so; the band spectra of the calibration until the
room is learned); the samples are not. Needs numpy (the ``talk`` extra).
"""

from __future__ import annotations

from typing import Any

from kitchen.talk.frames import FRAME_SAMPLES, SAMPLE_RATE

SUB = 320
"""Samples in a 20 ms sub-frame at 16 kHz."""

BAND_HZ = (250.0, 3500.0)
"""The speech band whose loudness is measured."""

BANDS = 16
"""Log-spaced bands of the speech band whose spectrum the babble veto compares with the room's."""

PITCH_HZ = (60.0, 400.0)
"""The fundamentals the voicing looks for."""

_DECIMATED = SAMPLE_RATE // 2  # voicing works at 8 kHz: pairs of samples averaged
_NFFT = 512  # >= 40 ms at 8 kHz (320) + the longest shift (134): no wrap-around


class FeatureMeter:
    """Measures frames one after another (the voicing of a frame's first sub-frame looks
    20 ms back, into the frame before)."""

    def __init__(self) -> None:
        import numpy as np

        self._np: Any = np
        self._window = np.hanning(SUB).astype(np.float32)
        freqs = np.fft.rfftfreq(SUB, 1.0 / SAMPLE_RATE)
        self._band = (freqs >= BAND_HZ[0]) & (freqs <= BAND_HZ[1])
        edges = np.geomspace(BAND_HZ[0], BAND_HZ[1], BANDS + 1)
        self._bands = np.stack(
            [(freqs >= lo) & (freqs < hi) for lo, hi in zip(edges[:-1], edges[1:], strict=True)],
            axis=1,
        ).astype(np.float32)
        self._lag_min = int(_DECIMATED / PITCH_HZ[1])
        self._lag_max = int(_DECIMATED / PITCH_HZ[0])
        self._half = SUB // 2  # a sub-frame at 8 kHz
        self._previous = np.zeros(self._half, dtype=np.float64)

    def reset(self) -> None:
        """Forget the previous frame (the next frame's first sub-frame looks back at silence)."""
        self._previous[:] = 0.0

    def measure(self, samples: bytes) -> tuple[float, float]:
        """(speech-band loudness in dB, voicing 0..1) of one frame of 16-bit samples."""
        loud, voiced, _envelope, _bands = self.measure_all(samples)
        return loud, voiced

    def measure_all(self, samples: bytes) -> tuple[float, float, Any, Any]:
        """(loudness, voicing, envelope, bands) of one frame: as :meth:`measure`, and each
        20 ms sub-frame's speech-band loudness (dB, five values) and its spectrum in
        ``BANDS`` log-spaced bands of the speech band (dB, five rows of ``BANDS``)."""
        np = self._np
        x = np.frombuffer(samples, dtype="<i2").astype(np.float32) / 32768.0
        subs = x[: FRAME_SAMPLES // SUB * SUB].reshape(-1, SUB)
        power = np.abs(np.fft.rfft(subs * self._window, axis=1)) ** 2
        in_band = power[:, self._band].sum(axis=1) / x.size
        band_db = float(10.0 * np.log10(in_band.sum() + 1e-12))
        envelope = 10.0 * np.log10(in_band + 1e-12)
        bands = 10.0 * np.log10(power @ self._bands + 1e-12)
        return band_db, self._voicing(subs), envelope, bands

    def _voicing(self, subs: Any) -> float:
        np = self._np
        low = subs.reshape(len(subs), -1, 2).mean(axis=2).astype(np.float64)  # 8 kHz
        before = np.vstack([self._previous[None, :], low[:-1]])
        self._previous = low[-1].copy()
        seg = np.hstack([before, low])  # 40 ms ending with each sub-frame
        seg -= seg.mean(axis=1, keepdims=True)
        size = seg.shape[1]
        spectrum = np.fft.rfft(seg, _NFFT, axis=1)
        corr = np.fft.irfft(np.abs(spectrum) ** 2, _NFFT, axis=1)[:, : self._lag_max + 1]
        head = np.concatenate([np.zeros((len(seg), 1)), np.cumsum(seg**2, axis=1)], axis=1)
        lags = np.arange(self._lag_max + 1)
        first = head[:, size - lags]  # energy of seg[:size - lag]
        second = head[:, -1:] - head[:, lags]  # energy of seg[lag:]
        nccf = corr / np.sqrt(first * second + 1e-12)
        return float(nccf[:, self._lag_min :].max())
