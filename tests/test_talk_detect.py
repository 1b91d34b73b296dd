"""Talk detection (kitchen.talk): the detector on the corpus, the calibration against the far
team, the Listener over a WAV file end to end, lost and missing microphones as a status (never
a raise), and no file written while listening."""

from __future__ import annotations

import builtins
import json
import sys
import types
import wave
from pathlib import Path

import pytest

from kitchen import talk
from kitchen.talk.frames import FRAME_BYTES, FRAME_S, TalkFrame
from kitchen.talk.listener import STATUSES, Listener
from kitchen.talk.sources import DeviceSource, FileSource, SourceError, list_devices, to_frame

np = pytest.importorskip("numpy")

from kitchen.talk.detector import make_detector  # noqa: E402 (after the skip: needs numpy)

CORPUS = Path(__file__).parent / "talk_corpus"


def truth(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def true_talk(name: str, count: int) -> list[bool]:
    segments = truth(name)["speech"]
    out = []
    for i in range(count):
        start, end = i * FRAME_S, (i + 1) * FRAME_S
        overlap = sum(max(0.0, min(end, b) - max(start, a)) for a, b in segments)
        out.append(overlap >= FRAME_S / 2 - 1e-9)
    return out


def listen(source, calibration_s: float = 10.0, mic: int = 0) -> Listener:
    listener = Listener(source, mic=mic, calibration_s=calibration_s)
    listener.start()
    listener.join(20.0)
    assert not listener.running
    return listener


def file_frames(name: str) -> list[bytes]:
    source = FileSource(CORPUS / f"{name}.wav")
    source.open()
    frames = []
    while (data := source.read()) is not None:
        frames.append(data)
    source.close()
    return frames


class FailingSource:
    """Gives ``good`` frames of quiet, then fails the way ``error`` says."""

    label = "test microphone"

    def __init__(self, good: int, error: BaseException | None, fail_open: bool = False):
        self.good, self.error, self.fail_open = good, error, fail_open
        self.closed = False

    def open(self) -> None:
        if self.fail_open:
            raise SourceError("no microphone")

    def read(self) -> bytes | None:
        if self.good == 0:
            if self.error is None:
                return None
            raise self.error
        self.good -= 1
        return bytes(FRAME_BYTES)

    def close(self) -> None:
        self.closed = True


def test_corpus_is_small_and_has_its_truth():
    wavs = sorted(CORPUS.glob("*.wav"))
    assert len(wavs) == 6
    assert sum(p.stat().st_size for p in wavs) < 3_000_000
    assert (CORPUS / "LICENCE.md").exists()
    for wav in wavs:
        facts = truth(wav.stem)
        with wave.open(str(wav), "rb") as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 8000)
            assert abs(w.getnframes() / 8000 - facts["duration_s"]) < 0.01
        assert bool(facts["speech"]) == (facts["kind"] == "near")


def detect(kind: str, name: str) -> tuple[list[bool], list[bool], list]:
    """(said, truly talk, verdicts) for the frames after a 10 s calibration of ``name``."""
    frames = file_frames(name)
    detector = make_detector(kind)
    detector.calibrate(b"".join(frames[:100]))
    verdicts = [v for data in frames[100:] if (v := detector.frame(data)) is not None]
    verdicts += detector.flush()
    assert len(verdicts) == len(frames) - 100
    return [v.talk for v in verdicts], true_talk(name, len(frames))[100:], verdicts


def test_auto_is_the_turn_detector_half_a_second_late():
    detector = make_detector("auto")
    assert detector.kind == "turn"
    assert detector.delay * FRAME_S <= 0.6


@pytest.mark.parametrize(("kind", "precision"), [("turn", 0.9), ("energy", 0.85)])
def test_detector_finds_the_talk_in_a_10_db_file(kind, precision):
    said, real, verdicts = detect(kind, "talk_10db_babble")
    tp = sum(s and r for s, r in zip(said, real, strict=True))
    assert tp / sum(said) >= precision
    assert tp / sum(real) >= 0.9  # recall
    assert all(-100.0 <= v.level_db <= 0.0 and round(v.level_db, 1) == v.level_db for v in verdicts)


def test_turn_detector_keeps_the_edges_of_a_turn_and_leaves_out_clatter():
    # at 10 dB the turn detector calls at most a frame of talk outside each true turn; the
    # energy detector's +-0.4 s averaging spills two or three
    said, real, _ = detect("turn", "talk_10db_kitchen")
    outside = sum(s and not r for s, r in zip(said, real, strict=True))
    turns = sum(1 for i, r in enumerate(real) if r and (i == 0 or not real[i - 1]))
    assert outside <= turns
    energy_said, _, _ = detect("energy", "talk_10db_kitchen")
    assert outside < sum(s and not r for s, r in zip(energy_said, real, strict=True))


def test_voicing_tells_a_voice_from_noise():
    from kitchen.talk.features import FeatureMeter

    t = np.arange(1600) / 16_000
    voice = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in range(1, 8))  # 150 Hz, harmonics
    noise = np.random.default_rng(1).standard_normal(1600)
    as_bytes = [
        (0.1 * x / np.max(np.abs(x)) * 32767).astype("<i2").tobytes() for x in (voice, noise)
    ]
    meter = FeatureMeter()
    meter.measure(as_bytes[0])
    loud_voice, voiced = meter.measure(as_bytes[0])
    meter.reset()
    meter.measure(as_bytes[1])
    _, noisy = meter.measure(as_bytes[1])
    assert voiced > 0.9 > 0.5 > noisy
    assert -60.0 < loud_voice < 0.0


