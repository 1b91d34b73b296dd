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


def corpus_frames(name: str) -> list[bytes]:
    """A corpus file's 100 ms frames, as the listener reads them."""
    source = FileSource(CORPUS / f"{name}.wav")
    source.open()
    frames = []
    while (data := source.read()) is not None:
        frames.append(data)
    source.close()
    return frames


def test_the_babble_veto_weights_fit_its_inputs():
    from kitchen.talk import model_weights
    from kitchen.talk.model import feature_names

    count = len(feature_names())
    assert len(model_weights.WEIGHTS) == count + 1
    assert len(model_weights.MEAN) == len(model_weights.SCALE) == count
    assert all(s > 0 for s in model_weights.SCALE)
    assert 0.0 < model_weights.THRESHOLD < 0.5


def test_the_babble_veto_cuts_the_tails_of_turns_in_babble():
    # at 0 dB in babble the turn detector lets the other tables' loud moments run on after a
    # turn; the veto (a small model of one near voice against many) takes most of them out
    import json

    frames = corpus_frames("talk_0db_babble")
    speech = json.loads((CORPUS / "talk_0db_babble.json").read_text(encoding="utf-8"))["speech"]
    real = [
        sum(max(0.0, min((i + 1) / 10, b) - max(i / 10, a)) for a, b in speech) >= 0.05 - 1e-9
        for i in range(100, len(frames))
    ]
    counts = {}
    for veto in (False, True):
        detector = TurnDetector(veto=veto)
        detector.calibrate(b"".join(frames[:100]))
        said = [v.talk for data in frames[100:] if (v := detector.frame(data)) is not None]
        said += [v.talk for v in detector.flush()]
        tp = sum(s and r for s, r in zip(said, real, strict=True))
        counts[veto] = (tp, sum(said) - tp)
    (tp_off, fp_off), (tp_on, fp_on) = counts[False], counts[True]
    assert fp_on < fp_off / 2
    assert tp_on >= tp_off - 3


def test_without_calibration_the_veto_says_nothing():
    frames = corpus_frames("talk_10db_kitchen")[:60]
    plain, vetoed = TurnDetector(veto=False), TurnDetector()
    said = {}
    for name, detector in (("plain", plain), ("vetoed", vetoed)):
        out = [v for data in frames if (v := detector.frame(data)) is not None]
        said[name] = out + detector.flush()
    assert said["plain"] == said["vetoed"]
