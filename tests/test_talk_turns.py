"""The turn detector's calibration (kitchen.talk.turns): a room whose loudness swings during the
calibration (the next team talking on and off) gets a higher start gate than a steady room,
and the far team in a quiet room is no longer called talk."""

from __future__ import annotations

from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from kitchen.talk.frames import FRAME_BYTES, FRAME_SAMPLES  # noqa: E402
from kitchen.talk.sources import FileSource  # noqa: E402
from kitchen.talk.turns import TurnDetector  # noqa: E402

CORPUS = Path(__file__).parent / "talk_corpus"


def noise_frames(levels_db: list[float], seed: int = 3) -> bytes:
    """One frame of white noise per level (dBFS), as 16-bit samples."""
    rng = np.random.default_rng(seed)
    out = []
    for level in levels_db:
        x = rng.standard_normal(FRAME_SAMPLES) * 10 ** (level / 20)
        out.append(np.clip(x * 32767, -32768, 32767).astype("<i2").tobytes())
    return b"".join(out)


def gates(calibration: bytes) -> tuple[float, float]:
    """(start gate with the swing margin, start gate without it) after ``calibration``."""
    with_margin, without = TurnDetector(), TurnDetector(swing_margin=0.0)
    with_margin.calibrate(calibration)
    without.calibrate(calibration)
    return with_margin.gate, without.gate


def test_a_steady_room_keeps_its_start_gate():
    steady = noise_frames([-40.0] * 100)
    assert len(steady) == 100 * FRAME_BYTES
    raised, plain = gates(steady)
    assert raised == plain


def test_a_room_that_swings_gets_a_higher_start_gate():
    # someone across the room talks for a second, then is quiet for a second, and so on:
    # the 1 s average swings by far more than 3 dB between its quartiles
    swinging = noise_frames(([-30.0] * 10 + [-50.0] * 10) * 5)
    raised, plain = gates(swinging)
    assert raised > plain + 1.0


def test_the_far_team_in_a_quiet_room_is_not_talk():
    source = FileSource(CORPUS / "far_team_quiet.wav")
    source.open()
    frames = []
    while (data := source.read()) is not None:
        frames.append(data)
    source.close()
    detector = TurnDetector()
    detector.calibrate(b"".join(frames[:100]))
    verdicts = [v for data in frames[100:] if (v := detector.frame(data)) is not None]
    verdicts += detector.flush()
    assert len(verdicts) == len(frames) - 100
    assert not any(v.talk for v in verdicts)
