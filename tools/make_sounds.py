"""Synthesise the game's sound effects and music loop as WAV files, with the standard
library only (wave, struct, math, random).

Run from the repository root::

    python tools/make_sounds.py            # writes assets/sounds/*.wav
    python tools/make_sounds.py --out DIR  # somewhere else

The output is deterministic (fixed random seeds), so re-running it reproduces the
committed files byte for byte. The sounds are the project's own work (see
``assets/LICENSE.md``).
"""

from __future__ import annotations

import argparse
import math
import random
import struct
import wave
from collections.abc import Callable
from pathlib import Path

RATE = 22050
"""Samples per second (mono, 16-bit)."""

TAU = 2 * math.pi

Samples = list[float]


# --- building blocks -------------------------------------------------------------------


def silence(seconds: float) -> Samples:
    """``seconds`` of silence."""
    return [0.0] * int(seconds * RATE)


def envelope(n: int, attack: float, decay: float) -> list[float]:
    """A linear attack (seconds) then exponential decay (time constant, seconds)."""
    a = max(1, int(attack * RATE))
    out = []
    for i in range(n):
        if i < a:
            out.append(i / a)
        else:
            out.append(math.exp(-(i - a) / (decay * RATE)))
    return out


def sweep(f0: float, f1: float, seconds: float, shape: str = "sine") -> Samples:
    """A tone gliding from ``f0`` to ``f1`` Hz."""
    n = int(seconds * RATE)
    out, phase = [], 0.0
    for i in range(n):
        f = f0 + (f1 - f0) * i / max(1, n - 1)
        phase += TAU * f / RATE
        out.append(wave_at(phase, shape))
    return out


def wave_at(phase: float, shape: str) -> float:
    """One sample of a waveform at ``phase`` radians."""
    if shape == "sine":
        return math.sin(phase)
    p = (phase / TAU) % 1.0
    if shape == "triangle":
        return 4 * abs(p - 0.5) - 1
    if shape == "square":
        return 0.6 if p < 0.5 else -0.6
    if shape == "saw":
        return 2 * p - 1
    raise ValueError(shape)


def tone(freq: float, seconds: float, shape: str = "sine", partials: tuple = ()) -> Samples:
    """A steady tone with optional ``(ratio, gain)`` partials."""
    n = int(seconds * RATE)
    out = []
    for i in range(n):
        t = i / RATE
        v = wave_at(TAU * freq * t, shape)
        for ratio, gain in partials:
            v += gain * math.sin(TAU * freq * ratio * t)
        out.append(v)
    return out


def noise(seconds: float, rng: random.Random) -> Samples:
    """White noise."""
    return [rng.uniform(-1, 1) for _ in range(int(seconds * RATE))]


def highpass(samples: Samples, amount: float = 0.85) -> Samples:
    """A one-pole high-pass filter (brighter)."""
    out, prev_in, prev_out = [], 0.0, 0.0
    for x in samples:
        y = amount * (prev_out + x - prev_in)
        out.append(y)
        prev_in, prev_out = x, y
    return out


def lowpass(samples: Samples, amount: float = 0.2) -> Samples:
    """A one-pole low-pass filter (duller)."""
    out, y = [], 0.0
    for x in samples:
        y += amount * (x - y)
        out.append(y)
    return out


def shaped(samples: Samples, env: list[float], gain: float = 1.0) -> Samples:
    """Multiply by an envelope."""
    return [s * e * gain for s, e in zip(samples, env, strict=False)]


def mix(*parts: tuple[float, Samples]) -> Samples:
    """Add ``(start_seconds, samples)`` parts together."""
    length = max(int(start * RATE) + len(s) for start, s in parts)
    out = [0.0] * length
    for start, s in parts:
        offset = int(start * RATE)
        for i, v in enumerate(s):
            out[offset + i] += v
    return out


def normalise(samples: Samples, peak: float = 0.8) -> Samples:
    """Scale so the loudest sample is ``peak``."""
    top = max((abs(s) for s in samples), default=0.0)
    return [s * peak / top for s in samples] if top else samples


def fade_out(samples: Samples, seconds: float = 0.01) -> Samples:
    """A short fade at the end so nothing clicks."""
    n = min(len(samples), int(seconds * RATE))
    out = list(samples)
    for i in range(n):
        out[len(out) - n + i] *= 1 - i / n
    return out


# --- the sounds -------------------------------------------------------------------------


def pickup() -> Samples:
    """A quick rising blip."""
    s = sweep(520, 900, 0.11)
    return fade_out(normalise(shaped(s, envelope(len(s), 0.004, 0.04)), 0.7))


def putdown() -> Samples:
    """A soft falling blip with a little knock."""
    s = sweep(620, 360, 0.10, "triangle")
    knock = shaped(sweep(160, 90, 0.05), envelope(int(0.05 * RATE), 0.001, 0.012))
    return fade_out(normalise(mix((0, shaped(s, envelope(len(s), 0.003, 0.03))), (0, knock)), 0.6))


