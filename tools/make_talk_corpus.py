"""Make the talk-detection corpus: tests/talk_corpus/*.wav and their true speech segments.

Each file is 8 kHz mono 16-bit, CORPUS_S seconds long: the first CALIBRATION_S seconds are the
room alone (the team quiet: what the listener calibrates on), the rest has this team talking
(turns of one to four seconds, pauses between) over the room's noise at a known
signal-to-noise ratio, or only the next team across the room.

- speech: espeak-ng, several voices and variants, kitchen call-outs;
- "babble": six other voices talking at once, all the time (the other tables);
- "kitchen": pink noise, a mains hum, clatter (short decaying bursts) and game beeps;
- levels: this team's speech at NEAR_DBFS (active speech level: the RMS of its 10 ms windows
  with sound), the noise's RMS at NEAR_DBFS - SNR; the far team's speech at NEAR_DBFS - 12 dB.

The truth (``<name>.json`` beside each WAV) comes from the clean speech track before mixing:
its 10 ms windows with sound, gaps under MERGE_GAP_S closed (the pauses inside an utterance).
Deterministic for one espeak-ng and sox version (seeded noise and schedule, sox -R). Needs
espeak-ng and sox (``apt-get install espeak-ng sox``) and numpy (the ``talk`` extra); the
tests do not.

    python tools/make_talk_corpus.py [--out tests/talk_corpus] [--seed N]

``--seed N`` (0: the committed corpus) shifts every file's seed: other draws of the same
recipe, for checking the detector on corpora it was not tuned on (docs/talk.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path
from typing import Any

import numpy as np

RATE = 8000
CORPUS_S = 28.0
CALIBRATION_S = 10.0
NEAR_DBFS = -26.0
FAR_DB = -12.0
MERGE_GAP_S = 0.3
ROOT = Path(__file__).resolve().parent.parent

NEAR_VOICES = ["en-gb+m3", "en-us+f2", "en-gb-scotland+f4"]
FAR_VOICES = ["en-gb-x-rp+m1", "en-us+f3"]
BABBLE_VOICES = ["en+m2", "en-us+f1", "en-gb+m5", "en-029+f5", "en-gb-x-gbclan+m4", "en+f3"]
LINES = [
    "Two onions on the board, who is chopping?",
    "I need a plate at the pass, please.",
    "Soup's ready, taking it now.",
    "Watch out, the pan is burning!",
    "Can you grab the tomatoes for me?",
    "Behind you, hot tray coming through.",
    "The power's gone, what do we do?",
    "Order three is nearly out of time.",
    "I'll wash, you serve.",
    "Allergy on the next ticket, no nuts.",
    "Thanks, got it.",
    "Who's on the grill right now?",
    "We need more lettuce at the counter.",
    "Stop, the fire is out, back to work.",
    "Okay, next order, salad and soup.",
    "Move left, I can't get past you.",
]

# name: (kind, snr_db or None, noise mix: share of babble in the noise's power, seed)
FILES: dict[str, tuple[str, float | None, float, int]] = {
    "talk_10db_kitchen": ("near", 10.0, 0.25, 11),
    "talk_10db_babble": ("near", 10.0, 0.8, 12),
    "talk_0db_kitchen": ("near", 0.0, 0.25, 13),
    "talk_0db_babble": ("near", 0.0, 0.8, 14),
    "far_team_quiet": ("far", 24.0, 0.25, 15),
    "far_team_noisy": ("far", 10.0, 0.5, 16),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "talk_corpus")
    parser.add_argument(
        "--seed", type=int, default=0, help="shift every file's seed (0: as committed)"
    )
    args = parser.parse_args(argv)
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            print(f"error: {tool} is needed: apt-get install espeak-ng sox", file=sys.stderr)
            return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        speech = _Speech(Path(tmp))
        for name, (kind, snr, babble_share, seed) in FILES.items():
            truth = _make(args.out, name, kind, snr, babble_share, seed + 1000 * args.seed, speech)
            print(f"{name}: {len(truth['speech'])} segments")
    return 0


class _Speech:
    """espeak-ng utterances at RATE, cached by (voice, line)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.cache: dict[tuple[str, str], Any] = {}

    def say(self, voice: str, line: str, speed: int = 165) -> Any:
        key = (voice, line)
        if key not in self.cache:
            raw, out = self.tmp / "raw.wav", self.tmp / "out.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), line], check=True
            )
            subprocess.run(
                ["sox", "-R", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)],
                check=True,
            )
            with wave.open(str(out), "rb") as wav:
                data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
            self.cache[key] = data.astype(np.float64) / 32768.0
        return self.cache[key]


