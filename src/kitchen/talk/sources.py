"""Where samples come from: a WAV file or a microphone, as 100 ms frames of 16 kHz mono.

A source is opened, read a frame at a time and closed by the :class:`~kitchen.talk.listener.
Listener`'s thread. Every failure is a :class:`SourceError` with a one-line ``detail`` ("no
microphone", "microphone lost", ...), which the listener turns into its status; nothing here
writes a file.

The microphone is read through ``sounddevice`` (PortAudio), imported only when a
:class:`DeviceSource` opens: pygame-ce's audio capture lives only in its private
``pygame._sdl2`` module, which the project does not use (docs/talk.md).
"""

from __future__ import annotations

import time
import wave
from pathlib import Path
from typing import Any, Protocol

from kitchen.talk.frames import FRAME_BYTES, FRAME_S, FRAME_SAMPLES, SAMPLE_RATE


class SourceError(Exception):
    """A source could not open or stopped giving sound; ``detail`` says why in one line."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Source(Protocol):
    """What the listener reads: frames of ``FRAME_BYTES`` bytes (16 kHz mono int16 LE)."""

    label: str

    def open(self) -> None:
        """Start giving sound; SourceError when it cannot."""

    def read(self) -> bytes | None:
        """The next frame, or None at the end (a file's); SourceError when sound stops."""

    def close(self) -> None:
        """Stop and let go of the file or device (safe to call twice)."""


class FileSource:
    """A WAV file (PCM 8/16-bit, any rate, mono or stereo) read as if it were a microphone.

    ``realtime``: pace the frames to the clock (for demos); else as fast as they are read.
    ``loop``: start again at the end instead of ending.
    """

    def __init__(self, path: str | Path, realtime: bool = False, loop: bool = False) -> None:
        self.path = Path(path)
        self.label = self.path.name
        self.realtime = realtime
        self.loop = loop
        self._wav: wave.Wave_read | None = None
        self._started = 0.0
        self._frames = 0

    def open(self) -> None:
        """Open the file; SourceError when it is missing or not a PCM WAV file."""
        try:
            wav = wave.open(str(self.path), "rb")  # noqa: SIM115 (kept open across reads)
        except (OSError, EOFError, wave.Error) as error:
            raise SourceError(f"cannot read {self.path.name}: {error}") from None
        if wav.getsampwidth() not in (1, 2) or wav.getnchannels() not in (1, 2):
            wav.close()
            raise SourceError(f"{self.path.name}: not 8/16-bit mono or stereo PCM")
        self._wav = wav
        self._started = time.monotonic()
        self._frames = 0

    def read(self) -> bytes | None:
        """The next 100 ms of the file at 16 kHz mono, or None at its end."""
        wav = self._wav
        if wav is None:
            raise SourceError("file not open")
        rate = wav.getframerate()
        wanted = round(rate * FRAME_S)
        try:
            data = wav.readframes(wanted)
            if not data and self.loop:
                wav.rewind()
                data = wav.readframes(wanted)
        except (OSError, EOFError, wave.Error) as error:
            raise SourceError(f"{self.path.name}: {error}") from None
        if not data:
            return None
        frame = to_frame(data, wav.getsampwidth(), wav.getnchannels(), rate)
        if self.realtime:
            self._frames += 1
            delay = self._started + self._frames * FRAME_S - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        return frame

    def close(self) -> None:
        """Close the file."""
        if self._wav is not None:
            self._wav.close()
            self._wav = None


class DeviceSource:
    """A microphone (``device``: a name or number from :func:`list_devices`; None: default)."""

    def __init__(self, device: str | int | None = None) -> None:
        self.device = device
        self.label = str(device) if device is not None else "default microphone"
        self._stream: Any = None
        self._rate = SAMPLE_RATE

    def open(self) -> None:
        """Open the device at 16 kHz, else at its own rate (converted); SourceError if neither."""
        sd = _sounddevice()
        try:
            info = sd.query_devices(self.device, "input")
        except Exception:  # PortAudioError, ValueError: no such device, none at all
            raise SourceError("no microphone") from None
        if not info or int(info.get("max_input_channels", 0)) < 1:
            raise SourceError("no microphone")
        self.label = str(info.get("name", self.label))
        rates = [SAMPLE_RATE, int(info.get("default_samplerate") or SAMPLE_RATE)]
        for rate in dict.fromkeys(rates):
            try:
                stream = sd.RawInputStream(
                    samplerate=rate,
                    channels=1,
                    dtype="int16",
                    blocksize=round(rate * FRAME_S),
                    device=self.device,
                )
                stream.start()
            except Exception:  # the device refuses this format: try the next
                continue
            self._stream, self._rate = stream, rate
            return
        raise SourceError("microphone refuses the sound format")

    def read(self) -> bytes | None:
        """The next 100 ms from the microphone; SourceError("microphone lost") if it fails."""
        if self._stream is None:
            raise SourceError("microphone not open")
        try:
            data, _overflowed = self._stream.read(round(self._rate * FRAME_S))
        except Exception:  # unplugged, driver error: the round goes on without it
            raise SourceError("microphone lost") from None
        return to_frame(bytes(data), 2, 1, self._rate)

    def close(self) -> None:
        """Stop and close the stream (errors while closing a lost device are ignored)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception:  # closing a lost device may fail too; it is gone either way
                pass


def list_devices() -> list[str]:
    """Names of the sound input devices, [] when there are none or sounddevice is missing."""
    try:
        sd = _sounddevice()
        devices = sd.query_devices()
    except Exception:  # SourceError, PortAudioError: no devices to offer
        return []
    return [str(d["name"]) for d in devices if int(d.get("max_input_channels", 0)) > 0]


def _sounddevice() -> Any:
    try:
        import sounddevice
    except ImportError:
        raise SourceError("talk extra not installed (sounddevice)") from None
    except OSError:  # the PortAudio library itself is missing
        raise SourceError("no microphone (PortAudio library missing)") from None
    return sounddevice


def to_frame(data: bytes, width: int, channels: int, rate: int) -> bytes:
    """``data`` (PCM of ``width`` bytes, ``channels``, ``rate``) as one 16 kHz mono int16 frame.

    The common case (16 kHz mono 16-bit) is passed through; others need numpy.
    """
    if width == 2 and channels == 1 and rate == SAMPLE_RATE:
        return data
    import numpy as np

    if width == 1:
        x = (np.frombuffer(data, dtype=np.uint8).astype(np.float32) - 128.0) * 256.0
    else:
        x = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.float32)
    if channels > 1:
        x = x[: len(x) // channels * channels].reshape(-1, channels).mean(axis=1)
    if rate != SAMPLE_RATE and len(x):
        count = max(1, round(len(x) * SAMPLE_RATE / rate))
        positions = np.arange(count) * (rate / SAMPLE_RATE)
        x = np.interp(positions, np.arange(len(x)), x)
    out = np.clip(np.round(x), -32768, 32767).astype("<i2").tobytes()
    return out[:FRAME_BYTES] if len(out) > FRAME_BYTES else out


__all__ = [
    "FRAME_SAMPLES",
    "DeviceSource",
    "FileSource",
    "Source",
    "SourceError",
    "list_devices",
    "to_frame",
]