def chop() -> Samples:
    """A knife on a board: a click of noise and a woody knock."""
    rng = random.Random(1)
    n = noise(0.08, rng)
    click = shaped(highpass(n, 0.7), envelope(len(n), 0.0005, 0.008))
    knock = shaped(sweep(240, 140, 0.08), envelope(int(0.08 * RATE), 0.001, 0.02), 0.9)
    return fade_out(normalise(mix((0, click), (0, knock)), 0.75))


def sizzle() -> Samples:
    """Food hitting a hot pan: bright noise with crackles."""
    rng = random.Random(2)
    seconds = 0.9
    base = highpass(noise(seconds, rng), 0.9)
    n = len(base)
    env = [min(1.0, i / (0.05 * RATE)) * min(1.0, (n - i) / (0.35 * RATE)) for i in range(n)]
    crackle = [0.0] * n
    for _ in range(40):
        at = rng.randrange(n - 200)
        for j in range(120):
            crackle[at + j] += rng.uniform(-1, 1) * math.exp(-j / 25)
    s = [0.35 * b * e + 0.5 * c * e for b, c, e in zip(base, crackle, env, strict=False)]
    return fade_out(normalise(s, 0.55))


def _bell(freq: float, seconds: float) -> Samples:
    s = tone(freq, seconds, partials=((2.0, 0.35), (3.01, 0.15), (4.2, 0.08)))
    return shaped(s, envelope(len(s), 0.002, 0.18))


def serve() -> Samples:
    """A bright three-note chime: a dish went out."""
    s = mix((0.0, _bell(784, 0.6)), (0.07, _bell(1047, 0.6)), (0.14, _bell(1319, 0.7)))
    return fade_out(normalise(s, 0.75))


def expired() -> Samples:
    """A sad descending "womp womp": an order ran out of patience."""
    parts = []
    for i, f in enumerate((392, 330, 262)):
        s = lowpass(sweep(f, f * 0.97, 0.26, "square"), 0.25)
        parts.append((i * 0.2, shaped(s, envelope(len(s), 0.01, 0.12))))
    return fade_out(normalise(mix(*parts), 0.7))


def alarm() -> Samples:
    """Beep-beep: a pot is about to burn."""
    beep = tone(1046, 0.12, "triangle")
    beep = shaped(beep, [min(1, i / 60, (len(beep) - i) / 60) for i in range(len(beep))])
    return fade_out(normalise(mix((0, beep), (0.18, beep)), 0.75))


def wrong() -> Samples:
    """A low buzz: that dish matched no order."""
    s = lowpass(tone(140, 0.32, "saw"), 0.3)
    return fade_out(normalise(shaped(s, envelope(len(s), 0.005, 0.15)), 0.65))


def no() -> Samples:
    """A soft two-step "uh-uh": a pick-up that could do nothing there."""
    parts = []
    for i, f in enumerate((330, 262)):
        s = lowpass(tone(f, 0.09, "triangle", partials=((2.0, 0.25),)), 0.35)
        parts.append((i * 0.11, shaped(s, envelope(len(s), 0.004, 0.04))))
    return fade_out(normalise(mix(*parts), 0.55))


def burnt() -> Samples:
    """A puff and a falling groan: food burnt."""
    rng = random.Random(3)
    puff = lowpass(noise(0.5, rng), 0.15)
    puff = shaped(puff, envelope(len(puff), 0.02, 0.15))
    groan = lowpass(sweep(220, 90, 0.5, "saw"), 0.2)
    groan = shaped(groan, envelope(len(groan), 0.01, 0.2), 0.6)
    return fade_out(normalise(mix((0, puff), (0, groan)), 0.7))


def countdown() -> Samples:
    """One countdown beep."""
    s = tone(660, 0.18, partials=((2.0, 0.2),))
    return fade_out(normalise(shaped(s, envelope(len(s), 0.003, 0.07)), 0.7))


def go() -> Samples:
    """The "Go!" at the end of the countdown."""
    s = mix((0, tone(990, 0.45, partials=((1.5, 0.5), (2.0, 0.2)))))
    return fade_out(normalise(shaped(s, envelope(len(s), 0.003, 0.16)), 0.75))


def click() -> Samples:
    """A tiny tick for moving through menus."""
    s = tone(1500, 0.03)
    return fade_out(normalise(shaped(s, envelope(len(s), 0.001, 0.006)), 0.5))


def join() -> Samples:
    """Two rising notes: a player joined."""
    a = shaped(tone(660, 0.12, partials=((2.0, 0.3),)), envelope(int(0.12 * RATE), 0.003, 0.05))
    b = shaped(tone(990, 0.2, partials=((2.0, 0.3),)), envelope(int(0.2 * RATE), 0.003, 0.08))
    return fade_out(normalise(mix((0, a), (0.09, b)), 0.7))