def test_calibration_keeps_the_far_team_out():
    calibrated = listen(FileSource(CORPUS / "far_team_quiet.wav")).drain()
    uncalibrated = listen(FileSource(CORPUS / "far_team_quiet.wav"), calibration_s=0).drain()
    scored = calibrated[100:]
    assert sum(f.talk for f in scored) / len(scored) <= 0.1
    # without the room's calibration the next team's talk would count as this team's (its
    # voiced, loud frames: the turn detector leaves out the pauses between them)
    assert sum(f.talk for f in uncalibrated[100:]) / len(scored) > 0.4


def test_listener_over_a_file_end_to_end():
    listener = Listener(FileSource(CORPUS / "talk_10db_babble.wav"), mic=1)
    assert listener.status == "calibrating"
    listener.start()
    listener.join(20.0)
    frames = listener.drain()
    assert listener.drain() == []
    assert (listener.status, listener.status_detail) == ("lost", "end of file")
    assert [f.index for f in frames] == list(range(280))
    assert all(isinstance(f, TalkFrame) and f.mic == 1 for f in frames)
    assert not any(f.talk for f in frames[:100])  # calibration is never talk
    real = true_talk("talk_10db_babble", 280)
    agree = sum(f.talk == r for f, r in zip(frames[100:], real[100:], strict=True))
    assert agree / 180 >= 0.85


def test_a_file_at_another_rate_and_stereo_is_converted(tmp_path):
    assert len(to_frame(bytes(4410 * 4), 2, 2, 44_100)) == FRAME_BYTES
    assert len(to_frame(bytes(800), 1, 1, 8000)) == FRAME_BYTES


@pytest.mark.parametrize(
    ("source", "status", "detail"),
    [
        (FailingSource(30, SourceError("microphone lost")), "lost", "microphone lost"),
        (FailingSource(30, OSError("device unplugged")), "lost", "microphone lost (OSError)"),
        (FailingSource(0, None, fail_open=True), "none", "no microphone"),
        (FileSource("no/such/file.wav"), "none", None),
    ],
)
def test_a_failing_source_is_a_status_never_a_raise(source, status, detail):
    listener = listen(source)
    assert listener.status == status
    assert detail is None or listener.status_detail == detail
    assert listener.status in STATUSES
    frames = listener.drain()
    if isinstance(source, FailingSource) and not source.fail_open:
        assert [f.index for f in frames] == list(range(30))  # what it heard before is kept
        assert source.closed


def test_no_sounddevice_means_no_microphone(monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import fails
    listener = listen(DeviceSource())
    assert listener.status == "none"
    assert "talk extra not installed" in listener.status_detail
    assert list_devices() == []


def test_a_device_that_refuses_or_vanishes(monkeypatch):
    class PortAudioError(Exception):
        pass

    def no_device(*args, **kwargs):
        raise PortAudioError("Error querying device -1")

    fake = types.SimpleNamespace(query_devices=no_device)
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    listener = listen(DeviceSource())
    assert (listener.status, listener.status_detail) == ("none", "no microphone")

    class Stream:
        reads = 0

        def __init__(self, **kwargs):
            if kwargs["samplerate"] == 16_000:
                raise PortAudioError("Invalid sample rate")
            self.rate = kwargs["samplerate"]

        def start(self):
            pass

        def read(self, n):
            Stream.reads += 1
            if Stream.reads > 20:
                raise PortAudioError("Unanticipated host error")  # unplugged
            return bytes(2 * n), False

        def stop(self):
            raise PortAudioError("already gone")

        close = start

    info = {"name": "USB mic", "max_input_channels": 1, "default_samplerate": 48_000.0}
    fake = types.SimpleNamespace(query_devices=lambda *a, **k: info, RawInputStream=Stream)
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    source = DeviceSource()
    listener = listen(source)
    assert (listener.status, listener.status_detail) == ("lost", "microphone lost")
    assert len(listener.drain()) == 20
    assert source.label == "USB mic"


def test_the_real_device_path_does_not_raise():
    # whatever this machine has: no sounddevice, no PortAudio library, no microphone, or one
    listener = Listener(DeviceSource(), calibration_s=0.5)
    listener.start()
    listener.join(1.0)
    listener.stop()
    assert listener.status in STATUSES  # "none"/"no microphone" on a machine without one
    assert isinstance(list_devices(), list)


def test_no_file_is_written_while_listening(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    opened = []
    real_open = builtins.open

    def watching_open(file, mode="r", *args, **kwargs):
        opened.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching_open)
    listener = listen(FileSource(CORPUS / "talk_0db_kitchen.wav"), calibration_s=2.0)
    assert len(listener.drain()) == 280
    assert opened, "the source reads its file through open()"
    assert all(set(mode) <= {"r", "b"} for _, mode in opened), opened
    assert list(tmp_path.iterdir()) == []


def test_missing_extra_is_named(monkeypatch):
    assert talk.missing_dependencies() == [] or "systems-kitchen[talk]" in talk.INSTALL_HINT
    monkeypatch.setattr(talk, "_importable", lambda module: module == "numpy")
    assert talk.missing_dependencies() == ["sounddevice", "webrtcvad-wheels"]
    assert talk.INSTALL_HINT == "Talk recording needs: pip install 'systems-kitchen[talk]'"
    with pytest.raises(ValueError, match="unknown talk detector"):
        make_detector("loudest")