def _make(
    out: Path,
    name: str,
    kind: str,
    snr: float | None,
    babble_share: float,
    seed: int,
    speech: _Speech,
) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    n = int(CORPUS_S * RATE)
    babble = _babble(n, rng, speech)
    kitchen = _kitchen(n, rng)
    noise = np.sqrt(babble_share) * _unit(babble) + np.sqrt(1 - babble_share) * _unit(kitchen)
    noise_rms = _db_to_amp(NEAR_DBFS - (snr or 0.0))
    mix = _unit(noise) * noise_rms
    near_segments: list[list[float]] = []
    far_segments: list[list[float]] = []
    if kind == "near":
        track = _conversation(n, rng, speech, NEAR_VOICES, CALIBRATION_S, (1.0, 3.0))
        mix += _unit(track, active=True) * _db_to_amp(NEAR_DBFS)
        near_segments = _segments(track)
    else:
        track = _conversation(n, rng, speech, FAR_VOICES, 0.3, (0.3, 1.2))
        mix += _unit(track, active=True) * _db_to_amp(NEAR_DBFS + FAR_DB)
        far_segments = _segments(track)
    peak = float(np.max(np.abs(mix)))
    if peak >= 1.0:
        mix *= 0.99 / peak
    pcm = np.clip(np.round(mix * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(out / f"{name}.wav"), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(pcm.tobytes())
    truth: dict[str, Any] = {
        "file": f"{name}.wav",
        "rate": RATE,
        "duration_s": CORPUS_S,
        "calibration_s": CALIBRATION_S,
        "kind": kind,
        "snr_db": snr if kind == "near" else None,
        "noise_dbfs": round(NEAR_DBFS - (snr or 0.0), 1),
        "babble_share": babble_share,
        "near_speech_dbfs": NEAR_DBFS if kind == "near" else None,
        "far_speech_dbfs": NEAR_DBFS + FAR_DB if kind == "far" else None,
        "speech": near_segments,
        "far_speech": far_segments,
    }
    (out / f"{name}.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def _conversation(
    n: int,
    rng: Any,
    speech: _Speech,
    voices: list[str],
    start_s: float,
    pause_s: tuple[float, float],
) -> Any:
    """Turns from ``voices`` in turn, from ``start_s`` to the end, pauses drawn in ``pause_s``."""
    track = np.zeros(n)
    at = int(start_s * RATE)
    turn = 0
    while True:
        voice = voices[turn % len(voices)]
        clip = speech.say(voice, LINES[int(rng.integers(len(LINES)))])
        if at + len(clip) > n - int(0.3 * RATE):
            break
        track[at : at + len(clip)] += clip
        at += len(clip) + int(rng.uniform(*pause_s) * RATE)
        turn += 1
    return track


def _babble(n: int, rng: Any, speech: _Speech) -> Any:
    """Six voices talking all the time, each from a random start, with short pauses."""
    total = np.zeros(n)
    for voice in BABBLE_VOICES:
        track = np.zeros(n + RATE * 8)
        at = -int(rng.uniform(0, 3) * RATE)
        while at < n:
            clip = speech.say(voice, LINES[int(rng.integers(len(LINES)))], speed=175)
            lo = max(at, 0)
            if at + len(clip) > lo:
                track[lo : at + len(clip)] += clip[lo - at :]
            at += len(clip) + int(rng.uniform(0.1, 0.6) * RATE)
        total += _unit(track[:n])
    return total


def _kitchen(n: int, rng: Any) -> Any:
    """Pink noise, a 100 Hz hum with harmonics, clatter bursts and game beeps."""
    white = rng.standard_normal(n)
    spectrum = np.fft.rfft(white)
    freqs = np.fft.rfftfreq(n, 1.0 / RATE)
    spectrum[1:] /= np.sqrt(freqs[1:])
    spectrum[0] = 0
    pink = _unit(np.fft.irfft(spectrum, n))
    t = np.arange(n) / RATE
    hum = sum(np.sin(2 * np.pi * 100 * k * t) / k for k in (1, 2, 3))
    clatter = np.zeros(n)
    for _ in range(int(CORPUS_S * 1.5)):
        at = int(rng.uniform(0, n - RATE // 4))
        length = int(rng.uniform(0.03, 0.2) * RATE)
        burst = rng.standard_normal(length) * np.exp(-np.arange(length) / (length / 5))
        clatter[at : at + length] += burst * rng.uniform(0.5, 3.0)
    beeps = np.zeros(n)
    for _ in range(int(CORPUS_S / 4)):
        at = int(rng.uniform(0, n - RATE // 2))
        length = int(0.15 * RATE)
        freq = rng.choice([660.0, 880.0, 1320.0])
        beeps[at : at + length] += np.sin(2 * np.pi * freq * np.arange(length) / RATE)
    return pink + 0.3 * _unit(hum) + 0.7 * _unit(clatter) + 0.3 * _unit(beeps)


def _segments(track: Any) -> list[list[float]]:
    """Where ``track`` has sound: its 10 ms windows above -45 dB of its active level, merged."""
    win = RATE // 100
    frames = track[: len(track) // win * win].reshape(-1, win)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    if not np.any(rms > 0):
        return []
    on = rms > np.max(rms) * _db_to_amp(-45.0)
    segments: list[list[float]] = []
    for i, flag in enumerate(on):
        if not flag:
            continue
        start, end = i * win / RATE, (i + 1) * win / RATE
        if segments and start - segments[-1][1] < MERGE_GAP_S:
            segments[-1][1] = end
        else:
            segments.append([start, end])
    return [[round(a, 2), round(b, 2)] for a, b in segments]


def _unit(x: Any, active: bool = False) -> Any:
    """``x`` scaled to RMS 1 (``active``: RMS over its 10 ms windows with sound only)."""
    win = RATE // 100
    frames = x[: len(x) // win * win].reshape(-1, win)
    power = np.mean(frames**2, axis=1)
    if active:
        power = power[power > np.max(power) * 1e-4]
    rms = float(np.sqrt(np.mean(power))) if len(power) else 0.0
    return x / rms if rms > 0 else x


def _db_to_amp(db: float) -> float:
    return float(10.0 ** (db / 20.0))


if __name__ == "__main__":
    sys.exit(main())