# --- music ------------------------------------------------------------------------------

BPM = 112
BEAT = 60 / BPM
BARS = 8

_NOTES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def note(name: str) -> float:
    """Frequency of a note such as ``"A4"`` or ``"F#3"``."""
    letter, rest = name[0], name[1:]
    semis = _NOTES[letter]
    if rest.startswith("#"):
        semis, rest = semis + 1, rest[1:]
    octave = int(rest)
    return 440.0 * 2 ** ((semis + 12 * (octave + 1) - 69) / 12)


def music() -> Samples:
    """A light, loopable kitchen tune: bass, off-beat chords, marimba melody, soft drums."""
    rng = random.Random(4)
    length = int(BARS * 4 * BEAT * RATE)
    out = [0.0] * length

    def add(start_beats: float, samples: Samples, gain: float) -> None:
        offset = int(start_beats * BEAT * RATE)
        for i, v in enumerate(samples):
            out[(offset + i) % length] += v * gain  # wraps round: the loop is seamless

    chords = [
        ("C3", ("E4", "G4", "C5")),
        ("A2", ("E4", "A4", "C5")),
        ("F2", ("F4", "A4", "C5")),
        ("G2", ("D4", "G4", "B4")),
    ] * 2
    for bar, (root, chord) in enumerate(chords):
        b0 = bar * 4
        for beat in (0, 2, 2.5):
            s = tone(note(root), BEAT * 0.9, partials=((2.0, 0.4), (3.0, 0.1)))
            add(b0 + beat, shaped(s, envelope(len(s), 0.005, 0.18)), 0.32)
        for beat in (1, 3):
            stab = mix(*[(0, tone(note(n), BEAT * 0.45, "triangle")) for n in chord])
            add(b0 + beat, shaped(stab, envelope(len(stab), 0.004, 0.07)), 0.10)
        kick = shaped(sweep(130, 45, 0.18), envelope(int(0.18 * RATE), 0.001, 0.06))
        add(b0, kick, 0.5)
        add(b0 + 2, kick, 0.45)
        for eighth in range(8):
            hat = shaped(highpass(noise(0.05, rng), 0.6), envelope(int(0.05 * RATE), 0.0005, 0.01))
            add(b0 + eighth / 2, hat, 0.10 if eighth % 2 else 0.05)
    melody = [
        (0, "E5", 1),
        (1, "G5", 0.5),
        (1.5, "A5", 0.5),
        (2, "G5", 1),
        (3, "E5", 1),
        (4, "C5", 1),
        (5, "E5", 0.5),
        (5.5, "D5", 0.5),
        (6, "C5", 1.5),
        (7.5, "A4", 0.5),
        (8, "A4", 1),
        (9, "C5", 0.5),
        (9.5, "D5", 0.5),
        (10, "C5", 1),
        (11, "A4", 1),
        (12, "B4", 1),
        (13, "D5", 1),
        (14, "G5", 1.5),
        (15.5, "D5", 0.5),
        (16, "E5", 1),
        (17, "G5", 0.5),
        (17.5, "A5", 0.5),
        (18, "C6", 1),
        (19, "A5", 1),
        (20, "G5", 1),
        (21, "E5", 0.5),
        (21.5, "D5", 0.5),
        (22, "C5", 1.5),
        (23.5, "E5", 0.5),
        (24, "D5", 1),
        (25, "C5", 0.5),
        (25.5, "A4", 0.5),
        (26, "C5", 1),
        (27, "D5", 1),
        (28, "B4", 1),
        (29, "D5", 1),
        (30, "C5", 2),
    ]
    for beat, name, beats in melody:
        s = tone(note(name), beats * BEAT, partials=((4.0, 0.25), (10.0, 0.05)))
        add(beat, shaped(s, envelope(len(s), 0.002, 0.12 + 0.05 * beats)), 0.22)
    return normalise(out, 0.6)


SOUNDS: dict[str, Callable[[], Samples]] = {
    "pickup": pickup,
    "putdown": putdown,
    "chop": chop,
    "sizzle": sizzle,
    "serve": serve,
    "expired": expired,
    "alarm": alarm,
    "wrong": wrong,
    "no": no,
    "burnt": burnt,
    "countdown": countdown,
    "go": go,
    "click": click,
    "join": join,
    "music": music,
}
"""Every file written, by name (``<name>.wav``)."""


def write_wav(path: Path, samples: Samples) -> None:
    """Write mono 16-bit samples (-1..1) to ``path``."""
    frames = b"".join(
        struct.pack("<h", max(-32767, min(32767, int(round(s * 32767))))) for s in samples
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main() -> None:
    """Write every sound into the output folder."""
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=root / "assets" / "sounds")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        path = args.out / f"{name}.wav"
        write_wav(path, make())
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
