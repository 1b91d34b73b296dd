"""One 100 ms frame of talk activity: what the listener hands on, and all it keeps."""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_RATE = 16_000
"""Samples per second the detectors take (mono, signed 16-bit); sources convert to it."""

FRAME_S = 0.1
"""Seconds in one frame: talk is decided ten times a second."""

FRAME_SAMPLES = int(SAMPLE_RATE * FRAME_S)
"""Samples in one frame (1600)."""

FRAME_BYTES = FRAME_SAMPLES * 2
"""Bytes in one frame of signed 16-bit little-endian samples."""


@dataclass(frozen=True)
class TalkFrame:
    """One frame's verdict from microphone ``mic``.

    ``index`` counts 100 ms frames since listening began (0, 1, 2, ...), calibration frames
    included; ``talk`` says whether this team was heard talking; ``level_db`` is the frame's
    loudness in dBFS (0 is a full-scale square wave), rounded to one decimal place.
    """

    mic: int
    index: int
    talk: bool
    level_db: float
